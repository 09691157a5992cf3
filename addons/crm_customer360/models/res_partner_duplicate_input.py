# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bounds on what feeds the duplicate check: the identity values a partner may hold, and the
arguments ``find_duplicates`` accepts over RPC.

Anyone who may write a partner (portal users their own, through ``/my/account``) and every
employee calling ``find_duplicates`` choose these values: no value may cost more than a normal
check. The limits are ``partner_normalize.MAX_LENGTHS``.
"""
from odoo import _, api, models
from odoo.exceptions import ValidationError

from . import partner_normalize as norm

# The most results find_duplicates returns at once.
MAX_DUP_LIMIT = 100
# Ids are PostgreSQL integers: a larger number is no record (and would fail in SQL).
MAX_ID = 2 ** 31
# The longest text of a value that an extension adds to _dup_value_fields without a maximum.
DEFAULT_MAX_LENGTH = 256


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # Checked before the row is written, not by a constraint: PostgreSQL refuses a name of a
    # few thousand bytes in the name's index first, with an error no user understands.
    @api.model
    def _create(self, vals):
        """Refuse identity values that are too long before the row is inserted."""
        self._check_identity_lengths(vals)
        return super()._create(vals)

    @api.multi
    def _write(self, vals):
        """Refuse identity values that are too long before the rows are updated."""
        self._check_identity_lengths(vals)
        return super()._write(vals)

    @api.model
    def _check_identity_lengths(self, vals):
        """Names, tax numbers, phones, e-mails and websites of sane lengths, whoever writes
        them (``partner_normalize.MAX_LENGTHS``)."""
        messages = self._identity_length_messages(vals)
        if messages:
            raise ValidationError('\n'.join(messages))

    @api.model
    def _identity_length_messages(self, values, limits=None):
        """Translated messages about the values of ``values`` (a dict of identity values)
        longer than a partner may hold (or than ``limits``); empty when every value fits.
        Used by the write guard, the duplicate check and the portal's account form."""
        return [_("%(field)s is too long: %(length)d characters, at most %(maximum)d are "
                  "allowed. Shorten it.") % {
            'field': self._fields[name].get_description(self.env)['string']
            if name in self._fields else name,
            'length': length, 'maximum': maximum}
            for name, length, maximum in norm.too_long(values, limits)]

    @api.model
    def _dup_check_input(self, vals, limit):
        """Refuse ``find_duplicates`` arguments that are not what the form sends: a dict of
        the identity values (texts of sane lengths, ids) and a ``limit`` of 1 to
        ``MAX_DUP_LIMIT``. Extend with ``_dup_value_fields`` for a new value."""
        if not isinstance(vals, dict):
            raise ValidationError(_(
                "The duplicate check takes the customer's values as a dictionary (name, tax "
                "number, phone, e-mail, website...)."))
        if isinstance(limit, bool) or not isinstance(limit, int) or \
                not 1 <= limit <= MAX_DUP_LIMIT:
            raise ValidationError(_(
                "The duplicate check returns from 1 to %(maximum)d results, not %(limit)s.") % {
                'maximum': MAX_DUP_LIMIT, 'limit': limit})
        texts = set(self._dup_value_fields()) - {'is_company'}
        ids = {'id', 'country_id', 'parent_id', 'company_id'}
        unknown = sorted(str(key) for key in vals if key not in texts | ids | {'is_company'})
        if unknown:
            raise ValidationError(_(
                "The duplicate check does not know the values %(names)s: it compares the name, "
                "tax number, phone, mobile, e-mail and website.") % {
                'names': ', '.join(name[:40] for name in unknown[:5])})
        for key, value in vals.items():
            if key in ids and not self._dup_is_id(value) or key in texts and not (
                    value in (False, None) or isinstance(value, str)) or \
                    key == 'is_company' and not isinstance(value, (bool, type(None))):
                raise ValidationError(_(
                    "The duplicate check cannot compare %(name)s = %(value)s: give a text for "
                    "the name, tax number, phone, e-mail and website, and a record id for the "
                    "others.") % {'name': key, 'value': repr(value)[:40]})
        limits = dict({key: DEFAULT_MAX_LENGTH for key in texts}, **norm.MAX_LENGTHS)
        messages = self._identity_length_messages(vals, limits)
        if messages:
            raise ValidationError('\n'.join(messages))

    @staticmethod
    def _dup_is_id(value):
        """Whether ``value`` is a record id as the form sends it: an id, a ``[id, name]``
        pair or nothing."""
        if isinstance(value, (list, tuple)):
            value = value[0] if value else False
        return value in (False, None) or (
            isinstance(value, int) and not isinstance(value, bool) and 0 < value < MAX_ID)
