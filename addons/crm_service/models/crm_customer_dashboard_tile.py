# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The service tiles of the Customers dashboard: open tickets by SLA state, SLA breaches."""
from odoo import models


class CrmCustomerDashboardTile(models.Model):
    _inherit = 'crm.customer.dashboard.tile'

    def _tile_my_tickets(self):
        """Open tickets assigned to me or of the customers I own, by SLA state."""
        uid = self.env.uid
        return {
            'model': 'crm.service.ticket', 'action': 'crm_service.crm_service_ticket_action',
            'domain': [('is_closed', '=', False), '|', ('user_id', '=', uid),
                       ('commercial_partner_id.user_id', '=', uid)],
            'context': {'group_by': 'sla_status'},
            'views': [(False, 'list'), (False, 'form')],
        }

    def _tile_sla_breaches(self):
        """Open tickets whose SLA is breached, by agent."""
        return {
            'model': 'crm.service.ticket', 'action': 'crm_service.crm_service_ticket_action',
            'domain': [('is_closed', '=', False), ('sla_status', '=', 'breached')],
            'context': {'group_by': 'user_id'},
            'views': [(False, 'list'), (False, 'form')],
        }
