# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Introduce the new salesperson to the handed-over customers, by e-mail.

With *Introduce the New Salesperson to the Customers* (off by default), the confirmation of
a handover queues one e-mail per handed-over customer (template
``crm_customer360.handover_introduction_mail_template``, on the handover line): from the
receiver, in the customer's language, naming the giver and the receiver with the receiver's
e-mail and phone. A large handover queues them part by part, with the customers each part
moves (``crm_customer_handover_batch.py``). Customers without an e-mail address are skipped
and counted: in a note on the handover, or in the run's summary.
"""
from odoo import _, api, fields, models


class CrmCustomerHandover(models.Model):
    _inherit = 'crm.customer.handover'

    introduce_customers = fields.Boolean(
        'Introduce the New Salesperson to the Customers',
        readonly=True, states={'draft': [('readonly', False)]},
        help="On confirmation, e-mail each handed-over customer that the receiver is their "
             "new contact person, from the receiver and in the customer's language. Customers "
             "without an e-mail address are skipped and counted.")

    @api.model
    def _document_fields(self):
        return super()._document_fields() + ['introduce_customers']

    @api.multi
    def _introduction_template(self):
        """The e-mail template of the introduction; override to choose another."""
        return self.env.ref('crm_customer360.handover_introduction_mail_template',
                            raise_if_not_found=False)

    @api.multi
    def _handover_introduce(self, lines_by_receiver, post_note=False):
        """Queue the introduction e-mail of each customer of ``lines_by_receiver`` (as
        ``_lines_by_receiver`` returns them) when the handover asks for it.

        :param post_note: say in the handover's chatter how many were sent and skipped (a
            handover run by parts says it in its run's summary instead)
        :return: ``{'introduced': n, 'not_introduced': m}`` (empty when not asked), the
            numbers a part adds to its run's totals
        """
        self.ensure_one()
        template = self._introduction_template()
        if not self.introduce_customers or not template:
            return {}
        sent = skipped = 0
        for lines in lines_by_receiver.values():
            for line in lines.sudo():
                if not line.partner_id.email:
                    skipped += 1
                    continue
                template.sudo().send_mail(line.id, force_send=False)
                sent += 1
        counts = {'introduced': sent, 'not_introduced': skipped}
        if post_note:
            # by the manager who confirms (the movers run as superuser)
            acting = self.env['res.users'].browse(
                self.env.context.get('c360_acting_user_id') or self.env.uid)
            self.message_post(body=self._introduction_text(counts), subtype='mail.mt_note',
                              author_id=acting.partner_id.id)
        return counts

    @api.model
    def _introduction_text(self, counts):
        """What the introduction e-mails did, in this environment's language."""
        text = _("The new salesperson was introduced by e-mail to %(sent)s customers.") % {
            'sent': counts.get('introduced', 0)}
        if counts.get('not_introduced'):
            text += ' ' + _("%(skipped)s customers have no e-mail address and were not "
                            "introduced.") % {'skipped': counts['not_introduced']}
        return text

    @api.model
    def _batch_summary(self, batch, totals):
        text = super()._batch_summary(batch, totals)
        if text and ('introduced' in totals or 'not_introduced' in totals):
            text += ' ' + self._introduction_text(totals)
        return text
