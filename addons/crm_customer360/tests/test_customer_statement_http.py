# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The statement over HTTP, as the web client prints it: the owner gets the totals, another
salesperson an error."""
import json
import re
from datetime import timedelta
from urllib.parse import urlencode
from unittest import mock

from odoo import fields
from odoo.exceptions import AccessError

from odoo.addons.crm_customer360.report.customer_statement import CustomerStatementReport
from odoo.addons.crm_customer360.tz import company_today

from .common import company_accounts
from .http_case import C360HttpCase

URL = '/report/%s/crm_customer360.customer_statement/%d'


class TestCustomerStatementHttp(C360HttpCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            company = env.user.company_id
            day = fields.Date.to_string(company_today(company) - timedelta(days=1))
            users = {}
            for login in ('st_http_owner', 'st_http_other'):
                users[login] = env['res.users'].with_context(no_reset_password=True).create({
                    'name': login, 'login': login, 'password': login,
                    'company_id': company.id, 'company_ids': [(6, 0, company.ids)],
                    'groups_id': [(6, 0, [
                        env.ref('sales_team.group_sale_salesman').id,
                        env.ref('crm_customer360.group_own_customers_only').id])]})
            customer = env['res.partner'].create({
                'name': 'Statement HTTP', 'is_company': True, 'customer': True,
                'lang': 'en_US', 'user_id': users['st_http_owner'].id})
            receivable, revenue = company_accounts(env, company)
            invoice = env['account.invoice'].create({
                'partner_id': customer.id, 'type': 'out_invoice', 'date_invoice': day,
                'account_id': receivable.id,
                'invoice_line_ids': [(0, 0, {'name': 'HTTP line', 'quantity': 1,
                                             'price_unit': 1234.5, 'account_id': revenue.id,
                                             'invoice_line_tax_ids': [(6, 0, [])]})]})
            invoice.action_invoice_open()
            self.customer_id = customer.id
            self.owner_id = users['st_http_owner'].id

    def test_owner_sees_totals(self):
        """The HTML report of the owner shows the closing balance (1,234.50)."""
        self.authenticate('st_http_owner', 'st_http_owner')
        response = self.url_open(URL % ('html', self.customer_id))
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn('Customer Statement', response.text)
        self.assertIn('Closing Balance', response.text)
        self.assertIn('1,234.50', response.text)

    def test_styled_with_bootstrap(self):
        """The HTML (and so the PDF) links the report stylesheet bundle, compiled without
        error and with Bootstrap's rules: the host's bundle names a file of ``website``,
        which the wheels do not ship, and without ir_qweb.py the whole bundle's CSS is
        dropped."""
        self.authenticate('st_http_owner', 'st_http_owner')
        response = self.url_open(URL % ('html', self.customer_id), timeout=300)
        self.assertEqual(response.status_code, 200, response.text[:500])
        # The host inlines a script that alerts the bundle's error (assetsbundle.py).
        error = re.search(r'__assetsBundleErrorSeen.*?\}\)\((".*?")\);', response.text, re.S)
        self.assertFalse(error, 'the report assets failed: %s' % (error and error.group(1)))
        hrefs = re.findall(r'href="(/web/content/[^"]*/web\.report_assets_common\.\d+\.css)"',
                           response.text)
        self.assertTrue(hrefs, 'the report links no web.report_assets_common stylesheet')
        css = ''.join(self.url_open(href, timeout=300).text for href in hrefs)
        self.assertRegex(css, r'(^|[\s}])\.table\s*\{', "no Bootstrap .table rule in the bundle")

    def test_printed_from_the_wizard(self):
        """The web client prints a report with ``data`` at a URL without ids (the options
        and the context in its query): the wizard's customers and period are used."""
        self.authenticate('st_http_owner', 'st_http_owner')
        with self.server_env() as env:
            wizard = env['crm.customer.statement'].sudo(self.owner_id).create({
                'partner_ids': [(6, 0, [self.customer_id])]})
            action = wizard.action_print()
        # As qwebactionmanager.js make_report_url builds it.
        response = self.url_open('/report/html/%s?%s' % (action['report_name'], urlencode({
            'options': json.dumps(action['data']),
            'context': json.dumps(action['context'])})))
        self.assertEqual(response.status_code, 200, response.text[:500])
        self.assertIn('Statement HTTP', response.text)
        self.assertIn('1,234.50', response.text)

    def test_other_salesperson_refused(self):
        """Another salesperson's request gets an error (500, the host's answer to an
        AccessError on an HTTP route), raised by the report's own check."""
        self.authenticate('st_http_other', 'st_http_other')
        original = CustomerStatementReport.get_report_values
        raised = []

        def recording(report, docids, data=None):
            try:
                return original(report, docids, data=data)
            except Exception as error:
                raised.append(type(error))
                raise

        with mock.patch.object(CustomerStatementReport, 'get_report_values', recording):
            for converter in ('html', 'pdf'):
                response = self.url_open(URL % (converter, self.customer_id))
                self.assertEqual(response.status_code, 500)
                self.assertNotIn('1,234.50', response.text)
        self.assertEqual(raised, [AccessError, AccessError])
