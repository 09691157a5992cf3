# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The dashboard tiles over RPC: salespeople read and open their own tiles, managers the team
tiles too; portal users and employees neither."""
from .rpc_case import RpcCase


class TestDashboardSecurity(RpcCase):

    def tile_id(self, code):
        with self.server_env() as env:
            return env['crm.customer.dashboard.tile'].search([('code', '=', code)]).id

    def test_tiles_over_rpc(self):
        mine, team = self.tile_id('my_customers'), self.tile_id('team_customers')
        for role in ('portal', 'employee'):
            self.assertRpcRefused(role, 'crm.customer.dashboard.tile', 'action_open', [mine])
            self.assertRpcRefused(role, 'crm.customer.dashboard.tile', 'read', [mine],
                                  ['value'])
        # The salesperson owns RPC Own Co: one customer, and the list that opens has it.
        [row] = self.rpc('sales', 'crm.customer.dashboard.tile', 'read', [mine], ['value'])
        self.assertEqual(row['value'], 1)
        action = self.rpc('sales', 'crm.customer.dashboard.tile', 'action_open', [mine])
        self.assertEqual(self.rpc('sales', 'res.partner', 'search', action['domain']),
                         [self.ids['own']])
        # Team tiles: not listed for a salesperson, refused when named.
        listed = self.rpc('sales', 'crm.customer.dashboard.tile', 'search', [])
        self.assertIn(mine, listed)
        self.assertNotIn(team, listed)
        self.assertRpcRefused('sales', 'crm.customer.dashboard.tile', 'action_open', [team])
        self.assertRpcRefused('sales', 'crm.customer.dashboard.tile', 'write', [mine],
                              {'name': 'Renamed'})
        action = self.rpc('manager', 'crm.customer.dashboard.tile', 'action_open', [team])
        [row] = self.rpc('manager', 'crm.customer.dashboard.tile', 'read', [team], ['value'])
        self.assertEqual(row['value'],
                         self.rpc('manager', 'res.partner', 'search_count', action['domain']))
