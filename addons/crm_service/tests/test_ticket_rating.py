# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A closed ticket asks its contact for a rating; the answer shows on the ticket and on
the customer card."""
from odoo.tests.common import SavepointCase

from .portal_common import make_portal_world


class TestTicketRating(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tracking_disable=True))
        cls.w = make_portal_world(cls.env)
        cls.template = cls.env.ref('crm_service.mail_template_ticket_rating_request')

    def rating_mails(self, ticket):
        """The queued rating request e-mails of `ticket`."""
        return self.env['mail.mail'].search([
            ('model', '=', 'crm.service.ticket'), ('res_id', '=', ticket.id),
            ('subject', 'ilike', 'how satisfied are you')])

    def ratings(self, ticket):
        return self.env['rating.rating'].search([
            ('res_model', '=', 'crm.service.ticket'), ('res_id', '=', ticket.id)])

    def close(self, ticket, stage=None):
        ticket.write({'stage_id': (stage or self.w.stage_closed).id})

    def test_closing_sends_one_rating_request(self):
        ticket = self.w.own_ticket
        self.assertFalse(self.rating_mails(ticket))
        self.close(ticket)
        mail = self.rating_mails(ticket)
        self.assertEqual(len(mail), 1)
        rating = self.ratings(ticket)
        self.assertEqual(len(rating), 1)
        self.assertEqual(rating.partner_id, self.w.own_person)
        self.assertFalse(rating.consumed)
        self.assertEqual(mail.recipient_ids, self.w.own_person)
        self.assertEqual(mail.subject, '%s: ticket %s is resolved, how satisfied are you?'
                         % (ticket.company_id.name, ticket.number))
        for score in (10, 5, 1):
            self.assertIn('/rating/%s/%d' % (rating.access_token, score), mail.body_html)
        self.assertIn('/my/tickets/%d?access_token=%s' % (ticket.id, ticket.access_token),
                      mail.body_html)
        note = ticket.message_ids.filtered(lambda m: 'Rating request sent to' in m.body)
        self.assertEqual(len(note), 1)
        self.assertIn('Olga Own', note.body)

    def test_moving_between_closing_stages_sends_nothing_more(self):
        ticket = self.w.own_ticket
        self.close(ticket)
        other_closing = self.env['crm.service.stage'].create(
            {'name': 'Portal Test Archived', 'sequence': 95, 'is_closing': True})
        self.close(ticket, other_closing)
        ticket.write({'name': 'Own printer jam (solved)'})
        self.assertEqual(len(self.rating_mails(ticket)), 1)

    def test_cancelled_ticket_is_not_rated(self):
        """The shipped Cancelled stage closes the ticket but asks for no rating."""
        cancelled = self.env.ref('crm_service.crm_service_stage_cancelled')
        self.assertTrue(cancelled.is_closing)
        self.assertFalse(cancelled.rating_request)
        self.assertTrue(self.env.ref('crm_service.crm_service_stage_solved').rating_request)
        ticket = self.w.own_ticket
        self.close(ticket, cancelled)
        self.assertTrue(ticket.is_closed)
        self.assertFalse(self.rating_mails(ticket))
        self.assertFalse(self.ratings(ticket))
        self.assertFalse(ticket.message_ids.filtered(
            lambda m: 'rating request' in (m.body or '').lower()))
        # moving on from Cancelled to Solved is not a closing: still nothing to rate
        self.close(ticket)
        self.assertFalse(self.rating_mails(ticket))

    def test_stage_without_rating_then_reopened_and_solved(self):
        no_rating = self.env['crm.service.stage'].create({
            'name': 'Portal Test Duplicate', 'sequence': 96, 'is_closing': True,
            'rating_request': False})
        ticket = self.w.own_ticket
        self.close(ticket, no_rating)
        self.assertFalse(self.rating_mails(ticket))
        ticket.write({'stage_id': self.w.stage_open.id})
        self.close(ticket)
        self.assertEqual(len(self.rating_mails(ticket)), 1)

    def test_reopened_ticket_asks_again(self):
        ticket = self.w.own_ticket
        self.close(ticket)
        ticket.write({'stage_id': self.w.stage_open.id})
        self.close(ticket)
        self.assertEqual(len(self.rating_mails(ticket)), 2)
        # the unanswered request is asked again, not doubled
        self.assertEqual(len(self.ratings(ticket)), 1)

    def test_contact_without_email_gets_no_request(self):
        ticket = self.w.own_closed_ticket  # closed in make_portal_world; no e-mail
        self.assertFalse(self.w.own.email)
        self.assertFalse(self.rating_mails(ticket))
        note = ticket.message_ids.filtered(lambda m: 'No rating request sent' in m.body)
        self.assertEqual(len(note), 1)

    def answer(self, ticket, score, feedback):
        """Close `ticket` and answer its rating request as the customer's link does."""
        self.close(ticket)
        token = self.ratings(ticket).access_token
        return ticket.sudo().rating_apply(score, token=token, feedback=feedback)

    def test_answer_shows_on_the_ticket(self):
        ticket = self.w.own_ticket
        rating = self.answer(ticket, 10, 'Quick and friendly')
        self.assertTrue(rating.consumed)
        ticket.invalidate_cache()
        self.assertEqual(ticket.rating_last_value, 10.0)
        self.assertEqual(ticket.rating_last_text, 'satisfied')
        self.assertEqual(ticket.rating_last_feedback, 'Quick and friendly')
        self.assertEqual(ticket.rating_count, 1)
        posted = ticket.message_ids.filtered(lambda m: 'Quick and friendly' in (m.body or ''))
        self.assertEqual(posted.author_id, self.w.own_person)

    def test_answers_feed_the_customer_average(self):
        w = self.w
        second = self.env['crm.service.ticket'].create({
            'name': 'Own second question', 'partner_id': w.own_person.id,
            'channel': 'portal', 'stage_id': w.stage_open.id})
        self.answer(w.own_ticket, 10, 'Great')
        self.answer(second, 5, 'Slow')
        self.answer(w.foreign_ticket, 1, 'Bad')
        # an unanswered request does not count
        third = self.env['crm.service.ticket'].create({
            'name': 'Own third question', 'partner_id': w.own_person.id,
            'channel': 'portal', 'stage_id': w.stage_open.id})
        self.close(third)
        partners = w.own | w.own_person | w.foreign | w.foreign_person
        partners.invalidate_cache()
        # (10 + 5) / 2 for the company and its contact alike
        self.assertEqual(partners.mapped('ticket_rating_avg'), [7.5, 7.5, 1.0, 1.0])
        self.assertEqual(
            self.env['res.partner']._service_rating_by_partner([w.own.id, w.foreign.id]),
            {w.own.id: 7.5, w.foreign.id: 1.0})
        self.assertEqual(self.env['res.partner']._service_rating_by_partner([]), {})

    def test_average_costs_one_query(self):
        partners = self.env['res.partner'].search([], limit=80)
        before = self.env.cr.sql_log_count
        self.env['res.partner']._service_rating_by_partner(partners.ids)
        self.assertEqual(self.env.cr.sql_log_count - before, 1)
