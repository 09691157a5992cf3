# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer accepting a quotation online is no credit approver.

The host confirms the quotation as the superuser (``sudo``), who is a credit approver by
the module's data: without this, a portal or public visitor would confirm over the credit
block. The route tells the model so through the context (``CREDIT_VISITOR``); the model
reads no HTTP request.
"""
from odoo import http
from odoo.http import request

from odoo.addons.sale.controllers.portal import CustomerPortal

from ..models.sale_order import CREDIT_VISITOR


class SalePortalCredit(CustomerPortal):

    @http.route()
    def portal_quote_accept(self, res_id, access_token=None, partner_name=None,
                            signature=None):
        """The host's acceptance, with no approval over the credit block."""
        request.context = dict(request.context, **{CREDIT_VISITOR: True})
        return super().portal_quote_accept(
            res_id, access_token=access_token, partner_name=partner_name,
            signature=signature)
