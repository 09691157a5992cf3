# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a piece of code wrote into the host's mail tables, to compare a bulk SQL path with
the ORM path it stands for (``docs/architecture.md``, "Bulk writes into the host's mail
tables").

``both_ways(env, documents, orm, bulk)`` runs ``orm`` in a savepoint that is rolled back,
then ``bulk``, and returns a ``MailSnapshot`` of each: the messages posted on the documents
(with their tracking values, recipients and notifications), the activities planned on them,
their followers with subtypes and the bus notifications. Ids and dates differ between the
two runs and are left out; everything else must be equal.
"""
import collections

# The context of the ORM path as the host runs it for a user (the test cases switch tracking
# off for their set-up): tracking, the creation log and auto-subscription on.
TRACKED = {'tracking_disable': False, 'mail_notrack': False, 'mail_create_nolog': False}

MailSnapshot = collections.namedtuple(
    'MailSnapshot', 'messages tracking notifications activities followers bus')

MESSAGE_COLUMNS = ('model', 'res_id', 'record_name', 'body', 'message_type', 'subtype_id',
                   'author_id', 'email_from')
TRACKING_COLUMNS = ('field', 'field_desc', 'field_type') + tuple(
    '%s_value_%s' % (side, kind) for side in ('old', 'new')
    for kind in ('integer', 'float', 'monetary', 'char', 'text', 'datetime'))
ACTIVITY_COLUMNS = ('res_model_id', 'res_model', 'res_id', 'res_name', 'activity_type_id',
                    'summary', 'note', 'date_deadline', 'user_id', 'create_uid', 'write_uid')


class RolledBack(Exception):
    """Leaves a savepoint, undoing what was done in it."""


def _marks(cr):
    """The highest ids of the tables whose new rows are compared."""
    cr.execute("""SELECT (SELECT COALESCE(MAX(id), 0) FROM mail_message),
                         (SELECT COALESCE(MAX(id), 0) FROM mail_activity),
                         (SELECT COALESCE(MAX(id), 0) FROM bus_bus)""")
    return cr.fetchone()


def _fetch(cr, query, params):
    cr.execute(query, params)
    return sorted(tuple(row) for row in cr.fetchall())


def snapshot(env, documents, marks):
    """The ``MailSnapshot`` of ``documents`` (``{model: [ids]}``) after ``marks``."""
    cr = env.cr
    message_mark, activity_mark, bus_mark = marks
    docs = [(model, res_id) for model, ids in documents.items() for res_id in ids]
    models_, ids_ = [d[0] for d in docs], [d[1] for d in docs]
    on_docs = ("FROM unnest(%s::varchar[], %s::int[]) AS d(model, res_id) "
               "JOIN {table} x ON x.{model} = d.model AND x.res_id = d.res_id")
    messages = _fetch(cr, "SELECT %s, (SELECT array_agg(r.res_partner_id "
                          "ORDER BY r.res_partner_id) FROM mail_message_res_partner_rel r "
                          "WHERE r.mail_message_id = x.id) "
                      % ', '.join('x.' + c for c in MESSAGE_COLUMNS)
                      + on_docs.format(table='mail_message', model='model')
                      + " WHERE x.id > %s", (models_, ids_, message_mark))
    tracking = _fetch(cr, "SELECT x.model, x.res_id, %s " % ', '.join(
        't.' + c for c in TRACKING_COLUMNS) + on_docs.format(table='mail_message', model='model')
                      + " JOIN mail_tracking_value t ON t.mail_message_id = x.id"
                        " WHERE x.id > %s", (models_, ids_, message_mark))
    notifications = _fetch(cr, "SELECT x.model, x.res_id, n.res_partner_id, n.is_read, "
                               "n.is_email, n.email_status "
                           + on_docs.format(table='mail_message', model='model')
                           + " JOIN mail_message_res_partner_needaction_rel n"
                             " ON n.mail_message_id = x.id WHERE x.id > %s",
                           (models_, ids_, message_mark))
    activities = _fetch(cr, "SELECT %s " % ', '.join(
        'x.' + c + '::text' for c in ACTIVITY_COLUMNS)
                        + on_docs.format(table='mail_activity', model='res_model')
                        + " WHERE x.id > %s", (models_, ids_, activity_mark))
    followers = _fetch(cr, "SELECT x.res_model, x.res_id, x.partner_id, x.channel_id, "
                           "(SELECT array_agg(s.mail_message_subtype_id "
                           "ORDER BY s.mail_message_subtype_id) "
                           "FROM mail_followers_mail_message_subtype_rel s "
                           "WHERE s.mail_followers_id = x.id) "
                       + on_docs.format(table='mail_followers', model='res_model'),
                       (models_, ids_))
    bus = _fetch(cr, "SELECT channel, message FROM bus_bus WHERE id > %s", (bus_mark,))
    return MailSnapshot(messages, tracking, notifications, activities, followers, bus)


def _settle(env):
    """Write the pending recomputations and forget the cache: the next reads come from the
    database (Odoo 11 has no ``env.invalidate_all``)."""
    env['res.users'].recompute()
    env.cache.invalidate()


def both_ways(env, documents, orm, bulk):
    """``(by_orm, by_bulk)``: the snapshots of ``documents`` (``{model: [ids]}``) after
    ``orm()`` (run in a savepoint, then undone) and after ``bulk()``, from the same state."""
    try:
        with env.cr.savepoint():
            marks = _marks(env.cr)
            orm()
            _settle(env)
            by_orm = snapshot(env, documents, marks)
            raise RolledBack()
    except RolledBack:
        pass
    env.clear()
    marks = _marks(env.cr)
    bulk()
    _settle(env)
    return by_orm, snapshot(env, documents, marks)
