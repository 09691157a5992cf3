# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The grading tiles of the Customers dashboard count what they open."""
from .common import GradingCase


class TestGradingDashboardTile(GradingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.make_sales_manager('grading_dash_manager')
        cls.seller = cls.make_user('grading_dash_seller', ['sales_team.group_sale_salesman'])
        cls.big = cls.make_customer('Dash Big', user_id=cls.seller.id)
        cls.small = cls.make_customer('Dash Small', user_id=cls.seller.id, credit_limit=50.0)
        cls.make_order(cls.big, 900, cls.day(-30))
        cls.make_order(cls.small, 100, cls.day(-30))
        # Small owes 100 against a limit of 50: its new quotation waits for an approver.
        cls.make_invoice(cls.small, 100, cls.day(-10), cls.day(20))
        cls.held = cls.make_order(cls.small, 30, cls.day(0), state='draft')
        cls.make_order(cls.big, 30, cls.day(0), state='draft')
        cls.held.user_id = cls.seller

    def tile_count(self, code, user):
        """The tile's number, checked against the count of the records it opens."""
        tile = self.env['crm.customer.dashboard.tile'].search([('code', '=', code)]).sudo(user)
        action = tile.action_open()
        count = self.env[action['res_model']].sudo(user).search_count(action['domain'])
        self.assertEqual(tile.value, count, code)
        return tile.value, action

    def test_grade_tiles(self):
        self.assertEqual(self.tile_count('grade_changes', self.manager)[0], 0)
        run = self.run_policy()
        self.env['crm.customer.dashboard.tile'].invalidate_cache()
        # Both new customers got their first grade: two changes, as the run says.
        changes, action = self.tile_count('grade_changes', self.manager)
        self.assertEqual(changes, 2)
        self.assertEqual(run.change_count, 2)
        self.assertEqual(action['context']['group_by'], 'new_grade_id')
        graded, __ = self.tile_count('grade_distribution', self.manager)
        self.assertGreaterEqual(graded, 2)
        # The seller's customers open by grade.
        mine, action = self.tile_count('my_customers', self.seller)
        self.assertEqual(mine, 2)
        self.assertEqual(action['context']['group_by'], 'grade_id')

    def test_credit_block_tiles(self):
        # The seller's quotation the block holds back, on the seller's own tile; the
        # manager has no quotation of their own held back.
        count, action = self.tile_count('my_credit_blocks', self.seller)
        self.assertEqual(count, 1)
        self.assertEqual(self.env['sale.order'].search(action['domain']), self.held)
        self.assertEqual(self.tile_count('my_credit_blocks', self.manager)[0], 0)
        # The manager's tile counts the requests waiting for a decision (the demo's, if
        # any), the seller's request too until it is decided.
        waiting = self.env['crm.credit.approval'].sudo(self.manager).search(
            [('state', '=', 'requested')])
        self.assertEqual(self.tile_count('credit_blocks', self.manager)[0], len(waiting))
        approval = self.env['crm.credit.approval'].sudo(self.seller).create({
            'order_id': self.held.id, 'reason': 'Pays on Friday'})
        self.env['crm.customer.dashboard.tile'].invalidate_cache()
        count, action = self.tile_count('credit_blocks', self.manager)
        self.assertEqual(count, len(waiting) + 1)
        self.assertEqual(action['res_model'], 'crm.credit.approval')
        self.assertEqual(self.env['crm.credit.approval'].sudo(self.manager).search(
            action['domain']), waiting | approval)
        approver = self.make_user('grading_dash_approver', [
            'sales_team.group_sale_salesman', 'crm_grading.group_credit_approver'])
        approval.sudo(approver).action_reject('No')
        self.env['crm.customer.dashboard.tile'].invalidate_cache()
        self.assertEqual(self.tile_count('credit_blocks', self.manager)[0], len(waiting))
