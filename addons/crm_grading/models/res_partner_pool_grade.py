# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Each grade's own release period for the public pool (公海).

A grade with ``pool_release_days`` set releases its customers after that many days without a
contact or an order; a grade without it, or a customer without a grade, keeps the global
setting. The period feeds both the card's coming release date and the nightly job, through
crm_customer360's ``_pool_release_days_sql`` hook.
"""
from odoo import api, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    @api.model
    def _pool_release_days_sql(self, settings):
        """The grade's period of the customer row ``p``, else the inherited period."""
        sql, params = super()._pool_release_days_sql(settings)
        return ("COALESCE((SELECT NULLIF(g.pool_release_days, 0) FROM crm_customer_grade g "
                "WHERE g.id = p.grade_id), %s)" % sql), params
