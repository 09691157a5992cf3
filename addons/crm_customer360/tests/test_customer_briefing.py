# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The visit briefing (拜访简报): the card's figures, open work and last contacts, for the
readers who may see them, in a constant number of queries."""
from datetime import timedelta

import lxml.html

from odoo import fields
from odoo.exceptions import AccessError

from .common import Customer360Case

REPORT = 'report.crm_customer360.customer_briefing'


class TestCustomerBriefing(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner = cls.make_user('br_owner', ['sales_team.group_sale_salesman'])
        cls.customer = cls.make_customer('Briefing Customer', user_id=cls.owner.id,
                                         ref='BR-001', street='88 Briefing Road',
                                         city='Suzhou', phone='+86 512 5555 0101')
        cls.contact = cls.make_contact(cls.customer, 'Briefing Person', email='bp@example.com')
        # 1234.50 invoiced 40 days ago, due 10 days ago, 400 paid: 834.50 overdue.
        invoice = cls.make_invoice(cls.customer, 1234.5, cls.day(-40), cls.day(-10))
        cls.pay(invoice, 400.0, cls.day(-5))
        # The owner's documents: a salesperson reads only their own orders and leads.
        cls.quotation = cls.make_order(cls.contact, 321.0, cls.day(-2), state='draft')
        cls.quotation.user_id = cls.owner
        # A colleague's quotation: counted in the figures, not listed for the owner.
        cls.colleague = cls.make_user('br_colleague', ['sales_team.group_sale_salesman'])
        cls.colleague_quotation = cls.make_order(cls.customer, 7.0, cls.day(-1), state='draft')
        cls.colleague_quotation.user_id = cls.colleague
        cls.invoiced_order = cls.make_order(cls.customer, 50.0, cls.day(-3))
        cls.invoiced_order.action_invoice_create()
        cls.opportunity = cls.make_opportunity(cls.customer, 5000.0, 40,
                                               name='Briefing Deal', user_id=cls.owner.id)
        cls.won = cls.make_opportunity(cls.customer, 7000.0, 100, name='Briefing Won',
                                       user_id=cls.owner.id)
        cls.activity = cls.env['mail.activity'].create({
            'res_model_id': cls.env.ref('base.model_res_partner').id,
            'res_id': cls.contact.id, 'summary': 'Bring the samples',
            'activity_type_id': cls.env.ref('mail.mail_activity_data_call').id,
            'date_deadline': cls.day(3), 'user_id': cls.owner.id})
        # Twelve contacts: the briefing shows the last ten.
        now = fields.Datetime.from_string(fields.Datetime.now())
        Interaction = cls.env['crm.customer.interaction']
        for number in range(12):
            Interaction.create({
                'partner_id': cls.customer.id, 'user_id': cls.owner.id,
                'interaction_type': 'call', 'summary': 'Briefing call %02d' % number,
                'date': fields.Datetime.to_string(now - timedelta(days=20 - number))})

    def _html(self, partners, env=None):
        report = (env or self.env).ref('crm_customer360.customer_briefing_report')
        return report.render_qweb_html(partners.ids)[0].decode()

    @staticmethod
    def _cell(html, css_class):
        """The text of the element of ``css_class`` in ``html``, spaces normalised."""
        node = lxml.html.fromstring(html).find_class(css_class)[0]
        return ' '.join(node.text_content().split())

    def test_briefing_shows_the_card(self):
        """Identity, the card's figures to the cent, open work and the last ten contacts."""
        html = self._html(self.customer, self.env(user=self.owner))
        # The card's own figures, cell by cell (the symbol and a no-break space first).
        self.customer.invalidate_cache()
        card = self.customer.sudo(self.owner)
        self.assertEqual((card.invoiced_amount, card.receivable_amount, card.overdue_amount),
                         (1234.5, 834.5, 834.5))
        self.assertEqual(self._cell(html, 'c360_briefing_invoiced')[-8:], '1,234.50')
        self.assertEqual(self._cell(html, 'c360_briefing_receivable')[-6:], '834.50')
        self.assertEqual(self._cell(html, 'c360_briefing_overdue')[-6:], '834.50')
        # Two quotations (the colleague's too: the figures are the card's aggregates).
        quotations = self._cell(html, 'c360_briefing_quotations')
        self.assertTrue(quotations.startswith('2 · ') and quotations.endswith('328.00'),
                        quotations)
        contracts = self._cell(html, 'c360_briefing_contracts')
        self.assertTrue(contracts.startswith('1 · ') and contracts.endswith('50.00'), contracts)
        self.assertEqual(self._cell(html, 'c360_briefing_last_payment'),
                         fields.Date.from_string(self.day(-5)).strftime('%m/%d/%Y'))
        for text in ('Visit Briefing', 'Briefing Customer', 'BR-001', 'Br_Owner',
                     '88 Briefing Road', 'Suzhou', '+86 512 5555 0101',
                     'Briefing Person', 'bp@example.com', self.quotation.name,
                     'Briefing Deal', 'Bring the samples', 'Briefing call 11',
                     'Briefing call 02'):
            self.assertIn(text, html)
        # Won deals, invoiced orders, a colleague's documents and older contacts are not.
        for text in ('Briefing Won', self.invoiced_order.name, self.colleague_quotation.name,
                     'Briefing call 01', 'Briefing call 00'):
            self.assertNotIn(text, html)

    def test_contact_prints_company(self):
        """Printed from a contact, the briefing is its company's."""
        values = self.env[REPORT].get_report_values([self.contact.id])
        self.assertEqual(values['docs'], self.customer)

    def test_employee_gets_no_figures(self):
        """An employee without sales rights reads the customer, not its figures."""
        employee = self.make_user('br_employee', ['base.group_user'])
        html = self._html(self.customer, self.env(user=employee))
        self.assertIn('Briefing Customer', html)
        self.assertNotIn('c360_briefing_figures', html)
        self.assertNotIn('834.50', html)
        self.assertNotIn('Briefing Deal', html)

    def test_other_salesperson_refused(self):
        """A salesperson limited to own customers may not print another's customer."""
        intruder = self.make_user('br_intruder', ['sales_team.group_sale_salesman',
                                                  'crm_customer360.group_own_customers_only'])
        with self.assertRaises(AccessError):
            self._html(self.customer, self.env(user=intruder))

    def test_portal_refused(self):
        portal = self.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Briefing Portal', 'login': 'br_portal', 'partner_id': self.contact.id,
            'groups_id': [(6, 0, [self.env.ref('base.group_portal').id])]})
        with self.assertRaises(AccessError):
            self.env(user=portal)[REPORT].get_report_values([self.customer.id])

    def test_queries_constant(self):
        """The same number of queries for one customer and for three, each with figures,
        open work and contacts."""
        others = self.env['res.partner']
        for number in range(3):
            other = self.make_customer('Briefing Other %d' % number, user_id=self.owner.id)
            self.make_contact(other, 'Other Person %d' % number)
            self.make_invoice(other, 100.0 + number, self.day(-1))
            self.make_order(other, 10.0, self.day(-1), state='draft').user_id = self.owner
            self.make_opportunity(other, 100.0, 10, user_id=self.owner.id)
            self.env['crm.customer.interaction'].create({
                'partner_id': other.id, 'user_id': self.owner.id,
                'interaction_type': 'visit', 'summary': 'Visit %d' % number})
            others |= other
        env = self.env(user=self.owner)
        # Twice before counting: the templates compiled, the access rules and translations
        # in the registry's caches (the first render after the records' creation refills
        # them again).
        for _warm in range(2):
            env['res.partner'].invalidate_cache()
            self._html(others, env)
        counts = []
        for partners in (others[:1], others):
            env['res.partner'].invalidate_cache()
            before = self.env.cr.sql_log_count
            html = self._html(partners, env)
            counts.append(self.env.cr.sql_log_count - before)
        self.assertIn('Briefing Other 2', html)
        self.assertIn('Visit 2', html)
        self.assertEqual(html.count('c360_briefing_orders'), 3)
        self.assertEqual(html.count('c360_briefing_opportunities'), 3)
        self.assertEqual(counts[0], counts[1], counts)
