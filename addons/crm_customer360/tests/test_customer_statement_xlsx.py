# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer statement as an Excel workbook: the figures of the PDF worked out by hand,
typed as numbers and dates, one sheet per customer, the same access checks."""
from datetime import datetime

import xlrd

from odoo.exceptions import AccessError

from .test_customer_statement import StatementCase

XLSX_REPORT = 'crm_customer360.customer_statement_xlsx_report'


def read_sheets(content):
    """``[(name, rows)]`` of a workbook: each row a list of values, dates as ``date``s,
    empty cells as None."""
    book = xlrd.open_workbook(file_contents=content)
    sheets = []
    for sheet in book.sheets():
        rows = []
        for index in range(sheet.nrows):
            row = []
            for cell in sheet.row(index):
                if cell.ctype == xlrd.XL_CELL_DATE:
                    row.append(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode).date())
                elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    row.append(None)
                else:
                    row.append(cell.value)
            rows.append(row)
        sheets.append((sheet.name, rows))
    return sheets


def as_date(day):
    return datetime.strptime(day, '%Y-%m-%d').date()


class TestCustomerStatementXlsx(StatementCase):

    def _export(self, partners, env=None):
        report = (env or self.env).ref(XLSX_REPORT)
        content, kind = report.render(partners.ids, data=dict(self.period))
        self.assertEqual(kind, 'xlsx')
        return read_sheets(content)

    def test_workbook_by_hand(self):
        """Opening 600; invoice +500, refund -200, payment -300; closing 600, the card's
        receivable; ageing 300 not due, 300 at 1-30 days. Numbers and dates typed."""
        [(name, rows)] = self._export(self.customer)
        self.assertEqual(name, 'Statement Customer')
        self.assertEqual(rows[0][0], 'Customer Statement')
        self.assertEqual(rows[1][:2], ['Company', self.company.name])
        self.assertEqual(rows[2][:2], ['Customer', 'Statement Customer'])
        self.assertEqual(rows[4][:2], ['Currency', self.company.currency_id.name])
        self.assertEqual(rows[5][:3], ['Period', as_date(self.day(-10)), as_date(self.day(0))])
        self.assertEqual(rows[7], ['Date', 'Document', 'Description', 'Reference', 'Due Date',
                                   'Debit', 'Credit', 'Balance'])
        self.assertEqual(rows[8], [as_date(self.day(-10)), None, 'Opening Balance', None, None,
                                   None, None, 600.0])
        lines = [(row[0], row[1], row[2], row[4], row[5], row[6], row[7]) for row in rows[9:12]]
        self.assertEqual(lines, [
            (as_date(self.day(-8)), self.new.number, 'Invoice', as_date(self.day(22)), 500.0,
             None, 1100.0),
            (as_date(self.day(-6)), self.refund.number, 'Refund', as_date(self.day(-6)), None,
             200.0, 900.0),
            (as_date(self.day(-3)), lines[2][1], 'Payment', None, None, 300.0, 600.0)])
        self.assertTrue(lines[2][1])
        self.assertEqual(rows[12], [as_date(self.day(0)), None, 'Closing Balance', None, None,
                                    500.0, 500.0, 600.0])
        self.customer.invalidate_cache()
        self.assertEqual(rows[12][7], self.customer.receivable_amount)
        self.assertEqual(rows[14][0], 'Ageing of the Closing Balance')
        self.assertEqual(rows[15][:6], ['Not due', '1-30 days', '31-60 days', '61-90 days',
                                        'Over 90 days', 'Total'])
        self.assertEqual(rows[16][:6], [300.0, 300.0, 0.0, 0.0, 0.0, 600.0])
        self.assertEqual(len(rows), 17)

    def test_one_sheet_per_customer_in_their_language(self):
        """In bulk, a sheet per customer (named by code and name), in each one's language."""
        other = self.make_customer('Statement Other', ref='C0042', lang='zh_CN')
        self.make_invoice(other, 70.0, self.day(-2))
        sheets = self._export(self.customer | other)
        self.assertEqual([name for name, _rows in sheets],
                         ['Statement Customer', 'C0042 Statement Other'])
        rows = sheets[1][1]
        self.assertEqual(rows[0][0], '客户对账单')
        self.assertEqual(rows[3][:2], ['客户编码', 'C0042'])
        self.assertEqual(rows[8][2], '期初余额')
        self.assertEqual(rows[9][2], '发票')
        self.assertEqual((rows[10][2], rows[10][5], rows[10][6], rows[10][7]),
                         ('期末余额', 70.0, 0.0, 70.0))

    def test_other_salesperson_refused(self):
        """A salesperson limited to own customers exports their own customer only."""
        groups = ['sales_team.group_sale_salesman', 'crm_customer360.group_own_customers_only']
        owner = self.make_user('stx_owner', groups)
        intruder = self.make_user('stx_intruder', groups)
        self.customer.user_id = owner
        [(_name, rows)] = self._export(self.customer, env=self.env(user=owner.id))
        self.assertEqual(rows[12][7], 600.0)
        with self.assertRaises(AccessError):
            self._export(self.customer, env=self.env(user=intruder.id))
        with self.assertRaises(AccessError):
            self.env.ref(XLSX_REPORT).sudo(intruder).render(self.customer.ids, self.period)

    def test_portal_refused(self):
        """A portal contact of the customer gets no workbook."""
        portal = self.make_user('stx_portal', ['base.group_portal'])
        portal.partner_id.parent_id = self.customer
        with self.assertRaises(AccessError):
            self.env['report.crm_customer360.customer_statement_xlsx'].sudo(
                portal).create_xlsx_report(self.customer.ids, dict(self.period))

    def test_wizard_exports(self):
        """The wizard's "Export to Excel" returns the xlsx report of its customers and
        period."""
        wizard = self.env['crm.customer.statement'].create({
            'partner_ids': [(6, 0, self.customer.ids)], 'date_from': self.day(-10),
            'date_to': self.day(0)})
        action = wizard.action_export_xlsx()
        self.assertEqual((action['report_type'], action['report_name']),
                         ('xlsx', 'crm_customer360.customer_statement_xlsx'))
        self.assertEqual(action['data'], {'date_from': self.day(-10), 'date_to': self.day(0),
                                          'partner_ids': self.customer.ids})
        # As the report_xlsx controller calls it: no ids, the wizard's data.
        content, _kind = self.env.ref(XLSX_REPORT).render_xlsx(None, action['data'])
        self.assertEqual(read_sheets(content)[0][1][12][7], 600.0)

    def test_queries_constant(self):
        """The same number of queries for one customer as for three."""
        others = self.customer
        for index in range(2):
            other = self.make_customer('Statement Bulk %d' % index, lang='en_US')
            self.make_invoice(other, 10.0 * (index + 1), self.day(-2))
            others |= other
        report = self.env.ref(XLSX_REPORT)
        report.render(others.ids, data=dict(self.period))  # caches warm, as a server has them
        counts = []
        for partners in (self.customer, others):
            partners.invalidate_cache()
            before = self.env.cr.sql_log_count
            content, _kind = report.render(partners.ids, data=dict(self.period))
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(len(read_sheets(content)), 3)
        self.assertEqual(counts[0], counts[1])
