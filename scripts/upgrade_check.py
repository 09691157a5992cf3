"""What an update must not lose: a snapshot of our addons' data, and the comparison of two.

    upgrade_check.py snapshot DB MODULES OUT.json   # before and after the update
    upgrade_check.py compare BEFORE.json AFTER.json

The snapshot reads, with plain SQL, every stored field that one of MODULES defines (on its
own models and on the host's, e.g. res.partner's grade), for every row, and the pairs of its
many2many fields. The comparison fails when a table, a column, a row or a pair of the first
is gone from the second, or a value changed; new tables, columns and rows are fine.
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
    cr.execute("SELECT column_name FROM information_schema.columns WHERE table_name = %s",
               (table,))
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
                if column not in new:
                    problems.append('%s.%s: column gone' % (table, column))
                elif new[column] != value:
                    problems.append('%s #%s %s: %r became %r' % (table, row_id, column,
                                                                 value, new[column]))
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
    print(__doc__)
    return 2


if __name__ == '__main__':
    sys.exit(main(sys.argv))
