# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer's rating of a service ticket is the customer's: nobody else gives or changes it.

The host lets every employee and portal user create and write ratings (of any document). The
ratings of tickets feed the customer card and the analysis cube, so for them only the server
writes what matters: the rating request (``_rating_request_send``, whose e-mail is rendered as
superuser) creates the rating, and the customer's click on the e-mail's link answers it (the
host's ``/rating/<token>`` routes, as superuser). An employee renaming a ticket still renames
its ratings (``res_name``).
"""
from odoo import SUPERUSER_ID, _, api, models
from odoo.exceptions import AccessError

TICKET_MODEL = 'crm.service.ticket'
# What others than the server may still write on a ticket's rating: the rated ticket's name.
RATING_FREE_FIELDS = {'res_name', 'parent_res_name'}


class RatingRating(models.Model):
    _inherit = 'rating.rating'

    @api.model
    def _rating_of_tickets(self, vals):
        """Whether ``vals`` make (or make this rating) a rating of a service ticket."""
        if vals.get('res_model') == TICKET_MODEL:
            return True
        model_id = vals.get('res_model_id')
        return bool(model_id) and \
            self.env['ir.model'].sudo().browse(model_id).model == TICKET_MODEL

    @api.model
    def _rating_refuse(self):
        raise AccessError(_(
            "Only the customer rates a service ticket, through the link of the rating e-mail "
            "sent when the ticket closes. Ratings of tickets cannot be given or changed by "
            "hand."))

    @api.model
    def create(self, vals):
        """For ticket ratings, the superuser only (the rating request)."""
        if self.env.uid != SUPERUSER_ID and self._rating_of_tickets(vals):
            self._rating_refuse()
        return super().create(vals)

    @api.multi
    def write(self, vals):
        """For ticket ratings, the superuser only (the customer's answer by its token), but
        for the ticket's name."""
        if self.env.uid != SUPERUSER_ID and set(vals) - RATING_FREE_FIELDS and (
                self._rating_of_tickets(vals)
                or TICKET_MODEL in self.sudo().mapped('res_model')):
            self._rating_refuse()
        return super().write(vals)
