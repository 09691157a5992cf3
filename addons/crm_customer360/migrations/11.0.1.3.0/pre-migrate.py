# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Generated texts are read in the reader's language: the ownership history's reason and the
reason of a customer's last release to the pool are composed from facts when read. The
texts stored until now (in the language of whoever made the change) are kept under another
name and shown as they were.
"""

from odoo.tools.sql import column_exists, rename_column


def _rename(cr, table, old, new):
    if column_exists(cr, table, old):
        rename_column(cr, table, old, new)


def migrate(cr, version):
    _rename(cr, 'crm_customer_ownership_history', 'reason', 'reason_text')
    _rename(cr, 'res_partner', 'pool_released_reason', 'pool_released_reason_text')
    _rename(cr, 'crm_customer_batch', 'name', 'name_text')
    for column in ('merged_partners', 'moved_summary', 'dropped_records'):
        _rename(cr, 'crm_customer_merge_log', column, column + '_text')
