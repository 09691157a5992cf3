# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError, UserError

from .common import GradingCase


class TestCrmCustomerGradeLock(GradingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.make_user('grading.lock.manager', ['sales_team.group_sale_manager'])
        cls.salesman = cls.make_user('grading.lock.salesman',
                                     ['sales_team.group_sale_salesman'])
        cls.customer = cls.make_customer('Grading Lock Co', user_id=cls.salesman.id)
        cls.contact = cls.make_contact(cls.customer, 'Grading Lock Buyer')

    def lock(self, user, **vals):
        values = {'partner_id': self.customer.id, 'grade_id': self.grade_a.id,
                  'reason': 'Strategic account', 'lock_until': self.day(30)}
        values.update(vals)
        Wizard = self.env['crm.customer.grade.lock'].sudo(user)
        return Wizard.create(values).action_lock()

    def test_manager_locks_grade(self):
        self.run_policy()
        self.assertEqual(self.customer.grade_id, self.grade_d)
        self.lock(self.manager, partner_id=self.contact.id)
        self.assertEqual(self.customer.grade_id, self.grade_a)
        self.assertTrue(self.customer.grade_locked)
        self.assertEqual(self.customer.grade_lock_until, self.day(30))
        history = self.customer.grade_history_ids[0]
        self.assertEqual((history.old_grade_id, history.new_grade_id, history.user_id),
                         (self.grade_d, self.grade_a, self.manager))
        self.assertIn('Strategic account', history.explanation)
        self.assertIn('Strategic account', self.customer.message_ids[0].body)
        # The next run keeps it and says why.
        run = self.run_policy()
        self.assertEqual(run.change_count, 0)
        self.assertEqual(self.customer.grade_id, self.grade_a)
        self.assertIn('locked by a sales manager', self.customer.grade_explanation)

    def test_unlock_lets_the_run_grade_again(self):
        self.lock(self.manager)
        self.customer.sudo(self.manager).action_unlock_grade()
        self.assertFalse(self.customer.grade_locked)
        self.run_policy()
        self.assertEqual(self.customer.grade_id, self.grade_d)

    def test_bad_lock_refused(self):
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.lock(self.manager, lock_until=self.day(-1))
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.lock(self.manager, reason='  ')
        self.assertFalse(self.customer.grade_locked)
        self.assertFalse(self.customer.grade_history_ids)

    def test_salesperson_cannot_lock(self):
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.lock(self.salesman)
        self.lock(self.manager)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.customer.sudo(self.salesman).action_unlock_grade()
        self.assertTrue(self.customer.grade_locked)
        self.assertEqual(self.customer.sudo(self.salesman).grade_id, self.grade_a)
