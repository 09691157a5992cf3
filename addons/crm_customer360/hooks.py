# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Install hook: the partners of the existing users are not customers, a new partner speaks
the language of whoever creates it, and the existing partners get their customer codes and
mnemonics."""
from odoo import SUPERUSER_ID, api


def drop_partner_lang_default(cr):
    """Remove the database-wide default language of new partners.

    A database created with a language (``--load-language``) gets that language as the
    default of every new partner (an ``ir.default``), whoever creates it: an English user's
    new customer would be Chinese. Without it, a new partner takes the language of the user
    who creates it (the host field's own default).
    """
    cr.execute("""
        DELETE FROM ir_default d
         USING ir_model_fields f
         WHERE d.field_id = f.id AND f.model = 'res.partner' AND f.name = 'lang'
           AND d.user_id IS NULL AND d.company_id IS NULL AND d.condition IS NULL""")


def number_customers(env):
    """Customer codes, mnemonics and pinyin for the partners that have none: each company
    gets its code sequence, then SQL batches fill the partners (see ``res_partner_code``)."""
    for company in env['res.company'].with_context(active_test=False).search([]):
        company._customer_code_sequence()
    partners = env['res.partner']
    partners._customer_code_backfill()
    partners._mnemonic_backfill()


def post_init_hook(cr, registry):
    env = api.Environment(cr, SUPERUSER_ID, {})
    number_customers(env)
    env['res.users']._unmark_customers()
    drop_partner_lang_default(cr)
    env['ir.default'].clear_caches()
