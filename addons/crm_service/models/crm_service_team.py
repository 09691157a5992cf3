# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service teams: leader, members, e-mail alias, working calendar and assignment method.

The assignment of a new ticket without an assignee goes through ``_assign_user``, which
dispatches on ``assignment_method`` to ``_assign_user_<method>``; a module adds a method by
extending the selection and writing ``_assign_user_<its key>``.
"""
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.addons.base.res.res_partner import _tz_get
from odoo.addons.crm_customer360.access import require_internal_user
from odoo.tools.safe_eval import safe_eval

from .crm_service_input_limits import COLOR_RANGE, NAME_MAX_LENGTH, SEQUENCE_RANGE

ASSIGNMENT_METHODS = [
    ('manual', 'Manual'),
    ('round_robin', 'Round robin'),
    ('fewest_open', 'Fewest open tickets'),
]


class CrmServiceTeam(models.Model):
    _name = 'crm.service.team'
    _inherit = ['mail.alias.mixin', 'crm.service.input.limits']
    _description = 'Service Team'
    _order = 'sequence, name'

    name = fields.Char('Team Name', required=True, translate=True)
    sequence = fields.Integer('Sequence', default=10)
    active = fields.Boolean('Active', default=True)
    company_id = fields.Many2one(
        'res.company', 'Company', required=True,
        default=lambda self: self.env['res.company']._company_default_get('crm.service.team'))
    leader_id = fields.Many2one(
        'res.users', 'Team Leader',
        help="Receives the escalation activities of the team's tickets that are at risk or "
             "breached.")
    member_ids = fields.Many2many(
        'res.users', 'crm_service_team_member_rel', 'team_id', 'user_id', 'Members',
        help="The agents of the team: they see the team's tickets and receive new ones under "
             "automatic assignment.")
    alias_id = fields.Many2one(
        'mail.alias', 'Alias', ondelete='restrict', required=True,
        help="E-mails to this address create tickets for this team.")
    resource_calendar_id = fields.Many2one(
        'resource.calendar', 'Working Hours',
        help="SLA deadlines are counted in these working hours; without a calendar they run "
             "around the clock (24x7).")
    tz = fields.Selection(
        _tz_get, 'Time Zone', default=lambda self: self.env.user.tz or 'UTC',
        help="The time zone of the working hours.")
    assignment_method = fields.Selection(
        ASSIGNMENT_METHODS, 'Assignment', required=True, default='manual',
        help="How a new ticket of the team without an assignee gets one: not at all "
             "(manual), to the members in turn (round robin), or to the member with the "
             "fewest open tickets.")
    last_assigned_user_id = fields.Many2one(
        'res.users', 'Last Assigned Member', readonly=True, copy=False,
        help="The member who got the last ticket under round robin.")
    color = fields.Integer('Colour Index')
    ticket_ids = fields.One2many('crm.service.ticket', 'team_id', 'Tickets')
    open_ticket_count = fields.Integer('Open Tickets', compute='_compute_ticket_counts')
    unassigned_ticket_count = fields.Integer(
        'Unassigned Tickets', compute='_compute_ticket_counts')
    at_risk_ticket_count = fields.Integer('At Risk', compute='_compute_ticket_counts')
    breached_ticket_count = fields.Integer('Breached', compute='_compute_ticket_counts')

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.multi
    def _compute_ticket_counts(self):
        Ticket = self.env['crm.service.ticket']
        base = [('team_id', 'in', self.ids), ('is_closed', '=', False)]
        groups = Ticket.read_group(base, ['team_id', 'user_id', 'sla_status'],
                                   ['team_id', 'user_id', 'sla_status'], lazy=False)
        figures = {}
        for group in groups:
            team_id = group['team_id'][0]
            counts = figures.setdefault(team_id, dict.fromkeys(
                ('open', 'unassigned', 'at_risk', 'breached'), 0))
            counts['open'] += group['__count']
            if not group['user_id']:
                counts['unassigned'] += group['__count']
            if group['sla_status'] in ('at_risk', 'breached'):
                counts[group['sla_status']] += group['__count']
        for team in self:
            counts = figures.get(team.id, {})
            team.open_ticket_count = counts.get('open', 0)
            team.unassigned_ticket_count = counts.get('unassigned', 0)
            team.at_risk_ticket_count = counts.get('at_risk', 0)
            team.breached_ticket_count = counts.get('breached', 0)

    @api.model
    def _input_limits(self):
        return dict(super()._input_limits(), name=NAME_MAX_LENGTH, sequence=SEQUENCE_RANGE,
                    color=COLOR_RANGE)

    @api.constrains('leader_id', 'member_ids')
    def _check_members_internal(self):
        """The leader and the members are employees: they handle the team's tickets."""
        for team in self:
            outsiders = (team.leader_id | team.member_ids).filtered('share')
            if outsiders:
                raise ValidationError(_(
                    "%(users)s cannot lead or join service team %(team)s: only employees "
                    "handle tickets. Choose internal users.") % {
                        'users': ', '.join(outsiders.mapped('name')), 'team': team.name})

    @api.constrains('assignment_method', 'member_ids')
    def _check_members(self):
        for team in self:
            if team.assignment_method != 'manual' and not team.member_ids:
                methods = dict(self._fields['assignment_method']._description_selection(
                    self.env))
                raise ValidationError(
                    _("Team %(team)s assigns tickets automatically (%(method)s) but has no "
                      "members.") % {'team': team.name,
                                     'method': methods[team.assignment_method]})

    # ------------------------------------------------------------------
    # Alias
    # ------------------------------------------------------------------
    def get_alias_model_name(self, vals):
        """The host's hook (public name): e-mails to the alias create tickets. A constant:
        it reads nothing."""
        return 'crm.service.ticket'

    def get_alias_values(self):
        """The host's hook (public name): the alias sends new e-mails to this team. For
        those who may read the team (the team's defaults are in the values)."""
        self.check_access_rights('read')
        self.check_access_rule('read')
        values = super().get_alias_values()
        values['alias_defaults'] = defaults = safe_eval(self.alias_defaults or "{}")
        defaults['team_id'] = self.id
        return values

    @api.multi
    def write(self, vals):
        res = super().write(vals)
        if 'alias_defaults' in vals:
            for team in self:
                team.alias_id.sudo().write(team.get_alias_values())
        return res

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_open_tickets(self):
        """Open the open tickets of this team (back office)."""
        self.ensure_one()
        require_internal_user(self.env)
        self.check_access_rule('read')
        action = self.env.ref('crm_service.crm_service_ticket_action').read()[0]
        action['domain'] = [('team_id', '=', self.id)]
        action['context'] = {'default_team_id': self.id, 'search_default_open': 1}
        return action

    # ------------------------------------------------------------------
    # Assignment
    # ------------------------------------------------------------------
    @api.multi
    def _assign_user(self):
        """The user who gets the team's next ticket, or an empty recordset (manual).

        Extend with ``_assign_user_<method>`` for a new assignment method."""
        self.ensure_one()
        if self.assignment_method == 'manual' or not self.member_ids:
            return self.env['res.users']
        return getattr(self, '_assign_user_%s' % self.assignment_method)()

    @api.multi
    def _assign_user_round_robin(self):
        """The member after the last assigned one, in the order of their ids."""
        last_id = self._assign_lock()
        members = self.member_ids.sorted('id')
        following = members.filtered(lambda user: user.id > last_id)
        return self._assign_remember(following[:1] or members[:1])

    @api.multi
    def _assign_user_fewest_open(self):
        """The member with the fewest open tickets (all teams), the lowest id on a tie."""
        self._assign_lock()
        members = self.member_ids
        groups = self.env['crm.service.ticket'].sudo().read_group(
            [('user_id', 'in', members.ids), ('is_closed', '=', False)],
            ['user_id'], ['user_id'])
        counts = {group['user_id'][0]: group['user_id_count'] for group in groups}
        return self._assign_remember(
            min(members, key=lambda user: (counts.get(user.id, 0), user.id)))

    @api.multi
    def _assign_lock(self):
        """Lock the team row until the end of the transaction; return the last assigned
        member's id (0 when none).

        Two transactions assigning in the same team at once: the second waits for the first;
        as the first writes the row (``_assign_remember``), the second then fails with a
        serialization error (Odoo runs in REPEATABLE READ) and Odoo retries it, now seeing
        the first one's ticket. So no turn is given twice and no count is stale."""
        self.env.cr.execute(
            "SELECT last_assigned_user_id FROM crm_service_team WHERE id = %s FOR UPDATE",
            (self.id,))
        row = self.env.cr.fetchone()
        return row and row[0] or 0

    @api.multi
    def _assign_remember(self, user):
        """Store ``user`` as the last assigned member and return it."""
        # plain SQL: the row is locked by us, and an ORM write would track and bump write_uid
        self.env.cr.execute(
            "UPDATE crm_service_team SET last_assigned_user_id = %s WHERE id = %s",
            (user.id or None, self.id))
        self.invalidate_cache(['last_assigned_user_id'], self.ids)
        return user
