# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every company gets an active default grading policy when it is created; each company says
whether the credit block applies to its sales orders."""
from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    # On by default: a company that sells on credit wants it. A company that only runs the
    # helpdesk (crm_service) or sells for cash turns it off in Sales > Settings.
    credit_block = fields.Boolean(
        'Credit Block on Sales Orders', default=True,
        help="Refuse to confirm a sales order of this company when its customer is rated D "
             "or would exceed its credit limit (credit approvers confirm anyway).")

    @api.model
    def create(self, vals):
        company = super().create(vals)
        self.env['crm.grading.policy'].sudo()._ensure_default_policies(company)
        return company
