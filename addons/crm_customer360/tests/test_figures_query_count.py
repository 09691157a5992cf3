# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A page of customers costs the same few queries, whatever its size and documents."""
from .common import Customer360Case

MAX_QUERIES = 10


class TestFiguresQueryCount(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customers = cls.env['res.partner']
        for index in range(80):
            cls.customers |= cls.make_customer('C360 Page Customer %02d' % index)

    def count_queries(self, partners):
        """Queries spent reading every figure of ``partners`` from an empty cache."""
        fields_ = partners._customer_figure_fields()
        partners.invalidate_cache()
        before = self.env.cr.sql_log_count
        partners.read(fields_)
        return self.env.cr.sql_log_count - before

    def add_documents(self):
        """One customer with many invoices, every other one with an invoice and an order."""
        busy = self.customers[0]
        for index in range(12):
            self.make_invoice(busy, 100.0 + index, self.day(-index), self.day(-index + 5))
        for customer in self.customers[1:]:
            self.make_invoice(customer, 50.0, self.day(-40), self.day(-10))
            self.make_order(customer, 70.0, self.day(-5) + ' 09:00:00')
            self.make_opportunity(customer, 10.0, 20.0)

    def test_constant_queries(self):
        empty_one = self.count_queries(self.customers[:1])
        empty_page = self.count_queries(self.customers)
        self.add_documents()
        full_one = self.count_queries(self.customers[:1])
        full_page = self.count_queries(self.customers)
        self.assertEqual(empty_one, empty_page)
        self.assertEqual(empty_page, full_page)
        self.assertEqual(full_one, full_page)
        self.assertLessEqual(full_page, MAX_QUERIES)
        # And the figures are there: 12 invoices of 100..111 on the busy customer.
        self.assertAlmostEqual(self.customers[0].invoiced_amount, sum(range(100, 112)))
        self.assertAlmostEqual(self.customers[1].overdue_amount, 50.0)
