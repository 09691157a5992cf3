# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer statement (对账单): a period's opening balance, invoices, refunds, payments,
closing balance and ageing, for one company's commercial entities.

Layout and ageing columns follow OCA's ``partner_statement`` (11.0, activity statement),
but the balance is the card's receivable (``facts``): what is still owed on the customer
invoices and refunds, so that the closing balance on the card's day is the card's
``receivable_amount`` to the cent. A document's balance on a day is its signed amount less
what was reconciled with it by then; a reconciliation counts on its ``max_date`` (the later
of the two documents' dates, as ``facts.PAID_DATE_SQL`` reads it). Reconciliations between
two invoices or refunds of the customer change no balance and are shown through the refund;
the others are the payments (and write-offs) of the statement. Payments not yet matched with
an invoice are not receivable on the card: the statement lists them apart.
"""
from collections import OrderedDict
from datetime import date

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_date

from ..access import readable_report_entities
from ..facts import (
    CUSTOMER_INVOICE_TYPES, PURCHASE_INVOICE_TYPE, days_late_sql, due_date_sql,
    receivable_line_sql, revenue_amount_sql, revenue_invoices_sql)
from ..models.customer_figures import AGEING_BUCKETS
from ..tz import user_today

# What one reconciliation takes off the balance of the invoice line ``il``.
RECONCILED_SQL = "CASE WHEN apr.debit_move_id = il.id THEN apr.amount ELSE -apr.amount END"


def _date_string(value):
    """An Odoo date string of a date column (the host's cursor returns most as strings)."""
    return fields.Date.to_string(value) if hasattr(value, 'isoformat') else value


def default_period(env):
    """The default period: from the first of the reader's month to the reader's today."""
    today = user_today(env)
    return fields.Date.to_string(date(today.year, today.month, 1)), fields.Date.to_string(today)


class CustomerStatementReport(models.AbstractModel):
    """Values of the customer statement; ``get_report_values`` is what the host calls (the
    report is reachable over HTTP by any logged-in user, so it checks access itself)."""

    _name = 'report.crm_customer360.customer_statement'
    _description = 'Customer statement'

    @api.model
    def get_report_values(self, docids, data=None):
        """The statements of the commercial entities of ``docids`` for the period in ``data``
        (``date_from``, ``date_to``), else in the context (the mail composer), else the
        default period; refused for a customer the user may not read."""
        data = dict(data or {})
        # A report printed with ``data`` gets no ids in its URL from the web client
        # (qwebactionmanager.js): the wizard passes them in ``data``.
        commercial = readable_report_entities(self.env, docids, data, _(
            "You may only print the statement of customers you may read."))
        date_from, date_to = self._statement_period(data)
        company = self.env.user.company_id
        statements = self._compute_statements(commercial.ids, company.id, date_from, date_to)
        return {
            'doc_ids': commercial.ids,
            'doc_model': 'res.partner',
            'docs': commercial,
            'data': data,
            'date_from': date_from,
            'date_to': date_to,
            'company': company,
            'currency': company.currency_id,
            'statements': statements,
            # A function of the customer's language: _() translates into the context's.
            'ageing_labels': lambda lang: self.with_context(lang=lang)._ageing_labels(),
            # Dates in the customer's language too: the 'date' widget formats in the
            # request's, the reader's, or even the frontend_lang cookie's (the host's
            # /report routes are website=True: http_routing takes the language from that
            # cookie, which the previous user of the browser may have set).
            'format_date': lambda value, lang: format_date(self.env, value, lang_code=lang),
        }

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------
    @api.model
    def _statement_period(self, data):
        """``(date_from, date_to)`` from ``data``, the context or the default; checked."""
        default_from, default_to = default_period(self.env)
        ctx = self.env.context
        date_from = (data.get('date_from') or ctx.get('statement_date_from') or default_from)
        date_to = data.get('date_to') or ctx.get('statement_date_to') or default_to
        try:
            fields.Date.from_string(date_from), fields.Date.from_string(date_to)
        except (TypeError, ValueError):
            raise UserError(_("The statement period %(start)s to %(end)s is not a pair of "
                              "dates.") % {'start': date_from, 'end': date_to})
        if date_from > date_to:
            raise UserError(_("The statement period starts on %(start)s, after its end "
                              "%(end)s.") % {'start': date_from, 'end': date_to})
        return date_from, date_to

    @api.model
    def _ageing_labels(self):
        """Column titles of the ageing table: not due, then the card's ageing buckets."""
        labels = [_("Not due")]
        for _name, first, last in AGEING_BUCKETS:
            labels.append(_("%(first)s-%(last)s days") % {'first': first, 'last': last}
                          if last else _("Over %(days)s days") % {'days': first - 1})
        return labels

    # ------------------------------------------------------------------
    # Computation: two queries for any number of customers
    # ------------------------------------------------------------------
    @api.model
    def _compute_statements(self, partner_ids, company_id, date_from, date_to):
        """``{commercial_partner_id: statement}`` for the period; a statement is a dict of
        ``opening``, ``lines`` (date, number, reference, kind, amount, balance), ``closing``,
        ``ageing`` (amounts per column of ``_ageing_labels``) and ``unallocated``."""
        statements = OrderedDict((pid, {
            'opening': 0.0, 'lines': [], 'closing': 0.0,
            'ageing': [0.0] * (len(AGEING_BUCKETS) + 1), 'unallocated': []})
            for pid in partner_ids)
        if not partner_ids:
            return statements
        currency = self.env['res.company'].browse(company_id).currency_id
        for row in self._read_invoices(partner_ids, company_id, date_from, date_to):
            self._add_invoice(statements[row['partner_id']], row, date_from)
        for row in self._read_payments(partner_ids, company_id, date_from, date_to):
            st = statements[row['partner_id']]
            if row['kind'] == 'unallocated':
                st['unallocated'].append(row)
            else:
                st['lines'].append(row)
        for st in statements.values():
            st['lines'].sort(key=lambda line: (line['date'], line['kind'] != 'invoice',
                                               line['number'] or ''))
            balance = st['opening']
            for line in st['lines']:
                balance += line['amount']
                line['balance'] = currency.round(balance)
            st['opening'] = currency.round(st['opening'])
            st['closing'] = currency.round(st['closing'])
            st['ageing'] = [currency.round(value) for value in st['ageing']]
        return statements

    @api.model
    def _add_invoice(self, st, row, date_from):
        """Add one invoice or refund to its statement: opening, line, closing, ageing."""
        if row['date'] < date_from:
            st['opening'] += row['residual_before']
        else:
            st['lines'].append({
                'date': row['date'], 'number': row['number'], 'reference': row['reference'],
                'kind': 'invoice' if row['type'] == PURCHASE_INVOICE_TYPE else 'refund',
                'date_due': row['date_due'], 'amount': row['amount']})
        st['closing'] += row['residual_end']
        column = 0
        if row['type'] == PURCHASE_INVOICE_TYPE and row['days_late'] >= 1:
            for index, (_name, first, last) in enumerate(AGEING_BUCKETS, start=1):
                if row['days_late'] >= first and (not last or row['days_late'] <= last):
                    column = index
        st['ageing'][column] += row['residual_end']

    @api.model
    def _read_invoices(self, partner_ids, company_id, date_from, date_to):
        """The customer's posted invoices and refunds up to ``date_to`` that were owed at
        the start, issued in the period or owed at the end: their signed amount and their
        balance before the period and at its end."""
        self.env.cr.execute("""
            WITH docs AS (
                SELECT inv.commercial_partner_id AS partner_id, inv.type, inv.number,
                       inv.reference, inv.name, inv.date_invoice,
                       %(due)s AS date_due, %(late)s AS days_late, %(amount)s AS amount,
                       %(amount)s - rec.before_start AS residual_before,
                       %(amount)s - rec.at_end AS residual_end
                  FROM account_invoice inv
                  LEFT JOIN LATERAL (
                      SELECT COALESCE(SUM(%(reconciled)s)
                                      FILTER (WHERE apr.max_date < %%(start)s), 0) AS before_start,
                             COALESCE(SUM(%(reconciled)s)
                                      FILTER (WHERE apr.max_date <= %%(end)s), 0) AS at_end
                        FROM account_move_line il
                        JOIN account_partial_reconcile apr
                          ON apr.debit_move_id = il.id OR apr.credit_move_id = il.id
                       WHERE %(line)s
                  ) rec ON TRUE
                 WHERE inv.commercial_partner_id = ANY(%%(partners)s)
                   AND inv.company_id = %%(company)s AND %(revenue)s
                   AND inv.date_invoice <= %%(end)s
            )
            SELECT * FROM docs
             WHERE date_invoice >= %%(start)s OR residual_before != 0 OR residual_end != 0
        """ % {'due': due_date_sql('inv'), 'late': days_late_sql('inv', '%(end)s::date'),
               'amount': revenue_amount_sql('inv'), 'reconciled': RECONCILED_SQL,
               'line': receivable_line_sql('inv'), 'revenue': revenue_invoices_sql('inv')},
            {'partners': list(partner_ids), 'company': company_id,
             'start': date_from, 'end': date_to})
        for row in self.env.cr.dictfetchall():
            row['date'] = _date_string(row['date_invoice'])
            row['date_due'] = _date_string(row['date_due'])
            row['number'] = row['number'] or row['name']
            yield row

    @api.model
    def _read_payments(self, partner_ids, company_id, date_from, date_to):
        """Payments and write-offs matched with the customer's invoices in the period (one
        line per entry and day), and the customer's receivable entries not matched with any
        invoice yet (kind ``unallocated``), which the card's receivable leaves out."""
        self.env.cr.execute("""
            SELECT inv.commercial_partner_id AS partner_id, 'payment' AS kind,
                   apr.max_date AS date, om.name AS number, om.ref AS reference,
                   -SUM(%(reconciled)s) AS amount
              FROM account_invoice inv
              JOIN account_move_line il ON %(line)s
              JOIN account_partial_reconcile apr
                ON apr.debit_move_id = il.id OR apr.credit_move_id = il.id
              JOIN account_move_line ol ON ol.id = CASE WHEN apr.debit_move_id = il.id
                                                   THEN apr.credit_move_id
                                                   ELSE apr.debit_move_id END
              JOIN account_move om ON om.id = ol.move_id
             WHERE inv.commercial_partner_id = ANY(%%(partners)s)
               AND inv.company_id = %%(company)s AND %(revenue)s
               AND apr.max_date BETWEEN %%(start)s AND %%(end)s
               AND NOT EXISTS (
                   SELECT 1 FROM account_invoice other
                    WHERE other.move_id = ol.move_id AND other.type IN %%(types)s
                      AND other.commercial_partner_id = inv.commercial_partner_id)
          GROUP BY inv.commercial_partner_id, apr.max_date, om.id
         UNION ALL
            SELECT p.commercial_partner_id, 'unallocated', aml.date, am.name, am.ref,
                   aml.amount_residual
              FROM account_move_line aml
              JOIN res_partner p ON p.id = aml.partner_id
              JOIN account_move am ON am.id = aml.move_id
              JOIN account_account acc ON acc.id = aml.account_id
             WHERE p.commercial_partner_id = ANY(%%(partners)s)
               AND aml.company_id = %%(company)s AND am.state = 'posted'
               AND acc.internal_type = 'receivable' AND NOT aml.reconciled
               AND aml.amount_residual != 0 AND aml.date <= %%(end)s
               AND NOT EXISTS (SELECT 1 FROM account_invoice other
                                WHERE other.move_id = aml.move_id)
        """ % {'reconciled': RECONCILED_SQL, 'line': receivable_line_sql('inv'),
               'revenue': revenue_invoices_sql('inv')},
            {'partners': list(partner_ids), 'company': company_id, 'start': date_from,
             'end': date_to, 'types': CUSTOMER_INVOICE_TYPES})
        for row in self.env.cr.dictfetchall():
            row['date'] = _date_string(row['date'])
            yield row
