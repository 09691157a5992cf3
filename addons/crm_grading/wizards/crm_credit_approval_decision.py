# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The approver's decision on a credit approval, with its note (the reason of a rejection
goes back to the salesperson)."""
from odoo import api, fields, models


class CrmCreditApprovalDecision(models.TransientModel):
    _name = 'crm.credit.approval.decision'
    _description = 'Credit Approval Decision'

    approval_id = fields.Many2one('crm.credit.approval', 'Credit Approval', required=True)
    decision = fields.Selection([('approve', 'Approve'), ('reject', 'Reject')],
                                required=True, default='approve')
    note = fields.Text('Decision Note')

    @api.multi
    def action_decide(self):
        """Approve or reject (the approval's methods check that the user is an approver)."""
        self.ensure_one()
        if self.decision == 'approve':
            self.approval_id.action_approve(self.note)
        else:
            self.approval_id.action_reject(self.note)
        return {'type': 'ir.actions.act_window_close'}
