"""Quotations, sales orders and opportunities, in bulk SQL (see ``generator``).

Both functions work on a ``generator.Generator`` whose staging table ``bench_cust`` (the
customers) and ``bench_prod`` (the products) exist; ``sale_orders`` leaves ``bench_so``
(one row per order) for the expected figures.
"""


def sale_orders(gen):
    """Quotations (draft, sent), confirmed orders (sale, done) and cancelled ones, with lines."""
    gen.staging('bench_so', """
        SELECT o, cu.partner_id AS cust, %s AS partner_id, cu.user_id,
               CASE WHEN r < 0.15 THEN 'draft' WHEN r < 0.25 THEN 'sent' WHEN r < 0.85 THEN 'sale'
                    WHEN r < 0.95 THEN 'done' ELSE 'cancel' END AS state,
               %%(anchor)s::timestamp - (floor(730 * pg_temp.rnd(%%(s)s + 23, o) ^ 1.5) || ' days')::interval
                   + (floor(36000 * pg_temp.rnd(%%(s)s + 24, o)) || ' seconds')::interval AS date_order,
               1 + floor(5 * pg_temp.rnd(%%(s)s + 25, o))::int AS n_lines
        FROM (SELECT o, %s AS c, pg_temp.rnd(%%(s)s + 22, o) AS r
              FROM generate_series(1, %%(orders)s) o) x
        JOIN bench_cust cu ON cu.c = x.c""" % (gen.document_partner_sql(20, 'o'),
                                                gen.customer_sql(26, 'o')))
    lines = gen.scalar('SELECT coalesce(sum(n_lines), 0) FROM bench_so')
    first_order = gen.reserve('sale_order', gen.sizes['orders'])
    first_line = gen.reserve('sale_order_line', lines)
    gen.staging('bench_sol', """
        SELECT so.o, j, %(first_order)s + so.o - 1 AS order_id,
               %(first_line)s - 1 + row_number() OVER (ORDER BY so.o, j) AS line_id,
               p.product_id, p.name, p.price,
               1 + floor(10 * pg_temp.rnd(%(s)s + 28, so.o * 8 + j))::int AS qty
        FROM bench_so so CROSS JOIN LATERAL generate_series(1, so.n_lines) j
        JOIN bench_prod p ON p.k = 1 + floor(%(products)s * pg_temp.rnd(%(s)s + 27, so.o * 8 + j))::int
        """, first_order=first_order, first_line=first_line)
    confirmed = "so.state IN ('sale', 'done')"
    gen.insert('sale.order', [
        ('id', '%(first_order)s + so.o - 1'), ('name', "'BSO' || lpad((%(first_order)s + so.o - 1)::text, 7, '0')"),
        ('state', 'so.state'), ('date_order', 'so.date_order'),
        ('validity_date', "(so.date_order + interval '30 days')::date"),
        ('confirmation_date', "CASE WHEN %s THEN so.date_order + interval '1 day' END" % confirmed),
        ('user_id', 'so.user_id'), ('partner_id', 'so.partner_id'),
        ('partner_invoice_id', 'so.partner_id'), ('partner_shipping_id', 'so.partner_id'),
        ('pricelist_id', '%(pricelist)s'), ('company_id', '%(company)s'), ('team_id', '%(team)s'),
        ('invoice_status', "CASE WHEN %s THEN 'to invoice' ELSE 'no' END" % confirmed),
        ('amount_untaxed', 't.total'), ('amount_tax', '0'), ('amount_total', 't.total'),
        ('create_uid', '%(uid)s'), ('write_uid', '%(uid)s'),
        ('create_date', 'so.date_order'), ('write_date', 'so.date_order'),
    ], """FROM bench_so so JOIN (SELECT o, sum(qty * price) AS total FROM bench_sol GROUP BY o) t
          ON t.o = so.o""", first_order=first_order)
    gen.insert('sale.order.line', [
        ('id', 'l.line_id'), ('order_id', 'l.order_id'), ('name', 'l.name'),
        ('sequence', '10 * l.j'), ('product_id', 'l.product_id'), ('product_uom', '%(uom)s'),
        ('product_uom_qty', 'l.qty'), ('price_unit', 'l.price'), ('discount', '0'),
        ('price_subtotal', 'l.qty * l.price'), ('price_tax', '0'),
        ('price_total', 'l.qty * l.price'), ('price_reduce', 'l.price'),
        ('price_reduce_taxinc', 'l.price'), ('price_reduce_taxexcl', 'l.price'),
        ('qty_delivered', '0'), ('qty_invoiced', '0'),
        ('qty_to_invoice', 'CASE WHEN %s THEN l.qty ELSE 0 END' % confirmed),
        ('amt_invoiced', '0'), ('amt_to_invoice', 'CASE WHEN %s THEN l.qty * l.price ELSE 0 END' % confirmed),
        ('invoice_status', "CASE WHEN %s THEN 'to invoice' ELSE 'no' END" % confirmed),
        ('state', 'so.state'), ('customer_lead', '0'), ('is_downpayment', 'false'),
        ('salesman_id', 'so.user_id'), ('order_partner_id', 'so.partner_id'),
        ('currency_id', '%(currency)s'), ('company_id', '%(company)s'),
        ('create_uid', '%(uid)s'), ('write_uid', '%(uid)s'),
        ('create_date', 'so.date_order'), ('write_date', 'so.date_order'),
    ], 'FROM bench_sol l JOIN bench_so so ON so.o = l.o')

def opportunities(gen):
    """Zero to two opportunities per customer: open in the first stages, won, or lost."""
    gen.staging('bench_opp', """
        SELECT cu.*, n, cu.c * 4 + n AS key, pg_temp.rnd(%(s)s + 41, cu.c * 4 + n) AS r
        FROM bench_cust cu CROSS JOIN LATERAL
             generate_series(1, floor(2.5 * pg_temp.rnd(%(s)s + 40, cu.c))::int) n""")
    lost = 'x.r >= 0.9'
    won = 'x.r >= 0.75 AND x.r < 0.9'
    open_index = '1 + floor(4 * x.r)::int'  # r < 0.75: stages 1 to 3
    gen.insert('crm.lead', [
        ('name', "(%(product_words)s::text[])[1 + mod(x.key, 20)] || ' for ' || x.name"),
        ('type', "'opportunity'"), ('partner_id', 'x.partner_id'),
        ('partner_name', 'x.name'), ('email_from', "'info@' || x.domain"),
        ('active', 'NOT (%s)' % lost),
        ('stage_id', 'CASE WHEN %s THEN %%(won_stage)s ELSE (%%(open_stages)s::int[])[least(%s, 3)] END'
         % (won, open_index)),
        ('probability', 'CASE WHEN %s THEN 0 WHEN %s THEN 100 ELSE (%%(open_probs)s::float8[])[least(%s, 3)] END'
         % (lost, won, open_index)),
        ('planned_revenue', 'round(1000 + 99000 * pg_temp.rnd(%(s)s + 42, x.key) ^ 2)'),
        ('user_id', 'x.user_id'), ('team_id', '%(team)s'), ('company_id', '%(company)s'),
        ('priority', "(floor(4 * pg_temp.rnd(%(s)s + 43, x.key)))::text"),
        ('date_open', 'x.opened'), ('date_last_stage_update', 'x.opened'),
        ('date_deadline', "CASE WHEN x.r < 0.75 THEN %(anchor)s::date + floor(120 * x.r)::int END"),
        ('date_closed', "CASE WHEN x.r >= 0.75 THEN x.opened + interval '20 days' END"),
        ('create_uid', '%(uid)s'), ('write_uid', '%(uid)s'),
        ('create_date', 'x.opened'), ('write_date', 'x.opened'),
    ], """FROM (SELECT o.*, %(anchor)s::timestamp
                       - (floor(365 * pg_temp.rnd(%(s)s + 44, o.key)) || ' days')::interval AS opened
                FROM bench_opp o) x""")
