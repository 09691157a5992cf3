# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a customer's portal user reaches over RPC: their own company's tickets only."""
from odoo.exceptions import AccessError
from odoo.tests.common import SavepointCase

from .portal_common import make_portal_world


class TestPortalAccess(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, lang='en_US', tracking_disable=True))
        cls.w = make_portal_world(cls.env)
        cls.Ticket = cls.env['crm.service.ticket'].sudo(cls.w.own_user)

    def test_search_finds_own_company_tickets(self):
        w = self.w
        self.assertEqual(self.Ticket.search([]), w.own_ticket | w.own_closed_ticket)
        self.assertEqual(self.Ticket.search_count([('id', '=', w.foreign_ticket.id)]), 0)

    def test_read_own_ticket(self):
        ticket = self.Ticket.browse(self.w.own_ticket.id)
        self.assertEqual(ticket.read(['name'])[0]['name'], 'Own printer jam')

    def test_read_foreign_ticket_is_refused(self):
        ticket = self.Ticket.browse(self.w.foreign_ticket.id)
        with self.assertRaises(AccessError):
            ticket.read(['name'])
        with self.assertRaises(AccessError):
            self.Ticket.browse(self.w.foreign_ticket.id).name  # noqa: B018 (a read)

    def test_access_token_is_not_readable(self):
        self.w.own_ticket._portal_ensure_token()
        with self.assertRaises(AccessError):
            self.Ticket.browse(self.w.own_ticket.id).read(['access_token'])

    def test_write_and_unlink_are_refused(self):
        ticket = self.Ticket.browse(self.w.own_ticket.id)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            ticket.write({'name': 'Renamed by the customer'})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            ticket.unlink()
        self.assertEqual(self.w.own_ticket.name, 'Own printer jam')

    def test_create_over_rpc_is_refused(self):
        """The portal form (which checks every value) is the customer's only way in."""
        before = self.env['crm.service.ticket'].search_count([])
        for person in (self.w.foreign_person, self.w.own_person):
            with self.assertRaises(AccessError), self.env.cr.savepoint():
                self.Ticket.create({'name': 'Over RPC', 'partner_id': person.id,
                                    'channel': 'portal', 'priority': 'urgent'})
        self.assertEqual(self.env['crm.service.ticket'].search_count([]), before)

    def test_post_on_foreign_ticket_is_refused(self):
        ticket = self.env['crm.service.ticket'].sudo(self.w.own_user).browse(
            self.w.foreign_ticket.id)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            ticket.message_post(body='Intruder', message_type='comment',
                                subtype='mail.mt_comment')

    def test_post_on_own_ticket(self):
        ticket = self.Ticket.browse(self.w.own_ticket.id)
        message = ticket.message_post(body='Any news?', message_type='comment',
                                      subtype='mail.mt_comment')
        self.assertEqual(message.author_id, self.w.own_person)
        self.assertEqual(message.res_id, self.w.own_ticket.id)

    def test_ratings_of_other_companies_are_hidden(self):
        w = self.w
        for ticket, person in ((w.own_ticket, w.own_person),
                               (w.foreign_ticket, w.foreign_person)):
            ticket.write({'stage_id': w.stage_closed.id})
            token = ticket.rating_ids.filtered(lambda r: r.partner_id == person).access_token
            ticket.rating_apply(10, token=token, feedback='Feedback of %s' % person.name)
        Rating = self.env['rating.rating'].sudo(w.own_user)
        visible = Rating.search([('res_model', '=', 'crm.service.ticket')])
        self.assertEqual(visible.mapped('feedback'), ['Feedback of Olga Own'])
        foreign = self.env['rating.rating'].search([('res_id', '=', w.foreign_ticket.id),
                                                    ('res_model', '=', 'crm.service.ticket')])
        with self.assertRaises(AccessError):
            Rating.browse(foreign.id).read(['feedback'])

    def test_portal_sla_state(self):
        """What the ticket's page tells the customer about its deadlines."""
        ticket = self.w.own_ticket
        ticket.write({'stage_id': self.w.stage_open.id})
        ticket.write({'response_deadline': '2030-01-07 10:00:00',
                      'resolve_deadline': '2030-01-09 10:00:00',
                      'first_response_date': False, 'sla_status': 'on_track'})
        self.assertEqual(ticket._portal_sla_state(), 'answer_by')
        ticket.write({'first_response_date': '2030-01-06 10:00:00', 'sla_status': 'at_risk'})
        self.assertEqual(ticket._portal_sla_state(), 'resolve_by')
        ticket.write({'sla_status': 'breached'})
        self.assertEqual(ticket._portal_sla_state(), 'late')
        ticket.write({'response_deadline': False, 'resolve_deadline': False,
                      'sla_status': False})
        self.assertFalse(ticket._portal_sla_state())
        ticket.write({'stage_id': self.w.stage_closed.id})
        ticket.write({'sla_status': 'met'})
        self.assertEqual(ticket._portal_sla_state(), 'resolved_on_time')
        ticket.write({'sla_status': 'breached'})
        self.assertEqual(ticket._portal_sla_state(), 'resolved')
