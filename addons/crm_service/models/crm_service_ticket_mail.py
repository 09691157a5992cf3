# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The e-mail channel of tickets, and the first response of an agent.

An e-mail to a team's alias (or processed for ``crm.service.ticket``) creates a ticket for the
sender: the partner with that address when there is one, else a new contact. Replies are
threaded by the host's mail gateway (Message-Id, In-Reply-To, References) onto the same ticket.
The contact follows the ticket, so that the public replies of agents are sent to them.
"""
from odoo import _, api, models, tools


class CrmServiceTicket(models.Model):
    _inherit = 'crm.service.ticket'

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A new ticket from an incoming e-mail."""
        # the gateway's user must not become the assignee
        self = self.with_context(default_user_id=False)
        values = dict(custom_values or {})
        partner = self._mail_find_or_create_partner(msg_dict)
        values.setdefault('name', msg_dict.get('subject') or _("No Subject"))
        values.setdefault('description', msg_dict.get('body'))
        values.setdefault('channel', 'email')
        values.setdefault('email_from', msg_dict.get('email_from') or msg_dict.get('from'))
        if partner:
            values.setdefault('partner_id', partner.id)
            values.setdefault('company_id', self._mail_company(values).id)
            # the message itself is posted by the gateway with this author
            msg_dict['author_id'] = partner.id
        return super().message_new(msg_dict, custom_values=values)

    @api.model
    def _mail_company(self, values):
        """The company of a ticket created from an e-mail: that of its team."""
        team = self.env['crm.service.team'].browse(values.get('team_id'))
        return team.company_id or self.env.user.company_id

    @api.model
    def _mail_find_or_create_partner(self, msg_dict):
        """The sender of an incoming e-mail as a partner: the gateway's author when known,
        else the partner with the address, else a new contact."""
        Partner = self.env['res.partner'].sudo()
        if msg_dict.get('author_id'):
            return Partner.browse(msg_dict['author_id'])
        email_from = msg_dict.get('email_from') or msg_dict.get('from') or ''
        emails = tools.email_split(email_from)
        if not emails:
            return Partner
        partner = Partner.search([('email', '=ilike', emails[0])], limit=1)
        if partner:
            return partner
        name, email = Partner._parse_partner_name(email_from)
        return Partner.create({'name': name or email, 'email': email, 'customer': True})

    @api.multi
    def message_get_suggested_recipients(self):
        recipients = super().message_get_suggested_recipients()
        for ticket in self.filtered('partner_id'):
            ticket._message_add_suggested_recipient(
                recipients, partner=ticket.partner_id, reason=_('Customer'))
        return recipients

    @api.multi
    @api.returns('self', lambda value: value.id)
    def message_post(self, body='', subject=None, message_type='notification', subtype=None,
                     parent_id=False, attachments=None, content_subtype='html', **kwargs):
        message = super().message_post(
            body=body, subject=subject, message_type=message_type, subtype=subtype,
            parent_id=parent_id, attachments=attachments, content_subtype=content_subtype,
            **kwargs)
        if self._mail_is_agent_response(message):
            self._sla_register_response()
        return message

    @api.multi
    def _mail_is_agent_response(self, message):
        """Whether ``message`` is a public reply of an internal user (not a note, not the
        customer's own message), written in the chatter or answered by e-mail."""
        if message.message_type not in ('comment', 'email') or not message.subtype_id or \
                message.subtype_id != self.env.ref('mail.mt_comment'):
            return False
        users = message.author_id.sudo().with_context(active_test=False).user_ids
        return bool(users.filtered(lambda user: not user.share))
