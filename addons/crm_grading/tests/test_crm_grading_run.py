# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Grading runs on a constructed data set, every figure worked out by hand below.

Revenue over the last 12 months (company currency USD-like, "cur"):
  C1   5000  invoice                         orders: 2 in the period
  C2   2500  invoice 3000, refund 500
  C3   1000  invoice                         (tie with C4)
  C4   1000  invoice
  C10   700  invoice                         orders: 1 in the period
  C5    300  invoice of 600 in a currency at rate 2.0
  C9    100  invoice                         order: 1 before the period
  C6   -200  only a refund
  C8      0  invoice of 400 before the period
  C7      -  nothing at all
Pareto, total of positive revenue 10600; "above" = revenue of customers ranked strictly higher:
  C1  above 0      0.00%  -> A        C10 above 9500  89.62% -> B
  C2  above 5000  47.17%  -> A        C5  above 10200 96.23% -> C
  C3, C4 above 7500 70.75% -> A both  C9  above 10500 99.06% -> C
  (one by one, the second of the tie would start at 80.19% and be B: ties share the grade)
  C6, C8, C7: no positive revenue -> D
RFM over the 8 customers with an order or invoice (a refund is no purchase: C6, with only a
refund, is not scored; score = 1 + 5 * (rank - 1) // 8, ranked worst first, ties share the lowest
rank):
  recency days: C8 400, C9 300, C5 200, C3 100, C4 100, C2 50 (its refund 20 days ago is no
  purchase), C1 10, C10 2
     -> R: C8 1, C9 1, C5 2, C3 2, C4 2, C2 4, C1 4, C10 5
  orders in period: C1 2, C10 1, others 0 -> F: C1 5, C10 4, others 1
  revenue: C8 0, C9 100, C5 300, C10 700, C3 1000, C4 1000, C2 2500, C1 5000
     -> M: C8 1, C9 1, C5 2, C10 2, C3 3, C4 3, C2 4, C1 5
RFM rules of the default policy: total >= 13 A, >= 10 B, >= 6 C, otherwise D.
"""
import json

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools.misc import formatLang

from odoo.addons.crm_customer360.tests.common import run_background

from .common import GradingCase

PARETO = {'C1': 'A', 'C2': 'A', 'C3': 'A', 'C4': 'A', 'C10': 'B', 'C5': 'C', 'C9': 'C',
          'C6': 'D', 'C8': 'D', 'C7': 'D'}
RFM = {'C1': '455', 'C2': '414', 'C3': '213', 'C4': '213', 'C10': '542', 'C5': '212',
       'C9': '111', 'C6': False, 'C8': '111', 'C7': False}
RFM_GRADES = {'C1': 'A', 'C2': 'C', 'C3': 'C', 'C4': 'C', 'C10': 'B', 'C5': 'D', 'C9': 'D',
              'C6': 'D', 'C8': 'D', 'C7': 'D'}
VALUES = {'C1': 5000, 'C2': 2500, 'C3': 1000, 'C4': 1000, 'C10': 700, 'C5': 300, 'C9': 100,
          'C6': -200, 'C8': 0, 'C7': 0}


class GradingDataCase(GradingCase):
    """The data set of the module docstring; runs no test of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.foreign = cls.env.ref('base.EUR') if cls.currency != cls.env.ref('base.EUR') \
            else cls.env.ref('base.USD')
        cls.foreign.active = True
        cls.set_rate(cls.currency, 1.0, cls.day(-400))
        cls.set_rate(cls.foreign, 2.0, cls.day(-400))
        cls.date_from = fields.Date.to_string(cls.today - relativedelta(months=12, days=-1))
        c = cls.customers = {name: cls.make_customer('Grading %s' % name)
                             for name in PARETO}
        inv = cls.make_invoice
        inv(c['C1'], 5000, cls.day(-10))
        inv(c['C2'], 3000, cls.day(-50))
        inv(c['C2'], 500, cls.day(-20), inv_type='out_refund')
        inv(c['C3'], 1000, cls.day(-100))
        inv(c['C4'], 1000, cls.day(-100))
        inv(c['C10'], 700, cls.day(-5))
        inv(c['C5'], 600, cls.day(-200), currency=cls.foreign)
        inv(c['C9'], 100, cls.day(-300))
        inv(c['C6'], 200, cls.day(-60), inv_type='out_refund')
        inv(c['C8'], 400, cls.day(-400))
        cls.make_order(c['C1'], 10, cls.day(-15) + ' 10:00:00')
        cls.make_order(c['C1'], 10, cls.day(-40) + ' 10:00:00')
        cls.make_order(c['C10'], 10, cls.day(-2) + ' 10:00:00')
        cls.make_order(c['C9'], 10, cls.day(-500) + ' 10:00:00')
        # A contact's invoice counts for its company (the commercial entity).
        cls.contact = cls.make_contact(c['C3'], 'Grading C3 Buyer')

    def grades(self):
        return {name: partner.grade_id.code or False
                for name, partner in self.customers.items()}


class TestCrmGradingRun(GradingDataCase):

    def test_pareto_grades_scores_and_values(self):
        run = self.run_policy()
        self.assertEqual(run.state, 'done')
        self.assertEqual(run.customer_count, 10)
        self.assertEqual(run.change_count, 10)
        self.assertEqual(self.grades(), PARETO)
        self.assertEqual({n: p.rfm_score for n, p in self.customers.items()}, RFM)
        self.assertEqual({n: p.customer_value for n, p in self.customers.items()}, VALUES)
        self.assertEqual(self.contact.commercial_partner_id.grade_id, self.grade_a)
        self.assertFalse(self.contact.grade_id, "grades live on the commercial entity only")

    def test_explanation_names_rule_period_and_figures(self):
        self.run_policy()
        text = self.customers['C3'].grade_explanation
        self.assertIn('Pareto rule over %s to %s' % (self.date_from, self.day(0)), text)
        self.assertIn('80.0%', text)
        self.assertIn('95.0%', text)
        self.assertIn('10,600.00', text)
        # amounts as the card shows them, in the company's currency
        self.assertIn('Revenue %s, rank 3 of 7' % formatLang(
            self.env, 1000.0, currency_obj=self.currency), text)
        self.assertIn('70.75% before this customer and 80.19% with it', text)
        self.assertIn('RFM score 213: last order or invoice 100 days ago, 0 confirmed orders',
                      text)
        self.assertIn('Grade A.', text)
        self.assertIn('no revenue in the period', self.customers['C6'].grade_explanation)
        self.assertIn('has no order or invoice', self.customers['C7'].grade_explanation)
        self.assertIn('has no order or invoice', self.customers['C6'].grade_explanation)

    def test_second_run_changes_nothing(self):
        self.run_policy()
        History = self.env['crm.customer.grade.history']
        partners = list(self.customers.values())
        domain = [('partner_id', 'in', [p.id for p in partners])]
        self.assertEqual(History.search_count(domain), 10)
        explanations = [p.grade_explanation for p in partners]
        run = self.run_policy()
        self.assertEqual(run.customer_count, 10)
        self.assertEqual(run.change_count, 0)
        self.assertEqual(History.search_count(domain), 10)
        self.assertEqual(self.grades(), PARETO)
        self.assertEqual([p.grade_explanation for p in partners], explanations)

    def test_history_only_where_the_grade_changes(self):
        self.run_policy()
        # A refund takes C10's revenue to 0: only C10 changes grade (B -> D); the total
        # becomes 9900 and the others keep theirs (C5 above 9500 = 95.96%, still C).
        self.make_invoice(self.customers['C10'], 700, self.day(-1), inv_type='out_refund')
        run = self.run_policy()
        self.assertEqual(run.change_count, 1)
        expected = dict(PARETO, C10='D')
        self.assertEqual(self.grades(), expected)
        history = self.customers['C10'].grade_history_ids
        self.assertEqual(len(history), 2)
        self.assertEqual((history[0].old_grade_id, history[0].new_grade_id),
                         (self.grade_b, self.grade_d))
        self.assertIn('no revenue in the period', history[0].explanation)
        self.assertEqual(len(self.customers['C1'].grade_history_ids), 1)

    def test_rfm_policy(self):
        self.policy.method = 'rfm'
        self.run_policy()
        self.assertEqual(self.grades(), RFM_GRADES)
        self.assertEqual({n: p.rfm_score for n, p in self.customers.items()}, RFM)
        text = self.customers['C10'].grade_explanation
        self.assertIn('RFM rule over', text)
        self.assertIn('Grade B: the scores reach the rule minimum total 10', text)

    def test_locked_grade_kept_and_expired_lock_released(self):
        c9, c5 = self.customers['C9'], self.customers['C5']
        c9.write({'grade_id': self.grade_a.id, 'grade_locked': True,
                  'grade_lock_reason': 'Strategic account', 'grade_lock_until': self.day(30)})
        c5.write({'grade_id': self.grade_a.id, 'grade_locked': True,
                  'grade_lock_reason': 'Trial', 'grade_lock_until': self.day(-1)})
        run = self.run_policy()
        self.assertEqual(c9.grade_id, self.grade_a)
        self.assertTrue(c9.grade_locked)
        self.assertEqual(c9.grade_lock_reason, 'Strategic account')
        self.assertIn('Grade A locked by a sales manager until %s: Strategic account'
                      % self.day(30), c9.grade_explanation)
        self.assertFalse(c9.grade_history_ids)
        self.assertEqual(c9.rfm_score, '111')
        # The expired lock is released and C5 graded as usual, with a history row A -> C.
        self.assertEqual(c5.grade_id, self.grade_c)
        self.assertFalse(c5.grade_locked)
        self.assertFalse(c5.grade_lock_until)
        self.assertEqual(c5.grade_history_ids.old_grade_id, self.grade_a)
        self.assertEqual(run.change_count, 9)

    def test_lock_without_end_date_is_kept(self):
        c6 = self.customers['C6']
        c6.write({'grade_id': self.grade_b.id, 'grade_locked': True,
                  'grade_lock_reason': 'Parent group buys a lot'})
        self.run_policy()
        self.assertEqual(c6.grade_id, self.grade_b)
        self.assertIn('with no end date: Parent group buys a lot', c6.grade_explanation)

    def test_opportunity_shows_customer_grade(self):
        self.run_policy()
        lead = self.make_opportunity(self.contact, 1000, 50)
        self.assertEqual(lead.partner_grade_id, self.grade_a)

    def test_credit_ratings_written_with_the_grades(self):
        """The run rates every customer's credit over the policy's period (the hook
        ``_credit_rating_of`` decides) and writes the ratings in the same statement as the
        grades: one rewrite of a partner row, not two."""
        Partner = type(self.env['res.partner'])

        def _credit_rating_of(self, figures, rules):
            return 'AA'
        Partner._credit_rating_of = _credit_rating_of
        statements = []
        execute = self.env.cr.execute

        def spy(query, params=None, log_exceptions=None):
            statements.append(str(query))
            return execute(query, params)
        self.env.cr.execute = spy
        try:
            run = self.run_policy()
        finally:
            del Partner._credit_rating_of
            del self.env.cr.execute
        self.assertEqual(len([q for q in statements if 'UPDATE res_partner' in q]), 1)
        self.assertTrue(run.customer_count)
        self.assertEqual(run.credit_count, run.customer_count)
        c1 = self.customers['C1']
        self.assertEqual(c1.credit_rating, 'AA')
        facts = json.loads(c1.credit_facts)
        self.assertEqual((facts['date_from'], facts['date_to'], facts['rating']),
                         (self.date_from, self.day(0), 'AA'))
        # Stored with sorted keys, so that the next run's same figures compare equal.
        self.assertEqual(c1.credit_facts, json.dumps(facts, sort_keys=True))
        self.assertTrue(c1.credit_rated_date)

    def count_queries(self, partners):
        partners.invalidate_cache()
        self.env['crm.customer.grading'].invalidate_cache()
        before = self.env.cr.sql_log_count
        texts = partners.mapped('grade_explanation')
        self.assertTrue(all(texts))
        return self.env.cr.sql_log_count - before

    def test_explanations_of_a_page_in_constant_queries(self):
        self.run_policy()
        partners = self.env['res.partner'].browse([p.id for p in self.customers.values()])
        # A first read fills the caches a page shares (language, currency, translations).
        self.count_queries(partners[2:3])
        self.assertEqual(self.count_queries(partners[:2]), self.count_queries(partners))

    def test_nightly_job_runs_every_active_policy(self):
        Run = self.env['crm.grading.run']
        self.env['crm.grading.policy']._cron_run_active_policies()
        run = Run.search([('policy_id', '=', self.policy.id)])
        # The job only queues the run; the job runner grades.
        self.assertEqual((run.state, run.customer_count), ('queued', 0))
        run_background(self.env, run.batch_id)
        self.assertEqual((run.state, run.customer_count), ('done', 10))
        self.assertEqual(self.grades(), PARETO)
