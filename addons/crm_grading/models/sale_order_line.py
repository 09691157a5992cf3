# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The credit block on confirmed orders that grow.

A confirmed order is still open to new lines and changed quantities or prices (in the form,
over RPC, through ``sale.order.line`` directly): confirming a small order and then growing it
would pass the credit block. A line added to a confirmed order, or a change that raises a
confirmed order's total, checks the order again (``sale.order._check_credit_block``).
"""
from odoo import api, models

from .sale_order import CONFIRMED_STATES, MONEY_TOLERANCE

# Line fields whose change may raise the order's total, or move the line to another order.
GROWTH_FIELDS = {'product_id', 'product_uom_qty', 'product_uom', 'price_unit', 'discount',
                 'tax_id', 'order_id'}


class SaleOrderLine(models.Model):
    _inherit = 'sale.order.line'

    @api.model
    def create(self, vals):
        line = super().create(vals)
        if line.order_id.state in CONFIRMED_STATES and line.price_total > 0:
            line.order_id._check_credit_block()
        return line

    @api.multi
    def write(self, vals):
        if not GROWTH_FIELDS.intersection(vals):
            return super().write(vals)
        before = {order.id: order.amount_total for order in self.mapped('order_id')
                  if order.state in CONFIRMED_STATES}
        result = super().write(vals)
        grown = self.mapped('order_id').filtered(
            lambda order: order.state in CONFIRMED_STATES
            and order.amount_total > before.get(order.id, 0.0) + MONEY_TOLERANCE)
        if grown:
            grown._check_credit_block()
        return result
