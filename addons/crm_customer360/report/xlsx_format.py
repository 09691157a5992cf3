# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the Excel reports (OCA ``report_xlsx``) of the addons share: cell formats from the
currency and the language, Excel-safe sheet names and real Excel dates.

Amounts are written as numbers with the currency's number format and dates as Excel dates
(not text), so that a spreadsheet sums and sorts them; the formats follow the reader's
language and the currency's symbol, position and decimals as the PDF shows them.
"""
import re

from odoo import fields

# strftime directives of ``res.lang.date_format`` and their Excel number-format codes.
_DATE_CODES = (('%Y', 'yyyy'), ('%y', 'yy'), ('%m', 'mm'), ('%d', 'dd'), ('%B', 'mmmm'),
               ('%b', 'mmm'), ('%A', 'dddd'), ('%a', 'ddd'), ('%e', 'd'))
# Characters Excel refuses in a sheet name, and its length limit.
_SHEET_FORBIDDEN = re.compile(r'[\[\]:*?/\\]')
SHEET_NAME_MAX = 31


def excel_date_format(env, lang_code):
    """The Excel number format of the dates of ``lang_code`` (``res.lang.date_format``)."""
    lang = env['res.lang']._lang_get(lang_code or env.lang or 'en_US')
    pattern = (lang and lang.date_format) or '%Y-%m-%d'
    for directive, code in _DATE_CODES:
        pattern = pattern.replace(directive, code)
    return pattern


def excel_money_format(currency):
    """The Excel number format of amounts in ``currency``: its decimals, its symbol on its
    side, negative amounts with a minus sign."""
    digits = max(currency.decimal_places, 0)
    number = '#,##0' + ('.' + '0' * digits if digits else '')
    symbol = (currency.symbol or currency.name or '').replace('"', '')
    if currency.position == 'after':
        return '%s" %s"' % (number, symbol)
    return '"%s"%s' % (symbol, number)


class XlsxFormats(object):
    """The cell formats of one workbook, created once and shared by its sheets (xlsxwriter
    keeps every format it is given: one per call would bloat the file)."""

    def __init__(self, workbook):
        self.workbook = workbook
        self.title = workbook.add_format({'bold': True, 'font_size': 14})
        self.bold = workbook.add_format({'bold': True})
        self.header = workbook.add_format({'bold': True, 'bottom': 1, 'text_wrap': True,
                                           'valign': 'top', 'bg_color': '#EEEEEE'})
        self.wrap = workbook.add_format({'text_wrap': True, 'valign': 'top'})
        self.integer = workbook.add_format({'num_format': '#,##0'})
        self.decimal = workbook.add_format({'num_format': '#,##0.0'})
        self._formats = {}

    def _cached(self, key, options):
        if key not in self._formats:
            self._formats[key] = self.workbook.add_format(options)
        return self._formats[key]

    def money(self, currency, bold=False):
        """The format of amounts in ``currency`` (bold for totals)."""
        num_format = excel_money_format(currency)
        return self._cached(('money', num_format, bold),
                            {'num_format': num_format, 'bold': bold})

    def date(self, env, lang_code, bold=False):
        """The format of dates in the language ``lang_code``."""
        num_format = excel_date_format(env, lang_code)
        return self._cached(('date', num_format, bold),
                            {'num_format': num_format, 'bold': bold, 'align': 'left'})


def write_date(sheet, row, col, value, cell_format):
    """Write an Odoo date string (or date) as an Excel date; nothing for an empty value."""
    if not value:
        return
    if isinstance(value, str):
        value = fields.Date.from_string(value[:10])
    sheet.write_datetime(row, col, value, cell_format)


def unique_sheet_name(workbook, name):
    """A sheet name Excel accepts (no ``[]:*?/\\``, at most 31 characters) and that no sheet
    of ``workbook`` has yet (" (2)", " (3)"... appended)."""
    base = _SHEET_FORBIDDEN.sub(' ', name or '').strip()[:SHEET_NAME_MAX] or 'Sheet'
    taken = {sheet.name.lower() for sheet in workbook.worksheets()}
    candidate, number = base, 1
    while candidate.lower() in taken:
        number += 1
        suffix = ' (%d)' % number
        candidate = base[:SHEET_NAME_MAX - len(suffix)] + suffix
    return candidate
