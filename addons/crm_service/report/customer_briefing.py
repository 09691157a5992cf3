# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The customer's open service tickets (工单) in the visit briefing."""
from odoo import api, models


class CustomerBriefingReport(models.AbstractModel):
    _inherit = 'report.crm_customer360.customer_briefing'

    @api.model
    def _briefing_lists(self, entity_ids):
        """Add the open tickets, the most urgent first, as the reader's rules let them read
        (salespeople: those of their customers; employees without service rights: none)."""
        lists = super()._briefing_lists(entity_ids)
        lists['tickets'] = ('crm.service.ticket', [
            ('commercial_partner_id', 'in', entity_ids), ('is_closed', '=', False)],
            '"crm_service_ticket".commercial_partner_id',
            '"crm_service_ticket".priority_rank DESC, "crm_service_ticket".id DESC')
        return lists
