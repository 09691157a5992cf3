# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer statement (对账单) as an Excel workbook (OCA ``report_xlsx``): one sheet per
customer with the figures of the PDF, which ``report.crm_customer360.customer_statement``
computes for both (same access check, same period, same amounts)."""
from odoo import _, api, models

from .xlsx_format import XlsxFormats, unique_sheet_name, write_date

STATEMENT = 'report.crm_customer360.customer_statement'
# Columns of the lines: date, document, description, reference, due date, debit, credit,
# balance.
COLUMN_WIDTHS = (12, 18, 12, 20, 12, 14, 14, 14)
DEBIT, CREDIT, BALANCE = 5, 6, 7


class CustomerStatementXlsx(models.AbstractModel):
    """The statement workbook; extend ``_write_statement`` to add rows to each sheet."""

    _name = 'report.crm_customer360.customer_statement_xlsx'
    _inherit = 'report.report_xlsx.abstract'
    _description = 'Customer statement (Excel)'

    def _get_objs_for_report(self, docids, data):
        """The customers of the URL, else those of the wizard (``data['partner_ids']``):
        the web client puts no ids in the URL of a report printed with ``data``."""
        return self.env['res.partner'].browse(docids or (data or {}).get('partner_ids') or [])

    def generate_xlsx_report(self, workbook, data, objs):
        """One sheet per commercial entity of ``objs``, in the customer's language; refused
        (AccessError) for a customer the user may not read, before anything is written."""
        # Over RPC ``objs`` arrives as a list of ids: the check below refuses it the same.
        partner_ids = objs.ids if isinstance(objs, models.BaseModel) else list(objs or [])
        values = self.env[STATEMENT].get_report_values(partner_ids, data=data)
        formats = XlsxFormats(workbook)
        for partner in values['docs']:
            report = self.with_context(lang=partner.lang or self.env.lang)
            report._write_statement(workbook, formats, partner, values)

    @api.model
    def _write_statement(self, workbook, formats, partner, values):
        """The sheet of one customer: header, opening, lines, closing, ageing, unallocated
        payments. Labels in the context's language (the customer's)."""
        st = values['statements'][partner.id]
        currency = values['currency']
        lang = self.env.lang
        money = formats.money(currency)
        money_bold = formats.money(currency, bold=True)
        date = formats.date(self.env, lang)
        date_bold = formats.date(self.env, lang, bold=True)
        sheet = workbook.add_worksheet(unique_sheet_name(
            workbook, '%s %s' % (partner.ref, partner.name) if partner.ref else partner.name))
        for col, width in enumerate(COLUMN_WIDTHS):
            sheet.set_column(col, col, width)
        sheet.write(0, 0, _("Customer Statement"), formats.title)
        header = ((_("Company"), values['company'].name), (_("Customer"), partner.name),
                  (_("Customer Code"), partner.ref or ''), (_("Currency"), currency.name))
        for row, (label, value) in enumerate(header, start=1):
            sheet.write(row, 0, label, formats.bold)
            sheet.write(row, 1, value)
        sheet.write(5, 0, _("Period"), formats.bold)
        write_date(sheet, 5, 1, values['date_from'], date)
        write_date(sheet, 5, 2, values['date_to'], date)

        row = 7
        titles = (_("Date"), _("Document"), _("Description"), _("Reference"), _("Due Date"),
                  _("Debit"), _("Credit"), _("Balance"))
        for col, title in enumerate(titles):
            sheet.write(row, col, title, formats.header)
        row += 1
        write_date(sheet, row, 0, values['date_from'], date_bold)
        sheet.write(row, 2, _("Opening Balance"), formats.bold)
        sheet.write_number(row, BALANCE, st['opening'], money_bold)
        kinds = {'invoice': _("Invoice"), 'refund': _("Refund"), 'payment': _("Payment")}
        first_line = row + 1
        for line in st['lines']:
            row += 1
            write_date(sheet, row, 0, line['date'], date)
            sheet.write(row, 1, line['number'] or '')
            sheet.write(row, 2, kinds.get(line['kind'], line['kind']))
            sheet.write(row, 3, line['reference'] or '')
            write_date(sheet, row, 4, line.get('date_due'), date)
            column = DEBIT if line['amount'] >= 0 else CREDIT
            sheet.write_number(row, column, abs(line['amount']), money)
            sheet.write_number(row, BALANCE, line['balance'], money)
        row += 1
        write_date(sheet, row, 0, values['date_to'], date_bold)
        sheet.write(row, 2, _("Closing Balance"), formats.bold)
        for column, sign in ((DEBIT, 1), (CREDIT, -1)):
            total = sum(sign * line['amount'] for line in st['lines'] if sign * line['amount'] > 0)
            sheet.write_number(row, column, currency.round(total), money_bold)
        sheet.write_number(row, BALANCE, st['closing'], money_bold)

        row += 2
        sheet.write(row, 0, _("Ageing of the Closing Balance"), formats.bold)
        row += 1
        labels = self.env[STATEMENT]._ageing_labels() + [_("Total")]
        amounts = st['ageing'] + [st['closing']]
        for col, (label, amount) in enumerate(zip(labels, amounts)):
            sheet.write(row, col, label, formats.header)
            sheet.write_number(row + 1, col, amount, money)
        row += 1
        if st['unallocated']:
            row += 2
            sheet.write(row, 0, _("Payments Not Yet Matched With an Invoice"), formats.bold)
            sheet.write(row + 1, 0, _("These amounts are not deducted from the balance above "
                                      "until they are matched."))
            row += 1
            for line in st['unallocated']:
                row += 1
                write_date(sheet, row, 0, line['date'], date)
                sheet.write(row, 1, line['number'] or '')
                sheet.write(row, 3, line['reference'] or '')
                sheet.write_number(row, BALANCE, line['amount'], money)
        sheet.freeze_panes(first_line, 0)
        return sheet
