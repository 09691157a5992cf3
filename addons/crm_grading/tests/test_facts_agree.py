# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One definition per business fact: the card, its lists, the credit rating and the cube
agree on a set of awkward invoices.

Each customer below holds one awkward case; its receivable, overdue amount and days to
pay are worked out by hand in the comments, then read four ways for the same reader and
day: the card's figures, the total of the list each figure opens, the inputs the credit
rating stored (``credit_facts``) and the analysis cube's row of the current month. The
reader works in the grading test company; the customers' documents in the main company
count in none of the four. Every company and the reader share a time zone chosen so that
today there is another day than in UTC (midnight has passed in one and not the other).
"""
import json

import pytz

from odoo import fields

from odoo.addons.crm_customer360.tz import company_today

from .common import GradingCase

# Two zones 25 hours apart: whatever the hour in UTC, in one of them it is another day.
EAST_TZ = 'Pacific/Kiritimati'   # UTC+14
WEST_TZ = 'Pacific/Pago_Pago'    # UTC-11


class TestFactsAgree(GradingCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The transaction's time is the cube's (its CURRENT_DATE): choose the zone by it.
        cls.env.cr.execute("SELECT now() AT TIME ZONE 'UTC'")
        now = fields.Datetime.from_string(cls.env.cr.fetchone()[0])
        cls.utc_today = now.date()
        cls.tz = next(tz for tz in (EAST_TZ, WEST_TZ)
                      if pytz.utc.localize(now).astimezone(pytz.timezone(tz)).date()
                      != cls.utc_today)
        for company in cls.main_company | cls.company:
            company.partner_id.tz = cls.tz
        cls.env = cls.env(context=dict(cls.env.context, tz=cls.tz))
        cls.today = company_today(cls.company)
        assert cls.today != cls.utc_today
        cls.reader = cls.make_user('facts.reader', [
            'sales_team.group_sale_salesman_all_leads', 'account.group_account_invoice'])
        cls.reader.write({'tz': cls.tz,
                          'company_ids': [(4, cls.main_company.id)]})
        cls.foreign_currency = cls.env.ref('base.EUR') \
            if cls.currency != cls.env.ref('base.EUR') else cls.env.ref('base.USD')
        cls.foreign_currency.active = True
        cls.set_rate(cls.currency, 1.0, cls.day(-90))
        cls.set_rate(cls.foreign_currency, 2.0, cls.day(-90))
        bank = cls.env['account.account'].create({
            'code': 'GT1010', 'name': 'Bank', 'company_id': cls.company.id,
            'user_type_id': cls.env.ref('account.data_account_type_liquidity').id})
        cls.bank_journal = cls.env['account.journal'].create({
            'name': 'Facts Bank', 'code': 'FBK', 'type': 'bank', 'company_id': cls.company.id,
            'default_debit_account_id': bank.id, 'default_credit_account_id': bank.id})
        cls.expected = {}

        # No due date: 1000 invoiced 10 days ago, due on its invoice date -> overdue.
        no_due = cls.customer('Facts No Due', 1000.0, 1000.0)
        inv = cls.make_invoice(no_due, 1000.0, cls.day(-10))
        cls.env.cr.execute("UPDATE account_invoice SET date_due = NULL WHERE id = %s",
                           [inv.id])
        inv.invalidate_cache(['date_due'])

        # Partial payment: 1000 due 10 days ago, 400 paid -> 600 owed and overdue.
        partial = cls.customer('Facts Partial', 600.0, 600.0)
        inv = cls.make_invoice(partial, 1000.0, cls.day(-40), cls.day(-10))
        cls.pay(inv, 400.0, cls.day(-20))

        # Refund: 500 not yet due, an open refund of 200 -> 300 owed, nothing overdue.
        refund = cls.customer('Facts Refund', 300.0, 0.0)
        cls.make_invoice(refund, 500.0, cls.day(-5), cls.day(25))
        cls.make_invoice(refund, 200.0, cls.day(-3), inv_type='out_refund')

        # Another currency: 400 at 2 per company unit, due yesterday -> 200 overdue.
        foreign = cls.customer('Facts Foreign', 200.0, 200.0)
        cls.make_invoice(foreign, 400.0, cls.day(-30), cls.day(-1),
                         currency=cls.foreign_currency)

        # Paid after the due date: 300 invoiced 50 days ago, due 30 days ago, paid 20 days
        # ago -> nothing owed, 30 days to pay, 10 days late, 0 of 1 on time.
        late = cls.customer('Facts Paid Late', 0.0, 0.0, days_to_pay=30.0, days_late=10.0,
                            on_time=0)
        inv = cls.make_invoice(late, 300.0, cls.day(-50), cls.day(-30))
        cls.pay(inv, 300.0, cls.day(-20))

        # Paid before it was invoiced: settled on the invoice date -> 0 days to pay, on time.
        early = cls.customer('Facts Paid Early', 0.0, 0.0, days_to_pay=0.0, days_late=0.0,
                             on_time=1)
        inv = cls.make_invoice(early, 250.0, cls.day(-10), cls.day(20))
        cls.pay(inv, 250.0, cls.day(-15))

        # Two companies: 100 overdue here; 700 overdue in the main company, which the
        # reader's figures leave out (the reader works in the grading company).
        two = cls.customer('Facts Two Companies', 100.0, 100.0)
        cls.make_invoice(two, 100.0, cls.day(-20), cls.day(-5))
        cls.make_main_company_invoice(two, 700.0, cls.day(-20), cls.day(-5))

        # Midnight: 100 due on the earlier of today here and today in UTC: overdue here
        # only when here it is already the next day.
        midnight = cls.customer('Facts Midnight', 100.0,
                                100.0 if cls.today > cls.utc_today else 0.0)
        cls.make_invoice(midnight, 100.0, cls.day(-5),
                         fields.Date.to_string(min(cls.today, cls.utc_today)))

        cls.customers = cls.env['res.partner'].browse([p.id for p in cls.expected])
        cls.env['res.partner']._rate_credit(
            cls.company, cls.day(-364), cls.day(0), partner_ids=cls.customers.ids)
        cls.env['crm.customer.analysis']._refresh()

    @classmethod
    def customer(cls, name, receivable, overdue, **paid):
        partner = cls.make_customer(name, company_id=cls.company.id)
        cls.expected[partner] = dict(paid, receivable=receivable, overdue=overdue)
        return partner

    @classmethod
    def make_main_company_invoice(cls, partner, amount, date_invoice, date_due):
        Account = cls.env['account.account']
        kind = cls.env.ref('account.data_account_type_receivable')
        receivable = Account.search([('company_id', '=', cls.main_company.id),
                                     ('user_type_id', '=', kind.id)], limit=1)
        revenue = Account.search([('company_id', '=', cls.main_company.id),
                                  ('user_type_id', '=', cls.env.ref(
                                      'account.data_account_type_revenue').id)], limit=1)
        journal = cls.env['account.journal'].search([
            ('company_id', '=', cls.main_company.id), ('type', '=', 'sale')], limit=1)
        invoice = cls.env['account.invoice'].create({
            'partner_id': partner.id, 'type': 'out_invoice', 'company_id': cls.main_company.id,
            'account_id': receivable.id, 'journal_id': journal.id,
            'date_invoice': date_invoice, 'date_due': date_due,
            'currency_id': cls.main_company.currency_id.id,
            'invoice_line_ids': [(0, 0, {'name': 'Facts line', 'quantity': 1,
                                         'price_unit': amount, 'account_id': revenue.id})]})
        invoice.action_invoice_open()
        return invoice

    # ------------------------------------------------------------------
    # The four readings
    # ------------------------------------------------------------------
    def card(self, partner):
        partner = partner.sudo(self.reader).with_context(tz=self.tz)
        return {'receivable': partner.receivable_amount, 'overdue': partner.overdue_amount,
                'days_to_pay': partner.avg_days_to_pay}

    def drill_down(self, partner, figure):
        """The total still owed on the invoices listed behind the card's ``figure``."""
        partner = partner.sudo(self.reader).with_context(tz=self.tz, c360_figure=figure)
        action = partner.action_open_figure()
        invoices = self.env['account.invoice'].sudo(self.reader).search(action['domain'])
        return round(sum(invoices.mapped('residual_company_signed')), 2)

    def credit(self, partner):
        """The figures the credit rating was computed from."""
        return json.loads(partner.credit_facts)

    def cube(self, partner):
        rows = self.env['crm.customer.analysis'].search([
            ('partner_id', '=', partner.id), ('company_id', '=', self.company.id),
            ('is_current_period', '=', True)])
        self.assertEqual(len(rows), 1, partner.name)
        return {'receivable': rows.receivable_amount, 'overdue': rows.overdue_amount,
                'days_to_pay': rows.avg_days_to_pay}

    # ------------------------------------------------------------------
    # Tests
    # ------------------------------------------------------------------
    def test_zone_is_past_midnight_on_one_side(self):
        """The chosen zone has another day than UTC, so the midnight case means something."""
        self.assertEqual(abs((self.today - self.utc_today).days), 1)
        self.assertEqual(self.env['crm.customer.figures'].sudo(self.reader).with_context(
            tz=self.tz)._figure_context([])['today'], fields.Date.to_string(self.today))

    def test_card_figures_by_hand(self):
        for partner, expected in self.expected.items():
            card = self.card(partner)
            self.assertEqual((card['receivable'], card['overdue']),
                             (expected['receivable'], expected['overdue']), partner.name)
            if 'days_to_pay' in expected:
                self.assertEqual(card['days_to_pay'], expected['days_to_pay'], partner.name)

    def test_lists_total_the_card(self):
        for partner in self.expected:
            card = self.card(partner)
            self.assertEqual(self.drill_down(partner, 'receivable'), card['receivable'],
                             partner.name)
            self.assertEqual(self.drill_down(partner, 'overdue'), card['overdue'],
                             partner.name)

    def test_credit_rating_reads_the_card(self):
        for partner, expected in self.expected.items():
            facts = self.credit(partner)
            card = self.card(partner)
            self.assertEqual((facts['receivable'], facts['overdue']),
                             (card['receivable'], card['overdue']), partner.name)
            if 'days_late' in expected:
                self.assertEqual((facts['avg_days_late'], facts['on_time_count'],
                                  facts['due_count']),
                                 (expected['days_late'], expected['on_time'], 1),
                                 partner.name)

    def test_cube_reads_the_card(self):
        for partner in self.expected:
            self.assertEqual(self.cube(partner), self.card(partner), partner.name)

    def test_main_company_documents_stay_there(self):
        """The 700 of the main company is its own: the cube's row there, not the reader's."""
        two = self.env['res.partner'].search([('name', '=', 'Facts Two Companies')])
        rows = self.env['crm.customer.analysis'].search([
            ('partner_id', '=', two.id), ('company_id', '=', self.main_company.id),
            ('is_current_period', '=', True)])
        self.assertEqual(rows.overdue_amount, 700.0)
        self.assertEqual(self.card(two)['overdue'], 100.0)
