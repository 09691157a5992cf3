# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The dashboard's blocked quotations (*My Quotations Held by the Credit Block*) are those the
credit block would refuse, each alone, under the reader's record rules; the whole dashboard
costs the same queries at any size."""
from .common import GradingCase


class TestDashboardCreditBlocks(GradingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.make_sales_manager('blocks_dash_manager')
        cls.seller = cls.make_user('blocks_dash_seller', ['sales_team.group_sale_salesman'])
        cls.other = cls.make_user('blocks_dash_other', ['sales_team.group_sale_salesman'])
        cls.approver = cls.make_user('blocks_dash_approver', [
            'sales_team.group_sale_salesman', 'crm_grading.group_credit_approver'])
        # Edge: limit 1,000; receivable 600 (not yet due), 300 confirmed and not invoiced.
        cls.edge = cls.make_customer('Blocks Edge', user_id=cls.seller.id, credit_limit=1000.0)
        cls.make_invoice(cls.edge, 600, cls.day(-5), cls.day(25))
        cls.make_order(cls.edge, 300, cls.day(-3))
        # 600 + 300 + 100 is the limit exactly: not over it. 101 is.
        cls.q_edge_ok = cls.quotation(cls.edge, 100, cls.seller)
        cls.q_edge_over = cls.quotation(cls.edge, 101, cls.seller)
        # Rated D without a limit: every quotation waits (the other salesperson's).
        cls.rated = cls.make_customer('Blocks Rated', user_id=cls.other.id, credit_rating='D')
        cls.q_rated = cls.quotation(cls.rated, 10, cls.other)
        # No limit, but invoiced to a customer 50 over its limit of 100.
        cls.free = cls.make_customer('Blocks Free', user_id=cls.seller.id)
        cls.payer = cls.make_customer('Blocks Payer', credit_limit=100.0)
        cls.make_invoice(cls.payer, 150, cls.day(-2), cls.day(10))
        cls.q_paid_by = cls.quotation(cls.free, 20, cls.seller)
        cls.q_paid_by.partner_invoice_id = cls.payer
        cls.q_free = cls.quotation(cls.free, 5000, cls.seller)
        # Blocked, an approval asked for (still waiting) / given (lets it through).
        cls.q_requested = cls.quotation(cls.edge, 150, cls.seller)
        cls.q_approved = cls.quotation(cls.edge, 200, cls.seller)
        Approval = cls.env['crm.credit.approval']
        Approval.create({'order_id': cls.q_requested.id, 'reason': 'Pays next week'})
        Approval.create({'order_id': cls.q_approved.id, 'reason': 'Deposit received'}).sudo(
            cls.approver).action_approve('Good payer')
        cls.Tile = cls.env['crm.customer.dashboard.tile']

    @classmethod
    def quotation(cls, partner, amount, user):
        order = cls.make_order(partner, amount, cls.day(0), state='draft')
        order.user_id = user
        return order

    def blocked(self, user):
        return self.env['sale.order'].sudo(user).browse(
            self.env['sale.order'].sudo(user)._credit_blocked_quotation_ids())

    def tile(self, user, code='my_credit_blocks'):
        tile = self.Tile.search([('code', '=', code)]).sudo(user)
        tile.invalidate_cache()
        return tile

    def test_manager_sees_every_blocked_quotation(self):
        expected = self.q_edge_over | self.q_rated | self.q_paid_by | self.q_requested
        self.assertEqual(self.blocked(self.manager), expected)
        # the manager's dashboard counts the requests waiting for a decision instead
        self.assertEqual(self.tile(self.manager, 'credit_blocks').value, 1)
        # The block agrees, quotation by quotation.
        for order in self.q_edge_ok | self.q_free | self.q_approved | expected:
            problems = order._credit_waive(order._credit_problems())
            self.assertEqual(bool(problems), order in expected, order.partner_id.name)

    def test_salesperson_sees_only_their_quotations(self):
        self.assertEqual(self.blocked(self.seller),
                         self.q_edge_over | self.q_paid_by | self.q_requested)
        self.assertEqual(self.blocked(self.other), self.q_rated)
        # each one's tile, opening exactly those
        for user, expected in ((self.seller, self.q_edge_over | self.q_paid_by
                                | self.q_requested), (self.other, self.q_rated)):
            tile = self.tile(user)
            self.assertEqual(tile.value, len(expected), user.login)
            action = tile.action_open()
            self.assertEqual(self.env['sale.order'].sudo(user).search(action['domain']),
                             expected, user.login)
        # a narrower domain, as the tile passes it
        self.assertEqual(self.env['sale.order'].sudo(self.manager).browse(
            self.env['sale.order'].sudo(self.manager)._credit_blocked_quotation_ids(
                [('user_id', '=', self.other.id)])), self.q_rated)

    def test_block_turned_off(self):
        self.company.credit_block = False
        self.assertFalse(self.blocked(self.manager))
        self.assertEqual(self.tile(self.seller).value, 0)

    def test_open_orders_from_a_cold_cache(self):
        # The user's company not yet in the cache: reading it must not take the place of the
        # open orders' rows (the dashboard reads them first, before anything else).
        orders = self.env['sale.order'].sudo(self.seller)
        orders.invalidate_cache()
        self.assertEqual(orders._credit_open_order_amounts(self.edge, orders.browse()),
                         {self.edge.id: 300.0})

    def test_dashboard_queries_do_not_grow(self):
        def dashboard_queries(user):
            tiles = self.Tile.sudo(user).search([])
            tiles.invalidate_cache()
            tiles.read(['value', 'amount'])  # the rules and settings, read once
            tiles.invalidate_cache()
            before = self.env.cr.sql_log_count
            tiles.read(['value', 'amount'])
            return self.env.cr.sql_log_count - before

        def add_customers(count, start):
            for index in range(start, start + count):
                customer = self.make_customer('Blocks Many %02d' % index,
                                              user_id=self.seller.id, credit_limit=100.0)
                self.make_invoice(customer, 80, self.day(-40), self.day(-10))
                self.make_order(customer, 10, self.day(-3))
                self.quotation(customer, 30, self.seller)

        add_customers(3, 0)
        counts = {user: dashboard_queries(user) for user in (self.manager, self.seller)}
        blocked = self.tile(self.seller).value
        add_customers(27, 3)
        for user, count in counts.items():
            self.assertEqual(dashboard_queries(user), count, user.login)
        # 80 + 10 + 30 over 100: the 27 new quotations wait too.
        self.assertEqual(self.tile(self.seller).value, blocked + 27)
