# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The refresh of the customer analysis in the background (see crm_customer360's
``crm_customer_batch.py``): over a large database it takes about a minute, longer than a web
request may, and it never blocks readers (``REFRESH ... CONCURRENTLY``). The menu item and the
nightly job queue it; a refresh already queued or running is not queued twice."""
from odoo import _, api, models


class CrmCustomerAnalysis(models.Model):
    _inherit = 'crm.customer.analysis'

    @api.model
    def _queue_refresh(self, user):
        """Queue a refresh on behalf of ``user``; return its background run (the one already
        queued, if any)."""
        Batch = self.env['crm.customer.batch'].sudo()
        pending = Batch.search([('res_model', '=', self._name), ('state', '=', 'running')],
                               limit=1)
        if pending:
            return pending
        return Batch.sudo(user)._start(_("Customer analysis refresh"), self.browse(),
                                       '_refresh_chunk', [0], chunk_size=1)

    @api.model
    def _refresh_chunk(self, batch, _ids):
        """The background run's only part: the refresh itself."""
        self.sudo()._refresh()
        return {'refreshed': 1}

    @api.model
    def _cron_refresh(self):
        """Nightly job: queue a refresh."""
        return self._queue_refresh(self.env.user)

    @api.model
    def _batch_title(self, batch):
        """The refresh's name, in the reader's language."""
        return _("Customer analysis refresh")

    @api.model
    def _batch_summary(self, batch, totals):
        """The sentence of a refresh's background run, in the reader's language."""
        if batch.state == 'running':
            return False
        return _("The customer analysis now shows the figures of today.")
