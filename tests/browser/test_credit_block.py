"""A salesperson cannot confirm a quotation over its customer's credit limit.

The scenario creates (committed) a customer of its own with a credit limit of 100 and a
quotation of 500 owned by anna, in her company (the demo's UK subsidiary, in pounds): she
sees the documents of her company only. At the end it cancels the quotation and archives the
customer and the product, so it can run again and leaves the other tests' data alone.
"""
import time

from selenium.webdriver.common.by import By

import demo_records as demo
import odoo_ui as ui

LOGIN = 'anna'
QUOTATIONS_MENU = 'sale.menu_sale_quotations'
FORM = '.o_content .o_form_view'


def test_salesperson_blocked_by_credit_limit(odoo_server, browser, odoo_env):
    """anna opens the quotation, sees the credit banner, and Confirm is refused."""
    name = 'Credit Block Customer %s' % int(time.time() * 1000)
    with demo.committed_env(odoo_server.db) as env:
        anna = demo.demo_user(env, LOGIN)
        company = anna.company_id
        # Her company's prices, in its currency: the limit and the order are in pounds.
        pricelist = env['product.pricelist'].search(
            [('company_id', '=', company.id), ('currency_id', '=', company.currency_id.id)],
            limit=1)
        assert pricelist, 'the company of %s has no pricelist in %s' % (
            LOGIN, company.currency_id.name)
        # Created as admin, who works in the main company: each record says its company.
        partner = env['res.partner'].create({
            'name': name, 'is_company': True, 'customer': True, 'user_id': anna.id,
            'company_id': company.id, 'credit_limit': 100.0})
        product = env['product.product'].create({
            'name': 'Credit Block Service', 'type': 'service', 'list_price': 500.0,
            'company_id': company.id, 'taxes_id': [(6, 0, [])]})
        # The quotation as anna makes it: her company, her sales team, her name on it.
        order = env['sale.order'].sudo(anna.id).create({
            'partner_id': partner.id, 'pricelist_id': pricelist.id,
            'order_line': [(0, 0, {'product_id': product.id, 'product_uom_qty': 1,
                                   'price_unit': 500.0, 'tax_id': [(6, 0, [])]})]})
        assert (order.company_id, order.user_id) == (company, anna), (
            order.company_id.name, order.user_id.login)
        partner_id, order_id, order_name = partner.id, order.id, order.name
        product_id = product.id
    try:
        ui.login(browser, odoo_server.url, LOGIN, LOGIN)
        ui.open_menu(browser, QUOTATIONS_MENU)
        ui.search(browser, name)
        ui.open_record(browser, order_name)
        banner = ui.wait_for(browser, FORM + ' .alert-warning')
        assert order_name in banner.text and 'credit limit' in banner.text, banner.text
        # Not ui.click_button: it fails on the warning dialog that this click must open.
        confirm = [b for b in browser.find_elements(By.CSS_SELECTOR, FORM + ' .o_form_statusbar '
                                                    'button') if b.is_displayed()
                   and b.text.strip() == 'Confirm Sale']
        assert confirm, 'no Confirm Sale button on the quotation'
        ui.click(browser, confirm[0])
        title, text = ui.dialog_text(browser, '.modal .o_dialog_warning')
        assert 'The sales order %s cannot be confirmed' % order_name in text, text
        assert name in text and 'Credit limit: 100.00' in text, text
        ui.screenshot(browser, 'credit_block')
        ui.close_dialog(browser)

        odoo_env.cr.rollback()  # a new snapshot: see what the browser committed
        odoo_env.clear()
        assert odoo_env['sale.order'].browse(order_id).state == 'draft'
        states = browser.find_elements(By.CSS_SELECTOR, FORM + ' .o_statusbar_status .btn-primary')
        assert not states or 'Sales Order' not in states[0].text
    finally:
        with demo.committed_env(odoo_server.db) as env:
            env['sale.order'].browse(order_id).action_cancel()
            env['res.partner'].browse(partner_id).write({'active': False})
            env['product.product'].browse(product_id).write({'active': False})
