# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's average satisfaction over the ratings of its service tickets."""
from odoo import api, models


class ResPartner(models.Model):
    _inherit = 'res.partner'

    @api.model
    def _service_rating_by_partner(self, partner_ids):
        """Return {commercial partner id: average rating (1-10)} of the tickets' ratings.

        One grouped query for the whole batch. A ticket counts every rating its contact
        gave (a ticket closed twice may be rated twice); unanswered requests do not count.
        Customers without a rating are left out of the result.
        """
        if not partner_ids:
            return {}
        self.env.cr.execute("""
            SELECT ticket.commercial_partner_id, AVG(rating.rating)
              FROM rating_rating rating
              JOIN crm_service_ticket ticket ON ticket.id = rating.res_id
             WHERE rating.res_model = 'crm.service.ticket'
               AND rating.consumed
               AND rating.rating >= 1
               AND ticket.commercial_partner_id IN %s
             GROUP BY ticket.commercial_partner_id
        """, (tuple(partner_ids),))
        return {partner_id: float(average) for partner_id, average in self.env.cr.fetchall()}
