# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The e-mail channel, through the host's mail gateway on real RFC 822 messages."""
from .common import ServiceCase

NEW_MAIL = """Return-Path: <{sender}>
To: "After-sale" <svc-help@example.com>
From: {from_}
Subject: {subject}
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8
Content-Transfer-Encoding: 8bit
Date: Fri, 27 Nov 2026 19:00:00 +0000
Message-ID: {msg_id}
{extra}
{body}
"""


class TestCrmServiceTicketMail(ServiceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env['ir.config_parameter'].sudo().set_param('mail.catchall.domain', 'example.com')
        cls.team.alias_name = 'svc-help'

    def process(self, from_, subject, msg_id, body, sender=None, extra=''):
        message = NEW_MAIL.format(from_=from_, sender=sender or from_, subject=subject,
                                  msg_id=msg_id, body=body, extra=extra)
        return self.env['mail.thread'].message_process(
            'crm.service.ticket', message.encode('utf-8'))

    def test_mail_from_a_contact_creates_a_ticket(self):
        ticket_id = self.process('Li Lei <li@svc-a.example>', 'Printer jammed',
                                 '<svc-1@svc-a.example>', 'The printer jams on every page.')
        ticket = self.Ticket.browse(ticket_id)
        self.assertEqual(ticket.name, 'Printer jammed')
        self.assertEqual(ticket.partner_id, self.contact)
        self.assertEqual(ticket.commercial_partner_id, self.customer)
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.channel, 'email')
        self.assertIn('The printer jams on every page.', ticket.description)
        self.assertEqual(ticket.sla_id, self.sla_a)
        self.assertIn(self.contact, ticket.message_partner_ids)
        incoming = ticket.message_ids.filtered(lambda message: message.message_type == 'email')
        self.assertEqual(incoming.author_id, self.contact)
        self.assertEqual(incoming.message_id, '<svc-1@svc-a.example>')

    def test_mail_from_a_stranger_creates_a_contact(self):
        ticket_id = self.process('=?utf-8?b?546L5Lqu?= <wang@unknown.example>',
                                 '=?utf-8?b?5py65Zmo5pWF6Zqc?=', '<svc-2@unknown.example>',
                                 '机器无法启动。')
        ticket = self.Ticket.browse(ticket_id)
        self.assertEqual(ticket.name, '机器故障')
        self.assertEqual(ticket.partner_id.name, '王亮')
        self.assertEqual(ticket.partner_id.email, 'wang@unknown.example')
        self.assertEqual(ticket.commercial_partner_id, ticket.partner_id)
        self.assertIn('机器无法启动。', ticket.description)

    def test_reply_lands_on_the_same_ticket(self):
        ticket_id = self.process('li@svc-a.example', 'Printer jammed', '<svc-3@svc-a.example>',
                                 'It jams.')
        count = self.Ticket.search_count([])
        reply_id = self.process('li@svc-a.example', 'Re: Printer jammed',
                                '<svc-4@svc-a.example>', 'Still jamming, please hurry.',
                                extra='In-Reply-To: <svc-3@svc-a.example>\n'
                                      'References: <svc-3@svc-a.example>')
        self.assertEqual(reply_id, ticket_id)
        self.assertEqual(self.Ticket.search_count([]), count)
        ticket = self.Ticket.browse(ticket_id)
        bodies = ticket.message_ids.filtered(
            lambda message: message.message_type == 'email').mapped('body')
        self.assertEqual(len(bodies), 2)
        self.assertTrue(any('Still jamming' in body for body in bodies))
        # a customer's reply is no response of an agent
        self.assertFalse(ticket.first_response_date)

    def test_agent_reply_goes_to_the_customer(self):
        ticket = self.Ticket.browse(self.process(
            'li@svc-a.example', 'Printer jammed', '<svc-5@svc-a.example>', 'It jams.'))
        message = ticket.sudo(self.agent).message_post(
            body='Our technician comes tomorrow.', message_type='comment',
            subtype='mail.mt_comment')
        self.assertIn(self.contact, message.notification_ids.mapped('res_partner_id'))
        self.assertTrue(ticket.first_response_date)

    def test_agent_reply_by_email_is_the_first_response(self):
        ticket = self.Ticket.browse(self.process(
            'li@svc-a.example', 'Printer jammed', '<svc-6@svc-a.example>', 'It jams.'))
        self.assertFalse(ticket.first_response_date)
        self.assertEqual(self.process(
            self.agent.email, 'Re: Printer jammed', '<svc-7@example.com>',
            'Our technician comes tomorrow.', extra='In-Reply-To: <svc-6@svc-a.example>\n'
                                                    'References: <svc-6@svc-a.example>'),
            ticket.id)
        reply = ticket.message_ids.filtered(lambda m: m.message_id == '<svc-7@example.com>')
        self.assertEqual(reply.author_id, self.agent.partner_id)
        self.assertTrue(ticket.first_response_date)

    def test_wildcards_in_the_sender_match_no_other_customer(self):
        """Before: the address was matched with =ilike, so % and _ were wildcards and a mail
        from %@svc-a.example landed on the customer of li@svc-a.example."""
        for sender, msg_id in (('%@svc-a.example', '<svc-8@x.example>'),
                               ('l_@svc-a.example', '<svc-9@x.example>'),
                               ('%%%@%%%', '<svc-10@x.example>')):
            ticket = self.Ticket.browse(self.process(sender, 'Who am I', msg_id, 'Hello.'))
            self.assertNotIn(ticket.partner_id, self.contact | self.customer, sender)
            self.assertEqual(ticket.partner_id.email, sender)
            self.assertEqual(ticket.commercial_partner_id, ticket.partner_id)
        # the exact address, in any case, still finds its contact
        ticket = self.Ticket.browse(self.process(
            'LI@SVC-A.EXAMPLE', 'Printer jammed', '<svc-11@x.example>', 'It jams.'))
        self.assertEqual(ticket.partner_id, self.contact)

    def test_long_mail_fits_the_ticket(self):
        """A mail is never refused for its length: the subject and the description are cut,
        the whole mail stays in the conversation."""
        body = 'Line of a very long log file.\n' * 5000
        ticket = self.Ticket.browse(self.process(
            'li@svc-a.example', 'Jammed ' * 100, '<svc-12@svc-a.example>', body))
        self.assertEqual(len(ticket.name), 200)
        self.assertTrue(ticket.name.endswith('...'))
        self.assertLess(len(ticket.description), 100000)
        self.assertIn('Line of a very long log file.', ticket.description)
        incoming = ticket.message_ids.filtered(lambda message: message.message_type == 'email')
        self.assertGreater(len(incoming.body), 140000)
