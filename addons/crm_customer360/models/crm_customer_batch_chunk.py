# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One chunk of a background run: a queued job that processes its ids once, atomically.

See ``crm_customer_batch.py`` for the whole mechanism.
"""
import json
import logging

import psycopg2

from odoo import api, fields, models, tools
from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import job

from .crm_customer_batch import CHANNEL

_logger = logging.getLogger(__name__)

# A chunk is retried this many times on a lock or serialization failure before it fails.
MAX_RETRIES = 20


class CrmCustomerBatchChunk(models.Model):
    _name = 'crm.customer.batch.chunk'
    _description = 'Background Run Chunk'
    _order = 'batch_id, sequence'

    batch_id = fields.Many2one('crm.customer.batch', 'Run', required=True, index=True,
                               ondelete='cascade', readonly=True)
    sequence = fields.Integer('Part', readonly=True)
    item_ids = fields.Text('Record Ids', readonly=True)
    item_count = fields.Integer('Records', compute='_compute_item_count')
    state = fields.Selection([
        ('pending', 'To Run'),
        ('done', 'Done'),
        ('failed', 'Failed'),
    ], 'Status', default='pending', required=True, readonly=True, index=True)
    job_uuid = fields.Char('Job', readonly=True, index=True)
    attempts = fields.Integer('Attempts', readonly=True)
    date_done = fields.Datetime('Ended', readonly=True)
    result = fields.Text('Result', readonly=True)
    error = fields.Text('Error', readonly=True)

    @api.depends('item_ids')
    def _compute_item_count(self):
        for chunk in self:
            chunk.item_count = len(chunk._ids_list())

    @api.multi
    def _ids_list(self):
        """The ids this chunk processes."""
        self.ensure_one()
        return [int(i) for i in (self.item_ids or '').split(',') if i]

    @api.multi
    def _enqueue(self, priority=None):
        """Queue (again) the job that runs this chunk."""
        # A queue.job is a mail.thread: no "created" message per job (thousands at night).
        quiet = self.with_context(mail_create_nolog=True, tracking_disable=True,
                                  mail_notrack=True)
        for chunk in quiet:
            delayed = chunk.with_delay(
                channel=CHANNEL, priority=priority, max_retries=MAX_RETRIES,
                description='%s (%d/%d)' % (chunk.batch_id.name, chunk.sequence + 1,
                                            chunk.batch_id.chunk_count))._job_run()
            chunk.job_uuid = delayed.uuid

    @api.multi
    @job(default_channel=CHANNEL)
    def _job_run(self):
        """Job: process this chunk's ids with the run's method, once.

        The chunk's row stays locked until the job's transaction ends, so a second run of
        the same chunk (a second job runner, a requeue) waits, then finds it done. A lock
        held elsewhere, a serialization failure or a ``RetryableJobError`` of the owner's method
        propagates: queue_job rolls the transaction back and runs the chunk again later. Any
        other error
        rolls back the chunk's work only and marks the chunk failed, with the error, so
        that the rest of the run goes on.
        """
        self.ensure_one()
        cr = self.env.cr
        cr.execute("SELECT state FROM crm_customer_batch_chunk WHERE id = %s FOR UPDATE",
                   (self.id,))
        state = cr.fetchone()[0]
        if state != 'pending':
            return 'already %s' % state
        self.invalidate_cache()
        batch = self.batch_id
        owner = batch._owner()
        attempts = self.attempts + 1
        try:
            with cr.savepoint():
                result = getattr(owner, batch.method)(batch, self._ids_list())
        except psycopg2.OperationalError as error:
            if error.pgcode in PG_CONCURRENCY_ERRORS_TO_RETRY:
                raise
            return self._fail(attempts, error)
        except RetryableJobError:
            raise  # the owner asks for a later run (a lock held by another run)
        except Exception as error:  # pylint: disable=broad-except
            # One bad record must not stop a run of thousands: the chunk fails, visibly.
            return self._fail(attempts, error)
        self.write({'state': 'done', 'attempts': attempts, 'date_done': fields.Datetime.now(),
                    'result': json.dumps(result, sort_keys=True) if result else False,
                    'error': False})
        return self.result or 'done'

    @api.multi
    def _fail(self, attempts, error):
        """Mark the chunk failed with ``error`` (its work was rolled back)."""
        _logger.exception("background run %s: part %d failed", self.batch_id.name,
                          self.sequence + 1)
        message = tools.ustr(getattr(error, 'name', None) or error)
        self.write({'state': 'failed', 'attempts': attempts,
                    'date_done': fields.Datetime.now(), 'error': message})
        return message
