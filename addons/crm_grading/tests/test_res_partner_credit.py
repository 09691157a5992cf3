# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Credit ratings of a constructed set of customers, worked out by hand.

Period: the last 365 days. Every figure below is counted from the invoices built in
``setUpClass``; the company currency is the test company's (its code is in the texts).
"""
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools.misc import formatLang
from odoo.exceptions import AccessError

from odoo.addons.crm_customer360.tests.common import Customer360Case


class CreditCase(Customer360Case):
    """Customers with known payment behaviour; runs no test of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env['res.partner']
        cls.date_from, cls.date_to = cls.day(-365), cls.day(0)

        # On time: 2 invoices due and both paid on or before the due date, 1 not yet due
        # (on a contact person: it counts for the company).
        cls.punctual = cls.make_customer('Credit Punctual')
        contact = cls.make_contact(cls.punctual, 'Punctual Buyer')
        inv = cls.make_invoice(cls.punctual, 1000.0, cls.day(-100), cls.day(-70))
        cls.pay(inv, 1000.0, cls.day(-75))
        inv = cls.make_invoice(cls.punctual, 500.0, cls.day(-40), cls.day(-10))
        cls.pay(inv, 500.0, cls.day(-10))
        cls.make_invoice(contact, 300.0, cls.day(-5), cls.day(25))

        # Late: 5 invoices of 100, paid 10, 0, 20, 0, 0 days late -> 3 of 5 on time (60 %),
        # 30 / 5 = 6 days late on average.
        cls.late = cls.make_customer('Credit Late')
        for due, late in ((-200, 10), (-150, 0), (-100, 20), (-60, 0), (-30, 0)):
            inv = cls.make_invoice(cls.late, 100.0, cls.day(due - 30), cls.day(due))
            cls.pay(inv, 100.0, cls.day(due + late))

        # Overdue: 1000 open and 90 days late, 500 open not yet due -> 66.7 % overdue.
        cls.overdue = cls.make_customer('Credit Overdue')
        cls.make_invoice(cls.overdue, 1000.0, cls.day(-120), cls.day(-90))
        cls.make_invoice(cls.overdue, 500.0, cls.day(-10), cls.day(20))

        # Credit limit 1000, 850 receivable not yet due -> 85 % used.
        cls.limited = cls.make_customer('Credit Limited', credit_limit=1000.0)
        cls.make_invoice(cls.limited, 850.0, cls.day(-10), cls.day(20))

        # Foreign currency at 2 per company unit: 1000 paid 5 days late, 400 (= 200 in the
        # company currency) open and not due; credit limit 500 -> 40 % used.
        cls.foreign_currency = cls.env.ref('base.EUR') \
            if cls.currency != cls.env.ref('base.EUR') else cls.env.ref('base.USD')
        cls.foreign_currency.active = True
        # Both rates from the first foreign invoice on, after any rate of the demo data.
        cls.set_rate(cls.currency, 1.0, cls.day(-60))
        cls.set_rate(cls.foreign_currency, 2.0, cls.day(-60))
        cls.foreign = cls.make_customer('Credit Foreign', credit_limit=500.0)
        inv = cls.make_invoice(cls.foreign, 1000.0, cls.day(-60), cls.day(-30),
                               currency=cls.foreign_currency)
        cls.pay(inv, 1000.0, cls.day(-25))
        cls.make_invoice(cls.foreign, 400.0, cls.day(-40), cls.day(10),
                         currency=cls.foreign_currency)

        # Only a refund: nothing due, nothing receivable -> not rated.
        cls.refund_only = cls.make_customer('Credit Refund Only')
        cls.make_invoice(cls.refund_only, 200.0, cls.day(-30), inv_type='out_refund')

        cls.rated = (cls.punctual | cls.late | cls.overdue | cls.limited | cls.foreign
                     | cls.refund_only)

    @classmethod
    def rate(cls, partners=None):
        return cls.Partner._rate_credit(
            cls.company, cls.date_from, cls.date_to,
            partner_ids=(partners or cls.rated).ids)

    def money(self, amount):
        """An amount as the explanation writes it: the card's format, in the company's
        currency."""
        return formatLang(self.env, amount, currency_obj=self.currency)


class TestResPartnerCredit(CreditCase):

    def test_ratings_worked_out_by_hand(self):
        self.assertEqual(self.rate(), 5, "every customer but the refund-only one is rated")
        self.rated.invalidate_cache()
        self.assertEqual(
            {p.name: p.credit_rating for p in self.rated},
            {'Credit Punctual': 'AAA', 'Credit Late': 'B', 'Credit Overdue': 'D',
             'Credit Limited': 'AA', 'Credit Foreign': 'C', 'Credit Refund Only': False})

    def test_explanation_lists_every_figure(self):
        self.rate()
        self.assertEqual(self.punctual.credit_explanation, '\n'.join([
            "Credit rating AAA, from the payment behaviour between %s and %s."
            % (self.date_from, self.date_to),
            "Rule AAA: at least 95% paid on time, at most 2 days late on average, overdue "
            "share at most 0%, credit usage at most 80%.",
            "Invoices in the period: 3",
            "Paid on time: 2 of 2 due (100%)",
            "Average days late: 0",
            "Receivable today: %s" % self.money(300),
            "Overdue today: %s (0%% of the receivable)" % self.money(0),
            "Credit limit: none",
        ]))
        late = self.late.credit_explanation.split('\n')
        self.assertEqual(late[2:5], ["Invoices in the period: 5",
                                     "Paid on time: 3 of 5 due (60%)",
                                     "Average days late: 6"])
        overdue = self.overdue.credit_explanation.split('\n')
        self.assertEqual(overdue[1], "Rule D: overdue share 50% or more, or more than 90 days "
                                     "late on average.")
        self.assertEqual(overdue[3:8], [
            "Paid on time: 0 of 1 due (0%)",
            "Average days late: 90",
            "Receivable today: %s" % self.money(1500),
            "Overdue today: %s (66.7%% of the receivable)" % self.money(1000),
            "Credit limit: none"])
        self.assertEqual(self.limited.credit_explanation.split('\n')[-1],
                         "Credit limit: %s, used 85%%" % self.money(1000))

    def test_foreign_currency_in_company_currency(self):
        self.rate()
        lines = self.foreign.credit_explanation.split('\n')
        self.assertEqual(lines[0][:17], "Credit rating C, ")
        self.assertEqual(lines[3:], [
            "Paid on time: 0 of 1 due (0%)",
            "Average days late: 5",
            "Receivable today: %s" % self.money(200),
            "Overdue today: %s (0%% of the receivable)" % self.money(0),
            "Credit limit: %s, used 40%%" % self.money(500)])

    def test_refund_only_not_rated(self):
        self.refund_only.sudo().write({'credit_rating': 'A'})
        self.rate()
        self.assertFalse(self.refund_only.credit_rating)
        self.assertEqual(self.refund_only.credit_explanation.split('\n')[1:4], [
            "Not rated: no invoice due in the period and nothing receivable.",
            "Invoices in the period: 0",
            "Paid on time: no invoice due in the period"])
        self.assertIn("Receivable today: %s" % self.money(-200),
                      self.refund_only.credit_explanation)

    def test_period_limits_the_invoices(self):
        """Invoices before the period are not judged; the receivable is today's."""
        self.Partner._rate_credit(self.company, self.day(-20), self.day(0),
                                  partner_ids=self.late.ids + self.overdue.ids)
        self.assertFalse(self.late.credit_rating, "nothing due since day -20, nothing open")
        self.assertEqual(self.overdue.credit_rating, 'D', "the old overdue invoice still is")
        self.assertIn("Invoices in the period: 1", self.overdue.credit_explanation)

    def test_whole_company_run(self):
        count = self.Partner._rate_credit(self.company, self.date_from, self.date_to)
        self.assertGreaterEqual(count, 5)
        self.assertEqual(self.punctual.credit_rating, 'AAA')
        self.assertFalse(self.punctual.child_ids.credit_rating, "contacts are not rated")

    def test_all_companies(self):
        self.assertGreaterEqual(self.Partner._rate_credit_all_companies(), 5)
        self.assertEqual(self.late.credit_rating, 'B')

    def test_rules_hook_extends(self):
        rules = self.Partner._credit_rating_rules()
        self.assertEqual([r['rating'] for r in rules['ratings']], ['AAA', 'AA', 'A', 'B'])
        rules['ratings'][0]['max_usage'] = 90.0
        figures = {'rated': True, 'due_count': 0, 'on_time_pct': 0.0, 'avg_days_late': 0.0,
                   'overdue_share': 0.0, 'usage': 85.0}
        self.assertEqual(self.Partner._credit_rating_of(figures, rules), 'AAA')
        self.assertEqual(
            self.Partner._credit_rating_of(figures, self.Partner._credit_rating_rules()), 'AA')

    def test_card_button_rates_one_customer(self):
        salesman = self.make_user('credit.rater', ['sales_team.group_sale_salesman'])
        contact = self.make_contact(self.late, 'Late Buyer')
        # The invoices rated both already: start from no rating to see what the button does.
        self.env.cr.execute("UPDATE res_partner SET credit_rating = NULL WHERE id IN %s",
                            [(self.late.id, self.punctual.id)])
        self.env['res.partner'].invalidate_cache()
        contact.sudo(salesman).action_rate_credit()
        self.assertEqual(self.late.credit_rating, 'B')
        self.assertFalse(self.punctual.credit_rating, "only the one customer is rated")

    def test_button_period_is_twelve_months(self):
        date_from, date_to = self.Partner._credit_rating_period(self.company)
        self.assertEqual(date_to, self.day(0))
        self.assertEqual(date_from, fields.Date.to_string(
            self.today - relativedelta(months=12) + timedelta(days=1)))

    def test_salesperson_cannot_set_rating(self):
        salesman = self.make_user('credit.writer', ['sales_team.group_sale_salesman'])
        rated = self.punctual.credit_rating
        self.assertTrue(rated, "the invoices rated the customer")
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.punctual.sudo(salesman).write({'credit_rating': 'D'})
        self.punctual.invalidate_cache()
        self.assertEqual(self.punctual.credit_rating, rated)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.Partner.sudo(salesman).create({'name': 'Self Rated', 'credit_rating': 'AAA'})
        manager = self.make_user('credit.manager', ['sales_team.group_sale_manager'])
        self.punctual.sudo(manager).write({'credit_rating': 'B'})
        self.assertEqual(self.punctual.credit_rating, 'B')
