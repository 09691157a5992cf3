# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""E-mails of a ticket: the receipt to the customer.

- *Received* (``crm_service.mail_template_ticket_received``): when a ticket is created with
  *Send a Receipt*, which tickets from an e-mail or from the portal always have and an agent
  ticks on a ticket opened for a customer. The contact gets the number, the subject, the
  promised response time and the link to the ticket's portal page, in their language.
- *Resolved*: the rating request (``crm_service_ticket_rating.py``) is that e-mail, so that a
  closing sends one e-mail, not two.

All are queued (sent by the mail queue), never sent in the request.
"""
from odoo import _, api, fields, models

# The channels of tickets that the customer opened themselves: they always get a receipt.
RECEIPT_CHANNELS = ('email', 'portal')


class CrmServiceTicket(models.Model):
    _inherit = 'crm.service.ticket'

    receipt_mail = fields.Boolean(
        'Send a Receipt', copy=False,
        help="On creation, e-mail the contact that the request was received: the ticket "
             "number, the promised response time and the link to the ticket on the portal. "
             "Always on for tickets that come by e-mail or through the portal.")

    @api.onchange('channel')
    def _onchange_channel_receipt(self):
        if self.channel in RECEIPT_CHANNELS:
            self.receipt_mail = True

    @api.model
    def create(self, vals):
        if vals.get('channel') in RECEIPT_CHANNELS and 'receipt_mail' not in vals:
            vals = dict(vals, receipt_mail=True)
        ticket = super().create(vals)
        if ticket.receipt_mail and not ticket.is_closed:
            ticket._receipt_send()
        return ticket

    # ------------------------------------------------------------------
    # Received
    # ------------------------------------------------------------------
    @api.multi
    def _receipt_template(self):
        """The e-mail template of the receipt; override to choose one per ticket."""
        return self.env.ref('crm_service.mail_template_ticket_received',
                            raise_if_not_found=False)

    @api.multi
    def _receipt_send(self):
        """Queue the receipt e-mail to the contact of each ticket, in the contact's language
        (the template's), and say so in the chatter; a contact without an e-mail address gets
        a note instead."""
        template = self._receipt_template()
        if not template:
            return
        for ticket in self:
            partner = ticket.partner_id
            if not partner.email:
                ticket.message_post(
                    body=_("No receipt sent: the contact has no e-mail address."),
                    subtype='mail.mt_note')
                continue
            # sudo: the template reads the SLA policy and makes the portal link's token
            template.sudo().send_mail(ticket.id, force_send=False)
            ticket.message_post(
                body=_("Receipt sent to %(customer)s.") % {'customer': partner.name},
                subtype='mail.mt_note')
