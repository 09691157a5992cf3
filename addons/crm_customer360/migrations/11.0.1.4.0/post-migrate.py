# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""* Customer codes, pinyin mnemonics and pinyin for the existing partners, in SQL batches
  (a large base has 100,000 partners; see ``hooks.number_customers``).
* The duplicate check's name key transliterates Latin letters ("Müller" -> "mueller"): the
  keys of the names with such letters are made again (the others do not change).
"""
from psycopg2.extras import execute_values

from odoo import SUPERUSER_ID, api

from odoo.addons.crm_customer360.hooks import number_customers
from odoo.addons.crm_customer360.models import partner_normalize as norm


def refresh_transliterated_name_keys(cr):
    """The name key of every partner whose name has a Latin letter outside ASCII."""
    cr.execute("SELECT id, name FROM res_partner WHERE name ~ '[À-ɏ]'")
    rows = [(pid, norm.normalize_name(name) or None) for pid, name in cr.fetchall()]
    if rows:
        execute_values(cr, """
            UPDATE res_partner p SET dup_name_key = v.key
              FROM (VALUES %s) AS v(id, key) WHERE p.id = v.id""", rows,
                       template='(%s, %s::varchar)', page_size=1000)


def migrate(cr, version):
    env = api.Environment(cr, SUPERUSER_ID, {})
    number_customers(env)
    refresh_transliterated_name_keys(cr)
