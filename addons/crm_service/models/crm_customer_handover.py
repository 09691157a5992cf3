# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A handover also moves the departing salesperson's open tickets on the customers; on a
resignation, their other open tickets go back to their teams."""
from odoo import _, api, fields, models

AGENT_GROUP = 'crm_service.group_service_agent'


class CrmCustomerHandover(models.Model):
    _inherit = 'crm.customer.handover'

    preview_ticket_count = fields.Integer('Open Tickets', compute='_compute_preview')
    preview_leaver_ticket_count = fields.Integer(
        'Other Open Tickets', compute='_compute_preview_leaver_ticket_count',
        help="On a resignation, the giver's open tickets on other customers go back to their "
             "teams' assignment, so that none is left with someone who has gone.")
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

    @api.depends('from_user_id', 'reason', 'line_ids.partner_id', 'state')
    def _compute_preview_leaver_ticket_count(self):
        Ticket = self.env['crm.service.ticket'].sudo()
        for handover in self:
            count = 0
            if handover.reason == 'resignation' and handover.from_user_id:
                count = Ticket.search_count(
                    handover._leaver_ticket_domain(handover._preview_partners()))
            handover.preview_leaver_ticket_count = count

    @api.multi
    def _leaver_ticket_domain(self, partners):
        """The giver's open tickets on customers other than ``partners``."""
        self.ensure_one()
        return [('user_id', '=', self.from_user_id.id), ('is_closed', '=', False),
                ('commercial_partner_id', 'not in', partners.ids)]

    @api.multi
    def _handover_final_movers(self):
        """On a resignation, once every customer has moved: the giver's other open
        tickets."""
        movers = super()._handover_final_movers()
        if self.reason == 'resignation':
            movers.append(self._handover_release_leaver_tickets)
        return movers

    @api.multi
    def _handover_release_leaver_tickets(self, lines_by_receiver):
        """Give the giver's open tickets on other customers back to their teams."""
        partners = self.env['res.partner']
        for lines in lines_by_receiver.values():
            partners |= lines.mapped('partner_id')
        tickets = self.env['crm.service.ticket'].search(self._leaver_ticket_domain(partners))
        self._handover_tickets_to_teams(tickets, 'left', self.from_user_id.name)
        return None

    @api.model
    def _handover_document_domains(self, user, partners):
        """Open tickets (not in a closing stage) assigned to ``user`` on the customers."""
        domains = super()._handover_document_domains(user, partners)
        domains['crm.service.ticket'] = [
            ('user_id', '=', user.id),
            ('partner_id', 'in', self._handover_contact_ids(partners)),
            ('is_closed', '=', False)]
        return domains

    @api.multi
    def _handover_reassign(self, records, receiver):
        """Tickets go to the receiver only if the receiver may work on them (a service agent);
        otherwise each goes back to its team's assignment, never to the giver."""
        if records._name == 'crm.service.ticket' and records \
                and not receiver.has_group(AGENT_GROUP):
            return self._handover_tickets_to_teams(records, 'not_agent', receiver.name)
        return super()._handover_reassign(records, receiver)

    @api.model
    def _handover_ticket_note(self, kind, name):
        """Why a ticket went back to its team, in the environment's language: ``left`` (the
        giver left the company) or ``not_agent`` (the receiver is no service agent)."""
        if kind == 'left':
            return _("%(user)s has left the company: the ticket goes back to the team.") % {
                'user': name}
        return _("%(receiver)s, who receives this customer, is not a service agent: the ticket "
                 "goes back to the team.") % {'receiver': name}

    @api.multi
    def _handover_tickets_to_teams(self, tickets, kind, name):
        """Assign ``tickets`` by their team's method (unassigned when manual, never to the
        giver) and post on each a note for the team (``_handover_ticket_note``), in the
        language of whom it goes to (the new assignee, else the team leader)."""
        for ticket in tickets.sorted('id'):  # the oldest request first
            user = ticket.team_id._assign_user() if ticket.team_id else ticket.user_id.browse()
            if user == self.from_user_id:
                user = user.browse()
            ticket.write({'user_id': user.id})
            reader = user or ticket.team_id.leader_id
            ticket.message_post(
                body=self.with_context(lang=reader.lang or self.env.lang)
                ._handover_ticket_note(kind, name), subtype='mail.mt_note')
