# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Wizard: a sales manager locks a customer's grade with a reason and an expiry date."""
from odoo import api, fields, models


class CrmCustomerGradeLock(models.TransientModel):
    _name = 'crm.customer.grade.lock'
    _description = 'Lock a Customer Grade'

    partner_id = fields.Many2one('res.partner', 'Customer', required=True,
                                 ondelete='cascade')
    grade_id = fields.Many2one('crm.customer.grade', 'Grade', required=True)
    reason = fields.Char('Reason', required=True)
    lock_until = fields.Date(
        'Locked Until', help="Last day of the lock; empty locks the grade until unlocked.")

    @api.multi
    def action_lock(self):
        """Lock the grade (the checks live in res.partner._lock_grade)."""
        self.ensure_one()
        self.partner_id._lock_grade(self.grade_id, self.reason, self.lock_until)
        return {'type': 'ir.actions.act_window_close'}
