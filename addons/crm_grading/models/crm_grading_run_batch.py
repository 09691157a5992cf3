# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Grading runs in the background (see crm_customer360's ``crm_customer_batch.py``).

*Run Now* on a policy and the nightly job create the run log at once, in state *Queued*, and
queue the run itself: one set-based transaction over every customer of the company, which
may take longer than a web request may. A run that finds another one holding the company's
lock waits and tries again. The run log shows its state; the user who asked for it is told
when it ends, in their language.
"""
from odoo import _, api, fields, models

from odoo.addons.queue_job.exception import RetryableJobError

from .crm_grading_run import RunLocked

# Seconds before a run blocked by another run of the same company tries again.
LOCKED_RETRY_SECONDS = 30


class CrmGradingRun(models.Model):
    _inherit = 'crm.grading.run'

    batch_id = fields.Many2one('crm.customer.batch', 'Background Run', readonly=True,
                               copy=False)

    @api.model
    def _queue_policy(self, policy, user):
        """Create the run log of ``policy`` (queued) and queue the run on behalf of
        ``user``; return the run log."""
        run = self.create({
            'policy_id': policy.id, 'company_id': policy.company_id.id, 'user_id': user.id,
            'method': policy.method, 'threshold_a': policy.threshold_a,
            'threshold_b': policy.threshold_b, 'state': 'queued',
        })
        run.batch_id = self.env['crm.customer.batch'].sudo(user)._start(
            _("Grading run of %(company)s") % {'company': policy.company_id.name}, run,
            '_grading_process_chunk', [policy.id], finish_method='_grading_finish', chunk_size=1)
        return run

    @api.multi
    def _grading_process_chunk(self, batch, policy_ids):
        """Run the queued run (once: a run that already ran is not run again)."""
        self.ensure_one()
        run = self.sudo()
        if run.state != 'queued':
            return {'customers': run.customer_count, 'changes': run.change_count}
        try:
            run._run_policy(run.policy_id, user=run.user_id, run=run)
        except RunLocked as error:
            raise RetryableJobError(str(error), seconds=LOCKED_RETRY_SECONDS)
        return {'customers': run.customer_count, 'changes': run.change_count}

    @api.multi
    def _grading_finish(self, batch, totals):
        """A run whose transaction failed is logged as failed, with the error."""
        self.ensure_one()
        if batch.chunk_failed_count and self.state in ('queued', 'running'):
            self.sudo().write({'state': 'failed', 'date_end': fields.Datetime.now(),
                               'message_text': batch.chunk_ids.filtered('error')[:1].error})
        return totals

    @api.model
    def _batch_title(self, batch):
        """The run's name, in the reader's language."""
        return _("Grading run of %(company)s") % {
            'company': self.sudo().browse(batch.res_id).company_id.name}

    @api.model
    def _batch_summary(self, batch, totals):
        """The sentence of a grading run's background run, in the reader's language."""
        if batch.state == 'running' or not totals:
            return False
        return _("%(customers)s customers graded, %(changes)s grade changes.") % {
            'customers': totals.get('customers', 0), 'changes': totals.get('changes', 0)}
