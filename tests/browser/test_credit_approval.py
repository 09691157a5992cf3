"""A blocked quotation goes through a credit approval, from the request to the confirmation,
in English and in Chinese.

anna (the UK subsidiary's salesperson) asks for a credit approval of her quotation of 500
for a customer with a credit limit of 100; a credit approver of her company (a user the
scenario creates) approves it from Sales > Credit Approvals; anna then confirms the order.
Both work in the run's language: anna (English) is given zh_CN for the Chinese run
(demo.user_language), the approver is created in it. Every button and status the scenario
clicks or reads is the run language's.
The scenario creates its own customer, product and approver, committed, and archives them
(and cancels the order) at the end, so it can run again.
"""
import time

import pytest
from selenium.webdriver.common.by import By

import demo_records as demo
import odoo_ui as ui

LOGIN = 'anna'
QUOTATIONS_MENU = 'sale.menu_sale_quotations'
APPROVALS_MENU = 'crm_grading.crm_credit_approval_menu'
FORM = '.o_content .o_form_view'
# The buttons and statuses of the flow, as each language shows them.
LABELS = {
    'en_US': {'request': 'Request Credit Approval', 'send': 'Request',
              'requested': 'Credit approval requested', 'approve': 'Approve',
              'confirm': 'Confirm', 'approved': 'Approved', 'granted': 'Credit approved',
              'confirm_sale': 'Confirm Sale', 'sale': 'Sales Order'},
    'zh_CN': {'request': '申请信用审批', 'send': '申请', 'requested': '已申请信用审批',
              'approve': '批准', 'confirm': '确认', 'approved': '已批准',
              'granted': '信用审批已批准', 'confirm_sale': '确认销售', 'sale': '销售订单'},
}


def _open_quotation_as_anna(browser, url, name, order_name):
    """Log in as anna and open her quotation ``order_name`` of the customer ``name``."""
    ui.login(browser, url, LOGIN, LOGIN)
    ui.open_menu(browser, QUOTATIONS_MENU)
    ui.search(browser, name)
    ui.open_record(browser, order_name)


def _statusbar_button(browser, text):
    buttons = [b for b in browser.find_elements(By.CSS_SELECTOR, FORM + ' .o_form_statusbar '
                                                'button') if b.is_displayed()
               and b.text.strip() == text]
    assert buttons, 'no button %r on the form' % text
    return buttons[0]


@pytest.mark.parametrize('lang', sorted(LABELS))
def test_credit_approval_from_request_to_confirmation(odoo_server, browser, odoo_env, lang):
    stamp = int(time.time() * 1000)
    name = 'Credit Approval Customer %s' % stamp
    approver_login = 'credit.approver.%s' % stamp
    with demo.committed_env(odoo_server.db) as env:
        anna = demo.demo_user(env, LOGIN)
        company = anna.company_id
        pricelist = env['product.pricelist'].search(
            [('company_id', '=', company.id), ('currency_id', '=', company.currency_id.id)],
            limit=1)
        partner = env['res.partner'].create({
            'name': name, 'is_company': True, 'customer': True, 'user_id': anna.id,
            'company_id': company.id, 'credit_limit': 100.0})
        product = env['product.product'].create({
            'name': 'Credit Approval Service', 'type': 'service', 'list_price': 500.0,
            'company_id': company.id, 'taxes_id': [(6, 0, [])]})
        order = env['sale.order'].sudo(anna.id).create({
            'partner_id': partner.id, 'pricelist_id': pricelist.id,
            'order_line': [(0, 0, {'product_id': product.id, 'product_uom_qty': 1,
                                   'price_unit': 500.0, 'tax_id': [(6, 0, [])]})]})
        approver = env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Browser Approver %s' % stamp, 'login': approver_login,
            'password': approver_login, 'lang': lang,
            'email': '%s@example.com' % approver_login, 'company_id': company.id,
            'company_ids': [(6, 0, [company.id])],
            'groups_id': [(6, 0, [env.ref('crm_grading.group_credit_approver').id])]})
        ids = {'partner': partner.id, 'product': product.id, 'order': order.id,
               'approver': approver.id}
        order_name = order.name
    try:
        with demo.user_language(odoo_server.db, LOGIN, lang):
            approval_flow(browser, odoo_server.url, name, order_name, approver_login, lang)

        odoo_env.cr.rollback()  # a new snapshot: see what the browser committed
        odoo_env.clear()
        order = odoo_env['sale.order'].browse(ids['order'])
        assert order.state == 'sale', order.state
        approval = order.credit_approval_ids
        assert [(a.state, a.amount, a.decided_by_id.id) for a in approval] == [
            ('approved', 500.0, ids['approver'])]
    finally:
        with demo.committed_env(odoo_server.db) as env:
            env['sale.order'].browse(ids['order']).action_cancel()
            env['res.partner'].browse(ids['partner']).write({'active': False})
            env['product.product'].browse(ids['product']).write({'active': False})
            env['res.users'].browse(ids['approver']).write({'active': False})


def approval_flow(browser, url, name, order_name, approver_login, lang):
    """The browser's steps of the scenario: anna requests, the approver approves, anna
    confirms the order ``order_name`` of the customer ``name``, all working in ``lang``."""
    labels = LABELS[lang]
    # anna asks for the approval from the blocked quotation.
    _open_quotation_as_anna(browser, url, name, order_name)
    ui.wait_for(browser, FORM + ' .alert-warning')
    ui.click(browser, _statusbar_button(browser, labels['request']))
    ui.wait_for(browser, '.modal .o_field_widget[name="reason"]')
    ui.type_into(browser, 'reason', 'New customer, pays in advance next time',
                 within='.modal')
    ui.close_dialog(browser, button=labels['send'])
    ui.wait_text(browser, FORM + ' .alert-info', labels['requested'])
    ui.screenshot_in(browser, 'credit_approval_requested', lang, 'en_US')

    # The approver decides from Sales > Credit Approvals.
    ui.login(browser, url, approver_login, approver_login)
    ui.open_menu(browser, APPROVALS_MENU)
    ui.open_record(browser, order_name)
    ui.click(browser, _statusbar_button(browser, labels['approve']))
    ui.wait_for(browser, '.modal .o_field_widget[name="decision"]')
    ui.type_into(browser, 'note', 'Approved once', within='.modal')
    ui.close_dialog(browser, button=labels['confirm'])
    ui.wait_text(browser, FORM + ' .o_statusbar_status .btn-primary', labels['approved'])
    ui.screenshot_in(browser, 'credit_approval_approved', lang, 'en_US')

    # anna confirms the order.
    _open_quotation_as_anna(browser, url, name, order_name)
    ui.wait_text(browser, FORM + ' .alert-info', labels['granted'])
    ui.click(browser, _statusbar_button(browser, labels['confirm_sale']))
    ui.wait_text(browser, FORM + ' .o_statusbar_status .btn-primary', labels['sale'])
    ui.assert_no_error_dialog(browser)
    ui.screenshot_in(browser, 'credit_approval_confirmed', lang, 'en_US')
