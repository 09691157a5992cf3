# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A handover also moves the departing salesperson's open tickets on the customers."""
from odoo import _, api, fields, models

AGENT_GROUP = 'crm_service.group_service_agent'


class CrmCustomerHandover(models.Model):
    _inherit = 'crm.customer.handover'

    preview_ticket_count = fields.Integer('Open Tickets', compute='_compute_preview')
    ticket_receivers_not_agents = fields.Char(
        'Receivers Without Service Rights', compute='_compute_ticket_receivers_not_agents',
        help="Receivers who are not service agents: the open tickets they would get go back "
             "to their teams' assignment instead.")

    @api.model
    def _preview_count_fields(self):
        return dict(super()._preview_count_fields(),
                    **{'crm.service.ticket': 'preview_ticket_count'})

    @api.depends('to_user_id', 'line_ids.to_user_id')
    def _compute_ticket_receivers_not_agents(self):
        for handover in self:
            receivers = handover.to_user_id | handover.line_ids.mapped('to_user_id')
            handover.ticket_receivers_not_agents = ', '.join(
                receivers.filtered(lambda user: not user.has_group(AGENT_GROUP)).mapped('name'))

    @api.model
    def _handover_document_domains(self, user, partners):
        """Open tickets (not in a closing stage) assigned to ``user`` on the customers."""
        domains = super()._handover_document_domains(user, partners)
        domains['crm.service.ticket'] = [
            ('user_id', '=', user.id), ('partner_id', 'child_of', partners.ids),
            ('is_closed', '=', False)]
        return domains

    @api.multi
    def _handover_reassign(self, records, receiver):
        """Tickets go to the receiver only if the receiver may work on them (a service agent);
        otherwise each goes back to its team's assignment, never to the giver."""
        if records._name == 'crm.service.ticket' and records \
                and not receiver.has_group(AGENT_GROUP):
            return self._handover_tickets_to_teams(records, receiver)
        return super()._handover_reassign(records, receiver)

    @api.multi
    def _handover_tickets_to_teams(self, tickets, receiver):
        """Assign ``tickets`` by their team's method (unassigned when manual), with a note."""
        note = _("%s, who receives this customer, is not a service agent: the ticket goes "
                 "back to the team.") % receiver.name
        for ticket in tickets.sorted('id'):  # the oldest request first
            user = ticket.team_id._assign_user() if ticket.team_id else ticket.user_id.browse()
            if user == self.from_user_id:
                user = user.browse()
            ticket.write({'user_id': user.id})
            ticket.message_post(body=note, subtype='mail.mt_note')
