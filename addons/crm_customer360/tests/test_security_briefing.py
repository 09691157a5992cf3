# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Over RPC and HTTP as the real users: a customer's visit briefing is printed by the
internal users who may read the customer, with its figures for salespeople only."""
from .rpc_case import RpcCase

REPORT = 'report.crm_customer360.customer_briefing'
URL = '/report/html/crm_customer360.customer_briefing/%d'


class TestSecurityBriefing(RpcCase):

    def test_briefing_report_values(self):
        """``get_report_values`` refuses the portal contact and the own-customers-only
        salesperson; over HTTP the owner gets the figures, an employee the customer only."""
        for role, partner in (('portal', 'own'), ('own_only', 'other')):
            self.assertRpcRefused(role, REPORT, 'get_report_values', [self.ids[partner]],
                                  refusals=('odoo.exceptions.AccessError',))
        for role, figures in (('sales', True), ('employee', False)):
            self.authenticate(self.logins[role], self.logins[role])
            response = self.url_open(URL % self.ids['own'])
            self.assertEqual(response.status_code, 200, response.text[:500])
            self.assertIn('RPC Own Co', response.text)
            self.assertEqual('c360_briefing_receivable' in response.text, figures, role)
        self.authenticate(self.logins['portal'], self.logins['portal'])
        response = self.url_open(URL % self.ids['own'])
        self.assertNotIn('c360_briefing', response.text)
