"""What an update must not lose: a snapshot of our addons' data, and the comparison of two.

    upgrade_check.py snapshot DB MODULES OUT.json   # before and after the update
    upgrade_check.py compare BEFORE.json AFTER.json
    upgrade_check.py security FRESH_DB UPDATED_DB MODULES

The snapshot reads, with plain SQL, every stored field that one of MODULES defines (on its
own models and on the host's, e.g. res.partner's grade), for every row, and the pairs of its
many2many fields. The comparison fails when a table, a column, a row or a pair of the first
is gone from the second, or a value changed; new tables, columns and rows are fine.
`security` compares the record rules and access rights of MODULES in an updated database
with those of a fresh install: ``noupdate`` records (record rules) are not reloaded by an
update, so a changed one needs a migration script.
Connection: the PG* variables of the environment (scripts/lib.sh sets them).
"""
import json
import sys

import psycopg2

FIELDS = """
    SELECT m.model, f.name, f.ttype, f.relation_table, f.column1, f.column2
      FROM ir_model_fields f
      JOIN ir_model m ON m.id = f.model_id
      JOIN ir_model_data d ON d.model = 'ir.model.fields' AND d.res_id = f.id
     WHERE d.module = ANY(%s) AND f.store AND f.ttype != 'one2many'
     ORDER BY m.model, f.name
"""


def _columns(cr, table):
    """The columns of `table` when it is a plain table (a view, e.g. a report, is derived)."""
    cr.execute("""SELECT a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
                   WHERE c.relname = %s AND c.relkind = 'r' AND a.attnum > 0
                     AND NOT a.attisdropped""", (table,))
    return {row[0] for row in cr.fetchall()}


def snapshot(dbname, modules):
    """Return {"table": {"row id": {column: value}}, "table(a,b)": [[a, b], ...]}."""
    data = {}
    with psycopg2.connect(dbname=dbname) as conn, conn.cursor() as cr:
        cr.execute(FIELDS, (modules,))
        columns, pairs = {}, set()
        for model, name, ttype, relation, column1, column2 in cr.fetchall():
            if ttype == 'many2many':
                if relation:
                    pairs.add((relation, column1, column2))
            else:
                columns.setdefault(model.replace('.', '_'), []).append(name)
        for table, names in sorted(columns.items()):
            existing = _columns(cr, table)
            names = [name for name in names if name in existing]
            if not existing or not names:
                continue
            cr.execute('SELECT id, %s FROM "%s"' % (
                ', '.join('"%s"::text' % name for name in names), table))
            data[table] = {str(row[0]): dict(zip(names, row[1:])) for row in cr.fetchall()}
        for relation, column1, column2 in sorted(pairs):
            if not _columns(cr, relation):
                continue
            cr.execute('SELECT "%s", "%s" FROM "%s" ORDER BY 1, 2' % (column1, column2, relation))
            data['%s(%s,%s)' % (relation, column1, column2)] = [list(row) for row in cr.fetchall()]
    return data


def compare(before, after):
    """Return the list of what `after` lost or changed of `before`, one line each."""
    problems = []
    moved_rows = {}  # (table, key column): {key value: row}
    for new_table, _new_column, key in MOVED.values():
        moved_rows[new_table, key] = {
            row.get(key): row for row in after.get(new_table, {}).values()}
    for table, rows in sorted(before.items()):
        if table not in after:
            problems.append('%s: gone' % table)
            continue
        if isinstance(rows, list):
            lost = {tuple(pair) for pair in rows} - {tuple(pair) for pair in after[table]}
            problems += ['%s: pair %s gone' % (table, pair) for pair in sorted(lost)]
            continue
        for row_id, values in sorted(rows.items(), key=lambda item: int(item[0])):
            new = after[table].get(row_id)
            if new is None:
                problems.append('%s #%s: gone' % (table, row_id))
                continue
            for column, value in sorted(values.items()):
                if (table, column) in DERIVED:
                    continue
                if (table, column) in MOVED:
                    new_table, new_column, key = MOVED[table, column]
                    moved = moved_rows[new_table, key].get(row_id, {}).get(new_column)
                    if moved != value:
                        problems.append('%s #%s %s (now %s.%s): %r became %r' % (
                            table, row_id, column, new_table, new_column, value, moved))
                    continue
                column_after = RENAMED.get((table, column), column)
                if column_after in new and column_after != column:
                    if new[column_after] != value:
                        problems.append('%s #%s %s (now %s): %r became %r' % (
                            table, row_id, column, column_after, value, new[column_after]))
                    continue
                if column not in new:
                    problems.append('%s.%s: column gone' % (table, column))
                elif new[column] != value:
                    problems.append('%s #%s %s: %r became %r' % (table, row_id, column,
                                                                 value, new[column]))
    return problems


# Columns a migration renamed: the old value must be found under the new name.
RENAMED = {
    # crm_customer360 11.0.1.3.0: texts stored in the writer's language kept as written
    ('crm_customer_ownership_history', 'reason'): 'reason_text',
    ('res_partner', 'pool_released_reason'): 'pool_released_reason_text',
    ('crm_customer_batch', 'name'): 'name_text',
    ('crm_customer_merge_log', 'merged_partners'): 'merged_partners_text',
    ('crm_customer_merge_log', 'moved_summary'): 'moved_summary_text',
    ('crm_customer_merge_log', 'dropped_records'): 'dropped_records_text',
    # crm_grading 11.0.1.2.0
    ('res_partner', 'credit_explanation'): 'credit_explanation_legacy',
    ('crm_customer_grade_history', 'explanation'): 'explanation_legacy',
}
# Columns a migration moved to another table: (table, column): (new table, new column, the
# new table's column holding the old row's id).
MOVED = {
    # crm_grading 11.0.1.3.0: a credit rating's figures and time, in their own narrow table
    ('res_partner', 'credit_facts'): ('crm_customer_credit', 'facts', 'partner_id'),
    ('res_partner', 'credit_rated_date'): ('crm_customer_credit', 'rated_date', 'partner_id'),
}
# Columns no longer stored: computed when read from what is still stored, so nothing is lost.
DERIVED = {
    # the handover's name: "giver to receiver", in the reader's language (crm_customer360
    # 11.0.1.3.0), from from_user_id and to_user_id, which are compared
    ('crm_customer_handover', 'name'),
    # a grading run's message (crm_grading 11.0.1.2.0): a finished run's is composed from
    # customer_count and change_count, which are compared; a failed run's error is kept in
    # message_text (not checked here)
    ('crm_grading_run', 'message'),
    # the duplicate check's key of a name, derived from the name: crm_customer360 11.0.1.4.0
    # folds transliterations (ü -> ue, ß -> ss) and its migration makes the keys again
    ('res_partner', 'dup_name_key'),
    # crm_customer360 11.0.1.5.0: the pool and duplicate check settings are each company's;
    # the settings form's (transient) fields read them from res_company (the migration
    # copies the old system parameters there)
} | {('res_config_settings', name) for name in (
    'pool_enabled', 'pool_release_days', 'pool_exempt_open_orders',
    'pool_exempt_unpaid_invoices', 'pool_exempt_locked', 'max_customers_per_user',
    'pool_reclaim_block_days', 'dup_threshold', 'dup_block_email', 'dup_block_phone',
    'dup_block_domain')}


SECURITY = """
    SELECT 'ir.rule ' || d.module || '.' || d.name,
           concat_ws(' | ', 'model=' || m.model, 'global=' || r."global", 'active=' || r.active,
                     'perms=' || r.perm_read::int || r.perm_write::int || r.perm_create::int
                                || r.perm_unlink::int,
                     'groups=' || (SELECT string_agg(gd.module || '.' || gd.name, ',' ORDER BY 1)
                                     FROM rule_group_rel rg
                                     JOIN ir_model_data gd ON gd.model = 'res.groups'
                                                         AND gd.res_id = rg.group_id
                                    WHERE rg.rule_group_id = r.id),
                     'domain=' || regexp_replace(r.domain_force, '\\s+', ' ', 'g'))
      FROM ir_model_data d
      JOIN ir_rule r ON d.model = 'ir.rule' AND d.res_id = r.id
      JOIN ir_model m ON m.id = r.model_id
     WHERE d.module = ANY(%(modules)s)
    UNION ALL
    SELECT 'ir.model.access ' || d.module || '.' || d.name,
           concat_ws(' | ', 'model=' || m.model, 'active=' || a.active,
                     'perms=' || a.perm_read::int || a.perm_write::int || a.perm_create::int
                                || a.perm_unlink::int,
                     'group=' || (SELECT gd.module || '.' || gd.name FROM ir_model_data gd
                                   WHERE gd.model = 'res.groups' AND gd.res_id = a.group_id
                                   ORDER BY gd.id LIMIT 1))
      FROM ir_model_data d
      JOIN ir_model_access a ON d.model = 'ir.model.access' AND d.res_id = a.id
      JOIN ir_model m ON m.id = a.model_id
     WHERE d.module = ANY(%(modules)s)
"""


def security(dbname, modules):
    """Return {xml id: description} of the record rules and access rights of `modules`."""
    with psycopg2.connect(dbname=dbname) as conn, conn.cursor() as cr:
        cr.execute(SECURITY, {'modules': modules})
        return dict(cr.fetchall())


def compare_security(fresh, updated):
    """Return what differs in `updated` from a fresh install: stale noupdate records."""
    problems = []
    for xml_id, value in sorted(fresh.items()):
        if xml_id not in updated:
            problems.append('%s: missing after the update' % xml_id)
        elif updated[xml_id] != value:
            problems.append('%s differs from a fresh install (a noupdate record changed: '
                            'reload it in a migration script)\n    fresh:   %s\n    updated: %s'
                            % (xml_id, value, updated[xml_id]))
    problems += ['%s: left over (deleted from the addon: remove it in a migration script)'
                 % xml_id for xml_id in sorted(set(updated) - set(fresh))]
    return problems


def main(argv):
    if len(argv) == 5 and argv[1] == 'snapshot':
        data = snapshot(argv[2], argv[3].split(','))
        with open(argv[4], 'w') as out:
            json.dump(data, out, sort_keys=True)
        rows = sum(len(rows) for rows in data.values())
        print('%s: %d tables, %d rows and pairs of %s' % (argv[2], len(data), rows, argv[3]))
        return 0
    if len(argv) == 4 and argv[1] == 'compare':
        with open(argv[2]) as one, open(argv[3]) as two:
            before, after = json.load(one), json.load(two)
        problems = compare(before, after)
        # A column gone is reported once, not once per row.
        problems = list(dict.fromkeys(problems))
        for line in problems[:200]:
            print('lost: ' + line)
        if len(problems) > 200:
            print('... and %d more' % (len(problems) - 200))
        rows = sum(len(rows) for rows in before.values())
        print('upgrade: %d tables, %d rows and pairs checked, %d lost or changed'
              % (len(before), rows, len(problems)))
        return 1 if problems else 0
    if len(argv) == 5 and argv[1] == 'security':
        problems = compare_security(security(argv[2], argv[4].split(',')),
                                    security(argv[3], argv[4].split(',')))
        for line in problems:
            print('security: ' + line)
        print('security: %d record rules and access rights compared with a fresh install, '
              '%d differ' % (len(security(argv[2], argv[4].split(','))), len(problems)))
        return 1 if problems else 0
    print(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
