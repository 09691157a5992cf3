# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The coming release of each owned customer, the "Released Tomorrow" list and the
set-based nightly job (contacts, co-owners, history, chatter)."""
from datetime import timedelta
from unittest.mock import patch

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import AccessError, UserError

from .common import ConcurrencyCase, run_background
from .test_res_partner_pool import PoolCase


class TestPoolSchedule(PoolCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.locked = cls.make_customer('C360 Pool Locked', user_id=cls.alice.id,
                                       pool_locked=True)
        cls.silent = cls.make_customer('C360 Pool Silent', user_id=cls.alice.id)
        cls.person = cls.make_contact(cls.stale, 'C360 Pool Stale Person')
        cls.mine = cls.make_customer('C360 Pool Restricted Own', user_id=cls.restricted.id)
        cls.backdate(cls.locked | cls.silent | cls.mine)
        # Given to Bob, then back to Alice five days ago: Alice has had it for five days.
        cls.silent.write({'user_id': cls.bob.id})
        cls.silent.write({'user_id': cls.alice.id})
        cls.env.cr.execute(
            "UPDATE crm_customer_ownership_history SET date = %s WHERE partner_id = %s",
            (cls.ago(5), cls.silent.id))
        cls.env['crm.customer.interaction'].create({
            'partner_id': cls.mine.id, 'summary': 'Long ago', 'date': cls.ago(31),
            'user_id': cls.restricted.id})

    def test_release_date_and_reason_of_each_kind(self):
        self.assertEqual(self.stale.pool_release_date, self.day(-10))
        self.assertEqual(self.stale.pool_release_reason,
                         'No contact since %s and no open order' % self.local_day(self.ago(40)))
        self.assertEqual(self.fresh.pool_release_date, self.day(28))
        self.assertEqual(self.silent.pool_release_date, self.day(25))
        self.assertEqual(self.silent.pool_release_reason,
                         'No contact since it was assigned on %s and no open order'
                         % self.local_day(self.ago(5)))
        # A contact of the company shows the company's coming release.
        self.assertEqual(self.person.pool_release_date, self.day(-10))
        for partner, reason in ((self.with_order, 'Kept with its owner: it has an open order'),
                                (self.with_invoice,
                                 'Kept with its owner: it has unpaid invoices'),
                                (self.locked, 'Kept with its owner: the customer is locked '
                                              'to its owner')):
            self.assertFalse(partner.pool_release_date, partner.name)
            self.assertEqual(partner.pool_release_reason, reason)

    def test_release_period_hook_takes_values(self):
        """An extending addon gives periods as values (``_pool_release_periods``): here 50
        days for Alice's customers (a first map that matches nobody is passed over); the
        stale one was last contacted 40 days ago. Names that are no column are refused."""
        Partner = type(self.env['res.partner'])
        periods = [('user_id', {0: 1}), ('user_id', {self.alice.id: 50})]
        with patch.object(Partner, '_pool_release_periods', lambda model, s: periods):
            self.stale.invalidate_cache()
            self.assertEqual(self.stale.pool_release_date, self.day(10))
        partners = self.env['res.partner']
        settings = partners._pool_settings()
        for wrong in ([('name', {1: 5})], [('user_id', 'login')]):
            with patch.object(Partner, '_pool_release_periods', lambda model, s: wrong):
                with self.assertRaises(ValueError):
                    partners._pool_schedule(settings)
        with self.assertRaises(ValueError):
            partners._pool_schedule(settings, release_date=('; --', None))

    def test_last_order_counts_when_exemptions_are_off(self):
        self.settings({'pool_exempt_open_orders': False, 'pool_exempt_unpaid_invoices': False,
                       'pool_exempt_locked': False})
        recent = self.make_order(self.stale, 80, self.day(-20), state='sale')
        self.stale.invalidate_cache()
        expected = fields.Date.to_string(
            fields.Datetime.from_string(recent.date_order).date() + timedelta(days=30))
        self.assertEqual(self.stale.pool_release_date, expected)
        self.assertEqual(self.stale.pool_release_reason,
                         'No contact or order since %s' % recent.date_order[:10])
        self.assertEqual(self.with_invoice.pool_release_date, self.day(-10))
        self.assertEqual(self.locked.pool_release_date, self.day(-70))

    def test_nothing_when_disabled_or_in_pool(self):
        self.settings({'pool_enabled': False})
        self.assertFalse(self.stale.pool_release_date)
        self.assertFalse(self.stale.pool_release_reason)
        self.settings({'pool_enabled': True})
        self.stale.invalidate_cache()
        self.env['res.partner']._release_due_to_pool()
        self.assertTrue(self.stale.in_pool)
        self.assertFalse(self.stale.pool_release_date)
        self.assertFalse(self.stale.pool_release_reason)

    def test_released_tomorrow_list_matches_the_job(self):
        Partner = self.env['res.partner']
        action = Partner.action_pool_release_preview()
        self.assertIn(self.day(1), action['name'])
        tomorrow = Partner.search(action['domain'] + [('name', 'ilike', 'C360 Pool')])
        self.assertEqual(tomorrow, self.stale | self.mine)
        due_today = Partner.search([('pool_release_date', '<=', self.day(0)),
                                    ('name', 'ilike', 'C360 Pool')])
        scheduled = Partner.search([('pool_release_date', '!=', False),
                                    ('name', 'ilike', 'C360 Pool')])
        self.assertEqual(scheduled, self.stale | self.mine | self.fresh | self.silent)
        Partner._release_due_to_pool()
        released = Partner.search([('in_pool', '=', True), ('name', 'ilike', 'C360 Pool')])
        self.assertEqual(released, due_today)

    def test_nightly_job_releases_in_the_background(self):
        Partner = self.env['res.partner']
        due_today = Partner.search([('pool_release_date', '<=', self.day(0)),
                                    ('name', 'ilike', 'C360 Pool')])
        batch = Partner._cron_release_to_pool()
        self.assertTrue(set(due_today.ids) <= set(
            pid for chunk in batch.chunk_ids for pid in chunk._ids_list()))
        self.assertFalse(Partner.search([('in_pool', '=', True),
                                         ('name', 'ilike', 'C360 Pool')]))
        run_background(self.env, batch)
        released = Partner.search([('in_pool', '=', True), ('name', 'ilike', 'C360 Pool')])
        self.assertEqual(released, due_today)
        self.assertEqual(batch.state, 'done')
        self.assertIn('customers released to the public pool',
                      batch.with_context(lang='en_US').summary)
        # a part run again releases nothing twice
        self.assertEqual(Partner._pool_release_chunk(batch, due_today.ids), {'released': 0})

    def test_restricted_salesperson_sees_own_schedule_only(self):
        Partner = self.env['res.partner'].sudo(self.restricted)
        tomorrow = Partner.search([('pool_release_date', '<=', self.day(1)),
                                   ('name', 'ilike', 'C360 Pool')])
        self.assertEqual(tomorrow, self.mine)
        self.assertEqual(tomorrow.pool_release_date, self.day(-1))
        self.assertEqual(tomorrow.pool_release_reason,
                         'No contact since %s and no open order' % self.local_day(self.ago(31)))
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.silent.sudo(self.restricted).action_pool_release()
        # A co-owner sees the customer but may not release it.
        co_owned = self.make_customer('C360 Pool Co-owned', user_id=self.alice.id,
                                      co_owner_ids=[(6, 0, self.restricted.ids)])
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            co_owned.sudo(self.restricted).action_pool_release()
        self.assertIn('Only the owner of C360 Pool Co-owned', ctx.exception.name)
        self.assertEqual(co_owned.user_id, self.alice)
        self.mine.sudo(self.restricted).action_pool_release()
        self.assertTrue(self.mine.in_pool)
        self.assertEqual(self.mine.pool_released_user_id, self.restricted)

    def test_job_releases_contacts_co_owners_history_and_note(self):
        self.assertEqual(self.stale.profile_completeness, 8)  # name and owner of 12 items
        self.assertEqual(self.person.user_id, self.alice)
        self.assertEqual(self.person.co_owner_ids, self.bob)
        messages = len(self.stale.message_ids)
        self.assertEqual(self.env['res.partner']._release_due_to_pool(), 2)
        self.assertFalse(self.person.user_id)
        self.assertFalse(self.person.co_owner_ids)
        self.assertFalse(self.stale.co_owner_ids)
        self.assertEqual(self.stale.profile_completeness, 0)
        self.assertEqual(self.stale.pool_released_user_id, self.alice)
        self.assertEqual(self.stale.pool_released_date[:10], fields.Datetime.now()[:10])
        history = self.stale.ownership_history_ids
        self.assertEqual(len(history), 1)
        self.assertEqual(history.reason, 'Released to the public pool: No contact since %s '
                                         'and no open order' % self.local_day(self.ago(40)))
        self.assertEqual(history.changed_by, self.env.user)
        self.assertEqual(len(self.stale.message_ids), messages + 1)
        note = self.stale.message_ids[0]
        self.assertIn('Owner changed from %s to nobody' % self.alice.name, note.body)
        self.assertEqual(note.subtype_id, self.env.ref('mail.mt_note'))
        self.assertEqual(note.author_id, self.env.user.partner_id)
        # Idempotent.
        self.assertEqual(self.env['res.partner']._release_due_to_pool(), 0)
        self.assertEqual(len(self.stale.ownership_history_ids), 1)

    def test_page_costs_constant_queries(self):
        page = self.env['res.partner'].search([('name', 'ilike', 'C360 Pool')])
        self.assertGreaterEqual(len(page), 8)

        def count(partners):
            partners.invalidate_cache()
            before = self.env.cr.sql_log_count
            partners.read(['pool_release_date', 'pool_release_reason'])
            return self.env.cr.sql_log_count - before

        count(page)  # settings read once into the registry cache
        one, whole = count(page[:1]), count(page)
        self.assertEqual(one, whole)
        self.assertLessEqual(whole, 3)


class TestPoolJobConcurrency(ConcurrencyCase):
    """The job skips customers another transaction is changing, and never releases twice.

    No class data of its own: users created in the test transaction would lock rows that
    the committed set-up below writes too.
    """

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            user = env['res.users'].create({
                'name': 'c360_pool_cc', 'login': 'c360_pool_cc', 'groups_id': [(6, 0, [
                    env.ref('sales_team.group_sale_salesman').id])]})
            customer = env['res.partner'].create({
                'name': 'C360 Pool Contended', 'is_company': True, 'customer': True,
                'user_id': user.id})
            env.cr.execute("UPDATE res_partner SET create_date = now() - interval '400 days' "
                           "WHERE id = %s", (customer.id,))
            self.customer_id = customer.id
            self.remove_committed(('crm.customer.ownership.history',
                                   [('partner_id', '=', customer.id)]),
                                  ('res.partner', [customer.id]), ('res.users', user.ids),
                                  ('res.partner', user.partner_id.ids))

    def test_locked_customer_skipped_then_released_once(self):
        with self.two_cursors() as (cr_a, cr_b):
            env_a = api.Environment(cr_a, SUPERUSER_ID, {'lang': 'en_US'})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {'lang': 'en_US'})
            reasons = {self.customer_id: {'basis_kind': 'contact', 'basis_day': '2026-01-01'}}
            # A user edits the customer in transaction A: the job in B leaves it alone.
            cr_a.execute("SELECT id FROM res_partner WHERE id = %s FOR UPDATE",
                         (self.customer_id,))
            self.assertEqual(env_b['res.partner']._pool_release(reasons), [])
            cr_a.rollback()
            # Two jobs at once: the first releases it, the second finds it locked.
            self.assertEqual(env_a['res.partner']._pool_release(reasons), [self.customer_id])
            self.assertEqual(env_b['res.partner']._pool_release(reasons), [])
            cr_a.commit()
            env_a['res.partner'].invalidate_cache()
            self.assertEqual(len(env_a['res.partner'].browse(
                self.customer_id).ownership_history_ids), 1)
