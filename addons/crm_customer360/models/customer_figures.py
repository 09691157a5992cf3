# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Finance and sales figures of commercial entities, computed in a few grouped queries.

Every figure of the customer card comes from here, for a whole page of customers at once:
one query per source table (invoices, payments, paid invoices, sales orders, opportunities),
whatever the number of customers or of their documents.
"""
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import float_round
from odoo.tools.sql import create_index

from ..access import require_superuser
from ..facts import (
    CUSTOMER_INVOICE_TYPES, OPEN_INVOICE_STATE, POSTED_INVOICE_STATES, PURCHASE_INVOICE_TYPE,
    QUOTATION_OR_ORDER_STATES, days_late_sql, order_amount_sql, order_sql, overdue_invoices_sql,
    paid_date_sql, quotation_sql, receivable_amount_sql, receivable_invoices_sql,
    revenue_amount_sql)
from ..tz import today_in_tz

# Ageing buckets of the overdue amount: (field, first day late, last day late or None).
AGEING_BUCKETS = (
    ('overdue_1_30', 1, 30),
    ('overdue_31_60', 31, 60),
    ('overdue_61_90', 61, 90),
    ('overdue_90_plus', 91, None),
)

# Each figure and its value when a customer has no document behind it.
FIGURE_DEFAULTS = dict(
    [('invoiced_amount', 0.0), ('receivable_amount', 0.0), ('overdue_amount', 0.0)]
    + [(name, 0.0) for name, _first, _last in AGEING_BUCKETS]
    + [('last_invoice_date', False), ('last_payment_date', False), ('avg_days_to_pay', 0.0),
       ('quotation_count', 0), ('quotation_amount', 0.0), ('order_count', 0),
       ('order_amount', 0.0), ('first_order_date', False), ('last_order_date', False),
       ('opportunity_count', 0), ('pipeline_amount', 0.0),
       ('credit_usage', 0.0), ('over_credit_limit', False)]
)
# Amounts that are summed per company and converted into the user's company currency.
MONETARY_FIGURES = {
    'invoiced_amount', 'receivable_amount', 'overdue_amount', 'quotation_amount',
    'order_amount', 'pipeline_amount',
} | {name for name, _first, _last in AGEING_BUCKETS}

# Figures computed from others in _finish_figures, with what they need.
DERIVED_FIGURES = {'credit_usage': {'receivable_amount'},
                   'over_credit_limit': {'receivable_amount'}}

# Figures each reader feeds, so that a computation of a few figures skips the other readers.
OPEN_INVOICE_FIGURES = {'receivable_amount', 'overdue_amount', 'credit_usage',
                        'over_credit_limit'} | {name for name, _first, _last in AGEING_BUCKETS}
INVOICE_FIGURES = OPEN_INVOICE_FIGURES | {'invoiced_amount', 'last_invoice_date',
                                          'avg_days_to_pay'}
ORDER_FIGURES = {'quotation_count', 'quotation_amount', 'order_count', 'order_amount',
                 'first_order_date', 'last_order_date'}

PAID_DATE_SQL = paid_date_sql('inv')
NO_PAID_DATE_SQL = "SELECT NULL::date AS pay_date"


class CustomerFigures(models.AbstractModel):
    """Service that reads the host's documents and returns the card's figures.

    ``_compute_figures(commercial_ids)`` returns ``{commercial_partner_id: {figure: value}}``;
    it is private, for the server's code only: it reads every document in SQL, whoever asks,
    so its callers decide whose figures a user may see (``res.partner``'s figure fields: the
    salespeople, of the customers they may read). To add
    a figure, add its default to the dictionary returned by ``_figure_defaults`` and a reader
    to ``_figure_readers``: a reader runs one grouped query and fills the rows it finds.
    """

    _name = 'crm.customer.figures'
    _description = 'Customer card figures'

    @api.model_cr
    def init(self):
        """Indexes of the figures' queries; run by the server on install and update only."""
        require_superuser(self.env)
        # The card looks invoices up by commercial entity; the host indexes only partner_id.
        create_index(self.env.cr, 'account_invoice_c360_commercial_idx', 'account_invoice',
                     ['commercial_partner_id', 'type', 'state'])
        # The Overdue filter asks which commercial entities have an overdue invoice (facts.py's
        # overdue_invoices_sql: open customer invoices, compared on their due date): read from
        # this index alone (an index-only scan), not from every open invoice's row (0.5 s of
        # random reads over a large base, for the list's count).
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS account_invoice_c360_overdue_idx ON account_invoice
                   (commercial_partner_id, company_id, date_due, date_invoice)
             WHERE state = %s AND type = %s""", [OPEN_INVOICE_STATE, PURCHASE_INVOICE_TYPE])
        create_index(self.env.cr, 'account_payment_c360_partner_idx', 'account_payment',
                     ['partner_id'])
        create_index(self.env.cr, 'crm_lead_c360_partner_idx', 'crm_lead', ['partner_id'])

    # ------------------------------------------------------------------
    # The service
    # ------------------------------------------------------------------
    @api.model
    def _compute_figures(self, commercial_ids=None, figures=None):
        """Return the figures of the given commercial entities.

        :param commercial_ids: ids of commercial partners; ``None`` computes every commercial
            entity that has at least one document (used by searches on the figures).
        :param figures: names of the figures needed; ``None`` for all. Readers that feed none
            of them are skipped, and the others may do less (a search needs one figure).
        :return: dict ``{commercial_partner_id: {figure: value}}``; dates are strings. With
            ``figures``, only those are right: the others keep their empty value.
        """
        ctx = self._figure_context(commercial_ids)
        ctx['wanted'] = set(figures) if figures else None
        # What is converted and rounded: a search over every customer needs one figure of
        # the many a reader's query returns, and rounding them all took most of its time.
        ctx['kept'] = None if not figures else set(figures).union(
            *[DERIVED_FIGURES.get(name, ()) for name in figures])
        defaults = self._figure_defaults()
        # raw[figure][(partner_id, company_id)] = value, converted below
        raw = defaultdict(dict)
        for reader in self._figure_readers():
            reader(ctx, raw)
        result = {}
        if commercial_ids is not None:
            result = {pid: dict(defaults) for pid in commercial_ids}
        for figure, values in raw.items():
            if figure.startswith('_'):
                continue  # intermediate values, used by _finish_figures
            if ctx['kept'] is not None and figure not in ctx['kept']:
                continue
            for (partner_id, company_id), value in values.items():
                row = result.setdefault(partner_id, dict(defaults))
                self._add_figure_value(ctx, row, figure, company_id, value)
        self._finish_figures(ctx, raw, result)
        return result

    @api.model
    def _add_figure_value(self, ctx, row, figure, company_id, value):
        """Add one company's ``value`` of ``figure`` to a commercial entity's ``row``:
        amounts converted to the user's currency and summed, counts summed, the first order
        date the earliest, other dates the latest, anything else as it is."""
        if figure in MONETARY_FIGURES:
            row[figure] += self._to_user_currency(ctx, company_id, value)
        elif figure.endswith('_count'):
            row[figure] += value
        elif figure in ('first_order_date',):
            row[figure] = min(filter(None, [row[figure], value]))
        elif figure.endswith('_date'):
            row[figure] = max(filter(None, [row[figure], value]))
        else:
            row[figure] = value

    # ------------------------------------------------------------------
    # Extension points
    # ------------------------------------------------------------------

    @api.model
    def _figure_defaults(self):
        """Figures and their empty values; extend to add a figure."""
        return dict(FIGURE_DEFAULTS)

    @api.model
    def _figure_readers(self):
        """Readers that fill the raw figures, one grouped query each; extend to add one."""
        return [self._read_invoices, self._read_payments, self._read_sale_orders,
                self._read_opportunities]

    @api.model
    def _figure_context(self, commercial_ids):
        """What every reader needs: the ids, the companies the user may see, today.

        One query: the host's multi-company rules let a user see the documents of the user's
        company and of its child companies, each in its own currency.
        """
        self.env.cr.execute("""
            WITH RECURSIVE comp(id, currency_id, depth) AS (
                SELECT c.id, c.currency_id, 0
                  FROM res_company c JOIN res_users u ON u.company_id = c.id
                 WHERE u.id = %s
             UNION ALL
                SELECT c.id, c.currency_id, comp.depth + 1
                  FROM res_company c JOIN comp ON c.parent_id = comp.id
            )
            SELECT comp.id, comp.currency_id, cur.rounding, comp.depth,
                   (SELECT p.tz FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                     WHERE u.id = %s)
              FROM comp JOIN res_currency cur ON cur.id = comp.currency_id
          ORDER BY comp.depth
        """, [self.env.uid, self.env.uid])
        rows = self.env.cr.fetchall()
        # The reader's today (``tz.user_tz``), without reading the user again.
        today = today_in_tz(self.env.context.get('tz') or rows[0][4])
        return {
            'ids': list(commercial_ids) if commercial_ids is not None else None,
            'company_ids': [row[0] for row in rows],
            'currencies': {row[0]: row[1] for row in rows},
            'currency_id': rows[0][1],
            'rounding': rows[0][2],
            'today': fields.Date.to_string(today),
        }

    # ------------------------------------------------------------------
    # Readers
    # ------------------------------------------------------------------
    @staticmethod
    def _wants(ctx, names):
        """Whether any of the figures ``names`` is needed by this computation."""
        return ctx.get('wanted') is None or bool(ctx['wanted'] & set(names))

    def _where_partner(self, ctx, column):
        """SQL condition restricting ``column`` to the requested commercial entities."""
        if ctx['ids'] is None:
            return 'TRUE', []
        return '%s = ANY(%%s)' % column, [ctx['ids']]

    def _store(self, raw, rows, names):
        """Put grouped rows ``(partner, company, value...)`` into the raw figures."""
        for row in rows:
            key = (row[0], row[1])
            for name, value in zip(names, row[2:]):
                if value is None:
                    continue
                if hasattr(value, 'isoformat'):
                    value = fields.Date.to_string(value)
                raw[name][key] = value

    @api.model
    def _read_invoices(self, ctx, raw):
        """Invoiced, receivable and overdue amounts with ageing, last invoice date, the days
        taken to pay, and the credit limit (only a customer with a receivable uses it).

        An invoice counts as paid on the date of the last entry reconciled with its
        receivable line (a payment or a refund). The days to pay cover the invoices of the
        last twelve months: recent behaviour is what a credit decision needs, and it bounds
        the work for customers with years of invoices.
        """
        if not self._wants(ctx, INVOICE_FIGURES):
            return
        where, params = self._where_partner(ctx, 'inv.commercial_partner_id')
        # A search on the receivable or overdue amount needs only the open invoices, and no
        # payment history: over every customer that is most of the work.
        with_paid = self._wants(ctx, INVOICE_FIGURES - OPEN_INVOICE_FIGURES)
        with_days = self._wants(ctx, {'avg_days_to_pay'})
        buckets = []
        bucket_params = []
        residual = receivable_amount_sql('inv')
        for _name, first, last in AGEING_BUCKETS:
            # Overdue (due before today), aged by the days since the due date.
            cond = "%s AND %s >= %%s" % (overdue_invoices_sql('inv'), days_late_sql('inv'))
            bucket_params += [ctx['today'], ctx['today'], first]
            if last:
                cond += " AND %s <= %%s" % days_late_sql('inv')
                bucket_params += [ctx['today'], last]
            buckets.append("SUM(%s) FILTER (WHERE %s)" % (residual, cond))
        query = """
            SELECT inv.commercial_partner_id, inv.company_id,
                   SUM(%s),
                   SUM(%s) FILTER (WHERE %s),
                   SUM(%s) FILTER (WHERE %s),
                   %s,
                   MAX(inv.date_invoice) FILTER (WHERE inv.type = 'out_invoice'),
                   SUM(paid.pay_date - inv.date_invoice),
                   COUNT(paid.pay_date),
                   MAX(cp.credit_limit)
              FROM account_invoice inv
              JOIN res_partner cp ON cp.id = inv.commercial_partner_id
              LEFT JOIN LATERAL (%s) paid ON TRUE
             WHERE %s
               AND inv.type IN %%s
               AND inv.state IN %%s
               AND inv.company_id = ANY(%%s)
          GROUP BY inv.commercial_partner_id, inv.company_id
        """ % (revenue_amount_sql('inv'), residual, receivable_invoices_sql('inv'),
               residual, overdue_invoices_sql('inv'), ', '.join(buckets),
               PAID_DATE_SQL if with_days else NO_PAID_DATE_SQL, where)
        states = POSTED_INVOICE_STATES if with_paid else (OPEN_INVOICE_STATE,)
        self.env.cr.execute(
            query, [ctx['today']] + bucket_params + ([ctx['today']] if with_days else [])
            + params + [CUSTOMER_INVOICE_TYPES, states, ctx['company_ids']])
        names = ['invoiced_amount', 'receivable_amount', 'overdue_amount']
        names += [name for name, _first, _last in AGEING_BUCKETS]
        names += ['last_invoice_date', '_days_to_pay_sum', '_days_to_pay_count', '_credit_limit']
        self._store(raw, self.env.cr.fetchall(), names)

    @api.model
    def _read_payments(self, ctx, raw):
        """Date of the last payment received from the customer."""
        if not self._wants(ctx, {'last_payment_date'}):
            return
        where, params = self._where_partner(ctx, 'p.commercial_partner_id')
        self.env.cr.execute("""
            SELECT p.commercial_partner_id, j.company_id, MAX(pay.payment_date)
              FROM account_payment pay
              JOIN res_partner p ON p.id = pay.partner_id
              JOIN account_journal j ON j.id = pay.journal_id
             WHERE %s
               AND pay.partner_type = 'customer' AND pay.payment_type = 'inbound'
               AND pay.state IN ('posted', 'reconciled', 'sent')
               AND j.company_id = ANY(%%s)
          GROUP BY p.commercial_partner_id, j.company_id
        """ % where, params + [ctx['company_ids']])
        self._store(raw, self.env.cr.fetchall(), ['last_payment_date'])

    @api.model
    def _read_sale_orders(self, ctx, raw):
        """Proposals (draft and sent quotations) and contracts (confirmed orders).

        Amounts are converted into their company's currency at the order date, the rate
        looked up only for orders in another currency.
        """
        if not self._wants(ctx, ORDER_FIGURES):
            return
        where, params = self._where_partner(ctx, 'p.commercial_partner_id')
        self.env.cr.execute("""
            WITH orders AS (
                SELECT p.commercial_partner_id AS partner_id, so.company_id, so.state,
                       so.date_order,
                       %s AS amount
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN res_company comp ON comp.id = so.company_id
                  JOIN product_pricelist pl ON pl.id = so.pricelist_id
                 WHERE %s AND so.company_id = ANY(%%s) AND so.state IN %%s
            )
            SELECT partner_id, company_id,
                   COUNT(*) FILTER (WHERE %s),
                   SUM(amount) FILTER (WHERE %s),
                   COUNT(*) FILTER (WHERE %s),
                   SUM(amount) FILTER (WHERE %s),
                   MIN(date_order) FILTER (WHERE %s)::date,
                   MAX(date_order) FILTER (WHERE %s)::date
              FROM orders
          GROUP BY partner_id, company_id
        """ % ((order_amount_sql(), where) + (quotation_sql('orders'),) * 2
               + (order_sql('orders'),) * 4),
            params + [ctx['company_ids'], QUOTATION_OR_ORDER_STATES])
        self._store(raw, self.env.cr.fetchall(), [
            'quotation_count', 'quotation_amount', 'order_count', 'order_amount',
            'first_order_date', 'last_order_date'])

    @api.model
    def _read_opportunities(self, ctx, raw):
        """Active opportunities and the expected revenue of those still open."""
        if not self._wants(ctx, {'opportunity_count', 'pipeline_amount'}):
            return
        where, params = self._where_partner(ctx, 'p.commercial_partner_id')
        self.env.cr.execute("""
            SELECT p.commercial_partner_id, COALESCE(l.company_id, %%s),
                   COUNT(*),
                   SUM(l.planned_revenue) FILTER (WHERE COALESCE(l.probability, 0) < 100)
              FROM crm_lead l
              JOIN res_partner p ON p.id = l.partner_id
             WHERE %s AND l.type = 'opportunity' AND l.active
               AND (l.company_id IS NULL OR l.company_id = ANY(%%s))
          GROUP BY 1, 2
        """ % where, [ctx['company_ids'][0]] + params + [ctx['company_ids']])
        self._store(raw, self.env.cr.fetchall(), ['opportunity_count', 'pipeline_amount'])

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _to_user_currency(self, ctx, company_id, amount):
        """Convert an amount from a company's currency into the user's company currency."""
        currency_id = ctx['currencies'].get(company_id, ctx['currency_id'])
        if currency_id == ctx['currency_id']:
            return amount
        Currency = self.env['res.currency']
        return Currency.browse(currency_id).compute(
            amount, Currency.browse(ctx['currency_id']), round=False)

    def _finish_figures(self, ctx, raw, result):
        """Figures derived from others: days to pay, credit usage; rounded amounts."""
        derived = defaultdict(lambda: defaultdict(float))
        for name in ('_days_to_pay_sum', '_days_to_pay_count', '_credit_limit'):
            for (partner_id, _company), value in raw.get(name, {}).items():
                derived[partner_id][name] = (
                    max(derived[partner_id][name], value) if name == '_credit_limit'
                    else derived[partner_id][name] + value)
        monetary = MONETARY_FIGURES if ctx['kept'] is None else MONETARY_FIGURES & ctx['kept']
        for partner_id, row in result.items():
            row['figures_currency_id'] = ctx['currency_id']
            for name in monetary:
                row[name] = float_round(row[name], precision_rounding=ctx['rounding'])
            extra = derived.get(partner_id)
            if not extra:
                continue
            if extra['_days_to_pay_count']:
                row['avg_days_to_pay'] = round(
                    extra['_days_to_pay_sum'] / extra['_days_to_pay_count'], 1)
            limit = extra['_credit_limit']
            if limit > 0:
                row['credit_usage'] = round(100.0 * row['receivable_amount'] / limit, 1)
                row['over_credit_limit'] = row['receivable_amount'] > limit
