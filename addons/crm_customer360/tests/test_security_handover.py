# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Handovers over RPC: only sales managers hand customers over, to active internal
salespeople, and a confirmed handover stays the record of what happened."""
from .ownership_rpc_case import OwnershipRpcCase

HANDOVER = 'crm.customer.handover'
LINE = 'crm.customer.handover.line'


class TestHandoverSecurity(OwnershipRpcCase):

    def _build_world(self, env):
        world = super()._build_world(env)
        # A draft handover of the salesperson's customers (RPC Own Co) to All Documents.
        world.draft = env[HANDOVER].create({
            'from_user_id': world.sales.id, 'to_user_id': world.sales_all.id})
        world.draft_line = world.draft.line_ids
        return world

    def handover_state(self):
        """``(state, owner of RPC Own Co)`` as the server has them."""
        with self.server_env() as env:
            return (env[HANDOVER].browse(self.ids['draft']).state,
                    env['res.partner'].browse(self.ids['own']).user_id.id)

    def test_only_managers_hand_over(self):
        """Portal users and salespeople neither create, confirm, cancel, reopen nor delete
        handovers, nor touch their lines."""
        draft, line = self.ids['draft'], self.ids['draft_line']
        for role in ('portal', 'sales', 'sales_all'):
            self.assertRpcRefused(role, HANDOVER, 'create', {
                'from_user_id': self.ids['colleague'], 'to_user_id': self.ids[role]})
            for method in ('action_confirm', 'action_cancel', 'action_draft', 'unlink'):
                self.assertRpcRefused(role, HANDOVER, method, [draft],
                                      refusals=('odoo.exceptions.AccessError',))
            self.assertRpcRefused(role, HANDOVER, 'write', [draft], {'note': 'x'})
            self.assertRpcRefused(role, LINE, 'create', {
                'handover_id': draft, 'partner_id': self.ids['other']})
            self.assertRpcRefused(role, LINE, 'write', [line], {'to_user_id': self.ids[role]})
            self.assertRpcRefused(role, LINE, 'unlink', [line])
        self.assertEqual(self.handover_state(), ('draft', self.ids['sales']))
        # the manager's path
        self.rpc('manager', HANDOVER, 'action_cancel', [draft])
        self.rpc('manager', HANDOVER, 'action_draft', [draft])
        self.rpc('manager', HANDOVER, 'action_confirm', [draft])
        self.assertEqual(self.handover_state(), ('done', self.ids['sales_all']))

    def test_receiver_is_an_active_salesperson(self):
        """Customers go neither to a portal user, nor to an employee without sales rights,
        nor to an archived user, on the handover or on a line."""
        for role in ('portal', 'employee'):
            error = self.assertRpcRefused('manager', HANDOVER, 'create', {
                'from_user_id': self.ids['sales'], 'to_user_id': self.ids[role]})
            self.assertIn('cannot own customers: choose an active internal user with sales '
                          'rights', error.message)
            self.assertRpcRefused('manager', HANDOVER, 'write', [self.ids['draft']],
                                  {'to_user_id': self.ids[role]})
            self.assertRpcRefused('manager', LINE, 'write', [self.ids['draft_line']],
                                  {'to_user_id': self.ids[role]})
        # archived after the draft was made: the confirmation refuses, nothing moves
        with self.server_env() as env:
            env['res.users'].browse(self.ids['sales_all']).active = False
        error = self.assertRpcRefused('manager', HANDOVER, 'action_confirm',
                                      [self.ids['draft']])
        self.assertIn('RPC Sales All cannot own customers', error.message)
        self.assertEqual(self.handover_state(), ('draft', self.ids['sales']))
        error = self.assertRpcRefused('manager', HANDOVER, 'create', {
            'from_user_id': self.ids['colleague'], 'to_user_id': self.ids['sales_all']})
        self.assertIn('RPC Sales All cannot own customers', error.message)

    def test_status_changes_only_through_the_buttons(self):
        """A manager cannot mark a handover done (nothing would move), reopen a confirmed one
        or rewrite what it handed over; only its note still changes."""
        draft, line = self.ids['draft'], self.ids['draft_line']
        for vals in ({'state': 'done'}, {'date_done': '2026-01-01 00:00:00'}):
            error = self.assertRpcRefused('manager', HANDOVER, 'write', [draft], vals)
            self.assertIn('changes only through its buttons', error.message)
        self.assertRpcRefused('manager', HANDOVER, 'create', {
            'from_user_id': self.ids['colleague'], 'to_user_id': self.ids['sales'],
            'state': 'done'})
        self.assertEqual(self.handover_state(), ('draft', self.ids['sales']))
        self.rpc('manager', HANDOVER, 'action_confirm', [draft])
        for vals in ({'state': 'draft'}, {'state': 'cancel'},
                     {'to_user_id': self.ids['colleague']},
                     {'line_ids': [(2, line)]}):
            self.assertRpcRefused('manager', HANDOVER, 'write', [draft], vals)
        error = self.assertRpcRefused('manager', LINE, 'write', [line],
                                      {'to_user_id': self.ids['colleague']})
        self.assertIn('what it hands over no longer changes', error.message)
        self.assertRpcRefused('manager', LINE, 'unlink', [line])
        self.assertRpcRefused('manager', LINE, 'create', {
            'handover_id': draft, 'partner_id': self.ids['other']})
        self.assertRpcRefused('manager', HANDOVER, 'unlink', [draft])
        self.assertRpcRefused('manager', HANDOVER, 'action_cancel', [draft])
        self.rpc('manager', HANDOVER, 'write', [draft], {'note': 'Handed over in person'})
        with self.server_env() as env:
            handover = env[HANDOVER].browse(draft)
            self.assertEqual((handover.state, handover.note, handover.line_ids.to_user_id.id),
                             ('done', 'Handed over in person', self.ids['sales_all']))

    def test_draft_lines_change(self):
        """While a draft, a manager adds, redirects and removes lines."""
        draft, line = self.ids['draft'], self.ids['draft_line']
        self.rpc('manager', LINE, 'write', [line], {'to_user_id': self.ids['manager']})
        self.rpc('manager', LINE, 'unlink', [line])
        new = self.rpc('manager', LINE, 'create', {'handover_id': draft,
                                                    'partner_id': self.ids['own']})
        with self.server_env() as env:
            self.assertEqual(env[HANDOVER].browse(draft).line_ids.ids, [new])
            self.assertEqual(env[LINE].browse(new).to_user_id.id, self.ids['sales_all'])

    def test_introduction_mails_only_through_a_manager(self):
        """Portal users and salespeople can neither ask for the introduction e-mails nor
        confirm a handover that sends them; the manager's confirmation queues one per
        customer, to the customer."""
        draft = self.ids['draft']

        def intro_recipients():
            with self.server_env() as env:
                return env['mail.mail'].search([
                    ('model', '=', LINE), ('res_id', '=', self.ids['draft_line'])
                ]).mapped('recipient_ids').ids

        for role in ('portal', 'sales', 'sales_all'):
            self.assertRpcRefused(role, HANDOVER, 'write', [draft],
                                  {'introduce_customers': True})
            self.assertRpcRefused(role, HANDOVER, 'action_confirm', [draft],
                                  refusals=('odoo.exceptions.AccessError',))
        self.assertEqual(intro_recipients(), [])
        self.rpc('manager', HANDOVER, 'write', [draft], {'introduce_customers': True})
        self.rpc('manager', HANDOVER, 'action_confirm', [draft])
        self.assertEqual(intro_recipients(), [self.ids['own']])
