# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Public pool (公海): settings, nightly release, claim and release buttons."""
from datetime import timedelta

import psycopg2

from odoo import api, fields
from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .common import ConcurrencyCase, Customer360Case


class PoolCase(Customer360Case):
    """Pool settings and four customers of Alice; runs no test of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice = cls.make_user('c360_pool_alice', ['sales_team.group_sale_salesman'])
        cls.bob = cls.make_user('c360_pool_bob', ['sales_team.group_sale_salesman'])
        cls.restricted = cls.make_user('c360_pool_restricted', [
            'crm_customer360.group_own_customers_only'])
        cls.settings({'pool_enabled': True, 'pool_release_days': 30,
                      'pool_exempt_open_orders': True, 'pool_exempt_unpaid_invoices': True,
                      'max_customers_per_user': 0, 'pool_reclaim_block_days': 10})
        cls.stale = cls.make_customer('C360 Pool Stale', user_id=cls.alice.id,
                                      co_owner_ids=[(6, 0, cls.bob.ids)])
        cls.fresh = cls.make_customer('C360 Pool Fresh', user_id=cls.alice.id)
        cls.with_order = cls.make_customer('C360 Pool Ordering', user_id=cls.alice.id)
        cls.with_invoice = cls.make_customer('C360 Pool Owing', user_id=cls.alice.id)
        cls.make_order(cls.with_order, 100, cls.day(-60), state='sale')
        cls.make_invoice(cls.with_invoice, 100, cls.day(-60))
        old = cls.ago(40)
        for partner in cls.stale | cls.with_order | cls.with_invoice:
            cls.env['crm.customer.interaction'].create({
                'partner_id': partner.id, 'summary': 'Long ago', 'date': old,
                'user_id': cls.alice.id})
        cls.env['crm.customer.interaction'].create({
            'partner_id': cls.fresh.id, 'summary': 'Recent', 'date': cls.ago(2),
            'user_id': cls.alice.id})
        cls.backdate(cls.stale | cls.fresh | cls.with_order | cls.with_invoice)

    @classmethod
    def backdate(cls, partners, days=100):
        """Customers created (and given to their owner) ``days`` days ago."""
        cls.env.cr.execute(
            "UPDATE res_partner SET create_date = now() at time zone 'UTC' - %s * interval "
            "'1 day' WHERE id IN %s", (days, tuple(partners.ids)))
        partners.invalidate_cache()

    @classmethod
    def ago(cls, days):
        return fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=days))

    @classmethod
    def settings(cls, values):
        """Set pool settings of the user's company, that of the customers (without the
        settings' ``execute``, which resets the environments and would leave the test's
        record caches stale)."""
        cls.env.user.company_id.write(values)


class TestResPartnerPool(PoolCase):

    def test_settings_stored_on_the_company(self):
        self.env['res.config.settings'].create({
            'pool_enabled': True, 'pool_release_days': 45, 'pool_exempt_open_orders': False,
            'max_customers_per_user': 7, 'pool_reclaim_block_days': 10}).execute()
        company = self.env.user.company_id
        self.assertEqual(company.pool_release_days, 45)
        self.assertTrue(company.pool_enabled)
        self.assertFalse(company.pool_exempt_open_orders)
        settings = self.env['res.partner']._pool_settings()
        self.assertEqual(settings['max_customers_per_user'], 7)
        self.assertFalse(settings['pool_exempt_open_orders'])
        self.assertEqual(self.env['res.config.settings'].create({})['pool_release_days'], 45)

    def test_negative_settings_refused(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env['res.config.settings'].create({'max_customers_per_user': -1})

    def test_cron_releases_stale_customers_only(self):
        self.env['res.partner']._release_due_to_pool()
        self.assertTrue(self.stale.in_pool)
        self.assertFalse(self.stale.user_id)
        self.assertFalse(self.stale.co_owner_ids)
        self.assertEqual(self.stale.pool_released_reason,
                         'No contact since %s and no open order' % self.local_day(self.ago(40)))
        self.assertFalse(self.stale.pool_release_date)
        self.assertEqual(self.stale.pool_released_user_id, self.alice)
        for partner in self.fresh | self.with_order | self.with_invoice:
            self.assertFalse(partner.in_pool, partner.name)
            self.assertEqual(partner.user_id, self.alice)
        history = self.stale.ownership_history_ids
        self.assertEqual(history.from_user_id, self.alice)
        self.assertFalse(history.to_user_id)
        # Running again changes nothing.
        self.assertEqual(self.env['res.partner']._release_due_to_pool(), 0)

    def test_cron_does_nothing_when_disabled(self):
        self.settings({'pool_enabled': False})
        self.assertEqual(self.env['res.partner']._release_due_to_pool(), 0)
        self.assertFalse(self.stale.in_pool)

    def test_claim_and_release_as_salespeople(self):
        self.env['res.partner']._release_due_to_pool()
        self.stale.sudo(self.bob).action_pool_claim()
        self.assertFalse(self.stale.in_pool)
        self.assertEqual(self.stale.user_id, self.bob)
        self.assertEqual(self.stale.ownership_history_ids[0].changed_by, self.bob)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.stale.sudo(self.bob).action_pool_claim()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.stale.sudo(self.alice).action_pool_release()
        self.stale.sudo(self.bob).action_pool_release()
        self.assertTrue(self.stale.in_pool)
        self.assertEqual(self.stale.pool_released_reason, 'Released by %s' % self.bob.name)

    def test_reclaim_blocked_for_releasing_owner(self):
        self.env['res.partner']._release_due_to_pool()
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            self.stale.sudo(self.alice).action_pool_claim()
        self.assertIn('10', ctx.exception.name)
        self.assertTrue(self.stale.in_pool)

    def test_claim_limit(self):
        self.env['res.partner']._release_due_to_pool()
        self.settings({'pool_enabled': True, 'pool_release_days': 30,
                       'max_customers_per_user': 3, 'pool_reclaim_block_days': 0})
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            self.stale.sudo(self.alice).action_pool_claim()
        self.assertIn('3', ctx.exception.name)
        self.assertTrue(self.stale.in_pool)
        self.stale.sudo(self.bob).action_pool_claim()
        self.assertEqual(self.stale.user_id, self.bob)

    def test_claim_lost_to_another_transaction(self):
        self.env['res.partner']._release_due_to_pool()
        stale = self.stale.sudo(self.bob)
        self.assertTrue(stale.in_pool)
        # Another salesperson's transaction claimed it after this one read it.
        self.env.cr.execute("UPDATE res_partner SET in_pool = FALSE, user_id = %s "
                            "WHERE id = %s", (self.alice.id, self.stale.id))
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            stale.action_pool_claim()
        self.assertIn('Someone else', ctx.exception.name)
        self.assertIn('C360 Pool Stale', ctx.exception.name)
        self.stale.invalidate_cache()
        self.assertEqual(self.stale.user_id, self.alice)

    def test_restricted_group_sees_pool(self):
        self.env['res.partner']._release_due_to_pool()
        visible = self.env['res.partner'].sudo(self.restricted).search(
            [('name', 'ilike', 'C360 Pool')])
        self.assertEqual(visible, self.stale)


class TestPoolClaimConcurrency(ConcurrencyCase):
    """Two salespeople claim the same pool customer in two transactions at once."""

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            users = env['res.users']
            for login in ('c360_claim_a', 'c360_claim_b'):
                users |= users.create({'name': login, 'login': login, 'groups_id': [(6, 0, [
                    env.ref('sales_team.group_sale_salesman').id])]})
            customer = env['res.partner'].create({
                'name': 'C360 Pool Contested Claim', 'is_company': True, 'customer': True})
            env.cr.execute("UPDATE res_partner SET in_pool = TRUE, user_id = NULL "
                           "WHERE id = %s", (customer.id,))
            self.customer_id, self.user_ids = customer.id, users.ids
            self.remove_committed(('crm.customer.ownership.history',
                                   [('partner_id', '=', customer.id)]),
                                  ('res.partner', [customer.id]), ('res.users', users.ids),
                                  ('res.partner', users.mapped('partner_id').ids))

    def test_exactly_one_claim_wins(self):
        with self.two_cursors() as (cr_a, cr_b):
            env_a = api.Environment(cr_a, self.user_ids[0], {'lang': 'en_US'})
            env_b = api.Environment(cr_b, self.user_ids[1], {'lang': 'en_US'})
            customer_b = env_b['res.partner'].browse(self.customer_id)
            # Both read the customer in the pool (B's snapshot starts here) ...
            self.assertTrue(customer_b.in_pool)
            self.assertTrue(env_a['res.partner'].browse(self.customer_id).in_pool)
            # ... A claims and commits first ...
            env_a['res.partner'].browse(self.customer_id).action_pool_claim()
            cr_a.commit()
            # ... B's claim cannot write the row A changed after B's snapshot: the server
            # would retry the request in a new transaction ...
            with self.assertRaises(psycopg2.extensions.TransactionRollbackError), \
                    mute_logger('odoo.sql_db'):
                customer_b.action_pool_claim()
            cr_b.rollback()
            customer_b.invalidate_cache()
            # ... where B is told who has it, and nothing changes.
            with self.assertRaises(UserError) as ctx:
                customer_b.action_pool_claim()
            self.assertEqual(ctx.exception.name, "Someone else has just claimed "
                             "C360 Pool Contested Claim (c360_claim_a).")
            cr_b.rollback()
            customer = env_b['res.partner'].sudo().browse(self.customer_id)
            customer.invalidate_cache()
            self.assertEqual(customer.user_id.id, self.user_ids[0])
            self.assertFalse(customer.in_pool)
            self.assertEqual(len(customer.ownership_history_ids), 1)
