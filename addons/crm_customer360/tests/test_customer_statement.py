# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer statement agrees with the card: worked out by hand on a small data set."""
import base64

from odoo import fields
from odoo.exceptions import AccessError, UserError

from .common import Customer360Case

REPORT = 'report.crm_customer360.customer_statement'


class StatementCase(Customer360Case):
    """A customer with an opening balance, an invoice, a refund and a payment in the period
    (worked out by hand below); runs no test of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.make_customer('Statement Customer', lang='en_US')
        cls.contact = cls.make_contact(cls.customer, 'Statement Contact')
        # Before the period (day -40 to -10): 1000 invoiced, 400 of it paid before it.
        cls.old = cls.make_invoice(cls.customer, 1000.0, cls.day(-40), cls.day(-25))
        cls.pay(cls.old, 400.0, cls.day(-35))
        # In the period (from day -10): an invoice of 500 to the contact, a refund of 200
        # matched with it, and a partial payment of 300 on the old invoice.
        cls.new = cls.make_invoice(cls.contact, 500.0, cls.day(-8), cls.day(+22))
        cls.refund = cls.make_invoice(cls.customer, 200.0, cls.day(-6), inv_type='out_refund')
        cls._match(cls.refund, cls.new)
        cls.pay(cls.old, 300.0, cls.day(-3))
        cls.period = {'date_from': cls.day(-10), 'date_to': cls.day(0)}

    @classmethod
    def _match(cls, refund, invoice):
        """Reconcile a refund's receivable line with an invoice's."""
        lines = (refund.move_id.line_ids | invoice.move_id.line_ids).filtered(
            lambda line: line.account_id == cls.account_receivable)
        lines.reconcile()

    def _statement(self, env=None, **period):
        values = (env or self.env)[REPORT].get_report_values(
            [self.customer.id], data=dict(self.period, **period))
        return values['statements'][self.customer.id]


class TestCustomerStatement(StatementCase):

    def test_statement_by_hand(self):
        """Opening 600 (1000 less 400); +500, -200, -300 in the period; closing 600."""
        st = self._statement()
        self.assertEqual(st['opening'], 600.0)
        self.assertEqual([(line['kind'], line['amount'], line['balance'])
                          for line in st['lines']],
                         [('invoice', 500.0, 1100.0), ('refund', -200.0, 900.0),
                          ('payment', -300.0, 600.0)])
        self.assertEqual(st['closing'], 600.0)
        self.assertEqual(st['opening'] + sum(line['amount'] for line in st['lines']),
                         st['closing'])
        self.assertEqual(st['unallocated'], [])

    def test_closing_is_card_receivable(self):
        """On the card's day the closing balance is the card's receivable, and the ageing
        columns are the card's overdue buckets (300 of the old invoice, 25 days late)."""
        st = self._statement()
        self.customer.invalidate_cache()
        self.assertEqual(self.customer.receivable_amount, 600.0)
        self.assertEqual(st['closing'], self.customer.receivable_amount)
        self.assertEqual(st['ageing'], [300.0, 300.0, 0.0, 0.0, 0.0])
        self.assertEqual(st['ageing'][1], self.customer.overdue_1_30)
        self.assertEqual(sum(st['ageing']), st['closing'])

    def test_earlier_period(self):
        """A period before the refund and the second payment: 600 open, then the invoice."""
        st = self._statement(date_from=self.day(-40), date_to=self.day(-7))
        self.assertEqual(st['opening'], 0.0)
        self.assertEqual([(line['kind'], line['amount']) for line in st['lines']],
                         [('invoice', 1000.0), ('payment', -400.0), ('invoice', 500.0)])
        self.assertEqual(st['closing'], 1100.0)

    def test_unallocated_payment_listed_apart(self):
        """A payment matched with no invoice is not receivable on the card: listed apart."""
        payment = self.env['account.payment'].create({
            'payment_type': 'inbound', 'partner_type': 'customer',
            'partner_id': self.customer.id, 'amount': 50.0, 'payment_date': self.day(-1),
            'journal_id': self.bank_journal.id,
            'payment_method_id': self.env.ref('account.account_payment_method_manual_in').id})
        payment.post()
        st = self._statement()
        self.assertEqual(st['closing'], 600.0)
        self.assertEqual([line['amount'] for line in st['unallocated']], [-50.0])

    def test_queries_constant(self):
        """Two queries for the statements, whatever the number of customers."""
        other = self.make_customer('Statement Other')
        self.make_invoice(other, 70.0, self.day(-2))
        Report = self.env[REPORT]
        ids = [self.customer.id, other.id]
        self.assertTrue(self.company.currency_id.rounding)  # read once, as a page has it
        counts = []
        for partner_ids in (ids[:1], ids):
            before = self.env.cr.sql_log_count
            statements = Report._compute_statements(partner_ids, self.company.id,
                                                    self.day(-10), self.day(0))
            counts.append(self.env.cr.sql_log_count - before)
        self.assertEqual(counts, [2, 2])
        self.assertEqual(statements[other.id]['closing'], 70.0)

    def test_contact_prints_company(self):
        """Printing from a contact gives its company's statement."""
        values = self.env[REPORT].get_report_values([self.contact.id], data=self.period)
        self.assertEqual(values['docs'], self.customer)

    def test_customer_language(self):
        """The statement reads in the customer's language, whatever the user's: its dates
        too (the 'date' widget would format them in the reader's)."""
        end = fields.Date.from_string(self.period['date_to'])
        self.customer.lang = 'zh_CN'
        report = self.env.ref('crm_customer360.customer_statement_report')
        html = report.with_context(lang='en_US').render_qweb_html(
            [self.customer.id], data=self.period)[0].decode()
        self.assertIn('客户对账单', html)
        self.assertIn('期末余额', html)
        self.assertIn('1-30 天', html)
        self.assertIn('600.00', html)
        self.assertIn('%d年%02d月%02d日' % (end.year, end.month, end.day), html)
        self.customer.lang = 'en_US'
        html = report.with_context(lang='zh_CN').render_qweb_html(
            [self.customer.id], data=self.period)[0].decode()
        self.assertIn('Closing Balance', html)
        self.assertIn('1-30 days', html)
        self.assertIn(end.strftime('%m/%d/%Y'), html)

    def test_mail_template_attaches_statement(self):
        """The template renders for the customer, the statement of the composer's period
        attached (the host's test mode renders reports as HTML, else it is the PDF)."""
        template = self.env.ref('crm_customer360.customer_statement_mail_template')
        values = template.with_context(
            statement_date_from=self.period['date_from'],
            statement_date_to=self.period['date_to']).generate_email(
                self.customer.id, fields=['subject', 'body_html', 'partner_to'])
        self.assertIn('statement of account', values['subject'])
        self.assertIn('Statement Customer', values['body_html'])
        [(name, content)] = values['attachments']
        self.assertTrue(name.startswith('Statement_Statement Customer.'), name)
        content = base64.b64decode(content)
        if name.endswith('.pdf'):
            self.assertTrue(content.startswith(b'%PDF'))
        else:
            self.assertIn('Closing Balance', content.decode())
            self.assertIn('600.00', content.decode())

    def test_bad_period_refused(self):
        with self.assertRaises(UserError):
            self._statement(date_from=self.day(0), date_to=self.day(-1))

    def test_other_salesperson_refused(self):
        """A salesperson limited to own customers may not print another's customer."""
        owner = self.make_user('st_owner', ['sales_team.group_sale_salesman',
                                            'crm_customer360.group_own_customers_only'])
        intruder = self.make_user('st_intruder', ['sales_team.group_sale_salesman',
                                                  'crm_customer360.group_own_customers_only'])
        self.customer.user_id = owner
        st = self._statement(env=self.env(user=owner.id))
        self.assertEqual(st['closing'], 600.0)
        with self.assertRaises(AccessError):
            self._statement(env=self.env(user=intruder.id))
        with self.assertRaises(AccessError):
            self.customer.sudo(intruder).action_statement_send()

    def test_portal_refused(self):
        """A portal contact of the customer reads its company, not its statement."""
        portal = self.make_user('st_portal', ['base.group_portal'])
        portal.partner_id.parent_id = self.customer
        with self.assertRaises(AccessError):
            self._statement(env=self.env(user=portal.id))
        with self.assertRaises(AccessError):
            self.customer.sudo(portal).action_statement_send()

    def test_wizard_defaults_and_send(self):
        """The wizard takes the list's selection; Send opens the composer with the template."""
        wizard = self.env['crm.customer.statement'].with_context(
            active_model='res.partner', active_ids=[self.customer.id]).create({})
        self.assertEqual(wizard.partner_ids, self.customer)
        self.assertEqual(wizard.date_to, self.day(0))
        self.assertEqual(wizard.date_from[8:], '01')
        action = wizard.action_print()
        self.assertEqual(action['report_name'], 'crm_customer360.customer_statement')
        self.assertEqual(action['data'], {'date_from': wizard.date_from,
                                          'date_to': wizard.date_to,
                                          'partner_ids': [self.customer.id]})
        action = wizard.action_send()
        self.assertEqual(action['res_model'], 'mail.compose.message')
        template = self.env.ref('crm_customer360.customer_statement_mail_template')
        self.assertEqual(action['context']['default_template_id'], template.id)
        self.assertEqual(action['context']['statement_date_from'], wizard.date_from)
