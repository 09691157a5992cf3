# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Handover (交接): a salesperson's customers and their open work go to other people in one
transaction, and the document stays as the record of who got what and why.

The kinds of records moved are listed by ``_handover_movers`` (see
``crm_customer_handover_movers.py``); other modules add their own kinds there.
"""
import psycopg2

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

HANDOVER_REASONS = [
    ('resignation', 'Resignation'),
    ('role_change', 'Role Change'),
    ('rebalancing', 'Rebalancing'),
    ('other', 'Other'),
]
# Reasons for which the giver leaves all their accounts, co-ownerships included.
LEAVING_REASONS = ('resignation', 'role_change')


class CrmCustomerHandover(models.Model):
    _name = 'crm.customer.handover'
    _description = 'Customer Handover'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'id desc'

    # In the reader's language ("A to B"), so not stored; searched by the users' names.
    name = fields.Char('Name', compute='_compute_name', search='_search_name')
    from_user_id = fields.Many2one(
        'res.users', 'From', required=True, index=True, track_visibility='onchange',
        readonly=True, states={'draft': [('readonly', False)]},
        help="The salesperson whose customers are handed over.")
    to_user_id = fields.Many2one(
        'res.users', 'To', required=True, index=True, track_visibility='onchange',
        readonly=True, states={'draft': [('readonly', False)]},
        help="Who receives the customers, unless a line names someone else.")
    reason = fields.Selection(
        HANDOVER_REASONS, 'Reason', required=True, default='other',
        readonly=True, states={'draft': [('readonly', False)]})
    state = fields.Selection(
        [('draft', 'Draft'), ('running', 'In Progress'), ('done', 'Done'),
         ('cancel', 'Cancelled')], 'Status',
        required=True, default='draft', readonly=True, copy=False,
        track_visibility='onchange')
    move_co_ownerships = fields.Boolean(
        'Hand Over Co-ownerships',
        readonly=True, states={'draft': [('readonly', False)]},
        help="The receiver also takes the giver's place as co-owner of other salespeople's "
             "customers. On by default when the giver leaves the accounts (resignation, role "
             "change); off, only the handed-over customers lose the giver as co-owner.")
    effective_date = fields.Date(
        'Effective Date', default=fields.Date.context_today,
        readonly=True, states={'draft': [('readonly', False)]})
    date_done = fields.Datetime('Confirmed On', readonly=True, copy=False)
    note = fields.Text('Note')
    line_ids = fields.One2many(
        'crm.customer.handover.line', 'handover_id', 'Customers', copy=True,
        readonly=True, states={'draft': [('readonly', False)]})
    company_id = fields.Many2one(
        'res.company', 'Company', default=lambda self: self.env.user.company_id)
    preview_customer_count = fields.Integer('Customers', compute='_compute_preview')
    preview_opportunity_count = fields.Integer(
        'Open Opportunities', compute='_compute_preview')
    preview_order_count = fields.Integer(
        'Quotations and Open Orders', compute='_compute_preview')
    preview_invoice_count = fields.Integer('Open Invoices', compute='_compute_preview')
    preview_activity_count = fields.Integer('Planned Activities', compute='_compute_preview')
    preview_co_owner_count = fields.Integer(
        'Co-ownerships', compute='_compute_preview',
        help="Other salespeople's customers on which the receiver takes the giver's place as "
             "co-owner.")

    # ------------------------------------------------------------------
    # Computes and constraints
    # ------------------------------------------------------------------
    @api.depends('from_user_id', 'to_user_id')
    def _compute_name(self):
        for handover in self:
            handover.name = self._handover_name(handover.from_user_id.name,
                                                handover.to_user_id.name)

    @api.model
    def _handover_name(self, from_name, to_name):
        """A handover's name in the reader's language: who hands over to whom."""
        return _("%(from)s to %(to)s") % {'from': from_name or '?', 'to': to_name or '?'}

    def _search_name(self, operator, value):
        return ['|', ('from_user_id.name', operator, value),
                ('to_user_id.name', operator, value)]

    @api.depends('from_user_id', 'line_ids.partner_id', 'state', 'move_co_ownerships')
    def _compute_preview(self):
        """What a confirmation would move; with no lines yet, what the default lines hold.

        A few counting queries per handover, whatever the number of customers.
        """
        for handover in self:
            partners = handover._preview_partners()
            counts = handover.sudo()._handover_counts(handover.from_user_id, partners)
            handover.preview_customer_count = len(partners)
            for model, field in self._preview_count_fields().items():
                handover[field] = counts[model]
            handover.preview_co_owner_count = (
                handover._co_ownerships_elsewhere(partners)
                if handover.move_co_ownerships else 0)

    @api.multi
    def _preview_partners(self):
        """The customers a confirmation would move: the lines', or with no lines yet, what
        the default lines would hold."""
        self.ensure_one()
        partners = self.env['res.partner']
        if self.id:
            # Ids only: reading tens of thousands of lines through the ORM takes minutes.
            self.env.cr.execute("SELECT partner_id FROM crm_customer_handover_line "
                                "WHERE handover_id = %s", (self.id,))
            partners = partners.browse([row[0] for row in self.env.cr.fetchall()])
        elif self.line_ids:
            partners = self.line_ids.mapped('partner_id')  # a new record in the form
        if not partners and self.from_user_id and self.state == 'draft':
            partners = self._default_customers(self.from_user_id)
        return partners

    @api.model
    def _preview_count_fields(self):
        """``{model: preview field}``: which field of the preview shows the count of each kind
        of record moved. A module that adds a kind to ``_handover_document_domains`` adds its
        field here (declared with ``compute='_compute_preview'``)."""
        return {
            'crm.lead': 'preview_opportunity_count',
            'sale.order': 'preview_order_count',
            'account.invoice': 'preview_invoice_count',
            'mail.activity': 'preview_activity_count',
        }

    @api.onchange('reason')
    def _onchange_reason(self):
        self.move_co_ownerships = self.reason in LEAVING_REASONS

    @api.multi
    def _co_ownerships_elsewhere(self, customers):
        """How many customers outside ``customers`` have the giver as a co-owner."""
        self.ensure_one()
        if not self.from_user_id:
            return 0
        self.env.cr.execute("""
            SELECT COUNT(*) FROM crm_customer_co_owner_rel r
              JOIN res_partner p ON p.id = r.partner_id
             WHERE r.user_id = %s AND p.parent_id IS NULL AND p.active
               AND NOT p.id = ANY(%s)""", (self.from_user_id.id, customers.ids))
        return self.env.cr.fetchone()[0]

    @api.constrains('from_user_id', 'to_user_id')
    def _check_users(self):
        """The giver and the receiver are two different people; the receiver may own
        customers (an active internal user with sales rights)."""
        for handover in self:
            if handover.from_user_id == handover.to_user_id:
                raise ValidationError(_(
                    "%(user)s cannot hand customers over to themselves: choose another receiver."
                ) % {'user': handover.from_user_id.name})
        self.mapped('to_user_id')._check_customer_owners()

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        """A handover created without lines covers every customer the giver owns; unless
        told otherwise, a giver who leaves (resignation, role change) hands over their
        co-ownerships too."""
        if self.env.uid != SUPERUSER_ID and (vals.get('state', 'draft') != 'draft'
                                             or vals.get('date_done')):
            raise UserError(self._state_refusal())
        co_ownerships_given = 'move_co_ownerships' in vals
        # the giver and the reason may come as defaults (the action of an archiving refusal)
        vals = self._add_missing_default_values(vals)
        if not co_ownerships_given:
            vals['move_co_ownerships'] = vals.get('reason') in LEAVING_REASONS
        if vals.get('line_ids') or not vals.get('from_user_id'):
            return super().create(vals)
        handover = super().create(vals)
        handover._insert_lines(self._default_customers(handover.from_user_id).ids)
        return handover

    @api.multi
    def _line_receivers(self):
        """The receivers named on the lines (without reading the lines)."""
        self.ensure_one()
        self.env.cr.execute("SELECT DISTINCT to_user_id FROM crm_customer_handover_line "
                            "WHERE handover_id = %s AND to_user_id IS NOT NULL", (self.id,))
        return self.env['res.users'].browse([row[0] for row in self.env.cr.fetchall()])

    @api.multi
    def _line_count(self):
        """The number of customers of this handover (without reading its lines)."""
        self.ensure_one()
        self.env.cr.execute(
            "SELECT COUNT(*) FROM crm_customer_handover_line WHERE handover_id = %s",
            (self.id,))
        return self.env.cr.fetchone()[0]

    @api.multi
    def _insert_lines(self, partner_ids):
        """Add a line for each of ``partner_ids``, for the handover's receiver, in one
        statement: a salesperson may have tens of thousands of customers, and creating the
        lines one by one would keep the request busy for minutes."""
        self.ensure_one()
        self.env.cr.execute("""
            INSERT INTO crm_customer_handover_line
                   (handover_id, partner_id, to_user_id, create_uid, create_date, write_uid,
                    write_date)
            SELECT %s, p.id, %s, %s, now() at time zone 'UTC', %s, now() at time zone 'UTC'
              FROM unnest(%s::int[]) AS p(id)""",
                            (self.id, self.to_user_id.id, self.env.uid, self.env.uid,
                             list(partner_ids)))
        self.invalidate_cache(['line_ids'], self.ids)

    @api.multi
    def write(self, vals):
        if self.env.uid != SUPERUSER_ID:
            self._check_editable(vals)
        return super().write(vals)

    @api.multi
    def unlink(self):
        if any(handover.state == 'done' for handover in self):
            raise UserError(_("A confirmed handover is the record of who got which customers: "
                              "it cannot be deleted."))
        return super().unlink()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_confirm(self):
        """Move the customers and their open work to the receivers, all or nothing; a
        handover of more customers than the setting says runs in the background, by parts
        (see ``crm_customer_handover_batch.py``)."""
        self.ensure_one()
        self._check_may_confirm()
        self._lock_handover()
        if not self._line_count():
            raise UserError(_("The handover %(handover)s has no customers to hand over.") % {
                'handover': self.name})
        # A receiver may have been archived or lost their sales rights since the draft.
        (self.to_user_id | self._line_receivers())._check_customer_owners()
        if self._handover_in_background():
            return self._handover_start_batch()
        customers = self.line_ids.mapped('partner_id')
        self._lock_customers(customers)
        self._check_still_owned(customers)
        handover = self._handover_mover_env()
        lines_by_receiver = handover._lines_by_receiver()
        with self.env.cr.savepoint():
            moved = handover._handover_move_lines(lines_by_receiver)
            moved += handover._handover_move_final(lines_by_receiver)
            handover._create_briefings(lines_by_receiver, moved)
            handover._handover_introduce(lines_by_receiver, post_note=True)
            handover.write({'state': 'done', 'date_done': fields.Datetime.now()})
        return True

    @api.multi
    def _handover_mover_env(self):
        """This handover as the movers see it: as superuser, with the manager who confirms
        named as the author of the history and the messages (``c360_acting_user_id``) and the
        reason of the ownership changes. The movers change documents the sales manager may
        not write (invoices, partners of other salespeople): rights are checked before."""
        self.ensure_one()
        return self.sudo().with_context(
            c360_acting_user_id=self.env.uid,
            # a fact, read in each reader's language (crm.customer.ownership.history)
            ownership_change_reason=('handover', {
                'from': self.from_user_id.name, 'to': self.to_user_id.name,
                'kind': self.reason}))

    @api.multi
    def action_cancel(self):
        """Drop a draft handover; a confirmed one cannot be undone this way."""
        self._check_may_confirm()
        for handover in self:
            if handover.state == 'done':
                raise UserError(_("The handover %(handover)s is done and cannot be cancelled: "
                                  "create a handover in the other direction instead.") % {
                    'handover': handover.name})
        # The status changes through the buttons only: checked above, written as superuser.
        self.sudo().write({'state': 'cancel'})
        return True

    @api.multi
    def action_draft(self):
        """Reopen a cancelled handover."""
        self._check_may_confirm()
        self.filtered(lambda h: h.state == 'cancel').sudo().write({'state': 'draft'})
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _default_customers(self, user):
        """The customers a new handover of ``user`` covers; extend to narrow or widen it."""
        return self.env['res.partner'].search([
            ('user_id', '=', user.id), ('customer', '=', True), ('parent_id', '=', False)])

    def _check_may_confirm(self):
        """Only sales managers hand customers over."""
        if not self.env.user.has_group('sales_team.group_sale_manager'):
            raise AccessError(_("Only sales managers can confirm or cancel a handover."))

    @api.model
    def _document_fields(self):
        """The fields that say what a handover moves: fixed once it is no longer a draft.
        Extend when adding such a field."""
        return ['from_user_id', 'to_user_id', 'reason', 'move_co_ownerships', 'effective_date',
                'line_ids', 'company_id']

    @api.multi
    def _check_editable(self, vals):
        """Refuse a write of the status (the buttons change it), or of what a handover moves
        once it is confirmed or cancelled (the record of what happened)."""
        if {'state', 'date_done'} & set(vals):
            raise UserError(self._state_refusal())
        if set(self._document_fields()) & set(vals):
            self._check_lines_editable()

    @api.multi
    def _check_lines_editable(self):
        """Refuse to change what confirmed or cancelled handovers move (their lines
        included); the superuser passes."""
        if self.env.uid == SUPERUSER_ID:
            return
        for handover in self.filtered(lambda h: h.state != 'draft'):
            raise UserError(handover._closed_refusal())

    @api.model
    def _state_refusal(self):
        return _("The status of a handover changes only through its buttons (Confirm, Cancel, "
                 "Reset to Draft).")

    @api.multi
    def _closed_refusal(self):
        """The refusal to change what a confirmed or cancelled handover moves."""
        self.ensure_one()
        state = dict(self._fields['state']._description_selection(self.env))[self.state]
        return _("The handover %(handover)s is %(state)s: what it hands over no longer "
                 "changes. Reset a cancelled handover to draft, or create a new one.") % {
            'handover': self.name, 'state': state}

    def _lock_handover(self):
        """Lock this handover's row and make sure it is still a draft (not confirmed twice)."""
        self.env.cr.execute(
            "SELECT state FROM crm_customer_handover WHERE id = %s FOR UPDATE", (self.id,))
        self.invalidate_cache(['state'], self.ids)
        if self.state != 'draft':
            state = dict(self._fields['state']._description_selection(self.env))[self.state]
            raise UserError(_("The handover %(handover)s is no longer a draft (it is "
                              "%(state)s): it cannot be confirmed again.") % {
                'handover': self.name, 'state': state})

    @api.model
    def _lock_customers(self, customers):
        """Lock the customers' rows, refusing at once if another transaction holds them.

        FOR NO KEY UPDATE conflicts with other handovers and with edits of the customers,
        but not with new documents that merely reference them (foreign keys).
        """
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute(
                    "SELECT id FROM res_partner WHERE id IN %s FOR NO KEY UPDATE NOWAIT",
                    (tuple(customers.ids),), log_exceptions=False)
        except psycopg2.OperationalError:
            raise UserError(_(
                "These customers are being handed over or edited by someone else: "
                "%(customers)s. Try again in a moment.") % {
                'customers': ', '.join(customers.mapped('display_name'))})

    @api.multi
    def _check_still_owned(self, customers):
        """Refuse if a customer changed owner since the handover was prepared."""
        customers.invalidate_cache(['user_id'], customers.ids)
        moved = customers.sudo().filtered(lambda p: p.user_id != self.from_user_id)
        if moved:
            raise UserError(_(
                "These customers no longer belong to %(owner)s: %(customers)s. Remove them "
                "from the handover or reassign them first.") % {
                'owner': self.from_user_id.name,
                'customers': ', '.join(moved.mapped('display_name'))})

    @api.multi
    def _lines_by_receiver(self, lines=None):
        """The lines (all of them, or ``lines``) grouped by the user who receives them, as
        ``{user: lines}``."""
        lines = self.line_ids if lines is None else lines
        ids = {}
        for line in lines:
            ids.setdefault(line.to_user_id or self.to_user_id, []).append(line.id)
        # One recordset per receiver at the end: uniting line by line is quadratic.
        return {receiver: lines.browse(line_ids) for receiver, line_ids in ids.items()}
