"""The administrator turns the credit block of the company off in Sales > Settings, as a
company that only runs the helpdesk would, and on again.

The company's flag is set back to what it was at the end, so the other tests find it on.
"""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import demo_records as demo
import odoo_ui as ui

LOGIN = 'admin'
SETTINGS_MENU = 'sale.menu_sale_general_settings'
CHECKBOX = '.o_content div[name="credit_block"] input'


def _company_flag(odoo_env, user):
    odoo_env.cr.rollback()  # a new snapshot: see what the browser committed
    odoo_env.clear()
    return odoo_env['res.users'].browse(user).company_id.credit_block


def _toggle_and_save(browser):
    box = ui.wait_for(browser, CHECKBOX, visible=False)
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
    ui.click(browser, box.find_element(By.XPATH, '..'))
    # The settings' Save (the form's header button, "保存" for the Chinese admin).
    save = [b for b in browser.find_elements(By.CSS_SELECTOR, 'button')
            if b.is_displayed() and b.text.strip() in ('Save', '保存')]
    assert save, 'no Save button on the settings'
    ui.click(browser, save[0])
    ui.wait_loaded(browser)
    WebDriverWait(browser, ui.TIMEOUT).until(
        lambda b: b.find_elements(By.CSS_SELECTOR, CHECKBOX))


def test_admin_turns_the_credit_block_off_and_on(odoo_server, browser, odoo_env):
    with demo.committed_env(odoo_server.db) as env:
        admin = demo.demo_user(env, LOGIN)
        user_id, company_id = admin.id, admin.company_id.id
        previous = admin.company_id.credit_block
        admin.company_id.credit_block = True
    try:
        ui.login(browser, odoo_server.url, LOGIN, LOGIN)
        ui.open_menu(browser, SETTINGS_MENU)
        box = ui.wait_for(browser, CHECKBOX, visible=False)
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
        setting = box.find_element(By.XPATH, 'ancestor::div[contains(@class, "o_setting_box")]')
        # admin reads Chinese in the demo: the label in either language.
        assert ('Credit Block on Sales Orders' in setting.text
                or '销售订单信用管控' in setting.text), setting.text
        assert box.is_selected()
        _toggle_and_save(browser)
        assert _company_flag(odoo_env, user_id) is False
        box = ui.wait_for(browser, CHECKBOX, visible=False)
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", box)
        assert not box.is_selected()
        ui.screenshot(browser, 'credit_settings')
        _toggle_and_save(browser)
        assert _company_flag(odoo_env, user_id) is True
    finally:
        with demo.committed_env(odoo_server.db) as env:
            env['res.company'].browse(company_id).credit_block = previous
