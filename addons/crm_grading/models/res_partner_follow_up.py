# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Follow-up rule of the grades: customers not contacted for longer than their grade allows.

A customer (commercial entity) needs a follow-up when its last contact (``last_interaction_date``
of crm_customer360, or its creation date when it was never contacted) is older than its
grade's ``follow_up_days``; a grade with 0 days has no follow-up. The daily job
``_cron_follow_up`` plans, in the background and by parts, one "Customer follow-up" activity
for the owner of each such customer, never a second one while the first is open (done
activities are deleted by the host, so an existing activity of that type is an open one).
Two runs at once (two workers, a manual run beside the scheduled one) would plan the same
activities: the second one finds the job's lock taken, or the first run still going, and plans
nothing.
"""
import logging
from datetime import timedelta

from odoo import _, api, fields, models

from odoo.addons.crm_customer360.facts import not_staff_sql
from odoo.addons.crm_customer360.tz import local_date, today_in_tz, valid_tz

from .crm_grading_run import try_xact_lock
from .res_partner import SALES

_logger = logging.getLogger(__name__)
# Advisory lock of the follow-up job: "FOLU", 0 (one job for the whole database).
FOLLOW_UP_LOCK = (0x464F4C55, 0)

# The customers due for a follow-up today (%(now)s), with their owner and grade.
FOLLOW_UP_TEMPLATE = """
    SELECT p.id, p.user_id, COALESCE(p.last_interaction_date, p.create_date), g.follow_up_days
      FROM {partners}
      JOIN crm_customer_grade g ON g.id = p.grade_id
     WHERE p.customer AND p.active AND p.id = p.commercial_partner_id
       AND """ + not_staff_sql('p') + """
       AND g.follow_up_days > 0
       AND COALESCE(p.last_interaction_date, p.create_date)
           < %(now)s::timestamp - g.follow_up_days * INTERVAL '1 day'
"""
FOLLOW_UP_SQL = FOLLOW_UP_TEMPLATE.format(partners='res_partner p')
# The same, of the partners %(ids)s (a part of the job): read by id first. Right after a
# grading run has written the grades, the statistics still say that few partners have one,
# and the planner would walk every graded partner for each part (OFFSET 0: a fence it keeps).
FOLLOW_UP_OF_SQL = FOLLOW_UP_TEMPLATE.format(
    partners='(SELECT * FROM res_partner WHERE id = ANY(%(ids)s) OFFSET 0) p')


class ResPartner(models.Model):
    _inherit = 'res.partner'

    needs_follow_up = fields.Boolean(
        'Needs Follow-up', compute='_compute_follow_up', search='_search_needs_follow_up',
        groups=SALES,
        help="The last contact is older than the grade's follow-up period.")
    next_follow_up_date = fields.Date(
        'Next Follow-up', compute='_compute_follow_up', groups=SALES,
        help="Last contact (or creation, if never contacted) plus the grade's follow-up "
             "period; empty when the grade has no follow-up.")

    @api.depends('commercial_partner_id.grade_id.follow_up_days',
                 'commercial_partner_id.last_interaction_date')
    def _compute_follow_up(self):
        """Read from the commercial entity, whose figures a contact's card shows."""
        now = fields.Datetime.from_string(fields.Datetime.now())
        for partner in self:
            commercial = partner.commercial_partner_id
            days = commercial.grade_id.follow_up_days
            last = commercial.last_interaction_date or commercial.create_date
            if not days or not last or not commercial.customer:
                partner.needs_follow_up = False
                partner.next_follow_up_date = False
                continue
            # the reader's calendar day of the last contact
            next_date = fields.Date.from_string(local_date(self.env, last)) + timedelta(
                days=days)
            partner.next_follow_up_date = fields.Date.to_string(next_date)
            partner.needs_follow_up = (
                fields.Datetime.from_string(last) < now - timedelta(days=days))

    def _search_needs_follow_up(self, operator, value):
        """Customers due for a follow-up, found in one query."""
        if operator not in ('=', '!='):
            raise NotImplementedError(_("Search on Needs Follow-up supports = and != only."))
        self.env.cr.execute(FOLLOW_UP_SQL, {'now': fields.Datetime.now()})
        ids = [row[0] for row in self.env.cr.fetchall()]
        positive = (operator == '=') == bool(value)
        # Contacts show their company's state: look the commercial entities up.
        return [('commercial_partner_id', 'in' if positive else 'not in', ids)]

    # ------------------------------------------------------------------
    # Job
    # ------------------------------------------------------------------
    @api.model
    def _cron_follow_up(self):
        """Daily job: queue the planning of the follow-ups by parts (see crm_customer360's
        ``crm_customer_batch.py``); return the background run. Never two at once: a run
        still going, or another job queueing at the same moment, makes this one plan
        nothing."""
        Batch = self.env['crm.customer.batch']
        if not try_xact_lock(self.env.cr, *FOLLOW_UP_LOCK):
            _logger.info("Follow-up job skipped: another run is planning the follow-ups.")
            return Batch
        running = Batch.sudo().search([('res_model', '=', self._name),
                                       ('method', '=', '_follow_up_chunk'),
                                       ('state', '=', 'running')], limit=1)
        if running:
            _logger.info("Follow-up job skipped: run %s is still going.", running.id)
            return running
        rows = self._follow_up_due()
        _logger.info("Follow-up job: %d customers due for a follow-up", len(rows))
        if not rows:
            return Batch
        return Batch._start(_("Customer follow-ups"), self.browse(), '_follow_up_chunk',
                            [row[0] for row in rows])

    @api.model
    def _follow_up_chunk(self, batch, partner_ids):
        """A part of the daily job: the follow-ups of ``partner_ids`` still due."""
        return {'planned': len(self._plan_follow_ups(partner_ids))}

    @api.model
    def _batch_title(self, batch):
        """The follow-up job's name, in the reader's language."""
        if batch.method == '_follow_up_chunk':
            return _("Customer follow-ups")
        return super()._batch_title(batch)

    @api.model
    def _batch_summary(self, batch, totals):
        """The sentence of the follow-up job's background run, in the reader's language."""
        if batch.method != '_follow_up_chunk':
            return super()._batch_summary(batch, totals)
        if batch.state == 'running' or not totals:
            return False
        return _("%(planned)s follow-up activities planned.") % {'planned': totals['planned']}

    @api.model
    def _follow_up_due(self, partner_ids=None):
        """``(partner_id, owner_id, last contact, days)`` of the customers due for a
        follow-up (of ``partner_ids``, or all) whose owner is active and who have no open
        follow-up activity."""
        activity_type = self._follow_up_activity_type()
        if partner_ids is None:
            query, planned = FOLLOW_UP_SQL, ''
        else:
            query, planned = FOLLOW_UP_OF_SQL, 'AND a.res_id = ANY(%(ids)s)'
        # The open follow-ups are read once per query (a hashed NOT IN), not looked up per
        # customer: the parts of a run insert thousands of activities into a table whose
        # statistics say it is empty, and a per-customer lookup became a scan of the
        # whole table for each customer, the run slowing down part after part.
        self.env.cr.execute(query + """
           AND p.user_id IS NOT NULL
           AND EXISTS (SELECT 1 FROM res_users u WHERE u.id = p.user_id AND u.active)
           AND p.id NOT IN (SELECT a.res_id FROM mail_activity a
                             WHERE a.res_model = 'res.partner' AND a.res_id IS NOT NULL
                               AND a.activity_type_id = %(type)s """ + planned + """)
        """, {'now': fields.Datetime.now(), 'type': activity_type.id,
              'ids': list(partner_ids or [])})
        return self.env.cr.fetchall()

    @api.model
    def _plan_follow_ups(self, partner_ids=None):
        """Plan a follow-up activity for the owner of every customer due for one (of
        ``partner_ids``, or all), in a few statements (``mail.activity._bulk_create``); the
        summary is written in the owner's language.

        :return: the activities created. Planning for the whole database takes the job's
            lock: with another such run going, nothing is planned. The parts of a background
            run (disjoint ``partner_ids``) need no lock.
        """
        if partner_ids is None and not try_xact_lock(self.env.cr, *FOLLOW_UP_LOCK):
            _logger.info("Follow-up job skipped: another run is planning the follow-ups.")
            return self.env['mail.activity']
        rows = self._follow_up_due(partner_ids)
        if not rows:
            return self.env['mail.activity']
        activity_type = self._follow_up_activity_type()
        model_id = self.env['ir.model']._get('res.partner').id
        # Written for the owner: in the owner's language, due today in the owner's calendar,
        # the last contact on the owner's calendar day (one environment per owner). Read in
        # SQL: through the ORM, each owner's related lang and tz cost a second once the
        # cache held a large database's partners.
        self.env.cr.execute("""
            SELECT u.id, p.lang, p.tz FROM res_users u JOIN res_partner p ON p.id = u.partner_id
             WHERE u.id = ANY(%s)""", [list({row[1] for row in rows})])
        # An owner without a time zone gets the default one, for the deadline and the last
        # contact alike (not the time zone of whoever runs the job).
        owner_envs = {user_id: (self.with_context(lang=lang or self.env.lang, tz=tz),
                                fields.Date.to_string(today_in_tz(tz)), valid_tz(tz))
                      for user_id, lang, tz in self.env.cr.fetchall()}
        values = []
        for partner_id, user_id, last, days in rows:
            env, today, tz = owner_envs[user_id]
            values.append(env._follow_up_activity_values(
                partner_id, user_id, local_date(env.env, last, tz), days, activity_type,
                model_id, today))
        return self.env['mail.activity'].sudo()._bulk_create(values)

    @api.model
    def _follow_up_activity_type(self):
        """The activity type the job plans; override to use another one."""
        return self.env.ref('crm_grading.mail_activity_type_follow_up')

    @api.model
    def _follow_up_activity_values(self, partner_id, user_id, last, days, activity_type,
                                   model_id, today):
        """Values of one follow-up activity; extend to add a note or change the deadline."""
        return {
            'res_model_id': model_id,
            'res_id': partner_id,
            'activity_type_id': activity_type.id,
            'user_id': user_id,
            'date_deadline': today,
            'summary': _("Follow up: last contact %(date)s, due every %(days)d days") % {
                'date': str(last)[:10], 'days': days},
        }
