"""A salesperson finds a customer on a quotation by its pinyin mnemonic (助记码) or code.

Needs the demo data of crm_customer360 in the served database: li.ming (interface in zh_CN)
and his customer 深圳市鑫北斗软件开发有限公司 (mnemonic XBD), anna (English) and her customer
Müller Maschinenbau GmbH (mnemonic MM). Each, in the interface's language, types the mnemonic
and then the code in the customer field of a new quotation, picks the company from the
drop-down and discards the quotation: nothing is written, the scenario can run again.
"""
import pytest
from selenium.webdriver.common.by import By

import demo_records as demo
import odoo_ui as ui

QUOTATIONS_MENU = 'sale.menu_sale_quotations'
FORM = '.o_content .o_form_view'


def expectations(env, login, customer, typed):
    """The user and the customer, checking that the user's own name search finds it."""
    user = demo.demo_user(env, login)
    partner = demo.demo_customer(env, customer)
    found = [pid for pid, _name in env['res.partner'].sudo(user.id).name_search(
        typed, args=[('customer', '=', True)], limit=8)]
    assert partner.id in found, '%s does not find %s by %r: %r' % (login, customer, typed,
                                                                     found)
    return user, partner


def new_quotation(browser, url, login):
    """Log in as ``login`` and create a quotation (its form in edit mode)."""
    ui.login(browser, url, login, login)
    ui.open_menu(browser, QUOTATIONS_MENU)
    ui.click(browser, ui.wait_for(browser, '.o_list_button_add'))
    ui.wait_for(browser, FORM + '.o_form_editable')


def pick_customer(browser, typed, customer, shot=None):
    """Type ``typed`` in the quotation's customer field, pick ``customer`` in the drop-down
    and return the customer field's text. With ``shot``, save a screenshot of that name of
    the open drop-down."""
    def dropdown_shot(_entry):
        ui.screenshot(browser, shot, crop=['.o_control_panel .breadcrumb', FORM + ' .oe_title',
                                           FORM + ' .o_field_widget[name="partner_id"]',
                                           'ul.ui-autocomplete'])
    ui.set_many2one(browser, 'partner_id', typed, choice=customer,
                    before_pick=dropdown_shot if shot else None)
    ui.assert_no_error_dialog(browser)
    field = browser.find_element(By.CSS_SELECTOR, FORM + ' .o_field_widget[name="partner_id"] '
                                                         'input')
    return field.get_attribute('value')


@pytest.mark.parametrize('login, customer, mnemonic, labels', [
    ('li.ming', '深圳市鑫北斗软件开发有限公司', 'XBD', {'lang': 'zh_CN', 'quotations': '报价单'}),
    ('anna', 'Müller Maschinenbau GmbH', 'MM', {'lang': 'en_US', 'quotations': 'Quotations'}),
], ids=['zh_CN', 'en_US'])
def test_salesperson_finds_customer_by_mnemonic_and_code(odoo_server, browser, odoo_env, login,
                                                         customer, mnemonic, labels):
    """On a new quotation, in the salesperson's language, the customer field finds the
    company by its mnemonic typed in lower case (li.ming: "xbd"), then by its code."""
    user, partner = expectations(odoo_env, login, customer, mnemonic.lower())
    assert user.lang == labels['lang'], '%s should work in %s (lang %r)' % (
        login, labels['lang'], user.lang)
    assert partner.mnemonic == mnemonic, partner.mnemonic
    assert partner.customer_code, 'the demo customer %s has no code' % customer
    code = partner.customer_code.lower()
    expectations(odoo_env, login, customer, code)
    new_quotation(browser, odoo_server.url, login)
    ui.assert_breadcrumb(browser, labels['quotations'])
    for typed in (mnemonic.lower(), code):
        # the README's picture: li.ming's drop-down, found by the mnemonic
        shot = 'pinyin_search' if login == 'li.ming' and typed == mnemonic.lower() else None
        value = pick_customer(browser, typed, customer, shot=shot)
        assert value == customer, 'typing %r picked %r' % (typed, value)
    ui.screenshot(browser, 'pinyin_search_%s' % login.replace('.', '_'))
    ui.discard(browser)


def test_anna_finds_her_customer_by_mnemonic_in_the_customer_list(odoo_server, browser,
                                                                    odoo_env):
    """anna searches "Code or Mnemonic" for "mm" among the customers and opens Müller's card,
    which shows its code and mnemonic."""
    customer = 'Müller Maschinenbau GmbH'
    _user, partner = expectations(odoo_env, 'anna', customer, 'mm')
    ui.login(browser, odoo_server.url, 'anna', 'anna')
    ui.open_menu(browser, 'sale.res_partner_menu')
    ui.search(browser, 'mm', field_label='Code or Mnemonic')
    ui.open_record(browser, customer)
    assert ui.field_text(browser, 'customer_code') == partner.customer_code
    assert ui.field_text(browser, 'mnemonic') == 'MM'
    ui.screenshot(browser, 'pinyin_search_anna_card')
