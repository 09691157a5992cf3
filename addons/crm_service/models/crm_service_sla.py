# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""SLA policies: hours to first response and to resolution for the tickets they match.

Which policy applies to a ticket: among the active policies of the ticket's company (or of no
company) whose criteria all match, the most specific one, i.e. the one with the most non-empty
criteria among teams, minimum priority, customer grades and categories; on a tie the lowest
``sequence``, then the lowest id. An empty criterion matches every ticket. Override
``_sla_specificity`` or ``_sla_matches`` to change the rule.
"""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .crm_service_input_limits import NAME_MAX_LENGTH, NOTE_MAX_LENGTH, SEQUENCE_RANGE

PRIORITIES = [
    ('low', 'Low'),
    ('normal', 'Normal'),
    ('high', 'High'),
    ('urgent', 'Urgent'),
]
PRIORITY_RANK = {key: rank for rank, (key, _label) in enumerate(PRIORITIES)}
# The longest response or resolution time: a (leap) year of hours. Longer ones would push
# the deadlines past any date (an SLA of 1e9 hours made every new ticket fail).
MAX_SLA_HOURS = 366 * 24


class CrmServiceSla(models.Model):
    _name = 'crm.service.sla'
    _inherit = ['crm.service.input.limits']
    _description = 'Service Level Agreement Policy'
    _order = 'sequence, id'

    name = fields.Char('Name', required=True, translate=True)
    sequence = fields.Integer(
        'Sequence', default=10,
        help="Among equally specific matching policies, the lowest sequence applies.")
    active = fields.Boolean('Active', default=True)
    company_id = fields.Many2one(
        'res.company', 'Company',
        default=lambda self: self.env['res.company']._company_default_get('crm.service.sla'),
        help="Leave empty to apply the policy in every company.")
    team_ids = fields.Many2many(
        'crm.service.team', 'crm_service_sla_team_rel', 'sla_id', 'team_id', 'Teams',
        help="Tickets of these teams; empty for every team.")
    min_priority = fields.Selection(
        PRIORITIES, 'Minimum Priority',
        help="Tickets of this priority or higher; empty for every priority.")
    grade_ids = fields.Many2many(
        'crm.customer.grade', 'crm_service_sla_grade_rel', 'sla_id', 'grade_id',
        'Customer Grades',
        help="Tickets of customers of these grades; empty for every customer.")
    category_ids = fields.Many2many(
        'crm.service.category', 'crm_service_sla_category_rel', 'sla_id', 'category_id',
        'Categories', help="Tickets of these categories; empty for every category.")
    response_hours = fields.Float(
        'Response Time (Hours)', required=True, default=8.0,
        help="Working hours from the ticket's creation to the first public reply of an "
             "agent.")
    resolve_hours = fields.Float(
        'Resolution Time (Hours)', required=True, default=40.0,
        help="Working hours from the ticket's creation to a closing stage.")
    description = fields.Text('Description', translate=True)

    @api.model
    def _input_limits(self):
        return dict(super()._input_limits(), name=NAME_MAX_LENGTH, description=NOTE_MAX_LENGTH,
                    sequence=SEQUENCE_RANGE)

    @api.constrains('response_hours', 'resolve_hours')
    def _check_hours(self):
        """Each time is more than 0 and at most a year of hours; the response comes no
        later than the resolution."""
        for sla in self:
            for field in ('response_hours', 'resolve_hours'):
                # written so that NaN fails too
                if not 0 < sla[field] <= MAX_SLA_HOURS:
                    raise ValidationError(_(
                        "%(field)s of SLA policy %(sla)s must be more than 0 hours and at "
                        "most %(max)s hours (a year), not %(value)s.") % {
                            'field': self._fields[field].get_description(self.env)['string'],
                            'sla': sla.name, 'max': MAX_SLA_HOURS,
                            'value': '%g' % sla[field]})
            if sla.response_hours > sla.resolve_hours:
                raise ValidationError(_(
                    "The response time of SLA policy %(sla)s (%(response)s hours) cannot be "
                    "longer than its resolution time (%(resolve)s hours): the first answer "
                    "comes before the solution.") % {
                        'sla': sla.name, 'response': '%g' % sla.response_hours,
                        'resolve': '%g' % sla.resolve_hours})

    # ------------------------------------------------------------------
    # Matching
    # ------------------------------------------------------------------
    @api.multi
    def _sla_specificity(self):
        """How specific the policy is: the number of its non-empty criteria."""
        self.ensure_one()
        return sum(1 for criterion in (self.team_ids, self.min_priority, self.grade_ids,
                                       self.category_ids) if criterion)

    @api.multi
    def _sla_matches(self, ticket):
        """Whether the policy applies to ``ticket``."""
        self.ensure_one()
        if self.company_id and self.company_id != ticket.company_id:
            return False
        if self.team_ids and ticket.team_id not in self.team_ids:
            return False
        if self.min_priority and (PRIORITY_RANK.get(ticket.priority or 'normal', 1)
                                  < PRIORITY_RANK[self.min_priority]):
            return False
        # Grades are readable by salespeople only; an agent's ticket gets its SLA all the same.
        if (self.grade_ids
                and ticket.commercial_partner_id.sudo().grade_id not in self.grade_ids):
            return False
        if self.category_ids and ticket.category_id not in self.category_ids:
            return False
        return True

    @api.model
    def _sla_for_tickets(self, tickets):
        """The policy of each ticket, as ``{ticket id: policy}`` (an empty recordset when
        none matches); one search for all the tickets."""
        policies = self.sudo().search([])
        ranked = policies.sorted(lambda sla: (-sla._sla_specificity(), sla.sequence, sla.id))
        result = {}
        for ticket in tickets:
            result[ticket.id] = next((sla for sla in ranked if sla._sla_matches(ticket)),
                                     self.browse())
        return result
