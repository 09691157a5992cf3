"""A salesperson starts to create a customer that already exists and is warned while typing.

Needs the demo data of crm_customer360 in the served database (scripts/test.sh installs it):
the salesperson anna (English interface) and the company below, owned by li.ming. The name
typed is another spelling of that company (place in brackets, no "软件开发"), which the
duplicate check finds by its normalised name; no tax number, phone or e-mail is typed.
anna works in the UK subsidiary and the customer belongs to the Chinese company: the check
looks at the customers of every company, and so may a takeover request. The request is
written for li.ming, in his language (Chinese).
"""
from selenium.webdriver.common.by import By

import demo_records as demo
import odoo_ui as ui

EXISTING = '深圳市鑫北斗软件开发有限公司'
TYPED = '鑫北斗软件 (深圳) 有限公司'
# Sales > Orders > Customers, the salesperson's way to a customer in Odoo 11.
CUSTOMERS_MENU = 'sale.res_partner_menu'
FORM = '.o_content .o_form_view'
ALERT = FORM + ' .alert-warning'


def duplicate_expectations(env, login):
    """Return the user and the existing company, checking the scenario holds.

    :param env: an admin environment on the served database
    :param login: the salesperson who types the new customer
    """
    user = demo.demo_user(env, login)
    existing = demo.demo_customer(env, EXISTING)
    assert existing.user_id and existing.user_id != user, (
        'the demo customer should belong to another salesperson than %s' % login)
    assert not env['res.partner'].with_context(active_test=False).search(
        [('name', '=', TYPED)]), 'a customer %r exists already: the scenario needs none' % TYPED
    found = env['res.partner'].sudo(user.id).find_duplicates(
        {'name': TYPED, 'is_company': True})
    assert existing.id in [dup['id'] for dup in found], (
        'the duplicate check does not find %s from %r: %r' % (EXISTING, TYPED, found))
    return user, existing


def test_salesperson_warned_of_existing_customer(odoo_server, browser, odoo_env):
    """anna types the name of li.ming's customer: a warning and an alert name it and li.ming,
    and the alert's "Request takeover" asks li.ming for it."""
    user, existing = duplicate_expectations(odoo_env, 'anna')
    owner = existing.user_id.name
    ui.login(browser, odoo_server.url, 'anna', 'anna')
    ui.open_menu(browser, CUSTOMERS_MENU)
    ui.click_button(browser, 'Create')
    ui.wait_for(browser, FORM + '.o_form_editable')
    ui.set_radio(browser, 'company_type', 'Company')

    title, text = ui.type_into(browser, 'name', TYPED, warning=True)
    assert 'duplicate' in title.lower(), 'unexpected warning title %r' % title
    assert EXISTING in text, 'the warning does not name %s:\n%s' % (EXISTING, text)
    assert owner in text, 'the warning does not name its salesperson %s:\n%s' % (owner, text)
    ui.screenshot(browser, 'duplicate_warning_dialog')
    ui.close_dialog(browser)

    ui.wait_for(browser, ALERT)
    alert = ui.field_text(browser, 'dup_warning_html', within=ALERT)
    assert EXISTING in alert, 'the alert on the form does not name %s:\n%s' % (EXISTING, alert)
    assert owner in alert, 'the alert does not name its salesperson %s:\n%s' % (owner, alert)
    assert ui.field_text(browser, 'name') == TYPED
    ui.screenshot(browser, 'duplicate_warning')

    # anna asks li.ming for the customer instead of entering it twice
    ui.click(browser, ui.wait_for(browser, ALERT + ' a.o_c360_request_takeover'))
    done = ui.wait_for(browser, ALERT + ' .o_c360_takeover_requested')
    assert 'Takeover requested' in done.text, done.text
    odoo_env.cr.rollback()
    # The to-do and the note are for li.ming: worded in his language, not in anna's.
    summary, note = odoo_env['res.partner'].with_context(
        lang=existing.user_id.lang)._takeover_texts(user.name, owner)
    activities = odoo_env['mail.activity'].search([
        ('res_model', '=', 'res.partner'), ('res_id', '=', existing.id),
        ('summary', '=', summary)])
    messages = odoo_env['mail.message'].search([
        ('model', '=', 'res.partner'), ('res_id', '=', existing.id),
        ('author_id', '=', user.partner_id.id), ('body', 'ilike', note)])
    try:
        assert activities.mapped('user_id') == existing.user_id, (
            'no takeover to-do for %s: %r' % (owner, activities))
        assert existing.user_id.partner_id in messages.mapped('partner_ids'), (
            'the takeover note does not notify %s' % owner)
    finally:
        # the request was committed by the web client: leave the demo data as it was
        activities.unlink()
        messages.unlink()
        odoo_env.cr.commit()

    ui.discard(browser)
    assert not browser.find_elements(By.CSS_SELECTOR, FORM + '.o_form_editable'), (
        'the form is still in edit mode after discarding it')
    odoo_env.cr.rollback()  # a fresh snapshot: see what the web client may have committed
    assert not odoo_env['res.partner'].with_context(active_test=False).search(
        [('name', '=', TYPED)]), 'discarding the form created the customer %r' % TYPED
