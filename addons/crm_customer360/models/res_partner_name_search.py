# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Finding a partner by its customer code, pinyin mnemonic or pinyin, wherever a name is
searched: many2one fields, the search view's default field, ``name_search`` over RPC."""
from odoo import api, models
from odoo.osv.expression import get_unaccent_wrapper
from odoo.tools.sql import escape_psql

# The operators the host's own query serves (res.partner.name_search); others go to it.
SEARCH_OPERATORS = ('=', 'ilike', '=ilike', 'like', '=like')


class ResPartner(models.Model):
    _inherit = 'res.partner'

    @api.model
    def name_search(self, name, args=None, operator='ilike', limit=100):
        """The host's partner search (e-mail, name, reference, tax number) that also finds
        the code, the mnemonic and the pinyin by their beginning ("xbd", "C00012",
        "xinbei"), in the same single query, under the caller's access rules."""
        if not name or operator not in SEARCH_OPERATORS:
            return super().name_search(name, args=args, operator=operator, limit=limit)
        ids = self._name_search_ids(name, args or [], operator, limit)
        return self.browse(ids).name_get() if ids else []

    @api.model
    def _name_search_ids(self, name, args, operator, limit):
        """Ids of the partners matching ``name`` by ``operator`` (one of
        ``SEARCH_OPERATORS``), best first: one query, on trigram indexes."""
        self.check_access_rights('read')
        query = self._where_calc(args)
        self._apply_ir_rules(query, 'read')
        from_clause, where_clause, params = query.get_sql()
        where = ('%s AND ' % where_clause) if where_clause else ''
        # The host's columns, as the host compares them.
        host_value = name
        if operator in ('ilike', 'like'):
            host_value = '%%%s%%' % name
        sql_operator = operator[1:] if operator in ('=ilike', '=like') else operator
        # Ours, by their beginning whatever the case: a mnemonic or a pinyin has no case.
        own_value = escape_psql(name) if operator == '=' else (
            name if operator in ('=ilike', '=like') else escape_psql(name) + '%')
        unaccent = get_unaccent_wrapper(self.env.cr)
        column = lambda col: unaccent('"res_partner".%s' % col)  # noqa: E731
        sql = """
            SELECT "res_partner".id FROM {from_clause}
             WHERE {where}({email} {op} {value} OR {display_name} {op} {value}
                    OR {ref} {op} {value} OR {vat} {op} {value}
                    OR "res_partner".customer_code ILIKE %s
                    OR "res_partner".mnemonic ILIKE %s
                    OR "res_partner".name_pinyin ILIKE %s)
             ORDER BY {display_name} {op} {value} DESC, {display_name}""".format(
            from_clause=from_clause, where=where, op=sql_operator, value=unaccent('%s'),
            email=column('email'), display_name=column('display_name'), ref=column('ref'),
            vat=column('vat'))
        params = list(params) + [host_value] * 4 + [own_value] * 3 + [host_value]
        if limit:
            sql += ' LIMIT %s'
            params.append(limit)
        self.env.cr.execute(sql, params)
        return [row[0] for row in self.env.cr.fetchall()]
