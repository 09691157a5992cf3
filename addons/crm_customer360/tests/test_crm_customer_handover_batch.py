# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A large handover runs in the background by parts: the same result as at once, each
customer moved once, a failed part retried, customers changed meanwhile left out."""
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError

from odoo.addons.queue_job.job import Job

from .test_crm_customer_handover import HandoverCase


class TestCrmCustomerHandoverBatch(HandoverCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_d = cls.make_customer('C360 HO Delta', user_id=cls.giver.id)
        cls.customer_e = cls.make_customer('C360 HO Epsilon', user_id=cls.giver.id)
        params = cls.env['ir.config_parameter'].sudo()
        params.set_param('crm_customer360.handover_queue_threshold', '3')
        params.set_param('crm_customer360.batch_chunk_size', '2')

    def run_jobs(self, batch):
        """Run the run's jobs as the job runner would: every part, then the finish."""
        for chunk in batch.chunk_ids:
            Job.load(self.env, chunk.job_uuid).perform()
        Job.load(self.env, batch.finish_job_uuid).perform()
        self.env['res.partner'].invalidate_cache()

    def customers(self):
        return (self.customer_a | self.customer_b | self.customer_d | self.customer_e)

    def test_large_handover_runs_by_parts(self):
        # The parts run in the language of the manager who confirmed; the briefing is
        # written in the receiver's.
        self.manager.lang = 'zh_CN'
        self.receiver.lang = 'en_US'
        handover = self.new_handover(reason='resignation')
        self.assertEqual(len(handover.line_ids), 4)
        handover.sudo(self.manager).action_confirm()
        self.assertEqual(handover.state, 'running')
        batch = handover.batch_id
        self.assertEqual((batch.chunk_count, batch.item_count), (2, 4))
        self.assertEqual(batch.user_id, self.manager)
        # nothing moved before the parts run
        self.assertEqual(self.customer_a.user_id, self.giver)
        self.run_jobs(batch)
        self.assertEqual(handover.state, 'done')
        self.assertTrue(handover.date_done)
        self.assertEqual(self.customers().mapped('user_id'), self.receiver)
        self.assertEqual(self.contact_a.user_id, self.receiver)
        for document in (self.open_lead, self.quotation, self.order, self.invoice):
            self.assertEqual(document.user_id, self.receiver)
        self.assertEqual((self.activity_partner | self.activity_lead).mapped('user_id'),
                         self.receiver)
        # co-ownerships elsewhere moved once, after the customers (a final move)
        self.assertEqual(self.customer_c.co_owner_ids, self.receiver)
        history = self.env['crm.customer.ownership.history'].search(
            [('partner_id', 'in', self.customers().ids)])
        self.assertEqual(sorted(history.mapped('partner_id').ids), sorted(self.customers().ids))
        self.assertEqual(len(history), 4)
        self.assertEqual(history.mapped('changed_by'), self.manager)
        briefing = self.env['mail.activity'].search([
            ('res_model', '=', 'crm.customer.handover'), ('res_id', '=', handover.id)])
        self.assertEqual(len(briefing), 1)
        self.assertIn('4 customers', briefing.note)
        self.assertIn('C360 HO Alpha', briefing.note)
        self.assertEqual(batch.state, 'done')
        self.assertIn('4 customers handed over', batch.with_context(lang='en_US').summary)
        # the manager who confirmed is told, on the handover
        self.assertIn(self.manager.partner_id, handover.message_ids[0].partner_ids)
        # a part run again (a second job runner, a requeue) moves nothing twice
        for chunk in batch.chunk_ids:
            self.assertEqual(Job.load(self.env, chunk.job_uuid).perform(), 'already done')
        self.assertEqual(len(self.env['crm.customer.ownership.history'].search(
            [('partner_id', 'in', self.customers().ids)])), 4)

    def test_small_handover_stays_immediate(self):
        handover = self.new_handover()
        handover.line_ids.filtered(
            lambda l: l.partner_id in (self.customer_d | self.customer_e)).unlink()
        handover.sudo(self.manager).action_confirm()
        self.assertEqual(handover.state, 'done')
        self.assertFalse(handover.batch_id)

    def test_customer_changed_meanwhile_is_left_out(self):
        handover = self.new_handover()
        handover.sudo(self.manager).action_confirm()
        self.customer_e.sudo().write({'user_id': self.stranger.id})
        self.run_jobs(handover.batch_id)
        self.assertEqual(handover.state, 'done')
        self.assertEqual(self.customer_e.user_id, self.stranger)
        self.assertEqual((self.customer_a | self.customer_b | self.customer_d)
                         .mapped('user_id'), self.receiver)
        summary = handover.batch_id.with_context(lang='en_US').summary
        self.assertIn('3 customers handed over', summary)
        self.assertIn('1 customers were left out', summary)

    def test_failed_part_keeps_its_customers_until_retried(self):
        handover = self.new_handover()
        handover.sudo(self.manager).action_confirm()
        batch = handover.batch_id
        first, second = batch.chunk_ids
        Job.load(self.env, first.job_uuid).perform()
        Model = type(self.Handover)
        with patch.object(Model, '_handover_move_customers', side_effect=UserError('boom'),
                          create=True):
            Job.load(self.env, second.job_uuid).perform()
        self.assertEqual(second.state, 'failed')
        self.assertIn('boom', second.error)
        Job.load(self.env, batch.finish_job_uuid).perform()
        self.env['res.partner'].invalidate_cache()
        self.assertEqual(batch.state, 'failed')
        self.assertEqual(handover.state, 'running')
        moved = self.env['res.partner'].browse(first._ids_list())
        kept = self.env['res.partner'].browse(second._ids_list())
        self.assertEqual(moved.mapped('user_id'), self.receiver)
        self.assertEqual(kept.mapped('user_id'), self.giver)
        # salespeople may not retry; a manager does, and the handover ends
        with self.assertRaises(AccessError):
            handover.sudo(self.giver).action_retry_failed_parts()
        handover.sudo(self.manager).action_retry_failed_parts()
        self.assertEqual(second.state, 'pending')
        self.run_jobs(batch)
        self.assertEqual(handover.state, 'done')
        self.assertEqual(self.customers().mapped('user_id'), self.receiver)
