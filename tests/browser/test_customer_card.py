"""A salesperson opens a customer and reads its finance figures on the customer 360 card.

Needs the demo data of crm_customer360 in the served database (scripts/test.sh installs it):
the salespeople li.ming (interface in zh_CN) of the Chinese company and anna (English, no
accounting rights) of its UK subsidiary, and a customer of each one's company, with
receivables of which some are overdue. The amounts are not written here: each is read from
the database as admin working in the salesperson's company (the card's figures are those of
the reader's company, in its currency) and compared with the card.
"""
import re

import demo_records as demo
import odoo_ui as ui

CUSTOMER = '深圳市鑫北斗软件开发有限公司'  # li.ming's, of the Chinese company, in yuan
# anna's, of the UK subsidiary: invoiced in euros, one invoice overdue, figures in pounds
UK_CUSTOMER = 'Müller Maschinenbau GmbH'
# Sales > Orders > Customers, the salesperson's way to a customer in Odoo 11.
CUSTOMERS_MENU = 'sale.res_partner_menu'
PANEL = '.o_content .o_form_view div.o_c360_panel'
FIGURES = ('invoiced_amount', 'receivable_amount', 'overdue_amount', 'order_amount',
           'quotation_amount')
NON_ZERO = ('receivable_amount', 'overdue_amount')


def card_expectations(env, login, customer):
    """Return the user, the customer and its true figures, checking the scenario holds.

    :param env: an admin environment on the served database
    :param login: the salesperson who will open the card
    :param customer: the name of the demo customer, one of the salesperson's company
    """
    user = demo.demo_user(env, login)
    partner = demo.demo_customer(env, customer)
    missing = [name for name in FIGURES if name not in partner._fields]
    assert not missing, 'res.partner has no field %s' % ', '.join(missing)
    company = user.company_id
    assert partner.company_id == company, '%s should be a customer of %s, the company of %s' % (
        customer, company.name, login)
    # As admin, on the user's calendar day: what is overdue depends on the day.
    partner = partner.with_context(tz=user.tz or 'UTC', lang=user.lang)
    figures = figures_in_company(env, partner, company)
    zero = [name for name in NON_ZERO if not figures[name]]
    assert not zero, 'the demo customer has no %s: the card would show nothing to check' % (
        ' and no '.join(zero))
    return user, partner, figures


def figures_in_company(env, partner, company):
    """The figures of `partner` as admin reads them working in `company`.

    The figures are those of the reader's company and its subsidiaries, in its currency:
    admin works in the main company, the parent of anna's. As the company switcher does,
    admin's company is written, in this transaction only: it is rolled back at once, which
    also releases admin's row for the server.
    """
    admin = env.user
    try:
        if admin.company_id != company:
            admin.write({'company_id': company.id})
            partner.invalidate_cache()
        return {name: partner[name] for name in FIGURES}
    finally:
        env.cr.rollback()
        env.clear()


def parse_amount(text, lang):
    """Return the number shown in `text` (an amount formatted for `lang`), or None.

    :param lang: the res.lang record of the user, whose separators the web client uses
    """
    cleaned = text.replace('\xa0', ' ')
    if lang.thousands_sep:
        cleaned = cleaned.replace(lang.thousands_sep, '')
    cleaned = cleaned.replace(lang.decimal_point, '.')
    numbers = re.findall(r'-?\d+(?:\.\d+)?', cleaned)
    return float(numbers[0]) if len(numbers) == 1 else None


def open_customer_card(browser, url, login, customer):
    """Log in as `login`, find the demo customer from the Customers menu and open its form."""
    ui.login(browser, url, login, login)
    ui.open_menu(browser, CUSTOMERS_MENU)
    ui.search(browser, customer)
    ui.open_record(browser, customer)
    ui.wait_for(browser, PANEL)


def assert_card_shows(browser, user, partner, figures):
    """Compare every figure of the card with the stored value, in the user's number format."""
    lang = user.env['res.lang'].search([('code', '=', user.lang or 'en_US')])
    shown = {name: ui.field_text(browser, name, within=PANEL) for name in FIGURES}
    wrong = []
    for name in FIGURES:
        amount = parse_amount(shown[name], lang)
        if amount is None or abs(amount - figures[name]) > 0.005:
            wrong.append('%s: card shows %r, database holds %.2f'
                         % (name, shown[name], figures[name]))
    assert not wrong, 'the card of %s seen by %s is wrong:\n%s' % (
        partner.name, user.login, '\n'.join(wrong))


def test_salesperson_sees_finance_figures(odoo_server, browser, odoo_env):
    """li.ming, whose customer it is, reads invoiced, receivable and overdue amounts."""
    user, partner, figures = card_expectations(odoo_env, 'li.ming', CUSTOMER)
    assert user.lang == 'zh_CN', 'li.ming should work in Chinese (lang %r)' % user.lang
    assert partner.user_id == user, 'the demo customer should be owned by li.ming'
    open_customer_card(browser, odoo_server.url, 'li.ming', CUSTOMER)
    assert_card_shows(browser, user, partner, figures)
    ui.screenshot(browser, 'customer_card')


def test_salesperson_without_accounting_sees_figures(odoo_server, browser, odoo_env):
    """anna, who may not read invoices, still reads the same figures on the card of a
    customer of her company."""
    user, partner, figures = card_expectations(odoo_env, 'anna', UK_CUSTOMER)
    for group in ('account.group_account_invoice', 'account.group_account_user'):
        if odoo_env.ref(group, raise_if_not_found=False):
            assert not user.sudo(user.id).has_group(group), (
                'anna should have no accounting rights (%s)' % group)
    open_customer_card(browser, odoo_server.url, 'anna', UK_CUSTOMER)
    assert_card_shows(browser, user, partner, figures)
    ui.screenshot(browser, 'customer_card_anna')

