# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""E-mails of a ticket: the receipt to the customer, the SLA breach to the person asked to act.

- *Received* (``crm_service.mail_template_ticket_received``): when a ticket is created with
  *Send a Receipt*, which tickets from an e-mail or from the portal always have and an agent
  ticks on a ticket opened for a customer. The contact gets the number, the subject, the
  promised response time and the link to the ticket's portal page, in their language.
- *Resolved*: the rating request (``crm_service_ticket_rating.py``) is that e-mail, so that a
  closing sends one e-mail, not two.
- *SLA breached* (``crm_service.mail_template_ticket_sla_breach``, and
  ``..._sla_breach_digest`` when a run breaches several tickets for one person): the SLA job
  (``_update_sla``) hands the tickets it escalates as breached, with the person it asked to
  act, to ``_sla_breach_mail``.

All are queued (sent by the mail queue), never sent in the request.
"""
from collections import OrderedDict

from odoo import _, api, fields, models

# The channels of tickets that the customer opened themselves: they always get a receipt.
RECEIPT_CHANNELS = ('email', 'portal')
# The tickets an SLA breach digest lists; it says how many more there are.
SLA_DIGEST_LIST = 50


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
        (the template's); a contact without an e-mail address gets a note instead."""
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
            # sudo: the template reads the SLA policy and makes the portal link's token. A
            # notification, not an 'email' message: the customer's e-mails on the ticket stay
            # the ones they wrote. No note either: the receipt shows in the chatter.
            template.sudo().send_mail(ticket.id, force_send=False,
                                      email_values={'message_type': 'notification'})

    # ------------------------------------------------------------------
    # SLA breached
    # ------------------------------------------------------------------
    @api.model
    def _sla_breach_mail(self, escalations):
        """E-mail each user of ``escalations`` (``(ticket id, user id)`` pairs: whom the SLA
        job asked to act on which breached ticket), in their language: the ticket's e-mail
        for one ticket, one digest listing them (the first ``SLA_DIGEST_LIST``) for more, so
        that a run breaching thousands of tickets queues one e-mail per person, rendered in
        a constant number of queries. Users without an e-mail address are skipped (the
        job's activities still reach them).

        The e-mails are not linked to a ticket (``model`` and ``res_id`` empty): the
        customer follows the ticket, and a reply to an e-mail linked to it would be posted
        on it and sent to them.

        :return: the number of e-mails queued
        """
        single = self.env.ref('crm_service.mail_template_ticket_sla_breach',
                              raise_if_not_found=False)
        digest = self.env.ref('crm_service.mail_template_ticket_sla_breach_digest',
                              raise_if_not_found=False)
        by_user = OrderedDict()
        for ticket_id, user_id in escalations:
            by_user.setdefault(user_id, []).append(ticket_id)
        sent = 0
        for user in self.env['res.users'].sudo().browse(list(by_user)):
            partner = user.partner_id
            if not partner.email:
                continue
            ticket_ids = by_user[user.id]
            values = {'recipient_ids': [(6, 0, partner.ids)], 'model': False, 'res_id': False}
            lang = partner.lang or 'en_US'
            if len(ticket_ids) > 1 and digest:
                digest.sudo().with_context(
                    lang=lang, sla_breach_ticket_ids=ticket_ids[:SLA_DIGEST_LIST],
                    sla_breach_count=len(ticket_ids),
                ).send_mail(user.id, force_send=False, email_values=values)
            elif single:
                single.sudo().with_context(lang=lang).send_mail(
                    ticket_ids[0], force_send=False, email_values=values)
            else:
                continue
            sent += 1
        return sent
