# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Bounds on the numbers and texts users enter in the module, with one clear message each.

Any client may send any value (RPC ignores the form's widgets): a period of two billion days
breaks the card's date arithmetic, an interval overflows the pool job's SQL, an integer past
PostgreSQL's range fails with a database error. The models' ``@api.constrains`` methods call
these checks, which name the field (in the reader's language), the record and the value.
"""
from odoo import _
from odoo.exceptions import ValidationError

# Longest period in days a user may set (follow-up, pool release): five years.
MAX_DAYS = 1830
# Sequences and colour indexes: far beyond any real list, well within PostgreSQL's integer.
MAX_SEQUENCE = 1000000
MAX_COLOR = 11
# Amounts a user types (credit limit): beyond that, a typing error or an attack.
MAX_AMOUNT = 1e15


def number(value):
    """A number as typed: 2000000000, 95, 80.5."""
    return ('%d' % value) if float(value).is_integer() else '{:g}'.format(value)


def _label(record, fname):
    """The field's label in the reader's language."""
    return record._fields[fname].get_description(record.env)['string']


def check_range(record, fname, low, high, name=None):
    """Refuse ``record[fname]`` outside [low, high] (an empty value counts as 0).

    :param name: how the message names the record (default: its display name)
    """
    value = record[fname] or 0
    if not low <= value <= high:
        raise ValidationError(
            _("%(field)s of %(record)s must be between %(low)s and %(high)s, not %(value)s.")
            % {'field': _label(record, fname), 'record': name or record.display_name,
               'low': number(low), 'high': number(high), 'value': number(value)})


def check_length(record, fname, maximum, name=None):
    """Refuse a text ``record[fname]`` longer than ``maximum`` characters."""
    length = len(record[fname] or '')
    if length > maximum:
        raise ValidationError(
            _("%(field)s of %(record)s has %(length)s characters; at most %(max)s are "
              "allowed.")
            % {'field': _label(record, fname), 'record': name or record.display_name,
               'length': length, 'max': maximum})
