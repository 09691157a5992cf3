# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Who reads the ownership history and the merge log, over RPC.

Salespeople with "Own Documents Only" read the rows of the customers they own or co-own, of
pool customers, and the changes they gave, received or made; "All Documents" and managers
read all; members of "own customers only" stay narrowed whatever else they have.
"""
from .ownership_rpc_case import OwnershipRpcCase


class TestHistoryRules(OwnershipRpcCase):

    def _build_world(self, env):
        world = super()._build_world(env)
        Partner = env['res.partner'].with_context(tracking_disable=True)
        # In the pool, released from the colleague.
        world.pooled = Partner.create({'name': 'RPC Pooled Co', 'is_company': True,
                                       'customer': True, 'user_id': world.colleague.id})
        Partner._bulk_change_owners([(world.pooled.id, world.colleague.id, None, 'Released')],
                                    values={'in_pool': True})
        # Given away by the salesperson to the colleague.
        world.given = Partner.create({'name': 'RPC Given Co', 'is_company': True,
                                      'customer': True, 'user_id': world.sales.id})
        world.given.user_id = world.colleague
        Log = env['crm.customer.merge.log']
        world.log_own = Log.create({'partner_id': world.own.id, 'user_id': world.manager.id})
        world.log_other = Log.create({'partner_id': world.other.id,
                                      'user_id': world.manager.id})
        world.log_by_sales = Log.create({'partner_id': world.given.id,
                                         'user_id': world.sales.id})
        world.log_pooled = Log.create({'partner_id': world.pooled.id,
                                       'user_id': world.manager.id})
        return world

    def visible(self, role, model):
        """Names of the customers whose rows of ``model`` the role reads over RPC."""
        customers = [self.ids[key] for key in ('own', 'other', 'pooled', 'given')]
        rows = self.rpc(role, model, 'search_read', [('partner_id', 'in', customers)],
                        fields=['partner_id'])
        return sorted({row['partner_id'][1] for row in rows})

    def test_ownership_history_rules(self):
        history = 'crm.customer.ownership.history'
        self.assertEqual(self.visible('sales', history),
                         ['RPC Given Co', 'RPC Own Co', 'RPC Pooled Co'])
        self.assertEqual(self.visible('colleague', history),
                         ['RPC Given Co', 'RPC Other Co', 'RPC Pooled Co'])
        everything = ['RPC Given Co', 'RPC Other Co', 'RPC Own Co', 'RPC Pooled Co']
        self.assertEqual(self.visible('sales_all', history), everything)
        self.assertEqual(self.visible('manager', history), everything)
        self.assertEqual(self.visible('own_only', history), ['RPC Pooled Co'])
        for role in ('portal', 'employee'):
            self.assertRpcRefused(role, history, 'search_read', [], fields=['partner_id'],
                                  refusals=('odoo.exceptions.AccessError',))
        # a co-owner reads the history of the customer
        with self.server_env() as env:
            env['res.partner'].browse(self.ids['other']).co_owner_ids = env[
                'res.users'].browse(self.ids['sales'])
        self.assertIn('RPC Other Co', self.visible('sales', history))

    def test_own_customers_only_stays_narrowed(self):
        """All Documents does not widen what a member of "own customers only" reads."""
        with self.server_env() as env:
            env['res.users'].browse(self.ids['own_only']).groups_id = [(4, env.ref(
                'sales_team.group_sale_salesman_all_leads').id)]
        self.assertEqual(self.visible('own_only', 'crm.customer.ownership.history'),
                         ['RPC Pooled Co'])
        self.assertEqual(self.visible('own_only', 'crm.customer.merge.log'),
                         ['RPC Pooled Co'])

    def test_merge_log_rules(self):
        log = 'crm.customer.merge.log'
        self.assertEqual(self.visible('sales', log),
                         ['RPC Given Co', 'RPC Own Co', 'RPC Pooled Co'])
        self.assertEqual(self.visible('colleague', log),
                         ['RPC Given Co', 'RPC Other Co', 'RPC Pooled Co'])
        self.assertEqual(self.visible('sales_all', log),
                         ['RPC Given Co', 'RPC Other Co', 'RPC Own Co', 'RPC Pooled Co'])
        self.assertEqual(self.visible('own_only', log), ['RPC Pooled Co'])
        self.assertRpcRefused('portal', log, 'search_read', [], fields=['partner_id'],
                              refusals=('odoo.exceptions.AccessError',))
        # through the card: the colleague's merges are not among the salesperson's
        cards = self.rpc('sales', 'res.partner', 'read', [self.ids['other']],
                         ['merge_log_ids', 'ownership_history_ids'])
        self.assertEqual(cards[0]['merge_log_ids'], [])
        self.assertEqual(cards[0]['ownership_history_ids'], [])
