# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The grade and the credit rating in the visit briefing, for salespeople only, in a
constant number of queries."""
from odoo.addons.crm_customer360.tests.common import Customer360Case

REPORT_XMLID = 'crm_customer360.customer_briefing_report'


class TestCustomerBriefingGrade(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls.make_user('brg_owner', ['sales_team.group_sale_salesman'])
        cls.employee = cls.make_user('brg_employee', ['base.group_user'])
        cls.grade_a = cls.env.ref('crm_grading.crm_customer_grade_a')
        cls.customers = cls.env['res.partner']
        for number in range(3):
            customer = cls.make_customer('Graded Briefing %d' % number, user_id=cls.owner.id)
            # A locked grade: its explanation (composed when read) names the lock.
            customer.write({'grade_id': cls.grade_a.id, 'credit_rating': 'AA',
                            'grade_locked': True,
                            'grade_lock_reason': 'Because of rule %d' % number})
            cls.customers |= customer

    def _html(self, partners, user):
        report = self.env(user=user).ref(REPORT_XMLID)
        return report.render_qweb_html(partners.ids)[0].decode()

    def test_grade_for_salespeople(self):
        html = self._html(self.customers[0], self.owner)
        self.assertIn('c360_briefing_grade', html)
        self.assertIn('<span class="c360_briefing_grade_name">%s</span>' % self.grade_a.name,
                      html)
        self.assertIn('<span class="c360_briefing_credit_rating">AA</span>', html)
        self.assertIn('Grade %s locked by a sales manager with no end date: Because of rule 0.'
                      % self.grade_a.code, html)

    def test_no_grade_for_employees(self):
        """An employee without sales rights prints the briefing without the grade."""
        html = self._html(self.customers[0], self.employee)
        self.assertIn('Graded Briefing 0', html)
        self.assertNotIn('c360_briefing_grade', html)
        self.assertNotIn('Because of rule 0', html)

    def test_queries_constant(self):
        env = self.env(user=self.owner)
        for _warm in range(2):
            env['res.partner'].invalidate_cache()
            self._html(self.customers, self.owner)
        counts = []
        for partners in (self.customers[:1], self.customers):
            env['res.partner'].invalidate_cache()
            before = self.env.cr.sql_log_count
            html = self._html(partners, self.owner)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertIn('Because of rule 2', html)
        self.assertEqual(counts[0], counts[1], counts)
