# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""* Staff are not customers: the partners of the existing users lose the customer flag (new
  users' partners lose it when the user is created).
* A new partner speaks the language of whoever creates it: the database-wide default
  language of partners goes (see ``hooks.drop_partner_lang_default``).
* ``has_duplicates`` became a stored flag (computing it for the Possible Duplicates list
  took minutes over a large base): the new column is empty, so queue the job that fills it,
  by parts, in the background (it runs once the job runner starts).
"""
from odoo import SUPERUSER_ID, api

from odoo.addons.crm_customer360.hooks import drop_partner_lang_default


def migrate(cr, version):
    cr.execute("""
        UPDATE res_partner p SET customer = FALSE
          FROM res_users u
         WHERE u.partner_id = p.id AND p.customer""")
    drop_partner_lang_default(cr)
    env = api.Environment(cr, SUPERUSER_ID, {})
    env['res.partner']._cron_dup_flags()
