# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The e-mail channel of tickets, and the first response of an agent.

An e-mail to a team's alias (or processed for ``crm.service.ticket``) creates a ticket for the
sender: the partner with that address when there is one, else a new contact. Replies are
threaded by the host's mail gateway (Message-Id, In-Reply-To, References) onto the same ticket.
The contact follows the ticket, so that the public replies of agents are sent to them.

``message_new`` and ``message_post`` keep the host's public names (the gateway and the web
client call them), so they check their callers themselves (see SECURITY.md).
"""
from odoo import SUPERUSER_ID, _, api, models, tools
from odoo.exceptions import AccessError, ValidationError

from odoo.addons.crm_customer360.models.partner_normalize import MAX_LENGTHS

from .crm_service_input_limits import EMAIL_MAX_LENGTH, HTML_MAX_LENGTH, NAME_MAX_LENGTH

# What a portal user may pass to message_post besides the body: a reply in their own name.
PORTAL_POST_SUBTYPES = (None, False, 'mt_comment', 'mail.mt_comment')
# The plain text of an e-mail too long for the description (the e-mail itself is kept whole
# in the conversation).
MAIL_DESCRIPTION_MAX_CHARS = 20000


class CrmServiceTicket(models.Model):
    _inherit = 'crm.service.ticket'

    @api.model
    @api.returns('self', lambda value: value.id)
    def message_new(self, msg_dict, custom_values=None):
        """A new ticket from an incoming e-mail: for the mail gateway, which runs as the
        superuser or as the alias's user, and for those who may create tickets."""
        # before the sender's contact is made (as superuser)
        self.check_access_rights('create')
        # the gateway's user must not become the assignee
        self = self.with_context(default_user_id=False)
        values = dict(custom_values or {})
        partner = self._mail_find_or_create_partner(msg_dict)
        values.setdefault('name', self._mail_subject(msg_dict))
        values.setdefault('description', self._mail_description(msg_dict.get('body')))
        values.setdefault('channel', 'email')
        values.setdefault('email_from', self._mail_email_from(msg_dict))
        if partner:
            values.setdefault('partner_id', partner.id)
            values.setdefault('company_id', self._mail_company(values).id)
            # the message itself is posted by the gateway with this author
            msg_dict['author_id'] = partner.id
        return super().message_new(msg_dict, custom_values=values)

    @api.model
    def _mail_subject(self, msg_dict):
        """The ticket's subject: the e-mail's, cut to the length of a subject (a mail is not
        refused for a long subject)."""
        subject = (msg_dict.get('subject') or '').strip() or _("No Subject")
        if len(subject) > NAME_MAX_LENGTH:
            subject = subject[:NAME_MAX_LENGTH - 3] + '...'
        return subject

    @api.model
    def _mail_description(self, body):
        """The ticket's description: the e-mail's body, or its text cut short when the body
        is longer than a description may be (the whole e-mail stays in the conversation)."""
        if not body or len(body) <= HTML_MAX_LENGTH:
            return body
        text = tools.html2plaintext(body)
        if len(text) > MAIL_DESCRIPTION_MAX_CHARS:
            text = text[:MAIL_DESCRIPTION_MAX_CHARS] + '...'
        return tools.plaintext2html(text)

    @api.model
    def _mail_email_from(self, msg_dict):
        """The sender as written in the e-mail, or their bare address when that is longer
        than an address may be."""
        email_from = msg_dict.get('email_from') or msg_dict.get('from') or ''
        if len(email_from) > EMAIL_MAX_LENGTH:
            emails = tools.email_split(email_from)
            email_from = emails[0][:EMAIL_MAX_LENGTH] if emails else ''
        return email_from or False

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
        # the exact address, in any case: a % or _ in the sender's address is no wildcard
        partner = Partner.search([('email', '=ilike', tools.escape_psql(emails[0]))], limit=1)
        if partner:
            return partner
        name, email = Partner._parse_partner_name(email_from)
        if not email or len(email) > MAX_LENGTHS['email']:
            return Partner  # no usable address: the ticket has no contact
        # A sender's display name may be longer than a partner's name may be.
        name = (name or email)[:MAX_LENGTHS['name']]
        return Partner.create({'name': name, 'email': email, 'customer': True})

    @api.multi
    def message_get_suggested_recipients(self):
        """The ticket's contact is suggested first: for those who may read the ticket (the
        host reads the assignee as superuser)."""
        self._check_read_access()
        recipients = super().message_get_suggested_recipients()
        for ticket in self.filtered('partner_id'):
            ticket._message_add_suggested_recipient(
                recipients, partner=ticket.partner_id, reason=_('Customer'))
        return recipients

    @api.multi
    @api.returns('self', lambda value: value.id)
    def message_post(self, body='', subject=None, message_type='notification', subtype=None,
                     parent_id=False, attachments=None, content_subtype='html', **kwargs):
        """Post on the ticket, as the host does, within `_mail_check_post`; an agent's
        public reply is the ticket's first response."""
        self._mail_check_post(body, message_type, subtype, dict(
            kwargs, parent_id=parent_id, attachments=attachments))
        message = super().message_post(
            body=body, subject=subject, message_type=message_type, subtype=subtype,
            parent_id=parent_id, attachments=attachments, content_subtype=content_subtype,
            **kwargs)
        if self._mail_is_agent_response(message):
            self._sla_register_response()
        return message

    @api.multi
    def _mail_check_post(self, body, message_type, subtype, kwargs):
        """Refuse a post the caller may not make (the superuser, i.e. the mail gateway and
        the portal routes after their own checks, may post anything): a body longer than
        HTML_MAX_LENGTH, attachments the caller may not read (the host links them all), and
        from a portal user anything but a reply in their own name: no note, no other author,
        no recipients, no files. Extend to refuse more."""
        if self.env.uid == SUPERUSER_ID:
            return
        if body and len(body) > HTML_MAX_LENGTH:
            raise ValidationError(_(
                "The message is too long: %(length)s characters, at most %(limit)s. Split it "
                "into several messages, or attach it as a file.") % {
                    'length': len(body), 'limit': HTML_MAX_LENGTH})
        if kwargs.get('attachment_ids'):
            self.env['ir.attachment'].browse(kwargs['attachment_ids']).check('read')
        if not self.env.user.share:
            return
        author_id = kwargs.get('author_id')
        extras = [key for key in ('partner_ids', 'channel_ids', 'attachment_ids',
                                  'attachments', 'parent_id', 'subtype_id', 'email_from',
                                  'reply_to', 'mail_server_id') if kwargs.get(key)]
        if message_type != 'comment' or subtype not in PORTAL_POST_SUBTYPES or extras or \
                (author_id and author_id != self.env.user.partner_id.id):
            raise AccessError(_(
                "On the customer portal you can reply on your tickets in your own name only, "
                "without attachments: send files by replying to our e-mail."))

    @api.multi
    def _mail_is_agent_response(self, message):
        """Whether ``message`` is a public reply of an internal user (not a note, not the
        customer's own message), written in the chatter or answered by e-mail."""
        if message.message_type not in ('comment', 'email') or not message.subtype_id or \
                message.subtype_id != self.env.ref('mail.mt_comment'):
            return False
        users = message.author_id.sudo().with_context(active_test=False).user_ids
        return bool(users.filtered(lambda user: not user.share))
