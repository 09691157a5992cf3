# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Background runs: chunks run once each, failures stay in their chunk, the run finishes once,
stalled chunks are queued again."""
import json

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job

from .common import Customer360Case


def _process(self, batch, ids):
    """A chunk method for the tests: marks the partners, fails on a name."""
    partners = self.env['res.partner'].browse(ids)
    if any(p.name == 'Batch Boom' for p in partners):
        partners.write({'comment': 'half written'})
        raise ValueError('boom on purpose')
    partners.write({'comment': 'batch %d' % batch.id})
    return {'customers': len(partners)}


def _finish(self, batch, totals):
    return dict(totals, finished=1)


class TestCrmCustomerBatch(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = type(cls.env['res.partner'])
        Partner._test_batch_process = _process
        Partner._test_batch_finish = _finish
        cls.partners = cls.env['res.partner'].browse([
            cls.make_customer('Batch %d' % i).id for i in range(5)])

    @classmethod
    def tearDownClass(cls):
        Partner = type(cls.env['res.partner'])
        del Partner._test_batch_process
        del Partner._test_batch_finish
        super().tearDownClass()

    def start(self, ids, chunk_size=2):
        return self.env['crm.customer.batch']._start(
            'Test run', self.env['res.partner'], '_test_batch_process', ids,
            finish_method='_test_batch_finish', chunk_size=chunk_size)

    def perform(self, uuid):
        job = Job.load(self.env, uuid)
        return job.perform()

    def test_chunks_run_once_and_run_finishes(self):
        batch = self.start(self.partners.ids)
        self.assertEqual(batch.chunk_count, 3)
        self.assertEqual(batch.item_count, 5)
        chunks = batch.chunk_ids
        self.assertEqual([c.item_count for c in chunks], [2, 2, 1])
        self.assertTrue(all(c.job_uuid for c in chunks))
        # the run waits for its chunks
        with self.assertRaises(RetryableJobError):
            self.perform(batch.finish_job_uuid)
        for chunk in chunks:
            self.perform(chunk.job_uuid)
        self.assertEqual(set(chunks.mapped('state')), {'done'})
        self.assertEqual(set(self.partners.mapped('comment')), {'batch %d' % batch.id})
        # a second run of a chunk (a retry, another job runner) does nothing
        self.partners.write({'comment': False})
        self.assertEqual(self.perform(chunks[0].job_uuid), 'already done')
        self.assertFalse(any(self.partners.mapped('comment')))
        self.assertEqual(batch.progress, 100.0)
        self.perform(batch.finish_job_uuid)
        self.assertEqual(batch.state, 'done')
        self.assertEqual(json.loads(batch.totals), {'customers': 5, 'finished': 1})
        self.assertEqual(self.perform(batch.finish_job_uuid), 'Already finished.')

    def test_failed_chunk_is_rolled_back_and_reported(self):
        self.partners[2].name = 'Batch Boom'
        batch = self.start(self.partners.ids)
        for chunk in batch.chunk_ids:
            self.perform(chunk.job_uuid)
        failed = batch.chunk_ids.filtered(lambda c: c.state == 'failed')
        self.assertEqual(failed.mapped('sequence'), [1])
        self.assertIn('boom on purpose', failed.error)
        # nothing of the failed chunk was written, the others were
        self.assertEqual(self.partners.mapped('comment'), [
            'batch %d' % batch.id, 'batch %d' % batch.id, False, False,
            'batch %d' % batch.id])
        self.perform(batch.finish_job_uuid)
        self.assertEqual(batch.state, 'failed')
        self.assertEqual((batch.chunk_done_count, batch.chunk_failed_count), (2, 1))
        self.assertEqual(json.loads(batch.totals), {'customers': 3, 'finished': 1})

    def test_stalled_chunks_are_requeued(self):
        batch = self.start(self.partners.ids)
        first, second, third = batch.chunk_ids
        self.perform(first.job_uuid)
        # a worker was killed while running the second chunk: its job stays "started"
        old = '2020-01-01 00:00:00'
        self.env['queue.job'].search([('uuid', '=', second.job_uuid)]).write(
            {'state': 'started', 'date_started': old})
        # the third one is being run right now by a live worker: recent
        self.env['queue.job'].search([('uuid', '=', third.job_uuid)]).write(
            {'state': 'started', 'date_started': batch.date_start})
        stalled_uuid, running_uuid = second.job_uuid, third.job_uuid
        chunks, runs = self.env['crm.customer.batch']._cron_requeue_stalled()
        self.assertEqual(chunks, 1)
        self.assertEqual(runs, 0)
        # the same job, set back to pending: a "started" job would keep its place in the
        # job runner's channel for ever
        self.assertEqual(second.job_uuid, stalled_uuid)
        jobs = self.env['queue.job'].search([('uuid', 'in', (stalled_uuid, running_uuid))])
        self.assertEqual({job.uuid: job.state for job in jobs},
                         {stalled_uuid: 'pending', running_uuid: 'started'})
        self.perform(second.job_uuid)
        self.assertEqual(second.state, 'done')

    def test_lost_jobs_are_queued_again(self):
        batch = self.start(self.partners.ids)
        first = batch.chunk_ids[0]
        lost = first.job_uuid
        self.env['queue.job'].search([('uuid', '=', lost)]).unlink()
        self.env['crm.customer.batch']._cron_requeue_stalled()
        self.assertNotEqual(first.job_uuid, lost)
        self.perform(first.job_uuid)
        self.assertEqual(first.state, 'done')
