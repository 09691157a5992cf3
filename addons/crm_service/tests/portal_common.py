# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Test data of the portal and rating tests: two customers, each with a portal user,
a confirmed sales order and tickets. Built through any environment, so that the route
tests (which must build on the requests' cursor) and the model tests share it."""
from types import SimpleNamespace

from odoo.addons.crm_customer360.tests.http_case import C360HttpCase

PORTAL_LOGIN = 'svc.portal.own'
FOREIGN_LOGIN = 'svc.portal.foreign'


def make_portal_world(env):
    """Create the test data in `env` (admin) and return it as a namespace.

    own: customer 'Portal Own Co' with contact 'Olga Own' (portal user PORTAL_LOGIN),
    a confirmed order, tickets 'Own printer jam' (open) and 'Own closed question' (closed).
    foreign: 'Portal Foreign Co' with contact 'Fritz Foreign' (portal user FOREIGN_LOGIN),
    a confirmed order and the open ticket 'Foreign secret issue'.
    """
    env = env(context=dict(env.context, lang='en_US', tracking_disable=True,
                           mail_create_nolog=True, no_reset_password=True))
    w = SimpleNamespace()
    w.stage_open = env['crm.service.stage'].create({'name': 'Portal Test Open', 'sequence': 0})
    w.stage_closed = env['crm.service.stage'].create(
        {'name': 'Portal Test Done', 'sequence': 90, 'is_closing': True})
    w.category = env['crm.service.category'].create({'name': 'Portal Test Hardware'})
    w.product = env['product.product'].create({
        'name': 'Portal Test Printer', 'type': 'consu', 'list_price': 80.0,
        'taxes_id': [(6, 0, [])]})
    w.other_product = env['product.product'].create({
        'name': 'Portal Test Scanner', 'type': 'consu', 'list_price': 50.0,
        'taxes_id': [(6, 0, [])]})
    portal_group = env.ref('base.group_portal')
    for key, name, contact, login, product in (
            ('own', 'Portal Own Co', 'Olga Own', PORTAL_LOGIN, w.product),
            ('foreign', 'Portal Foreign Co', 'Fritz Foreign', FOREIGN_LOGIN, w.other_product)):
        company = env['res.partner'].create(
            {'name': name, 'is_company': True, 'customer': True, 'lang': 'en_US'})
        person = env['res.partner'].create({
            'name': contact, 'parent_id': company.id, 'lang': 'en_US',
            'email': '%s@example.com' % login})
        user = env['res.users'].create({
            'name': contact, 'login': login, 'password': login, 'partner_id': person.id,
            'groups_id': [(6, 0, [portal_group.id])]})
        order = env['sale.order'].create({
            'partner_id': company.id,
            'order_line': [(0, 0, {'product_id': product.id, 'name': product.name,
                                   'product_uom_qty': 1, 'price_unit': 80.0,
                                   'product_uom': product.uom_id.id,
                                   'tax_id': [(6, 0, [])]})]})
        order.action_confirm()
        setattr(w, key, company)
        setattr(w, key + '_person', person)
        setattr(w, key + '_user', user)
        setattr(w, key + '_order', order)
    Ticket = env['crm.service.ticket']
    w.own_ticket = Ticket.create({
        'name': 'Own printer jam', 'partner_id': w.own_person.id, 'channel': 'phone',
        'stage_id': w.stage_open.id})
    w.own_closed_ticket = Ticket.create({
        'name': 'Own closed question', 'partner_id': w.own.id, 'channel': 'email',
        'stage_id': w.stage_open.id})
    w.own_closed_ticket.write({'stage_id': w.stage_closed.id})
    w.foreign_ticket = Ticket.create({
        'name': 'Foreign secret issue', 'partner_id': w.foreign_person.id, 'channel': 'phone',
        'stage_id': w.stage_open.id})
    return w


class PortalRoutesCase(C360HttpCase):
    """HTTP requests of the portal user PORTAL_LOGIN on the world of `make_portal_world`
    (built on the requests' cursor); ``self.ids`` holds its ids and numbers. No tests."""

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            w = make_portal_world(env)
            self.ids = {
                'own_ticket': w.own_ticket.id, 'own_number': w.own_ticket.number,
                'own_closed_ticket': w.own_closed_ticket.id,
                'own_closed_number': w.own_closed_ticket.number,
                'foreign_ticket': w.foreign_ticket.id,
                'foreign_number': w.foreign_ticket.number,
                'own': w.own.id, 'own_person': w.own_person.id,
                'own_order': w.own_order.id, 'foreign_order': w.foreign_order.id,
                'product': w.product.id, 'other_product': w.other_product.id,
                'category': w.category.id,
            }
            self.foreign_token = w.foreign_ticket._portal_ensure_token()
        self.authenticate(PORTAL_LOGIN, PORTAL_LOGIN)

    def ticket_count(self, **domain):
        with self.server_env() as env:
            return env['crm.service.ticket'].search_count(
                [(key, '=', value) for key, value in domain.items()])

    def post_new_ticket(self, **values):
        """POST the new ticket form with `values`, the CSRF token added; no redirect."""
        data = {'csrf_token': self.csrf_token('/my/tickets/new'), 'description': '',
                'category_id': '', 'sale_order_id': '', 'product_id': ''}
        data.update(values)
        return self.url_open('/my/tickets/new', data=data, allow_redirects=False)

    def chatter_post(self, ticket_id, message, **extra):
        data = {'csrf_token': self.csrf_token('/my/tickets/new'),
                'res_model': 'crm.service.ticket', 'res_id': str(ticket_id),
                'message': message}
        data.update(extra)
        self.opener.headers['Referer'] = 'http://127.0.0.1:%d/my/tickets/%d' % (
            self.port, ticket_id)
        return self.url_open('/mail/chatter_post', data=data, allow_redirects=False)

    def messages(self, ticket_id, text):
        with self.server_env() as env:
            return env['mail.message'].search_count([
                ('model', '=', 'crm.service.ticket'), ('res_id', '=', ticket_id),
                ('body', 'ilike', text)])

    def json(self, url, params):
        """POST a JSON-RPC call to ``url``; return the HTTP response."""
        if url.startswith('/'):
            url = 'http://127.0.0.1:%d%s' % (self.port, url)
        return self.opener.post(url, json={'jsonrpc': '2.0', 'method': 'call', 'id': 1,
                                           'params': params}, timeout=30)
