# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's side of a ticket: its access token and what the portal page says.

The routes are in ``controllers/portal.py``; who sees which ticket is decided by the record
rules of ``security/crm_service_portal_security.xml``.
"""
import uuid

from odoo import api, fields, models

from odoo.addons.crm_customer360.tz import format_datetime


class CrmServiceTicket(models.Model):
    _inherit = 'crm.service.ticket'

    # Agents only: whoever holds the token may post on the ticket, and a visitor who is not
    # logged in posts in the name of the ticket's contact.
    access_token = fields.Char(
        'Access Token', copy=False, groups='crm_service.group_service_agent',
        help="Opens the ticket's portal page without logging in (the link of the e-mails "
             "sent to the customer). Made on first use.")

    @api.model
    def _portal_datetime(self, value):
        """A date and time of the ticket as the portal page shows it: in the reader's time
        zone and language, to the minute."""
        return format_datetime(self.env, value)

    @api.model
    def _system_fields(self):
        # made by _portal_ensure_token, never chosen
        return super()._system_fields() + ['access_token']

    @api.multi
    def _portal_ensure_token(self):
        """Return the access token of the ticket, making one if it has none.

        A token is made on demand, not as a default: a default would give every ticket that
        exists when the field is installed the same token.
        """
        self.ensure_one()
        if not self.sudo().access_token:
            # Set only where none is set: two requests at once (two e-mails rendered) must
            # not each send a token of their own, one of which would no longer open the page.
            # The second waits for the first, then fails to serialize and is retried.
            self.env.cr.execute(
                "UPDATE crm_service_ticket SET access_token = %s "
                "WHERE id = %s AND access_token IS NULL", (uuid.uuid4().hex, self.id))
            self.invalidate_cache(['access_token'], self.ids)
        return self.sudo().access_token

    @api.multi
    def portal_share_url(self):
        """The ticket's portal page with its access token: the link of the e-mails.

        Public (mail templates cannot call private methods), so it hands the token only to
        those who may edit the ticket: its agents, service managers, and the superuser who
        renders the e-mails.
        """
        self.ensure_one()
        self.check_access_rights('write')
        self.check_access_rule('write')
        return '/my/tickets/%d?access_token=%s' % (self.id, self._portal_ensure_token())

    @api.multi
    def _portal_sla_state(self):
        """What the portal page tells the customer about the deadlines of the ticket.

        Returns one of 'resolved_on_time', 'resolved', 'late', 'answer_by', 'resolve_by' or
        False (no SLA): the template words it; the deadlines are the ticket's fields.
        Override to tell more, or less.
        """
        self.ensure_one()
        ticket = self.sudo()
        if ticket.is_closed:
            return 'resolved_on_time' if ticket.sla_status == 'met' else 'resolved'
        if ticket.sla_status == 'breached':
            return 'late'
        if ticket.response_deadline and not ticket.first_response_date:
            return 'answer_by'
        if ticket.resolve_deadline:
            return 'resolve_by'
        return False
