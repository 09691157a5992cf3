"""The Customers app: its dashboard for a salesperson (李明) and for a sales manager, each in
Chinese and in English, each tile opening the records behind its number, and the customer
cards as a kanban with the grade badge and the overdue amount.

李明 works in Chinese: his English run gives him en_US for the scenario (demo.user_language).
The manager is a user of the scenario's own (committed, archived at the end), created in the
run's language: the demo's sales manager reads Chinese.
"""
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import demo_records as demo
import odoo_ui as ui

DASHBOARD_MENU = 'crm_customer360.crm_customer_dashboard_tile_menu'
APP_MENU = 'crm_customer360.crm_customer360_menu_root'
CARDS = '.o_content .o_kanban_view .o_kanban_record:not(.o_kanban_ghost)'
# What proves the interface language: the app's name in the top bar, a tile's name, the
# label of the overdue amount on a customer card.
LABELS = {
    'zh_CN': {'app': '客户', 'my_overdue': '我的逾期应收', 'overdue': '逾期：'},
    'en_US': {'app': 'Customers', 'my_overdue': 'My Overdue Receivables', 'overdue': 'Overdue:'},
}
LANGS = sorted(LABELS)


def tile(browser, code):
    """The card of the tile ``code`` on the dashboard, once shown."""
    return ui.wait_for(browser, '.o_c360_tile_%s' % code)


def tile_values(env, user):
    """{code: number} of the tiles ``user`` may read, as the server computes them."""
    tiles = env['crm.customer.dashboard.tile'].sudo(user).search([])
    return {t.code: t.value for t in tiles}


def open_tile(browser, code):
    ui.click(browser, tile(browser, code).find_element(By.CSS_SELECTOR, 'a.o_c360_tile_open'))
    ui.wait_loaded(browser)


def shown_value(browser, code):
    return int(tile(browser, code).find_element(
        By.CSS_SELECTOR, '.o_c360_tile_value').text.replace(',', '').strip())


def assert_app_name(browser, lang):
    """The Customers app's entry of the top bar is named in ``lang``."""
    link = browser.find_element(By.CSS_SELECTOR, '.oe_application_menu_placeholder '
                                                 'a[data-menu-xmlid="%s"]' % APP_MENU)
    name = link.get_attribute('textContent').strip()
    assert name == LABELS[lang]['app'], 'the app is called %r in %s' % (name, lang)


@pytest.mark.parametrize('lang', LANGS)
def test_salesperson_dashboard(odoo_server, browser, odoo_env, lang):
    """李明 opens the Customers app: his tiles, no team tile; his overdue tile opens exactly
    the customers it counts, as cards with their grade and overdue amount."""
    with demo.user_language(odoo_server.db, 'li.ming', lang):
        salesperson_dashboard(odoo_server, browser, odoo_env, lang)


def salesperson_dashboard(odoo_server, browser, odoo_env, lang):
    """The steps of test_salesperson_dashboard, 李明 working in ``lang``."""
    labels = LABELS[lang]
    user = demo.demo_user(odoo_env, 'li.ming')
    values = tile_values(odoo_env, user)
    assert 'team_customers' not in values
    assert values['my_overdue'] >= 1, 'the demo gives 李明 customers with overdue invoices'
    ui.login(browser, odoo_server.url, 'li.ming', 'li.ming')
    ui.open_menu(browser, DASHBOARD_MENU)
    assert_app_name(browser, lang)
    tile(browser, 'my_overdue')
    assert labels['my_overdue'] in tile(browser, 'my_overdue').text
    for code in ('my_customers', 'my_overdue', 'follow_ups_today', 'pool_soon'):
        assert shown_value(browser, code) == values[code], code
    assert not browser.find_elements(By.CSS_SELECTOR, '.o_c360_tile_team_customers')
    ui.screenshot_in(browser, 'dashboard_salesperson', lang, 'zh_CN')

    open_tile(browser, 'my_overdue')
    WebDriverWait(browser, ui.TIMEOUT).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, CARDS)) == values['my_overdue'])
    cards = browser.find_elements(By.CSS_SELECTOR, CARDS)
    for card in cards:
        assert card.find_elements(By.CSS_SELECTOR, '.o_c360_overdue'), card.text
        assert labels['overdue'] in card.text, card.text
    graded = [card for card in cards if card.find_elements(By.CSS_SELECTOR, '.o_c360_grade')]
    assert graded, 'no grade badge on the customer cards'
    assert card.find_elements(By.CSS_SELECTOR, 'img.o_c360_owner')
    ui.screenshot_in(browser, 'customer_kanban', lang, 'zh_CN')

    # His to-dos on customers: the demo gives him one due today and one late (which is which
    # depends on the day in Shanghai); the late tile lists exactly its number.
    assert values['follow_ups_today'] + values['follow_ups_late'] >= 2
    ui.open_menu(browser, DASHBOARD_MENU)
    open_tile(browser, 'follow_ups_late')
    rows = '.o_content .o_list_view tbody tr.o_data_row'
    WebDriverWait(browser, ui.TIMEOUT).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, rows)) == values['follow_ups_late'])


def test_manager_dashboard_in_english(odoo_server, browser, odoo_env):
    """An English sales manager sees the team tiles; the team overdue tile opens the
    customers it counts, grouped by salesperson."""
    login = 'dash.manager.%d' % int(time.time() * 1000)
    with demo.committed_env(odoo_server.db) as env:
        user_id = env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Dashboard Manager', 'login': login, 'password': login,
            'lang': 'en_US', 'tz': 'Asia/Shanghai',
            'groups_id': [(6, 0, [env.ref('base.group_user').id,
                                  env.ref('sales_team.group_sale_manager').id])]}).id
    try:
        odoo_env.cr.rollback()
        odoo_env.clear()
        user = odoo_env['res.users'].browse(user_id)
        values = tile_values(odoo_env, user)
        ui.login(browser, odoo_server.url, login, login)
        ui.open_menu(browser, DASHBOARD_MENU)
        assert_app_name(browser, 'en_US')
        for code in ('team_customers', 'team_overdue', 'grade_changes', 'credit_blocks',
                     'sla_breaches'):
            assert shown_value(browser, code) == values[code], code
        assert 'Team' in tile(browser, 'team_overdue').text
        assert 'Team Overdue Receivables' in tile(browser, 'team_overdue').text
        ui.screenshot(browser, 'dashboard_manager')

        open_tile(browser, 'team_overdue')
        groups = ui.wait_for(browser, '.o_content .o_list_view .o_group_header')
        assert groups
        counts = browser.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll("
            "'.o_content .o_list_view .o_group_header .o_group_name'), function (th) {"
            "  var m = th.textContent.match(/\\((\\d+)\\)\\s*$/); return m ? +m[1] : 0; });")
        assert sum(counts) == values['team_overdue'], counts
    finally:
        with demo.committed_env(odoo_server.db) as env:
            env['res.users'].browse(user_id).write({'active': False})
