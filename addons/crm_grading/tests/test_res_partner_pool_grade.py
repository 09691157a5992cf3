# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A grade's own release period drives the coming release date and the nightly pool job."""
from datetime import timedelta

from odoo import fields

from odoo.addons.crm_customer360.tests.common import Customer360Case


class TestPoolReleaseByGrade(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.user.company_id.write({'pool_enabled': True, 'pool_release_days': 90,
                                       'pool_exempt_open_orders': True})
        cls.grade_a = cls.env.ref('crm_grading.crm_customer_grade_a')
        cls.grade_a.pool_release_days = 30
        cls.grade_b = cls.env.ref('crm_grading.crm_customer_grade_b')
        cls.grade_b.pool_release_days = 0
        cls.salesman = cls.make_user('c360_grade_pool_sales', ['sales_team.group_sale_salesman'])
        cls.key = cls.make_customer('Grade Pool Key Co', user_id=cls.salesman.id,
                                    grade_id=cls.grade_a.id)
        cls.plain = cls.make_customer('Grade Pool Plain Co', user_id=cls.salesman.id)
        cls.second = cls.make_customer('Grade Pool Second Co', user_id=cls.salesman.id,
                                       grade_id=cls.grade_b.id)
        customers = cls.key | cls.plain | cls.second
        cls.env.cr.execute(
            "UPDATE res_partner SET create_date = now() at time zone 'UTC' - interval "
            "'200 days' WHERE id IN %s", (tuple(customers.ids),))
        cls.contact_date = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=40))
        for customer in customers:
            cls.env['crm.customer.interaction'].create({
                'partner_id': customer.id, 'summary': 'Long ago', 'date': cls.contact_date,
                'user_id': cls.salesman.id})
        customers.invalidate_cache()

    def test_grade_period_sets_release_date(self):
        self.assertEqual(self.key.pool_release_date, self.day(-10))
        self.assertEqual(self.plain.pool_release_date, self.day(50))
        # A grade without its own period keeps the global one.
        self.assertEqual(self.second.pool_release_date, self.day(50))
        self.assertEqual(self.key.pool_release_reason, 'No contact since %s and no open order'
                         % self.local_day(self.contact_date))

    def test_job_releases_grade_a_customer_only(self):
        released = self.env['res.partner'].search([
            ('pool_release_date', '<=', self.day(1)), ('name', 'like', 'Grade Pool ')])
        self.assertEqual(released, self.key)
        self.env['res.partner']._release_due_to_pool()
        self.assertTrue(self.key.in_pool)
        self.assertFalse(self.key.user_id)
        self.assertEqual(self.key.pool_released_user_id, self.salesman)
        for customer in self.plain | self.second:
            self.assertFalse(customer.in_pool, customer.name)
            self.assertEqual(customer.user_id, self.salesman)
