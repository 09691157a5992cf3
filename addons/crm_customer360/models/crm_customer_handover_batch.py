# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A large handover runs in the background, by parts (see ``crm_customer_batch.py``).

Above the setting *Hand Over in the Background Above* (system parameter
``crm_customer360.handover_queue_threshold``, 500 customers by default), *Confirm* only
checks the handover, marks it *In Progress* and queues its parts; each part moves its
customers with their open work in one transaction (``_handover_movers``), and once every
part is done the giver's other records move (``_handover_final_movers``), the receivers get
their briefing and the handover is *Done*. A part that fails leaves its customers with the
giver: the handover stays *In Progress* until a sales manager retries the failed parts.
"""
import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError

QUEUE_THRESHOLD_PARAM = 'crm_customer360.handover_queue_threshold'
QUEUE_THRESHOLD = 500


class CrmCustomerHandover(models.Model):
    _inherit = 'crm.customer.handover'

    batch_id = fields.Many2one('crm.customer.batch', 'Background Run', readonly=True,
                               copy=False)
    batch_state = fields.Selection(related='batch_id.state', string='Run Status')
    batch_progress = fields.Float(related='batch_id.progress', string='Progress (%)')
    batch_chunk_count = fields.Integer(related='batch_id.chunk_count', string='Parts')
    batch_chunk_done_count = fields.Integer(related='batch_id.chunk_done_count',
                                            string='Parts Done')
    batch_chunk_failed_count = fields.Integer(related='batch_id.chunk_failed_count',
                                              string='Parts Failed')
    batch_summary = fields.Text(related='batch_id.summary', string='Run Summary')

    # ------------------------------------------------------------------
    # Starting
    # ------------------------------------------------------------------
    @api.multi
    def _handover_in_background(self):
        """Whether this handover has more customers than are moved in the request."""
        self.ensure_one()
        threshold = int(self.env['ir.config_parameter'].sudo().get_param(
            QUEUE_THRESHOLD_PARAM, QUEUE_THRESHOLD) or QUEUE_THRESHOLD)
        return self._line_count() > threshold

    @api.multi
    def _handover_start_batch(self):
        """Check that the giver still owns every customer, mark the handover in progress
        and queue its parts (after this transaction commits)."""
        self.ensure_one()
        self.env.cr.execute("""
            SELECT p.id FROM crm_customer_handover_line l
              JOIN res_partner p ON p.id = l.partner_id
             WHERE l.handover_id = %s AND p.user_id IS DISTINCT FROM %s
             ORDER BY l.id LIMIT 20""", (self.id, self.from_user_id.id))
        moved = self.env['res.partner'].sudo().browse([row[0] for row in self.env.cr.fetchall()])
        if moved:
            raise UserError(_(
                "These customers no longer belong to %(owner)s: %(customers)s. Remove them "
                "from the handover or reassign them first.") % {
                'owner': self.from_user_id.name,
                'customers': ', '.join(moved.mapped('display_name'))})
        self.env.cr.execute("SELECT partner_id FROM crm_customer_handover_line "
                            "WHERE handover_id = %s ORDER BY id", (self.id,))
        partner_ids = [row[0] for row in self.env.cr.fetchall()]
        batch = self.env['crm.customer.batch']._start(
            _("Handover %(handover)s") % {'handover': self.name}, self, '_handover_process_chunk',
            partner_ids, finish_method='_handover_finish')
        self.sudo().write({'state': 'running', 'batch_id': batch.id})
        return True

    # ------------------------------------------------------------------
    # The parts
    # ------------------------------------------------------------------
    @api.multi
    def _handover_process_chunk(self, batch, partner_ids):
        """Move the customers ``partner_ids`` of this handover and their open work, as
        ``action_confirm`` does for a whole small handover. Customers that no longer belong
        to the giver (changed by hand since the confirmation) stay where they are."""
        self.ensure_one()
        handover = self._handover_mover_env()
        cr = self.env.cr
        # NOWAIT: another transaction editing these customers makes the part run again a
        # few seconds later (queue_job retries lock failures) instead of waiting here.
        cr.execute("SELECT id, user_id FROM res_partner WHERE id IN %s "
                   "FOR NO KEY UPDATE NOWAIT", (tuple(partner_ids),), log_exceptions=False)
        owner = dict(cr.fetchall())
        owned = [pid for pid in partner_ids if owner.get(pid) == self.from_user_id.id]
        skipped = [pid for pid in partner_ids if pid not in owned]
        lines = handover.env['crm.customer.handover.line'].search(
            [('handover_id', '=', self.id), ('partner_id', 'in', owned)])
        lines_by_receiver = handover._lines_by_receiver(lines)
        moved = handover._handover_move_lines(lines_by_receiver)
        with_work = handover._customers_with_work(moved)
        return dict(handover._handover_introduce(lines_by_receiver),
                    customers=len(owned), skipped=len(skipped), skipped_ids=skipped,
                    with_work_ids=with_work.ids)

    @api.multi
    def _handover_finish(self, batch, totals):
        """Once every part has ended: the giver's other records, the briefings, Done. With
        failed parts, the handover stays in progress (see ``action_retry_failed_parts``)."""
        self.ensure_one()
        if batch.chunk_failed_count:
            return totals
        handover = self._handover_mover_env()
        lines_by_receiver = handover._lines_by_receiver()
        moved = handover._handover_move_final(lines_by_receiver)
        with_work = handover._customers_with_work(moved)
        skipped = []
        for chunk in batch.chunk_ids.filtered('result'):
            result = json.loads(chunk.result)
            with_work |= with_work.browse(result.get('with_work_ids') or [])
            skipped += result.get('skipped_ids') or []
        if skipped:
            skipped_customers = set(skipped)
            lines_by_receiver = {
                receiver: lines.filtered(lambda l: l.partner_id.id not in skipped_customers)
                for receiver, lines in lines_by_receiver.items()}
        handover._create_briefings(lines_by_receiver, [], customers_with_work=with_work)
        handover.write({'state': 'done', 'date_done': fields.Datetime.now()})
        return totals

    @api.model
    def _batch_title(self, batch):
        """The run's name, in the reader's language."""
        return _("Handover %(handover)s") % {'handover': self.sudo().browse(batch.res_id).name}

    @api.model
    def _batch_summary(self, batch, totals):
        """The sentence of a handover's run, in the reader's language."""
        if batch.state == 'running' or not totals:
            return False
        text = _("%(customers)s customers handed over.") % {
            'customers': totals.get('customers', 0)}
        if totals.get('skipped'):
            text += ' ' + _("%(skipped)s customers were left out: they had changed owner "
                            "since the confirmation.") % {'skipped': totals['skipped']}
        return text

    # ------------------------------------------------------------------
    # Retry
    # ------------------------------------------------------------------
    @api.multi
    def action_retry_failed_parts(self):
        """Run the failed parts of an in-progress handover again (sales managers)."""
        self._check_may_confirm()
        for handover in self:
            if handover.state != 'running' or not handover.batch_id:
                raise UserError(_("The handover %(handover)s is not in progress.") % {
                    'handover': handover.name})
            handover.batch_id.sudo()._retry_failed()
        return True
