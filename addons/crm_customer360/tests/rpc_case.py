# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Calls over HTTP as a real user: what an attacker with a login can do.

`RpcCase` calls model methods the way any client does, over the server's JSON-RPC
(``/jsonrpc``, service ``object``, ``execute_kw``) or XML-RPC (``/xmlrpc/2/object``)
endpoints, authenticated by login and password, so that nothing of the test's own
environment (superuser, context, cache) helps the call. The users are those of
`make_rpc_world`, one per role, each with the password equal to the login.

The data lives on the requests' cursor (see http_case.py): build it with ``server_env``,
read results back the same way. A refused call raises `RpcError`, whose ``name`` is the
exception class on the server (``odoo.exceptions.AccessError``...).

Higher addons add their roles by extending `ROLES` in their own test module, e.g.
``ROLES_SERVICE = dict(ROLES, agent=...)``, and passing it to ``make_rpc_world``.
"""
import json
import xmlrpc.client
from types import SimpleNamespace

from odoo.tests import common

from .http_case import C360HttpCase

# role: (login, groups) -- the password of each user is its login.
ROLES = {
    # a contact of RPC Own Co with a portal login
    'portal': ('rpc.portal', ['base.group_portal']),
    # an employee without any sales right
    'employee': ('rpc.employee', ['base.group_user']),
    # the host's "User: Own Documents Only": owns RPC Own Co
    'sales': ('rpc.sales', ['sales_team.group_sale_salesman']),
    # another salesperson: owns RPC Other Co
    'colleague': ('rpc.colleague', ['sales_team.group_sale_salesman']),
    # the host's "User: All Documents"
    'sales_all': ('rpc.sales.all', ['sales_team.group_sale_salesman_all_leads']),
    # a salesperson with the host's Contact Creation right, as companies often give
    'sales_contacts': ('rpc.sales.contacts', ['sales_team.group_sale_salesman',
                                              'base.group_partner_manager']),
    # Sales: own customers only
    'own_only': ('rpc.own.only', ['crm_customer360.group_own_customers_only']),
    # the host's Sales / Manager, who may also edit partners
    'manager': ('rpc.manager', ['sales_team.group_sale_manager',
                                'base.group_partner_manager']),
}
# The refusals a caller may get: the host's access checks and our own clear messages.
REFUSALS = ('odoo.exceptions.AccessError', 'odoo.exceptions.UserError',
            'odoo.exceptions.ValidationError', 'odoo.exceptions.except_orm')


class RpcError(Exception):
    """An error answered by the server: ``name`` is the server's exception class."""

    def __init__(self, name, message, debug=''):
        super().__init__('%s: %s' % (name, message))
        self.name = name
        self.message = message
        self.debug = debug


def make_rpc_world(env, roles=None):
    """Create a user per role and two customers; return them as a namespace.

    ``w.<role>`` is the user of that role, ``w.logins[role]`` its login. ``w.own`` (RPC Own
    Co, with the contact ``w.own_person`` who is the portal user) belongs to ``w.sales``;
    ``w.other`` (RPC Other Co, contact ``w.other_person``) to ``w.colleague``.
    """
    env = env(context=dict(env.context, lang='en_US', tracking_disable=True,
                           mail_create_nolog=True, no_reset_password=True))
    roles = roles or ROLES
    w = SimpleNamespace(logins={})
    Partner = env['res.partner']
    w.own = Partner.create({'name': 'RPC Own Co', 'is_company': True, 'customer': True,
                            'email': 'info@rpc-own.example.com', 'lang': 'en_US'})
    w.own_person = Partner.create({'name': 'Rita Own', 'parent_id': w.own.id,
                                   'email': 'rita@rpc-own.example.com', 'lang': 'en_US'})
    w.other = Partner.create({'name': 'RPC Other Co', 'is_company': True, 'customer': True,
                              'email': 'info@rpc-other.example.com', 'lang': 'en_US'})
    w.other_person = Partner.create({'name': 'Otto Other', 'parent_id': w.other.id,
                                     'lang': 'en_US'})
    for role, (login, groups) in roles.items():
        values = {
            'name': 'RPC %s' % role.replace('_', ' ').title(), 'login': login,
            'password': login, 'lang': 'en_US', 'tz': 'Asia/Shanghai',
            # the host needs an author's e-mail to create partners (messages)
            'email': '%s@rpc.example.com' % login,
            'groups_id': [(6, 0, [env.ref(xmlid).id for xmlid in groups])]}
        if role == 'portal':
            values['partner_id'] = w.own_person.id
        setattr(w, role, env['res.users'].create(values))
        w.logins[role] = login
    if hasattr(w, 'sales'):
        w.own.write({'user_id': w.sales.id})
    if hasattr(w, 'colleague'):
        w.other.write({'user_id': w.colleague.id})
    return w


class RpcCase(C360HttpCase):
    """HttpCase with `rpc` / `xmlrpc` calls as the users of `make_rpc_world`.

    ``setUp`` builds the world on the requests' cursor and keeps the ids in ``self.ids``
    (``self.ids['own']``, ``self.ids['sales']``...); override `_build_world` to build more,
    and `roles` to add roles.
    """

    roles = ROLES

    def setUp(self):
        super().setUp()
        self._uids = {}
        with self.server_env() as env:
            self.world = self._build_world(env)
            self.ids = {key: value.id for key, value in vars(self.world).items()
                        if hasattr(value, '_name')}
            self.logins = self.world.logins

    def _build_world(self, env):
        """Build the test data on the requests' cursor; extend to add records."""
        return make_rpc_world(env, self.roles)

    # ------------------------------------------------------------------
    # Calls
    # ------------------------------------------------------------------
    def _login(self, role):
        """(login, password) of a role (or a login given as is)."""
        login = self.logins.get(role, role)
        return login, login

    def _jsonrpc(self, service, method, *args):
        payload = {'jsonrpc': '2.0', 'method': 'call', 'id': 1,
                   'params': {'service': service, 'method': method, 'args': list(args)}}
        response = self.opener.post(
            'http://127.0.0.1:%d/jsonrpc' % self.port, data=json.dumps(payload),
            headers={'Content-Type': 'application/json'}, timeout=120)
        self.assertEqual(response.status_code, 200, response.text[:500])
        answer = response.json()
        if 'error' in answer:
            data = answer['error'].get('data') or {}
            raise RpcError(data.get('name') or answer['error'].get('message'),
                           data.get('message') or answer['error'].get('message'),
                           data.get('debug', ''))
        # A method returning None answers without a result.
        return answer.get('result')

    def rpc_uid(self, role):
        """Log in over JSON-RPC (service ``common``) and return the user id."""
        if role not in self._uids:
            login, password = self._login(role)
            uid = self._jsonrpc('common', 'login', common.get_db_name(), login, password)
            self.assertTrue(uid, 'cannot log in as %s over JSON-RPC' % login)
            self._uids[role] = uid
        return self._uids[role]

    def rpc(self, role, model, method, *args, **kwargs):
        """Call ``model.method(*args, **kwargs)`` over JSON-RPC as the user of ``role``.

        The context defaults to English (pass ``context=`` to change it); a refusal raises
        `RpcError`.
        """
        kwargs.setdefault('context', {'lang': 'en_US'})
        login, password = self._login(role)
        return self._jsonrpc('object', 'execute_kw', common.get_db_name(), self.rpc_uid(role),
                             password, model, method, list(args), kwargs)

    def xmlrpc(self, role, model, method, *args, **kwargs):
        """As `rpc`, over XML-RPC; a refusal raises `RpcError` with the fault's text."""
        kwargs.setdefault('context', {'lang': 'en_US'})
        login, password = self._login(role)
        proxy = xmlrpc.client.ServerProxy(
            'http://127.0.0.1:%d/xmlrpc/2/object' % self.port, allow_none=True)
        try:
            return proxy.execute_kw(common.get_db_name(), self.rpc_uid(role), password, model,
                                    method, list(args), kwargs)
        except xmlrpc.client.Fault as fault:
            raise RpcError('xmlrpc.Fault', fault.faultString)

    def assertRpcRefused(self, role, model, method, *args, **kwargs):
        """Assert that the call is refused with an access error or a clear message;
        return the `RpcError` (its ``message`` is what the user reads).

        ``refusals=`` narrows the accepted exception classes (default `REFUSALS`).
        """
        refusals = kwargs.pop('refusals', REFUSALS)
        with self.assertRaises(RpcError) as caught:
            self.rpc(role, model, method, *args, **kwargs)
        self.assertIn(caught.exception.name, refusals, caught.exception.debug or
                      caught.exception.message)
        return caught.exception
