# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The e-mails of a ticket: receipt, resolved (the rating request, once), SLA breach; who
gets which, in which language."""
from unittest.mock import patch

from odoo.addons.crm_service.models import crm_service_ticket_notify as notify

from .common import ServiceCase
from .test_crm_service_ticket import MONDAY_LATE, MONDAY_RISK

TICKET = 'crm.service.ticket'


class TestTicketMailTemplates(ServiceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_cancelled = cls.env.ref('crm_service.crm_service_stage_cancelled')
        cls.contact.write({'lang': 'en_US', 'tz': 'UTC'})

    def mails(self, partner):
        """The queued e-mails to ``partner`` created by the test."""
        return self.env['mail.mail'].search([('recipient_ids', 'in', partner.ids)], order='id')

    # ------------------------------------------------------------------
    # Received
    # ------------------------------------------------------------------
    def test_portal_ticket_gets_a_receipt(self):
        ticket = self.make_ticket(self.contact, channel='portal', name='Printer jam')
        self.assertTrue(ticket.receipt_mail)
        mail = self.mails(self.contact)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, self.contact)
        self.assertEqual((mail.model, mail.res_id), (TICKET, ticket.id))
        self.assertEqual(mail.subject, '%s: we have received your request %s'
                         % (self.company.name, ticket.number))
        self.assertIn('Dear Svc Buyer', mail.body_html)
        self.assertIn('<strong>%s</strong>: Printer jam' % ticket.number, mail.body_html)
        # grade A: 4 working hours, due Monday 30 November 14:00 (the team's time zone)
        self.assertIn('within 4 working hours', mail.body_html)
        self.assertIn('14:00', mail.body_html)
        self.assertIn('/my/tickets/%d?access_token=%s' % (ticket.id, ticket.sudo().access_token),
                      mail.body_html)

    def test_email_ticket_gets_a_receipt(self):
        ticket = self.Ticket.message_new({
            'subject': 'Scanner broken', 'email_from': 'Wang Wei <wang.wei@mail.example>',
            'body': '<p>It does not start.</p>'}, custom_values={'team_id': self.team.id})
        self.assertEqual(ticket.channel, 'email')
        sender = ticket.partner_id
        self.assertEqual(sender.email, 'wang.wei@mail.example')
        mail = self.mails(sender)
        self.assertEqual(len(mail), 1)
        self.assertIn('we have received your request %s' % ticket.number, mail.subject)

    def test_agent_ticket_receipt_only_when_asked(self):
        self.make_ticket(self.contact)  # by phone: no receipt by default
        self.make_ticket(self.contact, channel='portal', receipt_mail=False)
        self.assertFalse(self.mails(self.contact))
        ticket = self.make_ticket(self.contact, receipt_mail=True)
        self.assertEqual(len(self.mails(self.contact)), 1)
        self.assertIn(ticket.number, self.mails(self.contact).subject)

    def test_receipt_in_the_contacts_language(self):
        self.contact.lang = 'zh_CN'
        ticket = self.make_ticket(self.contact, channel='portal')
        mail = self.mails(self.contact)
        self.assertEqual(mail.subject, '%s：我们已收到您的请求 %s' % (
            self.company.name, ticket.number))
        self.assertIn('尊敬的客户 Svc Buyer', mail.body_html)
        self.assertIn('此致', mail.body_html)

    def test_contact_without_email_gets_no_receipt(self):
        self.contact.email = False
        ticket = self.make_ticket(self.contact, channel='portal')
        self.assertFalse(self.mails(self.contact))
        self.assertTrue(ticket.message_ids.filtered(
            lambda m: 'No receipt sent' in (m.body or '')))

    # ------------------------------------------------------------------
    # Resolved
    # ------------------------------------------------------------------
    def test_resolving_sends_one_mail_with_the_rating(self):
        ticket = self.make_ticket(self.contact, channel='portal')
        receipt = self.mails(self.contact)
        ticket.write({'stage_id': self.stage_solved.id})
        resolved = self.mails(self.contact) - receipt
        self.assertEqual(len(resolved), 1)
        self.assertEqual(resolved.subject, '%s: ticket %s is resolved, how satisfied are you?'
                         % (self.company.name, ticket.number))
        self.assertIn('has been resolved', resolved.body_html)
        self.assertIn('/rating/', resolved.body_html)
        # moving on between closing stages sends nothing more; a cancelled ticket nothing
        ticket.write({'stage_id': self.stage_cancelled.id})
        cancelled = self.make_ticket(self.contact)
        cancelled.write({'stage_id': self.stage_cancelled.id})
        self.assertEqual(self.mails(self.contact), receipt | resolved)

    def test_resolved_in_the_contacts_language(self):
        self.contact.lang = 'zh_CN'
        ticket = self.make_ticket(self.contact)
        ticket.write({'stage_id': self.stage_solved.id})
        mail = self.mails(self.contact)
        self.assertEqual(len(mail), 1)
        self.assertIn('已解决', mail.subject)
        self.assertIn('尊敬的客户', mail.body_html)

    # ------------------------------------------------------------------
    # SLA breached
    # ------------------------------------------------------------------
    def test_breach_mails_the_team_leader_once_in_their_language(self):
        self.leader.lang = 'zh_CN'
        ticket = self.make_ticket(self.contact)
        self.Ticket._update_sla(now=MONDAY_RISK)
        self.assertFalse(self.mails(self.leader.partner_id))  # at risk: the activity only
        self.Ticket._update_sla(now=MONDAY_LATE)
        self.Ticket._update_sla(now=MONDAY_LATE)
        mail = self.mails(self.leader.partner_id)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.subject, 'SLA 已超时：工单 %s %s' % (ticket.number, ticket.name))
        self.assertIn('Svc Customer A', mail.body_html)
        self.assertIn('model=crm.service.ticket', mail.body_html)
        # not on the ticket: a reply must not reach the customer who follows it
        self.assertFalse(mail.model)
        self.assertFalse(mail.res_id)
        # nobody else heard of it by e-mail; the customer least of all
        self.assertFalse(self.mails(self.contact))
        self.assertEqual(self.env['mail.mail'].search([('subject', 'ilike', ticket.number)]),
                         mail)

    def test_breach_without_leader_mails_the_assignee_in_english(self):
        team = self.env['crm.service.team'].create({
            'name': 'Svc Leaderless', 'tz': 'UTC', 'resource_calendar_id': self.calendar.id})
        self.agent2.lang = 'en_US'
        ticket = self.make_ticket(self.contact, team_id=team.id, user_id=self.agent2.id)
        self.Ticket._update_sla(now=MONDAY_LATE)
        mail = self.mails(self.agent2.partner_id)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.subject, 'SLA breached: ticket %s %s' % (ticket.number,
                                                                    ticket.name))
        self.assertIn('You are asked to act', mail.body_html)

    def test_breach_of_several_tickets_is_one_digest(self):
        self.leader.lang = 'zh_CN'
        tickets = [self.make_ticket(self.contact, name='Digest %d' % index)
                   for index in range(3)]
        self.Ticket._update_sla(now=MONDAY_LATE)
        mail = self.mails(self.leader.partner_id)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.subject, 'SLA 已超时：3 个工单')
        for ticket in tickets:
            self.assertIn('%s</a> %s' % (ticket.number, ticket.name), mail.body_html)
            self.assertIn('id=%d&amp;model=crm.service.ticket' % ticket.id, mail.body_html)
        self.assertIn('Svc Customer A', mail.body_html)
        self.assertIn('未达成的期限', mail.body_html)
        self.assertNotIn('另有', mail.body_html)  # all three listed
        self.assertFalse(mail.model)
        self.assertFalse(mail.res_id)
        self.assertFalse(self.mails(self.contact))

    def test_breach_digest_lists_the_first_tickets_and_counts_the_rest(self):
        self.leader.lang = 'en_US'
        tickets = [self.make_ticket(self.contact, name='Many %d' % index)
                   for index in range(3)]
        with patch.object(notify, 'SLA_DIGEST_LIST', 2):
            self.Ticket._update_sla(now=MONDAY_LATE)
        mail = self.mails(self.leader.partner_id)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.subject, 'SLA breached: 3 tickets')
        self.assertIn('Hello %s' % self.leader.name, mail.body_html)
        listed = [ticket for ticket in tickets if ticket.number in mail.body_html]
        self.assertEqual(len(listed), 2)
        self.assertIn('And 1 more.', mail.body_html)

    # ------------------------------------------------------------------
    # Rendering
    # ------------------------------------------------------------------
    def test_templates_render_in_chinese_and_english(self):
        ticket = self.make_ticket(self.contact)
        for xmlid in ('mail_template_ticket_received', 'mail_template_ticket_rating_request',
                      'mail_template_ticket_sla_breach'):
            template = self.env.ref('crm_service.' + xmlid)
            for lang in ('zh_CN', 'en_US'):
                self.contact.lang = lang  # the customer's templates take the contact's
                values = template.with_context(lang=lang).generate_email(
                    ticket.id, fields=['subject', 'body_html'])
                self.assertIn(ticket.number, values['subject'], (xmlid, lang))
                self.assertIn(ticket.number, values['body_html'], (xmlid, lang))
