# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Service tickets: one request of a customer, with an owner, a stage and SLA deadlines.

The SLA side (deadlines, status, escalation job) is in ``crm_service_ticket_sla.py``, the
e-mail channel in ``crm_service_ticket_mail.py``.
"""
from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import escape_psql

from odoo.addons.crm_customer360.access import require_group, require_internal_user

from .crm_service_input_limits import COLOR_RANGE, EMAIL_MAX_LENGTH, HTML_MAX_LENGTH, \
    NAME_MAX_LENGTH
from .crm_service_sla import PRIORITIES

CHANNELS = [
    ('portal', 'Portal'),
    ('email', 'E-mail'),
    ('phone', 'Phone'),
    ('walkin', 'Walk-in'),
    ('other', 'Other'),
]
SLA_STATUSES = [
    ('on_track', 'On Track'),
    ('at_risk', 'At Risk'),
    ('breached', 'Breached'),
    ('met', 'Met'),
]


class CrmServiceTicket(models.Model):
    _name = 'crm.service.ticket'
    _inherit = ['mail.thread', 'mail.activity.mixin', 'portal.mixin',
                'crm.service.input.limits']
    _description = 'Service Ticket'
    _order = 'priority_rank desc, id desc'
    _rec_name = 'name'
    _mail_post_access = 'read'

    number = fields.Char(
        'Ticket Number', required=True, readonly=True, copy=False, default='/', index=True)
    name = fields.Char('Subject', required=True, track_visibility='always')
    description = fields.Html('Description', sanitize_style=True)
    partner_id = fields.Many2one(
        'res.partner', 'Contact', index=True, track_visibility='onchange',
        help="Who asked: the customer or one of its contact persons.")
    # No auto_join, unlike the customer records of the other addons: Odoo 11 puts the join's
    # condition before the whole rule, so a ticket without a customer would be hidden from
    # a salesperson's rule (commercial_partner_id.user_id) even when assigned to them.
    commercial_partner_id = fields.Many2one(
        'res.partner', 'Customer', related='partner_id.commercial_partner_id', store=True,
        readonly=True, index=True,
        help="The commercial entity (the company) of the contact: the ticket counts on its "
             "card, and its grade chooses the SLA policy.")
    email_from = fields.Char('E-mail', help="The address of the person who asked.")
    team_id = fields.Many2one(
        'crm.service.team', 'Team', index=True, track_visibility='onchange',
        default=lambda self: self._default_team_id())
    user_id = fields.Many2one(
        'res.users', 'Assigned to', index=True, track_visibility='onchange',
        domain=[('share', '=', False)])
    stage_id = fields.Many2one(
        'crm.service.stage', 'Stage', index=True, track_visibility='onchange',
        group_expand='_read_group_stage_ids', copy=False, ondelete='restrict',
        default=lambda self: self._default_stage_id())
    is_closed = fields.Boolean(
        'Closed', related='stage_id.is_closing', store=True, readonly=True, index=True)
    category_id = fields.Many2one('crm.service.category', 'Category', index=True)
    priority = fields.Selection(
        PRIORITIES, 'Priority', required=True, default='normal',
        track_visibility='onchange')
    priority_rank = fields.Integer(
        'Priority Rank', compute='_compute_priority_rank', store=True,
        help="0 (low) to 3 (urgent), for sorting and for the SQL of the SLA job.")
    channel = fields.Selection(CHANNELS, 'Channel', required=True, default='phone')
    sale_order_id = fields.Many2one(
        'sale.order', 'Sales Order', index=True,
        domain="[('partner_id', 'child_of', commercial_partner_id)]")
    invoice_id = fields.Many2one(
        'account.invoice', 'Invoice', index=True,
        domain="[('partner_id', 'child_of', commercial_partner_id), "
               "('type', 'in', ('out_invoice', 'out_refund'))]")
    product_id = fields.Many2one('product.product', 'Product')
    company_id = fields.Many2one(
        'res.company', 'Company', required=True, index=True,
        default=lambda self: self.env['res.company']._company_default_get(
            'crm.service.ticket'))
    color = fields.Integer('Colour Index')
    closed_date = fields.Datetime('Closed On', readonly=True, copy=False, index=True)
    # SLA (see crm_service_ticket_sla.py)
    sla_id = fields.Many2one(
        'crm.service.sla', 'SLA Policy', readonly=True, copy=False, ondelete='set null')
    sla_start_date = fields.Datetime(
        'SLA Start', readonly=True, copy=False, default=fields.Datetime.now,
        help="When the SLA clock started: the creation of the ticket.")
    response_deadline = fields.Datetime('Response Deadline', readonly=True, copy=False)
    resolve_deadline = fields.Datetime('Resolution Deadline', readonly=True, copy=False)
    first_response_date = fields.Datetime('First Response', readonly=True, copy=False)
    # When 80 % of each deadline's working time is used (the job compares them with now).
    response_risk_date = fields.Datetime(
        'Response at Risk From', readonly=True, copy=False,
        help="From this moment the first response is at risk: 80 per cent of its working "
             "hours are used.")
    resolve_risk_date = fields.Datetime(
        'Resolution at Risk From', readonly=True, copy=False,
        help="From this moment the resolution is at risk: 80 per cent of its working hours "
             "are used.")
    # not indexed: the job rewrites many rows, and an index on it would forbid HOT updates
    sla_status = fields.Selection(
        SLA_STATUSES, 'SLA Status', readonly=True, copy=False,
        help="On track; at risk when 80 per cent of the working time to a pending deadline is "
             "used; breached "
             "when a deadline passed unmet; met when the ticket closed within both deadlines.")
    sla_escalation = fields.Selection(
        [('at_risk', 'At Risk'), ('breached', 'Breached')], 'Escalated', readonly=True,
        copy=False,
        help="The last escalation sent to the team leader, so that none is sent twice.")

    _sql_constraints = [
        ('number_company_uniq', 'unique (number, company_id)',
         "A ticket with this number already exists in this company."),
    ]

    # ------------------------------------------------------------------
    # Defaults and computes
    # ------------------------------------------------------------------
    @api.model
    def _default_team_id(self, company=None):
        """The team of the context, else the first team of ``company`` (default: the user's)
        the user is a member of, else the first team of that company: a request from the
        portal or by someone in no team still reaches a team, its leader and its assignment.
        """
        Team = self.env['crm.service.team']
        team_id = self.env.context.get('default_team_id')
        if team_id:
            return Team.browse(team_id)
        domain = [('company_id', '=', (company or self.env.user.company_id).id)]
        return (Team.search(domain + [('member_ids', 'in', self.env.uid)], limit=1)
                or Team.search(domain, limit=1))

    @api.model
    def _default_stage_id(self):
        """The first open stage."""
        return self.env['crm.service.stage'].search([('is_closing', '=', False)], limit=1)

    @api.model
    def _read_group_stage_ids(self, stages, domain, order):
        """Every stage in the kanban, even empty ones."""
        return stages.search([], order=order)

    @api.depends('priority')
    def _compute_priority_rank(self):
        ranks = {key: rank for rank, (key, _label) in enumerate(PRIORITIES)}
        for ticket in self:
            ticket.priority_rank = ranks.get(ticket.priority, 1)

    @api.multi
    def _compute_portal_url(self):
        for ticket in self:
            ticket.portal_url = '/my/tickets/%s' % ticket.id

    # ------------------------------------------------------------------
    # Constraints and onchanges
    # ------------------------------------------------------------------
    @api.model
    def _input_limits(self):
        return dict(super()._input_limits(), name=NAME_MAX_LENGTH,
                    description=HTML_MAX_LENGTH, email_from=EMAIL_MAX_LENGTH, color=COLOR_RANGE)

    @api.model
    def _system_fields(self):
        """Fields that the server sets, never a user over any client: the number, the
        customer (from the contact), the closing (from the stage), the SLA clock, deadlines
        and status (from the policy). Internal paths write them with sudo. Extend to add."""
        return ['number', 'commercial_partner_id', 'is_closed', 'priority_rank', 'closed_date',
                'sla_id', 'sla_start_date', 'response_deadline', 'resolve_deadline',
                'first_response_date', 'response_risk_date', 'resolve_risk_date', 'sla_status',
                'sla_escalation']

    @api.model
    def _check_system_fields(self, vals):
        """Refuse values of `_system_fields` to anyone but the superuser."""
        if self.env.uid == SUPERUSER_ID:
            return
        names = [name for name in self._system_fields() if name in vals]
        if names:
            raise UserError(_(
                "%(fields)s of a ticket are set by the server, not by hand: the number when "
                "the ticket is created, the closing date by its stage, the SLA deadlines and "
                "status by its policy. Change the ticket's contact, priority, team or stage "
                "instead, or ask a service manager.") % {'fields': ', '.join(
                    self._fields[name].get_description(self.env)['string'] for name in names)})

    @api.model
    def _without_system_defaults(self):
        """This model with a context that sets no `_system_fields` by default: RPC callers
        choose their context, and ``default_sla_status`` would pass the guard of create."""
        if self.env.uid == SUPERUSER_ID:
            return self
        keys = {'default_%s' % name for name in self._system_fields()}
        return self.with_context(
            {key: value for key, value in self.env.context.items() if key not in keys})

    @api.multi
    def _check_read_access(self):
        """Raise AccessError unless the caller may read every ticket of ``self``: for the
        public methods that do not read the tickets themselves."""
        self.check_access_rights('read')
        self.check_access_rule('read')

    @api.constrains('user_id')
    def _check_user_internal(self):
        """A ticket is assigned to an employee (a portal user would see nothing of it)."""
        for ticket in self.filtered(lambda ticket: ticket.user_id.share):
            raise ValidationError(_(
                "Ticket %(ticket)s cannot be assigned to %(user)s, who is not an employee. "
                "Choose a service agent.") % {
                    'ticket': ticket.number, 'user': ticket.user_id.name})

    @api.constrains('partner_id', 'sale_order_id', 'invoice_id')
    def _check_documents_of_customer(self):
        """A ticket's sales order and invoice belong to its customer."""
        for ticket in self:
            customer = ticket.commercial_partner_id
            for field in ('sale_order_id', 'invoice_id'):
                document = ticket[field]
                if not document:
                    continue
                owner = document.partner_id.commercial_partner_id
                if not customer or owner != customer:
                    raise ValidationError(
                        _("%(kind)s %(document)s belongs to customer %(owner)s, not to the "
                          "ticket's customer %(customer)s.") % {
                            'kind': self._fields[field].get_description(self.env)['string'],
                            'document': document.display_name,
                            'owner': owner.display_name,
                            'customer': customer.display_name or _('(none)')})

    @api.onchange('partner_id')
    def _onchange_partner_id(self):
        self.email_from = self.partner_id.email
        customer = self.partner_id.commercial_partner_id
        if self.sale_order_id.partner_id.commercial_partner_id != customer:
            self.sale_order_id = False
        if self.invoice_id.partner_id.commercial_partner_id != customer:
            self.invoice_id = False

    @api.onchange('sale_order_id')
    def _onchange_sale_order_id(self):
        if self.sale_order_id and not self.partner_id:
            self.partner_id = self.sale_order_id.partner_id

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        vals = dict(vals)
        # refused before anything is written, the ticket number included
        self._check_system_fields({key: value for key, value in vals.items()
                                   if (key, value) != ('number', '/')})
        self._input_check(vals)
        tickets = self._without_system_defaults()
        company = self.env['res.company'].browse(vals.get('company_id')) \
            if vals.get('company_id') else self.env.user.company_id
        if vals.get('number', '/') == '/':
            vals['number'] = self.env['ir.sequence'].with_context(
                force_company=company.id).next_by_code('crm.service.ticket') or '/'
        if vals.get('partner_id') and not vals.get('email_from'):
            vals['email_from'] = self.env['res.partner'].browse(vals['partner_id']).email
        if 'team_id' not in vals:
            # Set here rather than by the field's default, so that the team's assignment
            # below applies to it.
            vals['team_id'] = self._default_team_id(company).id
        if vals.get('team_id') and not vals.get('user_id'):
            user = self.env['crm.service.team'].browse(vals['team_id'])._assign_user()
            if user:
                vals['user_id'] = user.id
        ticket = super(CrmServiceTicket, tickets).create(vals)
        if ticket.partner_id:
            ticket.message_subscribe([ticket.partner_id.id])
        ticket._sla_apply(include_closed=True)
        ticket._stage_values_apply()
        return ticket

    @api.multi
    def write(self, vals):
        self._check_system_fields(vals)
        res = super().write(vals)
        if vals.get('team_id') and 'user_id' not in vals:
            # a ticket moved to a team without an assignee gets one by the team's method
            for ticket in self.filtered(lambda ticket: not ticket.user_id
                                        and not ticket.is_closed):
                user = ticket.team_id._assign_user()
                if user:
                    super(CrmServiceTicket, ticket).write({'user_id': user.id})
        self._after_write(vals)
        return res

    @api.multi
    def _after_write(self, vals):
        """Follow-ups of a write: subscribe the new contact, close, recompute the SLA."""
        if vals.get('partner_id'):
            for ticket in self:
                ticket.message_subscribe([vals['partner_id']])
        if 'stage_id' in vals:
            self._stage_values_apply()
        if set(vals) & set(self._sla_trigger_fields()):
            self._sla_apply()

    @api.multi
    def name_get(self):
        return [(ticket.id, '%s %s' % (ticket.number, ticket.name)) for ticket in self]

    @api.model
    def name_search(self, name='', args=None, operator='ilike', limit=100):
        if name:
            # the number is matched from its start, any % or _ typed taken literally
            tickets = self.search(['|', ('number', '=ilike', escape_psql(name) + '%'),
                                   ('name', operator, name)] + (args or []), limit=limit)
            return tickets.name_get()
        return super().name_search(name, args=args, operator=operator, limit=limit)

    # ------------------------------------------------------------------
    # Stages
    # ------------------------------------------------------------------
    @api.multi
    def _stage_values_apply(self):
        """Set or clear the closing date with the stage; closing meets the resolution."""
        now = fields.Datetime.now()
        closing = self.filtered(lambda ticket: ticket.is_closed and not ticket.closed_date)
        reopened = self.filtered(lambda ticket: not ticket.is_closed and ticket.closed_date)
        if closing:
            super(CrmServiceTicket, closing).write({'closed_date': now})
        if reopened:
            super(CrmServiceTicket, reopened).write({'closed_date': False})
        (closing | reopened)._sla_update_status()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_assign_to_me(self):
        """Take the ticket: for service agents, on the tickets they may edit."""
        self.ensure_one()
        require_group(self.env, 'crm_service.group_service_agent', _(
            "Only service agents take tickets. Ask a service manager to make you an agent, "
            "or to assign the ticket."))
        self.write({'user_id': self.env.uid})
        return True

    @api.multi
    def action_open_customer(self):
        """Open the customer card of the ticket (back office)."""
        self.ensure_one()
        require_internal_user(self.env)
        self._check_read_access()
        return {
            'type': 'ir.actions.act_window',
            'res_model': 'res.partner',
            'res_id': self.commercial_partner_id.id,
            'view_mode': 'form',
        }
