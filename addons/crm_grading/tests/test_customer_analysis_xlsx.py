# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer analysis as an Excel workbook: the selected rows as the user reads them,
grades and their explanation, figures typed as numbers, headers in the user's language."""
from odoo.exceptions import AccessError

from odoo.addons.crm_customer360.tests.test_customer_statement_xlsx import read_sheets
from odoo.addons.crm_customer360.tz import user_today

from .test_crm_customer_analysis import CustomerAnalysisCase

XLSX_REPORT = 'crm_grading.customer_analysis_xlsx_report'
# Columns of the sheet (see _analysis_xlsx_columns; code and explanation follow the
# customer and the grade).
COL = {name: index for index, name in enumerate([
    'date', 'partner_id', 'ref', 'grade_id', 'grade_explanation', 'credit_rating', 'rfm_score',
    'lifecycle_status', 'user_id', 'team_id', 'industry_id', 'revenue', 'revenue_previous',
    'order_count', 'order_amount', 'quotation_count', 'quotation_amount',
    'opportunity_open_count', 'opportunity_won_count', 'opportunity_lost_count', 'win_rate',
    'expected_revenue', 'receivable_amount', 'overdue_amount', 'avg_days_to_pay',
    'days_since_contact'])}


class TestCustomerAnalysisXlsx(CustomerAnalysisCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alpha.write({'ref': 'CUBE-A', 'grade_locked': True,
                         'grade_lock_reason': 'Strategic account'})

    def _export(self, rows, env=None):
        report = (env or self.env).ref(XLSX_REPORT)
        content, kind = report.render(rows.ids, data={})
        self.assertEqual(kind, 'xlsx')
        [(name, sheet)] = read_sheets(content)
        return name, sheet

    def current(self, *partners):
        return self.Analysis.search([('partner_id', 'in', [p.id for p in partners]),
                                     ('is_current_period', '=', True)])

    def test_rows_typed(self):
        """Alpha's current month: 800 receivable (1000 open less the 200 refund), 1000
        overdue, grade A with its explanation; numbers as numbers, the month as a date."""
        row = self.current(self.alpha)
        name, sheet = self._export(row)
        self.assertEqual(name, 'Customer Analysis')
        self.assertEqual(sheet[1][:2], ['Company', self.env.user.company_id.name])
        self.assertEqual(sheet[2][:2], ['Date', user_today(self.env)])
        self.assertEqual(sheet[3][:2], ['Rows', 1.0])
        titles = sheet[5]
        self.assertEqual([titles[COL[key]] for key in ('date', 'partner_id', 'ref', 'grade_id',
                                                       'grade_explanation', 'receivable_amount')],
                         ['Month', 'Customer', 'Customer Code', 'Grade', 'Grade Explanation',
                          'Receivable'])
        [line] = sheet[6:]
        self.assertEqual(line[COL['date']].isoformat(), self.this_month)
        self.assertEqual(line[COL['partner_id']], 'Cube Alpha Ltd')
        self.assertEqual(line[COL['ref']], 'CUBE-A')
        self.assertEqual(line[COL['grade_id']], 'A - Key customer')
        self.assertIn('Strategic account', line[COL['grade_explanation']])
        self.assertEqual(line[COL['grade_explanation']], self.alpha.grade_explanation)
        self.assertEqual(line[COL['credit_rating']], row._fields['credit_rating'].convert_to_export(
            'AA', row))
        self.assertEqual(line[COL['receivable_amount']], 800.0)
        self.assertEqual(line[COL['overdue_amount']], 1000.0)
        self.assertEqual(line[COL['opportunity_open_count']], row.opportunity_open_count)
        self.assertEqual(line[COL['revenue']], row.revenue)
        self.assertIsInstance(line[COL['order_amount']], float)

    def test_chinese_headers(self):
        """A Chinese user reads Chinese headers and labels."""
        name, sheet = self._export(self.current(self.alpha),
                                   env=self.env(context=dict(self.env.context, lang='zh_CN')))
        self.assertEqual(name, '客户分析')
        self.assertEqual(sheet[1][0], '公司')
        self.assertEqual(sheet[5][COL['partner_id']], '客户')
        self.assertEqual(sheet[5][COL['revenue']], '收入')
        self.assertEqual(sheet[5][COL['grade_explanation']], '等级说明')

    def test_own_customers_only(self):
        """A salesperson limited to own customers exports their customers' rows; another's
        row is refused, and so is a portal user."""
        rows = self.current(self.alpha)
        self.assertEqual(self._export(rows, env=self.env(user=self.owner.id))[1][6][1],
                         'Cube Alpha Ltd')
        intruder = self.make_user('cube.intruder', ['crm_customer360.group_own_customers_only'])
        with self.assertRaises(AccessError):
            self._export(rows, env=self.env(user=intruder.id))
        portal = self.make_user('cube.portal', ['base.group_portal'])
        with self.assertRaises(AccessError):
            self.env['report.crm_grading.customer_analysis_xlsx'].sudo(
                portal).create_xlsx_report(rows.ids, {})

    def test_queries_constant(self):
        """The same number of queries for one customer's rows as for three customers'."""
        one = self.current(self.alpha)
        three = self.current(self.alpha, self.co_owned, self.prospect)
        self.assertEqual(len(three), 3)
        report = self.env.ref(XLSX_REPORT)
        report.render(three.ids, data={})  # caches warm, as a server has them
        counts = []
        for rows in (one, three):
            self.Analysis.invalidate_cache()
            self.alpha.invalidate_cache()
            before = self.env.cr.sql_log_count
            report.render(rows.ids, data={})
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts[0], counts[1])
