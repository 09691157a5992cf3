# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""HttpCase that runs under pytest-odoo as well as under Odoo's own test runner.

Odoo 11's HttpCase sends its requests to a server on ``http_port`` that ``odoo-bin
--test-enable`` starts; pytest-odoo starts none. `C360HttpCase` starts one HTTP thread in
the test process when nothing serves (once, on a free port) and sends its requests there.

Odoo 11 serves the requests of an HttpCase on the registry's *test cursor*, another
transaction than the test's ``self.env``: the data a test builds for the server must be
written through `server_env` (committed to that cursor's savepoint, rolled back after the
test), and what the requests wrote is read back the same way.
"""
import contextlib
import os
import re
import socket
import time

import odoo
import requests
from odoo import api
from odoo.service import security
from odoo.service.server import ThreadedServer
from odoo.tests import common

_SERVER = {}


def _port_answers(port):
    """True when something accepts TCP connections on 127.0.0.1:`port`."""
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(('127.0.0.1', port)) == 0


def http_port():
    """Return the port of an Odoo HTTP server in this process, starting one if needed."""
    server = odoo.service.server.server
    if server is not None and getattr(server, 'httpd', None) is not None:
        return odoo.tools.config['http_port']  # odoo-bin --test-enable serves already
    if 'port' not in _SERVER:
        # As scripts/odoo-bin does: the wheels' broken website_* fragments must not be
        # imported by the first request.
        os.environ.setdefault('ODOO_PRELOAD_ADDONS', 'no')
        with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
            sock.bind(('127.0.0.1', 0))
            port = sock.getsockname()[1]
        threaded = ThreadedServer(odoo.service.wsgi_server.application)
        threaded.interface, threaded.port = '127.0.0.1', port
        threaded.http_spawn()
        deadline = time.time() + 30
        while not _port_answers(port):
            if time.time() > deadline:
                raise RuntimeError('the test HTTP server did not start on port %d' % port)
            time.sleep(0.05)
        _SERVER['port'] = port
    return _SERVER['port']


@common.at_install(False)
@common.post_install(True)
class C360HttpCase(common.HttpCase):
    """HttpCase whose requests reach a server in this process; see the module docstring.

    Post-install only (inherited by every subclass: RpcCase, the portal route tests): at
    install the registry is locked while the module loads, and the first request of
    `setUpClass` would wait for it until its timeout, as the host's HttpCases would.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.port = http_port()
        # Outside the test cursor, the first page builds and commits the asset bundles
        # (lessc), as any first visitor would; inside, every test would build them again.
        requests.get('http://127.0.0.1:%d/web/login' % cls.port, timeout=300)

    @contextlib.contextmanager
    def server_env(self):
        """An admin environment on the cursor the requests use; committed on leaving.

        Never send a request inside the block: the request would wait for the cursor.
        """
        cr = self.registry.test_cr
        cr.acquire()
        try:
            env = api.Environment(cr, odoo.SUPERUSER_ID, {'lang': 'en_US'})
            env.clear()  # the requests wrote through other environments
            yield env
            # The requests read through this test cursor: its commit (a savepoint of the test
            # transaction) is what lets them see the rows written here.
            cr.commit()  # pylint: disable=invalid-commit
        except Exception:
            cr.rollback()
            raise
        finally:
            cr.release()

    def url_open(self, url, data=None, timeout=30, allow_redirects=True):
        """GET (or POST `data`) `url` on the test server; redirects are followed by default."""
        if url.startswith('/'):
            url = 'http://127.0.0.1:%d%s' % (self.port, url)
        if data is not None:
            return self.opener.post(url, data=data, timeout=timeout,
                                    allow_redirects=allow_redirects)
        return self.opener.get(url, timeout=timeout, allow_redirects=allow_redirects)

    def authenticate(self, login, password):
        """Log the session in as `login`, reading the user on the requests' cursor."""
        db = common.get_db_name()
        uid = self.registry['res.users'].authenticate(db, login, password, None)
        self.assertTrue(uid, 'cannot log in as %s' % login)
        # A new session: the session token is cached per session id (res.users
        # _compute_session_token), so one session cannot change users.
        self.session = session = odoo.http.root.session_store.new()
        self.opener.cookies.clear()
        self.opener.cookies['session_id'] = session.sid
        with self.server_env() as env:
            user_env = api.Environment(env.cr, uid, {})
            session.db, session.uid, session.login = db, uid, login
            session.session_token = security.compute_session_token(session, user_env)
            session.context = dict(user_env['res.users'].context_get(), uid=uid)
            session._fix_lang(session.context)
        odoo.http.root.session_store.save(session)

    def csrf_token(self, url='/my/account'):
        """A CSRF token of the session, read from the form on `url`."""
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, response.text[:500])
        match = re.search(r'name="csrf_token"\s+value="([^"]+)"', response.text)
        self.assertTrue(match, 'no CSRF token on %s' % url)
        return match.group(1)
