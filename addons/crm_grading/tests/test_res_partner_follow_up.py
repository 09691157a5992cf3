# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The follow-up rule: the daily job and the "Needs Follow-up" filter.

Grades: A every 7 days, B every 14 (the module's data), and a test grade with 0 (none).
"""
from datetime import datetime, timedelta

from odoo import fields

from odoo.addons.crm_customer360.tests.common import Customer360Case, run_background


class TestResPartnerFollowUp(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env['res.partner']
        cls.owner = cls.make_user('follow.owner', ['sales_team.group_sale_salesman'])
        cls.owner.lang = 'en_US'  # the activities are written in their owner's language
        grade_a = cls.env.ref('crm_grading.crm_customer_grade_a')
        grade_b = cls.env.ref('crm_grading.crm_customer_grade_b')
        cls.grade_none = cls.env['crm.customer.grade'].create({
            'code': 'TZ', 'name': 'No follow-up', 'follow_up_days': 0, 'sequence': 99})
        cls.activity_type = cls.env.ref('crm_grading.mail_activity_type_follow_up')
        # A, last contact 10 days ago: due (7). B, never contacted, created 20 days ago: due
        # (14). A, contact 2 days ago: not due. No-follow-up grade, 100 days: skipped.
        cls.stale = cls.make_customer('Follow Stale', user_id=cls.owner.id, grade_id=grade_a.id)
        cls.never = cls.make_customer('Follow Never', user_id=cls.owner.id, grade_id=grade_b.id)
        cls.recent = cls.make_customer('Follow Recent', user_id=cls.owner.id,
                                       grade_id=grade_a.id)
        cls.skipped = cls.make_customer('Follow Skipped', user_id=cls.owner.id,
                                        grade_id=cls.grade_none.id)
        cls.now = datetime.utcnow()
        cls.set_last_contact(cls.stale, cls.now - timedelta(days=10))
        cls.set_last_contact(cls.recent, cls.now - timedelta(days=2))
        cls.set_last_contact(cls.skipped, cls.now - timedelta(days=100))
        cls.env.cr.execute("UPDATE res_partner SET create_date = %s WHERE id IN %s",
                           [cls.now - timedelta(days=20),
                            tuple((cls.never | cls.stale | cls.recent | cls.skipped).ids)])
        cls.ours = cls.stale | cls.never | cls.recent | cls.skipped
        cls.ours.invalidate_cache()

    @classmethod
    def set_last_contact(cls, partner, when):
        cls.env.cr.execute("UPDATE res_partner SET last_interaction_date = %s WHERE id = %s",
                           [fields.Datetime.to_string(when), partner.id])

    def activities(self, partners=None):
        return self.env['mail.activity'].search([
            ('res_model', '=', 'res.partner'), ('res_id', 'in', (partners or self.ours).ids),
            ('activity_type_id', '=', self.activity_type.id)])

    def test_job_plans_one_activity_per_due_customer(self):
        created = self.Partner._plan_follow_ups()
        activities = self.activities()
        self.assertEqual(created & activities, activities)
        self.assertEqual(sorted(activities.mapped('res_id')),
                         sorted((self.stale | self.never).ids))
        self.assertEqual(activities.mapped('user_id'), self.owner)
        self.assertEqual(set(activities.mapped('date_deadline')),
                         {fields.Date.context_today(self.Partner)})
        stale_activity = activities.filtered(lambda a: a.res_id == self.stale.id)
        self.assertEqual(stale_activity.summary, "Follow up: last contact %s, due every 7 days"
                         % self.local_day(fields.Datetime.to_string(
                             self.now - timedelta(days=10))))

    def test_summary_in_the_owners_language(self):
        self.owner.lang = 'zh_CN'
        self.Partner._plan_follow_ups()
        summary = self.activities(self.stale).summary
        self.assertNotIn('Follow up', summary)
        self.assertIn(self.local_day(fields.Datetime.to_string(self.now - timedelta(days=10))),
                      summary)

    def test_daily_job_plans_in_the_background_once(self):
        self.env['ir.config_parameter'].set_param('crm_customer360.batch_chunk_size', '1')
        batch = self.Partner._cron_follow_up()
        self.assertTrue(batch)
        due = set(batch.chunk_ids.mapped(lambda c: c._ids_list()[0]))
        self.assertTrue({self.stale.id, self.never.id} <= due)
        self.assertFalse(due & set((self.recent | self.skipped).ids))
        self.assertFalse(self.activities(), "nothing planned before the parts run")
        # a second run while the first is going queues nothing
        self.assertEqual(self.Partner._cron_follow_up(), batch)
        run_background(self.env, batch)
        self.assertEqual(batch.state, 'done')
        self.assertEqual(sorted(self.activities().mapped('res_id')),
                         sorted((self.stale | self.never).ids))
        self.assertEqual(batch.with_context(lang='en_US').summary,
                         '%d follow-up activities planned.' % len(due))
        # the owner follows the customers, as an activity created by hand makes them
        self.assertIn(self.owner.partner_id, self.stale.message_partner_ids)

    def test_no_second_activity_while_open_new_one_when_done(self):
        self.Partner._plan_follow_ups()
        self.assertFalse(self.Partner._plan_follow_ups() & self.activities(),
                         "no second activity while the first is open")
        self.assertEqual(len(self.activities()), 2)
        first = self.activities(self.stale)
        first.sudo(self.owner).action_feedback(feedback="Called, no answer")
        self.assertFalse(self.activities(self.stale))
        self.Partner._plan_follow_ups()
        self.assertEqual(len(self.activities(self.stale)), 1, "a new one once done")
        self.assertEqual(len(self.activities()), 2)

    def test_a_part_plans_its_due_customers_once(self):
        """A part of the background run (its customers by id) plans the due ones of its
        own customers only, and none again while the first is open."""
        created = self.Partner._plan_follow_ups([self.stale.id, self.recent.id])
        self.assertEqual(created.mapped('res_id'), [self.stale.id])
        self.assertFalse(self.Partner._plan_follow_ups([self.stale.id, self.recent.id]))
        self.assertEqual(self.activities().mapped('res_id'), [self.stale.id])

    def test_other_activity_types_do_not_count(self):
        self.env['mail.activity'].create({
            'res_model_id': self.env['ir.model']._get('res.partner').id,
            'res_id': self.stale.id, 'user_id': self.owner.id,
            'activity_type_id': self.env.ref('mail.mail_activity_data_email').id})
        self.Partner._plan_follow_ups()
        self.assertEqual(len(self.activities(self.stale)), 1)

    def test_no_owner_no_activity(self):
        self.stale.user_id = False
        self.Partner._plan_follow_ups()
        self.assertEqual(self.activities().mapped('res_id'), self.never.ids)

    def test_needs_follow_up_filter_and_dates(self):
        due = self.Partner.search([('needs_follow_up', '=', True), ('id', 'in', self.ours.ids)])
        self.assertEqual(due, self.stale | self.never)
        not_due = self.Partner.search([('needs_follow_up', '!=', True),
                                       ('id', 'in', self.ours.ids)])
        self.assertEqual(not_due, self.recent | self.skipped)
        contact = self.make_contact(self.stale, 'Stale Buyer')
        self.assertIn(contact, self.Partner.search([('needs_follow_up', '=', True)]),
                      "a contact shows its company's follow-up")
        self.assertEqual([p.needs_follow_up for p in self.ours], [True, True, False, False])
        self.assertEqual(self.stale.next_follow_up_date,
                         self.local_day(fields.Datetime.to_string(self.now - timedelta(days=3))))
        self.assertEqual(self.never.next_follow_up_date,
                         self.local_day(fields.Datetime.to_string(self.now - timedelta(days=6))))
        self.assertEqual(self.recent.next_follow_up_date,
                         self.local_day(fields.Datetime.to_string(self.now + timedelta(days=5))))
        self.assertFalse(self.skipped.next_follow_up_date)

    def test_filter_in_search_view(self):
        arch = self.Partner.fields_view_get(view_type='search')['arch']
        self.assertIn('name="needs_follow_up"', arch)

    def test_follow_up_fields_cost_constant_queries(self):
        """A list of customers reads the follow-up fields in a fixed number of queries."""
        def count(partners):
            self.env.cache.invalidate()
            before = self.env.cr.sql_log_count
            partners.mapped('next_follow_up_date')
            partners.mapped('needs_follow_up')
            return self.env.cr.sql_log_count - before
        count(self.ours)  # warm up what is read once per process (registry, translations)
        self.assertEqual(count(self.stale | self.never), count(self.ours))
