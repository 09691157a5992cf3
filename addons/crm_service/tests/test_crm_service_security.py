# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Access: agents see their own and their teams' tickets, managers everything."""
from odoo.exceptions import AccessError

from .common import ServiceCase


class TestCrmServiceSecurity(ServiceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_team = cls.env['crm.service.team'].create({
            'name': 'Svc Other', 'member_ids': [(6, 0, cls.agent2.ids)]})
        cls.team_ticket = cls.make_ticket(cls.contact)
        cls.other_ticket = cls.make_ticket(cls.contact, team_id=cls.other_team.id)
        cls.assigned_elsewhere = cls.make_ticket(cls.contact, team_id=cls.other_team.id,
                                                 user_id=cls.agent.id)
        cls.tickets = cls.team_ticket | cls.other_ticket | cls.assigned_elsewhere

    def visible(self, user):
        return self.Ticket.sudo(user).search([('id', 'in', self.tickets.ids)])

    def test_agent_sees_own_and_team_tickets(self):
        self.assertEqual(self.visible(self.agent), self.team_ticket | self.assigned_elsewhere)
        self.assertEqual(self.visible(self.agent2), self.other_ticket | self.assigned_elsewhere)
        with self.assertRaises(AccessError):
            self.other_ticket.sudo(self.agent).read(['name'])
        with self.assertRaises(AccessError):
            self.other_ticket.sudo(self.agent).write({'name': 'Mine now'})

    def test_agent_works_on_team_tickets(self):
        ticket = self.team_ticket.sudo(self.agent)
        ticket.action_assign_to_me()
        ticket.write({'stage_id': self.stage_progress.id})
        self.assertEqual(self.team_ticket.user_id, self.agent)
        created = self.Ticket.sudo(self.agent).create({
            'name': 'Svc by agent', 'partner_id': self.contact.id, 'team_id': self.team.id})
        self.assertEqual(created.number[:2], 'TK')
        with self.assertRaises(AccessError):
            created.unlink()

    def test_agent_cannot_configure(self):
        with self.assertRaises(AccessError):
            self.env['crm.service.sla'].sudo(self.agent).create(
                {'name': 'Svc mine', 'response_hours': 1, 'resolve_hours': 2})
        with self.assertRaises(AccessError):
            self.team.sudo(self.agent).write({'assignment_method': 'round_robin'})
        with self.assertRaises(AccessError):
            self.stage_new.sudo(self.agent).write({'fold': True})

    def test_manager_sees_and_configures_everything(self):
        self.assertEqual(self.visible(self.manager), self.tickets)
        sla = self.env['crm.service.sla'].sudo(self.manager).create(
            {'name': 'Svc by manager', 'response_hours': 1, 'resolve_hours': 2})
        self.assertTrue(sla.exists())

    def test_salesperson_reads_tickets_of_their_customers(self):
        salesperson = self.make_user('svc_sales', ['sales_team.group_sale_salesman'])
        self.assertFalse(self.visible(salesperson))
        self.customer.user_id = salesperson
        self.assertEqual(self.visible(salesperson), self.tickets)
        with self.assertRaises(AccessError):
            self.team_ticket.sudo(salesperson).write({'name': 'Changed'})

    def test_other_company_tickets_hidden(self):
        company = self.env['res.company'].create({'name': 'Svc Other Company'})
        self.manager.write({'company_ids': [(4, company.id)]})
        foreign = self.make_ticket(self.contact, company_id=company.id)
        self.assertFalse(self.Ticket.sudo(self.manager).search([('id', '=', foreign.id)]))
