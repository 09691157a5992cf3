"""Customer invoices, refunds, their journal entries, payments and reconciliations, in bulk SQL.

The rows are those the host writes when an invoice is validated and paid:

- an invoice (``out_invoice``) or refund (``out_refund``) in state ``open`` or ``paid`` with its
  lines, amounts, signed amounts and residuals in the company currency (no taxes);
- its journal entry: one receivable line (``date_maturity`` = due date) and one income line per
  invoice line, posted in the sales journal;
- for a paid invoice, a customer payment (``inbound``; ``outbound`` for a refund) with its own
  entry (bank line and receivable line), an ``account.partial.reconcile`` between the two
  receivable lines and an ``account.full.reconcile``; a partly paid open invoice gets a payment
  of part of it and a partial reconciliation only.

``generate(gen)`` works on a ``generator.Generator`` whose staging tables ``bench_cust`` and
``bench_prod`` exist, and leaves ``bench_inv`` (one row per invoice) for the expected figures.
"""


def generate(gen):
    """Generate the invoices, refunds, entries, payments and reconciliations of ``gen``."""
    sizes = gen.sizes
    _stage_invoices(gen)
    lines = gen.scalar('SELECT sum(n_lines) FROM bench_inv0')
    payments = gen.scalar("SELECT count(*) FROM bench_inv0 WHERE state = 'paid' OR partial")
    ids = dict(
        inv=gen.reserve('account_invoice', sizes['invoices']),
        invl=gen.reserve('account_invoice_line', lines),
        move=gen.reserve('account_move', sizes['invoices'] + payments),
        aml=gen.reserve('account_move_line', lines + sizes['invoices'] + 2 * payments),
        pay=gen.reserve('account_payment', payments),
        partial=gen.reserve('account_partial_reconcile', payments),
        full=gen.reserve('account_full_reconcile', payments),
        n_lines=lines,
    )
    gen.params.update(ids)
    _stage_lines_and_totals(gen)
    _insert_moves(gen)
    _insert_invoices(gen)
    _insert_move_lines(gen)
    _insert_reconciliations(gen)
    # What crm_customer360 stores when an invoice turns paid through the ORM, which the rows
    # above skip: the paid date that the card, the credit rating and the cube read.
    invoices = gen.env['account.invoice']
    if 'c360_paid_date' in invoices._fields:
        # Statistics first: without them the planner takes the new tables for empty and
        # joins the journal items row by row.
        gen.cr.execute('ANALYZE account_invoice, account_move_line, account_partial_reconcile')
        invoices._c360_store_paid_dates()


def _stage_invoices(gen):
    """``bench_inv0``: customer, partner, type, dates, number of lines and payment state.

    Older invoices are more often paid: 93% of those due more than 90 days ago, 25% of those
    not yet due. A fifth of the unpaid ones are partly paid (20% to 80%).
    """
    gen.staging('bench_inv0', """
        SELECT y.*,
               CASE WHEN y.rp < y.p_paid THEN 'paid' ELSE 'open' END AS state,
               (y.rp >= y.p_paid AND y.rpart < 0.2) AS partial,
               least(%%(anchor)s::date, y.date_invoice + floor(y.rdelay * (y.term + CASE
                     WHEN y.rp < y.p_paid THEN 45 ELSE 20 END))::int) AS pay_date
        FROM (SELECT x.*, x.date_invoice + x.term AS date_due,
                     CASE WHEN %%(anchor)s::date - (x.date_invoice + x.term) > 90 THEN 0.93
                          WHEN %%(anchor)s::date - (x.date_invoice + x.term) > 30 THEN 0.8
                          WHEN %%(anchor)s::date - (x.date_invoice + x.term) > 0 THEN 0.55
                          ELSE 0.25 END AS p_paid
              FROM (SELECT i, cu.partner_id AS cust, %s AS partner_id, cu.user_id,
                           pg_temp.rnd(%%(s)s + 52, i) < 0.1 AS is_refund,
                           %%(anchor)s::date - floor(730 * pg_temp.rnd(%%(s)s + 53, i) ^ 1.5)::int
                               AS date_invoice,
                           (ARRAY[0, 15, 30, 30, 45, 60])[1 + floor(6 * pg_temp.rnd(%%(s)s + 54, i))::int]
                               AS term,
                           1 + floor(5 * pg_temp.rnd(%%(s)s + 55, i))::int AS n_lines,
                           pg_temp.rnd(%%(s)s + 56, i) AS rp, pg_temp.rnd(%%(s)s + 57, i) AS rpart,
                           0.2 + 0.6 * pg_temp.rnd(%%(s)s + 58, i) AS frac,
                           pg_temp.rnd(%%(s)s + 59, i) AS rdelay
                    FROM (SELECT i, %s AS c FROM generate_series(1, %%(invoices)s) i) n
                    JOIN bench_cust cu ON cu.c = n.c) x) y
        """ % (gen.document_partner_sql(50, 'i'), gen.customer_sql(60, 'i')))


def _stage_lines_and_totals(gen):
    """``bench_invl`` (lines with their ids) and ``bench_inv`` (invoices with totals and ids)."""
    gen.staging('bench_invl', """
        SELECT v.i, j, row_number() OVER (ORDER BY v.i, j) AS n, p.product_id, p.name, p.price,
               1 + floor(10 * pg_temp.rnd(%(s)s + 62, v.i * 8 + j))::int AS qty
        FROM bench_inv0 v CROSS JOIN LATERAL generate_series(1, v.n_lines) j
        JOIN bench_prod p ON p.k = 1 + floor(%(products)s * pg_temp.rnd(%(s)s + 61, v.i * 8 + j))::int
        """)
    gen.staging('bench_inv', """
        SELECT z.*,
               %(inv)s + z.i - 1 AS invoice_id, %(move)s + z.i - 1 AS move_id,
               %(aml)s + %(n_lines)s + z.i - 1 AS recv_aml,
               %(pay)s + z.pay_no - 1 AS payment_id,
               %(move)s + %(invoices)s + z.pay_no - 1 AS pay_move,
               %(aml)s + %(n_lines)s + %(invoices)s + 2 * (z.pay_no - 1) AS liq_aml,
               %(aml)s + %(n_lines)s + %(invoices)s + 2 * (z.pay_no - 1) + 1 AS pay_aml,
               %(partial)s + z.pay_no - 1 AS partial_id,
               CASE WHEN z.state = 'paid' THEN %(full)s + z.pay_no - 1 END AS full_id,
               -- Numbered by id: unique even when a database gets a second generation.
               CASE WHEN z.is_refund THEN 'BRINV/' ELSE 'BINV/' END || to_char(z.date_invoice, 'YYYY')
                   || '/' || lpad((%(inv)s + z.i - 1)::text, 7, '0') AS number,
               'BPAY/' || to_char(z.pay_date, 'YYYY') || '/'
                   || lpad((%(pay)s + z.pay_no - 1)::text, 7, '0') AS pay_name
        FROM (SELECT v.*, CASE WHEN v.is_refund THEN -1 ELSE 1 END AS sign, t.total,
                     CASE WHEN v.state = 'paid' THEN t.total
                          WHEN v.partial THEN round(t.total * v.frac::numeric, 2) ELSE 0 END AS paid_amt,
                     CASE WHEN v.state = 'paid' OR v.partial THEN row_number() OVER (
                          PARTITION BY v.state = 'paid' OR v.partial ORDER BY v.i) END AS pay_no
              FROM bench_inv0 v
              JOIN (SELECT i, sum(qty * price) AS total FROM bench_invl GROUP BY i) t ON t.i = v.i) z
        """)


def _audit(date_sql):
    """The create/write columns of a generated row, dated ``date_sql``."""
    return [('create_uid', '%(uid)s'), ('write_uid', '%(uid)s'),
            ('create_date', date_sql), ('write_date', date_sql)]


def _insert_moves(gen):
    """Journal entries of the invoices and of the payments, and the full reconciliations."""
    gen.insert('account.full.reconcile', [
        ('id', 'full_id'), ('name', "'BREC' || full_id"),
    ] + _audit('pay_date'), "FROM bench_inv v WHERE state = 'paid'")
    gen.insert('account.move', [
        ('id', 'move_id'), ('name', 'number'), ('date', 'date_invoice'),
        ('journal_id', '%(sale_journal)s'), ('currency_id', '%(currency)s'),
        ('state', "'posted'"), ('partner_id', 'cust'), ('amount', 'total'),
        ('company_id', '%(company)s'), ('matched_percentage', 'paid_amt / total'),
    ] + _audit('date_invoice'), 'FROM bench_inv v')
    gen.insert('account.move', [
        ('id', 'pay_move'), ('name', 'pay_name'), ('ref', 'number'), ('date', 'pay_date'),
        ('journal_id', '%(bank_journal)s'), ('currency_id', '%(currency)s'),
        ('state', "'posted'"), ('partner_id', 'cust'), ('amount', 'paid_amt'),
        ('company_id', '%(company)s'), ('matched_percentage', '1.0'),
    ] + _audit('pay_date'), 'FROM bench_inv v WHERE pay_no IS NOT NULL')
    gen.insert('account.payment', [
        ('id', 'payment_id'), ('name', 'pay_name'), ('move_name', 'pay_name'),
        ('state', "CASE WHEN state = 'paid' THEN 'reconciled' ELSE 'posted' END"),
        ('payment_type', "CASE WHEN is_refund THEN 'outbound' ELSE 'inbound' END"),
        ('payment_method_id', 'CASE WHEN is_refund THEN %(method_out)s ELSE %(method_in)s END'),
        ('partner_type', "'customer'"), ('partner_id', 'cust'), ('amount', 'paid_amt'),
        ('currency_id', '%(currency)s'), ('payment_date', 'pay_date'), ('communication', 'number'),
        ('journal_id', '%(bank_journal)s'), ('company_id', '%(company)s'),
        ('payment_difference_handling', "'open'"),
    ] + _audit('pay_date'), 'FROM bench_inv v WHERE pay_no IS NOT NULL')


def _insert_invoices(gen):
    """Invoices and refunds with their lines; amounts signed as the host signs them."""
    gen.insert('account.invoice', [
        ('id', 'invoice_id'), ('type', "CASE WHEN is_refund THEN 'out_refund' ELSE 'out_invoice' END"),
        ('number', 'number'), ('move_name', 'number'), ('state', 'state'),
        ('reference_type', "'none'"), ('sent', 'false'),
        ('date_invoice', 'date_invoice'), ('date', 'date_invoice'), ('date_due', 'date_due'),
        ('partner_id', 'partner_id'), ('commercial_partner_id', 'cust'),
        ('partner_shipping_id', 'partner_id'), ('account_id', '%(receivable)s'),
        ('journal_id', '%(sale_journal)s'), ('company_id', '%(company)s'),
        ('currency_id', '%(currency)s'), ('move_id', 'move_id'), ('user_id', 'user_id'),
        ('team_id', '%(team)s'),
        ('amount_untaxed', 'total'), ('amount_untaxed_signed', 'sign * total'),
        ('amount_tax', '0'), ('amount_total', 'total'), ('amount_total_signed', 'sign * total'),
        ('amount_total_company_signed', 'sign * total'),
        ('residual', 'total - paid_amt'), ('residual_signed', 'sign * (total - paid_amt)'),
        ('residual_company_signed', 'sign * (total - paid_amt)'),
        ('reconciled', "state = 'paid'"),
    ] + _audit('date_invoice'), 'FROM bench_inv v')
    gen.insert('account.invoice.line', [
        ('id', '%(invl)s + l.n - 1'), ('invoice_id', 'v.invoice_id'), ('name', 'l.name'),
        ('sequence', '10 * l.j'), ('product_id', 'l.product_id'), ('uom_id', '%(uom)s'),
        ('account_id', '%(income)s'), ('price_unit', 'l.price'), ('quantity', 'l.qty'),
        ('discount', '0'), ('price_subtotal', 'l.qty * l.price'), ('price_total', 'l.qty * l.price'),
        ('price_subtotal_signed', 'v.sign * l.qty * l.price'), ('company_id', '%(company)s'),
        ('partner_id', 'v.partner_id'), ('currency_id', '%(currency)s'),
        ('is_rounding_line', 'false'),
    ] + _audit('v.date_invoice'), 'FROM bench_invl l JOIN bench_inv v ON v.i = l.i')


def _move_line_columns(debit, credit, cash_share=None, **columns):
    """Columns of a journal item in the company currency: ``debit``/``credit`` are SQL.

    :param cash_share: SQL of the part of the entry that is paid, for the cash-basis amounts
        of sales journal items (the host multiplies by the entry's ``matched_percentage``)
    """
    if cash_share:
        debit_cash = 'round((%s) * %s, 2)' % (debit, cash_share)
        credit_cash = 'round((%s) * %s, 2)' % (credit, cash_share)
    else:
        debit_cash, credit_cash = debit, credit
    base = [
        ('debit', debit), ('credit', credit), ('balance', '(%s) - (%s)' % (debit, credit)),
        ('debit_cash_basis', debit_cash), ('credit_cash_basis', credit_cash),
        ('balance_cash_basis', '(%s) - (%s)' % (debit_cash, credit_cash)),
        ('amount_currency', '0'), ('amount_residual_currency', '0'),
        ('company_currency_id', '%(currency)s'), ('company_id', '%(company)s'),
        ('blocked', 'false'), ('tax_exigible', 'true'), ('partner_id', 'v.cust'),
    ]
    return base + sorted(columns.items())


def _insert_move_lines(gen):
    """Income and receivable items of the invoices; bank and receivable items of payments."""
    refund = 'v.is_refund'
    # Income: credit for an invoice, debit for a refund.
    gen.insert('account.move.line', _move_line_columns(
        'CASE WHEN %s THEN l.qty * l.price ELSE 0 END' % refund,
        'CASE WHEN %s THEN 0 ELSE l.qty * l.price END' % refund, 'v.paid_amt / v.total',
        id='%(aml)s + l.n - 1', name='l.name', quantity='l.qty', product_id='l.product_id',
        product_uom_id='%(uom)s', account_id='%(income)s', user_type_id='%(income_type)s',
        move_id='v.move_id', journal_id='%(sale_journal)s', date='v.date_invoice',
        date_maturity='v.date_due', invoice_id='v.invoice_id', amount_residual='0',
        reconciled='false', ref='v.number', create_uid='%(uid)s', write_uid='%(uid)s',
        create_date='v.date_invoice', write_date='v.date_invoice',
    ), 'FROM bench_invl l JOIN bench_inv v ON v.i = l.i')
    # Receivable: debit for an invoice, credit for a refund; what is left to pay is its residual.
    gen.insert('account.move.line', _move_line_columns(
        'CASE WHEN %s THEN 0 ELSE v.total END' % refund,
        'CASE WHEN %s THEN v.total ELSE 0 END' % refund, 'v.paid_amt / v.total',
        id='v.recv_aml', name="'/'", quantity='1', account_id='%(receivable)s',
        user_type_id='%(receivable_type)s', move_id='v.move_id', journal_id='%(sale_journal)s',
        date='v.date_invoice', date_maturity='v.date_due', invoice_id='v.invoice_id',
        amount_residual='v.sign * (v.total - v.paid_amt)', reconciled="v.state = 'paid'",
        full_reconcile_id='v.full_id', ref='v.number', create_uid='%(uid)s',
        write_uid='%(uid)s', create_date='v.date_invoice', write_date='v.date_invoice',
    ), 'FROM bench_inv v')
    payment = dict(move_id='v.pay_move', journal_id='%(bank_journal)s', date='v.pay_date',
                   date_maturity='v.pay_date', payment_id='v.payment_id', ref='v.number',
                   quantity='1', create_uid='%(uid)s', write_uid='%(uid)s',
                   create_date='v.pay_date', write_date='v.pay_date')
    paid = 'FROM bench_inv v WHERE v.pay_no IS NOT NULL'
    # Bank: money in for an invoice, out for a refund.
    gen.insert('account.move.line', _move_line_columns(
        'CASE WHEN %s THEN 0 ELSE v.paid_amt END' % refund,
        'CASE WHEN %s THEN v.paid_amt ELSE 0 END' % refund,
        id='v.liq_aml', name='v.pay_name', account_id='%(bank_account)s',
        user_type_id='%(bank_type)s', reconciled='false',
        # The host keeps a bank item open (its residual is its balance) until a bank
        # statement matches it.
        amount_residual='CASE WHEN %s THEN -v.paid_amt ELSE v.paid_amt END' % refund,
        **payment), paid)
    # Receivable counterpart, fully matched with the invoice's receivable item.
    gen.insert('account.move.line', _move_line_columns(
        'CASE WHEN %s THEN v.paid_amt ELSE 0 END' % refund,
        'CASE WHEN %s THEN 0 ELSE v.paid_amt END' % refund,
        id='v.pay_aml', name="'Customer Payment: ' || v.number", account_id='%(receivable)s',
        user_type_id='%(receivable_type)s', amount_residual='0', reconciled='true',
        full_reconcile_id='v.full_id', **payment), paid)


def _insert_reconciliations(gen):
    """Partial reconciliations between invoice and payment items, and the invoice-payment links."""
    gen.insert('account.partial.reconcile', [
        ('id', 'v.partial_id'),
        ('debit_move_id', 'CASE WHEN v.is_refund THEN v.pay_aml ELSE v.recv_aml END'),
        ('credit_move_id', 'CASE WHEN v.is_refund THEN v.recv_aml ELSE v.pay_aml END'),
        ('amount', 'v.paid_amt'), ('amount_currency', '0'), ('company_id', '%(company)s'),
        ('full_reconcile_id', 'v.full_id'), ('max_date', 'v.pay_date'),
    ] + _audit('v.pay_date'), 'FROM bench_inv v WHERE v.pay_no IS NOT NULL')
    gen.execute("""
        INSERT INTO account_invoice_payment_rel (payment_id, invoice_id)
        SELECT payment_id, invoice_id FROM bench_inv WHERE pay_no IS NOT NULL""")
