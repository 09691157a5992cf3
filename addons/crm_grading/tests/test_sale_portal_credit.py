# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A customer accepting a quotation online meets the credit block: the host confirms it as
the superuser, a credit approver, and the acceptance route says that this is no approval.

"Portal Credit Co": credit limit 100, a sent quotation of 200 -> refused online; a sent
quotation of 50 -> confirmed online.
"""
import base64

from odoo.addons.crm_customer360.tests.http_case import C360HttpCase

LOGIN = 'credit.portal'
SIGNATURE = base64.b64encode(b'signed').decode()


class TestSalePortalCredit(C360HttpCase):

    def setUp(self):
        super().setUp()
        with self.server_env() as env:
            env = env(context=dict(env.context, tracking_disable=True, no_reset_password=True,
                                   mail_create_nolog=True))
            env['ir.config_parameter'].set_param(
                'sale.sale_portal_confirmation_options', 'sign')
            customer = env['res.partner'].create({
                'name': 'Portal Credit Co', 'is_company': True, 'customer': True,
                'credit_limit': 100.0})
            person = env['res.partner'].create({
                'name': 'Paula Portal', 'parent_id': customer.id,
                'email': 'credit.portal@example.com'})
            env['res.users'].create({
                'name': 'Paula Portal', 'login': LOGIN, 'password': LOGIN,
                'partner_id': person.id,
                'groups_id': [(6, 0, [env.ref('base.group_portal').id])]})
            product = env['product.product'].create({
                'name': 'Portal Credit Service', 'type': 'service',
                'taxes_id': [(6, 0, [])]})
            self.orders = {}
            for amount in (200.0, 50.0):
                order = env['sale.order'].create({
                    'partner_id': customer.id,
                    'order_line': [(0, 0, {
                        'product_id': product.id, 'name': product.name,
                        'product_uom_qty': 1, 'price_unit': amount,
                        'product_uom': product.uom_id.id, 'tax_id': [(6, 0, [])]})]})
                order.write({'state': 'sent'})
                self.orders[amount] = (order.id, order.access_token)
        self.authenticate(LOGIN, LOGIN)

    def accept(self, amount):
        order_id, token = self.orders[amount]
        response = self.opener.post(
            'http://127.0.0.1:%d/my/quotes/accept' % self.port, timeout=60,
            json={'jsonrpc': '2.0', 'method': 'call', 'params': {
                'res_id': order_id, 'access_token': token, 'partner_name': 'Paula Portal',
                'signature': SIGNATURE}})
        self.assertEqual(response.status_code, 200, response.text[:500])
        with self.server_env() as env:
            state = env['sale.order'].browse(order_id).state
        return response.json(), state

    def test_accepting_over_the_limit_is_refused(self):
        answer, state = self.accept(200.0)
        self.assertEqual(state, 'sent')
        self.assertIn('error', answer)
        self.assertIn('cannot be confirmed', answer['error']['data']['message'])

    def test_accepting_within_the_limit_confirms(self):
        answer, state = self.accept(50.0)
        self.assertEqual(state, 'sale', answer)
