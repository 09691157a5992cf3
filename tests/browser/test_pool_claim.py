"""A salesperson claims a customer from the public pool.

The scenario turns the pool on and puts a customer of its own in it (committed) before it
starts; at the end it restores the setting and archives its customer, so it can run again
and leaves the other tests' data alone.
"""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import demo_records as demo
import odoo_ui as ui

LOGIN = 'anna'
POOL_MENU = 'crm_customer360.res_partner_menu_pool'
FORM = '.o_content .o_form_view'



def test_salesperson_claims_from_pool(odoo_server, browser, odoo_env):
    """anna opens the Public Pool, opens a pooled customer and claims it."""
    name = 'Pool Test Customer %s' % int(time.time() * 1000)
    with demo.committed_env(odoo_server.db) as env:
        # The pool is each company's: enabled in all of them for the test.
        previous = {company: company.pool_enabled for company in env['res.company'].search([])}
        previous_ids = {company.id: enabled for company, enabled in previous.items()}
        env['res.company'].search([]).write({'pool_enabled': True})
        partner_id = env['res.partner'].create({
            'name': name, 'is_company': True, 'customer': True, 'user_id': False,
            'city': 'Hamburg'}).id
        # Straight into the pool, as a release of nobody in particular.
        env['res.partner'].browse(partner_id).write({'in_pool': True})
    try:
        odoo_env.cr.rollback()  # a new snapshot, after the commit above
        odoo_env.clear()
        user = demo.demo_user(odoo_env, LOGIN)
        partner = odoo_env['res.partner'].browse(partner_id)
        assert partner.in_pool and not partner.user_id
        assert partner.sudo()._pool_company().pool_enabled

        ui.login(browser, odoo_server.url, LOGIN, LOGIN)
        ui.open_menu(browser, POOL_MENU)
        ui.search(browser, name)
        ui.open_record(browser, name)
        ui.open_tab_with(browser, '[name="action_pool_claim"]')
        in_pool = FORM + ' .o_field_widget[name="in_pool"] input'
        assert browser.find_element(By.CSS_SELECTOR, in_pool).is_selected(), (
            'the card of a pooled customer does not show "In Public Pool"')
        ui.click_button(browser, 'action_pool_claim')
        WebDriverWait(browser, ui.TIMEOUT).until(
            lambda b: not b.find_element(By.CSS_SELECTOR, in_pool).is_selected())
        claim = browser.find_elements(By.CSS_SELECTOR, FORM + ' button[name="action_pool_claim"]')
        assert not any(b.is_displayed() for b in claim), 'Claim still shows after claiming'
        ui.screenshot(browser, 'pool_claim')

        odoo_env.cr.rollback()  # a new snapshot: see what the browser committed
        odoo_env.clear()
        partner = odoo_env['res.partner'].browse(partner_id)
        assert partner.user_id == user, 'the customer is owned by %r, not %s' % (
            partner.user_id.login, LOGIN)
        assert not partner.in_pool, 'the claimed customer is still in the pool'
    finally:
        with demo.committed_env(odoo_server.db) as env:
            for company_id, enabled in previous_ids.items():
                env['res.company'].browse(company_id).pool_enabled = enabled
            env['res.partner'].browse(partner_id).write({'active': False})
