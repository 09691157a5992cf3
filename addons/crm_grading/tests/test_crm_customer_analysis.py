# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer analysis cube and the Pareto view, on a constructed set and on the demo data.

The constructed customers live beside the demo data in the test company (a new company would
need its own chart of accounts); the exact checks read only the rows of those customers.
"""
from datetime import timedelta

from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tools.safe_eval import safe_eval

from odoo.addons.crm_customer360.tests.common import Customer360Case, run_background
from odoo.addons.crm_customer360.tz import company_today, main_company

MEASURES = ['customer_count', 'revenue', 'revenue_previous', 'order_count', 'order_amount',
            'quotation_count', 'quotation_amount', 'opportunity_open_count', 'opportunity_won_count',
            'opportunity_lost_count', 'expected_revenue', 'receivable_amount',
            'overdue_amount', 'customer_value']


def month(day):
    """First day of the month of ``day``, as an Odoo date string."""
    return fields.Date.to_string(day.replace(day=1))


class CustomerAnalysisCase(Customer360Case):
    """Builds the constructed set; runs no test of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The cube counts days from the main company's today (its CURRENT_DATE is taken in
        # that company's time zone, ``_refresh``), so do the expectations: the UTC date
        # differs for part of the day.
        cls.today = company_today(main_company(cls.env))
        cls.this_month = month(cls.today)
        cls.owner = cls.make_user('cube.own', ['crm_customer360.group_own_customers_only'])
        cls.industry = cls.env['res.partner.industry'].create({'name': 'Cube Machinery'})
        tags = cls.env['res.partner.category']
        cls.tag_zeta = tags.create({'name': 'Cube Zeta'})
        cls.tag_alpha = tags.create({'name': 'Cube Alpha'})
        cls.term = cls.env.ref('account.account_payment_term_15days')
        cls.alpha = cls.make_customer(
            'Cube Alpha Ltd', user_id=cls.owner.id, industry_id=cls.industry.id,
            company_size='medium', city='Ningbo', country_id=cls.env.ref('base.cn').id,
            category_id=[(6, 0, [cls.tag_zeta.id, cls.tag_alpha.id])])
        cls.alpha.write({'grade_id': cls.env.ref('crm_grading.crm_customer_grade_a').id,
                         'customer_value': 1234.0})
        # Invoices: open 1000 (due 5 days ago) and an open refund of 200; 300 paid in 10
        # days; 500 on the first day of this month a year ago, paid.
        cls.make_invoice(cls.alpha, 1000.0, cls.day(-15), date_due=cls.day(-5))
        cls.make_invoice(cls.alpha, 200.0, cls.day(0), inv_type='out_refund')
        paid = cls.make_invoice(cls.alpha, 300.0, cls.day(-40))
        cls.pay(paid, 300.0, cls.day(-30))
        cls.year_ago = cls.today.replace(day=1) - relativedelta(years=1)
        old = cls.make_invoice(cls.alpha, 500.0, fields.Date.to_string(cls.year_ago))
        cls.pay(old, 500.0, fields.Date.to_string(cls.year_ago + timedelta(days=5)))
        # Set by hand after the invoices, which rate the customer again as they change.
        cls.alpha.write({'credit_rating': 'AA'})
        cls.make_order(cls.alpha, 700.0, cls.day(-10))
        cls.make_order(cls.alpha, 250.0, cls.day(0), state='draft')
        cls.make_order(cls.alpha, 999.0, cls.day(0), state='cancel')
        cls.make_opportunity(cls.alpha, 5000.0, 30)
        cls.make_opportunity(cls.alpha, 2000.0, 100)
        cls.make_opportunity(cls.alpha, 1000.0, 10).action_set_lost()
        cls.env.cr.execute("SELECT date_trunc('month', now() at time zone 'UTC')::date")
        cls.lead_month = cls.env.cr.fetchone()[0]
        # Lifecycle: customers with only orders at given days ago, and contacts.
        cls.prospect = cls.make_customer('Cube Prospect')
        cls.lifecycle = {}
        for name, order_days, contact_days, status in [
                ('Cube New', [90], None, 'new'),
                ('Cube Not New', [91], None, 'active'),
                ('Cube Active', [400, 180], None, 'active'),
                ('Cube Risk', [400, 181], None, 'at_risk'),
                ('Cube Risk Late', [400, 365], None, 'at_risk'),
                ('Cube Lost', [400, 366], None, 'lost'),
                ('Cube Kept', [400], 90, 'at_risk'),
                ('Cube Gone', [400], 91, 'lost')]:
            customer = cls.make_customer(name)
            for days in order_days:
                cls.make_order(customer, 10.0, cls.day(-days))
            if contact_days is not None:
                cls.env['crm.customer.interaction'].create({
                    'partner_id': customer.id, 'interaction_type': 'call',
                    'summary': 'Cube call', 'date': cls.day(-contact_days) + ' 08:00:00'})
            cls.lifecycle[customer] = status
        # An invoice without an order is a purchase too.
        invoiced = cls.make_customer('Cube Invoiced')
        cls.make_invoice(invoiced, 10.0, cls.day(-200))
        cls.lifecycle[invoiced] = 'at_risk'
        invoiced_new = cls.make_customer('Cube Invoiced New')
        cls.make_invoice(invoiced_new, 10.0, cls.day(-5))
        cls.lifecycle[invoiced_new] = 'new'
        cls.co_owned = cls.make_customer('Cube Co-owned', co_owner_ids=[(6, 0, [cls.owner.id])],
                                         property_payment_term_id=cls.term.id)
        cls.make_invoice(cls.co_owned, 50.0, cls.day(0))
        cls.Analysis = cls.env['crm.customer.analysis']
        cls.Analysis._refresh()

    @classmethod
    def day(cls, offset):
        return fields.Date.to_string(cls.today + timedelta(days=offset))

    def rows(self, partner, model=None):
        """{month: row} of the cube for ``partner``."""
        Analysis = self.Analysis if model is None else model
        return {row.date: row for row in Analysis.search([('partner_id', '=', partner.id)])}

    def totals(self, domain, measures=None, model=None):
        """Sums of the cube's measures over ``domain``, as the pivot asks for them."""
        measures = MEASURES if measures is None else measures
        model = self.Analysis if model is None else model
        groups = model.read_group(domain, measures, [], lazy=False)
        return {m: groups[0][m] or 0 for m in measures}


class TestCrmCustomerAnalysis(CustomerAnalysisCase):

    def test_measures_by_month(self):
        expected = {}

        def add(day, **values):
            row = expected.setdefault(month(day), dict.fromkeys(MEASURES, 0))
            for key, value in values.items():
                row[key] += value
        today = self.today
        add(today - timedelta(days=15), revenue=1000.0)
        add(today, revenue=-200.0)
        add(today - timedelta(days=40), revenue=300.0)
        add(self.year_ago, revenue=500.0)
        add(today, revenue_previous=500.0)
        add(today - timedelta(days=10), order_count=1, order_amount=700.0)
        add(today, quotation_count=1, quotation_amount=250.0)
        add(fields.Date.from_string(self.lead_month), opportunity_open_count=1,
            opportunity_won_count=1, opportunity_lost_count=1, expected_revenue=5000.0)
        add(today, receivable_amount=800.0, overdue_amount=1000.0, customer_value=1234.0,
            customer_count=1)
        rows = self.rows(self.alpha)
        self.assertEqual(sorted(rows), sorted(expected))
        for key, values in expected.items():
            got = {m: rows[key][m] for m in MEASURES}
            self.assertEqual(got, values, 'month %s' % key)
        current = rows[self.this_month]
        self.assertTrue(current.is_current_period)
        self.assertEqual(current.avg_days_to_pay, 10.0)
        # First purchase: the invoice of a year ago; last: the order of 10 days ago.
        self.assertEqual(current.lifecycle_status, 'active')
        self.assertEqual(current.first_order_date, fields.Date.to_string(self.year_ago))
        self.assertEqual(current.last_order_date, self.day(-10))
        self.assertFalse(current.days_since_contact)
        self.assertEqual(rows[month(self.year_ago)].avg_days_to_pay, 0.0)
        lead_row = rows[self.lead_month]
        self.assertEqual(lead_row.win_rate, 50.0)

    def test_dimensions(self):
        row = self.rows(self.alpha)[self.this_month]
        self.assertEqual(row.grade_id, self.env.ref('crm_grading.crm_customer_grade_a'))
        self.assertEqual(row.credit_rating, 'AA')
        self.assertEqual(row.industry_id, self.industry)
        self.assertEqual(row.company_size, 'medium')
        self.assertEqual(row.city, 'Ningbo')
        self.assertEqual(row.country_id, self.env.ref('base.cn'))
        self.assertEqual(row.user_id, self.owner)
        self.assertEqual(row.company_id, self.company)
        # The first tag by name; the search on tags matches any of them.
        self.assertEqual(row.category_id, self.tag_alpha)
        self.assertEqual(row.category_ids, self.tag_alpha | self.tag_zeta)
        self.assertIn(row, self.Analysis.search([('category_ids', 'in', self.tag_zeta.id)]))
        # The payment term is a company-dependent property, resolved in SQL.
        self.assertEqual(self.rows(self.co_owned)[self.this_month].payment_term_id, self.term)
        self.assertEqual(row.payment_term_id, self.alpha.with_context(
            force_company=self.company.id).property_payment_term_id)

    def test_prospect_has_one_empty_row(self):
        rows = self.rows(self.prospect)
        self.assertEqual(list(rows), [self.this_month])
        row = rows[self.this_month]
        self.assertEqual(row.lifecycle_status, 'prospect')
        self.assertEqual({m: row[m] for m in MEASURES},
                         dict(dict.fromkeys(MEASURES, 0), customer_count=1))

    def test_lifecycle_status_rules(self):
        for customer, status in self.lifecycle.items():
            row = self.rows(customer)[self.this_month]
            self.assertEqual(row.lifecycle_status, status, customer.name)
        kept = self.env['res.partner'].search([('name', '=', 'Cube Kept')])
        self.assertEqual(self.rows(kept)[self.this_month].days_since_contact, 90)

    def test_snapshot_counted_once(self):
        """Summed over every month, the snapshot measures equal the current month's."""
        domain = [('partner_id', '=', self.alpha.id)]
        everything = self.totals(domain)
        current = self.totals(domain + [('is_current_period', '=', True)])
        for name in ('receivable_amount', 'overdue_amount', 'customer_value', 'customer_count'):
            self.assertEqual(everything[name], current[name], name)
        self.assertEqual(everything['revenue'], 1600.0)
        self.assertEqual(everything['receivable_amount'], 800.0)

    def test_totals_equal_host_documents(self):
        """For this year, last year and all time the cube sums the host's own records
        (demo data and the constructed set): invoices, orders, opportunities."""
        year = self.today.replace(month=1, day=1)
        periods = [(None, None), (year, year + relativedelta(years=1)),
                   (year - relativedelta(years=1), year)]
        customer = [('customer', '=', True), ('active', '=', True)]
        customers = self.env['res.partner'].search(customer)
        for start, end in periods:
            domain = []
            if start:
                domain = [('date', '>=', fields.Date.to_string(start)),
                          ('date', '<', fields.Date.to_string(end))]
            cube = self.totals(domain)

            def dated(name, day=True):
                if not start:
                    return []
                suffix = '' if day else ' 00:00:00'
                return [(name, '>=', fields.Date.to_string(start) + suffix),
                        (name, '<', fields.Date.to_string(end) + suffix)]
            invoices = self.env['account.invoice'].search(
                [('type', 'in', ('out_invoice', 'out_refund')),
                 ('state', 'in', ('open', 'paid')),
                 ('commercial_partner_id', 'in', customers.ids)] + dated('date_invoice'))
            self.assertAlmostEqual(
                cube['revenue'], sum(invoices.mapped('amount_total_company_signed')), 2,
                msg='revenue %s-%s' % (start, end))
            orders = self.env['sale.order'].search(
                [('partner_id.commercial_partner_id', 'in', customers.ids)]
                + dated('date_order', day=False))
            confirmed = orders.filtered(lambda o: o.state in ('sale', 'done'))
            quotes = orders.filtered(lambda o: o.state in ('draft', 'sent'))
            self.assertEqual(cube['order_count'], len(confirmed))
            self.assertAlmostEqual(cube['order_amount'], self.in_company_currency(confirmed), 2)
            self.assertEqual(cube['quotation_count'], len(quotes))
            self.assertAlmostEqual(cube['quotation_amount'], self.in_company_currency(quotes), 2)
            leads = self.env['crm.lead'].with_context(active_test=False).search(
                [('type', '=', 'opportunity'),
                 ('partner_id.commercial_partner_id', 'in', customers.ids)]
                + dated('create_date', day=False))
            self.assertEqual(cube['opportunity_open_count'], len(leads.filtered(
                lambda l: l.active and l.probability < 100)))
            self.assertEqual(cube['opportunity_won_count'], len(leads.filtered(
                lambda l: l.active and l.probability >= 100)))
            self.assertEqual(cube['opportunity_lost_count'], len(leads.filtered(
                lambda l: not l.active and not l.probability)))
            self.assertAlmostEqual(cube['expected_revenue'], sum(leads.filtered(
                lambda l: l.active and l.probability < 100).mapped('planned_revenue')), 2)
        # Receivable and overdue: today's open invoices, on the current month only; each
        # customer counted once.
        current = self.totals([('is_current_period', '=', True)])
        self.assertEqual(self.totals([])['customer_count'], len(customers.filtered(
            lambda p: p.commercial_partner_id == p)))
        self.assertEqual(current['customer_value'], sum(customers.filtered(
            lambda p: p.commercial_partner_id == p).mapped('customer_value')))
        open_invoices = self.env['account.invoice'].search(
            [('type', 'in', ('out_invoice', 'out_refund')), ('state', '=', 'open'),
             ('commercial_partner_id', 'in', customers.ids)])
        self.assertAlmostEqual(current['receivable_amount'],
                               sum(open_invoices.mapped('residual_company_signed')), 2)
        # The year before: this year's months carry last year's same months.
        this_year = self.totals([('date', '>=', fields.Date.to_string(year)),
                                 ('date', '<=', self.this_month)])
        last_year = self.totals([('date', '>=', fields.Date.to_string(
            year - relativedelta(years=1))), ('date', '<=', fields.Date.to_string(
                self.year_ago))])
        self.assertAlmostEqual(this_year['revenue_previous'], last_year['revenue'], 2)

    def in_company_currency(self, orders):
        """Sum of the orders' totals in their company's currency at the order date."""
        total = 0.0
        for order in orders:
            currency = order.pricelist_id.currency_id
            total += currency.with_context(date=order.date_order[:10]).compute(
                order.amount_total, order.company_id.currency_id, round=False)
        return total

    def test_agrees_with_customer_card(self):
        row = self.rows(self.alpha)[self.this_month]
        card = self.alpha
        self.assertEqual(row.receivable_amount, card.receivable_amount)
        self.assertEqual(row.overdue_amount, card.overdue_amount)
        self.assertEqual(row.avg_days_to_pay, card.avg_days_to_pay)
        self.assertEqual(self.totals([('partner_id', '=', card.id)])['revenue'],
                         card.invoiced_amount)

    def test_own_customers_only(self):
        """A salesperson restricted to own customers sees only their and co-owned rows."""
        mine = [self.alpha.id, self.co_owned.id, self.prospect.id] + [
            c.id for c in self.lifecycle]
        Analysis = self.Analysis.sudo(self.owner)
        groups = Analysis.read_group([('partner_id', 'in', mine)], ['revenue', 'partner_id'],
                                     ['partner_id'])
        self.assertEqual({g['partner_id'][0] for g in groups},
                         {self.alpha.id, self.co_owned.id})
        self.assertEqual(self.totals([], ['revenue'], model=Analysis)['revenue'], 1650.0)
        Pareto = self.env['crm.customer.pareto'].sudo(self.owner)
        self.assertEqual(set(Pareto.search([]).mapped('partner_id').ids),
                         {self.alpha.id, self.co_owned.id})
        # A salesperson without the restriction sees everyone's rows.
        seller = self.make_user('cube.seller', ['sales_team.group_sale_salesman'])
        groups = self.Analysis.sudo(seller).read_group(
            [('partner_id', 'in', mine)], ['revenue', 'partner_id'], ['partner_id'])
        self.assertEqual(len(groups), len(mine))

    def test_refresh_sees_new_documents(self):
        self.make_invoice(self.prospect, 40.0, self.day(0))
        self.assertEqual(self.rows(self.prospect)[self.this_month].revenue, 0.0)
        action = self.Analysis.action_refresh()
        self.assertEqual(action['res_model'], 'crm.customer.analysis')
        # queued: the figures change when the background run has run, and a second click
        # meanwhile queues nothing more
        batch = self.env['crm.customer.batch'].search(
            [('res_model', '=', 'crm.customer.analysis'), ('state', '=', 'running')])
        self.assertEqual(len(batch), 1)
        self.Analysis.action_refresh()
        self.assertEqual(self.env['crm.customer.batch'].search_count(
            [('res_model', '=', 'crm.customer.analysis'), ('state', '=', 'running')]), 1)
        self.assertEqual(self.rows(self.prospect)[self.this_month].revenue, 0.0)
        run_background(self.env, batch)
        self.assertEqual(batch.state, 'done')
        self.assertEqual(self.rows(self.prospect)[self.this_month].revenue, 40.0)

    def test_saved_filters_name_real_fields_and_open(self):
        """Each shared favourite of the cube groups by dimensions and shows measures that
        exist, and its grouping runs."""
        filters = self.env['ir.filters'].search([
            ('model_id', '=', 'crm.customer.analysis'), ('user_id', '=', False)])
        self.assertEqual(len(filters), 9, filters.mapped('name'))
        fields_ = self.Analysis.fields_get()
        numeric = ('integer', 'float', 'monetary')
        for favourite in filters:
            context = safe_eval(favourite.context)
            groupbys = (context['group_by'] + context['pivot_row_groupby']
                        + context['pivot_column_groupby'] + context['graph_groupbys'])
            for groupby in groupbys:
                self.assertIn(groupby.split(':')[0], fields_, favourite.name)
            measures = context['pivot_measures'] + [context['graph_measure']]
            for measure in measures:
                self.assertIn(fields_[measure]['type'], numeric, (favourite.name, measure))
            groupby = context['group_by'][0]
            groups = self.Analysis.read_group(
                safe_eval(favourite.domain), measures + [groupby.split(':')[0]], [groupby],
                lazy=False)
            self.assertTrue(groups, favourite.name)

    def test_pivot_export_available(self):
        """The pivot's "Download xls" needs xlwt, which the web controller imports."""
        from odoo.addons.web.controllers import pivot
        self.assertIsNotNone(pivot.xlwt)
        book = pivot.xlwt.Workbook()
        book.add_sheet('Customer Analysis').write(0, 0, 'Revenue')


class TestCrmCustomerPareto(CustomerAnalysisCase):

    def test_pareto_by_hand(self):
        """Rank, cumulative share and the 80% figure, computed from the invoices."""
        start = fields.Date.to_string(self.today.replace(day=1) - relativedelta(months=11))
        invoices = self.env['account.invoice'].search([
            ('type', 'in', ('out_invoice', 'out_refund')), ('state', 'in', ('open', 'paid')),
            ('date_invoice', '>=', start), ('company_id', '=', self.company.id),
            ('commercial_partner_id.customer', '=', True)])
        revenue = {}
        for invoice in invoices:
            key = invoice.commercial_partner_id.id
            revenue[key] = revenue.get(key, 0.0) + invoice.amount_total_company_signed
        ranked = sorted(((-amount, pid) for pid, amount in revenue.items() if amount > 0))
        total = sum(-amount for amount, _pid in ranked)
        cumulative, top, expected = 0.0, 0, {}
        for rank, (amount, pid) in enumerate(ranked, 1):
            if 100.0 * cumulative / total < 80.0:
                top += 1
            cumulative -= amount
            expected[pid] = (rank, round(100.0 * cumulative / total, 6))
        rows = self.env['crm.customer.pareto'].search([('company_id', '=', self.company.id)])
        self.assertEqual({row.partner_id.id: (row.rank, round(row.cumulative_share, 6))
                          for row in rows}, expected)
        summary = self.env['crm.customer.pareto']._pareto_summary()
        self.assertEqual(summary['customer_count'], len(ranked))
        self.assertEqual(summary['top_count'], top)
        self.assertEqual(summary['top_share'], round(100.0 * top / len(ranked), 1))
        self.assertIn(self.alpha.id, expected)
        wizard = self.env['crm.customer.pareto.summary'].create({})
        self.assertEqual(wizard.top_count, top)
        self.assertTrue(wizard.refreshed_at)
        self.assertIn('%s%%' % summary['top_share'], wizard.summary)
        self.assertEqual(wizard.action_open_curve()['res_model'], 'crm.customer.pareto')
