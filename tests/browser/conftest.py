"""Session fixtures for the browser tests: an Odoo HTTP server and a headless Chromium.

The suite runs inside pytest-odoo, whose registry points at the test database; the server
started here serves that same database over HTTP, so a test can compare what a user sees in
the web client with what the database holds (`odoo_env`).

Settings (scripts/test.sh exports the first three):
  CRM_ODOO_CONF  Odoo config file          (default: pytest-odoo's --odoo-config)
  CRM_TEST_DB    database to serve         (default: pytest-odoo's --odoo-database)
  CRM_VENV       virtual environment       (default: the Python running pytest)
  CRM_NODE_DIR   where npm put lessc       (default: .run/node)
  CRM_CHROMIUM / CRM_CHROMEDRIVER          (default: /usr/bin/chromium, /usr/bin/chromedriver)
"""
import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import odoo
import pytest

import odoo_ui

ROOT = Path(__file__).resolve().parents[2]
LOG_DIR = ROOT / '.run' / 'logs'
SERVER_LOG = LOG_DIR / 'browser-server.log'
START_TIMEOUT = 120
# An ERROR/CRITICAL line of the server log, or a warning of the asset bundles (a lessc error);
# the host's website_* fragments log "Unmet dependencies" errors at start.
LOG_ERROR = re.compile(r'^\d{4}-\d\d-\d\d [\d:,]+ \d+ (ERROR|CRITICAL|WARNING \S+ '
                       r'odoo\.addons\.base\.ir\.ir_qweb\.assetsbundle:) ', re.M)
LOG_HOST_NOISE = re.compile(r'odoo\.modules\.graph: module website[a-z_]*: Unmet dependencies')


def _settings():
    """Return (python, config file, database) for the server, failing on a mismatch."""
    conf = os.environ.get('CRM_ODOO_CONF') or odoo.tools.config.rcfile
    registry_db = odoo.tools.config['db_name']
    db = os.environ.get('CRM_TEST_DB') or registry_db
    if not conf or not db:
        pytest.fail('browser tests need --odoo-config and --odoo-database (or CRM_ODOO_CONF '
                    'and CRM_TEST_DB): run them through scripts/test.sh', pytrace=False)
    if registry_db and db != registry_db:
        pytest.fail('CRM_TEST_DB=%s but pytest-odoo opened %s: the browser would see another '
                    'database than the test reads' % (db, registry_db), pytrace=False)
    venv = os.environ.get('CRM_VENV')
    python = str(Path(venv) / 'bin' / 'python') if venv else sys.executable
    if not os.access(python, os.X_OK):
        pytest.fail('no Python at %s (CRM_VENV=%s)' % (python, venv), pytrace=False)
    return python, conf, db


def _server_env():
    """Return the server's environment: lessc on PATH, or a clear failure."""
    env = dict(os.environ)
    node_dir = Path(os.environ.get('CRM_NODE_DIR') or ROOT / '.run' / 'node')
    env['PATH'] = '%s%s%s' % (node_dir / 'node_modules' / '.bin', os.pathsep, env.get('PATH', ''))
    if not shutil.which('lessc', path=env['PATH']):
        pytest.fail('lessc not found (in %s/node_modules/.bin or on PATH): without it the web '
                    'client has no CSS; scripts/lib.sh ensure_lessc installs it' % node_dir,
                    pytrace=False)
    return env


def _free_port():
    """Return a TCP port of 127.0.0.1 that nothing listens on right now."""
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(('127.0.0.1', 0))
        return sock.getsockname()[1]


def _log_tail(lines=40):
    """Return the last lines of the server log, for failure messages."""
    try:
        return '\n'.join(SERVER_LOG.read_text(errors='replace').splitlines()[-lines:])
    except OSError:
        return '(no log at %s)' % SERVER_LOG


class OdooServer:
    """A running Odoo HTTP server: its base URL, database and log."""

    def __init__(self, process, url, db):
        self.process = process
        self.url = url
        self.db = db

    def log_size(self):
        """Return the current size of the log, to read what a test added to it."""
        return SERVER_LOG.stat().st_size if SERVER_LOG.exists() else 0

    def log_errors(self, since=0):
        """Return the ERROR/CRITICAL lines logged after byte `since`, host noise left out."""
        with SERVER_LOG.open('rb') as log:
            log.seek(since)
            text = log.read().decode('utf-8', 'replace')
        starts = [m.start() for m in LOG_ERROR.finditer(text)]
        records = []
        for start in starts:  # keep the traceback that follows each line, up to the next record
            end = re.compile(r'^\d{4}-\d\d-\d\d ', re.M).search(text, start + 1)
            record = text[start:end.start() if end else len(text)].rstrip()
            if not LOG_HOST_NOISE.search(record):
                records.append(record)
        return records


@pytest.fixture(scope='session')
def odoo_server():
    """Serve the test database over HTTP on a free port for the whole session."""
    python, conf, db = _settings()
    env = _server_env()
    port = _free_port()
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    if SERVER_LOG.exists():
        SERVER_LOG.unlink()
    cmd = [python, str(ROOT / 'scripts' / 'odoo-bin'), '-c', conf, '-d', db,
           '--db-filter=^%s$' % re.escape(db), '--http-interface=127.0.0.1',
           '--http-port=%d' % port, '--max-cron-threads=0', '--workers=0',
           '--logfile=%s' % SERVER_LOG]
    with SERVER_LOG.open('ab') as output:  # a crash before logging starts lands there too
        process = subprocess.Popen(cmd, cwd=str(ROOT), env=env, stdin=subprocess.DEVNULL,
                                   stdout=output, stderr=subprocess.STDOUT)
    url = 'http://127.0.0.1:%d' % port
    try:
        _wait_for_login_page(process, url)
        yield OdooServer(process, url, db)
    finally:
        process.terminate()  # Odoo shuts down gracefully on SIGTERM
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _wait_for_login_page(process, url):
    """Block until /web/login answers 200; fail with the log tail if the server dies."""
    deadline = time.time() + START_TIMEOUT
    while time.time() < deadline:
        if process.poll() is not None:
            pytest.fail('the Odoo server exited with status %s before answering; %s:\n%s'
                        % (process.returncode, SERVER_LOG, _log_tail()), pytrace=False)
        try:
            with urllib.request.urlopen(url + '/web/login', timeout=10) as response:
                if response.status == 200:
                    return
        except urllib.error.HTTPError as error:  # up, but broken (database, modules)
            pytest.fail('%s/web/login answers %s; %s:\n%s'
                        % (url, error.code, SERVER_LOG, _log_tail()), pytrace=False)
        except (urllib.error.URLError, ConnectionError, socket.timeout):
            pass
        time.sleep(0.5)
    pytest.fail('the Odoo server did not answer %s/web/login within %d s; %s:\n%s'
                % (url, START_TIMEOUT, SERVER_LOG, _log_tail()), pytrace=False)


@pytest.fixture(scope='session')
def browser():
    """A headless Chromium driven by chromedriver, with a fresh profile, for the session."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium = os.environ.get('CRM_CHROMIUM', '/usr/bin/chromium')
    chromedriver = os.environ.get('CRM_CHROMEDRIVER', '/usr/bin/chromedriver')
    for binary, package in ((chromium, 'chromium'), (chromedriver, 'chromium-driver')):
        if not os.access(binary, os.X_OK):
            pytest.fail('%s not found: the browser tests need it (apt-get install %s)'
                        % (binary, package), pytrace=False)
    profile = tempfile.mkdtemp(prefix='crm360-chromium-')
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in ('--headless', '--no-sandbox', '--disable-gpu', '--disable-quic',
                 '--no-first-run', '--disable-background-networking',
                 '--disable-component-update', '--disable-sync', '--window-size=1400,1000',
                 '--user-data-dir=%s' % profile):
        options.add_argument(flag)
    options.set_capability('goog:loggingPrefs', {'browser': 'ALL'})
    LOG_DIR.mkdir(parents=True, exist_ok=True)
    service = Service(executable_path=chromedriver,
                      log_output=str(LOG_DIR / 'chromedriver.log'))
    driver = webdriver.Chrome(service=service, options=options)
    driver.set_page_load_timeout(120)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(autouse=True)
def server_log_guard(odoo_server):
    """Fail a browser test whose requests logged an error or a traceback on the server."""
    since = odoo_server.log_size()
    yield
    errors = odoo_server.log_errors(since)
    if errors:
        pytest.fail('the Odoo server logged errors during the test:\n\n%s'
                    % '\n\n'.join(errors), pytrace=False)


@pytest.fixture
def odoo_env():
    """Open an admin environment on the served database; the cursor is rolled back after."""
    registry = odoo.registry(odoo.tools.config['db_name'])
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        cr.rollback()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failed browser test, save a screenshot and attach the browser console."""
    outcome = yield
    report = outcome.get_result()
    driver = getattr(item, 'funcargs', {}).get('browser')
    if report.when != 'call' or not report.failed or driver is None:
        return
    try:
        path = odoo_ui.screenshot(driver, 'FAILED-%s' % re.sub(r'[^\w.-]+', '_', item.name))
        report.sections.append(('browser', 'screenshot: %s\nurl: %s' % (path, driver.current_url)))
        console = '\n'.join('%(level)s %(message)s' % entry for entry in driver.get_log('browser'))
        report.sections.append(('browser console', console or '(empty)'))
    except Exception as exc:  # the browser may be the thing that broke
        report.sections.append(('browser', 'no screenshot: %r' % exc))
