# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Over RPC and HTTP as the real users: a customer's statement is printed and sent by the
internal users who may read the customer, never by its portal contact nor by a salesperson
limited to other customers."""
import json
from urllib.parse import urlencode

import xlrd

from .rpc_case import RpcCase

REPORT = 'report.crm_customer360.customer_statement'
XLSX = 'report.crm_customer360.customer_statement_xlsx'
XLSX_URL = '/report/xlsx/crm_customer360.customer_statement_xlsx'
PERIOD = {'date_from': '2026-01-01', 'date_to': '2026-01-31'}


class TestSecurityStatement(RpcCase):

    def test_statement_report_values(self):
        """``get_report_values`` refuses the portal contact and the own-customers-only
        salesperson; the owner prints the statement over HTTP."""
        for role, partner in (('portal', 'own'), ('own_only', 'other')):
            self.assertRpcRefused(role, REPORT, 'get_report_values', [self.ids[partner]],
                                  PERIOD, refusals=('odoo.exceptions.AccessError',))
        self.authenticate(self.logins['sales'], self.logins['sales'])
        response = self.url_open('/report/html/crm_customer360.customer_statement/%d'
                                 % self.ids['own'])
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn('RPC Own Co', response.text)
        self.assertIn('Closing Balance', response.text)

    def test_statement_send(self):
        """``action_statement_send`` opens the composer for the owner only."""
        for role, partner in (('portal', 'own'), ('own_only', 'other')):
            self.assertRpcRefused(role, 'res.partner', 'action_statement_send',
                                  [self.ids[partner]],
                                  refusals=('odoo.exceptions.AccessError',))
        action = self.rpc('sales', 'res.partner', 'action_statement_send', [self.ids['own']])
        self.assertEqual(action['res_model'], 'mail.compose.message')
        self.assertEqual(action['context']['default_res_id'], self.ids['own'])

    def test_statement_wizard(self):
        """The wizard's ``action_print`` only returns the report action (the report checks
        the reader); its ``action_send`` refuses whoever may not read the customer."""
        for role, partner in (('portal', 'own'), ('own_only', 'other'), ('sales', 'own')):
            wizard_id = self.rpc(role, 'crm.customer.statement', 'create', dict(
                PERIOD, partner_ids=[(6, 0, [self.ids[partner]])]))
            action = self.rpc(role, 'crm.customer.statement', 'action_print', [wizard_id])
            self.assertEqual(action['report_name'], 'crm_customer360.customer_statement')
            self.assertEqual((action['data']['date_from'], action['data']['date_to']),
                             (PERIOD['date_from'], PERIOD['date_to']))
            if role == 'sales':
                self.assertEqual(action['data']['partner_ids'], [self.ids['own']])
                action = self.rpc(role, 'crm.customer.statement', 'action_send', [wizard_id])
                self.assertEqual(action['context']['statement_date_to'], '2026-01-31')
            else:
                # The portal user's wizard holds no customer it may read: a clear message.
                self.assertRpcRefused(role, 'crm.customer.statement', 'action_send',
                                      [wizard_id], refusals=('odoo.exceptions.AccessError',
                                                             'odoo.exceptions.UserError'))

    def test_statement_xlsx(self):
        """The Excel statement: ``generate_xlsx_report`` refuses the portal contact and the
        own-customers-only salesperson before writing anything; the wizard's
        ``action_export_xlsx`` only returns the report action; the owner downloads the
        workbook over HTTP (by id, and as the web client asks for the wizard's), another
        salesperson gets an error."""
        for role, partner in (('portal', 'own'), ('own_only', 'other')):
            self.assertRpcRefused(role, XLSX, 'generate_xlsx_report', [], None, PERIOD,
                                  [self.ids[partner]], refusals=('odoo.exceptions.AccessError',))
        for role in ('portal', 'sales'):
            wizard_id = self.rpc(role, 'crm.customer.statement', 'create', dict(
                PERIOD, partner_ids=[(6, 0, [self.ids['own']])]))
            action = self.rpc(role, 'crm.customer.statement', 'action_export_xlsx', [wizard_id])
            self.assertEqual((action['report_type'], action['report_name']),
                             ('xlsx', 'crm_customer360.customer_statement_xlsx'))
        self.authenticate(self.logins['sales'], self.logins['sales'])
        for url in ('%s/%d' % (XLSX_URL, self.ids['own']), '%s?%s' % (XLSX_URL, urlencode({
                'options': json.dumps(action['data']),
                'context': json.dumps(action['context'])}))):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, response.text[:500])
            book = xlrd.open_workbook(file_contents=response.content)
            self.assertEqual(book.sheet_names(), ['RPC Own Co'])
            self.assertEqual(book.sheet_by_index(0).cell_value(2, 1), 'RPC Own Co')
        self.authenticate(self.logins['own_only'], self.logins['own_only'])
        response = self.url_open('%s/%d' % (XLSX_URL, self.ids['other']))
        self.assertEqual(response.status_code, 500)
        self.assertNotIn(b'RPC Other Co', response.content)
