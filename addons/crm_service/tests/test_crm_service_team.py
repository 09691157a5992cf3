# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Teams: assignment methods, alias defaults, counts."""
from odoo.exceptions import ValidationError

from .common import ServiceCase


class TestCrmServiceTeam(ServiceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent3 = cls.make_user('svc_agent3', ['crm_service.group_service_agent'])
        cls.members = (cls.agent | cls.agent2 | cls.agent3).sorted('id')
        cls.team.write({'member_ids': [(6, 0, cls.members.ids)]})

    def test_manual_leaves_tickets_unassigned(self):
        self.assertFalse(self.make_ticket(self.contact).user_id)

    def test_round_robin_in_turn(self):
        self.team.assignment_method = 'round_robin'
        users = [self.make_ticket(self.contact).user_id for _index in range(4)]
        self.assertEqual(users, list(self.members) + [self.members[0]])
        self.assertEqual(self.team.last_assigned_user_id, self.members[0])

    def test_round_robin_keeps_a_given_assignee(self):
        self.team.assignment_method = 'round_robin'
        ticket = self.make_ticket(self.contact, user_id=self.agent3.id)
        self.assertEqual(ticket.user_id, self.agent3)
        self.assertFalse(self.team.last_assigned_user_id)

    def test_fewest_open_tickets(self):
        self.team.assignment_method = 'fewest_open'
        for user, count in ((self.agent, 2), (self.agent2, 1), (self.agent3, 1)):
            for _index in range(count):
                self.make_ticket(self.contact, user_id=user.id)
        closed = self.make_ticket(self.contact, user_id=self.agent2.id)
        closed.stage_id = self.stage_solved
        # agent2 and agent3 have one open ticket each: the lower id wins
        expected = min(self.agent2, self.agent3, key=lambda user: user.id)
        self.assertEqual(self.make_ticket(self.contact).user_id, expected)

    def test_moving_to_a_team_assigns(self):
        other = self.env['crm.service.team'].create({
            'name': 'Svc RR', 'assignment_method': 'round_robin',
            'member_ids': [(6, 0, self.agent2.ids)]})
        ticket = self.make_ticket(self.contact)
        ticket.team_id = other
        self.assertEqual(ticket.user_id, self.agent2)

    def test_ticket_without_team_goes_to_a_team_of_its_company(self):
        """Created by someone in no team (a portal request is created as superuser): the
        first team of the company takes it, and assigns it."""
        self.team.write({'sequence': -1, 'assignment_method': 'round_robin'})
        ticket = self.Ticket.sudo(self.manager).create(
            {'name': 'Svc no team', 'partner_id': self.contact.id})
        self.assertEqual(ticket.team_id, self.team)
        self.assertEqual(ticket.user_id, self.members[0])
        # a member of a team gets their own team
        other = self.env['crm.service.team'].create({
            'name': 'Svc Member Team', 'sequence': 50,
            'member_ids': [(6, 0, self.manager.ids)]})
        ticket = self.Ticket.sudo(self.manager).create(
            {'name': 'Svc member', 'partner_id': self.contact.id})
        self.assertEqual(ticket.team_id, other)

    def test_automatic_assignment_needs_members(self):
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            self.env['crm.service.team'].create({
                'name': 'Svc Empty', 'assignment_method': 'round_robin'})
        self.assertEqual(error.exception.name,
                         "Team Svc Empty assigns tickets automatically (Round robin) but has "
                         "no members.")

    def test_alias_creates_tickets_of_the_team(self):
        self.assertEqual(self.team.alias_id.alias_model_id.model, 'crm.service.ticket')
        self.assertIn("'team_id': %d" % self.team.id, self.team.alias_id.alias_defaults)

    def test_counts(self):
        self.make_ticket(self.contact)
        self.make_ticket(self.contact, user_id=self.agent.id)
        self.Ticket._update_sla(now='2026-11-30 14:00:01')
        self.assertEqual(self.team.open_ticket_count, 2)
        self.assertEqual(self.team.unassigned_ticket_count, 1)
        self.assertEqual(self.team.breached_ticket_count, 2)
        self.assertEqual(self.team.at_risk_ticket_count, 0)
