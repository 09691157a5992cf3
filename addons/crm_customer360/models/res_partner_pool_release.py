# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The nightly job that releases the customers due to the public pool, by parts in the
background (``crm_customer_batch.py``), from the schedule of ``res_partner_pool_schedule.py``.
"""
import json
import logging

from odoo import _, api, fields, models

_logger = logging.getLogger(__name__)


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # ------------------------------------------------------------------
    # Nightly job
    # ------------------------------------------------------------------
    @api.model
    def _cron_release_to_pool(self):
        """Nightly job: queue the release of every customer due today or earlier, by parts
        (see ``crm_customer_batch.py``); return the background run, if any."""
        if not self._pool_enabled_anywhere():
            return self.env['crm.customer.batch']
        settings = self._pool_settings()
        rows = self.sudo()._pool_due(settings)
        _logger.info("Public pool: %d customers due for release", len(rows))
        if not rows:
            return self.env['crm.customer.batch']
        return self.env['crm.customer.batch']._start(
            _("Release to the public pool"), self.browse(), '_pool_release_chunk',
            [row['id'] for row in rows])

    @api.model
    def _pool_enabled_anywhere(self):
        """Whether a company has its public pool enabled (else the job has nothing to do)."""
        return bool(self.env['res.company'].sudo().search_count([('pool_enabled', '=', True)]))

    @api.model
    def _pool_release_chunk(self, batch, partner_ids):
        """A part of the nightly release: those of ``partner_ids`` still due."""
        return {'released': self._release_due_to_pool(partner_ids)}

    @api.model
    def _batch_title(self, batch):
        """The name of the partners' background runs, in the reader's language (the other
        runs of partners extend this)."""
        if batch.method == '_pool_release_chunk':
            return _("Release to the public pool")
        return False

    @api.model
    def _batch_summary(self, batch, totals):
        """The sentence of a pool release's background run, in the reader's language (the
        partners' other background runs extend this)."""
        if batch.method != '_pool_release_chunk':
            return super()._batch_summary(batch, totals)
        if batch.state == 'running' or not totals:
            return False
        return _("%(released)s customers released to the public pool.") % {
            'released': totals.get('released', 0)}

    @api.model
    def _pool_due(self, settings, partner_ids=None):
        """The schedule rows of the customers due for release today or earlier (today in
        the calendar of each customer's company)."""
        return self._pool_schedule(
            settings, partner_ids=partner_ids, scheduled=True, release_date=('<=', None))

    @api.model
    def _release_due_to_pool(self, partner_ids=None):
        """Release every customer due today or earlier (of ``partner_ids``, or all), in a few
        statements; return how many were released.

        Idempotent (released customers are no longer owned, so not due again) and safe beside
        users and other workers: rows locked by another transaction are skipped and released
        next time.
        """
        if not self._pool_enabled_anywhere():
            return 0
        settings = self._pool_settings()
        Partner = self.sudo()
        rows = Partner._pool_due(settings, partner_ids)
        # Stored with the release as facts, so that the card says why it happened, in the
        # reader's language.
        reasons = {row['id']: Partner._pool_release_facts(row, settings) for row in rows}
        return len(Partner._pool_release(reasons))

    @api.model
    def _pool_release(self, reasons):
        """Release customers to the pool without an owner, keeping the history.

        :param reasons: ``{partner_id: facts of the release}`` (see ``_pool_reason_of``)
        :return: ids of the customers released (those still owned and not locked by another
            transaction)
        """
        if not reasons:
            return []
        cr = self.env.cr
        cr.execute("""
            SELECT id, user_id FROM res_partner
             WHERE id = ANY(%s) AND in_pool IS NOT TRUE AND user_id IS NOT NULL
               FOR UPDATE SKIP LOCKED""", (list(reasons),))
        owners = dict(cr.fetchall())
        if not owners:
            return []
        ids = list(owners)
        cr.execute("""
            DELETE FROM crm_customer_co_owner_rel r
             USING res_partner p
             WHERE r.partner_id = p.id AND p.commercial_partner_id = ANY(%s)""", (ids,))
        self._bulk_change_owners(
            [(pid, owners[pid], None, ('pool', reasons[pid])) for pid in ids],
            values={'in_pool': True, 'pool_released_date': fields.Datetime.now(),
                    'pool_released_reason_text': None},
            values_by_customer={
                'pool_released_user_id': [owners[pid] for pid in ids],
                'pool_released_facts': [json.dumps(reasons[pid], sort_keys=True)
                                        for pid in ids]})
        return ids
