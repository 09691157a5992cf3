# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A sales manager gives customers to another salesperson by hand, saying why."""
from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class CrmCustomerOwnerChange(models.TransientModel):
    """The "Change Owner" dialog of the card and of the customer list.

    The change goes through ``res.partner.write`` (as the superuser, after the checks) with
    the reason in the context key ``ownership_change_reason``, so that the ownership history,
    the chatter and the contacts follow as for any other change of owner. A handover is the tool for a salesperson's whole
    book of customers with their open work; this is for a few customers.
    """

    _name = 'crm.customer.owner.change'
    _description = 'Change the Owner of Customers'

    partner_ids = fields.Many2many(
        'res.partner', string='Customers', default=lambda self: self._default_partner_ids())
    user_id = fields.Many2one(
        'res.users', 'New Owner', domain=[('share', '=', False)])
    reason = fields.Text('Reason', help="Why the customers change owner: kept in their "
                                        "ownership history and written in their chatter.")

    @api.model
    def _default_partner_ids(self):
        """The selected partners' commercial entities (a contact stands for its company)."""
        if self.env.context.get('active_model') != 'res.partner':
            return []
        partners = self.env['res.partner'].browse(self.env.context.get('active_ids') or [])
        return partners.mapped('commercial_partner_id').ids

    @api.multi
    def action_apply(self):
        """Give the customers to the new owner; refuse anything half done."""
        self.ensure_one()
        if not self.env.user.has_group('sales_team.group_sale_manager'):
            raise AccessError(_("Only sales managers change the owner of customers by hand; "
                                "ask yours, or claim the customer from the public pool."))
        reason = (self.reason or '').strip()
        if not reason:
            raise UserError(_("Say why the customers change owner: the reason stays in their "
                              "ownership history."))
        if not self.user_id:
            raise UserError(_("Choose the new owner."))
        self.user_id._check_customer_owners()
        customers = self.partner_ids.mapped('commercial_partner_id')
        if not customers:
            raise UserError(_("Choose the customers whose owner changes."))
        not_customers = customers.filtered(lambda partner: not partner.customer)
        if not_customers:
            raise UserError(_("These partners are not customers: %(partners)s.") % {
                'partners': ', '.join(not_customers.mapped('display_name'))})
        # Two managers at once: the second waits here and then writes over a current row.
        self.env.cr.execute("SELECT id FROM res_partner WHERE id IN %s FOR UPDATE",
                            (tuple(customers.ids),))
        customers.invalidate_cache(['user_id', 'in_pool'])
        moving = customers.filtered(lambda partner: partner.user_id != self.user_id)
        # Taking a customer out of the pool is refused to everyone over write: checked above,
        # done as the superuser in the manager's name.
        moving.sudo().with_context(
            c360_acting_user_id=self.env.uid,
            ownership_change_reason=('manual', {'note': reason})).write({
                'user_id': self.user_id.id, 'in_pool': False, 'pool_released_date': False,
                'pool_released_facts': False, 'pool_released_reason_text': False,
                'pool_released_user_id': False})
        return {'type': 'ir.actions.act_window_close'}
