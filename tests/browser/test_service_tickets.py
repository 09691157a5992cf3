"""A service agent sees the tickets by stage with their SLA status and opens one.

Needs the demo data of crm_service in the served database: the agent zhao.qiang (Chinese) of
the team 售后服务部 and its demo tickets. The scenario only reads: it can run again.
"""
from selenium.webdriver.common.by import By

import demo_records as demo
import odoo_ui as ui

LOGIN = 'zhao.qiang'
TICKETS_MENU = 'crm_service.crm_service_ticket_menu'
OPEN_TICKET = '导航终端无法定位'
LATE_TICKET = '发票抬头有误，需要重开'
CARDS = '.o_content .o_kanban_view .o_kanban_record'


def card(browser, text):
    """The kanban card showing ``text``."""
    for element in browser.find_elements(By.CSS_SELECTOR, CARDS):
        if text in element.text:
            return element
    raise AssertionError('no kanban card showing %r' % text)


def test_agent_sees_tickets_by_stage_with_sla(odoo_server, browser, odoo_env):
    """zhao.qiang opens Service > Tickets: the open demo tickets by stage, the late one red."""
    user = demo.demo_user(odoo_env, LOGIN)
    tickets = odoo_env['crm.service.ticket'].sudo(user).search([('is_closed', '=', False)])
    late = tickets.filtered(lambda ticket: ticket.name == LATE_TICKET)
    assert late and late.sla_status == 'breached', 'the demo ticket %r should be breached' \
        % LATE_TICKET

    ui.login(browser, odoo_server.url, LOGIN, LOGIN)
    ui.open_menu(browser, TICKETS_MENU)
    ui.wait_for(browser, CARDS)
    shown = len(browser.find_elements(By.CSS_SELECTOR, CARDS))
    assert shown == len(tickets), 'the kanban shows %d cards, the agent has %d open tickets' \
        % (shown, len(tickets))
    columns = [element.text.strip() for element in browser.find_elements(
        By.CSS_SELECTOR, '.o_kanban_group .o_column_title')]
    assert '新建' in columns and '处理中' in columns, 'stage columns: %r' % columns
    assert card(browser, LATE_TICKET).find_elements(By.CSS_SELECTOR, '.label-danger'), \
        'the breached ticket should carry a red SLA label'
    assert card(browser, late.number).text
    ui.screenshot(browser, 'service_tickets_kanban')

    ui.open_record(browser, OPEN_TICKET)
    ui.assert_no_error_dialog(browser)
    number = ui.field_text(browser, 'number')
    assert number.startswith('TK'), 'ticket number %r' % number
    ui.screenshot(browser, 'service_ticket_form')
