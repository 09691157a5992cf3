# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Which quotations the credit block holds back, for many quotations at once (the
dashboard's *My Quotations Held by the Credit Block*).

The same test as confirming each quotation alone (``sale_order.py``: the customer rated D,
or its receivable, open orders and this quotation over its credit limit; the company's
block on; no valid credit approval), read in a fixed number of queries whatever the number
of quotations: the block's own readers (``_credit_receivable``,
``_credit_open_order_amounts``) for every customer concerned at once, its own test
(``_credit_blocks``) per quotation on the figures read, and the approvals' own ``_covers``.
A reason added by overriding ``_credit_block_reasons`` is not counted here: extend
``_credit_blocked_quotation_ids`` with it.
"""
from collections import defaultdict

from odoo import api, models

from odoo.addons.crm_customer360.access import readable_sql
from odoo.addons.crm_customer360.facts import QUOTATION_DOMAIN

from .sale_order import BLOCKED_RATING


class SaleOrder(models.Model):
    _inherit = 'sale.order'

    @api.model
    def _credit_blocked_quotation_ids(self, domain=None):
        """Ids of the quotations the current user may read whose confirmation the credit
        block would refuse now, each confirmed alone, unless a credit approver confirms.

        The quotations are those of ``QUOTATION_DOMAIN`` and ``domain`` under the user's
        record rules; only those of a customer with a credit limit or rated D can be held
        back (the other customers' figures are not read). The cost grows with the customers
        concerned (their receivables and open orders are read): narrow ``domain`` (one
        salesperson's quotations) on a large base.
        """
        readable, params = readable_sql(self, list(QUOTATION_DOMAIN) + list(domain or []))
        # Each quotation with its amount and the customers whose credit it uses (the
        # ordering and the invoiced commercial entities, as ``_credit_entities``).
        self.env.cr.execute("""
            SELECT so.id, so.amount_total, pl.currency_id,
                   p.commercial_partner_id, pi.commercial_partner_id
              FROM sale_order so
              JOIN res_partner p ON p.id = so.partner_id
              -- the order's currency is its pricelist's (not stored on the order)
              LEFT JOIN product_pricelist pl ON pl.id = so.pricelist_id
              LEFT JOIN res_partner pi ON pi.id = so.partner_invoice_id
              LEFT JOIN res_company c ON c.id = so.company_id
             WHERE so.id IN (%s)
               AND (so.company_id IS NULL OR c.credit_block)
               AND EXISTS (SELECT 1 FROM res_partner e
                            WHERE e.id IN (p.commercial_partner_id, pi.commercial_partner_id)
                              AND (e.credit_limit > 0 OR e.credit_rating = %%s))
        """ % readable, params + [BLOCKED_RATING])
        rows = self.env.cr.fetchall()
        if not rows:
            return []
        # The figures as the reader would meet the block confirming them (their companies
        # and currency); the approvals are read as superuser, as the block reads them.
        return self._credit_uncovered(self._credit_blocked_rows(rows))

    @api.model
    def _credit_blocked_rows(self, rows):
        """The ids of ``rows`` (``(order id, total, currency id, entity id, invoiced
        entity id)``) that the block's test stops, from the block's own figures."""
        entity_ids = sorted({pid for row in rows for pid in row[3:] if pid})
        customers = self.env['res.partner'].browse(entity_ids)
        receivable = self._credit_receivable(customers)
        open_amounts = self._credit_open_order_amounts(customers, self.browse())
        self.env.cr.execute("SELECT id, credit_limit, credit_rating FROM res_partner "
                            "WHERE id = ANY(%s)", [entity_ids])
        partners = {pid: (limit or 0.0, rating) for pid, limit, rating in self.env.cr.fetchall()}
        figures_currency = self.env.user.company_id.currency_id
        Currency = self.env['res.currency']
        rates = {}  # one conversion per currency, not per quotation
        blocked = []
        for order_id, total, currency_id, *entities in rows:
            if currency_id not in rates:
                rates[currency_id] = self._credit_convert(
                    1.0, Currency.browse(currency_id), figures_currency)
            amount = (total or 0.0) * rates[currency_id]
            for pid in set(filter(None, entities)):
                limit, rating = partners[pid]
                values = {'receivable': receivable.get(pid, 0.0),
                          'open': open_amounts.get(pid, 0.0),
                          'order': amount, 'batch': amount, 'limit': limit}
                if any(self._credit_blocks(rating, values)):
                    blocked.append(order_id)
                    break
        return blocked

    @api.model
    def _credit_uncovered(self, order_ids):
        """``order_ids`` without the quotations a valid credit approval lets through
        (``crm.credit.approval._covers``, as the block's ``_credit_waive``)."""
        approvals = self.env['crm.credit.approval'].sudo().search([
            ('order_id', 'in', order_ids), ('state', '=', 'approved')])
        by_order = defaultdict(lambda: approvals.browse())
        for approval in approvals:
            by_order[approval.order_id.id] |= approval
        # One recordset: the orders' totals and currencies are read together.
        orders = self.browse(list(by_order))
        covered = {order.id for order in orders if by_order[order.id]._covers(order)}
        return [order_id for order_id in order_ids if order_id not in covered]
