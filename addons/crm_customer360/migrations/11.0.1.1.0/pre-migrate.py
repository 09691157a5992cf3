# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""``pool_release_date`` / ``pool_release_reason`` used to hold the last release; they now
show the coming one (computed) and the last release moved to ``pool_released_*``."""


def migrate(cr, version):
    cr.execute("""
        SELECT column_name FROM information_schema.columns
         WHERE table_name = 'res_partner'
           AND column_name IN ('pool_release_date', 'pool_release_reason',
                               'pool_released_date', 'pool_released_reason')""")
    columns = {row[0] for row in cr.fetchall()}
    for old, new in (('pool_release_date', 'pool_released_date'),
                     ('pool_release_reason', 'pool_released_reason')):
        if old in columns and new not in columns:
            cr.execute('ALTER TABLE res_partner RENAME COLUMN "%s" TO "%s"' % (old, new))
