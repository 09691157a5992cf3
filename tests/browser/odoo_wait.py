"""Waiting for the Odoo 11 web client in the browser tests: an element, a text, a page
replaced, the client idle, and the failure when Odoo shows an error dialog."""
import time

from selenium.common.exceptions import (StaleElementReferenceException, TimeoutException,
                                        WebDriverException)
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

TIMEOUT = 30
# The first page after a server start compiles the asset bundles (lessc): allow for it.
FIRST_LOAD_TIMEOUT = 120

# True when no RPC is pending, nothing blocks the UI and no animation runs. Not jQuery.active:
# the bus keeps a /longpolling/poll request open all the time (a "shadow" RPC, uncounted).
_IDLE_JS = """
if (document.readyState !== 'complete') { return false; }
if (document.querySelector('.oe_wait')) { return false; }
if (window.jQuery && jQuery(':animated').length) { return false; }
var busy = document.querySelectorAll('.o_loading, .blockUI, .oe_blockui_spin_container');
for (var i = 0; i < busy.length; i++) {
    if (busy[i].getClientRects().length && getComputedStyle(busy[i]).display !== 'none') {
        return false;
    }
}
return true;
"""


def wait_for(browser, selector, timeout=TIMEOUT, visible=True):
    """Wait for the CSS `selector` to be in the page (and visible) and return the element."""
    condition = (ec.visibility_of_element_located if visible
                 else ec.presence_of_element_located)((By.CSS_SELECTOR, selector))
    try:
        return WebDriverWait(browser, timeout).until(condition)
    except TimeoutException:
        raise AssertionError('%r did not show within %s s (url %s)'
                             % (selector, timeout, browser.current_url)) from None


def wait_text(browser, selector, text, timeout=TIMEOUT):
    """Wait until an element matching `selector` shows `text`.

    An element that goes stale while it is read (the page is being replaced, as after a form
    post) counts as "not yet": the wait goes on in the new page.
    """
    try:
        WebDriverWait(browser, timeout, ignored_exceptions=[StaleElementReferenceException]).until(
            lambda b: any(text in element.text
                          for element in b.find_elements(By.CSS_SELECTOR, selector)))
    except TimeoutException:
        raise AssertionError('%r never showed %r within %s s (url %s)'
                             % (selector, text, timeout, browser.current_url)) from None


def wait_replaced(browser, element, timeout=TIMEOUT):
    """Wait until `element` has left the page, as when a form post loads the next page.

    While Chromium unloads the page, chromedriver may answer a question about one of its
    elements with an "unknown error" (the inspector's "Node with given id does not belong to
    the document") instead of a stale reference: the element has left the page all the same.
    selenium's `staleness_of` lets that error through, and the scenario failed by chance.
    """
    def gone(_driver):
        try:
            element.is_enabled()
        except StaleElementReferenceException:
            return True
        except WebDriverException as error:
            if 'does not belong to the document' not in (error.msg or ''):
                raise
            return True
        return False
    try:
        WebDriverWait(browser, timeout).until(gone)
    except TimeoutException:
        raise AssertionError('the element stayed in the page for %s s (url %s)'
                             % (timeout, browser.current_url)) from None


def wait_loaded(browser, timeout=TIMEOUT):
    """Wait until the web client is idle (no RPC, no blockUI); fail on an error dialog."""
    wait_idle(browser, timeout)
    assert_no_error_dialog(browser)


def wait_idle(browser, timeout=TIMEOUT):
    """Wait until the web client is idle (no RPC, no blockUI), dialogs or not."""
    deadline = time.time() + timeout
    idle_since = None
    while time.time() < deadline:
        if browser.execute_script(_IDLE_JS):
            # idle twice 150 ms apart: a click often starts its RPC a tick later
            if idle_since and time.time() - idle_since >= 0.15:
                break
            idle_since = idle_since or time.time()
        else:
            idle_since = None
        time.sleep(0.05)
    else:
        raise AssertionError('the web client stayed busy for %s s (url %s)'
                             % (timeout, browser.current_url))


def assert_no_error_dialog(browser):
    """Fail with its text when Odoo shows a server error or warning dialog."""
    for dialog in browser.find_elements(By.CSS_SELECTOR, '.modal .o_dialog_error, '
                                                         '.modal .o_dialog_warning'):
        if dialog.is_displayed():
            title = browser.find_elements(By.CSS_SELECTOR, '.modal .modal-title')
            raise AssertionError('Odoo shows a dialog: %s\n%s' % (
                title[0].text if title else '', dialog.text[:2000]))
