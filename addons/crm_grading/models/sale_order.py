# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Credit block on sales orders.

Confirming an order is refused when its customer (the commercial entity of the ordering
partner, and of the invoiced one when another pays) is rated D, or has a credit limit that
the receivable plus the open orders plus the orders being confirmed would exceed. Members of
``crm_grading.group_credit_approver`` confirm anyway, and the order's chatter records who
approved over what. A company that does not sell on credit (only the helpdesk, cash sales)
turns the block off for its orders (``res.company.credit_block``, Sales > Settings).

Every way of confirming ends in a ``write`` of a confirmed state on quotations (the form
button and ``action_confirm`` through ``_action_confirm``, a duplicated quotation, a portal
acceptance, a batch of orders, ``action_done``, a write of the state over RPC), so the check
sits in ``write``: the other values first, then the check, then the state. An order created
confirmed is created as a quotation and confirmed by ``write``. Nothing a caller controls (the
context) skips it.

A confirmed order that grows (a line added or changed, ``sale_order_line.py``) or moves to
another customer or invoiced customer meets the block again, for what it has still to invoice.
"""
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import html_escape

from odoo.addons.crm_customer360.facts import ORDER_STATES, QUOTATION_STATES

from .res_partner import SALES

# A confirmed order: what the credit block checks and counts (crm_customer360 ``facts``).
CONFIRMED_STATES = ORDER_STATES
# Context key set by the web routes where a customer confirms (as the superuser) a
# quotation online (``controllers/sale_portal.py``): nobody approves over the credit block
# there. It can only take the approval away, never give it.
CREDIT_VISITOR = 'crm_credit_visitor'
# Amounts that differ by less than half a cent are equal: the receivable, open orders and
# order totals are sums of floats that differ from the displayed amounts in the last bits,
# so an order that brings the customer exactly to the limit (or a line rewritten at the
# same total) must not count as over it. Half of the smallest unit (0.01) of the currencies
# the figures are shown in.
MONEY_TOLERANCE = 0.005
# The credit rating whose customer confirms nothing without a credit approver.
BLOCKED_RATING = 'D'
# Fields of a confirmed order that move its credit to another customer.
CREDIT_PARTNER_FIELDS = {'partner_id', 'partner_invoice_id'}


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    # The credit block looks the orders of a customer up by the invoiced partner too.
    partner_invoice_id = fields.Many2one(index=True)
    credit_rating = fields.Selection(
        related='partner_id.commercial_partner_id.credit_rating', string='Credit Rating',
        readonly=True, groups=SALES)
    # The receivable and the limit of the customer: not for the portal's readers.
    credit_warning = fields.Text(
        'Credit Warning', compute='_compute_credit_warning', groups=SALES,
        help="Why confirming this quotation would be refused by the credit block.")

    @api.depends('partner_id', 'amount_total', 'pricelist_id', 'state')
    def _compute_credit_warning(self):
        """Tell on the quotation form whether the credit block would stop it, as it stands."""
        quotations = self.filtered(lambda order: order.state in QUOTATION_STATES
                                   and order.partner_id)
        for order in self - quotations:
            order.credit_warning = False
        for order in quotations:
            # Each quotation alone: the batch total is for orders confirmed together.
            problems = order._credit_problems()
            order.credit_warning = next(iter(problems.values()), False)

    # ------------------------------------------------------------------
    # ORM / host overrides
    # ------------------------------------------------------------------
    @api.model
    def create(self, vals):
        if vals.get('state') not in CONFIRMED_STATES:
            return super().create(vals)
        # Created as a quotation and confirmed by write, as any confirmation (a refusal
        # rolls the insert back with the transaction).
        order = super().create(dict(vals, state='draft'))
        order.write({'state': vals['state']})
        return order

    @api.multi
    def write(self, vals):
        quotations = self.browse()
        if vals.get('state') in CONFIRMED_STATES:
            quotations = self.filtered(lambda order: order.state in QUOTATION_STATES)
        if not quotations:
            moved = self.browse()
            if CREDIT_PARTNER_FIELDS.intersection(vals):
                moved = self.filtered(lambda order: order.state in CONFIRMED_STATES)
            result = super().write(vals)
            if moved:
                moved._check_credit_block()
            return result
        # What is checked is the order as it will be confirmed (lines, customer and
        # pricelist written together with the state count).
        values = dict(vals)
        state = values.pop('state')
        if values:
            super().write(values)
        quotations._check_credit_block()
        return super().write({'state': state})

    # ------------------------------------------------------------------
    # Business methods
    # ------------------------------------------------------------------
    @api.model
    def _credit_approval_note(self, order, problems):
        """The chatter note of a credit approver's decision, in the environment's language."""
        if order.state in CONFIRMED_STATES:
            text = _("Changed over the credit block by %(user)s (credit approver):"
                     "\n%(problems)s")
        else:
            text = _("Confirmed over the credit block by %(user)s (credit approver):"
                     "\n%(problems)s")
        return text % {'user': self.env.user.name, 'problems': problems}

    @api.multi
    def _check_credit_block(self):
        """Refuse the confirmation of blocked orders, or log the approver's decision."""
        self._credit_serialize()
        problems = self._credit_waive(self._credit_problems())
        if not problems:
            return
        if self._credit_approver():
            # The note is written for the order's salesperson, in their language.
            by_lang = {}
            for order in self.filtered(lambda o: o.id in problems):
                lang = order.user_id.lang or self.env.lang
                if lang not in by_lang:
                    by_lang[lang] = self.with_context(lang=lang)._credit_problems()
                text = self.with_context(lang=lang)._credit_approval_note(
                    order, by_lang[lang].get(order.id, problems[order.id]))
                order.message_post(body=html_escape(text).replace('\n', '<br/>'))
            return
        raise UserError('\n\n'.join(problems[order.id] for order in self
                                    if order.id in problems))

    @api.multi
    def _credit_waive(self, problems):
        """Return ``problems`` without the orders let through otherwise; extended by the
        credit approvals (``sale_order_credit_approval.py``)."""
        return problems

    @api.multi
    def _credit_serialize(self):
        """Make two confirmations for one customer with a credit limit wait for each other.

        Each would check the limit without seeing the other's order. Writing the customer's
        row (an unchanged value) makes the second wait for the first; once the first
        commits, the second fails with a serialization error, which the server retries in a
        new transaction that sees the first order.
        """
        customers = self.env['res.partner'].sudo().union(
            *[order._credit_entities() for order in self.filtered('partner_id')])
        self.env.cr.execute(
            "UPDATE res_partner SET credit_limit = credit_limit "
            "WHERE id = ANY(%s) AND credit_limit > 0", [customers.ids])

    @api.model
    def _credit_approver(self):
        """Whether the current user may confirm over the credit block; override to change."""
        # A portal or public visitor accepting a quotation online runs as the superuser
        # (sudo): that is no approval.
        if self.env.context.get(CREDIT_VISITOR):
            return False
        return self.env.user.has_group('crm_grading.group_credit_approver')

    @api.multi
    def _credit_block_applies(self):
        """Whether the credit block checks this order: unless its company turned it off
        (an order without a company is checked)."""
        self.ensure_one()
        return not self.company_id or self.company_id.sudo().credit_block

    @api.multi
    def _credit_entities(self):
        """The customers whose credit this order uses: the commercial entity of the ordering
        partner and, when another one pays, of the invoiced partner (read as superuser: the
        limit and the rating decide, whoever confirms)."""
        self.ensure_one()
        return (self.partner_id | self.partner_invoice_id).sudo().mapped(
            'commercial_partner_id')

    @api.multi
    def _credit_problems(self):
        """Return ``{order id: message}`` for the orders the credit block stops.

        Orders in ``self`` are confirmed together: each customer's orders in ``self`` are
        summed. Override ``_credit_block_reasons`` to add a reason. The orders of a
        company that turned the credit block off (``res.company.credit_block``) pass.
        """
        orders = self.filtered(lambda order: order.partner_id and order._credit_block_applies())
        if not orders:
            return {}
        figures_currency = self.env.user.company_id.currency_id
        entities = {order.id: order._credit_entities() for order in orders}
        customers = self.env['res.partner'].sudo().union(*entities.values())
        receivable = self._credit_receivable(customers)
        open_amounts = self._credit_open_order_amounts(customers, orders)
        amounts = {order.id: self._credit_order_amount(order, figures_currency)
                   for order in orders}
        batch = defaultdict(float)
        for order in orders:
            for partner in entities[order.id]:
                batch[partner.id] += amounts[order.id]
        problems = {}
        for order in orders:
            messages = []
            for partner in entities[order.id]:
                values = {
                    'receivable': receivable.get(partner.id, 0.0),
                    'open': open_amounts.get(partner.id, 0.0),
                    'order': amounts[order.id],
                    'batch': batch[partner.id],
                    'limit': partner.credit_limit,
                }
                reasons = self._credit_block_reasons(partner, values)
                if reasons:
                    messages.append(self._credit_block_message(
                        order, partner, values, reasons, figures_currency))
            if messages:
                problems[order.id] = '\n\n'.join(messages)
        return problems

    @api.model
    def _credit_block_reasons(self, partner, values):
        """Reasons to refuse the confirmation; extend to add one (return translated text)."""
        reasons = []
        rated_blocked, over_limit = self._credit_blocks(partner.credit_rating, values)
        if rated_blocked:
            reasons.append(_("the customer is rated D"))
        if over_limit:
            reasons.append(_("the receivable, the open orders and this order exceed the "
                             "credit limit"))
        return reasons

    @api.model
    def _credit_blocks(self, rating, values):
        """The block's own two tests of one customer, as ``(rated D, over the limit)``: the
        one definition that ``_credit_block_reasons`` words and the dashboard's count of
        blocked quotations (``sale_order_credit_blocked.py``) reads.

        :param rating: the customer's credit rating (or False).
        :param values: ``receivable``, ``open``, ``batch`` and ``limit`` as in
            ``_credit_problems``.
        """
        total = values['receivable'] + values['open'] + values['batch']
        return (rating == BLOCKED_RATING,
                values['limit'] > 0 and total > values['limit'] + MONEY_TOLERANCE)

    @api.model
    def _credit_block_message(self, order, partner, values, reasons, currency):
        """The text of the refusal (and of the approver's chatter message)."""
        def money(amount):
            return '{:,.2f} {}'.format(amount, currency.name)
        # An order checked while confirmed grows or moves; a quotation is being confirmed.
        changed = order.state in CONFIRMED_STATES
        if changed:
            first = _("The sales order %(order)s cannot grow or change customer: %(reasons)s.")
        else:
            first = _("The sales order %(order)s cannot be confirmed: %(reasons)s.")
        lines = [
            first % {'order': order.name, 'reasons': _(" and ").join(reasons)},
            _("Customer: %(customer)s, credit rating %(rating)s") % {
                'customer': partner.display_name, 'rating': partner.credit_rating or _("none")},
            _("Receivable: %(amount)s") % {'amount': money(values['receivable'])},
            _("Open orders: %(amount)s") % {'amount': money(values['open'])},
            _("This order: %(amount)s") % {'amount': money(values['order'])},
        ]
        if values['batch'] - values['order'] > MONEY_TOLERANCE:
            lines.append(_("Other orders confirmed with it: %(amount)s") % {
                'amount': money(values['batch'] - values['order'])})
        lines.append(_("Credit limit: %(limit)s") % {
            'limit': money(values['limit']) if values['limit'] > 0 else _("none")})
        lines.append(_("A credit approver may change it.") if changed
                     else _("A credit approver may confirm it. Request Credit Approval on the "
                            "order to ask for one."))
        return '\n'.join(lines)

    @api.model
    def _credit_receivable(self, partners):
        """Receivable of each commercial partner, from the customer card's figures."""
        figures = self.env['crm.customer.figures']._compute_figures(
            partners.ids, figures=['receivable_amount'])
        return {pid: row['receivable_amount'] for pid, row in figures.items()}

    @api.model
    def _credit_open_order_amounts(self, partners, excluded):
        """What confirmed orders still have to invoice, per commercial partner, in the
        company currency: one grouped query, converted per currency at today's rate.

        :param excluded: orders left out (those being confirmed now).
        """
        self.env['sale.order.line'].recompute()
        # An order counts for the customer who orders and for the one invoiced, once each
        # (UNION): each branch follows an index from the customers to their orders and
        # keeps only the open ones, so that the lines are joined to those alone (joining the
        # orders again after the UNION read every confirmed order of the base).
        self.env.cr.execute("""
            WITH orders AS (
                SELECT so.id, p.commercial_partner_id AS partner_id
                  FROM res_partner p JOIN sale_order so ON so.partner_id = p.id
                 WHERE p.commercial_partner_id = ANY(%(partners)s)
                   AND so.state IN %(confirmed)s AND so.company_id = ANY(%(companies)s)
                   AND NOT so.id = ANY(%(excluded)s)
                UNION
                SELECT so.id, p.commercial_partner_id
                  FROM res_partner p JOIN sale_order so ON so.partner_invoice_id = p.id
                 WHERE p.commercial_partner_id = ANY(%(partners)s)
                   AND so.state IN %(confirmed)s AND so.company_id = ANY(%(companies)s)
                   AND NOT so.id = ANY(%(excluded)s)
            )
            SELECT o.partner_id, sol.currency_id,
                   SUM(sol.price_total * (sol.product_uom_qty - sol.qty_invoiced)
                       / sol.product_uom_qty)
              FROM orders o
              JOIN sale_order_line sol ON sol.order_id = o.id
             WHERE sol.product_uom_qty > 0 AND sol.product_uom_qty > sol.qty_invoiced
          GROUP BY 1, 2
        """, {'partners': partners.ids, 'companies': self.env.user.company_ids.ids,
              'confirmed': CONFIRMED_STATES,
              'excluded': [oid for oid in excluded.ids if isinstance(oid, int)] or [0]})
        # Fetched before reading anything else: a read of the user's company (not yet in
        # the cache) runs its own query on the cursor and would leave no rows to fetch.
        rows = self.env.cr.fetchall()
        company_currency = self.env.user.company_id.currency_id
        Currency = self.env['res.currency']
        amounts = defaultdict(float)
        for partner_id, currency_id, amount in rows:
            currency = Currency.browse(currency_id)
            amounts[partner_id] += (currency.compute(amount, company_currency, round=False)
                                    if currency_id and currency != company_currency
                                    else amount)
        return amounts

    @api.model
    def _credit_order_amount(self, order, currency):
        """What the order adds to the customer's debt, in ``currency`` at today's rate: a
        quotation's total, or what a confirmed order has still to invoice (its invoiced part
        is in the receivable already; as ``_credit_open_order_amounts`` counts it)."""
        amount = order.amount_total
        if order.state in CONFIRMED_STATES:
            amount = sum(line.price_total * (line.product_uom_qty - line.qty_invoiced)
                         / line.product_uom_qty for line in order.order_line
                         if line.product_uom_qty > 0
                         and line.product_uom_qty > line.qty_invoiced)
        return self._credit_convert(amount, order.currency_id, currency)

    @api.model
    def _credit_convert(self, amount, currency, to):
        """``amount`` of ``currency`` (a record, possibly empty) in ``to`` at today's rate,
        unrounded, as the block compares amounts."""
        if currency and currency != to:
            return currency.compute(amount, to, round=False)
        return amount
