# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Customers dashboard: each tile's number is the count of the records it opens, for a
salesperson and for a manager; team tiles are the managers'; a constant number of queries."""
from odoo.exceptions import AccessError

from .test_res_partner_pool import PoolCase


class TestDashboardTile(PoolCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.make_sales_manager('c360_dash_manager')
        cls.Tile = cls.env['crm.customer.dashboard.tile']
        todo = cls.env.ref('mail.mail_activity_data_todo')
        partner_model = cls.env['ir.model']._get('res.partner')
        for user, partner, offset in ((cls.alice, cls.stale, 0), (cls.alice, cls.fresh, -1),
                                      (cls.alice, cls.fresh, -3), (cls.bob, cls.stale, 0),
                                      (cls.alice, cls.stale, 2)):
            cls.env['mail.activity'].create({
                'res_model_id': partner_model.id, 'res_id': partner.id, 'user_id': user.id,
                'activity_type_id': todo.id, 'date_deadline': cls.day(offset),
                'summary': 'C360 dashboard follow-up'})

    def tile(self, code, user):
        """The tile ``code`` read as ``user``, from an empty cache."""
        tile = self.Tile.search([('code', '=', code)]).sudo(user)
        tile.invalidate_cache()
        return tile

    def assert_tile(self, code, user, expected):
        """The tile shows ``expected`` and opens exactly that many records."""
        tile = self.tile(code, user)
        self.assertEqual(tile.value, expected, code)
        action = tile.action_open()
        model = self.env[action['res_model']].sudo(user)
        self.assertEqual(model.search_count(action['domain']), expected, code)
        return tile, action

    def test_salesperson_tiles(self):
        # Alice owns four customers; the one with the invoice of 100 due 60 days ago owes it.
        self.assert_tile('my_customers', self.alice, 4)
        tile, action = self.assert_tile('my_overdue', self.alice, 1)
        self.assertEqual(tile.amount, 100.0)
        self.assertEqual(action['res_model'], 'res.partner')
        # Her to-dos on customers: one today, two late; Bob's and the coming one are not hers.
        self.assert_tile('follow_ups_today', self.alice, 1)
        self.assert_tile('follow_ups_late', self.alice, 2)
        self.assert_tile('follow_ups_today', self.bob, 1)
        # Stale went due ten days ago (the job releases it tonight); fresh goes in 28 days.
        self.assert_tile('pool_soon', self.alice, 1)
        self.assertEqual(self.stale.sudo(self.alice).pool_days_left, 0)
        self.assertEqual(self.fresh.sudo(self.alice).pool_days_left, 28)
        self.assert_tile('my_customers', self.bob, 0)

    def test_team_tiles_are_the_managers(self):
        codes = set(self.Tile.sudo(self.alice).search([]).mapped('code'))
        self.assertIn('my_customers', codes)
        self.assertNotIn('team_customers', codes)
        team = self.Tile.search([('code', '=', 'team_customers')])
        with self.assertRaises(AccessError):
            team.sudo(self.alice).action_open()
        with self.assertRaises(AccessError):
            team.sudo(self.alice).read(['value'])
        self.assertIn('team_customers', self.Tile.sudo(self.manager).search([]).mapped('code'))

    def test_manager_tiles(self):
        before = self.tile('team_customers', self.manager).value
        overdue_before = self.tile('team_overdue', self.manager).value
        self.make_customer('C360 Dash Bob 1', user_id=self.bob.id)
        owing = self.make_customer('C360 Dash Bob 2', user_id=self.bob.id)
        self.make_customer('C360 Dash Nobody')
        self.make_invoice(owing, 40, self.day(-20), self.day(-5))
        __, action = self.assert_tile('team_customers', self.manager, before + 2)
        self.assertEqual(action['context'].get('group_by'), 'user_id')
        self.assert_tile('team_overdue', self.manager, overdue_before + 1)

    def test_constant_queries_per_tile(self):
        def queries(code):
            tile = self.tile(code, self.alice)
            before = self.env.cr.sql_log_count
            tile.read(['value', 'amount'])
            return self.env.cr.sql_log_count - before

        codes = ('my_customers', 'my_overdue', 'pool_soon', 'follow_ups_late')
        for code in codes:
            queries(code)  # the access rules and settings, read once per transaction
        counts = {code: queries(code) for code in codes}
        for index in range(15):
            customer = self.make_customer('C360 Dash More %02d' % index, user_id=self.alice.id)
            self.make_invoice(customer, 10, self.day(-30), self.day(-10))
        self.backdate(self.env['res.partner'].search([('name', 'like', 'C360 Dash More')]))
        for code, count in counts.items():
            self.assertEqual(queries(code), count, code)
        self.assert_tile('my_customers', self.alice, 19)
        self.assert_tile('my_overdue', self.alice, 16)
