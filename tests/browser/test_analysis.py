"""A sales manager opens the customer analysis pivot and the Pareto (80/20) curve.

The cube is a materialized view: the scenario refreshes it (committed) first, as the nightly
job would, so that the pivot shows the demo data.
"""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

import demo_records as demo
import odoo_ui as ui

MANAGER = 'admin'
ANALYSIS_MENU = 'crm_grading.crm_customer_analysis_menu'
PARETO_MENU = 'crm_grading.crm_customer_pareto_menu'


def check_xls_export(browser):
    """Post a small table to the host's pivot export, as the download button does, and check
    that an Excel (BIFF/OLE2) file comes back: the controller needs xlwt."""
    result = browser.execute_async_script("""
        var done = arguments[arguments.length - 1];
        var data = {nbr_measures: 1, title: 'Customer Analysis', measure_row: [],
                    headers: [[{width: 1, height: 1, title: 'Total'}]],
                    rows: [{indent: 0, title: 'Total', values: [{value: 1.5, is_bold: true}]}]};
        var form = new FormData();
        form.append('data', JSON.stringify(data));
        form.append('token', 'x');
        form.append('csrf_token', odoo.csrf_token);
        fetch('/web/pivot/export_xls', {method: 'POST', body: form, credentials: 'same-origin'})
            .then(function (response) {
                return response.arrayBuffer().then(function (buffer) {
                    var head = Array.prototype.slice.call(new Uint8Array(buffer, 0, 4));
                    done({status: response.status, type: response.headers.get('Content-Type'),
                          head: head});
                });
            }).catch(function (error) { done({error: String(error)}); });
    """)
    assert result.get('status') == 200, result
    assert 'ms-excel' in (result.get('type') or ''), result
    assert result['head'] == [0xD0, 0xCF, 0x11, 0xE0], result


def test_manager_opens_analysis_and_pareto(odoo_server, browser, odoo_env):
    """admin opens Customer Analysis (pivot by grade and year), then the Pareto curve."""
    with demo.committed_env(odoo_server.db) as env:
        env['crm.customer.analysis']._refresh()
    odoo_env.cr.rollback()  # a new snapshot, after the refresh above
    odoo_env.clear()
    summary = odoo_env['crm.customer.pareto'].sudo(
        odoo_env['res.users'].search([('login', '=', MANAGER)]))._pareto_summary()
    assert summary['customer_count'], 'the demo data have no customer with revenue'

    ui.login(browser, odoo_server.url, MANAGER, MANAGER)
    ui.open_menu(browser, ANALYSIS_MENU)
    ui.wait_for(browser, '.o_pivot table')
    ui.assert_no_error_dialog(browser)
    headers = [h.text for h in browser.find_elements(By.CSS_SELECTOR, '.o_pivot thead th')]
    assert any('Revenue' in h or '营业收入' in h or '收入' in h for h in headers), headers
    cells = [c.text for c in browser.find_elements(By.CSS_SELECTOR, '.o_pivot tbody td')]
    assert any(c.strip() not in ('', '0.00') for c in cells), 'the pivot shows no figure'
    ui.screenshot(browser, 'customer_analysis_pivot')

    # A shared favourite: customer value by lifecycle status (rows of the five statuses).
    name = odoo_env.ref('crm_grading.crm_customer_analysis_filter_value_by_lifecycle').with_context(
        lang=odoo_env['res.users'].search([('login', '=', MANAGER)]).lang).name
    found = browser.execute_script(
        "var name = arguments[0];"
        "var a = Array.prototype.find.call(document.querySelectorAll('.o_favorites_menu li a'),"
        "  function (link) { return link.textContent.trim() === name; });"
        "if (a) { jQuery(a).click(); } return !!a;", name)
    assert found, 'no favourite %r in the search view' % name
    ui.wait_loaded(browser)
    ui.wait_for(browser, '.o_pivot table')
    row_headers = ('.o_pivot tbody .o_pivot_header_cell_opened, '
                   '.o_pivot tbody .o_pivot_header_cell_closed')
    WebDriverWait(browser, ui.TIMEOUT).until(
        lambda b: len(b.find_elements(By.CSS_SELECTOR, row_headers)) >= 3,
        'the favourite shows no lifecycle statuses')
    ui.screenshot(browser, 'customer_analysis_lifecycle')
    check_xls_export(browser)

    ui.open_menu(browser, PARETO_MENU)
    text = ui.wait_for(browser, '.o_content .o_form_view [name="summary"]').text
    assert '%s%%' % summary['top_share'] in text, text
    ui.click_button(browser, 'action_open_curve')
    ui.wait_for(browser, '.o_graph svg')
    ui.assert_no_error_dialog(browser)
    points = browser.find_elements(By.CSS_SELECTOR, '.o_graph svg .nv-point, .o_graph svg path')
    assert points, 'the Pareto graph draws no line'
    ui.screenshot(browser, 'customer_pareto')
