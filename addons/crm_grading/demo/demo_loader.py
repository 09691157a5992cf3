# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The demo's closing step: grade the demo customers, rate their credit, refresh the cube."""
from odoo import api, models


class CustomerDemo(models.AbstractModel):
    _inherit = 'crm.customer360.demo'

    @api.model
    def _demo_after_documents(self):
        """Grade every company's customers and rate their credit, from the demo documents."""
        super()._demo_after_documents()
        self.env['crm.grading.policy']._run_active_policies()
        self.env['res.partner']._rate_credit_all_companies()
        self._demo_credit_approval()

    @api.model
    def _demo_credit_approval(self):
        """李明 (li.ming) asks for a credit approval of her largest blocked quotation (the
        customer rated D): one request waits for the credit approvers."""
        user = self.env.ref('crm_customer360.user_li_ming_demo')
        partner = self.env.ref('crm_customer360.partner_xinbeidou_demo')
        quotations = self.env['sale.order'].search([
            ('user_id', '=', user.id), ('partner_id', '=', partner.id),
            ('state', 'in', ('draft', 'sent'))], order='amount_total desc')
        blocked = quotations.filtered(lambda order: order._credit_problems())[:1]
        if blocked:
            self.env['crm.credit.approval'].sudo(user).with_context(lang=user.lang).create({
                'order_id': blocked.id,
                'reason': '客户已承诺本月底前结清逾期发票，本单为续约订单，申请信用审批。'})

    @api.model
    def _demo_refresh_reports(self):
        """The customer analysis (cube and Pareto) reads the grades and the documents."""
        super()._demo_refresh_reports()
        self.env['crm.customer.analysis']._refresh()
