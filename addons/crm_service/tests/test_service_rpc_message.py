# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Posting on tickets over JSON-RPC: who may post, as whom, with what.

Before: a portal user could post on their ticket in an agent's name (which also counted as
the first response), as an internal note, to any partner (``partner_ids``: e-mails sent by
the company's server), with any attachment of the database linked to the message, and with a
body of any length.
"""
from .rpc_service import TICKET, ServiceRpcCase

ACCESS = ('odoo.exceptions.AccessError',)


class TestServiceRpcMessage(ServiceRpcCase):

    def _build_world(self, env):
        w = super()._build_world(env)
        w.secret_file = env['ir.attachment'].create({
            'name': 'RPC other contract.pdf', 'datas_fname': 'contract.pdf',
            'datas': 'UlBDIHNlY3JldA==', 'res_model': TICKET, 'res_id': w.ticket_other.id})
        return w

    def post(self, role, key, body='RPC reply', **kwargs):
        kwargs.setdefault('message_type', 'comment')
        kwargs.setdefault('subtype', 'mail.mt_comment')
        return self.rpc(role, TICKET, 'message_post', [self.ids[key]], body=body, **kwargs)

    def refused(self, role, key, body='RPC refused', refusals=ACCESS, **kwargs):
        kwargs.setdefault('message_type', 'comment')
        kwargs.setdefault('subtype', 'mail.mt_comment')
        return self.assertRpcRefused(role, TICKET, 'message_post', [self.ids[key]],
                                     body=body, refusals=refusals, **kwargs)

    def messages(self, key, text='RPC refused'):
        with self.server_env() as env:
            return env['mail.message'].search([
                ('model', '=', TICKET), ('res_id', '=', self.ids[key]),
                ('body', 'ilike', text)])

    def test_who_posts_where(self):
        message_id = self.rpc('portal', TICKET, 'message_post', [self.ids['ticket_own']],
                              body='RPC reply', message_type='comment',
                              subtype='mail.mt_comment')
        with self.server_env() as env:
            message = env['mail.message'].browse(message_id)
            self.assertEqual(message.author_id.id, self.ids['own_person'])
            self.assertEqual(message.res_id, self.ids['ticket_own'])
        # the salesperson of the customer reads the ticket, so may post on it
        self.assertTrue(self.post('sales', 'ticket_own'))
        for role, key in (('portal', 'ticket_other'), ('sales', 'ticket_other'),
                          ('agent_other', 'ticket_own'), ('employee', 'ticket_own')):
            self.assertRpcRefused(role, TICKET, 'message_post', [self.ids[key]],
                                  body='RPC refused', message_type='comment',
                                  refusals=ACCESS)
        self.assertFalse(self.messages('ticket_own') | self.messages('ticket_other'))

    def test_portal_replies_in_own_name_only(self):
        with self.server_env() as env:
            agent_partner = env['res.users'].browse(self.ids['agent']).partner_id.id
        for kwargs in ({'author_id': agent_partner}, {'partner_ids': [self.ids['other_person']]},
                       {'subtype': 'mail.mt_note'}, {'message_type': 'notification'},
                       {'attachments': [['note.txt', 'text']]}):
            error = self.refused('portal', 'ticket_own', **kwargs)
            self.assertIn('in your own name only', error.message)
        self.assertFalse(self.messages('ticket_own'))
        self.assertFalse(self.read_ticket('ticket_own', ['first_response_date'])[
            'first_response_date'])

    def test_attachments_must_be_readable(self):
        file_id = self.ids['secret_file']
        for role in ('portal', 'sales', 'agent'):
            self.refused(role, 'ticket_own', attachment_ids=[file_id])
        self.assertFalse(self.messages('ticket_own'))
        with self.server_env() as env:
            self.assertFalse(env['mail.message'].search([('attachment_ids', 'in', file_id)]))
        # the agent of the other ticket may attach its file
        self.assertTrue(self.post('agent_other', 'ticket_other', attachment_ids=[file_id]))

    def test_message_length(self):
        body = '<p>%s</p>' % ('x' * 100000)
        for role in ('portal', 'sales', 'agent'):
            error = self.refused(role, 'ticket_own', body=body,
                                 refusals=('odoo.exceptions.ValidationError',))
            self.assertIn('The message is too long: 100007 characters, at most 100000',
                          error.message)
        self.assertFalse(self.messages('ticket_own', 'xxxxxxxxxx'))
