"""A customer opens a service ticket on the portal and replies on its page.

Needs the demo data of crm_service in the served database: the portal user portal.xinbeidou
(张伟 of 深圳市鑫北斗软件开发有限公司, Chinese) and the company's confirmed sales orders. The
ticket the scenario creates is deleted at the end (committed), so it can run again.
"""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import demo_records as demo
import odoo_ui as ui

LOGIN = 'portal.xinbeidou'
CUSTOMER = '深圳市鑫北斗软件开发有限公司'
COMPOSER = '.o_portal_chatter_composer_form'


def portal_login(browser, base_url, login, password):
    """Log in through /web/login as a portal user and wait for the portal home page."""
    browser.get(base_url + '/web/session/logout?redirect=/web/login')
    ui.wait_for(browser, 'form.oe_login_form input[name="login"]', ui.FIRST_LOAD_TIMEOUT)
    browser.find_element(By.CSS_SELECTOR, 'input[name="login"]').send_keys(login)
    browser.find_element(By.CSS_SELECTOR, 'input[name="password"]').send_keys(password)
    browser.find_element(By.CSS_SELECTOR, 'form.oe_login_form button[type="submit"]').click()
    ui.wait_for(browser, '.o_portal', ui.FIRST_LOAD_TIMEOUT)


def test_customer_opens_a_ticket_and_replies(odoo_server, browser, odoo_env):
    """张伟 opens a ticket from /my/tickets/new, then adds a reply on its page."""
    user = demo.demo_user(odoo_env, LOGIN)
    customer = demo.demo_customer(odoo_env, CUSTOMER)
    assert user.partner_id.commercial_partner_id == customer
    stamp = int(time.time() * 1000)
    subject = '浏览器测试工单 %s：网关频繁掉线' % stamp
    reply = '补充信息 %s：掉线时网关指示灯为红色。' % stamp
    orders = odoo_env['sale.order'].search([
        ('partner_id', 'child_of', customer.id), ('state', 'in', ('sale', 'done'))])
    assert orders, 'the demo customer %s has no confirmed sales order' % CUSTOMER

    try:
        portal_login(browser, odoo_server.url, LOGIN, LOGIN)
        browser.get(odoo_server.url + '/my/tickets')
        ui.wait_for(browser, '.o_portal_new_ticket')
        ui.click(browser, browser.find_element(By.CSS_SELECTOR, '.o_portal_new_ticket'))
        form = ui.wait_for(browser, 'form.o_portal_ticket_form')
        form.find_element(By.NAME, 'name').send_keys(subject)
        form.find_element(By.NAME, 'description').send_keys('三台网关每天掉线两三次，需要重启才能恢复。')
        order_select = Select(form.find_element(By.NAME, 'sale_order_id'))
        offered = [option.get_attribute('value') for option in order_select.options][1:]
        assert sorted(offered) == sorted(str(i) for i in orders.ids), (
            'the form offers orders %s, the customer has %s' % (offered, orders.ids))
        order_select.select_by_value(str(orders[0].id))
        ui.click(browser, form.find_element(By.CSS_SELECTOR, '.o_portal_ticket_submit'))

        ui.wait_for(browser, '.o_portal_ticket_created')
        assert subject in browser.find_element(By.CSS_SELECTOR, '.o_portal_ticket_name').text
        # the conversation is drawn by the portal chatter (JavaScript)
        box = ui.wait_for(browser, COMPOSER + ' textarea[name="message"]')
        box.send_keys(reply)
        composer = browser.find_element(By.CSS_SELECTOR, COMPOSER)
        ui.click(browser, composer.find_element(By.CSS_SELECTOR, '.o_portal_chatter_composer_btn'))
        # the composer posts a plain form: wait for the page that replaces this one
        ui.wait_replaced(browser, composer)
        ui.wait_text(browser, '.o_portal_chatter_messages', reply)
        # the ticket's panel at the top, the reply below it
        browser.execute_script("document.querySelector('.o_portal_ticket').scrollIntoView();")
        ui.screenshot(browser, 'service_portal_ticket')

        odoo_env.cr.rollback()  # a new snapshot: see what the browser committed
        odoo_env.clear()
        ticket = odoo_env['crm.service.ticket'].search([('name', '=', subject)])
        assert len(ticket) == 1, 'expected one ticket %r, found %d' % (subject, len(ticket))
        assert ticket.channel == 'portal'
        assert ticket.partner_id == user.partner_id
        assert ticket.commercial_partner_id == customer
        assert ticket.sale_order_id == orders[0]
        replies = ticket.message_ids.filtered(lambda m: reply in (m.body or ''))
        assert len(replies) == 1, 'the reply is not on the ticket'
        assert replies.author_id == user.partner_id
        assert replies.message_type == 'comment'
    finally:
        with demo.committed_env(odoo_server.db) as env:
            env['crm.service.ticket'].search([('name', '=', subject)]).unlink()
