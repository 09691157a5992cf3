# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A handover also moves the departing salesperson's open tickets on the customers."""
from odoo import api, fields, models


class CrmCustomerHandover(models.Model):
    _inherit = 'crm.customer.handover'

    preview_ticket_count = fields.Integer('Open Tickets', compute='_compute_preview')

    @api.model
    def _preview_count_fields(self):
        return dict(super()._preview_count_fields(),
                    **{'crm.service.ticket': 'preview_ticket_count'})

    @api.model
    def _handover_document_domains(self, user, partners):
        """Open tickets (not in a closing stage) assigned to ``user`` on the customers."""
        domains = super()._handover_document_domains(user, partners)
        domains['crm.service.ticket'] = [
            ('user_id', '=', user.id), ('partner_id', 'child_of', partners.ids),
            ('is_closed', '=', False)]
        return domains
