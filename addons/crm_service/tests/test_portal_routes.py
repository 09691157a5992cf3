# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every portal route of the tickets, for the user's own tickets and for another company's.

HTTP requests through `C360HttpCase` (crm_customer360/tests/http_case.py): the data is built
and read back on the requests' cursor, with `server_env`.
"""
import re

from .portal_common import FOREIGN_LOGIN, PORTAL_LOGIN, PortalRoutesCase


class TestPortalRoutes(PortalRoutesCase):

    # ------------------------------------------------------------------
    # /my/home and /my/tickets
    # ------------------------------------------------------------------
    def test_home_counts_own_tickets(self):
        response = self.url_open('/my/home')
        self.assertEqual(response.status_code, 200)
        entry = re.search(r'<span class="badge">(\d+)</span>\s*<a href="/my/tickets">',
                          response.text)
        self.assertTrue(entry, 'no Service Tickets entry on /my/home')
        self.assertEqual(entry.group(1), '2')

    def test_list_shows_own_tickets_only(self):
        response = self.url_open('/my/tickets')
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.ids['own_number'], response.text)
        self.assertIn(self.ids['own_closed_number'], response.text)
        self.assertIn('Own printer jam', response.text)
        self.assertNotIn(self.ids['foreign_number'], response.text)
        self.assertNotIn('Foreign secret issue', response.text)

    def test_list_filters_and_sorts(self):
        text = self.url_open('/my/tickets?filterby=open&sortby=number').text
        self.assertIn(self.ids['own_number'], text)
        self.assertNotIn(self.ids['own_closed_number'], text)
        text = self.url_open('/my/tickets?filterby=closed&sortby=stage').text
        self.assertNotIn(self.ids['own_number'], text)
        self.assertIn(self.ids['own_closed_number'], text)
        text = self.url_open('/my/tickets?search=printer').text
        self.assertIn(self.ids['own_number'], text)
        self.assertNotIn(self.ids['own_closed_number'], text)
        # a foreign ticket's subject finds nothing
        text = self.url_open('/my/tickets?search=secret').text
        self.assertIn('There are no service tickets to show.', text)

    def test_list_needs_login(self):
        self.opener.cookies.clear()
        response = self.url_open('/my/tickets', allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn('/web/login', response.headers['Location'])

    # ------------------------------------------------------------------
    # /my/tickets/<id>
    # ------------------------------------------------------------------
    def test_own_ticket_page(self):
        response = self.url_open('/my/tickets/%d' % self.ids['own_ticket'])
        self.assertEqual(response.status_code, 200)
        self.assertIn('Own printer jam', response.text)
        # the conversation: the portal chatter of the ticket, with its composer
        self.assertIn('data-res_model="crm.service.ticket"', response.text)
        self.assertIn('data-res_id="%d"' % self.ids['own_ticket'], response.text)

    def test_foreign_ticket_page_is_not_found(self):
        for ticket_id in (self.ids['foreign_ticket'], self.ids['foreign_ticket'] + 10 ** 6):
            response = self.url_open('/my/tickets/%d' % ticket_id)
            self.assertEqual(response.status_code, 404, ticket_id)
            self.assertNotIn('Foreign secret issue', response.text)

    def test_foreign_ticket_page_with_token(self):
        url = '/my/tickets/%d?access_token=' % self.ids['foreign_ticket']
        # as for a ticket that does not exist (test_portal_routes_security.py)
        self.assertEqual(self.url_open(url + 'not-the-token').status_code, 404)
        # the link of the e-mails opens the ticket for whoever holds it
        response = self.url_open(url + self.foreign_token)
        self.assertEqual(response.status_code, 200)
        self.assertIn('Foreign secret issue', response.text)

    # ------------------------------------------------------------------
    # /my/tickets/new
    # ------------------------------------------------------------------
    def test_new_ticket_form_offers_own_orders_only(self):
        text = self.url_open('/my/tickets/new').text
        orders = re.search(r'name="sale_order_id">(.*?)</select>', text, re.S).group(1)
        self.assertEqual(re.findall(r'value="(\d+)"', orders), [str(self.ids['own_order'])])
        self.assertIn('Portal Test Printer', text)
        self.assertNotIn('Portal Test Scanner', text)

    def test_new_ticket_is_created(self):
        response = self.post_new_ticket(
            name='  Printer prints blank pages ', description='Since Monday.\nEvery page.',
            category_id=str(self.ids['category']), sale_order_id=str(self.ids['own_order']),
            product_id=str(self.ids['product']))
        self.assertIn(response.status_code, (302, 303), response.text[:1000])
        match = re.search(r'/my/tickets/(\d+)\?created=1$', response.headers['Location'])
        self.assertTrue(match, response.headers['Location'])
        with self.server_env() as env:
            ticket = env['crm.service.ticket'].browse(int(match.group(1)))
            self.assertEqual(ticket.name, 'Printer prints blank pages')
            self.assertEqual(ticket.channel, 'portal')
            self.assertEqual(ticket.partner_id.id, self.ids['own_person'])
            self.assertEqual(ticket.commercial_partner_id.id, self.ids['own'])
            self.assertEqual(ticket.sale_order_id.id, self.ids['own_order'])
            self.assertEqual(ticket.product_id.id, self.ids['product'])
            self.assertEqual(ticket.category_id.id, self.ids['category'])
            self.assertEqual(ticket.description, '<p>Since Monday.<br>Every page.</p>')
            # a team of the customer's company takes it, as any other ticket
            self.assertTrue(ticket.team_id)
            self.assertEqual(ticket.team_id.company_id, ticket.company_id)
        page = self.url_open(response.headers['Location'])
        self.assertEqual(page.status_code, 200)
        self.assertIn('Printer prints blank pages', page.text)
        self.assertIn('o_portal_ticket_created', page.text)

    def test_new_ticket_without_subject_is_refused(self):
        before = self.ticket_count()
        response = self.post_new_ticket(name='   ', description='No subject given')
        self.assertEqual(response.status_code, 200)
        self.assertIn('Please give your request a subject.', response.text)
        self.assertIn('No subject given', response.text)  # what was typed stays
        self.assertEqual(self.ticket_count(), before)

    def test_new_ticket_with_foreign_order_is_refused(self):
        before = self.ticket_count()
        for order in (str(self.ids['foreign_order']), 'x'):
            response = self.post_new_ticket(name='Use their order', sale_order_id=order)
            self.assertEqual(response.status_code, 200)
            self.assertIn("The sales order you chose is not one of your company's orders.",
                          response.text)
        response = self.post_new_ticket(name='Their product',
                                        product_id=str(self.ids['other_product']))
        self.assertIn('The product you chose is not one your company bought.', response.text)
        self.assertEqual(self.ticket_count(), before)

    def test_new_ticket_with_another_companys_category_is_refused(self):
        with self.server_env() as env:
            elsewhere = env['res.company'].create({'name': 'Portal Test Elsewhere Ltd.'})
            category_id = env['crm.service.category'].create({
                'name': 'Portal Test Elsewhere Only', 'company_id': elsewhere.id}).id
        self.assertNotIn('Portal Test Elsewhere Only', self.url_open('/my/tickets/new').text)
        before = self.ticket_count()
        response = self.post_new_ticket(name='Their category', category_id=str(category_id))
        self.assertEqual(response.status_code, 200)
        self.assertIn('Please choose a category from the list.', response.text)
        self.assertEqual(self.ticket_count(), before)

    # ------------------------------------------------------------------
    # /mail/chatter_post
    # ------------------------------------------------------------------
    def test_reply_on_own_ticket(self):
        response = self.chatter_post(self.ids['own_ticket'], 'The paper tray is empty?')
        self.assertIn(response.status_code, (302, 303))
        self.assertEqual(self.messages(self.ids['own_ticket'], 'paper tray is empty'), 1)
        with self.server_env() as env:
            message = env['mail.message'].search([
                ('model', '=', 'crm.service.ticket'), ('res_id', '=', self.ids['own_ticket']),
                ('body', 'ilike', 'paper tray is empty')])
            self.assertEqual(message.author_id.id, self.ids['own_person'])
            self.assertEqual(message.message_type, 'comment')

    def test_reply_on_foreign_ticket_is_refused(self):
        response = self.chatter_post(self.ids['foreign_ticket'], 'Intruder message')
        self.assertEqual(response.status_code, 404)
        response = self.chatter_post(self.ids['foreign_ticket'], 'Intruder message',
                                     token='not-the-token')
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.messages(self.ids['foreign_ticket'], 'Intruder message'), 0)

    # ------------------------------------------------------------------
    # /mail/chatter_init, /mail/chatter_fetch (the conversation of a ticket's page) and RPC
    # ------------------------------------------------------------------
    def test_conversation_of_own_ticket(self):
        for route in ('/mail/chatter_init', '/mail/chatter_fetch'):
            response = self.json(route, {'res_model': 'crm.service.ticket',
                                         'res_id': self.ids['own_ticket']})
            self.assertEqual(response.status_code, 200, route)
            self.assertNotIn('error', response.json(), route)

    def test_conversation_of_foreign_ticket_is_not_found(self):
        for route in ('/mail/chatter_init', '/mail/chatter_fetch'):
            response = self.json(route, {'res_model': 'crm.service.ticket',
                                         'res_id': self.ids['foreign_ticket']})
            self.assertEqual(response.status_code, 404, route)
            self.assertNotIn('result', response.json(), route)
            response = self.json(route, {'res_model': 'crm.service.ticket',
                                         'res_id': self.ids['foreign_ticket'],
                                         'token': 'not-the-token'})
            self.assertNotIn('result', response.json(), route)
        # the e-mail's link (the right token) opens the conversation
        response = self.json('/mail/chatter_fetch', {
            'res_model': 'crm.service.ticket', 'res_id': self.ids['foreign_ticket'],
            'token': self.foreign_token})
        self.assertIn('result', response.json())

    def test_rpc_reads_own_tickets_only(self):
        """Over the web client's RPC a portal user reads their company's tickets, and no
        other's, and writes none."""
        call = {'model': 'crm.service.ticket', 'kwargs': {}}
        response = self.json('/web/dataset/call_kw', dict(
            call, method='search_read', args=[[], ['number']]))
        numbers = {row['number'] for row in response.json()['result']}
        self.assertIn(self.ids['own_number'], numbers)
        self.assertNotIn(self.ids['foreign_number'], numbers)
        response = self.json('/web/dataset/call_kw', dict(
            call, method='read', args=[[self.ids['foreign_ticket']], ['name']]))
        self.assertIn('AccessError', response.json()['error']['data']['name'])
        response = self.json('/web/dataset/call_kw', dict(
            call, method='write', args=[[self.ids['own_ticket']], {'name': 'Renamed'}]))
        self.assertIn('AccessError', response.json()['error']['data']['name'])
        with self.server_env() as env:
            self.assertEqual(env['crm.service.ticket'].browse(self.ids['own_ticket']).name,
                             'Own printer jam')

    def test_other_customer_sees_only_theirs(self):
        self.authenticate(FOREIGN_LOGIN, FOREIGN_LOGIN)
        text = self.url_open('/my/tickets').text
        self.assertIn(self.ids['foreign_number'], text)
        self.assertNotIn(self.ids['own_number'], text)
        response = self.url_open('/my/tickets/%d' % self.ids['own_ticket'])
        self.assertEqual(response.status_code, 404, response.text[-4000:])

    # ------------------------------------------------------------------
    # The rating links of the e-mail (host routes, public)
    # ------------------------------------------------------------------
    def test_rating_links_rate_the_ticket(self):
        with self.server_env() as env:
            ticket = env['crm.service.ticket'].browse(self.ids['own_ticket'])
            ticket.write({'stage_id': env['crm.service.stage'].search(
                [('name', '=', 'Portal Test Done')]).id})
            token = env['rating.rating'].search([
                ('res_model', '=', 'crm.service.ticket'), ('res_id', '=', ticket.id)
            ]).access_token
        self.opener.cookies.clear()  # the customer clicks in their mailbox
        page = self.url_open('/rating/%s/5' % token)
        self.assertEqual(page.status_code, 200)
        csrf = re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text).group(1)
        response = self.url_open('/rating/%s/5/submit_feedback' % token,
                                 data={'feedback': 'Took two days', 'csrf_token': csrf})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.url_open('/rating/not-a-token/5').status_code, 404)
        with self.server_env() as env:
            ticket = env['crm.service.ticket'].browse(self.ids['own_ticket'])
            self.assertEqual(ticket.rating_last_value, 5.0)
            self.assertEqual(ticket.rating_last_text, 'not_satisfied')
            self.assertEqual(ticket.rating_last_feedback, 'Took two days')
            self.assertEqual(env['res.partner'].browse(self.ids['own']).ticket_rating_avg, 5.0)
