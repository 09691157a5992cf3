# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two requests at once: two active policies for a company, two follow-up runs, two
confirmations for a customer with a credit limit."""
import psycopg2

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tools import mute_logger

from odoo.addons.crm_customer360.tests.common import ConcurrencyCase


def make_salesperson(env, login):
    """A salesperson (own documents) with an address, as the chatter needs one."""
    return env['res.users'].create({
        'name': login.replace('_', ' ').title(), 'login': login,
        'email': '%s@example.com' % login,
        'groups_id': [(6, 0, [env.ref('sales_team.group_sale_salesman').id])]})


class TestGradingPolicyRace(ConcurrencyCase):
    """Two managers activate a policy of the same company at once."""

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            company = env['res.company'].create({'name': 'Grading Race Co'})
            Policy = env['crm.grading.policy']
            first = Policy.search([('company_id', '=', company.id)])
            first.active = False
            second = first.copy({'name': 'Grading Race Second'})
            self.company_id, self.policy_ids = company.id, (first | second).ids
            self.remove_committed(('crm.grading.policy', self.policy_ids),
                                  ('res.company', [company.id]))

    def test_the_database_refuses_a_second_active_policy(self):
        with self.two_cursors() as (cr_a, cr_b):
            env_a = api.Environment(cr_a, SUPERUSER_ID, {'lang': 'en_US'})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {'lang': 'en_US'})
            domain = [('company_id', '=', self.company_id)]
            # B's snapshot starts here: its check will not see what A activates.
            self.assertFalse(env_b['crm.grading.policy'].search(domain))
            env_a['crm.grading.policy'].browse(self.policy_ids[0]).active = True
            cr_a.commit()
            with self.assertRaises(psycopg2.IntegrityError) as caught, \
                    mute_logger('odoo.sql_db'):
                env_b['crm.grading.policy'].browse(self.policy_ids[1]).write(
                    {'active': True})
            cr_b.rollback()
            constraint = 'crm_grading_policy_one_active_per_company'
            self.assertIn(constraint, str(caught.exception))
            # The server answers the caller with the constraint's message.
            self.assertEqual(
                self.registry._sql_error[constraint],
                "A company has only one active grading policy: archive the active one "
                "before activating another.")
            self.assertEqual(len(env_b['crm.grading.policy'].search(domain)), 1)
            env_a['crm.grading.policy'].browse(self.policy_ids[0]).active = False
            cr_a.commit()


class TestFollowUpRace(ConcurrencyCase):
    """The follow-up job runs twice at once (two workers, or a manual run beside it)."""

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            owner = make_salesperson(env, 'grading_follow_race')
            grade = env['crm.customer.grade'].create(
                {'code': 'FRACE', 'name': 'Follow race', 'follow_up_days': 1})
            customer = env['res.partner'].create({
                'name': 'Follow Race Co', 'is_company': True, 'customer': True,
                'user_id': owner.id, 'grade_id': grade.id})
            env.cr.execute("UPDATE res_partner SET create_date = now() - interval '10 days' "
                           "WHERE id = %s", [customer.id])
            self.customer_id = customer.id
            self.remove_committed(('res.partner', [customer.id]),
                                  ('crm.customer.grade', grade.ids),
                                  ('res.users', owner.ids),
                                  ('res.partner', owner.partner_id.ids))

    def test_second_run_plans_nothing_while_the_first_runs(self):
        with self.two_cursors() as (cr_a, cr_b):
            env_a = api.Environment(cr_a, SUPERUSER_ID, {'lang': 'en_US'})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {'lang': 'en_US'})
            # Without the job's lock, B would wait on A's rows: fail instead of hanging.
            cr_b.execute("SET LOCAL lock_timeout = '5s'")
            planned_a = env_a['res.partner']._plan_follow_ups()
            self.assertIn(self.customer_id, planned_a.mapped('res_id'))
            planned_b = env_b['res.partner']._plan_follow_ups()
            self.assertFalse(planned_b)
            # Once A is over, a new run plans what is still due (A was rolled back here).
            cr_a.rollback()
            cr_b.rollback()
            planned_b = env_b['res.partner']._plan_follow_ups()
            self.assertIn(self.customer_id, planned_b.mapped('res_id'))


class TestCreditBlockRace(ConcurrencyCase):
    """Two orders of one customer confirmed at once: each alone fits the credit limit."""

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            seller = make_salesperson(env, 'grading_credit_race')
            customer = env['res.partner'].create({
                'name': 'Credit Race Co', 'is_company': True, 'customer': True,
                'credit_limit': 1000.0})
            product = env['product.product'].create({
                'name': 'Credit Race Service', 'type': 'service', 'taxes_id': [(6, 0, [])]})
            orders = env['sale.order']
            for _index in range(2):
                orders |= orders.create({
                    'partner_id': customer.id, 'user_id': seller.id,
                    'order_line': [(0, 0, {
                        'product_id': product.id, 'name': 'Race line', 'product_uom_qty': 1,
                        'product_uom': product.uom_id.id, 'price_unit': 600.0,
                        'tax_id': [(6, 0, [])]})]})
            self.seller_id, self.order_ids = seller.id, orders.ids
            self.remove_committed(('res.partner', [customer.id]),
                                  ('product.product', product.ids),
                                  ('res.users', seller.ids),
                                  ('res.partner', seller.partner_id.ids))

        def remove_orders():
            with self.committed_env() as env:
                orders = env['sale.order'].browse(self.order_ids)
                orders.action_cancel()
                orders.unlink()
        # Cleanups run last first: the orders go before their customer.
        self.addCleanup(remove_orders)

    def test_the_second_confirmation_sees_the_first(self):
        with self.two_cursors() as (cr_a, cr_b):
            env_a = api.Environment(cr_a, self.seller_id, {'lang': 'en_US'})
            env_b = api.Environment(cr_b, self.seller_id, {'lang': 'en_US'})
            order_b = env_b['sale.order'].browse(self.order_ids[1])
            # B's snapshot starts here: it will not see A's confirmation.
            self.assertEqual(order_b.state, 'draft')
            env_a['sale.order'].browse(self.order_ids[0]).action_confirm()
            cr_a.commit()
            # B cannot write the customer's row A wrote after B's snapshot: the server
            # would retry the request in a new transaction...
            with self.assertRaises(psycopg2.extensions.TransactionRollbackError), \
                    mute_logger('odoo.sql_db'):
                order_b.action_confirm()
            cr_b.rollback()
            order_b.invalidate_cache()
            # ... which sees A's order and refuses B's.
            with self.assertRaises(UserError) as caught:
                order_b.action_confirm()
            self.assertIn('Open orders: 600.00', caught.exception.name)
            cr_b.rollback()
            order_b.invalidate_cache()
            self.assertEqual(order_b.state, 'draft')
