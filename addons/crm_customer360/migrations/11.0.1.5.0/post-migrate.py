# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The public pool rules and the duplicate check's strictness are each company's
(``res_company_settings.py``): the values the administrator kept in system parameters are
copied into every company, and the parameters deleted."""

# column of res_company: (system parameter, type, (lowest, highest) for numbers)
MOVED_PARAMS = {
    'pool_enabled': ('crm_customer360.pool_enabled', bool, None),
    'pool_release_days': ('crm_customer360.pool_release_days', int, (1, 3650)),
    'pool_exempt_open_orders': ('crm_customer360.pool_exempt_open_orders', bool, None),
    'pool_exempt_unpaid_invoices': ('crm_customer360.pool_exempt_unpaid_invoices', bool, None),
    'pool_exempt_locked': ('crm_customer360.pool_exempt_locked', bool, None),
    'max_customers_per_user': ('crm_customer360.max_customers_per_user', int, (0, 100000)),
    'pool_reclaim_block_days': ('crm_customer360.pool_reclaim_block_days', int, (0, 3650)),
    'dup_threshold': ('crm_customer360.dup_threshold', int, (1, 100)),
    'dup_block_email': ('crm_customer360.dup_block_email', bool, None),
    'dup_block_phone': ('crm_customer360.dup_block_phone', bool, None),
    'dup_block_domain': ('crm_customer360.dup_block_domain', bool, None),
}


def _value(raw, kind, bounds):
    """The column value of a parameter's text as the old settings read it; None when the
    text says nothing (the column keeps its default)."""
    if raw in (None, ''):
        return None
    if kind is bool:
        return raw not in ('False', '0')
    try:
        value = int(raw)
    except ValueError:
        return None
    return min(max(value, bounds[0]), bounds[1])


def move_settings_to_companies(cr):
    """Copy each parameter of ``MOVED_PARAMS`` into every company and delete it."""
    keys = [param for param, _kind, _bounds in MOVED_PARAMS.values()]
    cr.execute("SELECT key, value FROM ir_config_parameter WHERE key = ANY(%s)", (keys,))
    raw = dict(cr.fetchall())
    for column, (param, kind, bounds) in sorted(MOVED_PARAMS.items()):
        value = _value(raw.get(param), kind, bounds)
        if value is not None:
            # The column names come from MOVED_PARAMS above, never from the data.
            cr.execute('UPDATE res_company SET "%s" = %%s' % column, (value,))
    cr.execute("DELETE FROM ir_config_parameter WHERE key = ANY(%s)", (keys,))


def migrate(cr, version):
    if version:
        move_settings_to_companies(cr)
