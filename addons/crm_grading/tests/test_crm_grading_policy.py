# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .common import GradingCase


class TestCrmGradingPolicy(GradingCase):

    def test_new_company_gets_active_default_policy(self):
        self.assertEqual(len(self.policy), 1)
        self.assertEqual(
            (self.policy.method, self.policy.period_months, self.policy.threshold_a,
             self.policy.threshold_b, self.policy.active),
            ('pareto', 12, 80.0, 95.0, True))
        self.assertEqual(self.policy.rfm_rule_ids.mapped('min_total'), [13, 10, 6])
        # Every company of the database has one (installed by data and the install hook).
        companies = self.env['res.company'].search([])
        self.assertEqual(
            self.env['crm.grading.policy'].search([]).mapped('company_id'), companies)

    def test_one_active_policy_per_company(self):
        # The database refuses it (the server answers RPC with the constraint's message).
        with self.assertRaises(IntegrityError), self.env.cr.savepoint(), \
                mute_logger('odoo.sql_db'):
            self.env['crm.grading.policy'].create({
                'name': 'Second', 'company_id': self.company.id, 'method': 'rfm'})
        self.policy.active = False
        second = self.env['crm.grading.policy'].create({
            'name': 'Second', 'company_id': self.company.id, 'method': 'rfm'})
        self.assertTrue(second.active)
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.policy.action_run()

    def test_bad_thresholds_and_period_refused(self):
        for vals in ({'threshold_a': 96.0}, {'threshold_b': 101.0}, {'threshold_a': 0.0},
                     {'period_months': 0}):
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                self.policy.write(vals)
        self.assertEqual((self.policy.threshold_a, self.policy.period_months), (80.0, 12))
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.policy.rfm_rule_ids[0].min_recency = 6

    def test_empty_company_runs(self):
        company = self.make_company('Grading Empty Co')
        self.env.user.write({'company_ids': [(4, company.id)]})
        policy = self.env['crm.grading.policy'].search([('company_id', '=', company.id)])
        run = self.run_policy(policy)
        self.assertEqual((run.state, run.customer_count, run.change_count), ('done', 0, 0))
        self.assertEqual(run.policy_id.run_count, 1)

    def test_salesperson_reads_but_cannot_change_or_run(self):
        salesman = self.make_user('grading.salesman', ['sales_team.group_sale_salesman'])
        customer = self.make_customer('Grading Read Co', user_id=salesman.id)
        self.run_policy()
        policy = self.policy.sudo(salesman)
        self.assertEqual(policy.method, 'pareto')
        self.assertEqual(len(policy.run_ids), 1)
        self.assertEqual(customer.sudo(salesman).grade_id, self.env.ref(
            'crm_grading.crm_customer_grade_d'))
        self.assertEqual(len(customer.sudo(salesman).grade_history_ids), 1)
        with self.assertRaises(AccessError):
            policy.write({'threshold_a': 70.0})
        with self.assertRaises(AccessError):
            policy.action_run()
        with self.assertRaises(AccessError):
            self.env['crm.grading.policy'].sudo(salesman).create({'name': 'Mine'})
        with self.assertRaises(AccessError):
            customer.sudo(salesman).write({'grade_id': self.grade_a.id})

    def test_manager_edits_and_runs(self):
        manager = self.make_user('grading.manager', ['sales_team.group_sale_manager'])
        policy = self.policy.sudo(manager)
        policy.write({'threshold_a': 70.0})
        run = self.run_policy(policy)
        self.assertEqual(run.user_id, manager)
        self.assertEqual(run.state, 'done')

    def test_policy_of_another_company_is_hidden(self):
        salesman = self.make_user('grading.other', ['sales_team.group_sale_manager'])
        Policy = self.env['crm.grading.policy'].sudo(salesman)
        self.assertEqual(Policy.search([]), self.policy)
