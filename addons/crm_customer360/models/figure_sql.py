# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What revenue and an order's amount are, for every query that reports them.

The customer card (``customer_figures``), the clickable figures (``res_partner_figures``),
the grading run and the analysis cube (crm_grading) must agree to the cent: they build their
SQL and domains from these definitions instead of restating them. Change a definition here
and every figure follows it (the cube rebuilds itself on the next update, as its query
changed).
"""

# Customer invoices and refunds (a refund's signed amounts are negative).
CUSTOMER_INVOICE_TYPES = ('out_invoice', 'out_refund')
# Posted: validated, whether paid or not. Drafts and cancelled invoices are no revenue.
POSTED_INVOICE_STATES = ('open', 'paid')

# Revenue's documents as an ORM domain on account.invoice.
REVENUE_INVOICE_DOMAIN = [('type', 'in', CUSTOMER_INVOICE_TYPES),
                          ('state', 'in', POSTED_INVOICE_STATES)]


def _sql_list(values):
    return '(%s)' % ', '.join("'%s'" % value for value in values)


def revenue_invoices_sql(alias):
    """SQL condition on ``account_invoice`` ``alias``: the invoice counts in revenue."""
    return '%(a)s.type IN %(types)s AND %(a)s.state IN %(states)s' % {
        'a': alias, 'types': _sql_list(CUSTOMER_INVOICE_TYPES),
        'states': _sql_list(POSTED_INVOICE_STATES)}


def revenue_amount_sql(alias):
    """SQL amount of ``account_invoice`` ``alias`` in revenue: taxes included, in the
    company's currency at the invoice date, negative for a refund."""
    return '%s.amount_total_company_signed' % alias


def order_amount_sql(order='so', pricelist='pl', company='comp'):
    """SQL amount of ``sale_order`` ``order`` in its company's currency at the order date.

    The query joins the order's ``product_pricelist`` as ``pricelist`` and ``res_company`` as
    ``company``; the rates are looked up only for an order in another currency.
    """
    rate = """COALESCE((SELECT r.rate FROM res_currency_rate r
                         WHERE r.currency_id = %%s.currency_id
                           AND r.name <= %(o)s.date_order::date
                           AND (r.company_id IS NULL OR r.company_id = %(o)s.company_id)
                      ORDER BY r.company_id, r.name DESC LIMIT 1), 1.0)""" % {'o': order}
    return """CASE WHEN %(pl)s.currency_id = %(c)s.currency_id THEN %(o)s.amount_total
              ELSE %(o)s.amount_total * %(to)s / %(from)s END""" % {
        'o': order, 'pl': pricelist, 'c': company,
        'to': rate % company, 'from': rate % pricelist}
