# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Users who own customers: who may, and what happens to their customers when they leave.

A user who still owns customers is not archived, deleted or stripped of their sales rights
(their customers would be left with an owner nobody can reach): their customers are handed
over first. Only active internal users with sales rights receive customers.
"""
from odoo import _, api, models
from odoo.exceptions import ValidationError

from ..exceptions import HandoverRequired

SALESMAN = 'sales_team.group_sale_salesman'
# Keys of res.users.write that change groups: the field itself and the user form's reified
# group fields (res.groups' "in_group_<id>" check boxes and "sel_groups_<ids>" selections).
GROUP_KEYS = ('groups_id', 'in_group_', 'sel_groups_')


class ResUsers(models.Model):
    _inherit = 'res.users'

    @api.model
    def _create(self, vals):
        """A user's own partner is not a customer (an employee, a portal account)."""
        user_id = super()._create(vals)
        self.browse(user_id)._unmark_customers()
        return user_id

    @api.multi
    def _unmark_customers(self):
        """Take the customer flag off the partners of these users (all users when empty), in
        one statement; the install and the update of the module call it for existing ones."""
        self.env.cr.execute("""
            UPDATE res_partner p SET customer = FALSE
              FROM res_users u
             WHERE u.partner_id = p.id AND p.customer AND (%s OR u.id = ANY(%s))
         RETURNING p.id""", [not self.ids, self.ids])
        ids = [row[0] for row in self.env.cr.fetchall()]
        if ids:
            self.env['res.partner'].invalidate_cache(['customer'], ids)
        return ids

    @api.multi
    def write(self, vals):
        if 'active' in vals and not vals['active']:
            # Nobody learns who owns customers by trying to archive users they may not.
            self.check_access_rights('write')
            self._check_no_customers_left()
        res = super().write(vals)
        if any(key.startswith(GROUP_KEYS) for key in vals):
            # the rights are known after the write; a refusal rolls it back
            self._check_no_customers_left(self._customer_owners_unfit())
        return res

    @api.multi
    def unlink(self):
        """Refuse to delete users who still own customers (their customers would lose their
        owner without any trace in their ownership history)."""
        self.check_access_rights('unlink')
        self._check_no_customers_left()
        return super().unlink()

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.multi
    def _customer_owners_unfit(self):
        """The users of ``self`` who may not own customers: archived users, portal and public
        users, users without sales rights. Override to require more."""
        return self.sudo().with_context(active_test=False).filtered(
            lambda user: not user.active or user.share or not user.has_group(SALESMAN))

    @api.multi
    def _check_customer_owners(self):
        """Refuse to give customers to users who may not own them (see
        ``_customer_owners_unfit``): by hand, by handover or on a new customer."""
        unfit = self._customer_owners_unfit()
        if unfit:
            raise ValidationError(_(
                "%(users)s cannot own customers: choose an active internal user with sales "
                "rights.") % {'users': ', '.join(unfit.mapped('name'))})

    @api.multi
    def _check_no_customers_left(self, users=None):
        """Refuse to archive, delete or take the sales rights of users who still own
        customers (``users``, by default ``self``); one query for all users."""
        users = self if users is None else users
        if not users:
            return
        # Counted over every customer, whatever the acting user may see.
        data = self.env['res.partner'].sudo().read_group(
            [('user_id', 'in', users.ids), ('customer', '=', True), ('parent_id', '=', False)],
            ['user_id'], ['user_id'])
        owners = [(d['user_id'][1], d['user_id_count']) for d in data if d['user_id_count']]
        if not owners:
            return
        message = _(
            "These users still own customers: %(users)s. Create a handover (Sales > Handovers) "
            "to give their customers to someone else before archiving or deleting them or "
            "taking away their sales rights.") % {'users': ', '.join(
            _("%(user)s (%(count)d customers)") % {'user': name, 'count': count}
            for name, count in owners)}
        if len(data) == 1:
            # The button opens a new handover from this user, as a resignation.
            action = self.env.ref('crm_customer360.crm_customer_handover_action_leaving')
            raise HandoverRequired(message, '%d&active_id=%d' % (
                action.id, data[0]['user_id'][0]), _("Hand Over Their Customers"))
        action = self.env.ref('crm_customer360.crm_customer_handover_action')
        raise HandoverRequired(message, action.id, _("Open the Handovers"))
