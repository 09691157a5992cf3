# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A handover moves the giver's open tickets on the customers and leaves the closed ones;
a receiver who is not a service agent does not get tickets: they go back to the team."""
from .common import ServiceCase


class TestCrmCustomerHandover(ServiceCase):

    def test_handover_moves_open_tickets(self):
        sales_manager = self.make_sales_manager('svc_ho_manager')
        giver = self.make_user('svc_ho_giver', ['sales_team.group_sale_salesman',
                                                'crm_service.group_service_agent'])
        receiver = self.make_user('svc_ho_receiver', ['sales_team.group_sale_salesman',
                                                      'crm_service.group_service_agent'])
        self.customer.user_id = giver
        open_ticket = self.make_ticket(self.contact, user_id=giver.id)
        closed_ticket = self.make_ticket(self.contact, user_id=giver.id)
        closed_ticket.stage_id = self.stage_solved
        other_ticket = self.make_ticket(self.customer_c, user_id=giver.id)
        (open_ticket | closed_ticket).message_subscribe(partner_ids=giver.partner_id.ids)
        handover = self.env['crm.customer.handover'].sudo(sales_manager).create({
            'from_user_id': giver.id, 'to_user_id': receiver.id})
        self.assertEqual(handover.line_ids.mapped('partner_id'), self.customer)
        # the preview counts the one open ticket on the handed-over customer
        self.assertEqual(handover.preview_ticket_count, 1)
        self.assertFalse(handover.ticket_receivers_not_agents)
        handover.sudo(sales_manager).action_confirm()
        self.assertEqual(open_ticket.user_id, receiver)
        self.assertIn(receiver.partner_id, open_ticket.message_partner_ids)
        self.assertNotIn(giver.partner_id, open_ticket.message_partner_ids)
        self.assertIn(giver.partner_id, closed_ticket.message_partner_ids)
        self.assertEqual(closed_ticket.user_id, giver)
        self.assertEqual(other_ticket.user_id, giver)

    def test_receiver_without_service_rights_gives_tickets_to_the_team(self):
        sales_manager = self.make_sales_manager('svc_ho_manager2')
        giver = self.make_user('svc_ho_giver2', ['sales_team.group_sale_salesman',
                                                 'crm_service.group_service_agent'])
        receiver = self.make_user('svc_ho_seller', ['sales_team.group_sale_salesman'])
        self.customer.user_id = giver
        # the leader has one open ticket, the agent none: the agent gets the first ticket,
        # then both have one and the lower id (the leader, created first) gets the second
        self.make_ticket(self.customer_c, user_id=self.leader.id)
        self.team.assignment_method = 'fewest_open'
        first = self.make_ticket(self.contact, user_id=giver.id)
        second = self.make_ticket(self.contact, user_id=giver.id)
        manual_team = self.env['crm.service.team'].create({'name': 'Svc Manual Team'})
        third = self.make_ticket(self.contact, user_id=giver.id, team_id=manual_team.id)
        handover = self.env['crm.customer.handover'].sudo(sales_manager).create({
            'from_user_id': giver.id, 'to_user_id': receiver.id})
        self.assertEqual(handover.preview_ticket_count, 3)
        self.assertEqual(handover.ticket_receivers_not_agents, 'Svc_Ho_Seller')
        handover.sudo(sales_manager).action_confirm()
        self.assertEqual(self.customer.user_id, receiver)
        self.assertEqual(first.user_id, self.agent)
        self.assertEqual(second.user_id, self.leader)
        self.assertFalse(third.user_id)
        self.assertIn('is not a service agent', first.message_ids[0].body)

    def test_resignation_gives_other_tickets_back_to_their_teams(self):
        sales_manager = self.make_sales_manager('svc_ho_manager3')
        giver = self.make_user('svc_ho_leaver', ['sales_team.group_sale_salesman',
                                                 'crm_service.group_service_agent'])
        receiver = self.make_user('svc_ho_heir', ['sales_team.group_sale_salesman',
                                                  'crm_service.group_service_agent'])
        self.customer.user_id = giver
        self.team.assignment_method = 'round_robin'
        own = self.make_ticket(self.contact, user_id=giver.id)
        other = self.make_ticket(self.customer_c, user_id=giver.id)
        closed = self.make_ticket(self.customer_c, user_id=giver.id)
        closed.stage_id = self.stage_solved
        rebalancing = self.env['crm.customer.handover'].sudo(sales_manager).create({
            'from_user_id': giver.id, 'to_user_id': receiver.id, 'reason': 'rebalancing'})
        self.assertEqual(rebalancing.preview_leaver_ticket_count, 0)
        handover = self.env['crm.customer.handover'].sudo(sales_manager).create({
            'from_user_id': giver.id, 'to_user_id': receiver.id, 'reason': 'resignation'})
        # the ticket on the handed-over customer moves with it; the other one is counted
        self.assertEqual(handover.preview_ticket_count, 1)
        self.assertEqual(handover.preview_leaver_ticket_count, 1)
        rebalancing.sudo(sales_manager).action_cancel()
        handover.sudo(sales_manager).action_confirm()
        self.assertEqual(own.user_id, receiver)
        # round robin over the members in id order (leader, agent): the leader is next
        self.assertEqual(other.user_id, self.leader)
        self.assertIn('Svc_Ho_Leaver has left the company', other.message_ids[0].body)
        self.assertEqual(closed.user_id, giver)
