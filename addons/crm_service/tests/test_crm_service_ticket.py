# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Tickets: numbering, documents of the customer, closing, SLA statuses and escalations."""
from odoo.exceptions import UserError, ValidationError

from odoo.addons.queue_job.job import Job as QueueJob

from .common import ServiceCase

# The Friday-evening ticket of grade A (see ServiceCase.make_ticket): response due Mon 30 Nov
# 14:00 (4 working hours), at risk after 80 % of them, 3.2 h: Mon 9:00-12:00 and 13:00-13:12;
# resolution due Wed 2 Dec 18:00 (24 h), at risk after 19.2 h: Mon and Tue 8 h each, then Wed
# 9:00-12:00 and 13:00-13:12.
SATURDAY = '2026-11-28 12:00:00'
MONDAY_RISK = '2026-11-30 13:12:00'
MONDAY_LATE = '2026-11-30 14:00:01'


class TestCrmServiceTicket(ServiceCase):

    def activities(self, ticket):
        return self.env['mail.activity'].search([
            ('res_model', '=', 'crm.service.ticket'), ('res_id', '=', ticket.id)])

    def sla_messages(self, ticket):
        return ticket.message_ids.filtered(lambda message: 'SLA ' in (message.body or ''))

    def test_number_from_sequence(self):
        first = self.make_ticket(self.contact)
        second = self.make_ticket(self.contact)
        self.assertRegex(first.number, r'^TK\d{5}$')
        self.assertEqual(int(second.number[2:]), int(first.number[2:]) + 1)
        self.assertEqual(first.commercial_partner_id, self.customer)
        self.assertEqual(first.stage_id, self.stage_new)
        self.assertIn(self.contact, first.message_partner_ids)

    def test_foreign_sales_order_refused(self):
        other = self.make_customer('Svc Other Co')
        order = self.make_order(other, 100.0, self.day(-1) + ' 10:00:00')
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            self.make_ticket(self.contact, sale_order_id=order.id)
        self.assertEqual(
            error.exception.name,
            "Sales Order %s belongs to customer Svc Other Co, not to the ticket's customer "
            "Svc Customer A." % order.name)
        self.assertFalse(self.Ticket.search([('sale_order_id', '=', order.id)]))
        own_order = self.make_order(self.customer, 100.0, self.day(-1) + ' 10:00:00')
        ticket = self.make_ticket(self.contact, sale_order_id=own_order.id)
        self.assertEqual(ticket.sale_order_id, own_order)

    def test_foreign_invoice_refused(self):
        invoice = self.make_invoice(self.customer_c, 80.0, self.day(-2))
        ticket = self.make_ticket(self.contact)
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            ticket.invoice_id = invoice
        self.assertIn("belongs to customer Svc Customer C, not to the ticket's customer "
                      "Svc Customer A.", error.exception.name)
        self.assertFalse(ticket.invoice_id)

    def test_close_and_reopen(self):
        ticket = self.make_ticket(self.contact)
        ticket.stage_id = self.stage_solved
        self.assertTrue(ticket.is_closed)
        self.assertTrue(ticket.closed_date)
        ticket.stage_id = self.stage_progress
        self.assertFalse(ticket.closed_date)

    def test_status_by_time(self):
        ticket = self.make_ticket(self.contact)
        self.assertEqual(ticket.response_risk_date, MONDAY_RISK)
        self.assertEqual(ticket.resolve_risk_date, '2026-12-02 13:12:00')
        self.assertEqual(ticket._sla_status_at(SATURDAY), 'on_track')
        # no working time used over the weekend and the night: not at risk
        self.assertEqual(ticket._sla_status_at('2026-11-30 08:59:59'), 'on_track')
        self.assertEqual(ticket._sla_status_at('2026-11-30 13:11:59'), 'on_track')
        self.assertEqual(ticket._sla_status_at(MONDAY_RISK), 'at_risk')
        self.assertEqual(ticket._sla_status_at(MONDAY_LATE), 'breached')
        # answered in time, the resolution is at risk from Wednesday 13:12
        ticket.write({'first_response_date': '2026-11-30 10:00:00'})
        self.assertEqual(ticket._sla_status_at('2026-12-02 13:11:59'), 'on_track')
        self.assertEqual(ticket._sla_status_at('2026-12-02 13:12:00'), 'at_risk')

    def test_response_and_closing_meet_the_sla(self):
        ticket = self.make_ticket(self.contact, start='2026-11-30 09:00:00')
        ticket.write({'first_response_date': '2026-11-30 10:00:00'})
        # answered: only the resolution deadline (Wed 2 Dec 18:00) counts
        self.assertEqual(ticket._sla_status_at('2026-11-30 14:00:01'), 'on_track')
        ticket.write({'stage_id': self.stage_solved.id})
        ticket.write({'closed_date': '2026-12-01 09:00:00'})
        ticket._sla_update_status()
        self.assertEqual(ticket.sla_status, 'met')
        ticket.write({'closed_date': '2026-12-31 09:00:00'})
        ticket._sla_update_status()
        self.assertEqual(ticket.sla_status, 'breached')

    def test_closing_without_reply_answers_at_closing(self):
        # Mon 30 Nov 9:00, response due 14:00: closed at 13:00 without a reply, met; a ticket
        # closed at 15:00 without a reply missed its response.
        on_time = self.make_ticket(self.contact, start='2026-11-30 09:00:00')
        late = self.make_ticket(self.contact, start='2026-11-30 09:00:00')
        (on_time | late).write({'stage_id': self.stage_solved.id})
        on_time.write({'closed_date': '2026-11-30 13:00:00'})
        late.write({'closed_date': '2026-11-30 15:00:00'})
        (on_time | late)._sla_update_status()
        self.assertEqual((on_time.sla_status, late.sla_status), ('met', 'breached'))

    def test_agent_reply_is_the_first_response(self):
        ticket = self.make_ticket(self.contact)
        ticket.sudo(self.agent).message_post(body='Internal note', message_type='comment',
                                             subtype='mail.mt_note')
        self.assertFalse(ticket.first_response_date)
        ticket.message_post(body='From the customer', message_type='comment',
                            subtype='mail.mt_comment', author_id=self.contact.id)
        self.assertFalse(ticket.first_response_date)
        ticket.sudo(self.agent).message_post(body='We are on it', message_type='comment',
                                             subtype='mail.mt_comment')
        self.assertTrue(ticket.first_response_date)

    def test_job_updates_statuses_and_escalates_once(self):
        ticket = self.make_ticket(self.contact)
        self.Ticket._update_sla(now=SATURDAY)
        self.assertEqual(ticket.sla_status, 'on_track')
        self.assertFalse(self.activities(ticket))
        # at risk: one activity for the leader and one message, whatever the runs
        self.Ticket._update_sla(now=MONDAY_RISK)
        self.Ticket._update_sla(now=MONDAY_RISK)
        self.assertEqual(ticket.sla_status, 'at_risk')
        self.assertEqual(ticket.sla_escalation, 'at_risk')
        activities = self.activities(ticket)
        self.assertEqual(len(activities), 1)
        self.assertEqual(activities.user_id, self.leader)
        self.assertEqual(activities.summary, 'SLA at risk')
        self.assertEqual(len(self.sla_messages(ticket)), 1)
        # breached: a second one, once
        self.Ticket._update_sla(now=MONDAY_LATE)
        self.Ticket._update_sla(now=MONDAY_LATE)
        self.assertEqual(ticket.sla_status, 'breached')
        self.assertEqual(len(self.activities(ticket)), 2)
        self.assertEqual(sorted(self.activities(ticket).mapped('summary')),
                         ['SLA at risk', 'SLA breached'])
        self.assertEqual(len(self.sla_messages(ticket)), 2)
        # the leader sees the activity in their own list
        self.assertEqual(self.env['mail.activity'].sudo(self.leader).search_count(
            [('res_id', '=', ticket.id), ('res_model', '=', 'crm.service.ticket'),
             ('user_id', '=', self.leader.id)]), 2)

    def test_escalation_without_leader_or_assignee_reaches_a_service_manager(self):
        team = self.env['crm.service.team'].create({
            'name': 'Svc Leaderless', 'tz': 'UTC', 'resource_calendar_id': self.calendar.id})
        ticket = self.make_ticket(self.contact, team_id=team.id)
        self.assertFalse(ticket.user_id)
        managers = self.env.ref('crm_service.group_service_manager').users.filtered(
            lambda user: self.company in user.company_ids)
        self.assertIn(self.manager, managers)
        self.Ticket._update_sla(now=MONDAY_LATE)
        self.assertEqual(self.activities(ticket).user_id, managers.sorted('id')[0])
        # with an assignee, the assignee hears of it
        assigned = self.make_ticket(self.contact, team_id=team.id, user_id=self.agent2.id)
        self.Ticket._update_sla(now=MONDAY_LATE)
        self.assertEqual(self.activities(assigned).user_id, self.agent2)

    def test_cron_queues_one_sla_job(self):
        """Every 5 minutes the cron queues the SLA job, never a second one while one
        waits; the job does what ``_update_sla`` does."""
        Job = self.env['queue.job']
        before = Job.search([('method_name', '=', '_job_update_sla')])
        first = self.Ticket._cron_update_sla()
        second = self.Ticket._cron_update_sla()
        jobs = Job.search([('method_name', '=', '_job_update_sla')]) - before
        self.assertEqual(len(jobs), 1)
        self.assertEqual(first.uuid, second.uuid)
        self.assertEqual(jobs.channel, 'root.crm_customer')
        ticket = self.make_ticket(self.contact)  # opened on Friday 27 November 2026
        ticket.sudo().write({'sla_status': False})
        QueueJob.load(self.env, jobs.uuid).perform()
        self.assertEqual(ticket.sla_status, 'breached')

    def test_job_leaves_closed_tickets(self):
        ticket = self.make_ticket(self.contact)
        ticket.stage_id = self.stage_solved
        status = ticket.sla_status
        self.Ticket._update_sla(now=MONDAY_LATE)
        self.assertEqual(ticket.sla_status, status)
        self.assertFalse(self.activities(ticket))

    def test_job_breach_without_prior_risk_escalates_once(self):
        ticket = self.make_ticket(self.contact)
        self.Ticket._update_sla(now=MONDAY_LATE)
        self.Ticket._update_sla(now=MONDAY_LATE)
        self.assertEqual(self.activities(ticket).mapped('summary'), ['SLA breached'])

    def test_text_and_number_limits(self):
        """Before: a subject of millions of characters was saved (and searched), a colour of
        2**40 failed in SQL. Now refused before anything is written, the number included."""
        ticket = self.make_ticket(self.contact)
        count = self.Ticket.search_count([])
        for values, message in (
                ({'name': 'x' * 201},
                 "Subject is too long: 201 characters, at most 200. Shorten it, or attach a "
                 "long text as a file."),
                ({'description': '<p>%s</p>' % ('x' * 100000)},
                 "Description is too long: 100007 characters, at most 100000. Shorten it, or "
                 "attach a long text as a file."),
                ({'color': 2 ** 40},
                 "Colour Index must be a number from 0 to 11, not 1099511627776.")):
            with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
                self.make_ticket(self.contact, **values)
            self.assertEqual(error.exception.name, message)
            with self.assertRaises(ValidationError), self.env.cr.savepoint():
                ticket.sudo(self.agent).write(values)
        self.assertEqual(self.Ticket.search_count([]), count)
        self.assertEqual(ticket.name, 'Svc ticket')

    def test_agent_cannot_set_what_the_server_sets(self):
        ticket = self.make_ticket(self.contact)
        deadline = ticket.resolve_deadline
        with self.assertRaises(UserError) as error, self.env.cr.savepoint():
            ticket.sudo(self.agent).write({'resolve_deadline': '2099-01-01 00:00:00',
                                           'sla_status': 'met'})
        self.assertEqual(
            error.exception.name,
            "Resolution Deadline, SLA Status of a ticket are set by the server, not by hand: "
            "the number when the ticket is created, the closing date by its stage, the SLA "
            "deadlines and status by its policy. Change the ticket's contact, priority, team "
            "or stage instead, or ask a service manager.")
        self.assertEqual(ticket.resolve_deadline, deadline)
        # the ways that do change them still work for the agent
        ticket.sudo(self.agent).write({'priority': 'urgent', 'stage_id': self.stage_solved.id})
        self.assertTrue(ticket.closed_date)
        self.assertIn(ticket.sla_status, ('met', 'breached'))
        self.assertEqual(ticket.priority_rank, 3)
