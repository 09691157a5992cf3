# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every company gets an active default grading policy when it is created; each company says
whether the credit block applies to its sales orders."""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = 'res.company'

    # On by default: a company that sells on credit wants it. A company that only runs the
    # helpdesk (crm_service) or sells for cash turns it off in Sales > Settings.
    credit_block = fields.Boolean(
        'Credit Block on Sales Orders', default=True,
        help="Refuse to confirm a sales order of this company when its customer is rated D "
             "or would exceed its credit limit (credit approvers confirm anyway).")

    credit_approval_days = fields.Integer(
        'Credit Approval Validity (days)', default=7,
        help="How many days after the decision an approved credit approval lets its order "
             "be confirmed.")

    @api.constrains('credit_approval_days')
    def _check_credit_approval_days(self):
        for company in self:
            if company.credit_approval_days < 1:
                raise ValidationError(_(
                    "Credit Approval Validity (days) must be at least 1, not %(days)s.")
                    % {'days': company.credit_approval_days})

    @api.model
    def create(self, vals):
        company = super().create(vals)
        self.env['crm.grading.policy'].sudo()._ensure_default_policies(company)
        return company
