# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Ownership of a customer: its owner (``user_id``), co-owners and the ownership history."""
from odoo import _, api, fields, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    co_owner_ids = fields.Many2many(
        'res.users', 'crm_customer_co_owner_rel', 'partner_id', 'user_id', 'Co-owners',
        help="Other salespeople working on the account besides its owner. The contacts of "
             "a company follow the company's owner and co-owners.")
    ownership_history_ids = fields.One2many(
        'crm.customer.ownership.history', 'partner_id', 'Ownership History', readonly=True)

    @api.model
    def _commercial_fields(self):
        """Contacts follow their company's owner and co-owners (synced by the host)."""
        return super()._commercial_fields() + ['user_id', 'co_owner_ids']

    def _is_owned_customer(self):
        """Whether this partner is a customer whose owner changes are recorded: a customer
        that is its own commercial entity (a company, or a person without a company)."""
        return bool(self.customer and not self.parent_id)

    @api.multi
    def write(self, vals):
        if 'user_id' not in vals:
            return super().write(vals)
        new_user = self.env['res.users'].browse(vals['user_id'] or [])
        before = [(partner, partner.user_id) for partner in self
                  if partner._is_owned_customer() and partner.user_id != new_user]
        res = super().write(vals)
        if before:
            self._record_ownership_changes(
                [(partner, old_user, new_user) for partner, old_user in before])
        return res

    @api.model
    def _record_ownership_changes(self, changes):
        """Write the ownership history and tell each customer's followers.

        The reason comes from the context key ``ownership_change_reason`` (the handover sets
        it); extend to notify elsewhere.

        :param changes: list of ``(partner, old_user, new_user)``
        """
        reason = self.env.context.get('ownership_change_reason') or _("Owner changed")
        self.env['crm.customer.ownership.history']._record_changes(changes, reason)
        acting_user = self.env['res.users'].browse(
            self.env.context.get('c360_acting_user_id') or self.env.uid)
        for partner, old_user, new_user in changes:
            partner.message_post(
                body=_("Owner changed from %s to %s (%s).") % (
                    old_user.name or _("nobody"), new_user.name or _("nobody"), reason),
                author_id=acting_user.partner_id.id)
