# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer analysis (``crm.customer.analysis``) as an Excel workbook (OCA
``report_xlsx``): the rows the user selected in the list, as they read them (record rules),
with the grade and its explanation, the figures as numbers in the company's currency format
and the months as Excel dates; headers in the user's language.

Better than the pivot's "Download xls" for working on the rows: one row per customer and
month with its grade, explanation, rating and salesperson (the pivot exports only its
grouped totals, as text headers of its own), typed numbers with the currency's format.
"""
from odoo import _, api, models
from odoo.exceptions import AccessError

from odoo.addons.crm_customer360.report.xlsx_format import XlsxFormats, write_date
from odoo.addons.crm_customer360.tz import user_today

ANALYSIS = 'crm.customer.analysis'
# Figures that are not amounts: how each is formatted.
COUNT_FIELDS = ('order_count', 'quotation_count', 'opportunity_open_count',
                'opportunity_won_count', 'opportunity_lost_count', 'days_since_contact')
DECIMAL_FIELDS = ('win_rate', 'avg_days_to_pay')
FIRST_ROW = 5


class CustomerAnalysisXlsx(models.AbstractModel):
    """The analysis workbook; extend ``_analysis_xlsx_columns`` to add columns (a module
    that adds measures to the cube, as ``crm_service`` does, lists them there)."""

    _name = 'report.crm_grading.customer_analysis_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Customer analysis (Excel)'

    def _get_objs_for_report(self, docids, data):
        """The rows of the URL (the list's selection), whatever the context's model."""
        return self.env[ANALYSIS].browse(docids or [])

    def generate_xlsx_report(self, workbook, data, objs):
        """One sheet of the analysis rows ``objs`` (the list's selection); refused
        (AccessError) when the user may not read one of them, before anything is written."""
        # Over RPC ``objs`` arrives as a list of ids: the check below refuses it the same.
        ids = objs.ids if isinstance(objs, models.BaseModel) else list(objs or [])
        rows = self._readable_rows(ids)
        formats = XlsxFormats(workbook)
        self._write_analysis(workbook, formats, rows)

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------
    @api.model
    def _readable_rows(self, ids):
        """The analysis rows ``ids`` the user may read, all of them or an AccessError."""
        rows = self.env[ANALYSIS].search([('id', 'in', ids)], order='date desc, id')
        if len(rows) != len(set(ids)):
            raise AccessError(_("You may only export the analysis rows of customers you may "
                                "read: select the rows again in the Customer Analysis list."))
        return rows

    @api.model
    def _analysis_xlsx_columns(self):
        """The cube's fields exported, in order (after the grade's explanation, which is the
        customer's): dimensions first, then the figures."""
        return ['date', 'partner_id', 'grade_id', 'credit_rating', 'rfm_score',
                'lifecycle_status', 'user_id', 'team_id', 'industry_id', 'revenue',
                'revenue_previous', 'order_count', 'order_amount', 'quotation_count',
                'quotation_amount', 'opportunity_open_count', 'opportunity_won_count',
                'opportunity_lost_count', 'win_rate', 'expected_revenue', 'receivable_amount',
                'overdue_amount', 'avg_days_to_pay', 'days_since_contact']

    # ------------------------------------------------------------------
    # Writing
    # ------------------------------------------------------------------
    @api.model
    def _write_analysis(self, workbook, formats, rows):
        """The sheet: a header (title, company, date, row count), then one line per row."""
        columns = self._analysis_xlsx_columns()
        described = self.env[ANALYSIS].fields_get(columns + ['company_id'],
                                                   ['string', 'type', 'selection'])
        values = rows.read(columns + ['company_id'])
        partners = rows.mapped('partner_id')
        partner_info = {p['id']: p for p in partners.read(['ref', 'grade_explanation'])}
        companies = rows.mapped('company_id')
        currencies = {company.id: company.currency_id for company in companies}
        lang = self.env.lang
        sheet = workbook.add_worksheet(_("Customer Analysis"))
        sheet.write(0, 0, _("Customer Analysis"), formats.title)
        sheet.write(1, 0, _("Company"), formats.bold)
        sheet.write(1, 1, self.env.user.company_id.name)
        sheet.write(2, 0, _("Date"), formats.bold)
        write_date(sheet, 2, 1, user_today(self.env), formats.date(self.env, lang))
        sheet.write(3, 0, _("Rows"), formats.bold)
        sheet.write_number(3, 1, len(rows), formats.integer)
        titles = []
        for name in columns:
            titles.append(described[name]['string'])
            if name == 'partner_id':
                titles.append(_("Customer Code"))
            elif name == 'grade_id':
                titles.append(_("Grade Explanation"))
        for col, title in enumerate(titles):
            sheet.write(FIRST_ROW, col, title, formats.header)
        sheet.set_row(FIRST_ROW, 30)
        sheet.set_column(0, len(titles) - 1, 14)
        date = formats.date(self.env, lang)
        for row_index, record in enumerate(values, start=FIRST_ROW + 1):
            company_id = record['company_id'] and record['company_id'][0]
            currency = currencies.get(company_id) or self.env.user.company_id.currency_id
            col = 0
            for name in columns:
                self._write_value(sheet, row_index, col, name, record[name], described[name],
                                  formats, date, currency)
                col += 1
                if name in ('partner_id', 'grade_id'):
                    info = partner_info.get(record['partner_id'] and record['partner_id'][0])
                    text = info and info['ref' if name == 'partner_id' else 'grade_explanation']
                    sheet.write(row_index, col, text or '', formats.wrap
                                if name == 'grade_id' else None)
                    col += 1
        sheet.freeze_panes(FIRST_ROW + 1, 2)
        if values:
            sheet.autofilter(FIRST_ROW, 0, FIRST_ROW + len(values), len(titles) - 1)
        return sheet

    @api.model
    def _write_value(self, sheet, row, col, name, value, description, formats, date,
                     currency):
        """One cell: dates as dates, figures as numbers, the rest as their label."""
        kind = description['type']
        if kind == 'date':
            write_date(sheet, row, col, value, date)
        elif kind == 'many2one':
            sheet.write(row, col, value and value[1] or '')
        elif kind == 'selection':
            sheet.write(row, col, dict(description['selection']).get(value, value or ''))
        elif kind in ('integer', 'float', 'monetary'):
            if value is False or value is None:
                return
            if name in COUNT_FIELDS or kind == 'integer':
                cell_format = formats.integer
            elif name in DECIMAL_FIELDS:
                cell_format = formats.decimal
            else:
                cell_format = formats.money(currency)
            sheet.write_number(row, col, value, cell_format)
        else:
            sheet.write(row, col, value or '')

