# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The card's finance and sales figures, worked out by hand on a constructed data set."""
from odoo.exceptions import AccessError, UserError

from .common import Customer360Case

FOREIGN_DAY = '2025-03-17'


class TestFiguresBase(Customer360Case):
    """A customer with a contact, a spread of documents, and a customer with none.

    Amounts are untaxed, in the company currency unless said otherwise; the foreign currency
    is worth two units of the company currency (rate 0.5 against 1.0).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.foreign = cls.env.ref('base.EUR')
        if cls.foreign == cls.currency:
            cls.foreign = cls.env.ref('base.USD')
        cls.foreign.active = True
        cls.set_rate(cls.currency, 1.0, FOREIGN_DAY)
        cls.set_rate(cls.foreign, 0.5, FOREIGN_DAY)
        cls.foreign_pricelist = cls.env['product.pricelist'].create({
            'name': 'C360 foreign', 'currency_id': cls.foreign.id})

        cls.acme = cls.make_customer('ACME Trading', credit_limit=2000.0)
        cls.acme_contact = cls.env['res.partner'].create({
            'name': 'Zhang San', 'parent_id': cls.acme.id, 'customer': True})
        cls.empty = cls.make_customer('Quiet Customer')

        # Invoices: open and overdue by 95, 40 (partly paid) and 5 days; paid in 15 days;
        # open, not due; an open refund; a foreign invoice paid in 10 days; a draft and a
        # cancelled invoice that do not count.
        cls.make_invoice(cls.acme, 1000.0, cls.day(-100), cls.day(-95))
        inv2 = cls.make_invoice(cls.acme_contact, 500.0, cls.day(-50), cls.day(-40))
        cls.pay(inv2, 200.0, cls.day(-30))
        cls.make_invoice(cls.acme, 800.0, cls.day(-20), cls.day(-5))
        inv4 = cls.make_invoice(cls.acme, 600.0, cls.day(-60), cls.day(-30))
        cls.pay(inv4, 600.0, cls.day(-45))
        cls.make_invoice(cls.acme, 400.0, cls.day(-10), cls.day(20))
        cls.make_invoice(cls.acme, 150.0, cls.day(-8), inv_type='out_refund')
        inv6 = cls.make_invoice(cls.acme, 100.0, FOREIGN_DAY, '2025-04-16', currency=cls.foreign)
        # Payments are in the company currency: 200 pay the 100 of the foreign invoice.
        cls.pay(inv6, 200.0, '2025-03-27')
        cls.make_invoice(cls.acme, 999.0, cls.day(-3), validate=False)
        cls.make_invoice(cls.acme, 777.0, cls.day(-3), validate=False).action_invoice_cancel()

        # Orders: two contracts, a foreign contract, a draft and a sent proposal, a cancelled
        # order that does not count.
        cls.make_order(cls.acme, 1000.0, cls.day(-90) + ' 10:00:00')
        cls.make_order(cls.acme_contact, 2000.0, cls.day(-30) + ' 10:00:00')
        cls.make_order(cls.acme, 100.0, FOREIGN_DAY + ' 10:00:00',
                       pricelist=cls.foreign_pricelist)
        cls.make_order(cls.acme, 300.0, cls.day(-2) + ' 10:00:00', state='draft')
        cls.make_order(cls.acme, 700.0, cls.day(-1) + ' 10:00:00', state='sent')
        cls.make_order(cls.acme, 5000.0, cls.day(-1) + ' 10:00:00', state='cancel')

        # Opportunities: open, won, lost (archived), and a lead that is no opportunity.
        cls.make_opportunity(cls.acme_contact, 5000.0, 50.0)
        cls.make_opportunity(cls.acme, 3000.0, 100.0)
        cls.make_opportunity(cls.acme, 1000.0, 0.0, active=False)
        cls.make_opportunity(cls.acme, 8000.0, 10.0, type='lead')

    def figures(self, partner):
        partner.invalidate_cache()
        return {name: partner[name] for name in partner._customer_figure_fields()}


class TestResPartnerFigures(TestFiguresBase):

    def test_finance_figures(self):
        figures = self.figures(self.acme)
        self.assertAlmostEqual(figures['invoiced_amount'], 1000 + 500 + 800 + 600 + 400 - 150 + 200)
        self.assertAlmostEqual(figures['receivable_amount'], 1000 + 300 + 800 + 400 - 150)
        self.assertAlmostEqual(figures['overdue_amount'], 1000 + 300 + 800)
        self.assertAlmostEqual(figures['overdue_1_30'], 800.0)
        self.assertAlmostEqual(figures['overdue_31_60'], 300.0)
        self.assertAlmostEqual(figures['overdue_61_90'], 0.0)
        self.assertAlmostEqual(figures['overdue_90_plus'], 1000.0)
        # The refund of day -8 and the draft and cancelled invoices of day -3 do not count.
        self.assertEqual(figures['last_invoice_date'], self.day(-10))
        self.assertEqual(figures['last_payment_date'], self.day(-30))
        # Paid invoices of the last twelve months: 15 days (day -60 to -45); the foreign
        # invoice of March 2025, paid in 10 days, is older and does not count.
        self.assertAlmostEqual(figures['avg_days_to_pay'], 15.0)
        # Receivable 2350 against a limit of 2000.
        self.assertAlmostEqual(figures['credit_usage'], 117.5)
        self.assertTrue(self.acme.over_credit_limit)

    def test_sales_figures(self):
        figures = self.figures(self.acme)
        self.assertEqual(figures['quotation_count'], 2)
        self.assertAlmostEqual(figures['quotation_amount'], 300 + 700)
        self.assertEqual(figures['order_count'], 3)
        self.assertAlmostEqual(figures['order_amount'], 1000 + 2000 + 200)
        self.assertEqual(figures['first_order_date'], FOREIGN_DAY)
        self.assertEqual(figures['last_order_date'], self.day(-30))
        self.assertEqual(figures['opportunity_count'], 2)
        self.assertAlmostEqual(figures['pipeline_amount'], 5000.0)

    def test_contact_shows_its_company_figures(self):
        self.assertEqual(self.figures(self.acme_contact), self.figures(self.acme))

    def test_customer_without_documents(self):
        figures = self.figures(self.empty)
        self.assertEqual(figures, dict(
            self.env['crm.customer.figures']._figure_defaults(), credit_usage=0.0))
        self.assertFalse(self.empty.over_credit_limit)

    def test_other_company_documents_do_not_count(self):
        other = self.env['res.company'].create({'name': 'C360 Other Company',
                                                'currency_id': self.currency.id})
        self.make_order(self.acme, 9000.0, self.day(-1) + ' 10:00:00', company=other)
        invoice = self.make_invoice(self.acme, 4000.0, self.day(-1))
        # Moving the invoice by SQL avoids building a chart of accounts for the company.
        self.env.cr.execute("UPDATE account_invoice SET company_id = %s WHERE id = %s",
                            (other.id, invoice.id))
        figures = self.figures(self.acme)
        self.assertAlmostEqual(figures['order_amount'], 3200.0)
        self.assertAlmostEqual(figures['invoiced_amount'], 3350.0)

    def test_search_figures(self):
        Partner = self.env['res.partner']
        overdue = Partner.search([('overdue_amount', '>', 0)])
        self.assertIn(self.acme, overdue)
        self.assertIn(self.acme_contact, overdue)
        self.assertNotIn(self.empty, overdue)
        # A customer without documents has an overdue amount of 0.
        self.assertIn(self.empty, Partner.search([('overdue_amount', '=', 0)]))
        self.assertNotIn(self.acme, Partner.search([('overdue_amount', '=', 0)]))
        self.assertIn(self.acme, Partner.search([('over_credit_limit', '=', True)]))
        self.assertNotIn(self.empty, Partner.search([('over_credit_limit', '=', True)]))
        self.assertIn(self.empty, Partner.search([('over_credit_limit', '=', False)]))
        # Last order 30 days ago: dormant for 3 weeks, not for 2 months.
        self.assertIn(self.acme, Partner.search([('last_order_date', '<', self.day(-21))]))
        self.assertNotIn(self.acme, Partner.search([('last_order_date', '<', self.day(-60))]))
        self.assertIn(self.empty, Partner.search([('last_order_date', '=', False)]))
        with self.assertRaises(UserError):
            Partner.search([('overdue_amount', 'ilike', 'x')])

    def test_overdue_filter_list_and_figure_agree(self):
        """An invoice without a due date is overdue after its invoice date: in the figure,
        in the Overdue filter and in the list behind the figure alike; the filter finds
        exactly the customers whose computed overdue amount is above zero."""
        late = self.make_customer('C360 No Due Date Ltd')
        invoice = self.make_invoice(late, 70.0, self.day(-5))
        self.env.cr.execute("UPDATE account_invoice SET date_due = NULL WHERE id = %s",
                            (invoice.id,))
        invoice.invalidate_cache()
        self.assertAlmostEqual(self.figures(late)['overdue_amount'], 70.0)
        Partner = self.env['res.partner']
        self.assertIn(late, Partner.search([('overdue_amount', '>', 0)]))
        action = late.with_context(c360_figure='overdue').action_open_figure()
        self.assertEqual(self.env['account.invoice'].search(action['domain']), invoice)
        computed = Partner._figures_searched(['overdue_amount'])
        expected = {pid for pid, row in computed.items() if row['overdue_amount'] > 0}
        found = set(Partner.search([('overdue_amount', '>', 0)]).mapped(
            'commercial_partner_id').ids)
        self.assertEqual(found, expected)
        self.assertEqual(Partner.search([('overdue_amount', '!=', 0)]),
                         Partner.search([('overdue_amount', '>', 0)]))

    def test_one_figure_equals_the_full_computation(self):
        # searches and the credit check ask for one figure: it must be the card's value
        Figures = self.env['crm.customer.figures']
        full = Figures._compute_figures(self.acme.ids)[self.acme.id]
        self.assertTrue(full['over_credit_limit'] and full['credit_usage'] > 100)
        for name in Figures._figure_defaults():
            alone = Figures._compute_figures(self.acme.ids, figures=[name])[self.acme.id]
            self.assertEqual(alone[name], full[name], name)

    def test_figure_opens_its_records(self):
        action = self.acme_contact.with_context(c360_figure='overdue').action_open_figure()
        invoices = self.env['account.invoice'].search(action['domain'])
        self.assertEqual(sorted(invoices.mapped('residual')), [300.0, 800.0, 1000.0])
        action = self.acme.with_context(c360_figure='quotations').action_open_figure()
        self.assertEqual(sorted(self.env['sale.order'].search(action['domain']).mapped(
            'amount_total')), [300.0, 700.0])
        with self.assertRaises(UserError):
            self.acme.with_context(c360_figure='nonsense').action_open_figure()


class TestFiguresAccess(TestFiguresBase):
    """A salesperson without accounting rights sees the aggregates, not the invoices."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesperson = cls.make_user('c360_sales', ['sales_team.group_sale_salesman'])
        cls.accountant = cls.make_user('c360_billing', ['sales_team.group_sale_salesman',
                                                        'account.group_account_invoice'])

    def test_salesperson_sees_aggregates(self):
        acme = self.acme.sudo(self.salesperson)
        self.assertFalse(self.salesperson.has_group('account.group_account_invoice'))
        self.assertAlmostEqual(acme.receivable_amount, 2350.0)
        self.assertAlmostEqual(acme.overdue_amount, 2100.0)
        # Orders of other salespeople count in the aggregates too.
        self.assertAlmostEqual(acme.order_amount, 3200.0)

    def test_salesperson_cannot_open_invoices(self):
        acme = self.acme.sudo(self.salesperson)
        for figure in ('invoiced', 'receivable', 'overdue', 'payments'):
            with self.assertRaises(AccessError):
                acme.with_context(c360_figure=figure).action_open_figure()
        with self.assertRaises(AccessError):
            acme.read(['c360_invoice_ids'])
        action = acme.with_context(c360_figure='quotations').action_open_figure()
        self.assertEqual(action['res_model'], 'sale.order')

    def test_billing_user_opens_invoices(self):
        acme = self.acme.sudo(self.accountant)
        action = acme.with_context(c360_figure='receivable').action_open_figure()
        self.assertEqual(action['res_model'], 'account.invoice')
        self.assertEqual(len(acme.c360_invoice_ids), 7)
