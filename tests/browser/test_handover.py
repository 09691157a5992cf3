"""A sales manager hands a salesperson's customers over to another salesperson.

The scenario works on its own users and customers, created (committed) before it starts, so
it leaves the demo data alone and can run again: the giver "ho_from" owns two new customers,
the receiver is "ho_to". admin, the sales manager, may work in Chinese: the steps below find
fields, buttons and states by their technical names, never by their labels.
"""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import demo_records as demo
import odoo_ui as ui

MANAGER = 'admin'
HANDOVER_MENU = 'crm_customer360.crm_customer_handover_menu'
FORM = '.o_content .o_form_view'
USERS = {'ho_from': 'Handover Test Giver', 'ho_to': 'Handover Test Receiver'}


def prepare(db, tag):
    """Create (once) the two salespeople and give the giver two new customers only."""
    with demo.committed_env(db) as env:
        users = {}
        salesman = env.ref('sales_team.group_sale_salesman')
        for login, name in USERS.items():
            user = env['res.users'].with_context(active_test=False).search(
                [('login', '=', login)])
            if not user:
                user = env['res.users'].with_context(no_reset_password=True).create({
                    'name': name, 'login': login, 'password': login, 'lang': 'en_US',
                    'groups_id': [(6, 0, [env.ref('base.group_user').id, salesman.id])]})
            user.active = True
            users[login] = user
        # Leftovers of an interrupted run would join the handover: give them up.
        env['res.partner'].search([('user_id', '=', users['ho_from'].id)]).write(
            {'user_id': users['ho_to'].id})
        customers = env['res.partner']
        for index in (1, 2):
            customers |= env['res.partner'].create({
                'name': 'Handover Test Customer %s-%d' % (tag, index), 'is_company': True,
                'customer': True, 'user_id': users['ho_from'].id})
        return users['ho_from'].id, users['ho_to'].id, customers.ids, customers.mapped('name')


def statusbar_state(browser):
    """The technical value of the current state in the form's status bar."""
    return ui.wait_for(browser, FORM + ' .o_statusbar_status .btn-primary[data-value]') \
        .get_attribute('data-value')


def test_manager_hands_customers_over(odoo_server, browser, odoo_env):
    """admin creates a handover from ho_from to ho_to, sees the lines, confirms it."""
    tag = int(time.time() * 1000)
    from_id, to_id, customer_ids, names = prepare(odoo_server.db, tag)
    odoo_env.cr.rollback()  # a new snapshot, after the commit above
    odoo_env.clear()
    manager = odoo_env['res.users'].search([('login', '=', MANAGER)])
    assert manager.has_group('sales_team.group_sale_manager'), '%s is no sales manager' % MANAGER

    ui.login(browser, odoo_server.url, MANAGER, MANAGER)
    ui.open_menu(browser, HANDOVER_MENU)
    ui.click(browser, ui.wait_for(browser, '.o_control_panel .o_list_button_add'))
    ui.wait_for(browser, FORM + '.o_form_editable')
    ui.wait_loaded(browser)
    ui.set_many2one(browser, 'from_user_id', USERS['ho_from'])
    ui.set_many2one(browser, 'to_user_id', USERS['ho_to'])
    preview = ui.field_text(browser, 'preview_customer_count')
    assert preview == '2', 'the preview counts %r customers of the giver, expected 2' % preview
    ui.click(browser, ui.wait_for(browser, '.o_control_panel .o_form_button_save'))
    ui.wait_for(browser, FORM + '.o_form_readonly')
    ui.wait_loaded(browser)

    rows = browser.find_elements(
        By.CSS_SELECTOR, FORM + ' .o_field_widget[name="line_ids"] .o_data_row')
    shown = sorted(row.find_elements(By.CSS_SELECTOR, 'td.o_data_cell')[0].text.strip()
                   for row in rows)
    assert shown == sorted(names), 'the handover lines show %r, expected %r' % (shown, names)
    for row in rows:
        cells = [cell.text.strip() for cell in row.find_elements(By.CSS_SELECTOR,
                                                                 'td.o_data_cell')]
        assert cells[1:] == [USERS['ho_from'], USERS['ho_to']], (
            'a line shows %r: expected current owner %s and receiver %s'
            % (cells, USERS['ho_from'], USERS['ho_to']))
    assert statusbar_state(browser) == 'draft'

    # Odoo 11 renders header buttons without their name: Confirm is the primary one.
    ui.click(browser, ui.wait_for(browser, FORM + ' .o_statusbar_buttons .btn-primary'))
    # The button asks first: OK is the primary button of the confirmation dialog.
    ui.click(browser, ui.wait_for(browser, '.modal .modal-footer .btn-primary'))
    ui.wait_loaded(browser)
    WebDriverWait(browser, ui.TIMEOUT).until(lambda b: statusbar_state(b) == 'done')
    ui.screenshot(browser, 'handover')

    odoo_env.cr.rollback()  # a new snapshot: see what the browser committed
    odoo_env.clear()
    handover = odoo_env['crm.customer.handover'].search(
        [('line_ids.partner_id', 'in', customer_ids)])
    assert len(handover) == 1, 'expected one handover of the new customers, found %d' % len(
        handover)
    assert handover.state == 'done' and handover.date_done
    assert (handover.from_user_id.id, handover.to_user_id.id) == (from_id, to_id)
    assert sorted(handover.line_ids.mapped('partner_id').ids) == sorted(customer_ids)
    owners = odoo_env['res.partner'].browse(customer_ids).mapped('user_id')
    assert owners.ids == [to_id], 'the customers are owned by %s, not by ho_to' % (
        owners.mapped('login'))


def test_archiving_a_salesperson_opens_their_handover(odoo_server, browser, odoo_env):
    """admin archives ho_from, who still owns customers: Odoo refuses, and the refusal's
    button opens a new handover from ho_from, as a resignation, covering their customers."""
    tag = int(time.time() * 1000)
    from_id, to_id, customer_ids, _names = prepare(odoo_server.db, tag)

    ui.login(browser, odoo_server.url, MANAGER, MANAGER)
    ui.open_form(browser, odoo_server.url, odoo_env['res.users'].browse(from_id),
                 odoo_env.ref('base.action_res_users'))
    # Odoo 11 renders buttons without their name: the archive button holds the active field
    active = ui.wait_for(browser, FORM + ' .oe_button_box [name="active"]')
    ui.click(browser, active.find_element(By.XPATH, 'ancestor::button[1]'))
    ui.wait_idle(browser)
    _title, text = ui.dialog_text(browser, '.modal .o_dialog_warning')
    assert USERS['ho_from'] in text, 'the refusal does not name the user: %r' % text
    ui.click(browser, ui.wait_for(browser, '.modal .modal-footer .btn-primary'))
    ui.wait_for(browser, FORM + '.o_form_editable')
    ui.wait_loaded(browser)
    giver = ui.wait_for(browser, FORM + ' .o_field_widget[name="from_user_id"] input') \
        .get_attribute('value')
    assert giver == USERS['ho_from'], 'the new handover is from %r, not ho_from' % giver
    reason = ui.wait_for(browser, FORM + ' select[name="reason"]').get_attribute('value')
    assert reason == '"resignation"', 'the reason is %r, not resignation' % reason
    preview = ui.field_text(browser, 'preview_customer_count')
    assert preview == '2', 'the preview counts %r customers of the giver, expected 2' % preview
    ui.set_many2one(browser, 'to_user_id', USERS['ho_to'])
    ui.click(browser, ui.wait_for(browser, '.o_control_panel .o_form_button_save'))
    ui.wait_for(browser, FORM + '.o_form_readonly')
    ui.wait_loaded(browser)

    odoo_env.cr.rollback()  # a new snapshot: see what the browser committed
    odoo_env.clear()
    assert odoo_env['res.users'].browse(from_id).active, 'the refusal archived the user'
    handover = odoo_env['crm.customer.handover'].search(
        [('line_ids.partner_id', 'in', customer_ids)])
    assert len(handover) == 1 and handover.state == 'draft', handover.mapped('state')
    assert (handover.from_user_id.id, handover.to_user_id.id) == (from_id, to_id)
    assert handover.reason == 'resignation' and handover.move_co_ownerships
    assert sorted(handover.line_ids.mapped('partner_id').ids) == sorted(customer_ids)
    with demo.committed_env(odoo_server.db) as env:
        env['crm.customer.handover'].browse(handover.id).unlink()
