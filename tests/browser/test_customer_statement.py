"""A salesperson prints a customer's statement (对账单) from the card, in Chinese and in
English: the period dialog opens from the card's header (button and dialog named in the
user's language) and prints without an error, and the statement's closing balance is the
receivable the card shows.

Needs the demo data of crm_customer360 (scripts/test.sh installs it): li.ming (interface in
zh_CN) and his customer of the Chinese company, anna (English, no accounting rights) and her
customer of the UK subsidiary, both with receivables.
"""
import re
import time
from datetime import datetime

import pytest

import odoo_ui as ui
from selenium.common.exceptions import TimeoutException
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait
from conftest import SERVER_LOG
from test_customer_card import (CUSTOMER, UK_CUSTOMER, card_expectations, open_customer_card,
                                parse_amount)

CLOSING = '.c360_statement_closing td:last-child'
CLOSING_DATE = '.c360_statement_closing td:first-child'
# The parts of a report's HTML page (the host's layouts): the picture of the page.
REPORT_PAGE = ['main .header', 'main .article', 'main .footer']
WIZARD = '.modal .o_form_view input[name="date_from"], .modal .o_form_view div[name="date_from"]'


def assert_report_downloaded(since, timeout=60, request='POST /report/download'):
    """Wait until the web client's download of the report (``request``: the method and
    the path's start) got its answer (200)."""
    deadline = time.time() + timeout
    answer = re.compile(r'"%s\S* HTTP/1.1" (\d)' % re.escape(request))
    while time.time() < deadline:
        with SERVER_LOG.open('rb') as log:
            log.seek(since)
            text = log.read().decode('utf-8', 'replace')
        codes = answer.findall(text)
        if '2' in codes:
            return
        assert '5' not in codes and '4' not in codes, 'the report failed:\n' + text
        time.sleep(0.5)
    raise AssertionError('the web client downloaded no report within %ds' % timeout)


def assert_no_asset_alert(browser):
    """Fail when the report's page alerts an error of its asset bundles: its stylesheets
    (Bootstrap) would be missing, the page unstyled (the host names a file of ``website``
    in ``web.report_assets_common``; crm_customer360's ir_qweb.py leaves it out)."""
    try:
        WebDriverWait(browser, 3).until(ec.alert_is_present())
    except TimeoutException:
        return
    alert = browser.switch_to.alert
    text = alert.text
    alert.accept()
    raise AssertionError('the report page alerts an asset error: %s' % text)


def report_amount(browser, base_url, report, partner, selector, lang):
    """Open the HTML of ``report`` for ``partner`` as the logged-in user and return the text
    of ``selector`` and the amount in it (in ``lang``'s number format)."""
    browser.get('%s/report/html/%s/%d' % (base_url, report, partner.id))
    assert_no_asset_alert(browser)
    text = ui.wait_for(browser, selector).text
    return text, parse_amount(text, lang)


@pytest.mark.parametrize('login, customer, labels', [
    ('li.ming', CUSTOMER, {'lang': 'zh_CN', 'button': '对账单', 'title': '客户对账单'}),
    ('anna', UK_CUSTOMER, {'lang': 'en_US', 'button': 'Statement',
                           'title': 'Customer Statement'}),
], ids=['zh_CN', 'en_US'])
def test_statement_from_the_card(odoo_server, browser, odoo_env, login, customer, labels):
    """The salesperson opens the dialog from the card and prints; the statement of the
    default period (this month to today) closes on the card's receivable."""
    user, partner, figures = card_expectations(odoo_env, login, customer)
    assert user.lang == labels['lang'], '%s should work in %s (lang %r)' % (
        login, labels['lang'], user.lang)
    lang = odoo_env['res.lang'].search([('code', '=', partner.lang or 'en_US')])
    open_customer_card(browser, odoo_server.url, login, customer)
    ui.click_button(browser, labels['button'])
    title, _text = ui.dialog_text(browser, WIZARD)
    assert title == labels['title'], 'the period dialog is titled %r' % title
    since = odoo_server.log_size()
    ui.click(browser, ui.wait_for(browser, '.modal-footer button[name="action_print"]'))
    assert_report_downloaded(since)
    ui.assert_no_error_dialog(browser)
    ui.screenshot_in(browser, 'customer_statement_printed', user.lang, 'zh_CN')
    closing, amount = report_amount(browser, odoo_server.url,
                                    'crm_customer360.customer_statement', partner, CLOSING, lang)
    assert amount is not None and abs(amount - figures['receivable_amount']) < 0.005, (
        'the statement closes on %r, the card shows a receivable of %.2f'
        % (closing, figures['receivable_amount']))
    # The statement is in the customer's language, its dates too (not the reader's, nor
    # the language of whoever used the browser before: the host's frontend_lang cookie).
    day = browser.find_element(By.CSS_SELECTOR, CLOSING_DATE).text.strip()
    try:
        datetime.strptime(day, lang.date_format)
    except ValueError:
        raise AssertionError('the statement\'s closing date %r is not in the %s format %r'
                             % (day, lang.code, lang.date_format)) from None
    ui.screenshot_in(browser, 'customer_statement', user.lang, 'zh_CN', crop=REPORT_PAGE,
                     whole_page=True)


def test_statement_to_excel(odoo_server, browser):
    """li.ming exports the statement from the same dialog to Excel: the workbook downloads
    (the report_xlsx client action asks /report/xlsx/... with the dialog's period)."""
    open_customer_card(browser, odoo_server.url, 'li.ming', CUSTOMER)
    ui.click_button(browser, '对账单')
    ui.dialog_text(browser, WIZARD)
    since = odoo_server.log_size()
    button = ui.wait_for(browser, '.modal-footer button[name="action_export_xlsx"]')
    assert button.text.strip() == '导出 Excel', 'the button reads %r' % button.text
    ui.click(browser, button)
    assert_report_downloaded(
        since, request='POST /report/xlsx/crm_customer360.customer_statement_xlsx')
    ui.assert_no_error_dialog(browser)
