# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SLA policies: matching, deadlines in working hours worked out by hand, bad input."""
from odoo.exceptions import ValidationError

from odoo.addons.crm_customer360.tests.common import run_background

from .common import ServiceCase


class TestCrmServiceSla(ServiceCase):

    def test_friday_evening_ticket_deadlines_on_monday(self):
        # Fri 27 Nov 19:00 UTC, after hours. Response 4 h: Mon 9-12 (3 h) + 13-14 (1 h).
        # Resolution 24 h: Mon, Tue, Wed 8 h each -> Wed 2 Dec 18:00.
        ticket = self.make_ticket(self.contact)
        self.assertEqual(ticket.sla_id, self.sla_a)
        self.assertEqual(ticket.response_deadline, '2026-11-30 14:00:00')
        self.assertEqual(ticket.resolve_deadline, '2026-12-02 18:00:00')

    def test_agent_without_sales_right_gets_the_grade_sla(self):
        """Grades are readable by salespeople only: the SLA still follows them for an agent
        who creates a ticket or changes its priority."""
        self.assertFalse(self.agent.has_group('sales_team.group_sale_salesman'))
        ticket = self.Ticket.sudo(self.agent).create({
            'name': 'Svc agent ticket', 'partner_id': self.contact.id,
            'team_id': self.team.id})
        self.assertEqual(ticket.sla_id, self.sla_a)
        ticket.write({'priority': 'high'})
        self.assertEqual(ticket.sla_id, self.sla_a)

    def test_deadline_within_the_day_skips_lunch(self):
        # Mon 30 Nov 10:30: 1.5 h before lunch, 2.5 h after -> 15:30.
        ticket = self.make_ticket(self.contact, start='2026-11-30 10:30:00')
        self.assertEqual(ticket.response_deadline, '2026-11-30 15:30:00')
        # 24 h: Mon 10:30-18:00 = 6.5 h, Tue 8, Wed 8 -> 1.5 h left on Thu -> 10:30.
        self.assertEqual(ticket.resolve_deadline, '2026-12-03 10:30:00')

    def test_team_time_zone(self):
        # Fri 27 Nov 10:00 UTC = 18:00 in Shanghai: Monday 9:00-12:00 + 13:00-14:00 there,
        # i.e. Mon 30 Nov 06:00 UTC.
        self.team.tz = 'Asia/Shanghai'
        ticket = self.make_ticket(self.contact, start='2026-11-27 10:00:00')
        self.assertEqual(ticket.response_deadline, '2026-11-30 06:00:00')

    def test_calendar_leave_is_not_working_time(self):
        # A day off on Monday 30 Nov: the Friday evening ticket answers on Tuesday 14:00.
        self.env['resource.calendar.leaves'].create({
            'name': 'Svc day off', 'calendar_id': self.calendar.id,
            'date_from': '2026-11-30 00:00:00', 'date_to': '2026-11-30 23:59:59'})
        ticket = self.make_ticket(self.contact)
        self.assertEqual(ticket.response_deadline, '2026-12-01 14:00:00')

    def test_no_calendar_counts_around_the_clock(self):
        self.team.resource_calendar_id = False
        ticket = self.make_ticket(self.contact)
        self.assertEqual(ticket.response_deadline, '2026-11-27 23:00:00')
        self.assertEqual(ticket.resolve_deadline, '2026-11-28 19:00:00')

    def test_most_specific_policy_applies(self):
        other_team = self.env['crm.service.team'].create({'name': 'Svc Other'})
        team_a = self.make_sla('Svc team and grade A', 2, 8, sequence=30,
                               team_ids=[(6, 0, self.team.ids)],
                               grade_ids=[(6, 0, self.grade_a.ids)])
        urgent = self.make_sla('Svc urgent', 1, 4, sequence=5, min_priority='urgent')
        # grade A on the team: two criteria beat one
        self.assertEqual(self.make_ticket(self.contact).sla_id, team_a)
        # grade A, urgent, another team: one criterion each, the lower sequence wins
        ticket = self.make_ticket(self.contact, team_id=other_team.id, priority='urgent')
        self.assertEqual(ticket.sla_id, urgent)
        # grade C, normal: only the policy without criteria
        self.assertEqual(self.make_ticket(self.customer_c).sla_id, self.sla_default)
        # minimum priority: high is below urgent
        ticket = self.make_ticket(self.customer_c, priority='high')
        self.assertEqual(ticket.sla_id, self.sla_default)

    def test_priority_change_recomputes_deadlines(self):
        urgent = self.make_sla('Svc urgent', 1, 4, min_priority='urgent',
                               grade_ids=[(6, 0, self.grade_c.ids)])
        ticket = self.make_ticket(self.customer_c)
        self.assertEqual(ticket.sla_id, self.sla_default)
        ticket.priority = 'urgent'
        self.assertEqual(ticket.sla_id, urgent)
        self.assertEqual(ticket.response_deadline, '2026-11-30 10:00:00')
        self.assertEqual(ticket.resolve_deadline, '2026-11-30 14:00:00')

    def test_grading_run_recomputes_open_tickets(self):
        """The nightly run writes grades in SQL: the open tickets follow all the same."""
        grade_d = self.env.ref('crm_grading.crm_customer_grade_d')
        sla_d = self.make_sla('Svc grade D', 2, 8, grade_ids=[(6, 0, grade_d.ids)])
        ticket = self.make_ticket(self.customer_c)
        self.assertEqual(ticket.sla_id, self.sla_default)
        policy = self.env['crm.grading.policy'].search(
            [('company_id', '=', self.customer_c.company_id.id)], limit=1)
        run = self.env['crm.grading.run'].browse(policy.action_run()['res_id'])
        run_background(self.env, run.batch_id)
        # no revenue: grade D; Friday 19:00 + 2 working hours = Mon 11:00, + 8 = Mon 18:00
        self.assertEqual(self.customer_c.grade_id, grade_d)
        self.assertEqual(ticket.sla_id, sla_d)
        self.assertEqual(ticket.response_deadline, '2026-11-30 11:00:00')
        self.assertEqual(ticket.resolve_deadline, '2026-11-30 18:00:00')

    def test_grade_change_recomputes_open_tickets(self):
        ticket = self.make_ticket(self.customer_c)
        closed = self.make_ticket(self.customer_c)
        closed.stage_id = self.stage_solved
        closed_deadline = closed.resolve_deadline
        self.assertEqual(ticket.response_deadline, '2026-12-02 18:00:00')  # 24 h: Mon-Wed
        self.customer_c.grade_id = self.grade_a
        self.assertEqual(ticket.sla_id, self.sla_a)
        self.assertEqual(ticket.response_deadline, '2026-11-30 14:00:00')
        self.assertEqual(closed.sla_id, self.sla_default)
        self.assertEqual(closed.resolve_deadline, closed_deadline)

    def test_grade_change_keeping_the_policy_leaves_tickets_alone(self):
        """C to D keeps the default policy: the open ticket is not rewritten (a first
        grading run changes every grade; rewriting every open ticket cost seconds)."""
        ticket = self.make_ticket(self.customer_c)
        self.assertEqual(ticket.sla_id, self.sla_default)
        # a deadline no computation gives: it stays only if nothing rewrites the ticket
        self.env.cr.execute("UPDATE crm_service_ticket SET response_deadline = "
                            "'2030-01-01 00:00:00' WHERE id = %s", [ticket.id])
        ticket.invalidate_cache()
        self.customer_c.grade_id = self.env.ref('crm_grading.crm_customer_grade_d')
        self.assertEqual(ticket.sla_id, self.sla_default)
        self.assertEqual(ticket.response_deadline, '2030-01-01 00:00:00')
        # the grade's policy changes: the deadline is computed again
        self.customer_c.grade_id = self.grade_a
        self.assertEqual(ticket.sla_id, self.sla_a)
        self.assertEqual(ticket.response_deadline, '2026-11-30 14:00:00')

    def test_team_change_recomputes_deadlines(self):
        ticket = self.make_ticket(self.contact)
        other_team = self.env['crm.service.team'].create({'name': 'Svc 24x7'})
        ticket.team_id = other_team
        self.assertEqual(ticket.response_deadline, '2026-11-27 23:00:00')

    def test_negative_duration_refused(self):
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            self.make_sla('Svc broken', -4, 24)
        self.assertEqual(
            error.exception.name,
            "Response Time (Hours) of SLA policy Svc broken must be more than 0 hours and at "
            "most 8784 hours (a year), not -4.")
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            self.sla_a.resolve_hours = 0
        self.assertEqual(
            error.exception.name,
            "Resolution Time (Hours) of SLA policy Svc grade A must be more than 0 hours and "
            "at most 8784 hours (a year), not 0.")
        self.assertEqual(self.sla_a.resolve_hours, 24)

    def test_huge_duration_refused(self):
        """Before: an SLA of 1e9 hours was saved, and every new ticket it matched then failed
        with OverflowError."""
        for hours in (1e9, 8784.5, float('inf'), float('nan')):
            with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
                self.make_sla('Svc forever', 4, hours)
            self.assertIn('at most 8784 hours (a year)', error.exception.name)
        sla = self.make_sla('Svc a year', 4, 8784)
        self.assertEqual(sla.resolve_hours, 8784)

    def test_response_after_resolution_refused(self):
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            self.sla_a.response_hours = 30
        self.assertEqual(
            error.exception.name,
            "The response time of SLA policy Svc grade A (30 hours) cannot be longer than its "
            "resolution time (24 hours): the first answer comes before the solution.")
        self.assertEqual(self.sla_a.response_hours, 4)
        self.sla_a.write({'response_hours': 24})

    def test_policy_saved_before_the_bounds_still_works(self):
        """A policy of 1e9 hours saved before the bound (in SQL here) counts as a year: new
        tickets are created, not refused with OverflowError."""
        self.env.cr.execute("UPDATE crm_service_sla SET resolve_hours = 1e9 WHERE id = %s",
                            (self.sla_a.id,))
        self.sla_a.invalidate_cache()
        self.team.resource_calendar_id = False
        ticket = self.make_ticket(self.contact)
        self.assertEqual(ticket.sla_id, self.sla_a)
        self.assertEqual(ticket.resolve_deadline, '2027-11-28 19:00:00')

    def test_sequence_out_of_range_refused(self):
        """Before: the database refused it (integer out of range), in words nobody reads."""
        with self.assertRaises(ValidationError) as error, self.env.cr.savepoint():
            self.sla_a.sequence = 10 ** 10
        self.assertEqual(error.exception.name,
                         "Sequence must be a number from -1000000 to 1000000, not 10000000000.")
