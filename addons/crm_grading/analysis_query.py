# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SQL of the customer analysis cube (``crm.customer.analysis``): its base sources and
the query that joins any list of sources into the cube's rows.

The model calls these through ``_analysis_sources`` and ``_analysis_query``; extend those
methods, not these functions (see the model's docstring).
"""
from odoo.addons.crm_customer360.facts import (
    QUOTATION_OR_ORDER_STATES, not_staff_sql, order_amount_sql, order_sql, overdue_invoices_sql,
    paid_date_sql, quotation_sql, receivable_amount_sql, receivable_invoices_sql,
    revenue_amount_sql, revenue_invoices_sql, sql_list)

# Today, in the cube: a materialized view takes no parameter, so its query reads the
# session's day, which ``crm.customer.analysis._cube_time_zone`` sets to the main company's
# time zone (``tz.company_today``) while the view is built or refreshed.
CUBE_TODAY = 'CURRENT_DATE'

# Day counts of the lifecycle rules (documented in the README).
NEW_DAYS = 90           # first purchase at most this many days ago: new
ACTIVE_DAYS = 180       # last purchase at most this many days ago: active
AT_RISK_DAYS = 365      # last purchase up to this many days ago: at risk; older: lost ...
RECENT_CONTACT_DAYS = 90  # ... unless contacted this recently, which keeps it at risk


def base_sources():
    """The sources of ``crm_grading``: invoices, orders, opportunities, open invoices and
    days to pay (the format of ``crm.customer.analysis._analysis_sources``)."""
    today_month = "date_trunc('month', %s)::date" % CUBE_TODAY
    return [
        {'name': 'src_invoices', 'columns': [('revenue', '0')], 'query': """
            SELECT inv.commercial_partner_id AS partner_id, inv.company_id,
                   date_trunc('month', inv.date_invoice)::date AS date,
                   SUM(%s) AS revenue,
                   MIN(inv.date_invoice) FILTER (WHERE inv.type = 'out_invoice')
                       AS first_invoice,
                   MAX(inv.date_invoice) FILTER (WHERE inv.type = 'out_invoice')
                       AS last_invoice
              FROM account_invoice inv
             WHERE %s
          GROUP BY 1, 2, 3""" % (revenue_amount_sql('inv'), revenue_invoices_sql('inv'))},
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
                   COUNT(*) FILTER (WHERE %(order)s) AS order_count,
                   SUM(%(amount)s) FILTER (WHERE %(order)s) AS order_amount,
                   COUNT(*) FILTER (WHERE %(quotation)s) AS quotation_count,
                   SUM(%(amount)s) FILTER (WHERE %(quotation)s) AS quotation_amount,
                   MIN(so.date_order) FILTER (WHERE %(order)s) AS first_order,
                   MAX(so.date_order) FILTER (WHERE %(order)s) AS last_order
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
              JOIN res_company comp ON comp.id = so.company_id
              JOIN product_pricelist pl ON pl.id = so.pricelist_id
             WHERE so.state IN %(states)s
          GROUP BY 1, 2, 3""" % {
            'order': order_sql('so'), 'quotation': quotation_sql('so'),
            'amount': order_amount_sql(), 'states': sql_list(QUOTATION_OR_ORDER_STATES)}},
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
                   %(today_month)s AS date,
                   SUM(%(residual)s) AS receivable_amount,
                   SUM(%(residual)s) FILTER (WHERE %(overdue)s) AS overdue_amount
              FROM account_invoice inv
             WHERE %(receivable)s
          GROUP BY 1, 2""" % {
            'today_month': today_month, 'residual': receivable_amount_sql('inv'),
            'overdue': overdue_invoices_sql('inv', CUBE_TODAY),
            'receivable': receivable_invoices_sql('inv')}},
        # Days to pay as the card (the same paid date, ``paid_date_sql``).
        {'name': 'src_days_to_pay', 'columns': [('avg_days_to_pay', None)], 'query': """
            SELECT inv.commercial_partner_id AS partner_id, inv.company_id, %s AS date,
                   ROUND(AVG(paid.pay_date - inv.date_invoice), 1)::float AS avg_days_to_pay
              FROM account_invoice inv
              JOIN LATERAL (%s) paid ON paid.pay_date IS NOT NULL
             WHERE inv.state = 'paid' AND inv.type = 'out_invoice'
               AND inv.date_invoice > %s - 365
          GROUP BY 1, 2""" % (today_month, paid_date_sql('inv', CUBE_TODAY), CUBE_TODAY)},
    ]



def cube_query(sources, dimensions):
    """The SELECT of the cube's materialized rows.

    :param sources: as ``_analysis_sources`` returns them
    :param dimensions: customer columns, as ``_analysis_dimensions`` returns them
    """
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
                   %(today)s - (ct.last_contact AT TIME ZONE 'UTC')::date
                       AS days_since_contact,
                   CASE
                   WHEN life.first_order_date IS NULL THEN 'prospect'
                   WHEN life.first_order_date >= %(today)s - %(new)s THEN 'new'
                   WHEN life.last_order_date >= %(today)s - %(active)s THEN 'active'
                   WHEN life.last_order_date >= %(today)s - %(risk)s
                        OR (ct.last_contact AT TIME ZONE 'UTC')::date
                           >= %(today)s - %(contact)s
                       THEN 'at_risk'
                   ELSE 'lost' END AS lifecycle_status
              FROM res_partner p
         LEFT JOIN src_life life ON life.partner_id = p.id
         LEFT JOIN src_contacts ct ON ct.partner_id = p.id
         LEFT JOIN (SELECT partner_id, MIN(company_id) AS company_id
                      FROM k0 GROUP BY 1) kc ON kc.partner_id = p.id
             WHERE p.customer AND p.active AND p.id = p.commercial_partner_id
               AND %(not_staff)s
        ),
        k AS (
            SELECT partner_id, company_id, date FROM k0
            UNION
            SELECT id, base_company_id, date_trunc('month', %(today)s)::date FROM cust
        )
        -- A row number, not a number made of the keys: those passed 2**31 from the 22nd
        -- customer on, and XML-RPC carries no larger integer (a client could not read the
        -- cube). The ids change at each refresh; nothing keeps them.
        SELECT (row_number() OVER (ORDER BY k.partner_id, k.company_id, k.date))::int AS id,
               k.partner_id, k.company_id, k.date,
               k.date = date_trunc('month', %(today)s)::date AS is_current_period,
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
                        AND k.date = date_trunc('month', %(today)s)::date
                        AND base.base_company_id IS NOT DISTINCT FROM k.company_id
          %(joins)s
    """ % {
        'ctes': ',\n'.join(ctes), 'keys': keys, 'joins': '\n'.join(joins),
        'measures': ',\n'.join(measures),
        'dimensions': ', '.join(dimensions),
        'new': NEW_DAYS, 'active': ACTIVE_DAYS, 'risk': AT_RISK_DAYS,
        'contact': RECENT_CONTACT_DAYS, 'not_staff': not_staff_sql('p'), 'today': CUBE_TODAY,
    }
