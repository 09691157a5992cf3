# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer analysis cube: one row per customer, company and month, for pivot and graph.

A materialized SQL view (``_auto = False``), refreshed every night, from the menu and after a
grading run (``refresh``): computed live over a large base (a million invoices) one opening of
the pivot would take a minute; read from the materialized rows it takes about a second.
The figures follow the definitions of the customer card (``crm.customer.figures``):

* period measures sit on the row of the month of their document: revenue (posted invoices
  minus refunds, ``amount_total_company_signed``) by invoice date, the revenue of the same
  month a year before, confirmed orders and open quotations by order date, opportunities
  (open, won, lost, expected revenue) by creation month;
* snapshot measures (receivable, overdue, average days to pay, days since the last contact)
  sit only on the row of the current month, so that a sum over any set of months counts
  them once; filter on "Current month" to read them per customer.

Every customer gets a row for the current month, so that prospects appear in the cube.

**Extending it.** ``_analysis_sources`` returns the sources of the view: each is a query
grouped by ``partner_id`` (commercial entity), ``company_id`` and ``date`` (first day of the
month) and the measure columns it adds with their value when the source has no row. A module
adds a source (``crm_service``: tickets, SLA compliance, rating) by extending this method and
declaring the matching fields; ``init`` rebuilds the view when its query changes. Customer
dimensions come from ``_analysis_dimensions``, extended the same way. Example::

    @api.model
    def _analysis_sources(self):
        return super()._analysis_sources() + [{
            'name': 'src_tickets', 'columns': [('ticket_count', '0')], 'query': '''
                SELECT p.commercial_partner_id AS partner_id, t.company_id,
                       date_trunc('month', t.create_date)::date AS date,
                       COUNT(*) AS ticket_count
                  FROM crm_service_ticket t JOIN res_partner p ON p.id = t.partner_id
              GROUP BY 1, 2, 3'''}]

with ``ticket_count = fields.Integer(readonly=True)`` on the inheriting model. Odoo creates
a module's tables model by model in import order: import the extension after the models whose
tables its source reads.
"""
import hashlib

from odoo import api, fields, models, tools

from odoo.addons.crm_customer360.models.res_partner import COMPANY_SIZES

from .res_partner import CREDIT_RATINGS

LIFECYCLE_STATUSES = [
    ('prospect', 'Prospect'),
    ('new', 'New'),
    ('active', 'Active'),
    ('at_risk', 'At Risk'),
    ('lost', 'Lost'),
]
# Day counts of the lifecycle rules (documented in the README).
NEW_DAYS = 90           # first purchase at most this many days ago: new
ACTIVE_DAYS = 180       # last purchase at most this many days ago: active
AT_RISK_DAYS = 365      # last purchase up to this many days ago: at risk; older: lost ...
RECENT_CONTACT_DAYS = 90  # ... unless contacted this recently, which keeps it at risk

# A sales order's amount in its company's currency at the order date (as crm.customer.figures).
ORDER_AMOUNT_SQL = """
    CASE WHEN pl.currency_id = comp.currency_id THEN so.amount_total
    ELSE so.amount_total
         * COALESCE((SELECT r.rate FROM res_currency_rate r
                      WHERE r.currency_id = comp.currency_id AND r.name <= so.date_order::date
                        AND (r.company_id IS NULL OR r.company_id = so.company_id)
                   ORDER BY r.company_id, r.name DESC LIMIT 1), 1.0)
         / COALESCE((SELECT r.rate FROM res_currency_rate r
                      WHERE r.currency_id = pl.currency_id AND r.name <= so.date_order::date
                        AND (r.company_id IS NULL OR r.company_id = so.company_id)
                   ORDER BY r.company_id, r.name DESC LIMIT 1), 1.0)
    END"""


class CrmCustomerAnalysis(models.Model):
    _name = 'crm.customer.analysis'
    _description = 'Customer Analysis'
    _auto = False
    _rec_name = 'partner_id'
    _order = 'date desc, revenue desc'

    # Dimensions --------------------------------------------------------
    date = fields.Date('Month', readonly=True)
    is_current_period = fields.Boolean(
        'Current Month', readonly=True,
        help="The row of the current month, the only one that carries the snapshot measures.")
    partner_id = fields.Many2one('res.partner', 'Customer', readonly=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    grade_id = fields.Many2one('crm.customer.grade', 'Grade', readonly=True)
    credit_rating = fields.Selection(CREDIT_RATINGS, 'Credit Rating', readonly=True)
    rfm_score = fields.Char('RFM Score', readonly=True)
    lifecycle_status = fields.Selection(
        LIFECYCLE_STATUSES, 'Lifecycle Status', readonly=True,
        help="From the purchases (confirmed orders and posted invoices) and contacts. "
             "Prospect: no purchase yet. New: first purchase in the last 90 days. Active: "
             "last purchase in the last 180 days. At risk: last purchase 181 to 365 days ago, "
             "or older but contacted in the last 90 days. Lost: the rest.")
    industry_id = fields.Many2one('res.partner.industry', 'Industry', readonly=True)
    category_id = fields.Many2one(
        'res.partner.category', 'Tag', readonly=True,
        help="The customer's first tag (by name); the filter on tags matches any of them.")
    category_ids = fields.Many2many(
        'res.partner.category', string='Tags', compute='_compute_category_ids',
        search='_search_category_ids')
    payment_term_id = fields.Many2one('account.payment.term', 'Payment Term', readonly=True)
    company_size = fields.Selection(COMPANY_SIZES, 'Company Size', readonly=True)
    country_id = fields.Many2one('res.country', 'Country', readonly=True)
    state_id = fields.Many2one('res.country.state', 'State', readonly=True)
    city = fields.Char('City', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    team_id = fields.Many2one('crm.team', 'Sales Team', readonly=True)
    first_order_date = fields.Date(
        'First Purchase', readonly=True,
        help="First confirmed order or posted invoice of the customer.")
    last_order_date = fields.Date(
        'Last Purchase', readonly=True,
        help="Last confirmed order or posted invoice of the customer.")

    # Period measures ---------------------------------------------------
    revenue = fields.Float(
        'Revenue', readonly=True,
        help="Posted customer invoices minus refunds of the month, in the company currency.")
    revenue_previous = fields.Float(
        'Revenue Year Before', readonly=True,
        help="Revenue of the same month one year earlier: summed over any months it gives "
             "the revenue of the same months a year before.")
    order_count = fields.Integer('Orders', readonly=True)
    order_amount = fields.Float('Order Amount', readonly=True)
    quotation_count = fields.Integer('Open Quotations', readonly=True)
    quotation_amount = fields.Float('Open Quotation Amount', readonly=True)
    opportunity_open_count = fields.Integer('Open Opportunities', readonly=True)
    opportunity_won_count = fields.Integer('Won Opportunities', readonly=True)
    opportunity_lost_count = fields.Integer('Lost Opportunities', readonly=True)
    win_rate = fields.Float(
        'Win Rate (%)', readonly=True, group_operator='avg',
        help="Won / (won + lost) opportunities of the row; grouped, the average of the rows "
             "that closed any. The pooled rate is Won / (Won + Lost).")
    expected_revenue = fields.Float(
        'Expected Revenue', readonly=True,
        help="Expected revenue of the open opportunities created in the month.")

    # Snapshot measures (current month only) -------------------------------
    customer_count = fields.Integer(
        'Customers', readonly=True,
        help="1 on each customer's own row of the current month (in its company): summed, "
             "the number of customers, each counted once.")
    customer_value = fields.Float('Customer Value', readonly=True)
    receivable_amount = fields.Float('Receivable', readonly=True)
    overdue_amount = fields.Float('Overdue', readonly=True)
    avg_days_to_pay = fields.Float(
        'Average Days to Pay', readonly=True, group_operator='avg',
        help="Invoices of the last twelve months, as on the customer card; grouped, the "
             "average over customers.")
    days_since_contact = fields.Integer(
        'Days Since Last Contact', readonly=True, group_operator='avg',
        help="Empty for a customer never contacted; grouped, the average over customers.")

    def _compute_category_ids(self):
        partners = self.mapped('partner_id')
        tags = {partner.id: partner.category_id for partner in partners}
        for row in self:
            row.category_ids = tags.get(row.partner_id.id)

    def _search_category_ids(self, operator, value):
        return [('partner_id.category_id', operator, value)]

    # ------------------------------------------------------------------
    # The view
    # ------------------------------------------------------------------
    @api.model_cr
    def init(self):
        """Build the cube: the materialized rows, rebuilt only when their query changed (an
        update that changes nothing else keeps them: over a large base a build takes a
        minute), and the view the ORM reads, which shows missing measures as 0."""
        cr = self.env.cr
        data_table = self._data_table()
        query = self._analysis_query()
        digest = 'crm_customer_analysis:%s' % hashlib.md5(query.encode('utf-8')).hexdigest()
        # The first layout of the cube kept its rows under the model's own table name.
        cr.execute("SELECT relkind FROM pg_class WHERE relname = %s", [self._table])
        if cr.fetchone() == ('m',):
            cr.execute('DROP MATERIALIZED VIEW "%s" CASCADE' % self._table)
        tools.drop_view_if_exists(cr, self._table)
        cr.execute("""SELECT obj_description(c.oid, 'pg_class') FROM pg_class c
                       WHERE c.relname = %s AND c.relkind = 'm'""", [data_table])
        row = cr.fetchone()
        if not row or row[0] != digest:
            if row:
                cr.execute('DROP MATERIALIZED VIEW "%s" CASCADE' % data_table)
            cr.execute('CREATE MATERIALIZED VIEW "%s" AS (%s)' % (data_table, query))
            # The unique index lets the refresh run CONCURRENTLY, without blocking readers.
            cr.execute('CREATE UNIQUE INDEX "%s_id_idx" ON "%s" (id)' % (data_table, data_table))
            for column in ('date', 'partner_id', 'user_id'):
                cr.execute('CREATE INDEX "%s_%s_idx" ON "%s" (%s)' % (
                    data_table, column, data_table, column))
            cr.execute('COMMENT ON MATERIALIZED VIEW "%s" IS %%s' % data_table, [digest])
            cr.execute('ANALYZE "%s"' % data_table)
        columns = ['id', 'partner_id', 'company_id', 'date', 'is_current_period',
                   'payment_term_id']
        columns += [dim.split(' AS ')[-1].split('.')[-1] for dim in self._analysis_dimensions()]
        columns += ['d.%s' % column if empty is None
                    else 'COALESCE(d.%s, %s) AS %s' % (column, empty, column)
                    for column, empty in self._analysis_measures()]
        cr.execute('CREATE OR REPLACE VIEW "%s" AS (SELECT %s FROM "%s" d)' % (
            self._table, ', '.join(columns), data_table))
        # Dropping the rows dropped the views built on them (the Pareto view): rebuild them.
        if 'crm.customer.pareto' in self.env:
            self.env['crm.customer.pareto'].init()

    def _data_table(self):
        """Name of the materialized view that holds the rows of the cube."""
        return '%s_data' % self._table

    @api.model
    def refresh(self):
        """Recompute the cube from the host's documents (nightly job, menu, grading run)."""
        self.check_access_rights('read')
        self.env.cr.execute(
            'REFRESH MATERIALIZED VIEW CONCURRENTLY "%s"' % self._data_table())
        self.env.cr.execute('ANALYZE "%s"' % self._data_table())
        self.env['ir.config_parameter'].sudo().set_param(
            'crm_grading.analysis_refreshed_at', fields.Datetime.now())
        self.invalidate_cache()
        return True

    @api.model
    def action_refresh(self):
        """Refresh the cube and open it (the menu item "Refresh Customer Analysis")."""
        self.refresh()
        return self.env.ref('crm_grading.crm_customer_analysis_action').read()[0]

    @api.model
    def _analysis_sources(self):
        """Sources of the view; extend to add measures (call super, append, declare fields).

        :return: list of dicts: ``name`` (a CTE name), ``query`` (SQL returning
            ``partner_id, company_id, date`` and the ``columns``), ``columns`` (ordered list
            of ``(column, value when the source has no row)``; ``None`` keeps NULL).
        """
        today_month = "date_trunc('month', CURRENT_DATE)::date"
        return [
            {'name': 'src_invoices', 'columns': [('revenue', '0')], 'query': """
                SELECT inv.commercial_partner_id AS partner_id, inv.company_id,
                       date_trunc('month', inv.date_invoice)::date AS date,
                       SUM(inv.amount_total_company_signed) AS revenue,
                       MIN(inv.date_invoice) FILTER (WHERE inv.type = 'out_invoice')
                           AS first_invoice,
                       MAX(inv.date_invoice) FILTER (WHERE inv.type = 'out_invoice')
                           AS last_invoice
                  FROM account_invoice inv
                 WHERE inv.type IN ('out_invoice', 'out_refund')
                   AND inv.state IN ('open', 'paid')
              GROUP BY 1, 2, 3"""},
            # The same month a year later carries the revenue as "the year before".
            {'name': 'src_previous', 'columns': [('revenue_previous', '0')], 'query': """
                SELECT partner_id, company_id, (date + interval '1 year')::date AS date,
                       revenue AS revenue_previous
                  FROM src_invoices
                 WHERE date + interval '1 year' <= %s""" % today_month},
            {'name': 'src_orders', 'columns': [
                ('order_count', '0'), ('order_amount', '0'), ('quotation_count', '0'),
                ('quotation_amount', '0')],
             'query': """
                SELECT p.commercial_partner_id AS partner_id, so.company_id,
                       date_trunc('month', so.date_order)::date AS date,
                       COUNT(*) FILTER (WHERE so.state IN ('sale', 'done')) AS order_count,
                       SUM(%s) FILTER (WHERE so.state IN ('sale', 'done')) AS order_amount,
                       COUNT(*) FILTER (WHERE so.state IN ('draft', 'sent')) AS quotation_count,
                       SUM(%s) FILTER (WHERE so.state IN ('draft', 'sent'))
                           AS quotation_amount,
                       MIN(so.date_order) FILTER (WHERE so.state IN ('sale', 'done'))
                           AS first_order,
                       MAX(so.date_order) FILTER (WHERE so.state IN ('sale', 'done'))
                           AS last_order
                  FROM sale_order so
                  JOIN res_partner p ON p.id = so.partner_id
                  JOIN res_company comp ON comp.id = so.company_id
                  JOIN product_pricelist pl ON pl.id = so.pricelist_id
                 WHERE so.state IN ('draft', 'sent', 'sale', 'done')
              GROUP BY 1, 2, 3""" % (ORDER_AMOUNT_SQL, ORDER_AMOUNT_SQL)},
            # Opportunities by creation month; lost ones are archived with probability 0.
            {'name': 'src_opportunities', 'columns': [
                ('opportunity_open_count', '0'), ('opportunity_won_count', '0'),
                ('opportunity_lost_count', '0'), ('expected_revenue', '0')], 'query': """
                SELECT p.commercial_partner_id AS partner_id,
                       COALESCE(l.company_id, p.company_id) AS company_id,
                       date_trunc('month', l.create_date)::date AS date,
                       COUNT(*) FILTER (WHERE l.active AND COALESCE(l.probability, 0) < 100)
                           AS opportunity_open_count,
                       COUNT(*) FILTER (WHERE l.active AND l.probability >= 100)
                           AS opportunity_won_count,
                       COUNT(*) FILTER (WHERE NOT l.active AND COALESCE(l.probability, 0) = 0)
                           AS opportunity_lost_count,
                       SUM(l.planned_revenue) FILTER (
                           WHERE l.active AND COALESCE(l.probability, 0) < 100)
                           AS expected_revenue
                  FROM crm_lead l
                  JOIN res_partner p ON p.id = l.partner_id
                 WHERE l.type = 'opportunity'
              GROUP BY 1, 2, 3"""},
            # Snapshot: what is open today, on the row of the current month.
            {'name': 'src_open_invoices', 'columns': [
                ('receivable_amount', '0'), ('overdue_amount', '0')], 'query': """
                SELECT inv.commercial_partner_id AS partner_id, inv.company_id,
                       %s AS date,
                       SUM(inv.residual_company_signed) AS receivable_amount,
                       SUM(inv.residual_company_signed) FILTER (
                           WHERE inv.type = 'out_invoice'
                             AND COALESCE(inv.date_due, inv.date_invoice) < CURRENT_DATE)
                           AS overdue_amount
                  FROM account_invoice inv
                 WHERE inv.type IN ('out_invoice', 'out_refund') AND inv.state = 'open'
              GROUP BY 1, 2""" % today_month},
            # Days to pay as the card: invoices of the last twelve months, paid on the date of
            # the last entry reconciled with their receivable line.
            {'name': 'src_days_to_pay', 'columns': [('avg_days_to_pay', None)], 'query': """
                SELECT partner_id, company_id, %s AS date,
                       ROUND(AVG(pay_date - date_invoice), 1)::float AS avg_days_to_pay
                  FROM (SELECT inv.commercial_partner_id AS partner_id, inv.company_id,
                               inv.date_invoice, MAX(pl.date) AS pay_date
                          FROM account_invoice inv
                          JOIN account_move_line il ON il.move_id = inv.move_id
                                                   AND il.account_id = inv.account_id
                          JOIN account_partial_reconcile apr ON apr.debit_move_id = il.id
                          JOIN account_move_line pl ON pl.id = apr.credit_move_id
                         WHERE inv.state = 'paid' AND inv.type = 'out_invoice'
                           AND inv.date_invoice > CURRENT_DATE - 365
                      GROUP BY inv.id) paid
              GROUP BY 1, 2""" % today_month},
        ]

    @api.model
    def _analysis_dimensions(self):
        """Customer columns of the view (``cust.<column>`` of the CTE ``cust``, or
        ``<expression> AS <name>``); extend to add a dimension."""
        return [
            'cust.grade_id', 'cust.credit_rating', 'cust.rfm_score', 'cust.industry_id',
            'cust.company_size', 'cust.country_id', 'cust.state_id', 'cust.city',
            'cust.user_id', 'cust.team_id', 'cust.category_id', 'cust.first_order_date',
            'cust.last_order_date', 'cust.lifecycle_status',
        ]

    @api.model
    def _analysis_measures(self):
        """Measure columns of the cube with their value when missing (None: stays empty)."""
        measures = []
        for src in self._analysis_sources():
            measures += src['columns']
        return measures + [('win_rate', None), ('customer_value', '0'),
                           ('days_since_contact', None), ('customer_count', '0')]

    @api.model
    def _analysis_query(self):
        """The SELECT of the materialized rows, built from the sources and the dimensions."""
        sources = self._analysis_sources()
        ctes = ['%s AS (%s)' % (src['name'], src['query']) for src in sources]
        keys = ' UNION '.join('SELECT partner_id, company_id, date FROM %s' % src['name']
                              for src in sources)
        joins = []
        measures = []
        for src in sources:
            joins.append(
                "LEFT JOIN %(n)s ON %(n)s.partner_id = k.partner_id AND %(n)s.date = k.date "
                "AND %(n)s.company_id IS NOT DISTINCT FROM k.company_id" % {'n': src['name']})
            for column, empty in src['columns']:
                # Fixed-size types: a sum over float8 is several times faster than over
                # numeric. A missing or zero measure is stored as NULL, which takes no room
                # (most rows carry two or three measures): the pivot's scans are shorter.
                cast = 'int' if column.endswith('_count') else 'float8'
                value = '%s.%s' % (src['name'], column)
                if empty is not None:
                    value = 'NULLIF(%s, %s)' % (value, empty)
                measures.append('%s::%s AS %s' % (value, cast, column))
        return """
            WITH %(ctes)s,
            src_contacts AS (
                SELECT commercial_partner_id AS partner_id,
                       MAX(last_interaction_date) AS last_contact
                  FROM res_partner
                 WHERE last_interaction_date IS NOT NULL
              GROUP BY 1
            ),
            src_life AS (
                -- A purchase is a confirmed order or a posted invoice (some are invoiced
                -- without an order).
                SELECT partner_id, MIN(first_day) AS first_order_date,
                       MAX(last_day) AS last_order_date
                  FROM (SELECT partner_id, first_order::date AS first_day,
                               last_order::date AS last_day
                          FROM src_orders WHERE first_order IS NOT NULL
                     UNION ALL
                        SELECT partner_id, first_invoice, last_invoice
                          FROM src_invoices WHERE first_invoice IS NOT NULL) purchases
              GROUP BY 1
            ),
            k0 AS (
                %(keys)s
            ),
            cust AS (
                -- The company of the customer's own row (customer value, contact, count):
                -- its own, else the first it has documents in.
                SELECT p.id, COALESCE(p.company_id, kc.company_id) AS base_company_id,
                       p.grade_id, p.credit_rating, p.rfm_score,
                       p.customer_value, p.industry_id, p.company_size, p.country_id,
                       p.state_id, p.city, p.user_id, p.team_id,
                       (SELECT rel.category_id
                          FROM res_partner_res_partner_category_rel rel
                          JOIN res_partner_category cat ON cat.id = rel.category_id
                         WHERE rel.partner_id = p.id ORDER BY cat.name, cat.id LIMIT 1)
                           AS category_id,
                       life.first_order_date, life.last_order_date,
                       CURRENT_DATE - ct.last_contact::date AS days_since_contact,
                       CASE
                       WHEN life.first_order_date IS NULL THEN 'prospect'
                       WHEN life.first_order_date >= CURRENT_DATE - %(new)s THEN 'new'
                       WHEN life.last_order_date >= CURRENT_DATE - %(active)s THEN 'active'
                       WHEN life.last_order_date >= CURRENT_DATE - %(risk)s
                            OR ct.last_contact::date >= CURRENT_DATE - %(contact)s
                           THEN 'at_risk'
                       ELSE 'lost' END AS lifecycle_status
                  FROM res_partner p
             LEFT JOIN src_life life ON life.partner_id = p.id
             LEFT JOIN src_contacts ct ON ct.partner_id = p.id
             LEFT JOIN (SELECT partner_id, MIN(company_id) AS company_id
                          FROM k0 GROUP BY 1) kc ON kc.partner_id = p.id
                 WHERE p.customer AND p.active AND p.id = p.commercial_partner_id
            ),
            k AS (
                SELECT partner_id, company_id, date FROM k0
                UNION
                SELECT id, base_company_id, date_trunc('month', CURRENT_DATE)::date FROM cust
            )
            SELECT (k.partner_id::bigint * 1000 + COALESCE(k.company_id, 0)) * 100000
                       + (extract(year FROM k.date)::int * 12
                          + extract(month FROM k.date)::int - 1) AS id,
                   k.partner_id, k.company_id, k.date,
                   k.date = date_trunc('month', CURRENT_DATE)::date AS is_current_period,
                   %(dimensions)s,
                   (SELECT substring(prop.value_reference FROM '[0-9]+$')::int
                      FROM ir_property prop
                     WHERE prop.fields_id = (SELECT f.id FROM ir_model_fields f
                                              WHERE f.model = 'res.partner'
                                                AND f.name = 'property_payment_term_id')
                       AND (prop.res_id IS NULL OR prop.res_id = 'res.partner,' || k.partner_id)
                       AND (prop.company_id IS NULL OR prop.company_id = k.company_id)
                       AND prop.value_reference IS NOT NULL
                  ORDER BY prop.res_id IS NULL, prop.company_id IS NULL LIMIT 1)
                       AS payment_term_id,
                   %(measures)s,
                   CASE WHEN COALESCE(src_opportunities.opportunity_won_count, 0)
                             + COALESCE(src_opportunities.opportunity_lost_count, 0) > 0
                        THEN 100.0 * src_opportunities.opportunity_won_count
                             / (src_opportunities.opportunity_won_count
                                + src_opportunities.opportunity_lost_count)
                   END::float8 AS win_rate,
                   CASE WHEN base.id IS NOT NULL
                        THEN NULLIF(cust.customer_value, 0) END::float8 AS customer_value,
                   CASE WHEN base.id IS NOT NULL
                        THEN cust.days_since_contact END AS days_since_contact,
                   CASE WHEN base.id IS NOT NULL THEN 1 END AS customer_count
              FROM k
              JOIN cust ON cust.id = k.partner_id
              -- the customer's own row: its figures are counted once per customer
         LEFT JOIN cust base ON base.id = k.partner_id
                            AND k.date = date_trunc('month', CURRENT_DATE)::date
                            AND base.base_company_id IS NOT DISTINCT FROM k.company_id
              %(joins)s
        """ % {
            'ctes': ',\n'.join(ctes), 'keys': keys, 'joins': '\n'.join(joins),
            'measures': ',\n'.join(measures),
            'dimensions': ', '.join(self._analysis_dimensions()),
            'new': NEW_DAYS, 'active': ACTIVE_DAYS, 'risk': AT_RISK_DAYS,
            'contact': RECENT_CONTACT_DAYS,
        }
