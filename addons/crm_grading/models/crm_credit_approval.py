# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A credit approval: a salesperson asks the credit approvers to let one blocked quotation
through the credit block.

The approval covers that order, at the total and in the currency it had when it was asked
for, until its expiry date (``res.company.credit_approval_days`` after the decision). An
order whose total or currency changed, an expired approval or another order of the same
customer meet the credit block again (``sale_order.py`` asks ``_covers``).

Why not OCA ``base_tier_validation``: its reviews are bound to a record's state change, not
to an amount, never expire, forbid editing the quotation while a review is pending and need
a tier definition per company; its ``write`` hook on the state would also run next to the
credit block's own ``write`` on ``sale.order``. A small model says exactly what is approved.

Every change goes through the methods below: the approvers' decision is checked here (the
group and the order's company), never only in the view, and no field is writable over RPC
(``ir.model.access.csv`` gives no write access; the methods write as superuser after
their checks).
"""
from datetime import timedelta

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import html_escape

from odoo.addons.crm_customer360.facts import QUOTATION_STATES

APPROVER_GROUP = 'crm_grading.group_credit_approver'


class CrmCreditApproval(models.Model):
    _name = 'crm.credit.approval'
    _description = 'Credit Approval'
    _inherit = ['mail.thread', 'mail.activity.mixin']
    _order = 'id desc'

    name = fields.Char(related='order_id.name', store=True, readonly=True)
    order_id = fields.Many2one(
        'sale.order', 'Sales Order', required=True, readonly=True, index=True,
        ondelete='cascade', auto_join=True)
    partner_id = fields.Many2one(
        'res.partner', 'Customer', readonly=True, index=True,
        help="The commercial entity of the order's customer, when it was asked for.")
    company_id = fields.Many2one('res.company', 'Company', readonly=True, index=True)
    amount = fields.Monetary(
        'Approved Amount', readonly=True,
        help="The order's total when the approval was asked for: it covers this total only.")
    currency_id = fields.Many2one('res.currency', 'Currency', readonly=True)
    reason = fields.Text('Reason', readonly=True)
    state = fields.Selection([
        ('requested', 'Requested'),
        ('approved', 'Approved'),
        ('rejected', 'Rejected'),
        ('expired', 'Expired'),
    ], 'Status', default='requested', readonly=True, index=True,
        track_visibility='onchange')
    requested_by_id = fields.Many2one('res.users', 'Requested by', readonly=True, index=True)
    decided_by_id = fields.Many2one('res.users', 'Decided by', readonly=True)
    decision_date = fields.Datetime('Decided on', readonly=True)
    decision_note = fields.Text('Decision Note', readonly=True)
    expiry_date = fields.Date(
        'Valid until', readonly=True,
        help="The last day on which the approved order may be confirmed.")

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        """Ask for an approval: only the order and the reason come from the caller."""
        order = self.env['sale.order'].browse(vals.get('order_id'))
        reason = (vals.get('reason') or '').strip()
        self._check_request(order, reason)
        values = order._credit_approval_values()
        values.update(reason=reason, requested_by_id=self.env.uid, state='requested')
        # Written as superuser: the caller may create but set none of these fields.
        approval = super(CrmCreditApproval, self.sudo()).create(values)
        approval._notify_requested()
        return approval.sudo(self.env.uid)

    @api.multi
    def write(self, vals):
        """Nobody edits an approval; decisions go through ``action_approve``/``action_reject``
        (which write as superuser). The chatter's own fields stay writable."""
        if self.env.uid != SUPERUSER_ID and set(vals) - {'message_follower_ids', 'activity_ids'}:
            raise AccessError(_("A credit approval cannot be edited; approve or reject it."))
        return super().write(vals)

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @api.multi
    def action_approve(self, note=False):
        """Approve the requests: the orders may then be confirmed as they stand."""
        self._check_decider()
        today = fields.Date.from_string(fields.Date.context_today(self))
        for approval in self:
            days = approval.company_id.sudo().credit_approval_days
            approval.sudo().write({
                'state': 'approved', 'decided_by_id': self.env.uid,
                'decision_date': fields.Datetime.now(), 'decision_note': note or False,
                'expiry_date': fields.Date.to_string(today + timedelta(days=days)),
            })
            approval._notify_decided()
        return True

    @api.multi
    def action_reject(self, note=False):
        """Reject the requests with a reason, which goes back to the salesperson."""
        note = (note or '').strip()
        if not note:
            raise UserError(_("Say why the credit approval is rejected (Decision Note)."))
        self._check_decider()
        for approval in self:
            approval.sudo().write({
                'state': 'rejected', 'decided_by_id': self.env.uid,
                'decision_date': fields.Datetime.now(), 'decision_note': note,
            })
            approval._notify_decided()
        return True

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _check_request(self, order, reason):
        """Refuse a request for an order the user may not change, that is not a blocked
        quotation, that has one pending already, or without a reason."""
        if not order.exists():
            raise UserError(_("A credit approval needs a sales order."))
        order.check_access_rights('write')
        order.check_access_rule('write')
        if not reason:
            raise UserError(_("Give the reason for the credit approval of %(order)s.")
                            % {'order': order.name})
        if order.state not in QUOTATION_STATES:
            raise UserError(_("Only a quotation needs a credit approval; %(order)s is "
                              "confirmed or cancelled.") % {'order': order.name})
        if not order._credit_problems():
            raise UserError(_("The credit block does not stop %(order)s: it can be "
                              "confirmed without a credit approval.") % {'order': order.name})
        pending = self.sudo().search_count([('order_id', '=', order.id),
                                            ('state', '=', 'requested')])
        if pending:
            raise UserError(_("A credit approval of %(order)s is already waiting for a "
                              "decision.") % {'order': order.name})

    @api.multi
    def _check_decider(self):
        """Only a credit approver of the order's company decides, on pending requests."""
        user = self.env.user
        if not user.has_group(APPROVER_GROUP):
            raise AccessError(_("Only a credit approver may approve or reject a credit "
                                "approval."))
        for approval in self.sudo():
            if approval.company_id and approval.company_id not in user.company_ids:
                raise AccessError(_("Only a credit approver of %(company)s may decide on the "
                                    "credit approval of %(order)s.") % {
                    'company': approval.company_id.name, 'order': approval.name})
            if approval.state != 'requested':
                raise UserError(_("The credit approval of %(order)s was already decided "
                                  "(%(state)s).") % {
                    'order': approval.name, 'state': approval._state_label()})

    @api.multi
    def _state_label(self):
        """The state's label in the user's language."""
        self.ensure_one()
        return dict(self._fields['state']._description_selection(self.env))[self.state]

    @api.multi
    def _approvers(self):
        """The credit approvers who may decide on this request (active internal users of
        the order's company); override to route requests elsewhere."""
        self.ensure_one()
        group = self.env.ref(APPROVER_GROUP).sudo()
        return group.users.filtered(
            lambda user: not user.share and user.active
            and (not self.company_id or self.company_id in user.company_ids))

    @api.multi
    def _covers(self, order):
        """Whether an approval in ``self`` lets ``order`` through the credit block: approved,
        not expired, for this order at its current total and currency."""
        today = fields.Date.context_today(self)
        for approval in self.sudo():
            if (approval.order_id == order and approval.state == 'approved'
                    and approval.expiry_date and approval.expiry_date >= today
                    and approval.currency_id == order.currency_id
                    and not approval.currency_id.compare_amounts(approval.amount,
                                                                 order.amount_total)):
                return approval
        return self.browse()

    @api.multi
    def _notify_requested(self):
        """A to-do for each approver, and a message on the order that mentions them."""
        self.ensure_one()
        approvers = self._approvers()
        todo = self.env.ref('mail.mail_activity_data_todo')
        model = self.env['ir.model']._get(self._name)
        for user in approvers:
            # Each to-do in its approver's language.
            summary = self.with_context(lang=user.lang or self.env.lang)._request_summary()
            self.env['mail.activity'].sudo().create({
                'res_model_id': model.id, 'res_id': self.id, 'user_id': user.id,
                'activity_type_id': todo.id, 'summary': summary, 'note': self.reason,
                'date_deadline': fields.Date.context_today(self)})
        body = _("Credit approval requested by %(user)s for %(amount)s %(currency)s: "
                 "%(reason)s") % {'user': self.requested_by_id.name,
                                  'amount': '{:,.2f}'.format(self.amount),
                                  'currency': self.currency_id.name, 'reason': self.reason}
        # The salesperson may not see the approvers' partners or post for them: as superuser,
        # in the name of the salesperson who asked.
        self.order_id.sudo().message_post(
            body=html_escape(body).replace('\n', '<br/>'), partner_ids=approvers.mapped('partner_id').ids,
            message_type='comment', subtype='mail.mt_note',
            author_id=self.requested_by_id.partner_id.id)

    @api.multi
    def _notify_decided(self):
        """The decision on the order and on the customer; the requester gets a message and,
        on a rejection, a to-do with the reason."""
        self.ensure_one()
        requester = self.requested_by_id
        # Written for the salesperson who asked, in their language.
        approval = self.sudo().with_context(lang=requester.lang or self.env.lang)
        # The pending to-dos of the other approvers are done: the request is decided.
        approval.activity_ids.action_feedback(approval._state_label())
        # Plain text of the users (reason, note): escaped, its lines kept.
        body = html_escape(approval._decision_body()).replace('\n', '<br/>')
        # Posted as superuser, in the name of the approver who decided (not the superuser's).
        author = self.env.user.partner_id.id
        approval.order_id.message_post(body=body, partner_ids=requester.partner_id.ids,
                                       message_type='comment', subtype='mail.mt_note',
                                       author_id=author)
        if approval.partner_id:
            approval.partner_id.message_post(body=body, message_type='comment',
                                             subtype='mail.mt_note', author_id=author)
        approval.message_post(body=body, message_type='comment', subtype='mail.mt_note',
                              author_id=author)
        if approval.state == 'rejected':
            order_model = self.env['ir.model']._get('sale.order')
            self.env['mail.activity'].sudo().create({
                'res_model_id': order_model.id, 'res_id': approval.order_id.id,
                'user_id': requester.id,
                'activity_type_id': self.env.ref('mail.mail_activity_data_todo').id,
                'summary': approval._rejected_summary(), 'note': approval.decision_note,
                'date_deadline': fields.Date.context_today(self)})

    @api.multi
    def _request_summary(self):
        """The approvers' to-do summary, in the environment's language."""
        self.ensure_one()
        return _("Credit approval of %(order)s") % {'order': self.name}

    @api.multi
    def _rejected_summary(self):
        """The requester's to-do summary after a rejection, in the environment's language."""
        return _("Credit approval rejected")

    @api.multi
    def _decision_body(self):
        """The message of the decision, in the environment's language."""
        self.ensure_one()
        if self.state == 'approved':
            body = _("Credit approval of %(order)s (%(amount)s %(currency)s) approved by "
                     "%(user)s, valid until %(date)s.") % self._message_values()
            if self.decision_note:
                body += '\n' + self.decision_note
            return body
        return _("Credit approval of %(order)s (%(amount)s %(currency)s) rejected by "
                 "%(user)s: %(note)s") % self._message_values()

    @api.multi
    def _message_values(self):
        """The values of the decision's messages."""
        self.ensure_one()
        return {'order': self.name, 'amount': '{:,.2f}'.format(self.amount),
                'currency': self.currency_id.name, 'user': self.decided_by_id.name,
                'date': self.expiry_date, 'note': self.decision_note}

    @api.model
    def _cron_expire(self):
        """Mark the approvals and requests past their date as expired (nightly)."""
        today = fields.Date.context_today(self)
        expired = self.sudo().search([('state', '=', 'approved'),
                                      ('expiry_date', '<', today)])
        expired.write({'state': 'expired'})
        return True
