# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""* Staff are not customers: the partners of the existing users lose the customer flag (new
  users' partners lose it when the user is created).
* A new partner speaks the language of whoever creates it: the database-wide default
  language of partners goes (see ``hooks.drop_partner_lang_default``).
"""
from odoo.addons.crm_customer360.hooks import drop_partner_lang_default


def migrate(cr, version):
    cr.execute("""
        UPDATE res_partner p SET customer = FALSE
          FROM res_users u
         WHERE u.partner_id = p.id AND p.customer""")
    drop_partner_lang_default(cr)
