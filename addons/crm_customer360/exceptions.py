# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Exceptions of the module."""
from odoo.exceptions import RedirectWarning, UserError


class HandoverRequired(RedirectWarning, UserError):
    """A refusal that offers to open a handover: the web client shows it as the host's
    ``RedirectWarning`` (a button to an action, see ``static/src/js/handover_required.js``),
    and everything else treats it as a ``UserError``: the server does not log it as an
    error, and callers catching ``UserError`` keep working.

    :param message: the translated refusal
    :param action: an action id, optionally followed by ``&active_id=<id>``
    :param button: the translated label of the button
    """

    def __init__(self, message, action, button):
        # UserError's constructor would keep the message only: keep the three arguments
        # that the web client's RedirectWarning handler reads.
        Exception.__init__(self, message, action, button)
