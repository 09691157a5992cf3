# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who owned a customer when: one row per change of a customer's salesperson."""
from odoo import api, fields, models

from odoo.addons.crm_customer360.access import acting_user_id


class CrmCustomerOwnershipHistory(models.Model):
    _name = 'crm.customer.ownership.history'
    _description = 'Customer Ownership History'
    _order = 'date desc, id desc'

    partner_id = fields.Many2one(
        'res.partner', 'Customer', required=True, index=True, ondelete='restrict',
        readonly=True)
    date = fields.Datetime('Date', required=True, default=fields.Datetime.now, readonly=True)
    changed_by = fields.Many2one(
        'res.users', 'Changed By', default=lambda self: self.env.user, readonly=True)
    from_user_id = fields.Many2one('res.users', 'Previous Owner', readonly=True)
    to_user_id = fields.Many2one('res.users', 'New Owner', readonly=True)
    reason = fields.Char('Reason', readonly=True)

    @api.model
    def _record_changes(self, changes, reason):
        """Write one history row per customer whose owner changed.

        The history is kept whatever the rights of the user who changed the owner, so it is
        written with the module's rights; a process running as superuser names the real
        user in the context key ``c360_acting_user_id``. Extend to add fields to the rows.

        :param changes: list of ``(partner, old_user, new_user)``
        :param reason: why the owners changed, as shown in the history
        :return: the history rows created
        """
        History = self.sudo()
        rows = History.browse()
        changed_by = acting_user_id(self.env)
        for partner, old_user, new_user in changes:
            rows |= History.create({
                'partner_id': partner.id, 'changed_by': changed_by,
                'from_user_id': old_user.id, 'to_user_id': new_user.id, 'reason': reason})
        return rows
