# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Limits of what users enter in the service models, checked before anything is written.

Anyone with a login can send any value over RPC, whatever the form allows: an integer beyond
the database's range fails in SQL with a message nobody understands, and a text of millions
of characters keeps a worker busy (HTML is sanitised, names are searched). Each model that
inherits ``crm.service.input.limits`` declares its limits in `_input_limits`; `_create` and
`_write` refuse a value beyond them with a message naming the field and the value, before
the row is written. Numbers whose range depends on other fields (the SLA hours) are checked
by the model's own constraints.
"""
from odoo import _, api, models
from odoo.exceptions import ValidationError

# What a name, a plain-text note and an HTML text (a description, a message) may hold.
NAME_MAX_LENGTH = 200
NOTE_MAX_LENGTH = 10000
HTML_MAX_LENGTH = 100000
# An e-mail address (RFC 5321: 254 characters at most), with a display name.
EMAIL_MAX_LENGTH = 320
# Sequences order a few records (-1 puts one first); the kanban has 12 colours (0 to 11).
SEQUENCE_RANGE = (-1000000, 1000000)
COLOR_RANGE = (0, 11)


class CrmServiceInputLimits(models.AbstractModel):
    _name = 'crm.service.input.limits'
    _description = 'Service: Limits of Entered Values'

    @api.model
    def _input_limits(self):
        """``{field: (low, high)}`` for integers (both included) and ``{field: max length}``
        for texts. Extend with ``dict(super()._input_limits(), field=...)``."""
        return {}

    @api.model
    def _input_check(self, vals):
        """Raise a ValidationError for the first value of ``vals`` beyond its limit."""
        for name, limit in self._input_limits().items():
            value = vals.get(name)
            if value is None or value is False:
                continue
            label = self._fields[name].get_description(self.env)['string']
            if isinstance(limit, tuple):
                self._input_check_number(label, value, limit)
            elif isinstance(value, str) and len(value) > limit:
                raise ValidationError(_(
                    "%(field)s is too long: %(length)s characters, at most %(limit)s. "
                    "Shorten it, or attach a long text as a file.") % {
                        'field': label, 'length': len(value), 'limit': limit})

    @api.model
    def _input_check_number(self, label, value, limit):
        """Refuse ``value`` outside ``limit`` (low, high) or not a number."""
        low, high = limit
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = None
        # written so that NaN fails too
        if number is None or not low <= number <= high:
            if isinstance(value, float) and value.is_integer():
                value = int(value)
            raise ValidationError(_(
                "%(field)s must be a number from %(low)s to %(high)s, not %(value)s.") % {
                    'field': label, 'low': low, 'high': high, 'value': value})

    @api.model
    def _create(self, vals):
        self._input_check(vals)
        return super()._create(vals)

    @api.multi
    def _write(self, vals):
        self._input_check(vals)
        return super()._write(vals)
