# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Identity of the customer on ``res.partner``: scope, size, capital, tax number checks."""
import re

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

try:
    from stdnum.cn import uscc
    from stdnum.exceptions import ValidationError as StdnumError
except ImportError:  # pragma: no cover - declared in external_dependencies
    uscc = None
    StdnumError = Exception

COMPANY_SIZES = [
    ('micro', 'Micro (fewer than 10 employees)'),
    ('small', 'Small (10-99 employees)'),
    ('medium', 'Medium (100-999 employees)'),
    ('large', 'Large (1,000 employees or more)'),
]
# Bounds of the identity values typed on the card: the largest registered capitals are below
# 10^13 yuan, and a business scope (经营范围) fills a page at most.
MAX_REGISTERED_CAPITAL = 10 ** 14
MAX_BUSINESS_SCOPE = 10000


class ResPartner(models.Model):
    _inherit = 'res.partner'

    business_scope = fields.Text(
        'Business Scope', help="What the company is registered to do (经营范围).")
    company_size = fields.Selection(COMPANY_SIZES, 'Company Size')
    registered_capital = fields.Monetary(
        'Registered Capital', currency_field='figures_currency_id')
    profile_completeness = fields.Integer(
        'Profile Completeness (%)', compute='_compute_profile_completeness', store=True,
        help="Share of the identity items filled in on the customer's record.")
    profile_missing = fields.Char(
        'Missing Profile Items', compute='_compute_profile_missing',
        help="The identity items still to fill in.")

    def _profile_items(self):
        """Identity items counted by the profile completeness, as (field, label) pairs.

        Companies and individuals are held to different lists; extend to add an item (and add
        the field to the ``@api.depends`` of ``_compute_profile_completeness``).
        """
        common = [('email', _("E-mail")), ('street', _("Street")), ('city', _("City")),
                  ('country_id', _("Country"))]
        phone = ('phone', _("Phone or mobile"))
        if self.is_company:
            return [('vat', _("Tax number"))] + common + [
                phone, ('website', _("Website")), ('industry_id', _("Industry")),
                ('business_scope', _("Business scope")), ('company_size', _("Company size")),
                ('registered_capital', _("Registered capital")),
                ('user_id', _("Salesperson"))]
        return common + [phone, ('function', _("Job position"))]

    @api.depends('is_company', 'vat', 'email', 'street', 'city', 'country_id', 'phone',
                 'mobile', 'website', 'industry_id', 'business_scope', 'company_size',
                 'registered_capital', 'user_id', 'function')
    def _compute_profile_completeness(self):
        for partner in self:
            items = partner._profile_items()
            missing = partner._profile_missing_labels()
            partner.profile_completeness = (
                int(round(100.0 * (len(items) - len(missing)) / len(items))) if items else 100)

    @api.multi
    def _store_profile_completeness(self):
        """Recompute and store the completeness of many partners in one UPDATE (used after
        set-based SQL changes of the fields it counts, which the ORM does not see)."""
        values = {}
        for partner in self:
            items = partner._profile_items()
            missing = partner._profile_missing_labels()
            values[partner.id] = (
                int(round(100.0 * (len(items) - len(missing)) / len(items))) if items else 100)
        if values:
            self._write_profile_completeness(values)

    @api.model
    def _write_profile_completeness(self, values):
        """Store ``{partner id: percentage}`` in one statement, bypassing the ORM (and its
        write access check and tracking) because callers move thousands at a time."""
        self.env.cr.execute("""
            UPDATE res_partner p SET profile_completeness = v.value
              FROM unnest(%s::int[], %s::int[]) AS v(id, value)
             WHERE p.id = v.id""", (list(values), list(values.values())))
        self.invalidate_cache(['profile_completeness'], list(values))

    @api.model
    def _profile_owner_changed(self, gained_ids, lost_ids):
        """Shift the stored completeness of companies that gained or lost their salesperson
        in set-based SQL, without reading the partners (thousands at a time).

        The salesperson is one of the company items: the number of items filled is found
        back from the stored percentage, one is added or removed. Partners whose stored value
        does not fit are recomputed in full; those without one (rows written in SQL by an
        import, never computed) are left to the next full computation.
        """
        items = [name for name, _label in self.new({'is_company': True})._profile_items()]
        if 'user_id' not in items or not (gained_ids or lost_ids):
            return
        count = len(items)
        percent = [int(round(100.0 * filled / count)) for filled in range(count + 1)]
        filled_of = {value: filled for filled, value in enumerate(percent)}
        self.env.cr.execute("""
            SELECT id, profile_completeness FROM res_partner
             WHERE id = ANY(%s) AND is_company AND profile_completeness IS NOT NULL""",
                            (list(gained_ids) + list(lost_ids),))
        gained = set(gained_ids)
        values, odd = {}, []
        for partner_id, stored in self.env.cr.fetchall():
            filled = filled_of.get(stored)
            step = 1 if partner_id in gained else -1
            if filled is None or not 0 <= filled + step <= count:
                odd.append(partner_id)
            else:
                values[partner_id] = percent[filled + step]
        if values:
            self._write_profile_completeness(values)
        if odd:
            self.browse(odd)._store_profile_completeness()

    def _compute_profile_missing(self):
        for partner in self:
            partner.profile_missing = ', '.join(partner._profile_missing_labels()) or False

    def _profile_missing_labels(self):
        """Labels of the profile items this partner lacks."""
        return [label for name, label in self._profile_items()
                if not self._profile_item_filled(name)]

    def _profile_item_filled(self, name):
        """Whether a profile item counts as filled in; the phone item accepts a mobile."""
        if name == 'phone':
            return bool(self.phone or self.mobile)
        return bool(self[name])

    @api.constrains('registered_capital', 'business_scope')
    def _check_identity_bounds(self):
        """A registered capital from 0 to ``MAX_REGISTERED_CAPITAL``, a business scope of at
        most ``MAX_BUSINESS_SCOPE`` characters."""
        for partner in self:
            capital = partner.registered_capital or 0.0
            # "not a <= x <= b" also refuses NaN, which compares false to everything.
            if not 0 <= capital <= MAX_REGISTERED_CAPITAL:
                raise ValidationError(_(
                    "The registered capital of %(partner)s must be between 0 and %(maximum)s, "
                    "not %(value)s.") % {'partner': (partner.display_name or '')[:80],
                                         'maximum': '{:,}'.format(MAX_REGISTERED_CAPITAL),
                                         'value': capital})
            if len(partner.business_scope or '') > MAX_BUSINESS_SCOPE:
                raise ValidationError(_(
                    "The business scope of %(partner)s has %(length)d characters: at most "
                    "%(maximum)d are allowed. Shorten it.") % {
                    'partner': (partner.display_name or '')[:80],
                    'length': len(partner.business_scope), 'maximum': MAX_BUSINESS_SCOPE})

    # ------------------------------------------------------------------
    # Tax number
    # ------------------------------------------------------------------
    @api.constrains('vat', 'country_id', 'is_company', 'parent_id')
    def _check_vat_cn_uscc(self):
        """A company in China identifies itself with its unified social credit code."""
        for partner in self.filtered(lambda p: p.vat and p._needs_uscc()):
            code = self._normalize_uscc(partner.vat)
            try:
                uscc.validate(code)
            except StdnumError:
                raise ValidationError(_(
                    "The tax number \"%(vat)s\" of %(customer)s is not a valid unified social "
                    "credit code (统一社会信用代码): it must have 18 characters (digits and "
                    "capital letters except I, O, Z, S and V) and end with the right check "
                    "character.") % {'vat': partner.vat, 'customer': partner.display_name})

    def _needs_uscc(self):
        """Whether this partner's tax number must be a unified social credit code."""
        return bool(self.is_company and self.country_id.code == 'CN' and uscc)

    @api.model
    def _normalize_uscc(self, value):
        """The code without spaces, hyphens or dots, in capitals."""
        return re.sub(r'[\s\-.]', '', value or '').upper()
