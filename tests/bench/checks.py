"""Checks that the generated rows are rows the host accepts, read back through the ORM.

- ``check_host_figures``: the host's own ``total_invoiced``, ``credit`` and
  ``sale_order_count`` of a sample of customers equal what the generator meant to write
  (table ``crm_bench_expected``);
- ``check_stored_fields``: for a sample of each generated model, the host's compute methods,
  run again in memory, give the values that the bulk SQL stored.
"""
# Stored computed fields whose SQL values must equal the host's computation, per model.
# Fields that a model does not have, or that are not stored and computed, are ignored.
COMPUTED_FIELDS = {
    'res.partner': ['display_name', 'commercial_partner_id', 'commercial_company_name',
                    'commercial_partner_country_id', 'partner_share'],
    'sale.order': ['amount_untaxed', 'amount_tax', 'amount_total', 'invoice_status'],
    'sale.order.line': ['price_subtotal', 'price_tax', 'price_total', 'price_reduce',
                        'price_reduce_taxinc', 'price_reduce_taxexcl', 'qty_invoiced',
                        'qty_to_invoice', 'invoice_status', 'amt_invoiced', 'amt_to_invoice',
                        'currency_id', 'order_partner_id', 'salesman_id', 'state', 'company_id'],
    'account.invoice': ['amount_untaxed', 'amount_untaxed_signed', 'amount_tax', 'amount_total',
                        'amount_total_signed', 'amount_total_company_signed', 'residual',
                        'residual_signed', 'residual_company_signed', 'reconciled',
                        'commercial_partner_id'],
    'account.invoice.line': ['price_subtotal', 'price_total', 'price_subtotal_signed',
                             'partner_id', 'currency_id', 'company_id'],
    'account.move': ['amount', 'matched_percentage', 'partner_id', 'company_id', 'currency_id'],
    'account.move.line': ['balance', 'debit_cash_basis', 'credit_cash_basis',
                          'balance_cash_basis', 'amount_residual', 'amount_residual_currency',
                          'reconciled', 'company_currency_id', 'journal_id', 'date',
                          'company_id', 'user_type_id'],
    'account.payment': ['company_id'],
}


def check_host_figures(env, sample=50):
    """Read a sample of generated customers through the ORM and compare the host's figures.

    The sample is the customer with the most invoices and ``sample - 1`` others spread over
    the customer numbers. Returns ``(mismatch descriptions, number of customers checked)``.
    """
    cr = env.cr
    cr.execute("""
        (SELECT partner_id, invoice_count, invoiced, receivable, order_count
         FROM crm_bench_expected ORDER BY invoice_count DESC, partner_id LIMIT 1)
        UNION
        (SELECT partner_id, invoice_count, invoiced, receivable, order_count
         FROM (SELECT *, row_number() OVER (ORDER BY partner_id) AS n,
                      count(*) OVER () AS total FROM crm_bench_expected) e
         WHERE mod(n, greatest(total / %s, 1)) = 0 LIMIT %s)""", [max(sample - 1, 1), sample - 1])
    expected = {row[0]: row[1:] for row in cr.fetchall()}
    env.cache.invalidate()
    errors = []
    for partner in env['res.partner'].browse(sorted(expected)):
        _count, invoiced, receivable, orders = expected[partner.id]
        got = (partner.total_invoiced, partner.credit, partner.sale_order_count)
        want = (float(invoiced), float(receivable), orders)
        if abs(got[0] - want[0]) > 0.01 or abs(got[1] - want[1]) > 0.01 or got[2] != want[2]:
            errors.append('partner %d %r: host (total_invoiced, credit, sale_order_count) = %r, '
                          'generated %r' % (partner.id, partner.name, got, want))
    return errors, len(expected)


def sample_ids(cr, table, count):
    """``count`` ids spread evenly over the generated rows of ``table`` (cheap when large).

    The generator records its id ranges in ``crm_bench_ranges``; the rows that were there
    before (the host's own, demo data) are not the generator's to check.
    """
    cr.execute("SELECT to_regclass('crm_bench_ranges')")
    if not cr.fetchone()[0]:
        return []
    cr.execute("SELECT first_id, last_id FROM crm_bench_ranges WHERE table_name = %s", [table])
    row = cr.fetchone()
    if not row:
        return []
    low, high = row
    wanted = sorted({low + (high - low) * k // max(count - 1, 1) for k in range(count)})
    cr.execute('SELECT id FROM "%s" WHERE id = ANY(%%s) ORDER BY id' % table, [wanted])
    return [row[0] for row in cr.fetchall()]


def _same(field, stored, computed):
    """Whether a stored and a recomputed value of ``field`` agree (amounts to the cent)."""
    if field.type in ('float', 'monetary'):
        return abs((stored or 0.0) - (computed or 0.0)) < 0.005
    if field.type == 'many2one':
        return stored.id == computed.id
    return (stored or False) == (computed or False)


def check_stored_fields(env, sample=40):
    """Recompute, in memory, the stored computed fields of a sample of each generated model.

    Returns ``(mismatch descriptions, number of records checked)``.
    """
    errors, checked = [], 0
    for model, names in COMPUTED_FIELDS.items():
        records = env[model].browse(sample_ids(env.cr, env[model]._table, sample))
        fields = [records._fields[name] for name in names if name in records._fields
                  and records._fields[name].store and records._fields[name].compute]
        if not records or not fields:
            continue
        env.cache.invalidate()
        stored = {(record.id, field.name): record[field.name]
                  for record in records for field in fields}
        for field in fields:
            # One field at a time: a later prefetch would put the stored values back in cache.
            env.cache.invalidate()
            field.compute_value(records)
            computed = {record.id: record[field.name] for record in records}
            for record in records:
                if not _same(field, stored[record.id, field.name], computed[record.id]):
                    errors.append('%s(%d).%s: stored %r, host computes %r' % (
                        model, record.id, field.name, stored[record.id, field.name],
                        computed[record.id]))
        checked += len(records)
    env.cache.invalidate()
    return errors, checked
