# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The business facts behind every figure: one definition each, in SQL and as a domain.

The customer card (``customer_figures``), its drill-down lists (``res_partner_figures``),
the credit rating, the grading run, the follow-ups, the pool and the analysis cube
(crm_grading) must agree to the cent: they build their SQL and domains from these
definitions instead of restating them. Each fact has its SQL builder and, where a list
of records shows it, its ORM domain next to it; change one and change the other with it
(``tests/test_facts_agree.py`` in crm_grading checks that they select the same records).
Every figure follows a change here (the cube rebuilds itself on the next update, as its
query changed).

The meanings chosen once for all:

* an invoice without a due date is due on its invoice date (``due_date_sql``);
* "today" is a calendar day in somebody's time zone (``crm_customer360.tz``): the
  reader's for what a user reads (the card, its lists), the company's for what a job
  stores (grades, credit ratings, the cube); the builders take it as an argument;
* an invoice is paid on the date its payment was settled (``paid_date_sql``).

SQL builders return text with the table alias filled in and ``today`` left to the caller
(a ``%s`` parameter by default, or an SQL date expression); the values they interpolate
are the constants below, never user input.
"""

# ----------------------------------------------------------------------
# Invoices
# ----------------------------------------------------------------------
# Customer invoices and refunds (a refund's signed amounts are negative).
CUSTOMER_INVOICE_TYPES = ('out_invoice', 'out_refund')
# Posted: validated, whether paid or not. Drafts and cancelled invoices are no revenue.
POSTED_INVOICE_STATES = ('open', 'paid')
# Open: validated and not fully paid; what is still owed (the residual) is receivable.
OPEN_INVOICE_STATE = 'open'

# A purchase: a customer invoice. A refund is money given back, not a purchase: it lowers
# revenue but does not make a customer recent, nor counts as paid late or early.
PURCHASE_INVOICE_TYPE = 'out_invoice'


def sql_list(values):
    """An SQL list literal of the constant strings ``values``: ``('a', 'b')``."""
    return '(%s)' % ', '.join("'%s'" % value for value in values)


# Revenue: posted customer invoices and refunds, taxes included, in the company currency.
REVENUE_INVOICE_DOMAIN = [('type', 'in', CUSTOMER_INVOICE_TYPES),
                          ('state', 'in', POSTED_INVOICE_STATES)]


def revenue_invoices_sql(alias):
    """SQL condition on ``account_invoice`` ``alias``: the invoice counts in revenue
    (``REVENUE_INVOICE_DOMAIN``)."""
    return '%(a)s.type IN %(types)s AND %(a)s.state IN %(states)s' % {
        'a': alias, 'types': sql_list(CUSTOMER_INVOICE_TYPES),
        'states': sql_list(POSTED_INVOICE_STATES)}


def revenue_amount_sql(alias):
    """SQL amount of ``account_invoice`` ``alias`` in revenue: taxes included, in the
    company's currency at the invoice date, negative for a refund."""
    return '%s.amount_total_company_signed' % alias


# Receivable: what is still owed on the open customer invoices, less the open refunds.
RECEIVABLE_INVOICE_DOMAIN = [('type', 'in', CUSTOMER_INVOICE_TYPES),
                             ('state', '=', OPEN_INVOICE_STATE)]


def receivable_invoices_sql(alias):
    """SQL condition on ``account_invoice`` ``alias``: its residual is receivable
    (``RECEIVABLE_INVOICE_DOMAIN``)."""
    return "%(a)s.type IN %(types)s AND %(a)s.state = '%(open)s'" % {
        'a': alias, 'types': sql_list(CUSTOMER_INVOICE_TYPES), 'open': OPEN_INVOICE_STATE}


def receivable_amount_sql(alias):
    """SQL amount still owed on ``account_invoice`` ``alias``, in the company currency
    (negative for a refund); summed over the receivable invoices."""
    return '%s.residual_company_signed' % alias


def unpaid_invoices_sql(alias):
    """SQL condition on ``account_invoice`` ``alias``: a customer invoice (not a refund)
    not fully paid, due or not (the pool keeps such a customer with its owner)."""
    return "%(a)s.state = '%(open)s' AND %(a)s.type = '%(type)s'" % {
        'a': alias, 'open': OPEN_INVOICE_STATE, 'type': PURCHASE_INVOICE_TYPE}


def due_date_sql(alias):
    """SQL date on which ``account_invoice`` ``alias`` is due: its due date, else (none
    set) its invoice date."""
    return 'COALESCE(%(a)s.date_due, %(a)s.date_invoice)' % {'a': alias}


def days_late_sql(alias, today='%s::date'):
    """SQL number of days ``account_invoice`` ``alias`` is past due on ``today`` (an SQL
    date expression; a parameter by default); 0 or less when not yet due."""
    return '(%s - %s)' % (today, due_date_sql(alias))


# Overdue: what is still owed on a customer invoice whose due date (or, without one, its
# invoice date) has passed. An open invoice's residual is never below its currency's
# rounding (the host marks it paid at zero), so a customer with an overdue invoice has an
# overdue amount above zero.
def overdue_invoices_domain(today):
    """ORM domain on ``account.invoice``: the invoice is overdue on ``today`` (a date
    string); the same invoices as ``overdue_invoices_sql``."""
    return [('state', '=', OPEN_INVOICE_STATE), ('type', '=', PURCHASE_INVOICE_TYPE),
            '|', ('date_due', '<', today),
            '&', ('date_due', '=', False), ('date_invoice', '<', today)]


def overdue_invoices_sql(alias, today='%s'):
    """SQL condition on ``account_invoice`` ``alias``: the invoice is overdue on ``today``
    (an SQL date expression; a parameter by default)."""
    return '%s AND %s < %s' % (unpaid_invoices_sql(alias), due_date_sql(alias), today)


# Paid date: the day a paid customer invoice was settled, i.e. the latest ``max_date`` of
# the reconciliations (``account_partial_reconcile``) of its receivable line. The host
# stores there the later of the invoice's and the payment's (or refund's) dates: a payment
# received before the invoice settles it on the invoice date (0 days to pay, never a
# negative delay). It is kept on the invoice (``account_invoice.c360_paid_date``, see
# ``models/account_invoice.py``) when the invoice turns paid, so that the card's days to
# pay, the credit rating's days late and the analysis read one column instead of joining
# millions of journal items. ``PAID_DATE_SQL`` aggregates it over ``apr`` joined on the
# receivable line (``receivable_line_sql``) for that store.
PAID_DATE_SQL = 'MAX(apr.max_date)'


def receivable_line_sql(invoice, line='il'):
    """SQL condition: ``account_move_line`` ``line`` is the receivable line of
    ``account_invoice`` ``invoice``; join ``account_partial_reconcile apr`` on
    ``apr.debit_move_id = line.id`` to aggregate ``PAID_DATE_SQL``."""
    return '%(l)s.move_id = %(i)s.move_id AND %(l)s.account_id = %(i)s.account_id' % {
        'l': line, 'i': invoice}


def paid_date_sql(invoice='inv', today='%s::date'):
    """Correlated SELECT of one ``pay_date`` row, for a ``LATERAL`` join on ``account_invoice``
    ``invoice``: when a customer invoice of the twelve months before ``today`` (an SQL date
    expression) was fully paid, its paid date (the stored ``c360_paid_date``); NULL for any
    other."""
    return """
    SELECT CASE WHEN %(i)s.state = 'paid' AND %(i)s.type = '%(purchase)s'
                 AND %(i)s.date_invoice > %(today)s - 365
                THEN %(i)s.c360_paid_date END AS pay_date
""" % {'i': invoice, 'today': today, 'purchase': PURCHASE_INVOICE_TYPE}


# ----------------------------------------------------------------------
# Sales orders
# ----------------------------------------------------------------------
# Proposals: quotations not yet confirmed (drafts and those sent to the customer).
QUOTATION_STATES = ('draft', 'sent')
# Contracts: confirmed orders, locked or not. Cancelled ones are neither.
ORDER_STATES = ('sale', 'done')
QUOTATION_OR_ORDER_STATES = QUOTATION_STATES + ORDER_STATES

QUOTATION_DOMAIN = [('state', 'in', QUOTATION_STATES)]
ORDER_DOMAIN = [('state', 'in', ORDER_STATES)]


def quotation_sql(alias):
    """SQL condition on ``sale_order`` ``alias``: a proposal (``QUOTATION_DOMAIN``)."""
    return '%s.state IN %s' % (alias, sql_list(QUOTATION_STATES))


def order_sql(alias):
    """SQL condition on ``sale_order`` ``alias``: a contract (``ORDER_DOMAIN``)."""
    return '%s.state IN %s' % (alias, sql_list(ORDER_STATES))


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


# ----------------------------------------------------------------------
# Customers
# ----------------------------------------------------------------------
def not_staff_sql(alias):
    """SQL condition on ``res_partner`` ``alias``: the partner is no user's own partner.

    The partners of internal and portal users (archived users included) are staff and
    portal accounts, not customers: they are never graded, rated, released to the pool or
    counted, even when flagged as customers.
    """
    return 'NOT EXISTS (SELECT 1 FROM res_users staff WHERE staff.partner_id = %s.id)' % alias
