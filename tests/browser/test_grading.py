"""A sales manager runs the grading policy and reads a customer's grade explanation.

Needs the demo data of crm_customer360 (scripts/test.sh installs it): the sales manager
wang.fang (interface in zh_CN) and the customer below, whose invoices make it an A customer.
The expected texts are read from the database as admin, in the manager's language.
"""
import re

from odoo.addons.crm_customer360.tests.common import run_background

import demo_records as demo
import odoo_ui as ui

LOGIN = 'wang.fang'
CUSTOMER = '深圳市鑫北斗软件开发有限公司'
POLICY_MENU = 'crm_grading.crm_grading_policy_menu'
CUSTOMERS_MENU = 'sale.res_partner_menu'
FORM = '.o_content .o_form_view'


def normalized(text):
    return re.sub(r'\s+', ' ', text or '').strip()



def test_manager_runs_policy_and_reads_explanation(odoo_server, browser, odoo_env):
    """wang.fang runs the active policy, then opens a customer's Grade tab."""
    user = demo.demo_user(odoo_env, LOGIN)
    company = user.company_id
    policy = odoo_env['crm.grading.policy'].with_context(lang=user.lang).search(
        [('company_id', '=', company.id)])
    assert len(policy) == 1, 'the company has no active grading policy'
    runs_before = odoo_env['crm.grading.run'].search_count([('policy_id', '=', policy.id)])

    ui.login(browser, odoo_server.url, LOGIN, LOGIN)
    ui.open_menu(browser, POLICY_MENU)
    # The list shows the UK subsidiary's policy too (the host's multi-company rules show a
    # company its subsidiaries' records), under the same default name and with no company
    # column for her (no multi-company rights): open her company's own by its id.
    ui.open_form(browser, odoo_server.url, policy,
                 odoo_env.ref('crm_grading.crm_grading_policy_action'))
    # Odoo 11 renders header buttons without their name: Run now is the header's only one.
    ui.click(browser, ui.wait_for(browser, FORM + ' .o_statusbar_buttons button'))
    ui.wait_loaded(browser)
    # Run now opens the run's log, queued: the job runner grades in the background.
    ui.wait_for(browser, FORM + ' .o_field_widget[name="customer_count"]')

    odoo_env.cr.rollback()  # a new snapshot: see what the browser committed
    odoo_env.clear()
    runs = odoo_env['crm.grading.run'].search([('policy_id', '=', policy.id)])
    assert len(runs) == runs_before + 1, 'Run now did not log a run'
    run = runs[0]
    assert run.state == 'queued' and run.user_id == user
    # The job runner's part, here: the test server runs none.
    run_background(odoo_env, run.batch_id)
    odoo_env.cr.commit()
    assert run.state == 'done' and run.customer_count > 0
    browser.refresh()
    ui.wait_loaded(browser)
    ui.wait_for(browser, FORM + ' .o_field_widget[name="customer_count"]')
    assert ui.field_text(browser, 'customer_count') == str(run.customer_count)

    partner = demo.demo_customer(odoo_env, CUSTOMER).with_context(lang=user.lang)
    assert partner.grade_id, 'the demo customer has no grade after the run'
    expected = partner.grade_explanation
    assert partner.grade_id.code in expected

    ui.open_menu(browser, CUSTOMERS_MENU)
    ui.search(browser, CUSTOMER)
    ui.open_record(browser, CUSTOMER)
    badge = ui.wait_for(browser, FORM + ' .o_grading_badge')
    assert badge.text.strip() == partner.grade_id.code
    ui.screenshot(browser, 'grading_card')
    ui.open_tab_with(browser, '[name="grade_explanation"]')
    shown = ui.field_text(browser, 'grade_explanation')
    assert normalized(shown) == normalized(expected), (shown, expected)
    field = ui.wait_for(browser, FORM + ' .o_field_widget[name="grade_explanation"]')
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", field)
    ui.screenshot(browser, 'grading_explanation')
