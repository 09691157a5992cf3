# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo's closing step: the demo tickets' SLA, from the customers' grades."""
from odoo import api, models


class CustomerDemo(models.AbstractModel):
    _inherit = 'crm.customer360.demo'

    @api.model
    def _demo_after_documents(self):
        """Once the customers are graded (``super()``), give the demo tickets the SLA policy
        of their customer's grade, their deadlines and status, and escalate the late ones.

        A demo ticket's SLA clock starts some hours or days before the install: it is also
        when the ticket was created, so that no ticket reads as created after its deadline.
        """
        super()._demo_after_documents()
        Ticket = self.env['crm.service.ticket']
        tickets = Ticket.browse(self.env['ir.model.data'].search([
            ('module', '=', 'crm_service'), ('model', '=', Ticket._name)]).mapped('res_id'))
        tickets = tickets.exists()
        if not tickets:
            return
        self.env.cr.execute("""
            UPDATE crm_service_ticket SET create_date = sla_start_date
             WHERE id IN %s AND sla_start_date < create_date""", [tuple(tickets.ids)])
        tickets.invalidate_cache(['create_date'])
        tickets._sla_apply(include_closed=True)
        Ticket._update_sla()
