# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Background runs: long work cut into chunks that run as queued jobs (OCA ``queue_job``).

A run (``crm.customer.batch``) processes a list of ids (customers, tickets...) by chunks of
``CHUNK_SIZE``. Each chunk (``crm.customer.batch.chunk``) is one job and one transaction:
it is done entirely or not at all, it knows when it is done (so a second run of the same
chunk, by a retry, a second job runner or a requeue after a killed worker, does nothing),
and a serialization failure or a lock held elsewhere rolls it back and retries it later.
When every chunk has ended, a finishing job calls the owner's finish method once and tells
the user who started the run, in their language.

How a model uses it::

    batch = self.env['crm.customer.batch']._start(
        _("Handover %s") % self.name, self, '_handover_process_chunk', customer_ids,
        finish_method='_handover_finish')

    def _handover_process_chunk(self, batch, ids):   # ``self``: the record given above
        ...                                           # atomic; return a dict of counts
    def _handover_finish(self, batch, totals):        # once, when all chunks have ended
        ...                                           # may return the totals to keep
    def _batch_summary(self, batch, totals):          # on the model: the run's sentence
        return _("%(customers)s customers moved.") % totals
    def _batch_title(self, batch):                    # on the model: the run's name
        return _("Handover %s") % self.browse(batch.res_id).name

Both methods are private (never reachable over RPC); the chunks run as the user who started
the run, in their context (``batch.user_id``, ``lang`` and ``tz``).
"""
import json
import logging
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.tools import split_every

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import job

_logger = logging.getLogger(__name__)

# Customers (or other records) per chunk: a chunk must end well within Odoo's default
# limit_time_real (120 s) and limit_time_cpu (60 s) on a busy server. Setting in Sales >
# Settings (system parameter CHUNK_SIZE_PARAM).
CHUNK_SIZE = 1000
CHUNK_SIZE_PARAM = 'crm_customer360.batch_chunk_size'
# The queue_job channel of every chunk and finishing job (capacity set in odoo-prod.conf).
CHANNEL = 'root.crm_customer'
# A chunk whose job has not moved for this long while nobody holds it is queued again.
STALL_MINUTES = 10


class Base(models.AbstractModel):
    _inherit = 'base'

    @api.model
    def _batch_summary(self, batch, totals):
        """What a background run of this model did, in the reader's language, from the
        ``totals`` of its parts. A model that runs several kinds of work checks
        ``batch.method`` and calls ``super()`` for the kinds that are not its own."""
        return batch._default_summary(totals)


class CrmCustomerBatch(models.Model):
    _name = 'crm.customer.batch'
    _description = 'Background Run'
    _inherit = ['mail.thread']
    _order = 'id desc'

    # The owner's words in the reader's language (``_batch_title``), else the name given
    # when the run started (in the language of who started it).
    name = fields.Char('Name', compute='_compute_name')
    name_text = fields.Char('Name as Given', readonly=True)
    res_model = fields.Char('Model', required=True, readonly=True)
    res_id = fields.Integer('Record', readonly=True,
                            help="The record the run works for; 0 for a scheduled job.")
    method = fields.Char('Chunk Method', required=True, readonly=True)
    finish_method = fields.Char('Finish Method', readonly=True)
    state = fields.Selection([
        ('running', 'Running'),
        ('done', 'Done'),
        ('failed', 'Done with Errors'),
    ], 'Status', default='running', required=True, readonly=True, index=True)
    user_id = fields.Many2one('res.users', 'Started By', required=True, readonly=True,
                              default=lambda self: self.env.uid)
    company_id = fields.Many2one('res.company', 'Company', readonly=True,
                                 default=lambda self: self.env.user.company_id)
    item_count = fields.Integer('Records', readonly=True)
    chunk_count = fields.Integer('Chunks', readonly=True)
    chunk_done_count = fields.Integer('Chunks Done', compute='_compute_progress')
    chunk_failed_count = fields.Integer('Chunks Failed', compute='_compute_progress')
    progress = fields.Float('Progress (%)', compute='_compute_progress')
    date_start = fields.Datetime('Started', readonly=True, default=fields.Datetime.now)
    date_end = fields.Datetime('Finished', readonly=True)
    duration = fields.Float('Duration (s)', digits=(16, 1), readonly=True)
    totals = fields.Text('Totals', readonly=True,
                         help="What the run did, as figures (JSON): rendered by summary.")
    summary = fields.Text('Summary', compute='_compute_summary',
                          help="What the run did, in the reader's language.")
    finish_job_uuid = fields.Char('Finishing Job', readonly=True, copy=False)
    chunk_ids = fields.One2many('crm.customer.batch.chunk', 'batch_id', 'Chunks',
                                readonly=True)

    @api.depends('chunk_count')
    def _compute_progress(self):
        """Chunks done and failed, counted in one grouped query for all the runs."""
        counts = {}
        if self.ids:
            self.env.cr.execute("""
                SELECT batch_id, state, COUNT(*) FROM crm_customer_batch_chunk
                 WHERE batch_id IN %s AND state != 'pending' GROUP BY batch_id, state""",
                                (tuple(self.ids),))
            for batch_id, state, count in self.env.cr.fetchall():
                counts[(batch_id, state)] = count
        for batch in self:
            batch.chunk_done_count = counts.get((batch.id, 'done'), 0)
            batch.chunk_failed_count = counts.get((batch.id, 'failed'), 0)
            ended = batch.chunk_done_count + batch.chunk_failed_count
            batch.progress = 100.0 * ended / batch.chunk_count if batch.chunk_count else 0.0

    @api.depends('name_text', 'res_model', 'res_id', 'method')
    def _compute_name(self):
        """The run's name in the reader's language (see ``_batch_title`` of the owner)."""
        for batch in self:
            model = self.env[batch.res_model] if batch.res_model in self.env else None
            title = (model._batch_title(batch)
                     if model is not None and hasattr(model, '_batch_title') else False)
            batch.name = title or batch.name_text

    @api.depends('totals', 'state')
    def _compute_summary(self):
        """The owner's sentence for the run's totals, in the reader's language (see
        ``_batch_summary`` of the owner model)."""
        for batch in self:
            totals = json.loads(batch.totals) if batch.totals else {}
            model = self.env[batch.res_model] if batch.res_model in self.env else self
            batch.summary = model._batch_summary(batch, totals)

    @api.multi
    def _default_summary(self, totals):
        """``N records processed``: the summary of owners that give none."""
        if self.state == 'running':
            return False
        return _("%(count)s records processed.") % {'count': self.item_count}

    # ------------------------------------------------------------------
    # Starting a run
    # ------------------------------------------------------------------
    @api.model
    def _start(self, name, owner, method, item_ids, finish_method=None, chunk_size=None,
               priority=None):
        """Create a run of ``owner.<method>(batch, ids)`` over ``item_ids`` by chunks, and
        queue its jobs; return the run. Called in the transaction that decides the work: the
        jobs only start once that transaction commits.

        :param owner: the record (or the empty recordset of a model, for scheduled jobs)
            whose private methods process the chunks and finish the run
        :param finish_method: the owner's method called once at the end as
            ``(batch, totals)``, where ``totals`` sums the dicts the chunks returned; it
            may return other totals to keep. The owner model's ``_batch_summary(batch,
            totals)``, if any, says them in the reader's language.
        :param chunk_size: ids per chunk (default: the setting, ``CHUNK_SIZE``)
        """
        item_ids = list(item_ids)
        if not chunk_size:
            chunk_size = int(self.env['ir.config_parameter'].sudo().get_param(
                CHUNK_SIZE_PARAM, CHUNK_SIZE) or CHUNK_SIZE)
        chunks = list(split_every(max(chunk_size, 1), item_ids, list))
        batch = self.sudo().create({
            'name_text': name, 'res_model': owner._name, 'res_id': owner.id if owner else 0,
            'method': method, 'finish_method': finish_method or False,
            'item_count': len(item_ids), 'chunk_count': len(chunks),
            'user_id': self.env.uid, 'company_id': self.env.user.company_id.id,
        })
        Chunk = self.env['crm.customer.batch.chunk'].sudo()
        for sequence, ids in enumerate(chunks):
            Chunk.create({'batch_id': batch.id, 'sequence': sequence,
                          'item_ids': ','.join(str(i) for i in ids)})._enqueue(priority)
        batch._enqueue_finish()
        _logger.info("background run %s (#%d): %d records in %d chunks queued",
                     name, batch.id, len(item_ids), len(chunks))
        return batch

    @api.multi
    def _enqueue_finish(self, eta=2):
        """Queue the job that ends the run once its chunks have ended."""
        quiet = self.with_context(mail_create_nolog=True, tracking_disable=True,
                                  mail_notrack=True)
        for batch in quiet:
            job = batch.with_delay(
                channel=CHANNEL, eta=eta, max_retries=0,
                description=_("Finish: %(run)s") % {'run': batch.name})._job_finish()
            batch.finish_job_uuid = job.uuid

    # ------------------------------------------------------------------
    # The owner's side
    # ------------------------------------------------------------------
    @api.multi
    def _owner(self):
        """The record (or model) the run works for, as the user who started the run, in
        that user's language and time zone."""
        self.ensure_one()
        user = self.user_id
        env = self.env(user=user.id, context=dict(
            self.env.context, lang=user.lang, tz=user.tz, crm_customer_batch_id=self.id))
        model = env[self.res_model]
        return model.browse(self.res_id) if self.res_id else model

    # ------------------------------------------------------------------
    # Finishing
    # ------------------------------------------------------------------
    @api.multi
    @job(default_channel=CHANNEL)
    def _job_finish(self):
        """Job: end the run when every chunk has ended; until then, look again shortly."""
        self.ensure_one()
        self.env.cr.execute("SELECT state FROM crm_customer_batch WHERE id = %s FOR UPDATE",
                            (self.id,))
        if self.env.cr.fetchone()[0] != 'running':
            return _("Already finished.")
        self.env.cr.execute("""
            SELECT COUNT(*) FILTER (WHERE state = 'pending'),
                   COUNT(*) FILTER (WHERE state = 'failed')
              FROM crm_customer_batch_chunk WHERE batch_id = %s""", (self.id,))
        pending, failed = self.env.cr.fetchone()
        if pending:
            # Not counted as a retry: the run may legitimately take a while.
            raise RetryableJobError(_("%(count)d chunks still to run.") % {'count': pending},
                                    seconds=3, ignore_retry=True)
        owner = self._owner()
        totals = self._result_totals()
        if self.finish_method:
            totals = getattr(owner, self.finish_method)(self, totals) or totals
        now = fields.Datetime.now()
        self.invalidate_cache()
        self.write({
            'state': 'failed' if failed else 'done',
            'date_end': now,
            'duration': (fields.Datetime.from_string(now) -
                         fields.Datetime.from_string(self.date_start)).total_seconds(),
            'totals': json.dumps(totals, sort_keys=True),
        })
        self._notify_end()
        _logger.info("background run %s (#%d) %s in %.1f s: %s", self.name, self.id,
                     self.state, self.duration, json.dumps(totals, sort_keys=True))
        return json.dumps(totals, sort_keys=True)

    @api.multi
    def _notify_end(self):
        """Tell the user who started the run that it has ended, in their language, on the
        owner's chatter (or the run's); runs of the scheduler only log. Extend to tell
        others."""
        self.ensure_one()
        user = self.user_id
        if user.id == SUPERUSER_ID:
            return
        batch = self.with_context(lang=user.lang)
        owner = self.env[self.res_model].browse(self.res_id).exists() if self.res_id else None
        target = owner if owner and hasattr(owner, 'message_post') else self
        target.sudo().message_post(body=batch._end_message(), partner_ids=user.partner_id.ids,
                                   subtype='mail.mt_note', message_type='comment')

    @api.multi
    def _end_message(self):
        """The message that a run has ended, in the language of this environment."""
        self.ensure_one()
        if self.state == 'done':
            return _("%(name)s has finished. %(summary)s") % {
                'name': self.name, 'summary': self.summary or ''}
        return _("%(name)s has finished with errors in %(failed)d of %(total)d parts. "
                 "%(summary)s The errors are listed on the run.") % {
            'name': self.name, 'summary': self.summary or '',
            'failed': self.chunk_failed_count, 'total': self.chunk_count}

    # ------------------------------------------------------------------
    # Supervision
    # ------------------------------------------------------------------
    @api.model
    def _cron_requeue_stalled(self, minutes=None):
        """Scheduled: queue again the chunks of running runs that nobody works on and whose
        job has not moved for ``minutes`` (system parameter
        ``crm_customer360.batch_stall_minutes``, 10 by default): a worker killed mid-chunk
        leaves its job "started" for ever, and queue_job 11.0 does not requeue those. Same
        for the finishing job of runs that lost theirs. A chunk being run holds its row
        lock, so a chunk whose lock can be taken is not being run."""
        if minutes is None:
            minutes = float(self.env['ir.config_parameter'].sudo().get_param(
                'crm_customer360.batch_stall_minutes', STALL_MINUTES))
        limit = fields.Datetime.to_string(
            fields.Datetime.from_string(fields.Datetime.now()) - timedelta(minutes=minutes))
        # A stale job is set back to pending rather than replaced: the job runner counts a
        # "started" job against its channel's capacity until its state changes.
        self.env.cr.execute("""
            SELECT c.id, j.id, j.state FROM crm_customer_batch_chunk c
              JOIN crm_customer_batch b ON b.id = c.batch_id
              LEFT JOIN queue_job j ON j.uuid = c.job_uuid
             WHERE b.state = 'running' AND c.state = 'pending'
               AND (j.id IS NULL OR j.state IN ('done', 'failed')
                    OR (j.state IN ('started', 'enqueued')
                        AND COALESCE(j.date_started, j.date_enqueued) < %s))
               FOR UPDATE OF c SKIP LOCKED""", (limit,))
        chunk_rows = self.env.cr.fetchall()
        self.env.cr.execute("""
            SELECT b.id, j.id, j.state FROM crm_customer_batch b
              LEFT JOIN queue_job j ON j.uuid = b.finish_job_uuid
             WHERE b.state = 'running' AND b.date_start < %s
               AND (j.id IS NULL OR j.state IN ('done', 'failed')
                    OR (j.state IN ('started', 'enqueued')
                        AND COALESCE(j.date_started, j.date_enqueued) < %s))
               FOR UPDATE OF b SKIP LOCKED""", (limit, limit))
        run_rows = self.env.cr.fetchall()
        stale_jobs = [job_id for rows in (chunk_rows, run_rows)
                      for _id, job_id, state in rows if state in ('started', 'enqueued')]
        Job = self.env['queue.job'].sudo()
        # The channel's other jobs (the SLA job) hold no lock: one started longer ago than
        # any worker may live (limit_time_real) is dead.
        others = Job.search([('channel', '=like', CHANNEL + '%'), ('state', '=', 'started'),
                             ('date_started', '<', limit),
                             ('model_name', 'not in', (self._name, self._name + '.chunk'))])
        (Job.browse(stale_jobs) | others).requeue()
        chunks = self.env['crm.customer.batch.chunk'].sudo().browse(
            [chunk_id for chunk_id, _job, state in chunk_rows
             if state not in ('started', 'enqueued')])
        chunks._enqueue()
        self.sudo().browse([run_id for run_id, _job, state in run_rows
                            if state not in ('started', 'enqueued')])._enqueue_finish()
        if chunk_rows or run_rows:
            _logger.info("background runs: %d stalled parts and %d finishing jobs requeued",
                         len(chunk_rows), len(run_rows))
        return len(chunk_rows), len(run_rows)

    @api.multi
    def _retry_failed(self):
        """Queue the failed chunks of these runs again, and their finishing job."""
        for batch in self:
            failed = batch.chunk_ids.filtered(lambda c: c.state == 'failed')
            failed.write({'state': 'pending', 'error': False})
            failed._enqueue()
            batch.write({'state': 'running', 'date_end': False})
            batch._enqueue_finish()
        return True

    @api.multi
    def _result_totals(self):
        """The sum, key by key, of what the chunks' methods returned (dicts of numbers)."""
        self.ensure_one()
        totals = {}
        for chunk in self.chunk_ids.filtered(lambda c: c.state == 'done' and c.result):
            for key, value in json.loads(chunk.result).items():
                if isinstance(value, (int, float)):
                    totals[key] = totals.get(key, 0) + value
        return totals
