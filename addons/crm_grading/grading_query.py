# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The set-based SQL of a grading run (see ``crm.grading.run._run_policy``).

One statement computes every customer's figures, ranks and scores with window functions,
writes the partners (UPDATE ... FROM) and inserts a history row where the grade changed
(INSERT ... SELECT), all from the same snapshot.

Customers of a company: active commercial entities flagged as customer whose company is the
graded company, users' own partners excepted (staff are no customers). A shared customer (no company) is graded by the company with the lowest id
(the main company), on its revenue in that company: a grade is one value per customer, so
exactly one company must own it, or two nightly runs would flip it back and forth.

Revenue: posted customer invoices (open or paid) minus refunds, taxes included, in the company's
currency at the invoice date, dated within the period: the card's invoiced amount, from the same
definition (crm_customer360 ``facts``).

Pareto ranks: customers with positive revenue by revenue, highest first; equal revenues share a
rank and a grade. "Above" is the revenue of the customers with a strictly higher revenue: a
customer is A while above < threshold A x total, B while above < threshold B x total, else C;
revenue <= 0 gives D.

RFM scores (customers with at least one confirmed order or posted invoice, ever; a refund is no
purchase: it lowers the revenue only): recency is the days since the last order or invoice,
frequency the confirmed orders in the period, monetary the revenue. Each is scored
1 + floor(5 x (rank - 1) / n) over the customers ranked worst first (oldest, fewest orders,
least revenue), i.e. quintiles like ntile(5) but equal values share a score. 5 is best: the
most recent, most frequent, highest revenue.
"""
from odoo.addons.crm_customer360.facts import (
    PURCHASE_INVOICE_TYPE, not_staff_sql, order_sql, revenue_amount_sql, revenue_invoices_sql)

GRADING_SQL = """
WITH credit AS (
    -- The customers' credit ratings, computed before (res_partner_credit.py), written with
    -- the grades so that each partner row is rewritten once at most.
    SELECT c.id, c.rating
      FROM unnest(%(credit_ids)s::int[], %(credit_ratings)s::varchar[]) AS c(id, rating)
), customers AS (
    SELECT p.id, p.grade_id AS old_grade_id,
           CASE WHEN credit.id IS NULL THEN p.credit_rating ELSE credit.rating END
               AS credit_rating,
           p.credit_explanation_legacy IS NOT NULL AND credit.id IS NOT NULL AS drop_legacy,
           COALESCE(p.grade_locked, FALSE)
               AND (p.grade_lock_until IS NULL OR p.grade_lock_until >= %(today)s) AS locked,
           p.grade_lock_until, p.grade_lock_reason
      FROM res_partner p
      LEFT JOIN credit ON credit.id = p.id
     WHERE p.customer AND p.active AND p.commercial_partner_id = p.id
       AND (p.company_id = %(company)s OR (p.company_id IS NULL AND %(shared)s))
       AND """ + not_staff_sql('p') + """
), inv AS (
    SELECT i.commercial_partner_id AS id,
           SUM(""" + revenue_amount_sql('i') + """)
               FILTER (WHERE i.date_invoice >= %(date_from)s) AS revenue,
           MAX(i.date_invoice)
               FILTER (WHERE i.type = '""" + PURCHASE_INVOICE_TYPE + """') AS last_date
      FROM account_invoice i
     WHERE i.company_id = %(company)s AND """ + revenue_invoices_sql('i') + """
       AND i.date_invoice <= %(today)s
  GROUP BY i.commercial_partner_id
), ord AS (
    SELECT p.commercial_partner_id AS id,
           COUNT(*) FILTER (WHERE so.date_order::date >= %(date_from)s) AS orders,
           MAX(so.date_order::date) AS last_date
      FROM sale_order so
      JOIN res_partner p ON p.id = so.partner_id
     WHERE so.company_id = %(company)s AND """ + order_sql('so') + """
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
           WHERE %(method)s = 'rfm' AND x.policy_id = %(policy)s AND s.scored
             AND s.r_score >= x.min_recency AND s.f_score >= x.min_frequency
             AND s.m_score >= x.min_monetary
             AND s.r_score + s.f_score + s.m_score >= x.min_total
        ORDER BY x.sequence, x.id LIMIT 1) rule ON TRUE
), final AS (
    SELECT g.id, g.old_grade_id, g.locked, g.rule_id, g.scored, g.revenue, g.rnk,
           g.ranked_count, g.total, g.recency_days, g.orders, g.r_score, g.f_score,
           g.m_score, g.min_total, g.min_recency, g.min_frequency, g.min_monetary,
           g.grade_lock_until, g.grade_lock_reason, g.credit_rating, g.drop_legacy,
           CASE WHEN g.locked THEN g.old_grade_id ELSE g.computed_grade_id END AS new_grade_id,
           ROUND(g.revenue * 12.0 / %(period_months)s, 2) AS value,
           CASE WHEN g.scored THEN concat(g.r_score, g.f_score, g.m_score) END AS rfm_score,
           CASE WHEN g.revenue > 0 THEN ROUND(100.0 * g.above / g.total, 2) END AS before,
           CASE WHEN g.revenue > 0 THEN ROUND(100.0 * (g.above + g.revenue) / g.total, 2)
                END AS after
      FROM graded g
), upd AS (
    UPDATE res_partner p
       SET grade_id = f.new_grade_id, rfm_score = f.rfm_score, customer_value = f.value,
           grade_locked = f.locked,
           grade_lock_reason = CASE WHEN f.locked THEN p.grade_lock_reason END,
           grade_lock_until = CASE WHEN f.locked THEN p.grade_lock_until END,
           credit_rating = f.credit_rating,
           credit_explanation_legacy = CASE WHEN f.drop_legacy THEN NULL
                                            ELSE p.credit_explanation_legacy END,
           write_uid = %(uid)s, write_date = %(now)s
      FROM final f
     WHERE p.id = f.id
       AND ((p.grade_id, p.rfm_score, p.customer_value, COALESCE(p.grade_locked, FALSE),
             p.credit_rating)
            IS DISTINCT FROM (f.new_grade_id, f.rfm_score, f.value, f.locked, f.credit_rating)
            OR f.drop_legacy)
 RETURNING p.id
), figures_written AS (
    INSERT INTO crm_customer_grading AS cg
           (partner_id, company_id, revenue, rank, share_before, share_after, scored,
            recency_days, order_count, r_score, f_score, m_score, rule_id,
            create_uid, create_date, write_uid, write_date)
    SELECT f.id, %(company)s, f.revenue, f.rnk, f.before, f.after, f.scored,
           f.recency_days, f.orders, f.r_score, f.f_score, f.m_score, f.rule_id,
           %(uid)s, %(now)s, %(uid)s, %(now)s
      FROM final f
    ON CONFLICT (partner_id) DO UPDATE
       SET company_id = EXCLUDED.company_id, revenue = EXCLUDED.revenue,
           rank = EXCLUDED.rank, share_before = EXCLUDED.share_before,
           share_after = EXCLUDED.share_after, scored = EXCLUDED.scored,
           recency_days = EXCLUDED.recency_days, order_count = EXCLUDED.order_count,
           r_score = EXCLUDED.r_score, f_score = EXCLUDED.f_score,
           m_score = EXCLUDED.m_score, rule_id = EXCLUDED.rule_id,
           write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date
     WHERE (cg.company_id, cg.revenue, cg.rank, cg.share_before, cg.share_after, cg.scored,
            cg.recency_days, cg.order_count, cg.r_score, cg.f_score, cg.m_score, cg.rule_id)
           IS DISTINCT FROM
           (EXCLUDED.company_id, EXCLUDED.revenue, EXCLUDED.rank, EXCLUDED.share_before,
            EXCLUDED.share_after, EXCLUDED.scored, EXCLUDED.recency_days,
            EXCLUDED.order_count, EXCLUDED.r_score, EXCLUDED.f_score, EXCLUDED.m_score,
            EXCLUDED.rule_id)
 RETURNING 1
), figures_dropped AS (
    -- Customers of this company that are no longer graded (no longer customers, archived).
    DELETE FROM crm_customer_grading cg
     WHERE cg.company_id = %(company)s
       AND NOT EXISTS (SELECT 1 FROM final f WHERE f.id = cg.partner_id)
 RETURNING 1
), hist AS (
    -- A history row where the grade changes, with the figures that explain it (JSON): the
    -- explanation is composed from them when it is read, in the reader's language.
    INSERT INTO crm_customer_grade_history
           (partner_id, date, old_grade_id, new_grade_id, facts, user_id, company_id,
            create_uid, create_date, write_uid, write_date)
    SELECT f.id, %(now)s, f.old_grade_id, f.new_grade_id,
           json_build_object(
               'kind', 'run', 'method', %(method)s,
               'date_from', %(date_from)s::text, 'date_to', %(today)s::text,
               'threshold_a', %(threshold_a)s, 'threshold_b', %(threshold_b)s,
               'total', f.total, 'revenue', f.revenue, 'rank', f.rnk,
               'count', f.ranked_count, 'before', f.before, 'after', f.after,
               'scored', f.scored, 'r_score', f.r_score, 'f_score', f.f_score,
               'm_score', f.m_score, 'recency', f.recency_days, 'frequency', f.orders,
               'locked', f.locked, 'until', f.grade_lock_until, 'reason', f.grade_lock_reason,
               'rule_id', f.rule_id, 'min_total', f.min_total, 'min_recency', f.min_recency,
               'min_frequency', f.min_frequency, 'min_monetary', f.min_monetary)::text,
           %(uid)s, %(company)s, %(uid)s, %(now)s, %(uid)s, %(now)s
      FROM final f
     WHERE f.new_grade_id IS DISTINCT FROM f.old_grade_id
 RETURNING partner_id
)
SELECT (SELECT COUNT(*) FROM final), (SELECT COUNT(*) FROM hist),
       (SELECT COUNT(*) FROM upd), (SELECT COUNT(*) FROM figures_written),
       (SELECT COUNT(*) FROM figures_dropped),
       (SELECT MAX(ranked_count) FROM final), (SELECT MAX(total) FROM final),
       (SELECT COALESCE(array_agg(partner_id), '{}') FROM hist)
"""
