"""A salesperson prints a customer's visit briefing (拜访简报) from the card: the button in
the card's header prints without an error, and the briefing shows the receivable the card
shows.

Needs the demo data of crm_customer360 (scripts/test.sh installs it): li.ming (interface in
zh_CN) and her customer of the Chinese company, with receivables.
"""
import odoo_ui as ui
from test_customer_card import CUSTOMER, card_expectations, open_customer_card
from test_customer_statement import REPORT_PAGE, assert_report_downloaded, report_amount

RECEIVABLE = '.c360_briefing_receivable'


def test_briefing_from_the_card(odoo_server, browser, odoo_env):
    """li.ming prints the briefing from the card; it shows the card's receivable."""
    user, partner, figures = card_expectations(odoo_env, 'li.ming', CUSTOMER)
    lang = odoo_env['res.lang'].search([('code', '=', user.lang or 'en_US')])
    open_customer_card(browser, odoo_server.url, 'li.ming', CUSTOMER)
    since = odoo_server.log_size()
    ui.click_button(browser, '拜访简报')
    assert_report_downloaded(since)
    ui.assert_no_error_dialog(browser)
    ui.screenshot(browser, 'customer_briefing_printed')
    receivable, amount = report_amount(browser, odoo_server.url,
                                       'crm_customer360.customer_briefing', partner,
                                       RECEIVABLE, lang)
    assert amount is not None and abs(amount - figures['receivable_amount']) < 0.005, (
        'the briefing shows a receivable of %r, the card %.2f'
        % (receivable, figures['receivable_amount']))
    ui.screenshot(browser, 'customer_briefing', crop=REPORT_PAGE, whole_page=True)
