# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The documents listed in the tabs of the customer card."""
from odoo import fields, models

from ..facts import QUOTATION_OR_ORDER_STATES, QUOTATION_STATES, REVENUE_INVOICE_DOMAIN


class ResPartner(models.Model):
    _inherit = 'res.partner'

    c360_quotation_ids = fields.Many2many(
        'sale.order', string='Proposals', compute='_compute_c360_documents',
        help="Quotations in draft or sent of the company and its contacts.")
    c360_order_ids = fields.Many2many(
        'sale.order', string='Contracts', compute='_compute_c360_documents',
        help="Confirmed sales orders of the company and its contacts.")
    c360_invoice_ids = fields.Many2many(
        'account.invoice', string='Customer Invoices', compute='_compute_c360_invoices',
        groups='account.group_account_invoice',
        help="Posted invoices and refunds of the company and its contacts.")

    def _compute_c360_documents(self):
        """Documents of the commercial entity, as the user's own access rights allow."""
        for partner in self:
            entity = partner.commercial_partner_id
            if not entity.id:
                continue
            orders = self.env['sale.order'].search(
                [('partner_id', 'child_of', entity.id),
                 ('state', 'in', QUOTATION_OR_ORDER_STATES)],
                order='date_order desc')
            partner.c360_quotation_ids = orders.filtered(lambda o: o.state in QUOTATION_STATES)
            partner.c360_order_ids = orders - partner.c360_quotation_ids

    def _compute_c360_invoices(self):
        for partner in self:
            entity = partner.commercial_partner_id
            if not entity.id:
                continue
            partner.c360_invoice_ids = self.env['account.invoice'].search(
                [('commercial_partner_id', '=', entity.id)] + REVENUE_INVOICE_DOMAIN,
                order='date_invoice desc, id desc')
