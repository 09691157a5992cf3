"""What the demo database shows is true (issue 17): the install leaves no module pending, the
grades, credit ratings, Pareto summary and cube agree with the demo invoices, staff are not
customers, and what the addons stored reads in the reader's language.

Runs on the database `make test` builds: every addon installed with demo data, as `make demo`
installs them. Nothing is written: the test's transaction is rolled back.
"""
import json
import os
import re
import sys
from datetime import timedelta
from pathlib import Path

from odoo import fields
from odoo.tests import common

from odoo.addons.crm_customer360.tz import company_today, main_company

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from language_check import record_names, untranslated_fragments, wrong_language  # noqa: E402


def demo(env, xmlid):
    """The demo record ``crm_customer360.<xmlid>``, failing clearly without demo data."""
    record = env.ref('crm_customer360.%s' % xmlid, raise_if_not_found=False)
    assert record, 'the demo data of crm_customer360 is not installed (%s)' % xmlid
    return record


class DemoCase(common.SavepointCase):
    """The demo database, read as admin; no test of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.china = cls.env.ref('base.main_company')
        cls.uk = demo(cls.env, 'company_uk_demo')
        cls.li_ming = demo(cls.env, 'user_li_ming_demo')
        cls.wang_fang = demo(cls.env, 'user_wang_fang_demo')
        cls.anna = demo(cls.env, 'user_anna_demo')
        cls.xinbeidou = demo(cls.env, 'partner_xinbeidou_demo')
        cls.mueller = demo(cls.env, 'partner_mueller_demo')

    @classmethod
    def customers(cls, company):
        """The customers a company grades: its own, and the shared ones for the main company;
        users' own partners are no customers."""
        staff = cls.env['res.users'].with_context(active_test=False).search([]).mapped(
            'partner_id')
        domain = [('customer', '=', True), ('is_company', '=', True),
                  ('parent_id', '=', False), ('id', 'not in', staff.ids)]
        if company == main_company(cls.env):
            domain.append(('company_id', 'in', [company.id, False]))
        else:
            domain.append(('company_id', '=', company.id))
        return cls.env['res.partner'].search(domain)

    @classmethod
    def revenue(cls, company, date_from, date_to):
        """Revenue of each customer in a company: posted invoices minus refunds."""
        groups = cls.env['account.invoice'].read_group([
            ('company_id', '=', company.id), ('type', 'in', ('out_invoice', 'out_refund')),
            ('state', 'in', ('open', 'paid')),
            ('date_invoice', '>=', date_from), ('date_invoice', '<=', date_to),
        ], ['commercial_partner_id', 'amount_total_company_signed'],
            ['commercial_partner_id'])
        return {g['commercial_partner_id'][0]: g['amount_total_company_signed']
                for g in groups}


@common.at_install(False)
@common.post_install(True)
class TestDemoTruth(DemoCase):

    def test_no_module_left_pending(self):
        """The install leaves no module to install or upgrade: Odoo's cron runner skips a
        database that has one, and no scheduled action of the addons would ever run."""
        pending = self.env['ir.module.module'].search(
            [('state', 'in', ('to install', 'to upgrade', 'to remove'))])
        self.assertFalse(pending, 'modules pending: %s' % ', '.join(pending.mapped('name')))

    def test_demo_companies(self):
        """A Chinese company in yuan and Shanghai time, with a valid unified social credit
        code; an English subsidiary with its own chart of accounts, where Anna works."""
        self.assertEqual((self.china.currency_id.name, self.china.country_id.code,
                          self.china.partner_id.tz, self.china.partner_id.lang),
                         ('CNY', 'CN', 'Asia/Shanghai', 'zh_CN'))
        from stdnum.cn import uscc
        self.assertTrue(uscc.is_valid(self.china.vat), self.china.vat)
        self.assertEqual((self.uk.currency_id.name, self.uk.partner_id.lang), ('GBP', 'en_US'))
        self.assertTrue(self.uk.chart_template_id and self.env['account.journal'].search_count(
            [('company_id', '=', self.uk.id), ('type', '=', 'sale')]))
        self.assertEqual(self.anna.company_id, self.uk)
        self.assertEqual(self.mueller.company_id, self.uk)
        self.assertTrue(self.env['account.invoice'].search_count(
            [('company_id', '=', self.uk.id), ('state', 'in', ('open', 'paid'))]))

    def test_customers_graded_by_their_revenue(self):
        """Every company's customers carry the grade the 80/20 rule gives their revenue over
        the policy's period, as the demo invoices say; a customer with revenue is no D."""
        for company in (self.china, self.uk):
            policy = self.env['crm.grading.policy'].search([('company_id', '=', company.id)])
            self.assertEqual(len(policy), 1)
            today = company_today(company)
            run = self.env['crm.grading.run'].search(
                [('company_id', '=', company.id), ('state', '=', 'done')], limit=1)
            self.assertTrue(run, 'no grading run for %s' % company.name)
            self.assertEqual(run.period_to, fields.Date.to_string(today))
            customers = self.customers(company)
            revenue = self.revenue(company, run.period_from, run.period_to)
            amounts = {c.id: revenue.get(c.id, 0.0) for c in customers}
            total = sum(a for a in amounts.values() if a > 0)
            self.assertAlmostEqual(run.total_revenue, total, places=2)
            self.assertEqual(run.customer_count, len(customers))
            with_revenue = [c for c in customers if amounts[c.id] > 0]
            self.assertTrue(with_revenue, 'no demo customer of %s has revenue' % company.name)
            for customer in customers:
                amount = amounts[customer.id]
                above = sum(a for a in amounts.values() if a > amount and a > 0)
                if amount <= 0:
                    expected = 'D'
                elif above * 100 < policy.threshold_a * total:
                    expected = 'A'
                elif above * 100 < policy.threshold_b * total:
                    expected = 'B'
                else:
                    expected = 'C'
                self.assertEqual(customer.grade_id.code, expected, '%s (revenue %.2f)' % (
                    customer.name, amount))

    def test_pareto_and_cube_equal_the_invoices(self):
        """The cube's revenue of the last twelve months and the Pareto summary of each
        company are those of the invoices."""
        Pareto = self.env['crm.customer.pareto']
        for company in (self.china, self.uk):
            today = company_today(company)
            first = (today.replace(day=1) - timedelta(days=1)).replace(day=1)
            for _month in range(10):
                first = (first - timedelta(days=1)).replace(day=1)
            # the cube's months: the current one (all of it) and the eleven before
            last = (today.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(1)
            revenue = self.revenue(company, fields.Date.to_string(first),
                                   fields.Date.to_string(last))
            cube = self.env['crm.customer.analysis'].read_group(
                [('company_id', '=', company.id),
                 ('date', '>=', fields.Date.to_string(first))],
                ['revenue', 'partner_id'], ['partner_id'])
            by_partner = {g['partner_id'][0]: g['revenue'] for g in cube}
            for partner_id, amount in revenue.items():
                self.assertAlmostEqual(by_partner.get(partner_id, 0.0), amount, places=2,
                                       msg='cube revenue of partner %s' % partner_id)
            ranked = sorted((a for a in revenue.values() if a > 0), reverse=True)
            total, running, top = sum(ranked), 0.0, 0
            for amount in ranked:
                if running * 100 >= 80 * total:
                    break
                running += amount
                top += 1
            summary = Pareto._pareto_summary(company.id)
            self.assertEqual((summary['customer_count'], summary['top_count']),
                             (len(ranked), top), company.name)
            self.assertTrue(summary['customer_count'], 'the Pareto of %s is empty' % company.name)

    def test_credit_ratings_agree_with_the_card(self):
        """Each rated customer's rating was computed from today's figures: the receivable it
        names is the card's, and it says when it was computed."""
        for company, reader in ((self.china, self.wang_fang), (self.uk, self.anna)):
            rated = self.customers(company).filtered('credit_facts')
            self.assertTrue(rated, 'no customer of %s is rated' % company.name)
            for customer in rated:
                facts = json.loads(customer.credit_facts)
                card = customer.sudo(reader)
                self.assertTrue(customer.credit_rated_date, customer.name)
                self.assertAlmostEqual(facts['receivable'], card.receivable_amount, places=2,
                                       msg=customer.name)
                self.assertEqual(facts['company_id'], company.id)
        # The showcase: over its credit limit, with invoices long overdue, and rated so.
        showcase = self.xinbeidou.sudo(self.wang_fang)
        self.assertGreater(showcase.credit_usage, 100)
        self.assertIn(self.xinbeidou.credit_rating, ('C', 'D'))

    def test_a_credit_approval_waits(self):
        """李明 asked for a credit approval of her largest blocked quotation of the showcase
        customer; the approvers of her company have it on their to-do list."""
        approval = self.env['crm.credit.approval'].search(
            [('requested_by_id', '=', self.li_ming.id)])
        self.assertEqual(len(approval), 1)
        self.assertEqual((approval.state, approval.partner_id, approval.company_id),
                         ('requested', self.xinbeidou, self.china))
        order = approval.order_id
        self.assertEqual((order.user_id, order.state, approval.amount),
                         (self.li_ming, order.state, order.amount_total))
        self.assertIn(order.state, ('draft', 'sent'))
        self.assertTrue(order._credit_problems(), order.name)
        self.assertEqual(approval.activity_ids.mapped('user_id'), approval._approvers())
        self.assertEqual(order.credit_approval_status, 'requested')

    def test_readme_figures_are_the_demo_s(self):
        """The figures the README gives of the demo are those the demo shows."""
        readme = (Path(__file__).resolve().parents[1] / 'README.md').read_text()
        figures = re.findall(r'"(\d+\.\d)% of the customers \((\d+) of (\d+)\)', readme)
        self.assertEqual(len(figures), 2, 'the README should give both companies\' Pareto')
        Pareto = self.env['crm.customer.pareto']
        for company, (share, top, count) in zip((self.china, self.uk), figures):
            summary = Pareto._pareto_summary(company.id)
            self.assertEqual(('%.1f' % summary['top_share'], summary['top_count'],
                              summary['customer_count']), (share, int(top), int(count)),
                             'README Pareto figure of %s' % company.name)
        match = re.search(r'is an ([A-D]) customer rated ([A-D]) \((\d+)% of\s+its credit limit',
                          readme)
        self.assertTrue(match, 'the README should describe the showcase customer')
        showcase = self.xinbeidou.sudo(self.wang_fang)
        self.assertEqual((showcase.grade_id.code, showcase.credit_rating,
                          int(showcase.credit_usage)), (match.group(1), match.group(2),
                                                        int(match.group(3))))

    def test_staff_are_not_customers(self):
        """The partners of the demo users (employees and portal users) are not customers:
        not graded, not in the cube nor the pool, not counted."""
        staff = self.env['res.users'].with_context(active_test=False).search([]).mapped(
            'partner_id')
        self.assertFalse(staff.filtered('customer').mapped('name'))
        self.assertFalse(staff.filtered('grade_id').mapped('name'))
        self.assertFalse(self.env['crm.customer.grading'].search_count(
            [('partner_id', 'in', staff.ids)]))
        self.assertFalse(self.env['crm.customer.analysis'].search_count(
            [('partner_id', 'in', staff.ids)]))
        self.assertFalse(self.env['res.partner'].search_count(
            [('customer', '=', True), ('is_staff', '=', True)]))

    def test_demo_tickets_follow_the_grades(self):
        """The demo tickets got the SLA policy of their customer's grade, and none was
        created after its response deadline."""
        if 'crm.service.ticket' not in self.env:
            return
        tickets = self.env['crm.service.ticket'].search([])
        self.assertTrue(tickets)
        for ticket in tickets.filtered('sla_id'):
            grades = ticket.sla_id.grade_ids
            if grades:
                self.assertIn(ticket.commercial_partner_id.grade_id, grades, ticket.name)
            if ticket.response_deadline:
                self.assertLessEqual(ticket.create_date, ticket.response_deadline, ticket.name)


@common.at_install(False)
@common.post_install(True)
class TestDemoLanguages(DemoCase):
    """What the addons stored reads in the reader's language: no English for a reader in
    Simplified Chinese, no Chinese for a reader in English (names of records aside)."""

    def assertReadsIn(self, lang, texts, what):
        """Every text of ``texts`` reads in ``lang`` (see ``language_check``)."""
        names = record_names(self.env)
        fragments = untranslated_fragments(self.env) if lang == 'zh_CN' else ()
        wrong = [text for text in texts
                 if text and wrong_language(text, lang, names, fragments)]
        self.assertFalse(wrong, '%s read in %s:\n%s' % (what, lang, '\n---\n'.join(wrong)))

    def test_explanations_in_the_readers_language(self):
        """Grade and credit explanations and the grade history, for a Chinese and an English
        reader alike (whoever ran the grading)."""
        for reader, company in ((self.li_ming, self.china), (self.wang_fang, self.china),
                                (self.anna, self.uk)):
            customers = self.customers(company)
            if reader == self.li_ming:
                customers = customers.filtered(lambda c: c.user_id == reader)
            customers = customers.sudo(reader).with_context(lang=reader.lang)
            self.assertTrue(customers)
            self.assertReadsIn(reader.lang, customers.mapped('grade_explanation'),
                               'grade explanations')
            self.assertReadsIn(reader.lang, customers.mapped('credit_explanation'),
                               'credit explanations')
            self.assertReadsIn(reader.lang, customers.mapped('grade_history_ids.explanation'),
                               'grade history')
        # The same history rows in both languages, for a manager who reads both companies.
        rows = self.env['crm.customer.grade.history'].search([])
        self.assertTrue(rows)
        for lang in ('zh_CN', 'en_US'):
            self.assertReadsIn(lang, rows.with_context(lang=lang).mapped('explanation'),
                               'grade history')
            runs = self.env['crm.grading.run'].with_context(lang=lang).search([])
            self.assertReadsIn(lang, runs.mapped('message'), 'grading runs')
