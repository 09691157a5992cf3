"""The kanban and calendar views of the Customers app, as the salesperson 李明 and the sales
manager 王芳, each in Chinese and in English: contact records, the public pool and handovers as
cards, the planned next steps of contact records on a calendar. Each view shows the records
its list shows, under the action's name in the user's language.

Both demo users work in Chinese: the English run gives them en_US for the scenario
(demo.user_language).
"""
import time

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import demo_records as demo
import odoo_ui as ui

CARDS = '.o_content .o_kanban_view .o_kanban_record:not(.o_kanban_ghost)'
# What proves the interface language: the actions' names in the breadcrumb, the pool card's
# button.
LABELS = {
    'zh_CN': {'contacts': '联系记录', 'planned': '计划拜访', 'pool': '公海',
              'handovers': '客户交接', 'claim': '领取'},
    'en_US': {'contacts': 'Contact Records', 'planned': 'Planned Visits', 'pool': 'Public Pool',
              'handovers': 'Handovers', 'claim': 'Claim'},
}
LANGS = sorted(LABELS)


def switch_to(browser, view_type):
    """Click the view switcher's button of ``view_type`` and wait for that view."""
    ui.click(browser, ui.wait_for(browser, '.o_cp_switch_buttons .o_cp_switch_%s' % view_type))
    ui.wait_for(browser, '.o_content .o_%s_view' % view_type)
    ui.wait_loaded(browser)


@pytest.mark.parametrize('lang', LANGS)
def test_contact_records_as_cards_and_calendar(odoo_server, browser, odoo_env, lang):
    """李明's contact records as cards (customer, type, owner), and his planned next steps on
    the calendar."""
    with demo.user_language(odoo_server.db, 'li.ming', lang):
        contact_records_as_cards_and_calendar(odoo_server, browser, odoo_env, lang)


def contact_records_as_cards_and_calendar(odoo_server, browser, odoo_env, lang):
    """The steps of test_contact_records_as_cards_and_calendar, 李明 working in ``lang``."""
    labels = LABELS[lang]
    user = demo.demo_user(odoo_env, 'li.ming')
    Interaction = odoo_env['crm.customer.interaction'].sudo(user)
    count = Interaction.search_count([])
    assert count, 'the demo gives 李明 contact records'
    ui.login(browser, odoo_server.url, 'li.ming', 'li.ming')
    ui.open_menu(browser, 'crm_customer360.crm_customer_interaction_menu_app')
    switch_to(browser, 'kanban')
    ui.assert_breadcrumb(browser, labels['contacts'])
    WebDriverWait(browser, ui.TIMEOUT).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, CARDS)) == min(count, 80))
    card = browser.find_elements(By.CSS_SELECTOR, CARDS)[0]
    assert card.find_elements(By.CSS_SELECTOR, '.o_kanban_record_title')
    assert card.find_elements(By.CSS_SELECTOR, 'img.oe_kanban_avatar')
    ui.screenshot_in(browser, 'contact_records_kanban', lang, 'zh_CN')

    planned = Interaction.search_count([('next_step_date', '!=', False)])
    ui.open_menu(browser, 'crm_customer360.crm_customer_interaction_menu_planned')
    ui.wait_for(browser, '.o_content .o_calendar_view')
    ui.wait_loaded(browser)
    ui.assert_breadcrumb(browser, labels['planned'])
    assert planned, 'the demo plans next steps for 李明'
    WebDriverWait(browser, ui.TIMEOUT).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, '.o_calendar_view .fc-event'))


@pytest.mark.parametrize('lang', LANGS)
def test_pool_and_handovers_as_cards(odoo_server, browser, odoo_env, lang):
    """王芳 sees the public pool and the handovers as cards, as many as their lists. The
    scenario puts a customer of its own in the pool and drafts a handover (committed; archived
    and deleted at the end)."""
    name = 'Pool Kanban Customer %d' % int(time.time() * 1000)
    with demo.committed_env(odoo_server.db) as env:
        partner_id = env['res.partner'].create({
            'name': name, 'is_company': True, 'customer': True, 'user_id': False,
            'city': 'Suzhou'}).id
        env['res.partner'].browse(partner_id).write({'in_pool': True})
        handover_id = env['crm.customer.handover'].create({
            'from_user_id': demo.demo_user(env, 'li.ming').id,
            'to_user_id': demo.demo_user(env, 'wang.fang').id}).id
    try:
        odoo_env.cr.rollback()  # a new snapshot, after the commit above
        odoo_env.clear()
        user = demo.demo_user(odoo_env, 'wang.fang')
        pooled = odoo_env['res.partner'].sudo(user).search_count(
            [('in_pool', '=', True), ('parent_id', '=', False)])
        handovers = odoo_env['crm.customer.handover'].sudo(user).search_count([])
        counts = (pooled, handovers)
        with demo.user_language(odoo_server.db, 'wang.fang', lang):
            pool_and_handovers_as_cards(odoo_server, browser, name, counts, lang)
    finally:
        with demo.committed_env(odoo_server.db) as env:
            env['res.partner'].browse(partner_id).write({'active': False})
            env['crm.customer.handover'].browse(handover_id).unlink()


def pool_and_handovers_as_cards(odoo_server, browser, name, counts, lang):
    """The steps of test_pool_and_handovers_as_cards, 王芳 working in ``lang``: ``name`` is
    the customer in the pool, ``counts`` the (pool, handover) counts she should see."""
    labels = LABELS[lang]
    pooled, handovers = counts
    ui.login(browser, odoo_server.url, 'wang.fang', 'wang.fang')
    ui.open_menu(browser, 'crm_customer360.res_partner_menu_pool_app')
    ui.wait_for(browser, '.o_content .o_list_view')
    switch_to(browser, 'kanban')
    ui.assert_breadcrumb(browser, labels['pool'])
    WebDriverWait(browser, ui.TIMEOUT).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, CARDS)) == min(pooled, 80))
    ours = [card for card in browser.find_elements(By.CSS_SELECTOR, CARDS)
            if name in card.text]
    assert ours, 'the customer %s is not among the pool cards' % name
    claim = ours[0].find_elements(By.CSS_SELECTOR, 'button.o_c360_claim')
    assert claim and claim[0].text.strip() == labels['claim'], [b.text for b in claim]
    ui.screenshot_in(browser, 'pool_kanban', lang, 'zh_CN')
    ui.open_menu(browser, 'crm_customer360.crm_customer_handover_menu_app')
    switch_to(browser, 'kanban')
    ui.assert_breadcrumb(browser, labels['handovers'])
    WebDriverWait(browser, ui.TIMEOUT).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, CARDS)) == handovers)
    assert handovers >= 1
    assert browser.find_elements(By.CSS_SELECTOR, CARDS + ' img.oe_kanban_avatar')
    ui.screenshot_in(browser, 'handovers_kanban', lang, 'zh_CN')
