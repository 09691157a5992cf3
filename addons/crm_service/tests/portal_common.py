# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Test data of the portal and rating tests: two customers, each with a portal user,
a confirmed sales order and tickets. Built through any environment, so that the route
tests (which must build on the requests' cursor) and the model tests share it."""
from types import SimpleNamespace

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
