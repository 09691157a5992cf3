# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The grading's record rules join the customer (or the order) in SQL (``auto_join``), as
``crm_customer360/tests/test_rule_joins.py`` explains."""
from odoo.addons.crm_customer360.tests.rule_sql import assert_rules_join

from .common import GradingCase


class TestGradingRuleJoins(GradingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls.make_user('grading_join_seller', ['sales_team.group_sale_salesman'])
        cls.own_only = cls.make_user('grading_join_own', [
            'sales_team.group_sale_salesman', 'crm_customer360.group_own_customers_only'])
        for index in range(15):
            cls.make_customer('Grading Join %02d' % index, user_id=cls.seller.id)
            cls.make_customer('Grading Join Pool %02d' % index, in_pool=True)

    def test_rules_join(self):
        for model, alias, user in (
                ('crm.customer.grade.history', 'crm_customer_grade_history__partner_id',
                 self.seller),
                ('crm.customer.grading', 'crm_customer_grading__partner_id', self.seller),
                ('crm.customer.analysis', 'crm_customer_analysis__partner_id', self.own_only),
                ('crm.credit.approval', 'crm_credit_approval__order_id', self.seller)):
            assert_rules_join(self, model, user, alias)
