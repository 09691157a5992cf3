# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Pareto (80/20) view: customers ranked by revenue with their cumulative share.

A SQL view over the customer analysis cube, with one row per customer (commercial entity)
and company: the revenue of the current month and the eleven before (posted invoices minus
refunds, as the cube and the customer card), the rank in the company, and the cumulative
shares computed with window functions. Customers without positive revenue in the period are
left out (they bring none of it). It shows the cube's last refresh.

``_pareto_summary`` gives the figure "N% of the customers bring 80% of the revenue"; the
summary window (``crm.customer.pareto.summary``) shows it above the links to the curve.
"""
from odoo import _, api, fields, models, tools

from odoo.addons.crm_customer360.access import require_group, require_superuser

# Revenue share that marks the top customers (the 80 of 80/20).
PARETO_SHARE = 80.0
# Width of the customer buckets of the curve, in percent of the customers.
BUCKET_PERCENT = 5


class CrmCustomerPareto(models.Model):
    _name = 'crm.customer.pareto'
    _description = 'Customer Pareto Analysis'
    _auto = False
    _rec_name = 'partner_id'
    _order = 'company_id, rank'

    partner_id = fields.Many2one('res.partner', 'Customer', readonly=True, auto_join=True)
    company_id = fields.Many2one('res.company', 'Company', readonly=True)
    user_id = fields.Many2one('res.users', 'Salesperson', readonly=True)
    grade_id = fields.Many2one('crm.customer.grade', 'Grade', readonly=True)
    revenue = fields.Float('Revenue (12 months)', readonly=True)
    rank = fields.Integer('Rank', readonly=True, group_operator='min')
    customer_share = fields.Float(
        'Customers (cumulative %)', readonly=True, group_operator='max',
        help="Share of the customers ranked up to this one.")
    cumulative_revenue = fields.Float(
        'Cumulative Revenue', readonly=True, group_operator='max')
    cumulative_share = fields.Float(
        'Revenue (cumulative %)', readonly=True, group_operator='max',
        help="Share of the revenue brought by the customers ranked up to this one; grouped, "
             "the share reached at the end of the group.")
    customer_bucket = fields.Integer(
        'Top Customers (%)', readonly=True,
        help="The customer's place in steps of 5% of the customers: 5 holds the best 5%.")
    is_top = fields.Boolean(
        'Brings the First 80%', readonly=True,
        help="The customers needed to reach 80% of the revenue, best first.")

    @api.model_cr
    def init(self):
        """Build the view (module install and update, and the cube's rebuild)."""
        require_superuser(self.env)
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute("""
            CREATE OR REPLACE VIEW %s AS (
            WITH revenue AS (
                SELECT a.partner_id, a.company_id, SUM(a.revenue) AS revenue
                  FROM crm_customer_analysis_data a
                 -- the cube's current month (its refresh's today), not the server's
                 WHERE a.date > (SELECT MAX(c.date) FROM crm_customer_analysis_data c
                                  WHERE c.is_current_period) - interval '12 months'
                   AND a.company_id IS NOT NULL
              GROUP BY 1, 2
                HAVING SUM(a.revenue) > 0
            ), ranked AS (
                SELECT r.*,
                       ROW_NUMBER() OVER w AS rank,
                       COUNT(*) OVER (PARTITION BY r.company_id) AS total_count,
                       SUM(r.revenue) OVER w AS cumulative_revenue,
                       SUM(r.revenue) OVER (PARTITION BY r.company_id) AS total_revenue
                  FROM revenue r
                WINDOW w AS (PARTITION BY r.company_id ORDER BY r.revenue DESC, r.partner_id
                             ROWS UNBOUNDED PRECEDING)
            )
            -- within 32 bits, for XML-RPC clients (see analysis_query.py)
            SELECT (row_number() OVER (ORDER BY ranked.company_id, ranked.partner_id))::int
                       AS id,
                   ranked.partner_id, ranked.company_id, p.user_id, p.grade_id,
                   ranked.revenue, ranked.rank,
                   100.0 * ranked.rank / ranked.total_count AS customer_share,
                   ranked.cumulative_revenue,
                   100.0 * ranked.cumulative_revenue / ranked.total_revenue
                       AS cumulative_share,
                   (CEIL(100.0 * ranked.rank / ranked.total_count / %%s) * %%s)::int
                       AS customer_bucket,
                   100.0 * (ranked.cumulative_revenue - ranked.revenue)
                       / ranked.total_revenue < %%s AS is_top
              FROM ranked
              JOIN res_partner p ON p.id = ranked.partner_id
            )""" % self._table, (BUCKET_PERCENT, BUCKET_PERCENT, PARETO_SHARE))

    @api.model
    def _pareto_summary(self, company_id=None):
        """The 80/20 figure of a company (default: the user's), over the rows the user sees.

        :return: dict with ``customer_count``, ``top_count`` (customers needed for 80% of
            the revenue), ``top_share`` (their share of the customers, %), ``revenue``.
        """
        company_id = company_id or self.env.user.company_id.id
        domain = [('company_id', '=', company_id)]
        groups = self.read_group(domain, ['revenue', 'is_top'], ['is_top'], lazy=False)
        counts = {group['is_top']: group['__count'] for group in groups}
        total = sum(counts.values())
        top = counts.get(True, 0)
        return {
            'customer_count': total,
            'top_count': top,
            'top_share': round(100.0 * top / total, 1) if total else 0.0,
            'revenue': sum(group['revenue'] for group in groups),
        }


class CrmCustomerParetoSummary(models.TransientModel):
    _name = 'crm.customer.pareto.summary'
    _description = 'Customer Pareto Summary'

    customer_count = fields.Integer('Customers with Revenue', readonly=True)
    top_count = fields.Integer('Customers Bringing 80%', readonly=True)
    top_share = fields.Float('Share of Customers (%)', readonly=True, digits=(16, 1))
    revenue = fields.Float('Revenue (12 months)', readonly=True)
    summary = fields.Char('Summary', readonly=True)
    refreshed_at = fields.Datetime(
        'Figures of', readonly=True,
        help="When the customer analysis was last refreshed (every night, or from the menu).")

    @api.multi
    def name_get(self):
        return [(summary.id, _("Customer Pareto (80/20)")) for summary in self]

    @api.model
    def _check_pareto_reader(self):
        """The summary and its links serve those who may read the Pareto rows."""
        require_group(self.env, 'sales_team.group_sale_salesman')
        self.env['crm.customer.pareto'].check_access_rights('read')

    @api.model
    def default_get(self, fields_list):
        self._check_pareto_reader()
        values = super().default_get(fields_list)
        figures = self.env['crm.customer.pareto']._pareto_summary()
        values.update(figures)
        values['refreshed_at'] = self.env['ir.config_parameter'].sudo().get_param(
            'crm_grading.analysis_refreshed_at') or False
        values['summary'] = _("%(share)s%% of the customers (%(top)s of %(total)s) bring 80%% "
                              "of the revenue of the last twelve months.") % {
            'share': figures['top_share'], 'top': figures['top_count'],
            'total': figures['customer_count']}
        return values

    @api.multi
    def action_open_curve(self):
        """Open the Pareto curve (graph of the cumulative revenue share)."""
        self.ensure_one()
        self._check_pareto_reader()
        return self.env.ref('crm_grading.crm_customer_pareto_action').read()[0]

    @api.multi
    def action_open_top(self):
        """List the customers that bring the first 80% of the revenue."""
        self.ensure_one()
        self._check_pareto_reader()
        action = self.env.ref('crm_grading.crm_customer_pareto_action_list').read()[0]
        action['context'] = {'search_default_top': 1}
        return action
