# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Finish the demo data once the company has a chart of accounts."""
from odoo import api, models


class WizardMultiChartsAccounts(models.TransientModel):
    _inherit = 'wizard.multi.charts.accounts'

    @api.multi
    def execute(self):
        """Create the demo invoices that waited for this chart of accounts.

        On a new database the host installs the chart of accounts after the modules asked for,
        so the demo data of this module is loaded before any journal exists and postpones its
        invoices (see ``demo_loader.py``). Without postponed documents this does nothing.
        """
        result = super().execute()
        self.env['crm.customer360.demo'].create_postponed_documents()
        return result
