# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Finish the demo data once the company has a chart of accounts."""
from odoo import SUPERUSER_ID, api, models


class WizardMultiChartsAccounts(models.TransientModel):
    _inherit = 'wizard.multi.charts.accounts'

    @api.multi
    def execute(self):
        """Keep the demo company's currency, then create what waited for this chart.

        On a new database the host installs the chart of accounts after the modules asked for,
        so the demo data of this module is loaded before any journal exists and postpones its
        invoices and its second company's chart (see ``demo_loader.py``). The chart template
        would also set the company's currency to its own (dollars for the generic chart):
        while demo documents wait, the company keeps the currency the demo gave it. Without
        postponed documents this does nothing.

        Only the superuser's run (the install) replays them, never another administrator's
        run of the wizard: ``execute`` is public, and the documents are replayed from a
        system parameter.
        """
        demo = self.env['crm.customer360.demo']
        by_install = self.env.uid == SUPERUSER_ID and not self.env.context.get('c360_demo_chart')
        if by_install and demo._demo_keeps_company_currency():
            for wizard in self:
                wizard.currency_id = wizard.company_id.currency_id
        result = super().execute()
        if by_install:
            demo._demo_chart_loaded()
        return result
