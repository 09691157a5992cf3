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

# A purchase: a customer invoice. A refund is money given back, not a purchase: it lowers
# revenue but does not make a customer recent, nor counts as paid late or early.
PURCHASE_INVOICE_TYPE = 'out_invoice'

# Revenue's documents as an ORM domain on account.invoice.
REVENUE_INVOICE_DOMAIN = [('type', 'in', CUSTOMER_INVOICE_TYPES),
                          ('state', 'in', POSTED_INVOICE_STATES)]


# Overdue: what is still owed on a customer invoice whose due date (or, without one, its
# invoice date) has passed. An open invoice's residual is never below its currency's
# rounding (the host marks it paid at zero), so a customer with an overdue invoice has an
# overdue amount above zero.
def overdue_invoices_domain(today):
    """ORM domain on ``account.invoice``: the invoice is overdue on ``today`` (a date
    string); the same invoices as ``overdue_invoices_sql``."""
    return [('state', '=', 'open'), ('type', '=', PURCHASE_INVOICE_TYPE),
            '|', ('date_due', '<', today),
            '&', ('date_due', '=', False), ('date_invoice', '<', today)]


def overdue_invoices_sql(alias, today='%s'):
    """SQL condition on ``account_invoice`` ``alias``: the invoice is overdue on ``today``
    (an SQL date expression; a parameter by default)."""
    return ("%(a)s.state = 'open' AND %(a)s.type = '%(type)s' "
            "AND COALESCE(%(a)s.date_due, %(a)s.date_invoice) < %(today)s") % {
        'a': alias, 'type': PURCHASE_INVOICE_TYPE, 'today': today}


def not_staff_sql(alias):
    """SQL condition on ``res_partner`` ``alias``: the partner is no user's own partner.

    The partners of internal and portal users (archived users included) are staff and
    portal accounts, not customers: they are never graded, rated, released to the pool or
    counted, even when flagged as customers.
    """
    return 'NOT EXISTS (SELECT 1 FROM res_users staff WHERE staff.partner_id = %s.id)' % alias


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


def paid_date_sql(invoice='inv', today='%s::date'):
    """Correlated SELECT of one ``pay_date`` row, for a ``LATERAL`` join on ``account_invoice``
    ``invoice``: when a customer invoice of the twelve months before ``today`` (an SQL date
    expression) was fully paid, the date of the last entry reconciled with its receivable line
    (a payment or a refund); NULL for any other invoice."""
    return """
    SELECT MAX(pl.date) AS pay_date
      FROM account_move_line il
      JOIN account_partial_reconcile apr ON apr.debit_move_id = il.id
      JOIN account_move_line pl ON pl.id = apr.credit_move_id
     WHERE %(i)s.state = 'paid' AND %(i)s.type = '%(purchase)s'
       AND %(i)s.date_invoice > %(today)s - 365
       AND il.move_id = %(i)s.move_id AND il.account_id = %(i)s.account_id
""" % {'i': invoice, 'today': today, 'purchase': PURCHASE_INVOICE_TYPE}
