# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SLA of a ticket: policy, deadlines in working hours, status and the escalation job.

Deadlines count the policy's hours from ``sla_start_date`` in the working calendar of the
ticket's team (its leaves included), in the team's time zone; without a calendar the hours run
around the clock. A ticket is

- ``breached`` when a deadline passed unmet (the first response came late or has not come by
  the response deadline, or the ticket is not closed by the resolution deadline),
- ``at_risk`` when 80 % of the working hours to a pending deadline are used (the moments are
  kept on the ticket: ``response_risk_date``, ``resolve_risk_date``), so that a ticket opened
  on Friday evening is not escalated on Sunday night,
- ``met`` when it closed within both deadlines, ``on_track`` otherwise.

The job ``_cron_update_sla`` computes the statuses of all open tickets, writes only those that
change and escalates each ticket once per level (at risk, breached): an activity for the team
leader and a note in the chatter. One SQL statement finds and writes the changes, then
``_sla_escalate`` writes the activities and notes as the ORM would, a constant number of
statements whatever the number of tickets.
"""
import datetime
import json
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.addons.crm_customer360.tz import company_tz_sql
from odoo.addons.queue_job.job import job
from odoo.addons.resource.models.resource import to_naive_user_tz

from .crm_service_sla import MAX_SLA_HOURS

# The share of the working hours to a deadline after which a ticket is at risk.
AT_RISK_RATIO = 0.8
# The queue_job channel of the SLA job (see crm_customer360's crm_customer_batch.py).
SLA_CHANNEL = 'root.crm_customer'
_logger = logging.getLogger(__name__)

class CrmServiceTicket(models.Model):
    _inherit = 'crm.service.ticket'

    # ------------------------------------------------------------------
    # Deadlines
    # ------------------------------------------------------------------
    @api.model
    def _sla_trigger_fields(self):
        """Fields whose change recomputes the policy and the deadlines of open tickets."""
        return ['priority', 'team_id', 'partner_id', 'category_id', 'company_id']

    @api.model
    def _sla_apply_for_customers(self, commercial_ids):
        """Recompute the SLA of the open tickets of these commercial entities (their grade
        changed). Takes ids, not records: a first grading run changes 100,000 grades, and
        reading that many partners would take gigabytes.

        Only the tickets whose policy changes are rewritten: the deadlines depend on the
        policy, the start and the team, so a grade that keeps the policy keeps them. A first
        grading run changes every grade, and rewriting each open ticket one write at a time
        cost seconds for nothing."""
        tickets = self.sudo().search([('commercial_partner_id', 'in', list(commercial_ids)),
                                      ('is_closed', '=', False)])
        policies = self.env['crm.service.sla']._sla_for_tickets(tickets)
        tickets.filtered(lambda ticket: policies[ticket.id] != ticket.sla_id)._sla_apply(
            policies=policies)

    @api.multi
    def _sla_apply(self, include_closed=False, policies=None):
        """Choose the policy of the open tickets (and of closed ones with
        ``include_closed``, for new tickets) and set their deadlines and status.
        ``policies`` (``{ticket id: policy}``) spares choosing them again."""
        tickets = self if include_closed else self.filtered(lambda ticket: not ticket.is_closed)
        if policies is None:
            policies = self.env['crm.service.sla']._sla_for_tickets(tickets)
        for ticket in tickets:
            sla = policies[ticket.id]
            start = fields.Datetime.from_string(ticket.sla_start_date or ticket.create_date)
            values = dict.fromkeys(['response_deadline', 'resolve_deadline',
                                    'response_risk_date', 'resolve_risk_date'], False)
            values['sla_id'] = sla.id
            for kind, hours in (('response', sla.response_hours),
                                ('resolve', sla.resolve_hours)):
                if sla:
                    values[kind + '_deadline'] = fields.Datetime.to_string(
                        ticket._sla_add_working_hours(start, hours))
                    values[kind + '_risk_date'] = fields.Datetime.to_string(
                        ticket._sla_add_working_hours(start, hours * AT_RISK_RATIO))
            # sudo: the deadlines are the server's (see _system_fields), not the user's
            ticket.sudo().write(values)
        tickets._sla_update_status()

    @api.multi
    def _sla_add_working_hours(self, start, hours):
        """``start`` (naive UTC) plus ``hours`` working hours of the ticket's team.

        Counted in the team's calendar and time zone, leaves of the calendar excluded; 24x7
        when the team has no calendar (or one without working time)."""
        self.ensure_one()
        if not 0 <= hours <= MAX_SLA_HOURS:
            # a policy saved before its hours were bounded: a year, not an OverflowError
            hours = MAX_SLA_HOURS
        calendar = self.team_id.resource_calendar_id
        if not calendar or not calendar.attendance_ids:
            return start + timedelta(hours=hours)
        calendar = calendar.with_context(tz=self.team_id.tz or 'UTC')
        remaining = timedelta(hours=hours)
        local_start = to_naive_user_tz(start, calendar)
        day, start_time = local_start.date(), local_start.time()
        for _day in range(732):  # two years: far more than any SLA
            intervals = calendar._get_day_work_intervals(
                day, start_time=start_time, compute_leaves=True)
            for begin, end, _meta in sorted(intervals, key=lambda interval: interval[0]):
                begin = max(begin, start)
                if end <= begin:
                    continue
                if end - begin >= remaining:
                    return begin + remaining
                remaining -= end - begin
            day += timedelta(days=1)
            start_time = datetime.time.min
        return start + timedelta(hours=hours)

    # ------------------------------------------------------------------
    # Status
    # ------------------------------------------------------------------
    @api.multi
    def _sla_status_at(self, now):
        """The SLA status of the ticket at ``now`` (a datetime string); the job's SQL
        (``_sql_status``) computes the same for open tickets."""
        self.ensure_one()
        if not self.response_deadline and not self.resolve_deadline:
            return False
        # a ticket closed without a public reply was answered by its closing
        answered = self.first_response_date or (self.is_closed and self.closed_date) or now
        late_response = bool(self.response_deadline) and answered > self.response_deadline
        if self.is_closed:
            late_resolution = bool(self.resolve_deadline) and \
                (self.closed_date or now) > self.resolve_deadline
            return 'breached' if late_response or late_resolution else 'met'
        if late_response or (self.resolve_deadline and now > self.resolve_deadline):
            return 'breached'
        if (not self.first_response_date and self.response_risk_date
                and now >= self.response_risk_date) \
                or (self.resolve_risk_date and now >= self.resolve_risk_date):
            return 'at_risk'
        return 'on_track'

    @api.multi
    def _sla_update_status(self, now=None):
        """Write the status of the tickets where it changed."""
        now = now or fields.Datetime.now()
        changed = {}
        for ticket in self:
            status = ticket._sla_status_at(now)
            if status != ticket.sla_status:
                changed.setdefault(status, self.browse())
                changed[status] |= ticket
        # one write per status, not per ticket
        for status, tickets in changed.items():
            tickets.sudo().write({'sla_status': status})

    @api.multi
    def _sla_register_response(self):
        """The first public reply of an agent: it meets the response deadline."""
        tickets = self.filtered(lambda ticket: not ticket.first_response_date)
        if tickets:
            tickets.sudo().write({'first_response_date': fields.Datetime.now()})
            tickets._sla_update_status()

    # ------------------------------------------------------------------
    # Job
    # ------------------------------------------------------------------
    @api.model
    def _sql_status(self):
        """SQL expression of the status of an open ticket aliased ``t`` at ``%(now)s``."""
        return """
            CASE
            WHEN t.response_deadline IS NULL AND t.resolve_deadline IS NULL THEN NULL
            WHEN COALESCE(t.first_response_date, %(now)s) > t.response_deadline
              OR %(now)s > t.resolve_deadline THEN 'breached'
            WHEN (t.first_response_date IS NULL AND %(now)s >= t.response_risk_date)
              OR %(now)s >= t.resolve_risk_date THEN 'at_risk'
            ELSE 'on_track'
            END"""

    @api.model
    def _cron_update_sla(self):
        """Scheduled every 5 minutes: queue ``_update_sla`` as a job (at most one waiting at a
        time), so that a first run over many tickets does not hold the cron worker and runs
        under the job runner's limits and retries."""
        return self.with_context(mail_create_nolog=True, tracking_disable=True).with_delay(
            channel=SLA_CHANNEL, identity_key='crm_service_update_sla',
            description=_("Service tickets: SLA status and escalation"))._job_update_sla()

    @api.model
    @job(default_channel=SLA_CHANNEL)
    def _job_update_sla(self):
        """Job: ``_update_sla`` now."""
        changed = self._update_sla()
        _logger.info("SLA job: %d tickets changed status", changed)
        return changed

    @api.model
    def _update_sla(self, now=None):
        """Update the SLA status of every open ticket (one SQL statement) and escalate.

        Only the tickets whose status changes, or that are at risk or breached beyond their
        last escalation, are written. Each of the latter gets one activity for the team
        leader (the assignee when the team has no leader, else the first service manager of
        the ticket's company: someone always hears of it) and one message in the chatter,
        and its escalation level is remembered, so that no escalation is ever sent twice.
        A breach also e-mails that person (``_sla_breach_mail``, queued).

        :param now: the reference time (a datetime string), now by default; for tests.
        :return: the number of tickets whose status changed
        """
        now = now or fields.Datetime.now()
        # The activity and the note are written for the person asked to act, in their
        # language, due on their calendar day: the texts of every installed language.
        texts = {code: self.with_context(lang=code)._sla_escalation_texts()
                 for code, _name in self.env['res.lang'].get_installed()}
        params = {
            'now': now,
            'manager_group_id': self.env.ref('crm_service.group_service_manager').id,
            'texts': json.dumps(texts),
            'default_lang': self.env.lang if self.env.lang in texts else 'en_US',
        }
        self.env.cr.execute("""
            WITH computed AS (
                SELECT t.id, t.sla_status AS old_status, t.sla_escalation AS old_escalation,
                       %(status)s AS status
                  FROM crm_service_ticket t
                 WHERE t.is_closed IS NOT TRUE
                   AND (t.response_deadline IS NOT NULL OR t.resolve_deadline IS NOT NULL)
            ), todo AS (
                SELECT id, status, status IS DISTINCT FROM old_status AS changed,
                       COALESCE((status = 'at_risk' AND old_escalation IS NULL)
                                OR (status = 'breached'
                                    AND old_escalation IS DISTINCT FROM 'breached'),
                                FALSE) AS escalate
                  FROM computed
            ), updated AS (
                UPDATE crm_service_ticket t
                   SET sla_status = todo.status,
                       sla_escalation = CASE WHEN todo.escalate THEN todo.status
                                             ELSE t.sla_escalation END,
                       write_date = (now() at time zone 'UTC')
                  FROM todo
                 WHERE t.id = todo.id AND (todo.changed OR todo.escalate)
             RETURNING t.id, t.team_id, t.user_id, t.company_id, todo.status, todo.changed,
                       todo.escalate,
                       -- the ticket's name_get, read here: through the ORM it costs a query
                       -- per thousand tickets, and a first run escalates them all
                       t.number || ' ' || t.name AS display_name
            ), esc AS (
                -- who is asked to act (the team leader, else the assignee, else the first
                -- service manager of the company), their language and time zone
                SELECT u.*, whom.user_id AS whom_id,
                       COALESCE(%%(texts)s::jsonb -> wp.lang,
                                %%(texts)s::jsonb -> %%(default_lang)s) -> u.status AS txt,
                       COALESCE(wp.tz, %(company_tz)s) AS whom_tz
                  FROM updated u
                  LEFT JOIN crm_service_team team ON team.id = u.team_id
                  CROSS JOIN LATERAL (
                      SELECT COALESCE(team.leader_id, u.user_id, (
                          SELECT MIN(gu.uid)
                            FROM res_groups_users_rel gu
                            JOIN res_users ru ON ru.id = gu.uid AND ru.active
                            JOIN res_company_users_rel cu ON cu.user_id = gu.uid
                                                         AND cu.cid = u.company_id
                           WHERE gu.gid = %%(manager_group_id)s)) AS user_id) whom
                  LEFT JOIN res_users wu ON wu.id = whom.user_id
                  LEFT JOIN res_partner wp ON wp.id = wu.partner_id
                 WHERE u.escalate
            )
            SELECT e.id, e.status, e.whom_id, e.txt ->> 0, e.txt ->> 1, e.display_name,
                   (%%(now)s::timestamp AT TIME ZONE 'UTC' AT TIME ZONE e.whom_tz)::date,
                   (SELECT count(*) FROM updated WHERE changed)
              FROM (SELECT NULL) AS one
              LEFT JOIN esc e ON TRUE
        """ % {'status': self._sql_status(), 'company_tz': company_tz_sql('u.company_id')},
            params)
        rows = self.env.cr.fetchall()
        changed = rows[0][-1]
        escalations = [{'ticket_id': ticket_id, 'status': status, 'user_id': user_id,
                        'summary': summary, 'body': body, 'name': name,
                        'date_deadline': str(deadline)}
                       for ticket_id, status, user_id, summary, body, name, deadline, _c in rows
                       if ticket_id]
        if changed or escalations:
            self.invalidate_cache(['sla_status', 'sla_escalation', 'activity_ids',
                                   'message_ids'])
        self._sla_escalate(escalations)
        self._sla_breach_mail([(e['ticket_id'], e['user_id']) for e in escalations
                               if e['status'] == 'breached' and e['user_id']])
        return changed

    @api.model
    def _sla_escalate(self, escalations):
        """Plan the activity and post the note of each escalation, in a constant number of
        statements whatever their number: what ``mail.activity.create`` (the assignee
        follows the ticket, its web client is told) and ``message_post`` of a note (nobody
        is notified of it) write, done by ``mail.activity._bulk_create`` and one INSERT,
        because a first run may escalate tens of thousands of tickets.
        ``tests/test_sla_escalation_equivalence.py`` checks that the result equals the ORM
        path's. An escalation without anyone to ask (no leader, assignee or manager) gets
        the note only.

        :param escalations: dicts with ``ticket_id``, ``status``, ``user_id`` (who is asked
            to act, or None), ``summary``, ``body`` (HTML), ``date_deadline`` and ``name``
            (the ticket's ``name_get``)
        """
        if not escalations:
            return
        activity_type = self.env.ref('mail.mail_activity_data_todo', raise_if_not_found=False)
        model_id = self.env['ir.model']._get_id(self._name)
        self.env['mail.activity']._bulk_create([{
            'res_model_id': model_id, 'res_id': escalation['ticket_id'],
            'activity_type_id': activity_type.id if activity_type else False,
            'summary': escalation['summary'], 'date_deadline': escalation['date_deadline'],
            'user_id': escalation['user_id'], 'res_name': escalation['name']}
            for escalation in escalations if escalation['user_id']])
        self.env['mail.message']._bulk_post_notes(self._name, [
            (escalation['ticket_id'], escalation['name'], escalation['body'])
            for escalation in escalations])
        self.invalidate_cache(['activity_ids', 'message_ids'])

    @api.model
    def _sla_escalation_texts(self):
        """Summary of the activity and body of the chatter message, by escalation level, in
        the environment's language (the job asks for every installed language)."""
        return {
            'at_risk': (_("SLA at risk"),
                        "<p>%s</p>" % _("SLA at risk: 80 per cent of the time to a deadline is used. "
                                        "The team leader was asked to act.")),
            'breached': (_("SLA breached"),
                         "<p>%s</p>" % _("SLA breached: a deadline passed unmet. "
                                         "The team leader was asked to act.")),
        }
