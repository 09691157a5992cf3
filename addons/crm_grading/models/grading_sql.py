# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The set-based SQL of a grading run (see ``crm.grading.run._run_policy``).

One statement computes every customer's figures, ranks and scores with window functions,
writes the partners (UPDATE ... FROM) and inserts a history row where the grade changed
(INSERT ... SELECT), all from the same snapshot.

Customers of a company: active commercial entities flagged as customer whose company is the
graded company. A shared customer (no company) is graded by the company with the lowest id
(the main company), on its revenue in that company: a grade is one value per customer, so
exactly one company must own it, or two nightly runs would flip it back and forth.

Revenue: posted customer invoices (open or paid) minus refunds, ``amount_total_company_signed``
(company currency at the invoice date, taxes included) dated within the period, the same
figure as the card's invoiced amount (crm_customer360 ``customer_figures``).

Pareto ranks: customers with positive revenue by revenue, highest first; equal revenues share a
rank and a grade. "Above" is the revenue of the customers with a strictly higher revenue: a
customer is A while above < threshold A x total, B while above < threshold B x total, else C;
revenue <= 0 gives D.

RFM scores (customers with at least one confirmed order or posted invoice, ever): recency is the
days since the last order or invoice, frequency the confirmed orders in the period, monetary the
revenue. Each is scored 1 + floor(5 x (rank - 1) / n) over the customers ranked worst first
(oldest, fewest orders, least revenue), i.e. quintiles like ntile(5) but equal values share a
score. 5 is best: the most recent, most frequent, highest revenue.
"""
import re

# Columns of the ``final`` CTE that explanation templates may name, in format() order.
TEMPLATE_COLUMNS = [
    'date_from', 'date_to', 'threshold_a', 'threshold_b', 'total', 'revenue', 'rank', 'count',
    'before', 'after', 'score', 'recency', 'frequency', 'grade', 'old_grade', 'until', 'reason',
    'min_total', 'min_recency', 'min_frequency', 'min_monetary',
]


def sql_format(key, template):
    """SQL ``format()`` of a Python %(name)s template over the columns of ``t``.

    Returns the SQL fragment and the converted template, to pass as the parameter ``key``.
    Both languages write a literal percent as %%; names become positional %n$s arguments.
    """
    def positional(match):
        return '%%%d$s' % (TEMPLATE_COLUMNS.index(match.group(1)) + 1)
    converted = re.sub(r'%\((\w+)\)s', positional, template)
    columns = ', '.join('t.%s' % col for col in TEMPLATE_COLUMNS)
    return 'format(%%(%s)s, %s)' % (key, columns), converted


GRADING_SQL = """
WITH customers AS (
    SELECT p.id, p.grade_id AS old_grade_id,
           COALESCE(p.grade_locked, FALSE)
               AND (p.grade_lock_until IS NULL OR p.grade_lock_until >= %(today)s) AS locked,
           p.grade_lock_until, p.grade_lock_reason
      FROM res_partner p
     WHERE p.customer AND p.active AND p.commercial_partner_id = p.id
       AND (p.company_id = %(company)s OR (p.company_id IS NULL AND %(shared)s))
), inv AS (
    SELECT i.commercial_partner_id AS id,
           SUM(i.amount_total_company_signed)
               FILTER (WHERE i.date_invoice >= %(date_from)s) AS revenue,
           MAX(i.date_invoice) AS last_date
      FROM account_invoice i
     WHERE i.company_id = %(company)s AND i.type IN ('out_invoice', 'out_refund')
       AND i.state IN ('open', 'paid') AND i.date_invoice <= %(today)s
  GROUP BY i.commercial_partner_id
), ord AS (
    SELECT p.commercial_partner_id AS id,
           COUNT(*) FILTER (WHERE so.date_order::date >= %(date_from)s) AS orders,
           MAX(so.date_order::date) AS last_date
      FROM sale_order so
      JOIN res_partner p ON p.id = so.partner_id
     WHERE so.company_id = %(company)s AND so.state IN ('sale', 'done')
       AND so.date_order::date <= %(today)s
  GROUP BY p.commercial_partner_id
), figures AS (
    SELECT c.*, COALESCE(inv.revenue, 0) AS revenue, COALESCE(ord.orders, 0) AS orders,
           GREATEST(inv.last_date, ord.last_date) AS last_date,
           GREATEST(inv.last_date, ord.last_date) IS NOT NULL AS scored
      FROM customers c
      LEFT JOIN inv ON inv.id = c.id
      LEFT JOIN ord ON ord.id = c.id
), ranked AS (
    SELECT f.*, %(today)s::date - f.last_date AS recency_days,
           CASE WHEN f.revenue > 0 THEN rank() OVER (ORDER BY f.revenue DESC) END AS rnk,
           COUNT(*) FILTER (WHERE f.revenue > 0) OVER () AS ranked_count,
           COALESCE(SUM(f.revenue) FILTER (WHERE f.revenue > 0) OVER (), 0) AS total,
           SUM(f.revenue) OVER (ORDER BY f.revenue DESC)
               - f.revenue * COUNT(*) OVER (PARTITION BY f.revenue) AS above,
           COUNT(*) FILTER (WHERE f.scored) OVER () AS scored_count,
           rank() OVER (PARTITION BY f.scored ORDER BY f.last_date) AS r_rank,
           rank() OVER (PARTITION BY f.scored ORDER BY f.orders) AS f_rank,
           rank() OVER (PARTITION BY f.scored ORDER BY f.revenue) AS m_rank
      FROM figures f
), scored AS (
    SELECT r.*,
           CASE WHEN r.scored THEN 1 + 5 * (r.r_rank - 1) / r.scored_count END AS r_score,
           CASE WHEN r.scored THEN 1 + 5 * (r.f_rank - 1) / r.scored_count END AS f_score,
           CASE WHEN r.scored THEN 1 + 5 * (r.m_rank - 1) / r.scored_count END AS m_score
      FROM ranked r
), graded AS (
    SELECT s.*, rule.id AS rule_id, rule.min_total, rule.min_recency, rule.min_frequency,
           rule.min_monetary,
           CASE WHEN %(method)s = 'rfm' THEN COALESCE(rule.grade_id, %(grade_d)s)
                WHEN s.revenue <= 0 THEN %(grade_d)s
                WHEN s.above * 100 < %(threshold_a)s * s.total THEN %(grade_a)s
                WHEN s.above * 100 < %(threshold_b)s * s.total THEN %(grade_b)s
                ELSE %(grade_c)s END AS computed_grade_id
      FROM scored s
      LEFT JOIN LATERAL (
          SELECT x.id, x.grade_id, x.min_total, x.min_recency, x.min_frequency, x.min_monetary
            FROM crm_grading_policy_rfm_rule x
           WHERE x.policy_id = %(policy)s AND s.scored
             AND s.r_score >= x.min_recency AND s.f_score >= x.min_frequency
             AND s.m_score >= x.min_monetary
             AND s.r_score + s.f_score + s.m_score >= x.min_total
        ORDER BY x.sequence, x.id LIMIT 1) rule ON TRUE
), t AS (
    SELECT g.id, g.old_grade_id, g.locked, g.rule_id, g.scored, g.revenue AS revenue_amount,
           CASE WHEN g.locked THEN g.old_grade_id ELSE g.computed_grade_id END AS new_grade_id,
           ROUND(g.revenue * 12.0 / %(period_months)s, 2) AS value,
           CASE WHEN g.scored THEN concat(g.r_score, g.f_score, g.m_score) END AS rfm_score,
           %(date_from)s::text AS date_from, %(today)s::text AS date_to,
           %(threshold_a)s::numeric::text AS threshold_a,
           %(threshold_b)s::numeric::text AS threshold_b,
           to_char(g.total, 'FM999,999,999,990.00') || ' ' || %(currency)s AS total,
           to_char(g.revenue, 'FM999,999,999,990.00') || ' ' || %(currency)s AS revenue,
           g.rnk::text AS rank, g.ranked_count::text AS count,
           CASE WHEN g.total > 0 THEN to_char(100.0 * g.above / g.total, 'FM990.00') END
               AS before,
           CASE WHEN g.total > 0 THEN to_char(100.0 * (g.above + g.revenue) / g.total,
                                              'FM990.00') END AS after,
           concat(g.r_score, g.f_score, g.m_score) AS score,
           g.recency_days::text AS recency, g.orders::text AS frequency,
           new_grade.code AS grade, old_grade.code AS old_grade,
           g.grade_lock_until::text AS until, g.grade_lock_reason AS reason,
           g.min_total::text AS min_total, g.min_recency::text AS min_recency,
           g.min_frequency::text AS min_frequency, g.min_monetary::text AS min_monetary
      FROM graded g
      LEFT JOIN crm_customer_grade new_grade
             ON new_grade.id = CASE WHEN g.locked THEN g.old_grade_id
                                    ELSE g.computed_grade_id END
      LEFT JOIN crm_customer_grade old_grade ON old_grade.id = g.old_grade_id
), final AS (
    SELECT t.id, t.old_grade_id, t.new_grade_id, t.locked, t.value, t.rfm_score,
           concat_ws(E'\\n',
               __RULE__,
               CASE WHEN t.revenue_amount > 0 THEN __RANKED__ ELSE __UNRANKED__ END,
               CASE WHEN t.scored THEN __RFM__ ELSE __NO_RFM__ END,
               CASE WHEN t.locked AND t.until IS NULL THEN __LOCKED_OPEN__
                    WHEN t.locked THEN __LOCKED__
                    WHEN %(method)s = 'rfm' AND t.rule_id IS NOT NULL THEN __RFM_RULE__
                    ELSE __RESULT__ END) AS explanation
      FROM t
), upd AS (
    UPDATE res_partner p
       SET grade_id = f.new_grade_id, rfm_score = f.rfm_score, customer_value = f.value,
           grade_explanation = f.explanation, grade_locked = f.locked,
           grade_lock_reason = CASE WHEN f.locked THEN p.grade_lock_reason END,
           grade_lock_until = CASE WHEN f.locked THEN p.grade_lock_until END,
           write_uid = %(uid)s, write_date = %(now)s
      FROM final f
     WHERE p.id = f.id
       AND (p.grade_id, p.rfm_score, p.customer_value, p.grade_explanation,
            COALESCE(p.grade_locked, FALSE))
           IS DISTINCT FROM (f.new_grade_id, f.rfm_score, f.value, f.explanation, f.locked)
 RETURNING p.id
), hist AS (
    INSERT INTO crm_customer_grade_history
           (partner_id, date, old_grade_id, new_grade_id, explanation, user_id, company_id,
            create_uid, create_date, write_uid, write_date)
    SELECT f.id, %(now)s, f.old_grade_id, f.new_grade_id, f.explanation, %(uid)s,
           %(company)s, %(uid)s, %(now)s, %(uid)s, %(now)s
      FROM final f
     WHERE f.new_grade_id IS DISTINCT FROM f.old_grade_id
 RETURNING id
)
SELECT (SELECT COUNT(*) FROM final), (SELECT COUNT(*) FROM hist), (SELECT COUNT(*) FROM upd)
"""
