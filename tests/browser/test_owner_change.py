"""A sales manager gives a customer to another salesperson by hand, saying why.

The scenario creates (committed) its own customer, owned by admin, and the salesperson
"oc_to"; admin, the sales manager, may work in Chinese: the steps find fields and buttons by
their technical names, never by their labels.
"""
import time

import demo_records as demo
import odoo_ui as ui

MANAGER = 'admin'
RECEIVER = ('oc_to', 'Owner Change Test Receiver')
FORM = '.o_content .o_form_view'


def prepare(db, tag):
    """Create (once) the receiver and a new customer of admin; return their ids."""
    with demo.committed_env(db) as env:
        login, name = RECEIVER
        user = env['res.users'].with_context(active_test=False).search([('login', '=', login)])
        if not user:
            user = env['res.users'].with_context(no_reset_password=True).create({
                'name': name, 'login': login, 'password': login, 'lang': 'en_US',
                'groups_id': [(6, 0, [env.ref('base.group_user').id,
                                      env.ref('sales_team.group_sale_salesman').id])]})
        customer = env['res.partner'].create({
            'name': 'Owner Change Test Customer %s' % tag, 'is_company': True,
            'customer': True, 'user_id': env.ref('base.user_root').id})
        return user.id, customer.id


def button_label(env, login, source):
    """The label of our card's header button ``source`` in the language of ``login`` (Odoo
    11 renders header buttons without their name)."""
    lang = env['res.users'].search([('login', '=', login)]).lang
    view = env.ref('crm_customer360.view_partner_form_owner_change')
    translation = env['ir.translation'].search([
        ('name', '=', 'ir.ui.view,arch_db'), ('res_id', '=', view.id), ('lang', '=', lang),
        ('src', '=', source), ('value', '!=', False)], limit=1)
    return translation.value or source


def test_manager_changes_owner_with_a_reason(odoo_server, browser, odoo_env):
    """admin opens the card, Change Owner, picks oc_to, gives a reason: the ownership page
    shows the change with the reason."""
    tag = int(time.time() * 1000)
    receiver_id, customer_id = prepare(odoo_server.db, tag)
    reason = 'Customer %s asked for a salesperson in Shenzhen' % tag

    ui.login(browser, odoo_server.url, MANAGER, MANAGER)
    ui.open_form(browser, odoo_server.url, odoo_env['res.partner'].browse(customer_id),
                 odoo_env.ref('contacts.action_contacts'))
    ui.click_button(browser, button_label(odoo_env, MANAGER, 'Change Owner'))
    ui.wait_for(browser, '.modal .o_form_view')
    ui.set_many2one(browser, 'user_id', RECEIVER[1], within='.modal .o_form_view')
    ui.type_into(browser, 'reason', reason, within='.modal .o_form_view')
    ui.click(browser, ui.wait_for(browser, '.modal .modal-footer .btn-primary'))
    ui.wait_loaded(browser)
    ui.open_tab_with(browser, '.o_field_widget[name="ownership_history_ids"]')
    ui.wait_text(browser, FORM + ' .o_field_widget[name="ownership_history_ids"]', reason)
    ui.screenshot(browser, 'owner_change')

    odoo_env.cr.rollback()  # a new snapshot: see what the browser committed
    odoo_env.clear()
    customer = odoo_env['res.partner'].browse(customer_id)
    assert customer.user_id.id == receiver_id, 'the customer is owned by %s, not oc_to' % (
        customer.user_id.login)
    history = customer.ownership_history_ids
    assert len(history) == 1 and history.to_user_id.id == receiver_id
    assert reason in history.reason, history.reason
