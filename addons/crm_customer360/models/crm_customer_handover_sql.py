# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Set-based moves of a handover: a constant number of statements per kind of record,
whatever the number of customers and documents.

What the ORM would do on ``write({'user_id': ...})`` of an open document, done in SQL:

- the salesperson column, ``write_uid`` and ``write_date``;
- stored fields that depend on the salesperson (``_handover_after_reassign``: the
  opportunities' assignment date and days to assign, the order lines' salesperson);
  a module adding such a field extends that method;
- one tracking message per document ("Salesperson: giver -> receiver", with the unchanged
  fields tracked ``'always'`` beside it), as the host's tracking posts it (an internal note
  nobody is notified of);
- the followers: the giver leaves, the receiver follows with the default subtypes
  (``_handover_replace_follower``). The host's e-mail "you have been assigned to ..." for
  each document is not sent: the receivers get one briefing to-do per handover instead.

The records are found by the ORM (``search`` with the handover's domains, so record rules
apply); only their ids go into the statements. The ORM cache is invalidated afterwards.

Why SQL: a handover moves up to 50,000 customers with their documents in one transaction;
``write`` tracks, auto-subscribes and mails each document, several queries apiece.
``tests/test_handover_mail_equivalence.py`` checks that the messages, tracking values,
followers with subtypes and notifications written here equal those of ``write`` followed by
the giver's ``message_unsubscribe``, run with ``mail_auto_subscribe_no_notify``; and that
without it the host's assignment e-mails are the only difference.
"""
from odoo import api, fields, models

from ..access import acting_user_id


class CrmCustomerHandover(models.Model):
    _inherit = 'crm.customer.handover'

    @api.model
    def _handover_replace_follower(self, records, old_partner, new_partner):
        """Unsubscribe ``old_partner`` from ``records`` and subscribe ``new_partner`` where
        it does not follow yet, with the subtypes ``message_subscribe`` gives by default
        (the external ones for a portal partner). Existing followers keep their subtypes."""
        if not records:
            return
        cr = self.env.cr
        ids = list(records.ids)
        if old_partner:
            cr.execute("DELETE FROM mail_followers WHERE res_model = %s AND res_id IN %s "
                       "AND partner_id = %s", (records._name, tuple(ids), old_partner.id))
        if new_partner:
            default, _internal, external = self.env['mail.message.subtype'].default_subtypes(
                records._name)
            employee = self.env['res.users'].sudo().search_count(
                [('partner_id', '=', new_partner.id), ('share', '=', False)])
            subtypes = (default if employee else external).ids
            cr.execute("""
                WITH added AS (
                    INSERT INTO mail_followers (res_model, res_id, partner_id)
                    SELECT %s, r.id, %s FROM unnest(%s::int[]) AS r(id)
                     WHERE NOT EXISTS (SELECT 1 FROM mail_followers f
                                        WHERE f.res_model = %s AND f.res_id = r.id
                                          AND f.partner_id = %s)
                    RETURNING id)
                INSERT INTO mail_followers_mail_message_subtype_rel
                       (mail_followers_id, mail_message_subtype_id)
                SELECT added.id, s.id FROM added, unnest(%s::int[]) AS s(id)""",
                       (records._name, new_partner.id, ids, records._name, new_partner.id,
                        subtypes))
        self.env['mail.followers'].invalidate_cache()
        records.invalidate_cache()

    @api.multi
    def _handover_reassign(self, records, receiver):
        """Give ``records`` (open documents of the giver) to ``receiver`` in a few
        statements: salesperson, dependent stored fields, tracking messages, followers."""
        if not records:
            return
        cr = self.env.cr
        now = fields.Datetime.now()
        acting_id = acting_user_id(self.env)
        ids = tuple(records.ids)
        cr.execute('UPDATE "{}" SET user_id = %s, write_uid = %s, write_date = %s '
                   'WHERE id IN %s'.format(records._table),
                   (receiver.id, acting_id, now, ids))
        self._handover_after_reassign(records, receiver, now)
        records.invalidate_cache()
        self._handover_track_reassign(records, receiver, acting_id, now)
        self._handover_replace_follower(
            records, self.from_user_id.partner_id, receiver.partner_id)

    @api.model
    def _handover_after_reassign(self, records, receiver, now):
        """Keep the stored fields that depend on the salesperson of ``records`` right
        (the host computes them on ``write``); extend for another model's fields."""
        cr = self.env.cr
        ids = tuple(records.ids)
        if records._name == 'crm.lead':
            # crm.lead.write stamps date_open on a new salesperson; day_open depends on it
            # (whole days between creation and assignment, as timedelta.days rounds).
            cr.execute("""
                UPDATE crm_lead SET date_open = %s,
                       day_open = abs(floor(extract(epoch FROM (%s::timestamp - create_date))
                                            / 86400))
                 WHERE id IN %s""", (now, now, ids))
        elif records._name == 'sale.order':
            cr.execute("UPDATE sale_order_line SET salesman_id = %s WHERE order_id IN %s",
                       (receiver.id, ids))
            self.env['sale.order.line'].invalidate_cache(['salesman_id'])

    @api.multi
    def _handover_track_reassign(self, records, receiver, acting_id, now):
        """One tracking message per record, as the host's tracking of ``user_id`` posts
        (``message_post`` of a note without body) when the acting user writes it: a note
        with a tracking value from the giver to the receiver, after the values of the
        unchanged fields tracked ``'always'`` that the host shows beside a change for
        information (an invoice's type and amounts)."""
        field = records._fields['user_id']
        if not getattr(field, 'track_visibility', None):
            return
        acting = self.env['res.users'].sudo().browse(acting_id)
        names = dict(records.sudo().name_get())
        message_ids = self.env['mail.message']._bulk_post_notes(
            records._name, [(record_id, names.get(record_id), '') for record_id in records.ids],
            author=acting.partner_id, date=now)
        shown = [name for name, column in records._fields.items()
                 if name != 'user_id' and getattr(column, 'track_visibility', None) == 'always']
        infos = records.fields_get(shown + ['user_id'])
        Tracking = self.env['mail.tracking.value']
        change = Tracking.create_tracking_values(
            self.from_user_id.sudo(), receiver.sudo(), 'user_id', infos['user_id'])
        values = []
        for record, message_id in zip(records.sudo(), message_ids):
            values += [dict(Tracking.create_tracking_values(
                record[name], record[name], name, infos[name]), mail_message_id=message_id)
                       for name in shown]
            values.append(dict(change, mail_message_id=message_id))
        self._handover_insert_tracking([vals for vals in values if len(vals) > 1],
                                       acting_id, now)

    @api.model
    def _handover_insert_tracking(self, values, acting_id, now):
        """Insert the tracking values ``values`` (dicts as ``create_tracking_values`` makes,
        with ``mail_message_id``) in one statement, in their order."""
        columns = [('mail_message_id', 'int'), ('field', 'varchar'),
                   ('field_desc', 'varchar'), ('field_type', 'varchar')] + [
            ('%s_value_%s' % (side, kind), sql_type)
            for side in ('old', 'new')
            for kind, sql_type in (('integer', 'int'), ('float', 'float8'),
                                   ('monetary', 'float8'), ('char', 'varchar'),
                                   ('text', 'text'), ('datetime', 'timestamp'))]
        self.env.cr.execute("""
            INSERT INTO mail_tracking_value (%s, create_uid, create_date, write_uid, write_date)
            SELECT %s, %%s, %%s, %%s, %%s
              FROM unnest(%s) WITH ORDINALITY AS v(%s, position)
             ORDER BY v.position""" % (
                 ', '.join(name for name, _type in columns),
                 ', '.join('v.' + name for name, _type in columns),
                 ', '.join('%%s::%s[]' % sql_type for _name, sql_type in columns),
                 ', '.join(name for name, _type in columns)),
                            [acting_id, now, acting_id, now] + [
                                [self._handover_tracking_column(name, vals)
                                 for vals in values] for name, _type in columns])
        self.env['mail.tracking.value'].invalidate_cache()

    @api.model
    def _handover_tracking_column(self, name, vals):
        """The column ``name`` of the tracking value ``vals`` as ``create`` stores it."""
        if name not in vals:
            return None
        Tracking = self.env['mail.tracking.value']
        return Tracking._fields[name].convert_to_column(vals[name], Tracking)

    @api.multi
    def _handover_bulk_co_owners(self, customer_ids, elsewhere=False):
        """Where the giver is a co-owner: leave the handed-over customers ``customer_ids``;
        with ``elsewhere``, on every other customer (companies and persons without company)
        the main receiver takes the place, unless it owns the customer. Contacts get their
        company's co-owners, as the host's commercial-field sync does. Returns the ids of
        the customers changed."""
        cr = self.env.cr
        giver = self.from_user_id.id
        changed = []
        if customer_ids:
            cr.execute("DELETE FROM crm_customer_co_owner_rel WHERE user_id = %s "
                       "AND partner_id IN %s RETURNING partner_id",
                       (giver, tuple(customer_ids)))
            changed += [row[0] for row in cr.fetchall()]
        others = []
        if elsewhere:
            cr.execute("""
                DELETE FROM crm_customer_co_owner_rel r USING res_partner p
                 WHERE r.partner_id = p.id AND r.user_id = %s AND p.parent_id IS NULL
                   AND p.active
             RETURNING p.id, p.user_id""", (giver,))
            others = cr.fetchall()
        receiver = self.to_user_id.id
        gets_receiver = [pid for pid, owner in others if owner != receiver]
        if gets_receiver:
            cr.execute("""
                INSERT INTO crm_customer_co_owner_rel (partner_id, user_id)
                SELECT c.id, %s FROM unnest(%s::int[]) AS c(id)
                 WHERE NOT EXISTS (SELECT 1 FROM crm_customer_co_owner_rel r
                                    WHERE r.partner_id = c.id AND r.user_id = %s)""",
                       (receiver, gets_receiver, receiver))
        changed += [pid for pid, _owner in others]
        if changed:
            acting_id = acting_user_id(self.env)
            cr.execute("""
                DELETE FROM crm_customer_co_owner_rel r USING res_partner p
                 WHERE r.partner_id = p.id AND p.commercial_partner_id IN %s
                   AND p.id != p.commercial_partner_id""", (tuple(changed),))
            cr.execute("""
                INSERT INTO crm_customer_co_owner_rel (partner_id, user_id)
                SELECT p.id, r.user_id FROM res_partner p
                  JOIN crm_customer_co_owner_rel r ON r.partner_id = p.commercial_partner_id
                 WHERE p.commercial_partner_id IN %s AND p.id != p.commercial_partner_id""",
                       (tuple(changed),))
            cr.execute("""
                UPDATE res_partner SET write_uid = %s, write_date = %s
                 WHERE commercial_partner_id IN %s""",
                       (acting_id, fields.Datetime.now(), tuple(changed)))
        self.env['res.partner'].invalidate_cache()
        self.env['res.users'].invalidate_cache()
        return changed
