# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The open service tickets in the visit briefing, through the reader's rules."""
from .common import ServiceCase

REPORT_XMLID = 'crm_customer360.customer_briefing_report'


class TestCustomerBriefingTickets(ServiceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls.make_user('svb_owner', ['sales_team.group_sale_salesman'])
        cls.customer.user_id = cls.owner
        cls.open_ticket = cls.make_ticket(cls.contact, name='Briefing printer jam',
                                          user_id=cls.agent.id)
        cls.closed_ticket = cls.make_ticket(cls.customer, name='Briefing solved issue')
        cls.closed_ticket.stage_id = cls.stage_solved

    def _html(self, user):
        report = self.env(user=user).ref(REPORT_XMLID)
        return report.render_qweb_html(self.customer.ids)[0].decode()

    def test_open_tickets_listed(self):
        """The owner reads the customer's open tickets (a contact's too), not the closed."""
        html = self._html(self.owner)
        self.assertIn('c360_briefing_tickets', html)
        self.assertIn(self.open_ticket.number, html)
        self.assertIn('Briefing printer jam', html)
        self.assertIn('Svc_Agent', html)
        self.assertNotIn('Briefing solved issue', html)

    def test_no_tickets_without_rights(self):
        """An employee without service or sales rights gets the briefing without them."""
        employee = self.make_user('svb_employee', ['base.group_user'])
        html = self._html(employee)
        self.assertIn('Svc Customer A', html)
        self.assertNotIn('Briefing printer jam', html)
