# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Many activities at once, with what the host's ``mail.activity.create`` does for each.

A nightly job may plan tens of thousands of activities (the follow-up of every customer not
contacted for too long): through ``create`` that is one transaction of several queries per
activity, minutes for 100,000. ``_bulk_create`` does the same in a few statements per table:

- the rows, with the defaults ``create`` applies and the document name it computes;
- the assignee follows the document, as ``message_subscribe`` does when ``create`` calls it
  (its follower row replaced by one with the default subtypes, or the external ones for a
  portal user);
- the assignee's web client is told of an activity due today or earlier: the rows
  ``bus.bus.sendmany`` writes, in one statement (it creates them one by one through the ORM,
  and may run its clean-up at each: a quarter of an hour for 100,000), then its wake-up of
  the long-polling once the transaction commits.

``tests/test_mail_activity.py`` checks that the rows, the followers and the notifications
equal those of ``create``. What the bulk path does not do: call the ``create`` of another
addon that extends ``mail.activity``; such an addon should extend ``_bulk_create`` too.
"""
import odoo
from odoo import api, fields, models

from odoo.addons.bus.models.bus import json_dump


class MailActivity(models.Model):
    _inherit = 'mail.activity'

    @api.model
    def _bulk_create(self, vals_list):
        """Create the activities of ``vals_list`` (dicts as for ``create``, each with
        ``res_model_id`` and ``res_id``) as the superuser would; return them. A caller that
        already has the documents' names (their ``name_get``) passes them as ``res_name``:
        reading them costs a query per thousand documents of a model without a stored
        ``display_name``."""
        if not vals_list:
            return self.browse()
        defaults = self.default_get(['date_deadline', 'user_id'])
        rows = [dict(defaults, **vals) for vals in vals_list]
        models_by_id = {m.id: m.model for m in self.env['ir.model'].sudo().browse(
            {row['res_model_id'] for row in rows})}
        names = {}
        for model_id, model in models_by_id.items():
            ids = list({row['res_id'] for row in rows
                        if row['res_model_id'] == model_id and not row.get('res_name')})
            names[model] = self._bulk_document_names(model, ids) if ids else {}
        columns = ['res_model_id', 'res_model', 'res_id', 'res_name', 'activity_type_id',
                   'summary', 'note', 'date_deadline', 'user_id', 'create_uid', 'create_date',
                   'write_uid', 'write_date']
        now, uid = fields.Datetime.now(), self.env.uid
        values = []
        for row in rows:
            model = models_by_id[row['res_model_id']]
            values.append((row['res_model_id'], model, row['res_id'],
                           row.get('res_name') or names[model].get(row['res_id']),
                           row.get('activity_type_id'),
                           row.get('summary'), row.get('note'), row['date_deadline'],
                           row['user_id'], uid, now, uid, now))
        self.env.cr.execute(
            "INSERT INTO mail_activity (%s) SELECT * FROM unnest(%s) AS v(%s) RETURNING id" % (
                ', '.join(columns), ', '.join('%s::' + kind for kind in (
                    'int[]', 'varchar[]', 'int[]', 'varchar[]', 'int[]', 'varchar[]', 'text[]',
                    'date[]', 'int[]', 'int[]', 'timestamp[]', 'int[]', 'timestamp[]')),
                ', '.join(columns)),
            [list(column) for column in zip(*values)])
        activities = self.browse([row[0] for row in self.env.cr.fetchall()])
        self._bulk_subscribe_assignees(rows, models_by_id)
        self._bulk_notify_assignees(rows)
        self.invalidate_cache()
        return activities

    @api.model
    def _bulk_subscribe_assignees(self, rows, models_by_id):
        """The assignee of each activity follows its document, as ``message_subscribe`` with
        its defaults does: an existing follower row of the assignee is replaced by one with
        the default subtypes (the external ones for a portal user)."""
        assignees = self._bulk_assignees(rows)
        partner_of = {uid: partner_id for uid, (partner_id, _share) in assignees.items()}
        employees = {partner_id for partner_id, share in assignees.values() if not share}
        Subtype = self.env['mail.message.subtype']
        cr = self.env.cr
        for model_id, model in models_by_id.items():
            pairs = {(row['res_id'], partner_of[row['user_id']]) for row in rows
                     if row['res_model_id'] == model_id}
            res_ids, partner_ids = (list(x) for x in zip(*pairs))
            cr.execute("""
                DELETE FROM mail_followers f USING unnest(%s::int[], %s::int[]) AS p(res_id, pid)
                 WHERE f.res_model = %s AND f.res_id = p.res_id AND f.partner_id = p.pid""",
                       (res_ids, partner_ids, model))
            default, _internal, external = Subtype.default_subtypes(model)
            for is_employee, subtypes in ((True, default), (False, external)):
                chosen = [(res_id, pid) for res_id, pid in pairs
                          if (pid in employees) == is_employee]
                if not chosen:
                    continue
                if len(chosen) > 1000:
                    # The foreign key checks of the rows below run plans the connection
                    # cached when the table was small (a sequential scan per row: minutes
                    # for 100,000 rows on a young database): plan them again.
                    cr.execute("DISCARD PLANS")
                cr.execute("""
                    WITH added AS (
                        INSERT INTO mail_followers (res_model, res_id, partner_id)
                        SELECT %s, p.res_id, p.pid
                          FROM unnest(%s::int[], %s::int[]) AS p(res_id, pid)
                        RETURNING id)
                    INSERT INTO mail_followers_mail_message_subtype_rel
                           (mail_followers_id, mail_message_subtype_id)
                    SELECT added.id, s.id FROM added, unnest(%s::int[]) AS s(id)""",
                           (model, [c[0] for c in chosen], [c[1] for c in chosen],
                            subtypes.ids))
        self.env['mail.followers'].invalidate_cache()

    @api.model
    def _bulk_assignees(self, rows):
        """``{user id: (partner id, share)}`` of the assignees of ``rows``, in one query:
        browsing the users reads every field of each user and of its partner."""
        self.env.cr.execute("SELECT id, partner_id, share FROM res_users WHERE id = ANY(%s)",
                            [list({row['user_id'] for row in rows})])
        return {uid: (partner_id, share) for uid, partner_id, share in self.env.cr.fetchall()}

    @api.model
    def _bulk_document_names(self, model, ids):
        """``{id: name}`` of the documents, as ``create`` names them (``name_get``). A model
        that stores its ``display_name`` (the host's partners: the name_get of their
        default context) is read in one query: name_get through the ORM reads every
        prefetched field of every partner, seconds per thousand."""
        Model = self.env[model].sudo()
        field = Model._fields.get('display_name')
        if field is not None and field.store and not field.company_dependent:
            self.env.cr.execute('SELECT id, display_name FROM "%s" WHERE id = ANY(%%s)'
                                % Model._table, [list(ids)])
            return dict(self.env.cr.fetchall())
        return dict(Model.browse(ids).name_get())

    @api.model
    def _bulk_notify_assignees(self, rows):
        """Tell the assignees' web clients of the activities due today or earlier, one
        notification per activity, as ``create`` does (the rows and the wake-up of
        ``bus.bus.sendmany``)."""
        today = fields.Date.today()
        partner_of = {uid: partner_id
                      for uid, (partner_id, _share) in self._bulk_assignees(rows).items()}
        channels = [(self._cr.dbname, 'res.partner', partner_of[row['user_id']])
                    for row in rows if row['date_deadline'] <= today]
        if not channels:
            return
        message = json_dump({'type': 'activity_updated', 'activity_created': True})
        now = fields.Datetime.now()
        self.env.cr.execute("""
            INSERT INTO bus_bus (channel, message, create_date, create_uid, write_date,
                                 write_uid)
            SELECT channel, %s, %s, %s, %s, %s FROM unnest(%s::varchar[]) AS channel""",
                            (message, now, self.env.uid, now, self.env.uid,
                             [json_dump(channel) for channel in channels]))
        woken = json_dump(list(set(channels)))

        def notify():
            with odoo.sql_db.db_connect('postgres').cursor() as cr:
                cr.execute("notify imbus, %s", (woken,))
        self._cr.after('commit', notify)
