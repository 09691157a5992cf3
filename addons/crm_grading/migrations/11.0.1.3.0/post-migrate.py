# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The figures behind a credit rating and its time moved from the partner to
``crm_customer_credit`` (see why in models/crm_customer_credit.py): copied there, then the
partner's columns dropped, so that nothing reads a stale copy."""

from odoo.tools.sql import column_exists


def migrate(cr, version):
    if not column_exists(cr, 'res_partner', 'credit_facts'):
        return
    cr.execute("""
        INSERT INTO crm_customer_credit (partner_id, facts, rated_date)
             SELECT id, credit_facts, credit_rated_date
               FROM res_partner
              WHERE credit_facts IS NOT NULL OR credit_rated_date IS NOT NULL
        ON CONFLICT (partner_id) DO NOTHING""")
    cr.execute("ALTER TABLE res_partner DROP COLUMN credit_facts")
    if column_exists(cr, 'res_partner', 'credit_rated_date'):
        cr.execute("ALTER TABLE res_partner DROP COLUMN credit_rated_date")
