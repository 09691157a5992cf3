# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service figures on the customer card, in a constant number of queries per page."""
from .common import ServiceCase


class TestResPartner(ServiceCase):

    def close(self, ticket, closed_date, first_response_date):
        ticket.stage_id = self.stage_solved
        ticket.write({'closed_date': closed_date, 'first_response_date': first_response_date})
        ticket._sla_update_status()

    def test_figures(self):
        on_time = self.make_ticket(self.contact)
        late = self.make_ticket(self.customer)
        self.make_ticket(self.contact)
        self.close(on_time, '2026-12-01 10:00:00', '2026-11-30 10:00:00')
        self.close(late, '2026-12-01 10:00:00', '2026-11-30 15:00:00')
        self.assertEqual((on_time.sla_status, late.sla_status), ('met', 'breached'))
        for partner in (self.customer, self.contact):
            partner.invalidate_cache()
            self.assertEqual(partner.ticket_count, 3)
            self.assertEqual(partner.open_ticket_count, 1)
            self.assertEqual(partner.ticket_sla_compliance, 50.0)
            self.assertEqual(partner.ticket_rating_avg, 0.0)
            self.assertEqual(partner.last_ticket_date, on_time.create_date)
        self.assertEqual(self.customer_c.ticket_count, 0)

    def test_constant_queries(self):
        customers = self.env['res.partner']
        for index in range(20):
            customers |= self.make_customer('Svc Page %02d' % index)

        def count(partners):
            partners.invalidate_cache()
            before = self.env.cr.sql_log_count
            partners.read(['ticket_count', 'open_ticket_count', 'ticket_sla_compliance',
                           'ticket_rating_avg', 'last_ticket_date'])
            return self.env.cr.sql_log_count - before

        empty_one, empty_page = count(customers[:1]), count(customers)
        for customer in customers:
            self.make_ticket(customer)
        full_page = count(customers)
        self.assertEqual(empty_one, empty_page)
        self.assertEqual(empty_page, full_page)
        self.assertLessEqual(full_page, 6)
        self.assertEqual(customers.mapped('ticket_count'), [1] * 20)

    def test_smart_button_opens_the_customers_tickets(self):
        ticket = self.make_ticket(self.contact)
        action = self.contact.action_open_service_tickets()
        self.assertEqual(self.Ticket.search(action['domain']), ticket)
