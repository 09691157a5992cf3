# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The SLA job's escalations (``_sla_escalate``: ``mail.activity._bulk_create`` and one
INSERT of notes) write what the ORM writes for them, ``mail.activity.create`` of the
activity and ``message_post`` of the note: the same activities, messages, followers with
subtypes, notifications and bus messages."""
from unittest.mock import patch

from odoo.addons.crm_customer360.tests.mail_snapshot import TRACKED, both_ways

from .common import ServiceCase

MONDAY_LATE = '2026-11-30 14:00:01'


def orm_escalate(self, escalations):
    """The ORM path of ``_sla_escalate``, one record at a time."""
    self = self.with_context(**TRACKED)
    todo = self.env.ref('mail.mail_activity_data_todo')
    model_id = self.env['ir.model']._get_id(self._name)
    for escalation in escalations:
        if escalation['user_id']:
            self.env['mail.activity'].create({
                'res_model_id': model_id, 'res_id': escalation['ticket_id'],
                'activity_type_id': todo.id, 'summary': escalation['summary'],
                'date_deadline': escalation['date_deadline'],
                'user_id': escalation['user_id']})
        self.browse(escalation['ticket_id']).message_post(
            body=escalation['body'], subtype='mail.mt_note')


class TestSlaEscalationEquivalence(ServiceCase):

    def test_bulk_escalation_equals_orm(self):
        leaderless = self.env['crm.service.team'].create({
            'name': 'Svc Leaderless EQ', 'tz': 'UTC',
            'resource_calendar_id': self.calendar.id})
        tickets = [self.make_ticket(self.contact),
                   self.make_ticket(self.contact),
                   self.make_ticket(self.contact, team_id=leaderless.id,
                                    user_id=self.agent2.id)]
        # the leader already follows one ticket with one subtype: replaced, as create does
        tickets[1].message_subscribe(partner_ids=self.leader.partner_id.ids,
                                     subtype_ids=self.env.ref('mail.mt_comment').ids)
        Ticket = self.Ticket

        def orm():
            with patch.object(type(Ticket), '_sla_escalate', orm_escalate):
                Ticket._update_sla(now=MONDAY_LATE)

        def bulk():
            Ticket._update_sla(now=MONDAY_LATE)

        by_orm, by_bulk = both_ways(
            self.env, {Ticket._name: [ticket.id for ticket in tickets]}, orm, bulk)
        self.assertEqual(len(by_bulk.activities), 3)
        self.assertEqual(len(by_bulk.messages), 3)
        self.assertTrue(by_bulk.bus)
        for name in by_orm._fields:
            self.assertEqual(getattr(by_bulk, name), getattr(by_orm, name), name)

    def count_escalation_queries(self, count):
        """Queries of an SLA run that escalates ``count`` new tickets (rolled back), its
        breach e-mail (one digest to the team leader) included."""
        self.env.cr.execute('SAVEPOINT sla_count')
        try:
            for _index in range(count):
                self.make_ticket(self.contact)
            self.Ticket.invalidate_cache()
            before = self.env.cr.sql_log_count
            self.Ticket._update_sla(now=MONDAY_LATE)
            return self.env.cr.sql_log_count - before
        finally:
            self.env.cr.execute('ROLLBACK TO SAVEPOINT sla_count')
            self.env.clear()

    def test_escalation_queries_do_not_grow_with_tickets(self):
        # a query per ticket would show here (the digest e-mail's rendering included); the
        # ticket names come from the statement
        # because name_get reads a query per thousand tickets, which only `make bench`
        # (sla_job_first_run, 100,000 tickets) shows
        self.count_escalation_queries(2)  # warms the caches the first run fills
        few = self.count_escalation_queries(2)
        self.assertEqual(self.count_escalation_queries(12), few)
