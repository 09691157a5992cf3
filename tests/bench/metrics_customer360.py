"""Measurements of crm_customer360: the card's figures, and the host's own figures beside them."""
from .measure import metric, ratio

# The figures the host itself shows on a partner (smart buttons of the form).
HOST_FIGURES = ['total_invoiced', 'credit', 'sale_order_count']


def has_card_figures(env):
    """True when crm_customer360's figures API is installed, else what is missing."""
    if hasattr(env['res.partner'], '_customer_figure_fields'):
        return True
    return "crm_customer360 is not installed (no res.partner._customer_figure_fields)"


def card_figure_fields(env):
    """Every finance and sales figure of the card (``res.partner._customer_figure_fields``)."""
    return list(env['res.partner']._customer_figure_fields())


def read_fields(records, fields):
    """A timed run: read ``fields`` of ``records`` and return how many records were read."""
    def run():
        return len(records.read(fields))
    return run


@metric('card_figures_80', requires=has_card_figures, target_ms=150, target_queries=10)
def card_figures_80(ctx):
    """Every finance and sales figure of crm_customer360 for a page of 80 customers."""
    return read_fields(ctx.customers_page(80), card_figure_fields(ctx.env))


@metric('host_total_invoiced_80')
def host_total_invoiced_80(ctx):
    """The host's total_invoiced, credit and sale_order_count for the same 80 customers."""
    return read_fields(ctx.customers_page(80), HOST_FIGURES)


@metric('card_open_1', requires=has_card_figures, target_ms=100)
def card_open_1(ctx):
    """All figures of one card: the customer with the most invoices."""
    return read_fields(ctx.top_customer(), card_figure_fields(ctx.env))


@metric('card_search_overdue_80', requires=has_card_figures, repeat=3)
def card_search_overdue_80(ctx):
    """The customer list filtered on "Overdue" (overdue_amount > 0): its first page of 80."""
    partners = ctx.env['res.partner']
    domain = [('customer', '=', True), ('is_company', '=', True), ('overdue_amount', '>', 0)]

    def run():
        return len(partners.search(domain, limit=80))
    return run


# How many times faster the card's figures are than the host's three (target: 10x).
ratio('host_total_invoiced_80', 'card_figures_80', target=10)
