"""A salesperson logs a contact with one of her customers from the customer card.

Needs the demo data of crm_customer360 in the served database: the salesperson anna (English)
and her customer Müller Maschinenbau GmbH. The contact record the scenario creates is deleted
at the end (committed), so the scenario can run again and leaves the other tests' data alone.
"""
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

import demo_records as demo
import odoo_ui as ui

LOGIN = 'anna'
CUSTOMER = 'Müller Maschinenbau GmbH'
CUSTOMERS_MENU = 'sale.res_partner_menu'
FORM = '.o_content .o_form_view'
DIALOG = '.modal.in .o_form_view, .modal.show .o_form_view'
COUNT = FORM + ' .oe_button_box [name="interaction_count"]'


def shown_count(browser):
    """The number on the Contacts smart button of the open card."""
    return int(ui.wait_for(browser, COUNT, visible=False).get_attribute('textContent').strip())


def click_log_contact(browser):
    """Click the "Log a Contact" smart button, unfolding the button box's "More" if needed."""
    # Odoo 11 renders no name on smart buttons: the pencil icon tells this one.
    icons = browser.find_elements(
        By.CSS_SELECTOR, FORM + ' .oe_button_box button.oe_stat_button .fa-pencil-square-o')
    button = browser.execute_script("return arguments[0].closest('button');",
                                    icons[0]) if icons else None
    assert button is not None, 'no "Log a Contact" button on the card of %s' % CUSTOMER
    if not button.is_displayed():
        ui.click(browser, browser.find_element(
            By.CSS_SELECTOR, FORM + ' .oe_button_box .o_button_more'))
    ui.click(browser, button)
    ui.wait_for(browser, DIALOG)
    ui.wait_loaded(browser)


def test_salesperson_logs_a_contact(odoo_server, browser, odoo_env):
    """anna logs a meeting with Müller from its card; the count and the database agree."""
    user = demo.demo_user(odoo_env, LOGIN)
    partner = demo.demo_customer(odoo_env, CUSTOMER)
    assert partner.user_id == user, '%s should be owned by %s' % (CUSTOMER, LOGIN)
    summary = 'Browser test meeting %s: discussed the retrofit offer' % int(time.time() * 1000)
    before = odoo_env['crm.customer.interaction'].search_count(
        [('partner_id', '=', partner.id)])

    try:
        ui.login(browser, odoo_server.url, LOGIN, LOGIN)
        ui.open_menu(browser, CUSTOMERS_MENU)
        ui.search(browser, CUSTOMER)
        ui.open_record(browser, CUSTOMER)
        assert shown_count(browser) == before, 'the Contacts button shows %d, the database ' \
            'holds %d contact records of %s' % (shown_count(browser), before, CUSTOMER)

        click_log_contact(browser)
        dialog = browser.find_element(By.CSS_SELECTOR, DIALOG)
        partner_input = dialog.find_element(
            By.CSS_SELECTOR, '.o_field_widget[name="partner_id"] input')
        assert partner_input.get_attribute('value') == CUSTOMER, (
            'the dialog should be for %s, shows %r'
            % (CUSTOMER, partner_input.get_attribute('value')))
        # Odoo 11 gives each option its value as JSON; the default type is a call.
        Select(dialog.find_element(
            By.CSS_SELECTOR, 'select.o_field_widget[name="interaction_type"]')
        ).select_by_value('"meeting"')
        box = dialog.find_element(By.CSS_SELECTOR, 'textarea.o_field_widget[name="summary"]')
        box.clear()
        box.send_keys(summary)
        # The dialog's footer: Save (special="save") is its primary button.
        ui.click(browser, browser.find_element(
            By.CSS_SELECTOR, '.modal.in .modal-footer .btn-primary, '
                             '.modal.show .modal-footer .btn-primary'))
        ui.wait_loaded(browser)
        ui.wait_for(browser, FORM)
        deadline = time.time() + ui.TIMEOUT
        while shown_count(browser) != before + 1 and time.time() < deadline:
            time.sleep(0.2)
        assert shown_count(browser) == before + 1, (
            'after logging a contact the Contacts button shows %d, expected %d'
            % (shown_count(browser), before + 1))
        ui.screenshot(browser, 'log_contact')

        odoo_env.cr.rollback()  # a new snapshot: see what the browser committed
        odoo_env.clear()
        logged = odoo_env['crm.customer.interaction'].search(
            [('partner_id', '=', partner.id), ('summary', '=', summary)])
        assert len(logged) == 1, 'expected one contact record %r, found %d' % (
            summary, len(logged))
        assert logged.user_id == user, 'the contact record is by %s, not %s' % (
            logged.user_id.login, LOGIN)
        assert logged.interaction_type == 'meeting'
        assert odoo_env['crm.customer.interaction'].search_count(
            [('partner_id', '=', partner.id)]) == before + 1
        assert logged.partner_id.last_interaction_date == max(
            partner.interaction_ids.mapped('date'))
    finally:
        with demo.committed_env(odoo_server.db) as env:
            env['crm.customer.interaction'].search([('summary', '=', summary)]).unlink()
