"""A service agent answers a customer's portal ticket in the chatter and closes it.

Needs the demo data of crm_service in the served database: the agent zhao.qiang (Chinese),
member of the after-sale team, and the portal user portal.xinbeidou (张伟 of
深圳市鑫北斗软件开发有限公司). The ticket is made (committed) before the scenario, as the
portal form makes it, and deleted after, with its rating request.
"""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import demo_records as demo
import odoo_ui as ui

AGENT = 'zhao.qiang'
PORTAL_LOGIN = 'portal.xinbeidou'
TICKETS_MENU = 'crm_service.crm_service_ticket_menu'
FORM = '.o_content .o_form_view'


def wait_until(browser, condition, what, timeout=ui.TIMEOUT):
    try:
        WebDriverWait(browser, timeout).until(condition)
    except Exception:
        raise AssertionError('%s (url %s)' % (what, browser.current_url)) from None


def test_agent_answers_and_closes_a_ticket(odoo_server, browser, odoo_env):
    """zhao.qiang replies to 张伟's portal ticket, then moves it to the closing stage."""
    agent = demo.demo_user(odoo_env, AGENT)
    customer_user = demo.demo_user(odoo_env, PORTAL_LOGIN)
    stamp = int(time.time() * 1000)
    subject = '浏览器测试工单 %s：打印机卡纸' % stamp
    answer = '您好，请先取出纸盒清理滚轮，问题编号 %s。' % stamp
    closing = odoo_env.ref('crm_service.crm_service_stage_solved')
    with demo.committed_env(odoo_server.db) as env:
        ticket = env['crm.service.ticket'].create({
            'name': subject, 'partner_id': customer_user.partner_id.id, 'channel': 'portal',
            'team_id': env.ref('crm_service.crm_service_team_aftersale_demo').id,
            'user_id': agent.id, 'description': '<p>打印机每打印十页就卡纸一次。</p>',
        })
        ticket_id, number = ticket.id, ticket.number

    try:
        ui.login(browser, odoo_server.url, AGENT, AGENT)
        ui.open_menu(browser, TICKETS_MENU)
        ui.search(browser, number)  # the search box's first field: the ticket number
        ui.open_record(browser, subject)

        # a public reply: "Send message" in the chatter
        ui.click(browser, ui.wait_for(browser, FORM + ' .o_chatter_button_new_message'))
        box = ui.wait_for(browser, FORM + ' .o_chatter .o_composer_text_field')
        box.send_keys(answer)
        ui.click(browser, browser.find_element(By.CSS_SELECTOR,
                                               FORM + ' .o_chatter .o_composer_button_send'))
        wait_until(browser, lambda b: answer in b.execute_script(
            "return Array.prototype.map.call(document.querySelectorAll(arguments[0]),"
            " function (m) { return m.textContent; }).join('\\n');",
            FORM + ' .o_thread_message_content'), 'the answer did not show in the chatter')
        ui.wait_loaded(browser)

        # close: the closing stage in the status bar
        ui.click(browser, ui.wait_for(
            browser, FORM + ' .o_statusbar_status button[data-value="%d"]' % closing.id))
        ui.wait_loaded(browser)
        wait_until(browser, lambda b: b.find_elements(
            By.CSS_SELECTOR, FORM + ' .o_statusbar_status button.btn-primary[data-value="%d"]'
            % closing.id), 'the ticket did not move to %s' % closing.name)
        ui.screenshot(browser, 'service_agent_close')

        odoo_env.cr.rollback()  # a new snapshot: see what the browser committed
        odoo_env.clear()
        ticket = odoo_env['crm.service.ticket'].browse(ticket_id)
        assert ticket.stage_id == closing and ticket.is_closed and ticket.closed_date
        answers = ticket.message_ids.filtered(lambda m: answer in (m.body or ''))
        assert len(answers) == 1, 'the answer is not on the ticket'
        assert answers.author_id == agent.partner_id
        assert answers.subtype_id == odoo_env.ref('mail.mt_comment'), 'not a public reply'
        assert customer_user.partner_id in answers.needaction_partner_ids | \
            answers.partner_ids | ticket.message_partner_ids, 'the customer does not follow'
        assert ticket.first_response_date, 'the answer did not meet the response deadline'
        requests = odoo_env['mail.mail'].search([
            ('model', '=', 'crm.service.ticket'), ('res_id', '=', ticket.id),
            ('recipient_ids', 'in', customer_user.partner_id.id)])
        rating = odoo_env['rating.rating'].search([
            ('res_model', '=', 'crm.service.ticket'), ('res_id', '=', ticket.id)])
        assert len(rating) == 1 and not rating.consumed
        assert len([m for m in requests if '/rating/%s/10' % rating.access_token
                    in m.body_html]) == 1, 'no rating request e-mail to the customer'
    finally:
        with demo.committed_env(odoo_server.db) as env:
            env['mail.mail'].search([('model', '=', 'crm.service.ticket'),
                                     ('res_id', '=', ticket_id)]).unlink()
            env['crm.service.ticket'].browse(ticket_id).exists().unlink()
