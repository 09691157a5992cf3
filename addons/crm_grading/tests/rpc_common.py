# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""RPC calls as the real users (``RpcCase``) on a world with grades, history and credit.

Besides crm_customer360's roles: a credit approver and an accounting manager. Besides its
customers (RPC Own Co of ``sales``, RPC Other Co of ``colleague``): RPC Pool Co, in the
public pool. Each customer has a grade, a grade history row and grading figures; RPC Own Co
has a credit limit of 1,000 and a quotation of 1,500 by ``sales``.
"""
from odoo.addons.crm_customer360.tests.rpc_case import ROLES, RpcCase

GRADING_ROLES = dict(
    ROLES,
    credit_approver=('rpc.credit.approver', ['crm_grading.group_credit_approver']),
    # an accounting manager who may edit partners, as accountants often are
    accountant=('rpc.accountant', ['account.group_account_manager',
                                   'base.group_partner_manager']),
)


class GradingRpcCase(RpcCase):
    """Runs no test of its own."""

    roles = GRADING_ROLES

    def _build_world(self, env):
        w = super()._build_world(env)
        # No chatter noise from building the world (the tests look at the notes).
        env = env(context=dict(env.context, tracking_disable=True))
        # The chatter needs its authors' addresses (the host refuses to post without one).
        for role, login in w.logins.items():
            getattr(w, role).partner_id.email = '%s@example.com' % login
        w.grade_a, w.grade_b, w.grade_c, w.grade_d = [
            env.ref('crm_grading.crm_customer_grade_%s' % code) for code in 'abcd']
        w.pool = env['res.partner'].create({
            'name': 'RPC Pool Co', 'is_company': True, 'customer': True, 'lang': 'en_US'})
        # As the pool job leaves a released customer (the superuser passes the guards).
        w.pool.write({'in_pool': True, 'user_id': False})
        for partner, grade in ((w.own, w.grade_b), (w.other, w.grade_c), (w.pool, w.grade_d)):
            partner.write({'grade_id': grade.id})
            env['crm.customer.grade.history'].create({
                'partner_id': partner.id, 'new_grade_id': grade.id,
                'explanation': 'RPC history of %s' % partner.name})
            env['crm.customer.grading'].create({
                'partner_id': partner.id, 'company_id': env.user.company_id.id,
                'revenue': 1000.0, 'rank': 1})
        w.own.write({'credit_limit': 1000.0})
        w.product = env['product.product'].create({
            'name': 'RPC Service', 'type': 'service', 'list_price': 100.0,
            'taxes_id': [(6, 0, [])], 'invoice_policy': 'order'})
        w.uom = w.product.uom_id
        w.quotation = self._make_quotation(env, w, w.own, 1500.0)
        return w

    def _make_quotation(self, env, w, partner, amount, invoiced=None):
        """A quotation of ``sales`` for ``partner`` (one untaxed line of ``amount``)."""
        invoiced = invoiced or partner
        return env['sale.order'].create({
            'partner_id': partner.id, 'partner_invoice_id': invoiced.id,
            'partner_shipping_id': partner.id, 'user_id': w.sales.id,
            'order_line': [(0, 0, self.line(amount, w.product.id, w.uom.id))]})

    def line(self, amount, product_id=None, uom_id=None):
        """Values of an untaxed order line of ``amount`` (for a call or a create)."""
        return {'product_id': product_id or self.ids['product'], 'name': 'RPC line',
                'product_uom_qty': 1, 'product_uom': uom_id or self.ids['uom'],
                'price_unit': amount, 'tax_id': [(6, 0, [])]}
