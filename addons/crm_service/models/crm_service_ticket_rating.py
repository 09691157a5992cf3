# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer satisfaction: a rating request when a ticket closes, with the host's rating.

When a ticket reaches a closing stage that asks for a rating (``rating_request``: Solved does,
Cancelled does not) its contact gets the e-mail template
``crm_service.mail_template_ticket_rating_request``: three links to the host's
``/rating/<token>/<score>`` route (rating module). The answer is a ``rating.rating`` of the
ticket: the ticket shows it (``rating.mixin``) and the customer card averages it
(``res_partner_rating.py``).
"""
from odoo import _, api, fields, models
from odoo.addons.crm_customer360.access import require_internal_user
from odoo.addons.rating.models.rating import RATING_LIMIT_OK, RATING_LIMIT_SATISFIED

RATING_TEXTS = [
    ('satisfied', 'Satisfied'),
    ('not_satisfied', 'Not satisfied'),
    ('highly_dissatisfied', 'Highly dissatisfied'),
]


class CrmServiceTicket(models.Model):
    _name = 'crm.service.ticket'
    _inherit = ['crm.service.ticket', 'rating.mixin']

    rating_last_text = fields.Selection(
        RATING_TEXTS, 'Customer Rating', compute='_compute_rating_last_text',
        help="The customer's last answer to the rating request sent when the ticket closed.")

    @api.depends('rating_last_value')
    def _compute_rating_last_text(self):
        for ticket in self:
            value = ticket.rating_last_value
            if not value:
                ticket.rating_last_text = False
            elif value >= RATING_LIMIT_SATISFIED:
                ticket.rating_last_text = 'satisfied'
            elif value > RATING_LIMIT_OK:
                ticket.rating_last_text = 'not_satisfied'
            else:
                ticket.rating_last_text = 'highly_dissatisfied'

    @api.model
    def _system_fields(self):
        # the customer's last answer, computed from the ratings
        return super()._system_fields() + ['rating_last_value']

    @api.multi
    def write(self, vals):
        if 'stage_id' not in vals:
            return super().write(vals)
        was_open = self.filtered(lambda ticket: not ticket.is_closed)
        res = super().write(vals)
        was_open.filtered(
            lambda ticket: ticket.is_closed and ticket.stage_id.rating_request
        )._rating_request_send()
        return res

    @api.multi
    def _rating_request_template(self):
        """The e-mail template of the rating request; override to choose one per ticket."""
        return self.env.ref('crm_service.mail_template_ticket_rating_request',
                            raise_if_not_found=False)

    @api.multi
    def _rating_request_send(self):
        """E-mail a rating request to the contact of each ticket, in the contact's language.

        The e-mail is queued (sent by the mail queue job); a note on the ticket says to whom
        it went. Tickets without a contact e-mail get a note instead.
        """
        template = self._rating_request_template()
        if not template:
            return
        for ticket in self:
            partner = ticket.rating_get_partner_id()
            if not partner.email:
                ticket.message_post(
                    body=_("No rating request sent: the contact has no e-mail address."),
                    subtype='mail.mt_note')
                continue
            template.sudo().with_context(lang=partner.lang or 'en_US').send_mail(
                ticket.id, force_send=False)
            ticket.message_post(
                body=_("Rating request sent to %(customer)s.") % {'customer': partner.name},
                subtype='mail.mt_note')

    @api.multi
    @api.returns('res.partner', lambda value: value.id)
    def rating_get_partner_id(self):
        """The contact of the ticket rates it (its customer when there is no contact): for
        those who may read the ticket (the rating e-mail is rendered as superuser)."""
        self.ensure_one()
        self._check_read_access()
        return self.partner_id or self.commercial_partner_id

    @api.multi
    def action_view_ratings(self):
        """Open the ratings the customer gave on this ticket (back office)."""
        self.ensure_one()
        require_internal_user(self.env)
        self._check_read_access()
        action = self.env.ref('rating.action_view_rating').read()[0]
        action['domain'] = [('res_model', '=', self._name), ('res_id', '=', self.id),
                            ('consumed', '=', True)]
        action['context'] = {}
        return action
