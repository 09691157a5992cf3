# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The record rules that follow a customer's owner, co-owners or pool (``partner_id.user_id``,
``commercial_partner_id.in_pool``...) join the customer in SQL (``auto_join``): without it,
every read by a salesperson first listed the ids of all their customers, or of every
customer in the public pool (186 ms for a card's grade explanation at SCALE=large).

Not on ``res.partner.commercial_partner_id`` (the own-customers rule's pool branch):
``res.users`` inherits ``res.partner`` (``_inherits``), and Odoo 11 applies the partner's
rules to a read of users with the join under an alias it never declares ("relation
res_users__partner_id does not exist"): every report and page that reads the user broke."""
from .common import Customer360Case
from .rule_sql import assert_rules_join


class TestRuleJoins(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls.make_user('rule_join_seller', ['sales_team.group_sale_salesman'])
        cls.own_only = cls.make_user('rule_join_own', [
            'sales_team.group_sale_salesman', 'crm_customer360.group_own_customers_only'])
        # Enough customers in the pool and owned that a list of ids would show.
        cls.other = cls.make_user('rule_join_other', ['sales_team.group_sale_salesman'])
        for index in range(15):
            cls.make_customer('Rule Join Pool %02d' % index, in_pool=True)
            cls.make_customer('Rule Join Mine %02d' % index, user_id=cls.seller.id)
            cls.make_customer('Rule Join Theirs %02d' % index, user_id=cls.other.id)

    def test_customer_records_join_the_customer(self):
        for model, table in (('crm.customer.interaction', 'crm_customer_interaction'),
                             ('crm.customer.ownership.history',
                              'crm_customer_ownership_history'),
                             ('crm.customer.merge.log', 'crm_customer_merge_log')):
            assert_rules_join(self, model, self.seller, table + '__partner_id')

    def test_joined_rules_keep_their_result(self):
        Interaction = self.env['crm.customer.interaction']
        Partner = self.env['res.partner']
        mine = Partner.search([('name', '=like', 'Rule Join Mine%')])
        pool = Partner.search([('name', '=like', 'Rule Join Pool%')])
        theirs = Partner.search([('name', '=like', 'Rule Join Theirs%')])
        for partner in mine[:2] | pool[:2] | theirs[:2]:
            Interaction.create({'partner_id': partner.id, 'interaction_type': 'call',
                                'summary': 'Rule join %s' % partner.name})
        # the seller's customers and those without an owner, not another seller's
        seen = Interaction.sudo(self.seller).search([('summary', '=like', 'Rule join %')])
        self.assertEqual(seen.mapped('partner_id'), mine[:2] | pool[:2])
        own_view = self.env['res.partner'].sudo(self.own_only).search(
            [('name', '=like', 'Rule Join %')])
        self.assertEqual(own_view, pool)  # the pool's customers, none of the seller's
