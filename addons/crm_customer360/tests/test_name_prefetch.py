# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A list's customer and salesperson names are read without every partner column
(``models/name_prefetch.py``), and they read as before."""
from .common import Customer360Case

# Columns no name is made of: loading them for a page of names was the cost.
UNRELATED = ('dup_email_key', 'name_pinyin', 'street', 'comment')


class TestNamePrefetch(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = cls.make_user('c360_prefetch_sales', ['sales_team.group_sale_salesman'])
        cls.salesman.partner_id.name = 'Prefetch Seller'
        cls.customers = cls.env['res.partner']
        for index in range(3):
            cls.customers |= cls.make_customer(
                'C360 Prefetch %d' % index, user_id=cls.salesman.id, street='Road %d' % index,
                email='buyer%d@prefetch.example.com' % index)
        cls.contact = cls.make_contact(cls.customers[0], 'Ann Buyer')

    def loaded(self, records, names=UNRELATED):
        """The fields of ``names`` that are in the cache for some record of ``records``."""
        cache = self.env.cache
        return sorted({name for name in names for record in records
                       if cache.contains(record, record._fields[name])})

    def test_salesperson_column(self):
        """Reading a page's salesperson reads the user's name, not the customers' columns."""
        customers = self.customers
        customers.invalidate_cache()
        # as the list asks for its page
        rows = self.env['res.partner'].sudo(self.salesman).search_read(
            [('id', 'in', customers.ids)], ['display_name', 'user_id'], order='id')
        self.assertEqual([row['user_id'] for row in rows],
                         [(self.salesman.id, 'Prefetch Seller')] * 3)
        # a user's name is its partner's: the host read every column of that partner and of
        # the page's customers with it (190 ms of a page of 80 on the benchmark's data)
        self.assertEqual(self.loaded(self.salesman), [])
        self.assertEqual(self.loaded(customers | self.salesman.partner_id), [])

    def count_queries(self, partners):
        """Queries of a list page of ``partners`` with its salesperson column, as the list
        asks for it, from an empty cache."""
        partners.invalidate_cache()
        before = self.env.cr.sql_log_count
        self.env['res.partner'].sudo(self.salesman).search_read(
            [('id', 'in', partners.ids)], ['display_name', 'user_id'])
        return self.env.cr.sql_log_count - before

    def test_constant_queries(self):
        """The names cost a few queries per page (one per field a name is made of), not one
        per row: the same for one customer and for the page."""
        self.count_queries(self.customers)  # warm the rule and access caches
        self.assertEqual(self.count_queries(self.customers[:1]),
                         self.count_queries(self.customers))
        contacts = self.contact
        for customer in self.customers[1:]:
            contacts |= self.make_contact(customer, 'Buyer of %s' % customer.name)
        contacts.name_get()  # warm
        contacts.invalidate_cache()
        before = self.env.cr.sql_log_count
        contacts[:1].name_get()
        one = self.env.cr.sql_log_count - before
        contacts.invalidate_cache()
        before = self.env.cr.sql_log_count
        names = contacts.name_get()
        self.assertEqual(self.env.cr.sql_log_count - before, one)
        self.assertEqual(names[2][1], 'C360 Prefetch 2, Buyer of C360 Prefetch 2')

    def test_customer_column(self):
        """A many2one to a partner (a contact's company) reads its stored display name only."""
        self.contact.invalidate_cache()
        row = self.contact.read(['parent_id'])[0]
        self.assertEqual(row['parent_id'], (self.customers[0].id, 'C360 Prefetch 0'))
        self.assertEqual(self.loaded(self.customers | self.contact), [])

    def test_names_unchanged(self):
        """``name_get`` gives the host's names, the contact's company included; the other
        fields are still prefetched together when the records are used afterwards."""
        self.customers.invalidate_cache()
        self.assertEqual(self.contact.name_get(),
                         [(self.contact.id, 'C360 Prefetch 0, Ann Buyer')])
        self.assertEqual(self.salesman.name_get(), [(self.salesman.id, 'Prefetch Seller')])
        self.assertEqual(
            self.customers.with_context(show_email=True).name_get()[1][1],
            'C360 Prefetch 1 <buyer1@prefetch.example.com>')
        self.customers.invalidate_cache()
        self.assertEqual(self.customers[0].street, 'Road 0')
        self.assertEqual(self.loaded(self.customers, ('street', 'comment')),
                         ['comment', 'street'])
