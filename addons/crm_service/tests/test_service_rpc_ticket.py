# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The public methods of tickets over JSON-RPC, as portal user, salespeople and agents.

A portal user reaches their own company's tickets only, read only; a salesperson reads the
tickets of their customers; an agent works on their own and their teams' tickets. The fields
the server sets (number, SLA deadlines and status, closing date, token) are nobody's to write.
"""
from .rpc_service import TICKET, ServiceRpcCase

ACCESS = ('odoo.exceptions.AccessError',)


class TestServiceRpcTicket(ServiceRpcCase):

    def test_create_and_write_need_service_rights(self):
        values = {'name': 'RPC new', 'partner_id': self.ids['own_person']}
        for role in ('portal', 'sales', 'employee'):
            self.assertRpcRefused(role, TICKET, 'create', values, refusals=ACCESS)
        for role, key in (('portal', 'ticket_own'), ('sales', 'ticket_own'),
                          ('agent_other', 'ticket_own'), ('agent', 'ticket_other')):
            self.assertRpcRefused(role, TICKET, 'write', [self.ids[key]], {'name': 'Mine'},
                                  refusals=ACCESS)
        self.assertEqual(self.read_ticket('ticket_own', ['name'])['name'], 'RPC own printer')
        ticket_id = self.rpc('agent', TICKET, 'create', dict(values, team_id=self.ids['team_own']))
        self.assertTrue(self.rpc('agent', TICKET, 'write', [ticket_id], {'priority': 'high'}))
        with self.server_env() as env:
            ticket = env[TICKET].browse(ticket_id)
            self.assertEqual(ticket.priority, 'high')
            self.assertEqual(ticket.number[:2], 'TK')

    def test_system_fields_are_the_servers(self):
        """Before: an agent set a breached ticket's SLA status to met, moved its deadlines or
        its customer over RPC."""
        before = self.read_ticket('ticket_own', ['sla_status', 'resolve_deadline', 'number'])
        for values in ({'sla_status': 'met'}, {'resolve_deadline': '2099-01-01 00:00:00'},
                       {'closed_date': '2020-01-01 00:00:00'}, {'number': 'TK-FAKE'},
                       {'commercial_partner_id': self.ids['other']}, {'access_token': 'mine'},
                       {'rating_last_value': 10.0}, {'is_closed': True}):
            error = self.assertRpcRefused('agent', TICKET, 'write', [self.ids['ticket_own']],
                                          values, refusals=('odoo.exceptions.UserError',))
            self.assertIn('are set by the server, not by hand', error.message)
        self.assertRpcRefused('sales', TICKET, 'write', [self.ids['ticket_own']],
                              {'sla_status': 'met'})
        self.assertRpcRefused('portal', TICKET, 'write', [self.ids['ticket_own']],
                              {'sla_status': 'met'})
        self.assertEqual(self.read_ticket('ticket_own', list(before)), before)
        # at creation neither, by value nor by a default of the context
        self.assertRpcRefused('agent', TICKET, 'create', {
            'name': 'RPC backdated', 'partner_id': self.ids['own_person'],
            'sla_start_date': '2000-01-01 00:00:00'})
        ticket_id = self.rpc('agent', TICKET, 'create', {
            'name': 'RPC by default', 'partner_id': self.ids['own_person'],
            'team_id': self.ids['team_own']}, context={
                'default_sla_start_date': '2000-01-01 00:00:00', 'default_number': 'TK-MINE',
                'default_closed_date': '2000-01-01 00:00:00'})
        with self.server_env() as env:
            ticket = env[TICKET].browse(ticket_id)
            self.assertGreater(ticket.sla_start_date, '2020-01-01')
            self.assertNotEqual(ticket.number, 'TK-MINE')
            self.assertFalse(ticket.closed_date)

    def test_assign_to_me(self):
        own = [self.ids['ticket_own']]
        self.assertRpcRefused('portal', TICKET, 'action_assign_to_me', own)
        error = self.assertRpcRefused('sales', TICKET, 'action_assign_to_me', own)
        self.assertIn('Only service agents take tickets', error.message)
        self.assertRpcRefused('agent_other', TICKET, 'action_assign_to_me', own,
                              refusals=ACCESS)
        self.assertFalse(self.read_ticket('ticket_own', ['user_id'])['user_id'])
        self.assertTrue(self.rpc('agent', TICKET, 'action_assign_to_me', own))
        self.assertEqual(self.read_ticket('ticket_own', ['user_id'])['user_id'][0],
                         self.ids['agent'])
        # nor can a ticket go to a portal user
        error = self.assertRpcRefused('service_manager', TICKET, 'write', own,
                                      {'user_id': self.ids['portal']})
        self.assertIn('is not an employee', error.message)

    def test_name_get_and_name_search(self):
        def found(role, name='RPC'):
            return {row[0] for row in self.rpc(role, TICKET, 'name_search', name)}

        own, other = self.ids['ticket_own'], self.ids['ticket_other']
        self.assertEqual(found('portal'), {own})
        self.assertEqual(found('sales'), {own})
        self.assertEqual(found('colleague'), {other})
        self.assertEqual(found('agent_other'), {other})
        self.assertEqual(found('service_manager') & {own, other}, {own, other})
        # a % typed in the search is no wildcard on the number
        self.assertFalse(found('service_manager', '%00') & {own, other})
        number = self.read_ticket('ticket_own', ['number'])['number']
        self.assertEqual(self.rpc('portal', TICKET, 'name_get', [own]),
                         [[own, '%s RPC own printer' % number]])
        for role in ('portal', 'sales', 'agent'):
            self.assertRpcRefused(role, TICKET, 'name_get', [other], refusals=ACCESS)

    def test_back_office_actions(self):
        own, other = [self.ids['ticket_own']], [self.ids['ticket_other']]
        for method in ('action_open_customer', 'action_view_ratings'):
            self.assertRpcRefused('portal', TICKET, method, own, refusals=ACCESS)
            self.assertRpcRefused('sales', TICKET, method, other, refusals=ACCESS)
            self.assertRpcRefused('agent_other', TICKET, method, own, refusals=ACCESS)
        action = self.rpc('sales', TICKET, 'action_open_customer', own)
        self.assertEqual(action['res_id'], self.ids['own'])
        action = self.rpc('agent', TICKET, 'action_view_ratings', own)
        self.assertIn(('res_id', '=', self.ids['ticket_own']),
                      [tuple(term) for term in action['domain']])

    def test_portal_share_url_for_the_tickets_agents(self):
        """The access token lets anyone post on the ticket: before, whoever could read the
        ticket (its customer's salesperson, the portal user) got it."""
        own = [self.ids['ticket_own']]
        for role in ('portal', 'sales', 'agent_other'):
            self.assertRpcRefused(role, TICKET, 'portal_share_url', own, refusals=ACCESS)
        with self.server_env() as env:
            self.assertFalse(env[TICKET].browse(own).access_token)
        url = self.rpc('agent', TICKET, 'portal_share_url', own)
        with self.server_env() as env:
            token = env[TICKET].browse(own).access_token
        self.assertEqual(url, '/my/tickets/%d?access_token=%s' % (own[0], token))
        # the token itself is read by agents only
        self.assertRpcRefused('sales', TICKET, 'read', own, ['access_token'],
                              refusals=ACCESS)

    def test_rating_get_partner_id(self):
        own, other = [self.ids['ticket_own']], [self.ids['ticket_other']]
        self.assertEqual(self.rpc('portal', TICKET, 'rating_get_partner_id', own),
                         self.ids['own_person'])
        for role, ids in (('portal', other), ('sales', other), ('agent_other', own)):
            self.assertRpcRefused(role, TICKET, 'rating_get_partner_id', ids,
                                  refusals=ACCESS)

    def test_message_get_suggested_recipients(self):
        own, other = [self.ids['ticket_own']], [self.ids['ticket_other']]
        for role, ids in (('portal', other), ('sales', other), ('agent_other', own)):
            self.assertRpcRefused(role, TICKET, 'message_get_suggested_recipients', ids,
                                  refusals=ACCESS)
        for role in ('portal', 'agent'):
            recipients = self.rpc(role, TICKET, 'message_get_suggested_recipients', own)
            # the contact follows the ticket already: nobody more to suggest
            self.assertEqual(recipients, {str(own[0]): []})

    def test_message_new_is_the_gateways(self):
        """Before, a portal user or a salesperson could call it: it made contacts as
        superuser before creating the ticket."""
        msg = {'subject': 'RPC forged mail', 'email_from': 'forger@rpc-forged.example.com',
               'body': '<p>forged</p>'}
        for role in ('portal', 'sales'):
            self.assertRpcRefused(role, TICKET, 'message_new', msg, refusals=ACCESS)
        with self.server_env() as env:
            self.assertFalse(env['res.partner'].search(
                [('email', '=', 'forger@rpc-forged.example.com')]))
        ticket_id = self.rpc('agent', TICKET, 'message_new', msg,
                             {'team_id': self.ids['team_own']})
        with self.server_env() as env:
            ticket = env[TICKET].browse(ticket_id)
            self.assertEqual(ticket.name, 'RPC forged mail')
            self.assertEqual(ticket.partner_id.email, 'forger@rpc-forged.example.com')
