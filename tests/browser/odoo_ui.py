"""Page objects for the Odoo 11 web client, for the browser tests.

Every helper takes the selenium driver first and waits for the web client to settle after
what it does, so a scenario reads as a list of user steps:

    login(browser, url, 'anna', 'anna')
    open_menu(browser, 'contacts.menu_contacts')
    search(browser, 'Agrolait')
    open_record(browser, 'Agrolait')
    assert field_text(browser, 'email')

On a form in edit mode:

    click_button(browser, 'Create')
    set_radio(browser, 'company_type', 'Company')
    title, text = type_into(browser, 'name', 'Agrolait', warning=True)  # onchange warning
    close_dialog(browser)
    discard(browser)
"""
import time

from selenium.common.exceptions import (ElementClickInterceptedException,
                                        StaleElementReferenceException, TimeoutException)
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

# The waits and the screenshots have modules of their own; the scenarios use them from here.
from odoo_shots import SCREENSHOTS, screenshot, screenshot_in  # noqa: F401
from odoo_wait import (  # noqa: F401
    FIRST_LOAD_TIMEOUT, TIMEOUT, assert_no_error_dialog, wait_for, wait_idle, wait_loaded,
    wait_replaced, wait_text)

# The visible records of a kanban or list view, best match of arguments[0] first.
_RECORDS_JS = """
var text = arguments[0], exact = [], partial = [];
var nodes = document.querySelectorAll(
    '.o_content .o_kanban_record:not(.o_kanban_ghost), .o_content .o_data_row');
nodes.forEach(function (rec) {
    if (!rec.getClientRects().length || rec.textContent.indexOf(text) < 0) { return; }
    var leaves = rec.querySelectorAll('*');
    for (var i = 0; i < leaves.length; i++) {
        if (leaves[i].textContent.trim() === text) { exact.push(rec); return; }
    }
    partial.push(rec);
});
return exact.concat(partial);
"""

_MARK_RECORDS_JS = """
document.querySelectorAll('.o_content .o_kanban_record, .o_content .o_data_row')
    .forEach(function (rec) { rec.crmBeforeSearch = true; });
"""
_MARKED_RECORDS_JS = """
return Array.prototype.some.call(
    document.querySelectorAll('.o_content .o_kanban_record, .o_content .o_data_row'),
    function (rec) { return rec.crmBeforeSearch; });
"""

# After Discard: a confirmation dialog is open, or the form left edit mode (or closed).
_DISCARDED_JS = """
var buttons = document.querySelectorAll('.modal .modal-footer .btn-primary');
for (var i = 0; i < buttons.length; i++) {
    if (buttons[i].getClientRects().length) { return true; }
}
return !document.querySelector('.o_content .o_form_view.o_form_editable');
"""


def login(browser, base_url, login, password):
    """Log in through /web/login (ending any previous session) and wait for the web client."""
    browser.get(base_url + '/web/session/logout?redirect=/web/login')
    wait_for(browser, 'form.oe_login_form input[name="login"]', FIRST_LOAD_TIMEOUT)
    field = browser.find_element(By.CSS_SELECTOR, 'form.oe_login_form input[name="login"]')
    field.clear()
    field.send_keys(login)
    field = browser.find_element(By.CSS_SELECTOR, 'form.oe_login_form input[name="password"]')
    field.clear()
    field.send_keys(password)
    browser.find_element(By.CSS_SELECTOR, 'form.oe_login_form button[type="submit"]').click()
    try:
        WebDriverWait(browser, FIRST_LOAD_TIMEOUT).until(lambda b: b.find_elements(
            By.CSS_SELECTOR, '.o_web_client .o_main_content .o_content, '
                             '.oe_login_form .alert-danger'))
    except TimeoutException:
        raise AssertionError('no web client after logging in as %r (url %s)'
                             % (login, browser.current_url)) from None
    errors = browser.find_elements(By.CSS_SELECTOR, '.oe_login_form .alert-danger')
    if errors:
        raise AssertionError('login as %r refused: %s' % (login, errors[0].text))
    wait_loaded(browser, FIRST_LOAD_TIMEOUT)
    if browser.execute_script('return !!window.__assetsBundleErrorSeen;'):
        raise AssertionError('Odoo could not build its asset bundles (is lessc on the '
                             'server\'s PATH?): see the server log')


def open_menu(browser, xmlid):
    """Click the menu `xmlid` (module.menu_id), opening its app first when it is hidden."""
    selector = 'a[data-menu-xmlid="%s"]' % xmlid
    links = browser.find_elements(By.CSS_SELECTOR, selector)
    if not links:
        raise AssertionError('no menu %s for this user (missing, or not in its groups)' % xmlid)
    link = links[0]
    if not link.is_displayed():
        app_id = browser.execute_script(
            "var m = arguments[0].closest('.oe_secondary_menu');"
            "return m ? m.getAttribute('data-menu-parent') : null;", link)
        if app_id:  # a submenu: open its app in the top bar first
            _click_app(browser, app_id)
            wait_loaded(browser)
        elif link.find_elements(By.XPATH, 'ancestor::*[@id="menu_more"]'):
            _click(browser, '#menu_more_container > a.dropdown-toggle')
        # a submenu under a collapsed section: unfold the sections above it
        for toggler in browser.execute_script(
                "var out = [], li = arguments[0].parentElement.parentElement.closest('li');"
                "while (li) { var t = li.querySelector(':scope > a.oe_menu_toggler');"
                "  if (t && !t.classList.contains('oe_menu_opened')) { out.unshift(t); }"
                "  li = li.parentElement.closest('li'); }"
                "return out;", link):
            click(browser, toggler)
    _click(browser, selector)
    wait_loaded(browser)


def open_form(browser, base_url, record, action):
    """Show `record` in the form view of the window action `action` (a record: without an
    action, the web client may pick another form, such as the simplified user form)."""
    browser.get('%s/web#id=%d&model=%s&view_type=form&action=%d'
                % (base_url, record.id, record._name, action.id))
    wait_for(browser, '.o_content .o_form_view.o_form_readonly')
    wait_loaded(browser)


def _click_app(browser, app_id):
    """Click the top-bar entry of the app with menu id `app_id`, through "More" if needed."""
    selector = '.oe_application_menu_placeholder a[data-menu="%s"]' % app_id
    link = browser.find_element(By.CSS_SELECTOR, selector)
    if not link.is_displayed():
        more = browser.find_elements(By.CSS_SELECTOR, '#menu_more_container > a.dropdown-toggle')
        if more and more[0].is_displayed():
            click(browser, more[0])
    if link.is_displayed():
        click(browser, link)
    else:  # Odoo hides the top bar entry when the user has a single app
        browser.execute_script("jQuery(arguments[0]).click();", link)


def _click(browser, selector):
    """Click the first element matching `selector` once it is clickable."""
    click(browser, WebDriverWait(browser, TIMEOUT).until(
        ec.element_to_be_clickable((By.CSS_SELECTOR, selector))))


def click(browser, element):
    """Click `element`; a hover tooltip (field help, tour tip) in the way is removed first."""
    try:
        element.click()
    except ElementClickInterceptedException:
        # The pointer stays where the last click was: after opening a record it often hovers
        # a field label of the form, whose Bootstrap tooltip then covers the buttons.
        browser.execute_script("document.querySelectorAll('.tooltip, .o_tooltip')"
                               ".forEach(function (t) { t.remove(); });")
        element.click()


def search(browser, text, field_label=None):
    """Search `text` in the control panel's search box (its default field, or the field
    whose autocompletion entry names `field_label`) and wait."""
    box = wait_for(browser, '.o_control_panel .o_searchview_input')
    box.clear()
    box.send_keys(text)
    wait_for(browser, '.o_searchview_autocomplete')
    # Mark the records on screen: the view keeps its element but re-renders every record.
    browser.execute_script(_MARK_RECORDS_JS)
    if field_label:
        entries = [li for li in browser.find_elements(
            By.CSS_SELECTOR, '.o_searchview_autocomplete li') if field_label in li.text]
        if not entries:
            raise AssertionError('no search entry for %r in the search box' % field_label)
        click(browser, entries[0])
    else:
        box.send_keys(Keys.ENTER)
    try:
        WebDriverWait(browser, TIMEOUT).until(
            lambda b: not b.execute_script(_MARKED_RECORDS_JS))
    except TimeoutException:
        raise AssertionError('the view did not re-render after searching %r' % text) from None
    wait_loaded(browser)


def open_record(browser, text, timeout=TIMEOUT):
    """Open the kanban card or list row showing `text` (exact text preferred) in its form."""
    deadline = time.time() + timeout
    while True:
        records = browser.execute_script(_RECORDS_JS, text)
        if records:
            try:
                target = records[0]
                if 'o_data_row' in target.get_attribute('class'):
                    target = target.find_element(By.CSS_SELECTOR, 'td.o_data_cell')
                click(browser, target)
                break
            except (StaleElementReferenceException, ElementClickInterceptedException):
                pass  # re-rendered under us: look again
        if time.time() > deadline:
            raise AssertionError('no record showing %r in the view (url %s)'
                                 % (text, browser.current_url))
        time.sleep(0.2)
    wait_for(browser, '.o_content .o_form_view')
    wait_loaded(browser)


def field_text(browser, name, within='.o_content .o_form_view'):
    """Return the displayed text (or input value) of the form field `name`.

    :param within: CSS selector of the part of the form to look in (a panel, a tab)
    """
    form = wait_for(browser, within)
    for selector in ('.o_field_widget[name="%s"]' % name, '[name="%s"]' % name):
        for element in form.find_elements(By.CSS_SELECTOR, selector):
            if element.is_displayed():
                if element.tag_name in ('input', 'textarea', 'select'):
                    return element.get_attribute('value').strip()
                return element.text.strip()
    raise AssertionError('no visible field %r in the form (url %s)' % (name, browser.current_url))


def click_button(browser, name_or_text):
    """Click the visible button whose name attribute, else whose text, is `name_or_text`."""
    buttons = [b for b in browser.find_elements(By.CSS_SELECTOR, 'button, a.btn')
               if b.is_displayed()]
    for match in (lambda b: b.get_attribute('name') == name_or_text,
                  lambda b: b.text.strip() == name_or_text,
                  lambda b: name_or_text in b.text):
        found = [b for b in buttons if match(b)]
        if found:
            click(browser, found[0])
            wait_loaded(browser)
            return
    raise AssertionError('no visible button %r (url %s)' % (name_or_text, browser.current_url))


def _form_field(browser, name, within):
    """Return the visible input (or widget) of the field `name` in the form part `within`."""
    form = wait_for(browser, within)
    for selector in ('input.o_field_widget[name="%s"]' % name,
                     'textarea.o_field_widget[name="%s"]' % name,
                     '.o_field_widget[name="%s"] input' % name,
                     '.o_field_widget[name="%s"]' % name):
        for element in form.find_elements(By.CSS_SELECTOR, selector):
            if element.is_displayed():
                return element
    raise AssertionError('no visible field %r in the form (url %s)' % (name, browser.current_url))


def type_into(browser, name, text, warning=False, within='.o_content .o_form_view'):
    """Type `text` in the editable form field `name` and tab out, which runs its onchange.

    :param warning: True when the onchange should answer with a warning: wait for its dialog
        (left open, see `close_dialog`) and return its (title, text); else fail on any dialog
    :param within: CSS selector of the part of the form to look in (a panel, a tab)
    """
    field = _form_field(browser, name, within)
    if field.tag_name not in ('input', 'textarea'):
        raise AssertionError('field %r is not editable here (url %s)'
                             % (name, browser.current_url))
    click(browser, field)
    field.clear()
    field.send_keys(text)
    field.send_keys(Keys.TAB)
    if not warning:
        wait_loaded(browser)
        return None
    return dialog_text(browser, '.modal .o_dialog_warning')


def set_many2one(browser, name, text, within='.o_content .o_form_view', choice=None,
                 before_pick=None):
    """Type `text` in the many2one field `name` of the form part `within` and pick the
    exact match in its drop-down (or the entry `choice`, e.g. a name found by its code).
    `before_pick` is called with the drop-down's entry while the drop-down is open (to take
    a screenshot of it, say)."""
    field = wait_for(browser, within + ' .o_field_widget[name="%s"] input' % name)
    field.clear()
    field.send_keys(text)
    wanted = choice or text

    def item(driver):
        for link in driver.find_elements(By.CSS_SELECTOR, 'ul.ui-autocomplete li a'):
            try:
                if link.is_displayed() and link.text.strip() == wanted:
                    return link
            except StaleElementReferenceException:
                return False
        return False
    try:
        link = WebDriverWait(browser, TIMEOUT).until(item)
    except TimeoutException:
        raise AssertionError('no %r in the drop-down of %s after typing %r' % (
            wanted, name, text)) from None
    if before_pick is not None:
        before_pick(link)
    click(browser, link)
    wait_loaded(browser)


def dialog_text(browser, selector='.modal', timeout=TIMEOUT):
    """Wait for the dialog whose body shows `selector` and return its (title, text)."""
    body = wait_for(browser, selector, timeout)
    wait_idle(browser, timeout)
    modal = body.find_element(By.XPATH, 'ancestor::div[contains(concat(" ", '
                                        'normalize-space(@class), " "), " modal ")][1]')
    titles = modal.find_elements(By.CSS_SELECTOR, '.modal-title')
    return (titles[0].text.strip() if titles else ''), body.text.strip()


def close_dialog(browser, button=None):
    """Close the topmost dialog with its `button` (text), else its first footer button."""
    modals = [m for m in browser.find_elements(By.CSS_SELECTOR, '.modal') if m.is_displayed()]
    if not modals:
        raise AssertionError('no dialog to close (url %s)' % browser.current_url)
    modal = modals[-1]
    buttons = [b for b in modal.find_elements(By.CSS_SELECTOR, '.modal-footer button')
               if b.is_displayed()]
    if button is not None:
        buttons = [b for b in buttons if b.text.strip() == button]
    if not buttons:
        raise AssertionError('no button %r in the dialog %r' % (button, modal.text[:200]))
    click(browser, buttons[0])
    try:
        WebDriverWait(browser, TIMEOUT).until(ec.staleness_of(modal))
    except TimeoutException:
        raise AssertionError('the dialog did not close (url %s)' % browser.current_url) from None
    wait_idle(browser)


def set_radio(browser, name, label, within='.o_content .o_form_view'):
    """Choose the option `label` of the radio field `name` of a form in edit mode."""
    form = wait_for(browser, within)
    for item in form.find_elements(By.CSS_SELECTOR, '.o_field_widget[name="%s"] .o_radio_item'
                                   % name):
        option = item.find_element(By.CSS_SELECTOR, 'label')
        if option.is_displayed() and option.text.strip() == label:
            if not item.find_element(By.CSS_SELECTOR, 'input').is_selected():
                click(browser, option)
                wait_loaded(browser)
            return
    raise AssertionError('no option %r of the radio field %r (url %s)'
                         % (label, name, browser.current_url))


def discard(browser):
    """Discard the changes of the form in edit mode, confirming when Odoo asks."""
    _click(browser, '.o_control_panel .o_form_button_cancel')
    try:  # "The record has been modified, your changes will be discarded.", or no more edition
        WebDriverWait(browser, TIMEOUT).until(lambda b: b.execute_script(_DISCARDED_JS))
    except TimeoutException:
        raise AssertionError('the form stayed in edit mode after Discard (url %s)'
                             % browser.current_url) from None
    confirm = [b for b in browser.find_elements(
        By.CSS_SELECTOR, '.modal .modal-footer .btn-primary') if b.is_displayed()]
    if confirm:
        close_dialog(browser, button=confirm[-1].text.strip())
    wait_for(browser, '.o_content')
    wait_loaded(browser)


def open_tab_with(browser, selector, within='.o_content .o_form_view'):
    """Show the notebook page of the form holding `selector` (found by content, not by its
    label, which changes with the user's language)."""
    link = browser.execute_script(
        "var sel = arguments[1];"
        "var links = document.querySelectorAll(arguments[0] + ' .o_notebook .nav-tabs a');"
        "return Array.prototype.find.call(links, function (a) {"
        "  var pane = document.querySelector(a.getAttribute('href'));"
        "  return pane && pane.querySelector(sel); }) || null;", within, selector)
    assert link is not None, 'no page of the form holds %s' % selector
    click(browser, link)
    wait_loaded(browser)



def assert_breadcrumb(browser, text):
    """Wait until the control panel's breadcrumb shows `text`: an action's name, in the
    user's language (a scenario's proof of the interface language)."""
    wait_text(browser, '.o_control_panel .breadcrumb', text)
