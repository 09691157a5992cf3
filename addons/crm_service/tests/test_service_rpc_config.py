# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Teams, SLA policies, ratings and the customer card's service parts over JSON-RPC."""
from .rpc_service import TICKET, ServiceRpcCase

ACCESS = ('odoo.exceptions.AccessError',)
VALIDATION = ('odoo.exceptions.ValidationError',)
TEAM, SLA = 'crm.service.team', 'crm.service.sla'


class TestServiceRpcConfig(ServiceRpcCase):

    def test_team_actions_and_alias_hooks(self):
        team = [self.ids['team_own']]
        for method in ('action_open_tickets', 'get_alias_values'):
            self.assertRpcRefused('portal', TEAM, method, team, refusals=ACCESS)
        action = self.rpc('sales', TEAM, 'action_open_tickets', team)
        self.assertEqual(action['domain'], [['team_id', '=', team[0]]])
        values = self.rpc('sales', TEAM, 'get_alias_values', team)
        self.assertEqual(values['alias_defaults']['team_id'], team[0])
        # a constant, whoever asks
        for role in ('portal', 'sales'):
            self.assertEqual(self.rpc(role, TEAM, 'get_alias_model_name', team, {}), TICKET)

    def test_team_write_for_service_managers(self):
        team = [self.ids['team_own']]
        for role in ('portal', 'sales', 'agent'):
            self.assertRpcRefused(role, TEAM, 'write', team, {'alias_defaults': "{}"},
                                  refusals=ACCESS)
        self.assertTrue(self.rpc('service_manager', TEAM, 'write', team,
                                 {'alias_defaults': "{'priority': 'high'}"}))
        with self.server_env() as env:
            alias = env[TEAM].browse(team).alias_id
            self.assertIn("'priority': 'high'", alias.alias_defaults)
            self.assertIn("'team_id': %d" % team[0], alias.alias_defaults)
        # bounds: before, 10**12 failed in SQL (integer out of range), a portal user joined
        for values, text in (({'sequence': 10 ** 12}, 'Sequence must be a number from -1'),
                             ({'color': -5}, 'Colour Index must be a number from 0 to 11'),
                             ({'name': 'T' * 201}, 'Team Name is too long: 201 characters'),
                             ({'member_ids': [(4, self.ids['portal'])]}, 'only employees')):
            error = self.assertRpcRefused('service_manager', TEAM, 'write', team, values,
                                          refusals=VALIDATION)
            self.assertIn(text, error.message)

    def test_sla_bounds(self):
        """Before: an SLA of 1e9 hours was saved, then every new ticket failed with
        OverflowError."""
        base = {'name': 'RPC SLA', 'response_hours': 4, 'resolve_hours': 24}
        for values, text in (
                ({'response_hours': 1e9}, 'at most 8784 hours (a year), not 1e+09'),
                ({'resolve_hours': float('nan')}, 'not nan'),
                ({'resolve_hours': -1}, 'must be more than 0 hours'),
                ({'response_hours': 30}, 'cannot be longer than its resolution time'),
                ({'sequence': 2 ** 40}, 'Sequence must be a number from -1000000 to 1000000')):
            error = self.assertRpcRefused('service_manager', SLA, 'create',
                                          dict(base, **values), refusals=VALIDATION)
            self.assertIn(text, error.message)
        for role in ('portal', 'sales', 'agent'):
            self.assertRpcRefused(role, SLA, 'create', base, refusals=ACCESS)
        with self.server_env() as env:
            self.assertFalse(env[SLA].search([('name', '=', 'RPC SLA')]))
        self.assertTrue(self.rpc('service_manager', SLA, 'create',
                                 dict(base, resolve_hours=8784)))

    def test_open_service_tickets_of_a_customer(self):
        own = [self.ids['own']]
        self.assertRpcRefused('portal', 'res.partner', 'action_open_service_tickets', own,
                              refusals=ACCESS)
        action = self.rpc('sales', 'res.partner', 'action_open_service_tickets', own)
        self.assertEqual(action['domain'], [['commercial_partner_id', '=', own[0]]])
        # the service figures are computed past the tickets' rules: employees only
        figures = ['ticket_count', 'open_ticket_count', 'ticket_rating_avg']
        self.assertRpcRefused('portal', 'res.partner', 'read', own, figures, refusals=ACCESS)
        self.assertEqual(self.rpc('sales', 'res.partner', 'read', own, figures)[0][
            'ticket_count'], 1)

    def test_partner_grade_change_applies_the_sla(self):
        """res.partner.write (crm_service): a new grade gives the customer's open tickets the
        grade's SLA. Nobody writes a grade directly (crm_grading); a sales manager's *Lock
        Grade* changes it, and the tickets follow."""
        with self.server_env() as env:
            grade_a = env.ref('crm_grading.crm_customer_grade_a')
            sla = env[SLA].create({'name': 'RPC grade A', 'response_hours': 1,
                                   'resolve_hours': 2, 'grade_ids': [(6, 0, grade_a.ids)],
                                   'team_ids': [(6, 0, [self.ids['team_own']])]})
            grade_id, sla_id = grade_a.id, sla.id
        own = [self.ids['own']]
        for role in ('portal', 'sales', 'manager'):
            self.assertRpcRefused(role, 'res.partner', 'write', own, {'grade_id': grade_id})
        self.assertNotEqual(self.read_ticket('ticket_own', ['sla_id'])['sla_id'], sla_id)
        wizard = self.rpc('manager', 'crm.customer.grade.lock', 'create', {
            'partner_id': self.ids['own'], 'grade_id': grade_id, 'reason': 'Key account'})
        self.rpc('manager', 'crm.customer.grade.lock', 'action_lock', [wizard])
        self.assertEqual(self.read_ticket('ticket_own', ['sla_id'])['sla_id'][0], sla_id)


class TestServiceRpcRating(ServiceRpcCase):
    """Before: any employee, or the customer over RPC, set any ticket's rating, and a portal
    user added ratings to other companies' tickets (their averages and the cube)."""

    def _build_world(self, env):
        w = super()._build_world(env)
        w.ticket_own.write({'stage_id': w.stage_closed.id})  # sends the rating request
        w.rating = w.ticket_own.rating_ids
        return w

    def test_ratings_of_tickets_are_the_customers(self):
        rating = [self.ids['rating']]
        for role in ('portal', 'sales', 'agent', 'service_manager'):
            self.assertRpcRefused(role, 'rating.rating', 'write', rating,
                                  {'rating': 10, 'consumed': True}, refusals=ACCESS)
            self.assertRpcRefused(role, TICKET, 'rating_apply', [self.ids['ticket_own']], 10)
        with self.server_env() as env:
            model_id = env['ir.model']._get_id(TICKET)
        for role in ('portal', 'sales', 'agent'):
            self.assertRpcRefused(role, 'rating.rating', 'create', {
                'res_model_id': model_id, 'res_id': self.ids['ticket_other'], 'rating': 1,
                'consumed': True, 'partner_id': self.ids['own_person']}, refusals=ACCESS)
        with self.server_env() as env:
            ratings = env['rating.rating'].search([('res_model', '=', TICKET), (
                'res_id', 'in', [self.ids['ticket_own'], self.ids['ticket_other']])])
            self.assertEqual(ratings.ids, rating)
            self.assertFalse(ratings.consumed)
        # renaming the ticket still renames its rating
        self.rpc('agent', TICKET, 'write', [self.ids['ticket_own']], {'name': 'RPC renamed'})
        with self.server_env() as env:
            self.assertIn('RPC renamed', env['rating.rating'].browse(rating).res_name)
