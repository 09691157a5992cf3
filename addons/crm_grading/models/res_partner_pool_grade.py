# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each grade's own release period for the public pool (公海).

A grade with ``pool_release_days`` set releases its customers after that many days without a
contact or an order; a grade without it, or a customer without a grade, keeps the global
setting. The period feeds both the card's coming release date and the nightly job, through
crm_customer360's ``_pool_release_periods`` hook.
"""
from odoo import api, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    @api.model
    def _pool_release_periods(self, settings):
        """The customer's grade's period (``pool_release_days``) first, read in the
        schedule's query (an archived grade's still counts for its customers)."""
        return [('grade_id', 'pool_release_days')] + super()._pool_release_periods(settings)
