# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Many internal notes at once, as the host's ``message_post`` writes a note.

The handover (a tracking message per document moved), the change of owners (a note per
customer) and the SLA job (a note per escalated ticket) may write tens of thousands of
notes in one transaction; ``message_post`` costs several queries each (the followers to
notify, the reply-to, the message id). ``_bulk_post_notes`` writes the same rows in one
statement. Each caller's test compares the result with the ORM path (see
``docs/architecture.md``, "Bulk writes into the host's mail tables").

What it does not do: notify. ``message_post`` of a note notifies only the followers
subscribed to the Note subtype, which nobody is by default; such a follower gets no
notification from the bulk path.
"""
from odoo import api, fields, models, tools


class MailMessage(models.Model):
    _inherit = 'mail.message'

    @api.model
    def _bulk_post_notes(self, model, notes, author=None, date=None):
        """Post an internal note (type notification, subtype Note) on each document, as
        ``message_post(body=..., email_from=<author's address>)`` by ``author`` does.

        :param model: the documents' model name
        :param notes: list of ``(res_id, record_name, body)``; the body is HTML
        :param author: the author's ``res.partner`` (the current user's by default); the
            sender address is the author's, or none
        :param date: the messages' date (now by default)
        :return: the ids of the messages, in the order of ``notes``
        """
        if not notes:
            return []
        author = (author or self.env.user.partner_id).sudo()
        email_from = tools.formataddr((author.name, author.email)) if author.email else None
        now = fields.Datetime.now()
        subtype_id = self.env['ir.model.data'].xmlid_to_res_id('mail.mt_note')
        res_ids, names, bodies = (list(column) for column in zip(*notes))
        # sanitized as ``create`` stores the body (a bare text gets its paragraph), each
        # distinct body once: a job's notes repeat a few texts over thousands of documents
        body_field = self._fields['body']
        clean = {body: body_field.convert_to_column(body or '', self) for body in set(bodies)}
        bodies = [clean[body] for body in bodies]
        message_ids = [tools.generate_tracking_message_id('%s-%s' % (res_id, model))
                       for res_id in res_ids]
        self.env.cr.execute("""
            INSERT INTO mail_message
                   (model, res_id, record_name, body, message_type, subtype_id, author_id,
                    email_from, date, message_id, create_uid, create_date, write_uid,
                    write_date)
            SELECT %s, n.res_id, n.name, n.body, 'notification', %s, %s, %s, %s,
                   n.message_id, %s, %s, %s, %s
              FROM unnest(%s::int[], %s::varchar[], %s::text[], %s::varchar[])
                   WITH ORDINALITY AS n(res_id, name, body, message_id, position)
             ORDER BY n.position
            RETURNING id""",
                            (model, subtype_id, author.id or None, email_from, date or now,
                             self.env.uid, now, self.env.uid, now,
                             res_ids, names, bodies, message_ids))
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_cache()
        return ids
