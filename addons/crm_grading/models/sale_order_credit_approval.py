# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Credit approvals on sales orders: the request button, and the credit block letting an
approved quotation through (``crm_credit_approval.py`` says what an approval covers)."""
from odoo import _, api, fields, models
from odoo.tools import html_escape

from odoo.addons.crm_customer360.facts import QUOTATION_STATES

from .res_partner import SALES


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    credit_approval_ids = fields.One2many(
        'crm.credit.approval', 'order_id', 'Credit Approvals', readonly=True, groups=SALES)
    credit_approval_status = fields.Selection([
        ('requested', 'Credit approval requested'),
        ('approved', 'Credit approved'),
    ], 'Credit Approval', compute='_compute_credit_approval_status', groups=SALES,
        help="Whether a credit approval of this order is waiting for a decision, or lets it "
             "through the credit block as it stands.")

    @api.depends('credit_approval_ids.state', 'amount_total', 'currency_id')
    def _compute_credit_approval_status(self):
        """The pending or covering approval of each order (read as superuser: the
        salesperson of the order sees its status whoever asked)."""
        for order in self:
            approvals = order.sudo().credit_approval_ids
            if approvals.filtered(lambda a: a.state == 'requested'):
                order.credit_approval_status = 'requested'
            elif approvals._covers(order):
                order.credit_approval_status = 'approved'
            else:
                order.credit_approval_status = False

    @api.multi
    def action_request_credit_approval(self):
        """Open the request form (reason) for a blocked quotation."""
        self.ensure_one()
        self.check_access_rights('write')
        self.check_access_rule('write')
        return {
            'type': 'ir.actions.act_window',
            'name': _("Request Credit Approval"),
            'res_model': 'crm.credit.approval.request',
            'view_mode': 'form',
            'target': 'new',
            'context': {'default_order_id': self.id},
        }

    @api.multi
    def _credit_approval_values(self):
        """What an approval of this order covers: the order, its total and currency."""
        self.ensure_one()
        return {
            'order_id': self.id,
            'partner_id': self.partner_id.commercial_partner_id.id,
            'company_id': self.company_id.id,
            'amount': self.amount_total,
            'currency_id': self.currency_id.id,
        }

    @api.multi
    def _credit_waive(self, problems):
        """Let through the quotations covered by a credit approval, with a note on each."""
        problems = super()._credit_waive(problems)
        if not problems:
            return problems
        quotations = self.filtered(lambda o: o.id in problems and o.state in QUOTATION_STATES)
        approvals = self.env['crm.credit.approval'].sudo().search([
            ('order_id', 'in', quotations.ids), ('state', '=', 'approved')])
        for order in quotations:
            approval = approvals._covers(order)
            if not approval:
                continue
            del problems[order.id]
            text = _("Confirmed with the credit approval of %(user)s (valid until %(date)s).") % {
                'user': approval.decided_by_id.name, 'date': approval.expiry_date}
            order.sudo().message_post(body=html_escape(text))
        return problems
