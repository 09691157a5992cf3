# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Grading policies, runs, credit rating and the analysis over RPC, as the real users (see
SECURITY.md): who may run what, and the bounds of what a manager types."""
import xlrd

from odoo.exceptions import AccessError

from .rpc_common import GradingRpcCase

ANALYSIS_XLSX = 'report.crm_grading.customer_analysis_xlsx'

VALIDATION = ('odoo.exceptions.ValidationError',)


class TestGradingBoundsRpc(GradingRpcCase):

    def policy_id(self):
        with self.server_env() as env:
            return env['crm.grading.policy'].search(
                [('company_id', '=', env.user.company_id.id)]).id

    def test_grade_numbers_are_bounded(self):
        """A follow-up period of 2e9 days broke the card; the pool job's SQL overflowed."""
        grade = self.ids['grade_b']
        for vals, text in (
                ({'follow_up_days': 2000000000},
                 'Follow-up Every (Days) of B - Important customer must be between 0 and '
                 '1830, not 2000000000.'),
                ({'pool_release_days': 100000}, 'Pool Release After (Days) of B'),
                ({'follow_up_days': -1}, 'not -1'),
                ({'sequence': 2 ** 31 - 1}, 'Sequence of B'),
                ({'name': 'x' * 65}, 'has 65 characters; at most 64 are allowed')):
            error = self.assertRpcRefused('manager', 'crm.customer.grade', 'write', [grade],
                                          vals, refusals=VALIDATION)
            self.assertIn(text, error.message)
        self.assertRpcRefused('sales', 'crm.customer.grade', 'write', [grade],
                              {'follow_up_days': 1})
        self.assertRpcRefused('portal', 'crm.customer.grade', 'write', [grade],
                              {'follow_up_days': 1})
        self.rpc('manager', 'crm.customer.grade', 'write', [grade], {'follow_up_days': 1830})

    def test_policy_numbers_are_bounded(self):
        policy = self.policy_id()
        for vals, text in (
                ({'threshold_a': 95.0}, 'must satisfy 0 < A < B <= 100 (A is 95, B is 95)'),
                ({'threshold_a': 0.0}, '(A is 0, B is 95)'),
                ({'threshold_b': 100.5}, '(A is 80, B is 100.5)'),
                ({'period_months': 121}, 'must be between 1 and 120, not 121'),
                ({'name': 'x' * 200}, 'at most 128 are allowed')):
            error = self.assertRpcRefused('manager', 'crm.grading.policy', 'write', [policy],
                                          vals, refusals=VALIDATION)
            self.assertIn(text, error.message)
        with self.server_env() as env:
            rule = env['crm.grading.policy'].browse(policy).rfm_rule_ids[0].id
        error = self.assertRpcRefused('manager', 'crm.grading.policy.rfm.rule', 'write',
                                      [rule], {'min_recency': 6}, refusals=VALIDATION)
        self.assertIn('Minimum R of an RFM rule of policy', error.message)
        # A second active policy of the company: the database's refusal, in clear.
        error = self.assertRpcRefused('manager', 'crm.grading.policy', 'create',
                                      {'name': 'RPC Second', 'method': 'rfm'},
                                      refusals=VALIDATION)
        self.assertIn('A company has only one active grading policy: archive the active one',
                      error.message)
        self.assertRpcRefused('sales', 'crm.grading.policy', 'write', [policy],
                              {'threshold_a': 50.0})
        self.assertRpcRefused('portal', 'crm.grading.policy', 'write', [policy],
                              {'threshold_a': 50.0})


class TestGradingJobsRpc(GradingRpcCase):

    def test_run_grading_is_for_sales_managers(self):
        with self.server_env() as env:
            policy = env['crm.grading.policy'].search(
                [('company_id', '=', env.user.company_id.id)]).id
        for role in ('sales', 'sales_all'):
            error = self.assertRpcRefused(role, 'crm.grading.policy', 'action_run', [policy],
                                          refusals=('odoo.exceptions.AccessError',))
            self.assertIn('Only sales managers may run a grading policy', error.message)
        self.assertRpcRefused('portal', 'crm.grading.policy', 'action_run', [policy])
        action = self.rpc('manager', 'crm.grading.policy', 'action_run', [policy])
        self.assertEqual(action['res_model'], 'crm.grading.run')
        self.assertRpcRefused('portal', 'crm.grading.policy', 'action_open_runs', [policy])
        action = self.rpc('sales', 'crm.grading.policy', 'action_open_runs', [policy])
        self.assertEqual(action['domain'], [['policy_id', '=', policy]])

    def test_rate_credit_is_for_salespeople_who_see_the_customer(self):
        own = self.ids['own']
        self.assertRpcRefused('portal', 'res.partner', 'action_rate_credit', [own])
        self.assertRpcRefused('employee', 'res.partner', 'action_rate_credit', [own])
        # Members of "own customers only" do not see RPC Own Co.
        self.assertRpcRefused('own_only', 'res.partner', 'action_rate_credit', [own])
        self.assertTrue(self.rpc('sales', 'res.partner', 'action_rate_credit', [own]))

    def test_refresh_the_analysis_is_for_sales_managers(self):
        """The refresh reads every document of the database: not for any login."""
        for role in ('sales', 'sales_all', 'employee'):
            error = self.assertRpcRefused(role, 'crm.customer.analysis', 'action_refresh',
                                          refusals=('odoo.exceptions.AccessError',))
            self.assertIn('Only sales managers may refresh the customer analysis',
                          error.message)
        self.assertRpcRefused('portal', 'crm.customer.analysis', 'action_refresh')
        # The worker is private: not callable over RPC at all.
        self.assertRpcRefused('manager', 'crm.customer.analysis', '_refresh',
                              refusals=('odoo.exceptions.UserError',
                                        'odoo.exceptions.AccessError'))
        action = self.rpc('manager', 'crm.customer.analysis', 'action_refresh')
        self.assertEqual(action['res_model'], 'crm.customer.analysis')

    def test_analysis_xlsx(self):
        """The analysis as Excel: ``generate_xlsx_report`` refuses the portal user, and a
        salesperson limited to own customers for another's row, before writing anything;
        the owner downloads the workbook of their customer's row over HTTP."""
        with self.server_env() as env:
            Analysis = env['crm.customer.analysis']
            Analysis._refresh()
            row = {key: Analysis.search([('partner_id', '=', self.ids[key]),
                                         ('is_current_period', '=', True)]).id
                   for key in ('own', 'other')}
        for role, key in (('portal', 'own'), ('own_only', 'other')):
            self.assertRpcRefused(role, ANALYSIS_XLSX, 'generate_xlsx_report', [], None, {},
                                  [row[key]], refusals=('odoo.exceptions.AccessError',))
        self.authenticate(self.logins['sales'], self.logins['sales'])
        response = self.url_open('/report/xlsx/crm_grading.customer_analysis_xlsx/%d'
                                 % row['own'])
        self.assertEqual(response.status_code, 200, response.text[:500])
        sheet = xlrd.open_workbook(file_contents=response.content).sheet_by_index(0)
        self.assertEqual(sheet.cell_value(6, 1), 'RPC Own Co')

    def test_report_rows_read_over_xmlrpc(self):
        """XML-RPC carries integers up to 2**31 - 1: the cube's and the Pareto's row ids
        (made of partner, company and month, they passed it from the 22nd customer on) fit,
        so an XML-RPC client reads both."""
        with self.server_env() as env:
            env['crm.customer.analysis']._refresh()
            env.cr.execute("SELECT MAX(id) FROM res_partner")
            self.assertGreater(env.cr.fetchone()[0], 21)
        for model, names in (('crm.customer.analysis', ['partner_id', 'revenue']),
                             ('crm.customer.pareto', ['partner_id', 'rank'])):
            rows = self.xmlrpc('manager', model, 'search_read', [], names)
            self.assertTrue(rows, model)
            self.assertLess(max(row['id'] for row in rows), 2 ** 31, model)

    def test_init_hooks_refuse_every_caller(self):
        """init rebuilds the views (DDL): the server runs it on install and update only."""
        for model in ('crm.customer.analysis', 'crm.customer.pareto'):
            for role in ('portal', 'sales', 'manager'):
                self.assertRpcRefused(role, model, 'init', [],
                                      refusals=('odoo.exceptions.AccessError',))
            # The host refuses the name over RPC; any other caller meets the check.
            with self.server_env() as env:
                with self.assertRaises(AccessError) as caught:
                    env[model].sudo(self.ids['manager']).init()
                self.assertEqual(caught.exception.name,
                                 "Only the server itself may run this operation.")

    def test_pareto_summary_is_for_salespeople(self):
        for role in ('portal', 'employee'):
            self.assertRpcRefused(role, 'crm.customer.pareto.summary', 'default_get',
                                  ['summary', 'top_count'])
            self.assertRpcRefused(role, 'crm.customer.pareto.summary', 'create', {})
        values = self.rpc('sales', 'crm.customer.pareto.summary', 'default_get',
                          ['summary', 'top_count'])
        self.assertIn('of the customers', values['summary'])
        summary = self.rpc('sales', 'crm.customer.pareto.summary', 'create', {})
        self.assertEqual(
            self.rpc('sales', 'crm.customer.pareto.summary', 'action_open_curve',
                     [summary])['res_model'], 'crm.customer.pareto')
        self.assertEqual(
            self.rpc('sales', 'crm.customer.pareto.summary', 'action_open_top',
                     [summary])['context'], {'search_default_top': 1})
        for method in ('action_open_curve', 'action_open_top'):
            self.assertRpcRefused('portal', 'crm.customer.pareto.summary', method, [summary])
        # The title of the window is all name_get gives, to anyone.
        for role in ('portal', 'sales'):
            self.assertEqual(
                self.rpc(role, 'crm.customer.pareto.summary', 'name_get', [summary]),
                [[summary, 'Customer Pareto (80/20)']])

    def test_companies_are_created_by_administrators(self):
        """A new company gets its default grading policy; only administrators create one."""
        for role in ('portal', 'sales', 'manager'):
            self.assertRpcRefused(role, 'res.company', 'create', {'name': 'RPC New Company'})
        with self.server_env() as env:
            self.assertFalse(env['res.company'].search([('name', '=', 'RPC New Company')]))
