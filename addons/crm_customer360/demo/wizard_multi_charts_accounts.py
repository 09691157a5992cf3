# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Finish the demo data once the company has a chart of accounts."""
from odoo import SUPERUSER_ID, api, models


class WizardMultiChartsAccounts(models.TransientModel):
    _inherit = 'wizard.multi.charts.accounts'

    @api.multi
    def execute(self):
        """Create the demo invoices that waited for this chart of accounts.

        On a new database the host installs the chart of accounts after the modules asked for,
        so the demo data of this module is loaded before any journal exists and postpones its
        invoices (see ``demo_loader.py``). Without postponed documents this does nothing.

        Only the superuser's run (the install) replays them, never another administrator's
        run of the wizard: ``execute`` is public, and the documents are replayed from a
        system parameter.
        """
        result = super().execute()
        if self.env.uid == SUPERUSER_ID:
            self.env['crm.customer360.demo']._create_postponed_documents()
        return result
