# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The portal's account form (``/my/account``): identity values longer than a partner may
hold are refused on the form, field by field, instead of failing the whole page when the
partner is written (``res.partner._check_identity_lengths``)."""
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models import partner_normalize as norm


class C360CustomerPortal(CustomerPortal):

    def details_form_validate(self, data):
        """The host's checks, then the lengths of the values that feed the duplicate check."""
        error, error_message = super().details_form_validate(data)
        for name, _length, _maximum in norm.too_long(data):
            error[name] = 'error'
        error_message += request.env['res.partner']._identity_length_messages(data)
        return error, error_message
