# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Contact records over RPC: salespeople log contacts on the customers they read, in their
own name; portal users and employees do not reach them."""
from .ownership_rpc_case import OwnershipRpcCase

INTERACTION = 'crm.customer.interaction'


class TestInteractionSecurity(OwnershipRpcCase):

    def _build_world(self, env):
        world = super()._build_world(env)
        Interaction = env[INTERACTION]
        world.own_call = Interaction.create({'partner_id': world.own.id,
                                             'user_id': world.sales.id, 'summary': 'Call'})
        world.other_call = Interaction.create({'partner_id': world.other.id,
                                               'user_id': world.colleague.id,
                                               'summary': 'Secret call'})
        return world

    def interaction(self, key):
        with self.server_env() as env:
            record = env[INTERACTION].browse(self.ids[key])
            return record.partner_id.id, record.user_id.id, record.summary

    def test_create_rights(self):
        """Portal users and employees log nothing; salespeople log on customers they read,
        in their own name; managers may log for someone else."""
        for role in ('portal', 'employee'):
            self.assertRpcRefused(role, INTERACTION, 'create', {
                'partner_id': self.ids['own'], 'summary': 'Hello'},
                refusals=('odoo.exceptions.AccessError',))
        # on a colleague's customer, which every salesperson with all partners reads
        new = self.rpc('sales', INTERACTION, 'create', {'partner_id': self.ids['other_person'],
                                                        'summary': 'Met at a fair'})
        self.assertEqual(self.interaction_of(new), (self.ids['other'], self.ids['sales']))
        error = self.assertRpcRefused('own_only', INTERACTION, 'create', {
            'partner_id': self.ids['other'], 'summary': 'Hello'},
            refusals=('odoo.exceptions.AccessError',))
        self.assertIn('customer you may not see', error.message)
        error = self.assertRpcRefused('sales', INTERACTION, 'create', {
            'partner_id': self.ids['own'], 'summary': 'Hello', 'user_id': self.ids['colleague']},
            refusals=('odoo.exceptions.AccessError',))
        self.assertIn('You log contacts in your own name', error.message)
        on_behalf = self.rpc('manager', INTERACTION, 'create', {
            'partner_id': self.ids['own'], 'summary': 'Visit', 'user_id': self.ids['sales']})
        self.assertEqual(self.interaction_of(on_behalf), (self.ids['own'], self.ids['sales']))

    def interaction_of(self, interaction_id):
        with self.server_env() as env:
            record = env[INTERACTION].browse(interaction_id)
            return record.partner_id.id, record.user_id.id

    def test_write_rights(self):
        """A salesperson edits their own records, but neither signs them with another name
        nor moves them to a customer they may not read; others' records stay as they are."""
        self.rpc('sales', INTERACTION, 'write', [self.ids['own_call']], {'summary': 'Long call'})
        error = self.assertRpcRefused('sales', INTERACTION, 'write', [self.ids['own_call']],
                                      {'user_id': self.ids['colleague']})
        self.assertIn('You log contacts in your own name', error.message)
        self.assertRpcRefused('sales', INTERACTION, 'write', [self.ids['other_call']],
                              {'summary': 'Rewritten'})
        self.assertRpcRefused('portal', INTERACTION, 'write', [self.ids['own_call']],
                              {'summary': 'Rewritten'})
        with self.server_env() as env:
            mine = env[INTERACTION].create({'partner_id': self.ids['own'],
                                            'user_id': self.ids['own_only'], 'summary': 'x'})
            env['res.partner'].browse(self.ids['own']).co_owner_ids = env['res.users'].browse(
                self.ids['own_only'])
        self.assertRpcRefused('own_only', INTERACTION, 'write', [mine.id],
                              {'partner_id': self.ids['other']})
        self.assertEqual(self.interaction('own_call'),
                         (self.ids['own'], self.ids['sales'], 'Long call'))
        self.assertEqual(self.interaction('other_call'),
                         (self.ids['other'], self.ids['colleague'], 'Secret call'))

    def test_unlink_rights(self):
        """Only sales managers delete contact records."""
        for role in ('portal', 'sales', 'colleague'):
            self.assertRpcRefused(role, INTERACTION, 'unlink', [self.ids['own_call']],
                                  refusals=('odoo.exceptions.AccessError',))
        self.rpc('manager', INTERACTION, 'unlink', [self.ids['own_call']])
        with self.server_env() as env:
            self.assertFalse(env[INTERACTION].browse(self.ids['own_call']).exists())
            self.assertFalse(env['res.partner'].browse(self.ids['own']).last_interaction_date)

    def test_open_interactions(self):
        """The card's Contacts button is the salespeople's."""
        for role in ('portal', 'employee'):
            self.assertRpcRefused(role, 'res.partner', 'action_open_interactions',
                                  [self.ids['own']], refusals=('odoo.exceptions.AccessError',))
        action = self.rpc('sales', 'res.partner', 'action_open_interactions',
                          [self.ids['own_person']])
        self.assertEqual(action['domain'], [['partner_id', '=', self.ids['own']]])
