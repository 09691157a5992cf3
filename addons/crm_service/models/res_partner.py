# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service figures on the customer card, and SLA recomputation when a grade changes.

The figures are those of the commercial entity (the company and its contacts), computed for a
whole page of partners in one grouped query. The average rating comes from
``_service_rating_by_partner``, empty here: the module that brings ratings overrides it.
"""
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.addons.crm_customer360.access import require_internal_user


class ResPartner(models.Model):
    _inherit = 'res.partner'

    # Employees only: computed in SQL for any partner, past the tickets' record rules.
    ticket_count = fields.Integer(
        'Tickets', compute='_compute_service_figures',
        groups='base.group_user',
        help="Service tickets of the customer and its contacts.")
    open_ticket_count = fields.Integer(
        'Open Tickets', compute='_compute_service_figures',
        groups='base.group_user',
        help="Service tickets not in a closing stage.")
    ticket_sla_compliance = fields.Float(
        'SLA Compliance (%)', compute='_compute_service_figures', digits=(16, 1),
        groups='base.group_user',
        help="Share of the tickets closed over the last 12 months that met both their "
             "response and resolution deadlines (tickets without SLA are left out).")
    ticket_rating_avg = fields.Float(
        'Average Rating', compute='_compute_service_figures', digits=(16, 1),
        groups='base.group_user',
        help="Average satisfaction rating of the customer's tickets.")
    last_ticket_date = fields.Datetime(
        'Last Ticket', compute='_compute_service_figures',
        groups='base.group_user',
        help="When the customer's last ticket was opened.")

    @api.multi
    def _compute_service_figures(self):
        """Ticket counts, SLA compliance and last ticket date of the commercial entities of
        the page, in one grouped query."""
        commercial_ids = list(set(self.mapped('commercial_partner_id').ids))
        figures = {}
        if commercial_ids:
            since = fields.Datetime.to_string(
                fields.Datetime.from_string(fields.Datetime.now()) - timedelta(days=365))
            self.env.cr.execute("""
                SELECT t.commercial_partner_id,
                       count(*),
                       count(*) FILTER (WHERE t.is_closed IS NOT TRUE),
                       count(*) FILTER (WHERE t.is_closed AND t.closed_date >= %(since)s
                                          AND t.resolve_deadline IS NOT NULL),
                       count(*) FILTER (WHERE t.is_closed AND t.closed_date >= %(since)s
                                          AND t.resolve_deadline IS NOT NULL
                                          AND t.sla_status = 'met'),
                       max(t.create_date)
                  FROM crm_service_ticket t
                 WHERE t.commercial_partner_id IN %(ids)s
                   AND t.company_id IN %(company_ids)s
                 GROUP BY t.commercial_partner_id
            """, {'since': since, 'ids': tuple(commercial_ids),
                  # the companies of the card's figures: the same counts for every reader
                  'company_ids': tuple(self.env['crm.customer.figures']._figure_context(
                      commercial_ids)['company_ids'])})
            figures = {row[0]: row[1:] for row in self.env.cr.fetchall()}
        ratings = self._service_rating_by_partner(commercial_ids)
        for partner in self:
            commercial_id = partner.commercial_partner_id.id
            total, open_count, closed, met, last = figures.get(
                commercial_id, (0, 0, 0, 0, False))
            partner.ticket_count = total
            partner.open_ticket_count = open_count
            partner.ticket_sla_compliance = closed and 100.0 * met / closed or 0.0
            partner.ticket_rating_avg = ratings.get(commercial_id, 0.0)
            partner.last_ticket_date = last

    @api.model
    def _card_count_sources(self):
        """The card's ticket count: tickets the reader may not open are said so."""
        return super()._card_count_sources() + [
            ('ticket_count', 'crm.service.ticket',
             lambda pid: [('commercial_partner_id', '=', pid)], _("service tickets")),
        ]

    @api.model
    def _service_rating_by_partner(self, partner_ids):
        """Average rating of the tickets of each commercial entity, as ``{id: average}``;
        empty here, overridden by the module that rates tickets."""
        return {}

    @api.multi
    def write(self, vals):
        res = super().write(vals)
        if 'grade_id' in vals:
            self._service_grade_changed()
        return res

    @api.multi
    def _service_grade_changed(self):
        """A new grade changes the SLA of the customer's open tickets."""
        self.env['crm.service.ticket']._sla_apply_for_customers(
            self.mapped('commercial_partner_id').ids)

    @api.multi
    def action_open_service_tickets(self):
        """Open the tickets of the customer and its contacts (back office; the tickets
        shown are those the user may read)."""
        self.ensure_one()
        require_internal_user(self.env)
        action = self.env.ref('crm_service.crm_service_ticket_action').read()[0]
        customer = self.commercial_partner_id
        action['domain'] = [('commercial_partner_id', '=', customer.id)]
        action['context'] = {'default_partner_id': self.id, 'search_default_open': 1}
        return action
