# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Ownership of a customer: its owner (``user_id``), co-owners and the ownership history.

Owners change one customer at a time through ``write`` (by hand, claim) or for thousands of
customers at once through ``_bulk_change_owners`` (handover, nightly pool job), which does in
a few SQL statements what ``write`` does: the contacts follow, history rows and chatter
messages are written.
"""
from psycopg2 import sql

from odoo import api, fields, models, tools

from ..access import acting_user_id

from .crm_customer_ownership_history import reason_columns


class ResPartner(models.Model):
    _inherit = 'res.partner'

    co_owner_ids = fields.Many2many(
        'res.users', 'crm_customer_co_owner_rel', 'partner_id', 'user_id', 'Co-owners',
        copy=False,
        help="Other salespeople working on the account besides its owner. The contacts of "
             "a company follow the company's owner and co-owners.")
    ownership_history_ids = fields.One2many(
        'crm.customer.ownership.history', 'partner_id', 'Ownership History', readonly=True)

    @api.model
    def _commercial_fields(self):
        """Contacts follow their company's owner and co-owners (synced by the host)."""
        return super()._commercial_fields() + ['user_id', 'co_owner_ids']

    def _owner_lang(self):
        """The language of what is written for this customer's owner (chatter notes,
        activities): the owner's, else the current user's, whoever writes it."""
        owner = self.sudo().commercial_partner_id.user_id
        return owner.lang or self.env.lang or 'en_US'

    def _is_owned_customer(self):
        """Whether this partner is a customer whose owner changes are recorded: a customer
        that is its own commercial entity (a company, or a person without a company)."""
        return bool(self.customer and not self.parent_id)

    @api.multi
    def write(self, vals):
        if 'user_id' not in vals:
            return super().write(vals)
        new_user = self.env['res.users'].browse(vals['user_id'] or [])
        before = [(partner, partner.user_id) for partner in self
                  if partner._is_owned_customer() and partner.user_id != new_user]
        res = super().write(vals)
        if before:
            self._record_ownership_changes(
                [(partner, old_user, new_user) for partner, old_user in before])
        return res

    @api.model
    def _record_ownership_changes(self, changes):
        """Write the ownership history and tell each customer's followers.

        The reason comes from the context key ``ownership_change_reason`` (the handover sets
        it): ``(code, {args})`` (see ``crm.customer.ownership.history._reason_sentence``) or
        a text. The chatter note is written for the customer's owner, in the owner's
        language. Extend to notify elsewhere.

        :param changes: list of ``(partner, old_user, new_user)``
        """
        reason = self.env.context.get('ownership_change_reason') or ('changed', {})
        History = self.env['crm.customer.ownership.history']
        History._record_changes(changes, reason)
        author = self.env['res.users'].sudo().browse(acting_user_id(self.env)).partner_id
        email_from = tools.formataddr((author.name, author.email)) if author.email else False
        for partner, old_user, new_user in changes:
            lang = (new_user or old_user).lang or partner._owner_lang()
            # the sender is the author named, not the user the server runs as
            partner.message_post(
                body=History.with_context(lang=lang)._owner_note(
                    old_user.name, new_user.name, reason),
                author_id=author.id, email_from=email_from)

    # ------------------------------------------------------------------
    # Set-based change of owners
    # ------------------------------------------------------------------
    @api.model
    def _bulk_change_owners(self, changes, values=None, values_by_customer=None):
        """Change the owner of many customers in a constant number of queries.

        Does what ``write({'user_id': ...})`` does for customers that are their own
        commercial entity: their contacts follow, one ownership history row and one chatter
        note per customer. The caller locks the rows and checks rights and current owners;
        the acting user is taken from the context key ``c360_acting_user_id`` (or the
        current user). Extend ``_after_bulk_owner_change`` to refresh what depends on owners.

        :param changes: list of ``(partner_id, old_user_id, new_user_id, reason)``;
            user ids may be ``None``; a reason is ``(code, {args})`` or a text (see
            ``crm.customer.ownership.history._record_changes``)
        :param values: ``{field: value}`` written on every customer's row too (not on its
            contacts), in the same UPDATE; stored fields of ``res.partner`` with a column
        :param values_by_customer: ``{field: [value, ...]}``, one value per change, in
            the order of ``changes``
        :return: the ids of the customers changed
        """
        if not changes:
            return []
        values = values or {}
        values_by_customer = values_by_customer or {}
        for name in list(values) + list(values_by_customer):
            field = self._fields.get(name)
            if not (field and field.store and field.column_type):
                raise ValueError("_bulk_change_owners: %r is no column of res.partner" % name)
        for name, column in values_by_customer.items():
            if len(column) != len(changes):
                raise ValueError("_bulk_change_owners: %r has %d values for %d changes"
                                 % (name, len(column), len(changes)))
        # Each field of values_by_customer is an array unnested beside the changes, cast to
        # its column's type; psycopg2.sql quotes the names.
        extra_names = list(values_by_customer)
        assignments = [sql.SQL(', {} = %s').format(sql.Identifier(name)) for name in values]
        assignments += [sql.SQL(', {} = c.{}').format(sql.Identifier(name), sql.Identifier(
            'v%d' % index)) for index, name in enumerate(extra_names)]
        arrays = [sql.SQL(', %s::{}[]').format(sql.SQL(self._fields[name].column_type[1]))
                  for name in extra_names]
        aliases = [sql.SQL(', {}').format(sql.Identifier('v%d' % index))
                   for index in range(len(extra_names))]
        cr = self.env.cr
        acting_id = acting_user_id(self.env)
        acting = self.env['res.users'].sudo().browse(acting_id)
        ids = [change[0] for change in changes]
        new_ids = [change[2] or None for change in changes]
        old_ids = [change[1] or None for change in changes]
        codes, args, texts = zip(*[reason_columns(change[3]) for change in changes])
        now = fields.Datetime.now()
        # The customers, then their contacts (what the host's commercial-field sync does).
        cr.execute(sql.SQL("""
            UPDATE res_partner p SET user_id = c.new_user, write_uid = %s, write_date = %s
                   {assignments}
              FROM unnest(%s::int[], %s::int[], %s::int[]{arrays})
                   AS c(id, old_user, new_user{aliases})
             WHERE p.id = c.id""").format(
            assignments=sql.Composed(assignments), arrays=sql.Composed(arrays),
            aliases=sql.Composed(aliases)).as_string(cr._obj),
                   [acting_id, now] + list(values.values()) + [ids, old_ids, new_ids]
                   + [list(values_by_customer[name]) for name in extra_names])
        cr.execute("""
            UPDATE res_partner p SET user_id = c.new_user, write_uid = %s, write_date = %s
              FROM unnest(%s::int[], %s::int[]) AS c(id, new_user)
             WHERE p.commercial_partner_id = c.id AND p.id != c.id""",
                   (acting_id, now, ids, new_ids))
        cr.execute("""
            INSERT INTO crm_customer_ownership_history
                   (partner_id, date, changed_by, from_user_id, to_user_id, reason_code,
                    reason_args, reason_text, create_uid, create_date, write_uid, write_date)
            SELECT c.id, %s, %s, c.old_user, c.new_user, c.code, c.args, c.text,
                   %s, %s, %s, %s
              FROM unnest(%s::int[], %s::int[], %s::int[], %s::varchar[], %s::text[],
                          %s::varchar[]) AS c(id, old_user, new_user, code, args, text)""",
                   (now, acting_id, acting_id, now, acting_id, now,
                    ids, old_ids, new_ids, list(codes), list(args), list(texts)))
        self._bulk_post_owner_notes(changes, acting, now)
        self.invalidate_cache()
        self.env['crm.customer.ownership.history'].invalidate_cache()
        self.browse(ids)._after_bulk_owner_change(changes)
        return ids

    @api.model
    def _bulk_post_owner_notes(self, changes, acting, now):
        """One internal note per customer, as ``_record_ownership_changes`` posts, inserted
        at once by ``mail.message._bulk_post_notes`` (a handover or the nightly pool job
        changes thousands of owners; ``tests/test_owner_note_equivalence.py`` checks the
        result equals ``message_post``'s). Each note is written for the customer's owner
        (the new one; the previous one when it goes to the pool), in the owner's
        language."""
        users = self.env['res.users'].sudo().browse(
            {uid for change in changes for uid in change[1:3] if uid})
        names = {user.id: user.name for user in users}
        langs = {user.id: user.lang for user in users}
        History = self.env['crm.customer.ownership.history']
        histories = {}
        bodies = []
        for _id, old, new, reason in changes:
            lang = langs.get(new or old) or self.env.lang or 'en_US'
            if lang not in histories:
                histories[lang] = History.with_context(lang=lang)
            bodies.append(histories[lang]._owner_note(names.get(old), names.get(new), reason))
        ids = [change[0] for change in changes]
        record_names = self.env['mail.activity']._bulk_document_names(self._name, ids)
        self.env['mail.message']._bulk_post_notes(
            self._name, [(partner_id, record_names.get(partner_id), body)
                         for partner_id, body in zip(ids, bodies)],
            author=acting.partner_id, date=now)

    @api.multi
    def _after_bulk_owner_change(self, changes):
        """Refresh what depends on the owner after ``_bulk_change_owners`` (``self``: the
        customers changed). Here the profile completeness, which counts the salesperson and
        so changes only for customers that gained or lost an owner; extend for stored fields
        of other modules that depend on ``user_id``."""
        self._profile_owner_changed(
            [partner_id for partner_id, old, new, _reason in changes if new and not old],
            [partner_id for partner_id, old, new, _reason in changes if old and not new])
