# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The service tiles of the Customers dashboard count what they open."""
from .common import ServiceCase


class TestServiceDashboardTile(ServiceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.seller = cls.make_user('svc_dash_seller', ['sales_team.group_sale_salesman'])
        cls.sales_manager = cls.make_sales_manager('svc_dash_manager')
        cls.customer_c.user_id = cls.seller
        # Ten days ago: both deadlines long passed, so the open tickets are breached.
        cls.open_old = cls.make_ticket(cls.customer_c)
        cls.closed_old = cls.make_ticket(cls.customer_c)
        cls.closed_old.stage_id = cls.stage_solved
        cls.other = cls.make_ticket(cls.customer)

    def tile_count(self, code, user):
        """The tile's number, checked against the count of the records it opens."""
        tile = self.env['crm.customer.dashboard.tile'].search([('code', '=', code)]).sudo(user)
        tile.invalidate_cache()
        action = tile.action_open()
        count = self.env[action['res_model']].sudo(user).search_count(action['domain'])
        self.assertEqual(tile.value, count, code)
        return tile.value, action

    def test_my_tickets(self):
        count, action = self.tile_count('my_tickets', self.seller)
        self.assertEqual(count, 1)
        self.assertEqual(action['context']['group_by'], 'sla_status')
        self.assertEqual(action['views'][0][1], 'list')

    def test_sla_breaches(self):
        self.assertEqual(self.open_old.sla_status, 'breached')
        before, __ = self.tile_count('sla_breaches', self.sales_manager)
        self.make_ticket(self.customer_c)
        after, action = self.tile_count('sla_breaches', self.sales_manager)
        self.assertEqual(after, before + 1)
        self.assertIn(self.open_old, self.Ticket.search(action['domain']))
        self.assertNotIn(self.closed_old, self.Ticket.search(action['domain']))
