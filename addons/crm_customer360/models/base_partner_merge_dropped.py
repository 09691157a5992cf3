# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Rows the host's partner merge deletes instead of moving them, so that the merge preview and
the merge log can name them.

The host (``crm/wizard/base_partner_merge.py``) moves every row that references a merged-away
partner with one ``UPDATE`` per table; when that breaks a unique constraint (two rows of the
table would then reference the survivor with the same other values) it deletes *every* row of
the merged-away partners in that table. It does the same with the followers of the partner
records themselves (``_update_reference_fields``). Relation tables of many2many fields (one
other column) lose only pairs that the survivor already has: nothing is lost there, they are not
reported.

The prediction reads the table's unique indexes; ``_merge_dropped_label`` says what a row was
(extend it for a clearer label of a model).
"""
from odoo import _, api, models


class BasePartnerMergeAutomaticWizard(models.TransientModel):
    _inherit = 'base.partner.merge.automatic.wizard'

    @api.model
    def _merge_split(self, partners, dst_partner=None):
        """``(sources, destination)`` as the host's ``_merge`` chooses them."""
        if dst_partner and dst_partner in partners:
            return partners - dst_partner, dst_partner
        ordered = self._get_ordered_partner(partners.ids)
        return ordered[:-1], ordered[-1]

    @api.model
    def _merge_dropped_rows(self, src_partners, dst_partner):
        """The rows the host would delete when merging ``src_partners`` into ``dst_partner``,
        as a list of ``(table, id, label)`` read before the merge."""
        if not src_partners or not dst_partner:
            return []
        found = []
        relations = [(table, column) for table, column in self._get_fk_on('res_partner')
                     if 'base_partner_merge_' not in table]
        columns, indexes = self._merge_table_structure({table for table, _c in relations})
        for table, column in relations:
            # The host's own test: one other column is a relation table (no loss).
            if len(columns[table] - {column}) <= 1 or 'id' not in columns[table]:
                continue
            if any(self._merge_fk_conflicts(table, column, index, src_partners.ids,
                                            dst_partner.id)
                   for index in indexes.get(table, []) if column in index):
                self.env.cr.execute('SELECT id FROM "%s" WHERE "%s" IN %%s ORDER BY id'
                                    % (table, column), (tuple(src_partners.ids),))
                found += [(table, row[0]) for row in self.env.cr.fetchall()]
        found += [('mail_followers', fid)
                  for fid in self._merge_dropped_partner_followers(src_partners, dst_partner)]
        unique = []
        for key in found:
            if key not in unique:
                unique.append(key)
        return self._merge_label_rows(unique)

    @api.model
    def _merge_table_structure(self, tables):
        """``({table: set(columns)}, {table: [unique index columns]})`` of ``tables`` in the
        current schema, in two queries; only unique indexes of plain columns without a
        condition count."""
        tables = sorted(tables)
        columns = {table: set() for table in tables}
        indexes = {}
        if not tables:
            return columns, indexes
        self.env.cr.execute("""
            SELECT table_name, column_name FROM information_schema.columns
             WHERE table_name = ANY(%s) AND table_schema = current_schema()""", (tables,))
        for table, column in self.env.cr.fetchall():
            columns[table].add(column)
        self.env.cr.execute("""
            SELECT c.relname, array_agg(a.attname::text ORDER BY k.n)
              FROM pg_index i
              JOIN pg_class c ON c.oid = i.indrelid
              CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
             WHERE c.relname = ANY(%s) AND pg_table_is_visible(c.oid) AND i.indisunique
               AND i.indpred IS NULL AND i.indexprs IS NULL
             GROUP BY c.relname, i.indexrelid""", (tables,))
        for table, index_columns in self.env.cr.fetchall():
            indexes.setdefault(table, []).append(index_columns)
        return columns, indexes

    @api.model
    def _merge_fk_conflicts(self, table, column, index_columns, src_ids, dst_id):
        """Whether moving ``table.column`` from ``src_ids`` to ``dst_id`` gives two rows the
        same values of the unique index ``index_columns`` (which contains ``column``)."""
        others = [col for col in index_columns if col != column]
        # NULLs never collide in a unique index.
        not_null = ''.join(' AND "%s" IS NOT NULL' % col for col in others)
        group = ' GROUP BY %s' % ', '.join('"%s"' % col for col in others) if others else ''
        self.env.cr.execute(
            'SELECT 1 FROM "%s" WHERE "%s" IN %%s%s%s '
            'HAVING count(*) > 1 AND bool_or("%s" != %%s) LIMIT 1'
            % (table, column, not_null, group, column),
            (tuple(src_ids) + (dst_id,), dst_id))
        return bool(self.env.cr.fetchone())

    @api.model
    def _merge_dropped_partner_followers(self, src_partners, dst_partner):
        """Followers of the merged-away partner records that the host unlinks: all of a
        partner's followers as soon as one of them already follows the survivor."""
        Followers = self.env['mail.followers'].sudo()
        domain = [('res_model', '=', 'res.partner'), ('res_id', '=', dst_partner.id)]
        following = {(f.partner_id.id, f.channel_id.id) for f in Followers.search(domain)}
        dropped = []
        for partner in src_partners:
            followers = Followers.search([('res_model', '=', 'res.partner'),
                                          ('res_id', '=', partner.id)])
            keys = {(f.partner_id.id, f.channel_id.id) for f in followers}
            if keys & following:
                dropped += followers.ids
            else:
                following |= keys
        return dropped

    @api.model
    def _merge_label_rows(self, rows):
        """``[(table, id, label)]`` of ``[(table, id)]``: what each row is, as facts read in
        words by ``_merge_dropped_lines`` (see ``_merge_dropped_label``)."""
        models_by_table = {}
        for name in self.env.registry.models:
            Model = self.env[name]
            if not Model._abstract and Model._auto and not Model._transient:
                models_by_table.setdefault(Model._table, Model)
        labelled = []
        for table, rid in rows:
            Model = models_by_table.get(table)
            if Model is None:
                labelled.append((table, rid, ['table', table]))
                continue
            record = Model.sudo().with_context(active_test=False).browse(rid)
            label = self._merge_dropped_label(record)
            labelled.append((table, rid, label))
        return labelled

    @api.model
    def _merge_dropped_label(self, record):
        """What ``record`` (about to be deleted by the merge) is, as facts: ``['follow',
        follower, document]`` or ``['record', model, name]``; extend per model (and
        ``_merge_dropped_words``)."""
        if record._name == 'mail.followers':
            follower = record.partner_id.display_name or record.channel_id.display_name
            document = record.res_model in self.env and self.env[record.res_model].sudo().browse(
                record.res_id).exists()
            return ['follow', follower, document.display_name if document else '%s,%s' % (
                record.res_model, record.res_id)]
        return ['record', record._name, record.display_name]

    @api.model
    def _merge_dropped_words(self, label):
        """The facts of ``_merge_dropped_label`` in the reader's language (a text label of
        an older log as it is)."""
        if not isinstance(label, (list, tuple)):
            return label
        if label[0] == 'follow':
            return _("%(follower)s following %(document)s") % {
                'follower': label[1], 'document': label[2]}
        if label[0] == 'record':
            model = self.env['ir.model'].sudo()._get(label[1])
            return '%s: %s' % (model.name or label[1], label[2])
        return label[-1]

    @api.model
    def _merge_dropped_lines(self, rows):
        """One readable line per dropped row: table, record id and what it was."""
        return [_("%(table)s #%(id)d: %(label)s") % {
            'table': table, 'id': rid, 'label': self._merge_dropped_words(label)}
            for table, rid, label in rows]

    @api.model
    def _merge_rows_gone(self, rows):
        """The rows of ``rows`` that no longer exist (after the merge)."""
        gone = []
        for table, rid, label in rows:
            self.env.cr.execute('SELECT 1 FROM "%s" WHERE id = %%s' % table, (rid,))
            if not self.env.cr.fetchone():
                gone.append((table, rid, label))
        return gone
