# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service measures of the customer analysis cube, on a constructed set of tickets in two
months (dates set in SQL: the ORM stamps them with the time of the test)."""
import hashlib

from dateutil.relativedelta import relativedelta

from odoo import fields

from odoo.addons.crm_service.models.crm_customer_analysis import SKIP_KEY

from .common import ServiceCase

MEASURES = ['ticket_count', 'ticket_closed_count', 'ticket_sla_met_count',
            'ticket_sla_breached_count', 'ticket_rating_sum', 'ticket_rating_count']


class TestCrmCustomerAnalysisService(ServiceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.cr.execute("SELECT date_trunc('month', CURRENT_DATE)::date")
        this_month = fields.Date.from_string(cls.env.cr.fetchone()[0])
        cls.m0 = fields.Date.to_string(this_month)
        cls.m1 = fields.Date.to_string(this_month - relativedelta(months=1))
        cls.owner = cls.make_user('svc.cube.own', ['crm_customer360.group_own_customers_only'])
        cls.alpha = cls.make_customer('Svc Cube Alpha', user_id=cls.owner.id)
        alpha_contact = cls.make_contact(cls.alpha, 'Svc Cube Alpha Buyer')
        cls.beta = cls.make_customer('Svc Cube Beta')
        m0, m1 = cls.m0[:8], cls.m1[:8]  # 'YYYY-MM-'
        # (partner, created, closed, has resolution deadline, status, rating given)
        cls.tickets = cls.env['crm.service.ticket']
        for partner, created, closed, deadline, status, rating in [
                (alpha_contact, m1 + '10', m1 + '15', True, 'met', (10, m1 + '16')),
                (cls.alpha, m1 + '12', m0 + '05', True, 'breached', (4, m0 + '06')),
                (cls.alpha, m0 + '02', None, True, 'on_track', (0, None)),  # unanswered
                (cls.alpha, m0 + '03', m0 + '04', False, False, (1, m0 + '07')),
                (cls.beta, m0 + '02', m0 + '03', True, 'met', None),
                (cls.beta, m0 + '02', m0 + '04', True, 'met', None)]:
            ticket = cls.make_ticket(partner)
            cls.env.cr.execute("""
                UPDATE crm_service_ticket
                   SET create_date = %s, closed_date = %s, is_closed = %s, sla_status = %s,
                       resolve_deadline = %s
                 WHERE id = %s""", (
                created + ' 12:00:00', closed and closed + ' 12:00:00', bool(closed),
                status or None, deadline and created + ' 18:00:00' or None, ticket.id))
            if rating:
                score, when = rating
                rated = cls.env['rating.rating'].create({
                    'res_model_id': cls.env['ir.model']._get('crm.service.ticket').id,
                    'res_id': ticket.id, 'partner_id': partner.id, 'rating': score,
                    'consumed': bool(when)})
                if when:
                    cls.env.cr.execute(
                        "UPDATE rating_rating SET write_date = %s WHERE id = %s",
                        (when + ' 09:00:00', rated.id))
            cls.tickets |= ticket
        cls.tickets.invalidate_cache()
        cls.customers = cls.alpha | cls.beta
        cls.Analysis = cls.env['crm.customer.analysis']
        cls.Analysis._refresh()

    def row(self, partner, month):
        rows = self.Analysis.search([('partner_id', '=', partner.id), ('date', '=', month)])
        self.assertEqual(len(rows), 1)
        return rows

    def totals(self, domain, model=None):
        model = self.Analysis if model is None else model
        groups = model.read_group(domain, MEASURES, [], lazy=False)
        return {m: groups[0][m] or 0 for m in MEASURES}

    def test_measures_by_month(self):
        expected = [
            # partner, month, created, closed, met, breached, compliance, sum, count, avg
            (self.alpha, self.m1, 2, 1, 1, 0, 100.0, 10.0, 1, 10.0),
            (self.alpha, self.m0, 2, 2, 0, 1, 0.0, 5.0, 2, 2.5),
            (self.beta, self.m0, 2, 2, 2, 0, 100.0, 0.0, 0, 0.0),
        ]
        for partner, month, *values in expected:
            row = self.row(partner, month)
            self.assertEqual(
                [row.ticket_count, row.ticket_closed_count, row.ticket_sla_met_count,
                 row.ticket_sla_breached_count, row.ticket_sla_compliance,
                 row.ticket_rating_sum, row.ticket_rating_count, row.ticket_rating_avg],
                values, '%s %s' % (partner.name, month))

    def test_ratios_average_rows_counts_pool(self):
        """Grouped, the ratios average the rows that have one; the counts give the pooled
        figures, which agree with the customer card."""
        domain = [('partner_id', 'in', self.customers.ids)]
        group = self.Analysis.read_group(
            domain, MEASURES + ['ticket_sla_compliance', 'ticket_rating_avg'], [],
            lazy=False)[0]
        self.assertAlmostEqual(group['ticket_sla_compliance'], 200.0 / 3)  # rows 100, 0, 100
        self.assertAlmostEqual(group['ticket_rating_avg'], 6.25)  # rows 10 and 2.5
        pooled = 100.0 * group['ticket_sla_met_count'] / (
            group['ticket_sla_met_count'] + group['ticket_sla_breached_count'])
        self.assertEqual(pooled, 75.0)
        self.assertEqual(group['ticket_rating_sum'] / group['ticket_rating_count'], 5.0)
        alpha = self.totals([('partner_id', '=', self.alpha.id)])
        self.assertEqual(self.alpha.ticket_sla_compliance, 50.0)
        self.assertEqual(self.alpha.ticket_sla_compliance, 100.0 * alpha[
            'ticket_sla_met_count'] / (alpha['ticket_sla_met_count']
                                       + alpha['ticket_sla_breached_count']))
        self.assertEqual(self.alpha.ticket_rating_avg,
                         alpha['ticket_rating_sum'] / alpha['ticket_rating_count'])

    def test_totals_equal_tickets(self):
        Ticket = self.env['crm.service.ticket']
        base = [('commercial_partner_id', 'in', self.customers.ids)]
        closed = base + [('is_closed', '=', True)]
        with_sla = closed + [('resolve_deadline', '!=', False)]
        ratings = self.env['rating.rating'].search([
            ('res_model', '=', 'crm.service.ticket'), ('res_id', 'in', self.tickets.ids),
            ('consumed', '=', True), ('rating', '>=', 1)])
        self.assertEqual(self.totals([('partner_id', 'in', self.customers.ids)]), {
            'ticket_count': Ticket.search_count(base),
            'ticket_closed_count': Ticket.search_count(closed),
            'ticket_sla_met_count': Ticket.search_count(with_sla + [('sla_status', '=', 'met')]),
            'ticket_sla_breached_count': Ticket.search_count(
                with_sla + [('sla_status', '!=', 'met')]),
            'ticket_rating_sum': sum(ratings.mapped('rating')),
            'ticket_rating_count': len(ratings),
        })
        self.assertEqual(self.totals([('partner_id', 'in', self.customers.ids)]), {
            'ticket_count': 6, 'ticket_closed_count': 5, 'ticket_sla_met_count': 3,
            'ticket_sla_breached_count': 1, 'ticket_rating_sum': 15.0,
            'ticket_rating_count': 3})

    def test_own_customers_only(self):
        Analysis = self.Analysis.sudo(self.owner)
        groups = Analysis.read_group([('partner_id', 'in', self.customers.ids)],
                                     ['ticket_count', 'partner_id'], ['partner_id'])
        self.assertEqual([(g['partner_id'][0], g['ticket_count']) for g in groups],
                         [(self.alpha.id, 4)])
        self.assertEqual(self.totals([], model=Analysis)['ticket_count'], 4)

    def test_cube_built_with_service_sources(self):
        """The installed rows come from the query with the tickets (init rebuilt them on
        install); the uninstall hook's query leaves them out."""
        query = self.Analysis._analysis_query()
        self.assertIn('crm_service_ticket', query)
        self.env.cr.execute("SELECT obj_description('crm_customer_analysis_data'::regclass, "
                            "'pg_class')")
        self.assertEqual(self.env.cr.fetchone()[0], 'crm_customer_analysis:%s' % hashlib.md5(
            query.encode('utf-8')).hexdigest())
        bare = self.Analysis.with_context(**{SKIP_KEY: True})
        self.assertNotIn('crm_service_ticket', bare._analysis_query())
        self.assertNotIn('ticket_count', dict(bare._analysis_measures()))

    def test_an_update_builds_the_cube_once_with_every_addon(self):
        """While an update loads crm_grading, crm_service (which adds the ticket measures)
        is not loaded yet: crm_grading's init leaves the cube to crm_service's, which builds
        it once with every column, instead of a minute's build each."""
        Analysis = self.env['crm.customer.analysis']
        self.assertFalse(Analysis._cube_extended_later(), "every addon is loaded")
        loaded = self.registry._init_modules
        try:
            self.registry._init_modules = set(loaded) - {'crm_grading', 'crm_service'}
            self.assertTrue(Analysis.with_context(module='crm_grading')._cube_extended_later())
            self.registry._init_modules = set(loaded) - {'crm_service'}
            self.assertFalse(Analysis.with_context(module='crm_service')._cube_extended_later())
        finally:
            self.registry._init_modules = loaded
