# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The public pool over RPC: who claims, releases and previews; whose contacts put off a
release; the claim limit when one salesperson claims twice at once."""
from datetime import timedelta

import psycopg2

from odoo import api, fields
from odoo.exceptions import UserError
from odoo.tools import mute_logger

from odoo.addons.crm_customer360.tz import company_tz, local_date

from .common import ConcurrencyCase
from .ownership_rpc_case import OwnershipRpcCase


def ago(days):
    """Now minus ``days`` days, as an Odoo datetime string."""
    return fields.Datetime.to_string(
        fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=days))


class TestPoolSecurity(OwnershipRpcCase):

    def setUp(self):
        super().setUp()
        self.set_pool(pool_enabled=True, pool_release_days=30, pool_exempt_open_orders=False,
                      pool_exempt_unpaid_invoices=False, pool_exempt_locked=True,
                      max_customers_per_user=0, pool_reclaim_block_days=0)

    def put_in_pool(self, *keys):
        """Release customers of the world to the pool, as the nightly job does."""
        with self.server_env() as env:
            facts = {'basis_kind': 'contact', 'basis_day': '2026-01-01'}
            env['res.partner']._pool_release({self.ids[key]: facts for key in keys})

    def owner_of(self, key):
        with self.server_env() as env:
            partner = env['res.partner'].browse(self.ids[key])
            return partner.user_id.id, partner.in_pool

    def test_claim_and_release_rights(self):
        """Portal users and employees neither claim nor release (not even their own company);
        a salesperson claims, and only the owner or a manager releases."""
        self.put_in_pool('own', 'other')
        for role in ('portal', 'employee'):
            for key in ('own', 'other'):
                self.assertRpcRefused(role, 'res.partner', 'action_pool_claim', [self.ids[key]],
                                      refusals=('odoo.exceptions.AccessError',))
        self.assertEqual(self.owner_of('own'), (False, True))
        self.rpc('sales', 'res.partner', 'action_pool_claim', [self.ids['own']])
        self.assertEqual(self.owner_of('own'), (self.ids['sales'], False))
        # a contact person stands for its company when released
        for role in ('portal', 'employee'):
            self.assertRpcRefused(role, 'res.partner', 'action_pool_release', [self.ids['own']],
                                  refusals=('odoo.exceptions.AccessError',))
        error = self.assertRpcRefused('colleague', 'res.partner', 'action_pool_release',
                                      [self.ids['own']])
        self.assertIn('Only the owner of RPC Own Co or a sales manager', error.message)
        self.rpc('sales', 'res.partner', 'action_pool_release', [self.ids['own_person']])
        self.assertEqual(self.owner_of('own'), (False, True))
        with self.server_env() as env:
            self.assertFalse(env['res.partner'].browse(self.ids['own_person']).in_pool)
        self.rpc('colleague', 'res.partner', 'action_pool_claim', [self.ids['other']])
        self.rpc('manager', 'res.partner', 'action_pool_release', [self.ids['other']])
        self.assertEqual(self.owner_of('other'), (False, True))

    def test_preview_for_managers(self):
        """The "Released Tomorrow" dry run is the sales managers'."""
        for role in ('portal', 'sales', 'sales_all'):
            self.assertRpcRefused(role, 'res.partner', 'action_pool_release_preview',
                                  refusals=('odoo.exceptions.AccessError',))
        action = self.rpc('manager', 'res.partner', 'action_pool_release_preview')
        self.assertIn('Released Tomorrow', action['name'])

    def test_only_owners_contacts_put_off_the_release(self):
        """A colleague who logs a contact on a customer (any salesperson may, on a customer
        they read) does not keep it from the pool; the owner's and a co-owner's contacts do.
        The card, the preview and the nightly job agree."""
        with self.server_env() as env:
            env.cr.execute("UPDATE res_partner SET create_date = %s WHERE id IN %s",
                           (ago(100), (self.ids['own'], self.ids['other'])))
            env.cr.execute("UPDATE crm_customer_ownership_history SET date = %s "
                           "WHERE partner_id IN %s", (ago(100), (self.ids['own'],
                                                                 self.ids['other'])))
            env['crm.customer.interaction'].create({
                'partner_id': self.ids['own'], 'user_id': self.ids['sales'],
                'summary': 'Owner, long ago', 'date': ago(40)})
        self.rpc('colleague', 'crm.customer.interaction', 'create', {
            'partner_id': self.ids['own'], 'summary': 'Dropped by'})
        # days in the company's calendar, as the job counts them (tz.py)
        with self.server_env() as env:
            zone = company_tz(env.user.company_id)
            due = local_date(env, ago(10), zone)
            contacted = local_date(env, ago(40), zone)
        card = self.rpc('sales', 'res.partner', 'read', [self.ids['own']],
                        ['pool_release_date', 'pool_release_reason', 'last_interaction_date'])
        self.assertEqual(card[0]['pool_release_date'], due)
        self.assertIn(contacted, card[0]['pool_release_reason'])
        self.assertGreater(card[0]['last_interaction_date'], ago(1))  # the card shows it
        action = self.rpc('manager', 'res.partner', 'action_pool_release_preview')
        tomorrow = self.rpc('manager', 'res.partner', 'search',
                            action['domain'] + [('name', 'like', 'RPC ')])
        self.assertIn(self.ids['own'], tomorrow)
        # a co-owner's contact counts
        with self.server_env() as env:
            env['res.partner'].browse(self.ids['other']).co_owner_ids = env[
                'res.users'].browse(self.ids['sales'])
        self.rpc('sales', 'crm.customer.interaction', 'create', {
            'partner_id': self.ids['other'], 'summary': 'Co-owner call'})
        card = self.rpc('manager', 'res.partner', 'read', [self.ids['other']],
                        ['pool_release_date'])
        today = fields.Datetime.now()[:10]
        self.assertGreater(card[0]['pool_release_date'], today)
        with self.server_env() as env:
            released = env['res.partner']._release_due_to_pool()
            self.assertTrue(env['res.partner'].browse(self.ids['own']).in_pool)
            self.assertFalse(env['res.partner'].browse(self.ids['other']).in_pool)
            self.assertGreaterEqual(released, 1)


class TestClaimLimitConcurrency(ConcurrencyCase):
    """One salesperson claims two pool customers in two requests at once, one below the
    limit of customers per salesperson: the limit holds."""

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            company = env.ref('base.main_company')
            keys = ('pool_enabled', 'max_customers_per_user')
            previous = {key: company[key] for key in keys}
            company.write({'pool_enabled': True, 'max_customers_per_user': 1})
            user = env['res.users'].create({
                'name': 'c360_limit_claimer', 'login': 'c360_limit_claimer',
                'groups_id': [(6, 0, [env.ref('sales_team.group_sale_salesman').id])]})
            customers = env['res.partner']
            for name in ('C360 Limit First', 'C360 Limit Second'):
                customers |= customers.create({'name': name, 'is_company': True,
                                               'customer': True})
            env.cr.execute("UPDATE res_partner SET in_pool = TRUE WHERE id IN %s",
                           (tuple(customers.ids),))
            self.user_id, self.customer_ids = user.id, customers.ids
            self.remove_committed(
                ('crm.customer.ownership.history', [('partner_id', 'in', customers.ids)]),
                ('res.partner', customers.ids), ('res.users', user.ids),
                ('res.partner', user.partner_id.ids))

        def restore():
            with self.committed_env() as env:
                env.ref('base.main_company').write(previous)
        self.addCleanup(restore)

    def test_two_claims_at_once_respect_the_limit(self):
        with self.two_cursors() as (cr_a, cr_b):
            env_a = api.Environment(cr_a, self.user_id, {'lang': 'en_US'})
            env_b = api.Environment(cr_b, self.user_id, {'lang': 'en_US'})
            first = env_a['res.partner'].browse(self.customer_ids[0])
            second = env_b['res.partner'].browse(self.customer_ids[1])
            # Both requests start (B's snapshot starts here, owning nothing) ...
            self.assertTrue(first.in_pool and second.in_pool)
            # ... A claims and commits first ...
            first.action_pool_claim()
            cr_a.commit()
            # ... B cannot pass the limit on its old snapshot: the server retries it ...
            with self.assertRaises(psycopg2.extensions.TransactionRollbackError), \
                    mute_logger('odoo.sql_db'):
                second.action_pool_claim()
            cr_b.rollback()
            second.invalidate_cache()
            # ... in a new transaction, which counts A's claim.
            with self.assertRaises(UserError) as ctx:
                second.action_pool_claim()
            self.assertIn('limit of 1', ctx.exception.name)
            cr_b.rollback()
            claimed = env_b['res.partner'].sudo().search_count(
                [('user_id', '=', self.user_id), ('customer', '=', True)])
            self.assertEqual(claimed, 1)
