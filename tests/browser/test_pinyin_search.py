"""A salesperson finds a customer on a quotation by its pinyin mnemonic (助记码) or code.

Needs the demo data of crm_customer360 in the served database: li.ming (interface in zh_CN)
and his customer 深圳市鑫北斗软件开发有限公司 (mnemonic XBD), anna (English) and her customer
Müller Maschinenbau GmbH (mnemonic MM). Each types a few letters in the customer field of a
new quotation, picks the company from the drop-down and discards the quotation: nothing is
written, the scenario can run again.
"""
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


def pick_customer_on_new_quotation(browser, url, login, typed, customer, shot=None):
    """Log in as ``login``, create a quotation, type ``typed`` in its customer field and pick
    ``customer``; return the customer field's text. With ``shot``, save a screenshot of that
    name of the open drop-down."""
    ui.login(browser, url, login, login)
    ui.open_menu(browser, QUOTATIONS_MENU)
    ui.click(browser, ui.wait_for(browser, '.o_list_button_add'))
    ui.wait_for(browser, FORM + '.o_form_editable')

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


def test_li_ming_finds_his_customer_by_mnemonic(odoo_server, browser, odoo_env):
    """li.ming types "xbd" and picks 深圳市鑫北斗软件开发有限公司."""
    customer = '深圳市鑫北斗软件开发有限公司'
    user, partner = expectations(odoo_env, 'li.ming', customer, 'xbd')
    assert user.lang == 'zh_CN', 'li.ming should work in Chinese (lang %r)' % user.lang
    assert partner.mnemonic == 'XBD', partner.mnemonic
    value = pick_customer_on_new_quotation(browser, odoo_server.url, 'li.ming', 'xbd',
                                           customer, shot='pinyin_search')
    assert value == customer, value
    ui.screenshot(browser, 'pinyin_search_li_ming')
    ui.discard(browser)


def test_anna_finds_her_customer_by_code(odoo_server, browser, odoo_env):
    """anna types Müller's customer code in lower case and picks the company."""
    customer = 'Müller Maschinenbau GmbH'
    _user, partner = expectations(odoo_env, 'anna', customer, 'mm')
    assert partner.customer_code, 'the demo customer %s has no code' % customer
    typed = partner.customer_code.lower()
    value = pick_customer_on_new_quotation(browser, odoo_server.url, 'anna', typed, customer)
    assert value == customer, value
    ui.screenshot(browser, 'pinyin_search_anna')
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
