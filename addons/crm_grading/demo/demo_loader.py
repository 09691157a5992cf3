# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo's closing step: grade the demo customers, rate their credit, refresh the cube."""
from odoo import api, models


class CustomerDemo(models.AbstractModel):
    _inherit = 'crm.customer360.demo'

    @api.model
    def _demo_after_documents(self):
        """Grade every company's customers and rate their credit, from the demo documents."""
        super()._demo_after_documents()
        self.env['crm.grading.policy']._run_active_policies()
        self.env['res.partner']._rate_credit_all_companies()

    @api.model
    def _demo_refresh_reports(self):
        """The customer analysis (cube and Pareto) reads the grades and the documents."""
        super()._demo_refresh_reports()
        self.env['crm.customer.analysis']._refresh()
