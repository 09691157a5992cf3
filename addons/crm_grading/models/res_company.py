# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every company gets an active default grading policy when it is created."""
from odoo import api, models


class ResCompany(models.Model):
    _inherit = 'res.company'

    @api.model
    def create(self, vals):
        company = super().create(vals)
        self.env['crm.grading.policy'].sudo()._ensure_default_policies(company)
        return company
