# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The salesperson's request for a credit approval of a blocked quotation, with the reason."""
from odoo import api, fields, models


class CrmCreditApprovalRequest(models.TransientModel):
    _name = 'crm.credit.approval.request'
    _description = 'Request Credit Approval'

    order_id = fields.Many2one('sale.order', 'Sales Order', required=True)
    reason = fields.Text('Reason', required=True)

    @api.multi
    def action_request(self):
        """Create the request (``crm.credit.approval.create`` checks the order and the user)."""
        self.ensure_one()
        self.env['crm.credit.approval'].create({'order_id': self.order_id.id,
                                                'reason': self.reason})
        return {'type': 'ir.actions.act_window_close'}

