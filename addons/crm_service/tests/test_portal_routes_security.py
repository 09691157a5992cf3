# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What an attacker gets from the portal routes of tickets: the same 404 for a ticket that
does not exist, one of another company and a wrong token; nothing beyond the length caps;
nothing but a plain reply through the chatter."""
from .portal_common import PortalRoutesCase

TICKET = 'crm.service.ticket'


class TestPortalRoutesSecurity(PortalRoutesCase):

    def missing_id(self):
        with self.server_env() as env:
            env.cr.execute("SELECT COALESCE(MAX(id), 0) + 1000 FROM crm_service_ticket")
            return env.cr.fetchone()[0]

    def test_page_answers_404_alike(self):
        """Before: 403 for a wrong token on an existing ticket, 404 for a missing one (and
        500 for a non-ASCII token), which told the ids apart."""
        foreign, missing = self.ids['foreign_ticket'], self.missing_id()
        for token in ('not-the-token', 'é' * 32, self.foreign_token + 'x'):
            for ticket_id in (foreign, missing):
                response = self.url_open('/my/tickets/%d?access_token=%s' % (ticket_id, token))
                self.assertEqual(response.status_code, 404, (ticket_id, token))
                self.assertNotIn('Foreign secret issue', response.text)
        self.opener.cookies.clear()  # a visitor who is not logged in
        for ticket_id in (foreign, missing):
            response = self.url_open('/my/tickets/%d?access_token=wrong' % ticket_id)
            self.assertEqual(response.status_code, 404, ticket_id)
        response = self.url_open('/my/tickets/%d?access_token=%s' % (foreign,
                                                                      self.foreign_token))
        self.assertEqual(response.status_code, 200)
        self.assertIn('Foreign secret issue', response.text)

    def test_own_ticket_with_a_wrong_token(self):
        """The user reads their ticket anyway: the wrong token is ignored, not a 403."""
        response = self.url_open('/my/tickets/%d?access_token=wrong' % self.ids['own_ticket'])
        self.assertEqual(response.status_code, 200)
        self.assertIn('Own printer jam', response.text)
        response = self.chatter_post(self.ids['own_ticket'], 'Reply with a stale link',
                                     token='wrong')
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(self.messages(self.ids['own_ticket'], 'Reply with a stale link'), 1)

    def test_chatter_answers_404_alike(self):
        foreign, missing = self.ids['foreign_ticket'], self.missing_id()
        for ticket_id in (foreign, missing):
            for token in ('not-the-token', 'é'):
                response = self.chatter_post(ticket_id, 'Intruder message', token=token)
                self.assertEqual(response.status_code, 404, (ticket_id, token))
                for route in ('/mail/chatter_init', '/mail/chatter_fetch'):
                    response = self.json(route, {'res_model': TICKET, 'res_id': ticket_id,
                                                 'token': token})
                    self.assertEqual(response.status_code, 404, (route, ticket_id, token))
        self.assertEqual(self.messages(foreign, 'Intruder message'), 0)

    def test_chatter_posts_a_plain_reply_only(self):
        """Before: the host handed every other form field to message_post, as superuser with
        a token: an internal note, another author's e-mail..."""
        response = self.chatter_post(
            self.ids['foreign_ticket'], 'Reply by the link', token=self.foreign_token,
            message_type='notification', subtype='mail.mt_note',
            email_from='ceo@example.com', partner_ids='1')
        self.assertIn(response.status_code, (302, 303), response.text[:500])
        with self.server_env() as env:
            message = env['mail.message'].search([
                ('model', '=', TICKET), ('res_id', '=', self.ids['foreign_ticket']),
                ('body', 'ilike', 'Reply by the link')])
            self.assertEqual(len(message), 1)
            self.assertEqual(message.message_type, 'comment')
            self.assertEqual(message.subtype_id, env.ref('mail.mt_comment'))
            self.assertNotEqual(message.email_from, 'ceo@example.com')
            self.assertFalse(message.partner_ids)

    def test_chatter_fetch_ignores_the_callers_domain(self):
        """With a token the host searches the messages as superuser: a domain on their
        relations would probe any data (here: whether a user's login starts with 'a')."""
        with self.server_env() as env:
            env[TICKET].browse(self.ids['foreign_ticket']).message_post(
                body='Visible reply', message_type='comment', subtype='mail.mt_comment')
        params = {'res_model': TICKET, 'res_id': self.ids['foreign_ticket'],
                  'token': self.foreign_token}
        unfiltered = self.json('/mail/chatter_fetch', params).json()['result']
        self.assertGreaterEqual(unfiltered['message_count'], 1)
        probe = [['author_id.user_ids.login', '=like', 'no-such-login%']]
        probed = self.json('/mail/chatter_fetch', dict(params, domain=probe)).json()['result']
        self.assertEqual(probed, unfiltered)

    def test_text_length_caps(self):
        """Before: a description or a reply of any length was saved (and sanitised)."""
        before = self.ticket_count()
        response = self.post_new_ticket(name='Long story', description='x' * 10001)
        self.assertEqual(response.status_code, 200)
        self.assertIn('The description is too long (10000 characters at most)', response.text)
        response = self.post_new_ticket(name='x' * 201)
        self.assertIn('The subject is too long (200 characters at most).', response.text)
        self.assertEqual(self.ticket_count(), before)
        response = self.post_new_ticket(name='Long but fine', description='x' * 10000)
        self.assertIn(response.status_code, (302, 303))
        # a reply too long comes back to the page with a message, and is not posted
        response = self.chatter_post(self.ids['own_ticket'], 'y' * 10001)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn('message_error=too_long', response.headers['Location'])
        self.assertEqual(self.messages(self.ids['own_ticket'], 'yyyyyyyyyy'), 0)
        page = self.url_open(response.headers['Location'])
        self.assertIn('Your message was not sent: it is longer than 10000 characters.',
                      ' '.join(page.text.split()))
