# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the duplicate check adds for the names and numbers Chinese teams type: the brand
(字号) alone or with another industry word, and a local phone number typed without a country
compared with the numbers stored before the company's country was assumed."""
from odoo import _, api, models
from odoo.tools.sql import escape_psql

from . import partner_normalize as norm

# A brand shared by more companies than this says little: the first ones are enough.
MAX_BRAND_MATCHES = 50
# The same brand with another industry word or alone ("鑫北斗科技" / "鑫北斗软件开发") scores
# below the exact hits (tax number 100 ... website 70); it counts as a name BRAND_SIMILARITY
# similar: reported while the similarity threshold is not above it.
BRAND_SCORE = 62
BRAND_SIMILARITY = 70


class ResPartner(models.Model):
    _inherit = 'res.partner'

    @api.model
    def _dup_brand_reasons(self, name_key, record_id, excluded, threshold):
        """The companies of the same brand as ``name_key``, as ``{id: (score, reason)}``;
        none when ``threshold`` is above ``BRAND_SIMILARITY``."""
        brand = threshold <= BRAND_SIMILARITY and norm.brand_core(name_key)
        reason = (BRAND_SCORE, _("Same brand \"%s\"") % brand) if brand else None
        return {cid: reason for cid in self._dup_brand_matches(brand, record_id, excluded)}

    @api.model
    def _dup_brand_matches(self, brand, record_id, excluded):
        """Commercial entities whose name key begins with the brand core ``brand`` (their
        own industry word may differ), as a list of ids; one query on the trigram index."""
        if not brand:
            return []
        self.env.cr.execute("""
            SELECT p.id FROM res_partner p
             WHERE p.dup_name_key LIKE %(pattern)s
               AND (p.is_company OR p.parent_id IS NULL)
               AND p.id != %(own)s
               AND p.id != ALL(%(excluded)s::int[])
               AND COALESCE(p.commercial_partner_id, p.id) != ALL(%(excluded)s::int[])
             ORDER BY p.id LIMIT %(limit)s""", {
            'pattern': escape_psql(brand) + '%', 'own': record_id or 0,
            'excluded': list(excluded), 'limit': MAX_BRAND_MATCHES})
        return [row[0] for row in self.env.cr.fetchall()]

    @api.model
    def default_get(self, fields_list):
        """A new customer (the customer forms say so with ``default_customer``) is in the
        company's country unless told otherwise: its local phone number is then read in
        that country by the duplicate check, as the salesperson typed it."""
        res = super().default_get(fields_list)
        context = self.env.context
        if 'country_id' in fields_list and not res.get('country_id') and \
                context.get('default_customer') and not context.get('default_parent_id'):
            res['country_id'] = self._dup_default_country().id or False
        return res

    def _dup_default_country(self):
        """The country a partner without one is in: its company's, else the user's
        company's."""
        company = (self[:1].company_id if self else None) or self.env.user.company_id
        return company.sudo().country_id

    def _dup_phone_digits(self, values=None):
        """The digits of the phone and mobile as typed: the key of a partner saved without a
        country before the company's country was assumed for it."""
        vals = self._dup_values(values)
        digits = []
        for name in ('phone', 'mobile'):
            value = norm.normalize_phone(vals.get(name), None)
            if value and value not in digits:
                digits.append(value)
        return digits
