# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared test data of the service tickets: a calendar, a team, SLA policies by grade."""
from odoo.addons.crm_customer360.tests.common import Customer360Case


class ServiceCase(Customer360Case):
    """Base class with a Mon-Fri 9-12 / 13-18 calendar (UTC), a team on it, agents and the
    SLA policies by grade; it runs no test of its own. Existing policies (demo data) are
    archived so that only the policies built here match."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env['crm.service.sla'].search([]).write({'active': False})
        cls.grade_a = cls.env.ref('crm_grading.crm_customer_grade_a')
        cls.grade_b = cls.env.ref('crm_grading.crm_customer_grade_b')
        cls.grade_c = cls.env.ref('crm_grading.crm_customer_grade_c')
        cls.stage_new = cls.env.ref('crm_service.crm_service_stage_new')
        cls.stage_progress = cls.env.ref('crm_service.crm_service_stage_in_progress')
        cls.stage_solved = cls.env.ref('crm_service.crm_service_stage_solved')
        cls.calendar = cls.env['resource.calendar'].create({
            'name': 'Svc Mon-Fri 9-18',
            'attendance_ids': [(5, 0, 0)] + [
                (0, 0, {'name': 'Day %d %s' % (day, part), 'dayofweek': str(day),
                        'hour_from': hour_from, 'hour_to': hour_to})
                for day in range(5)
                for part, hour_from, hour_to in (('am', 9, 12), ('pm', 13, 18))],
        })
        cls.leader = cls.make_user('svc_leader', ['crm_service.group_service_agent'])
        cls.agent = cls.make_user('svc_agent', ['crm_service.group_service_agent'])
        cls.agent2 = cls.make_user('svc_agent2', ['crm_service.group_service_agent'])
        cls.manager = cls.make_user('svc_manager', ['crm_service.group_service_manager'])
        cls.team = cls.env['crm.service.team'].create({
            'name': 'Svc Team', 'leader_id': cls.leader.id, 'tz': 'UTC',
            'member_ids': [(6, 0, (cls.leader | cls.agent).ids)],
            'resource_calendar_id': cls.calendar.id})
        cls.sla_a = cls.make_sla('Svc grade A', 4, 24, grade_ids=[(6, 0, cls.grade_a.ids)])
        cls.sla_b = cls.make_sla('Svc grade B', 8, 48, grade_ids=[(6, 0, cls.grade_b.ids)])
        cls.sla_default = cls.make_sla('Svc everyone', 24, 72, sequence=20)
        cls.customer = cls.make_customer('Svc Customer A', grade_id=cls.grade_a.id,
                                         email='buyer@svc-a.example')
        cls.contact = cls.make_contact(cls.customer, 'Svc Buyer', email='li@svc-a.example')
        cls.customer_c = cls.make_customer('Svc Customer C', grade_id=cls.grade_c.id)
        cls.Ticket = cls.env['crm.service.ticket']

    @classmethod
    def make_sla(cls, name, response, resolve, **vals):
        values = {'name': name, 'response_hours': response, 'resolve_hours': resolve}
        values.update(vals)
        return cls.env['crm.service.sla'].create(values)

    @classmethod
    def make_ticket(cls, partner, start='2026-11-27 19:00:00', **vals):
        """A ticket of ``partner`` for the team, its SLA clock started at ``start`` (UTC;
        the default is a Friday evening)."""
        values = {'name': 'Svc ticket', 'partner_id': partner.id, 'team_id': cls.team.id,
                  'sla_start_date': start}
        values.update(vals)
        return cls.env['crm.service.ticket'].create(values)
