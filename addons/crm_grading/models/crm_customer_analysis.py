# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer analysis cube: one row per customer, company and month, for pivot and graph.

A materialized SQL view (``_auto = False``), refreshed every night and by sales managers from
the menu (``_refresh``, a heavy query: not callable over RPC; ``action_refresh`` checks the
right first; a grading run does not refresh it, as that would triple the run's time).
Computed live over a large base (a million invoices), one opening of the pivot would take a
minute; read from the materialized rows it takes about a second.
The figures follow the definitions of the customer card (``crm.customer.figures``):

* period measures sit on the row of the month of their document: revenue (posted invoices
  minus refunds, as crm_customer360 ``facts`` defines it) by invoice date, the revenue of
  the same month a year before, confirmed orders and open quotations by order date, opportunities
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
dimensions come from ``_analysis_dimensions``, extended the same way. The base sources and the
query builder are in ``crm_grading/analysis_query.py``. Example::

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
import contextlib
import hashlib

from psycopg2 import sql

from odoo import _, api, fields, models, tools

from odoo.addons.crm_customer360.access import require_group, require_superuser
from odoo.addons.crm_customer360.models.res_partner import COMPANY_SIZES
from odoo.addons.crm_customer360.tz import company_tz, main_company

from ..analysis_query import base_sources, cube_query
from .res_partner import CREDIT_RATINGS

LIFECYCLE_STATUSES = [
    ('prospect', 'Prospect'),
    ('new', 'New'),
    ('active', 'Active'),
    ('at_risk', 'At Risk'),
    ('lost', 'Lost'),
]


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
    partner_id = fields.Many2one('res.partner', 'Customer', readonly=True, auto_join=True)
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
        require_superuser(self.env)
        cr = self.env.cr
        data_table = self._data_table()
        query = self._analysis_query()
        digest = 'crm_customer_analysis:%s' % hashlib.md5(query.encode('utf-8')).hexdigest()
        cr.execute("""SELECT obj_description(c.oid, 'pg_class') FROM pg_class c
                       WHERE c.relname = %s AND c.relkind = 'm'""", [data_table])
        row = cr.fetchone()
        if row and row[0] != digest and self._cube_extended_later():
            # An update loads the addons in order: this one's query lacks the columns of an
            # addon loaded after it, whose init builds the cube, once, with all of them.
            return
        # The first layout of the cube kept its rows under the model's own table name.
        cr.execute("SELECT relkind FROM pg_class WHERE relname = %s", [self._table])
        if cr.fetchone() == ('m',):
            cr.execute(sql.SQL('DROP MATERIALIZED VIEW {} CASCADE').format(
                sql.Identifier(self._table)))
        tools.drop_view_if_exists(cr, self._table)
        if not row or row[0] != digest:
            if row:
                cr.execute(sql.SQL('DROP MATERIALIZED VIEW {} CASCADE').format(
                    sql.Identifier(data_table)))
            with self._cube_time_zone():
                cr.execute(sql.SQL('CREATE MATERIALIZED VIEW {} AS ({})').format(
                    sql.Identifier(data_table), sql.SQL(query)))
            # The unique index lets the refresh run CONCURRENTLY, without blocking readers.
            cr.execute(sql.SQL('CREATE UNIQUE INDEX {} ON {} (id)').format(
                sql.Identifier(data_table + '_id_idx'), sql.Identifier(data_table)))
            for column in ('date', 'partner_id', 'user_id'):
                cr.execute(sql.SQL('CREATE INDEX {} ON {} ({})').format(
                    sql.Identifier('%s_%s_idx' % (data_table, column)),
                    sql.Identifier(data_table), sql.Identifier(column)))
            cr.execute(sql.SQL('COMMENT ON MATERIALIZED VIEW {} IS %s').format(
                sql.Identifier(data_table)), [digest])
            cr.execute(sql.SQL('ANALYZE {}').format(sql.Identifier(data_table)))
        columns = ['id', 'partner_id', 'company_id', 'date', 'is_current_period',
                   'payment_term_id']
        columns += [dim.split(' AS ')[-1].split('.')[-1] for dim in self._analysis_dimensions()]
        columns += ['d.%s' % column if empty is None
                    else 'COALESCE(d.%s, %s) AS %s' % (column, empty, column)
                    for column, empty in self._analysis_measures()]
        cr.execute(sql.SQL('CREATE OR REPLACE VIEW {} AS (SELECT {} FROM {} d)').format(
            sql.Identifier(self._table), sql.SQL(', '.join(columns)), sql.Identifier(data_table)))
        # Dropping the rows dropped the views built on them (the Pareto view): rebuild them.
        self.env['crm.customer.pareto'].init()

    def _cube_extended_later(self):
        """True when an installed addon that adds fields to the cube is not loaded yet in
        the registry being built (its fields are known from an earlier install): that
        addon's init builds the cube."""
        self.env.cr.execute("""
            SELECT DISTINCT d.module
              FROM ir_model_fields f
              JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
              JOIN ir_module_module m ON m.name = d.module
                                     AND m.state IN ('installed', 'to upgrade', 'to install')
             WHERE f.model = %s""", [self._name])
        extending = {row[0] for row in self.env.cr.fetchall()}
        loaded = set(self.pool._init_modules) | {self.env.context.get('module')}
        return bool(extending - loaded)

    @contextlib.contextmanager
    def _cube_time_zone(self):
        """Run the cube's query in the main company's time zone: its ``CURRENT_DATE`` (the
        current month, overdue invoices, the lifecycle status) is that company's today, not
        the database server's (the session's time zone is set back afterwards)."""
        cr = self.env.cr
        cr.execute("SHOW TIME ZONE")
        previous = cr.fetchone()[0]
        cr.execute("SET LOCAL TIME ZONE %s", [company_tz(main_company(self.env))])
        try:
            yield
        finally:
            cr.execute("SET LOCAL TIME ZONE %s", [previous])

    def _data_table(self):
        """Name of the materialized view that holds the rows of the cube."""
        return '%s_data' % self._table

    @api.model
    def _refresh(self):
        """Recompute the cube from the host's documents (nightly job, menu)."""
        with self._cube_time_zone():
            self.env.cr.execute(
                'REFRESH MATERIALIZED VIEW CONCURRENTLY "%s"' % self._data_table())
        self.env.cr.execute('ANALYZE "%s"' % self._data_table())
        self.env['ir.config_parameter'].sudo().set_param(
            'crm_grading.analysis_refreshed_at', fields.Datetime.now())
        self.invalidate_cache()
        return True

    @api.model
    def action_refresh(self):
        """Queue a refresh of the cube and open it (the menu item "Refresh Customer
        Analysis"): sales managers only, as the query reads every document of the database.
        The manager is told when the new figures are there."""
        require_group(self.env, 'sales_team.group_sale_manager', _(
            "Only sales managers may refresh the customer analysis: it is refreshed every "
            "night; ask a sales manager if today's figures are needed now."))
        # In the background: over a large database the query takes longer than a request may.
        self._queue_refresh(self.env.user)
        return self.env.ref('crm_grading.crm_customer_analysis_action').read()[0]

    @api.model
    def _analysis_sources(self):
        """Sources of the view; extend to add measures (call super, append, declare fields).

        :return: list of dicts: ``name`` (a CTE name), ``query`` (SQL returning
            ``partner_id, company_id, date`` and the ``columns``), ``columns`` (ordered list
            of ``(column, value when the source has no row)``; ``None`` keeps NULL).
        """
        return base_sources()

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
        return cube_query(self._analysis_sources(), self._analysis_dimensions())
