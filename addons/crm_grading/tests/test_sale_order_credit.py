# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The credit block on sales orders, for every way of confirming, and the approver path.

Customer "Limit Co": credit limit 1000, 600 receivable (an open invoice not yet due) and a
confirmed order of 300 not invoiced: 100 of room left, so a quotation of 200 is refused
(600 + 300 + 200 = 1100 > 1000) and one of 100 is accepted.
"""
from odoo.exceptions import UserError

from odoo.addons.crm_customer360.tests.common import Customer360Case


class TestSaleOrderCredit(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = cls.make_user('credit.salesman', ['sales_team.group_sale_salesman'])
        # A sales manager is no credit approver (the administrator is, by the module's data).
        cls.manager = cls.make_user('credit.manager', ['sales_team.group_sale_manager'])
        cls.approver = cls.make_user('credit.approver', [
            'crm_grading.group_credit_approver', 'sales_team.group_sale_salesman_all_leads'])
        cls.customer = cls.make_customer('Limit Co', credit_limit=1000.0)
        cls.make_invoice(cls.customer, 600.0, cls.day(-5), cls.day(25))
        cls.open_order = cls.make_order(cls.customer, 300.0, cls.day(-3))
        cls.quotation = cls.make_order(cls.customer, 200.0, cls.day(0), state='draft')
        cls.quotation.user_id = cls.salesman

    def money(self, amount):
        return '{:,.2f} {}'.format(amount, self.currency.name)

    # Limit Co is rated as its invoices post: 600 receivable of a 1,000 limit (60% used,
    # nothing due yet) is AAA (at most 80% used); 900 (90%) is AA (at most 90%).
    def expected_message(self, order, amount, reason=None, rating='AAA', others=None,
                         receivable=600.0, open_amount=300.0, limit=1000.0, customer=None):
        lines = [
            "The sales order %s cannot be confirmed: %s." % (
                order.name, reason or "the receivable, the open orders and this order exceed "
                                      "the credit limit"),
            "Customer: %s, credit rating %s" % ((customer or self.customer).name, rating),
            "Receivable: %s" % self.money(receivable),
            "Open orders: %s" % self.money(open_amount),
            "This order: %s" % self.money(amount),
        ]
        if others:
            lines.append("Other orders confirmed with it: %s" % self.money(others))
        lines.append("Credit limit: %s" % (self.money(limit) if limit else 'none'))
        lines.append("A credit approver may confirm it. Request Credit Approval on the order "
                     "to ask for one.")
        return '\n'.join(lines)

    def assert_refused(self, orders, message=None, user=None):
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            orders.sudo(user or self.manager).action_confirm()
        if message:
            self.assertEqual(ctx.exception.name, message)
        orders.invalidate_cache()
        self.assertEqual(set(orders.mapped('state')), {'draft'})
        return ctx.exception.name

    def test_form_button_refused(self):
        self.assert_refused(self.quotation, self.expected_message(self.quotation, 200.0))
        self.assertEqual(self.quotation.credit_warning,
                         self.expected_message(self.quotation, 200.0))

    def test_within_limit_confirms(self):
        order = self.make_order(self.customer, 100.0, self.day(0), state='draft')
        self.assertFalse(order.credit_warning)
        order.sudo(self.manager).action_confirm()
        self.assertEqual(order.state, 'sale')
        self.assertFalse(order.credit_warning, "no banner on a confirmed order")

    def test_rpc_as_salesperson_refused(self):
        self.assert_refused(self.quotation, self.expected_message(self.quotation, 200.0),
                            user=self.salesman)

    def test_other_rpc_ways_to_a_confirmed_state_refused(self):
        """The host's action_done, and a write or create with the state, skip
        _action_confirm: they are checked all the same."""
        message = self.expected_message(self.quotation, 200.0)
        quotation = self.quotation.sudo(self.salesman)
        for attempt in (quotation.action_done, lambda: quotation.write({'state': 'sale'}),
                        lambda: quotation.write({'state': 'done'})):
            with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
                attempt()
            self.assertEqual(ctx.exception.name, message)
            self.quotation.invalidate_cache()
            self.assertEqual(self.quotation.state, 'draft')
        count = self.env['sale.order'].search_count([('partner_id', '=', self.customer.id)])
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            self.env['sale.order'].sudo(self.salesman).create({
                'partner_id': self.customer.id, 'state': 'sale', 'name': 'SO-CREDIT-RPC',
                'order_line': [(0, 0, {
                    'product_id': self.product.id, 'name': 'C360 line', 'product_uom_qty': 1,
                    'product_uom': self.product.uom_id.id, 'price_unit': 150.0,
                    'tax_id': [(6, 0, [])]})]})
        self.assertTrue(ctx.exception.name.startswith(
            "The sales order SO-CREDIT-RPC cannot be confirmed: the receivable, the open "
            "orders and this order exceed the credit limit."), ctx.exception.name)
        self.assertEqual(
            self.env['sale.order'].search_count([('partner_id', '=', self.customer.id)]), count)

    def test_state_changes_of_confirmed_orders_are_not_checked(self):
        """Locking and unlocking an order already confirmed is no confirmation."""
        self.customer.credit_limit = 1.0
        self.open_order.sudo(self.manager).action_done()
        self.assertEqual(self.open_order.state, 'done')
        self.open_order.sudo(self.manager).action_unlock()
        self.assertEqual(self.open_order.state, 'sale')

    def test_approver_confirmation_noted_once(self):
        self.quotation.sudo(self.approver).action_confirm()
        notes = [b for b in self.quotation.message_ids.mapped('body')
                 if 'Confirmed over the credit block by' in b]
        self.assertEqual(len(notes), 1)
        # an approver may also write the state over RPC; it is noted the same way
        other = self.make_order(self.customer, 500.0, self.day(0), state='draft')
        # the note is written in the language of the order's salesperson (English here)
        other.user_id = self.salesman
        other.sudo(self.approver).write({'state': 'sale'})
        self.assertEqual(other.state, 'sale')
        self.assertEqual(len([b for b in other.message_ids.mapped('body')
                              if 'Confirmed over the credit block by' in b]), 1)

    def test_copied_quotation_refused(self):
        copy = self.quotation.copy().with_context(lang='en_US')
        self.assertEqual(copy.state, 'draft')
        self.assert_refused(copy, self.expected_message(copy, 200.0))

    def test_sent_quotation_refused(self):
        self.quotation.write({'state': 'sent'})
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.quotation.sudo(self.manager).action_confirm()
        self.assertEqual(self.quotation.state, 'sent')

    def test_orders_confirmed_together_are_summed(self):
        first = self.make_order(self.customer, 60.0, self.day(0), state='draft')
        second = self.make_order(self.customer, 50.0, self.day(0), state='draft')
        self.assertFalse(first.credit_warning, "60 alone fits in the 100 left")
        self.assertFalse(second.credit_warning)
        message = self.assert_refused(first | second)
        self.assertEqual(message, '\n\n'.join([
            self.expected_message(first, 60.0, others=50.0),
            self.expected_message(second, 50.0, others=60.0)]))

    def test_invoiced_part_of_open_orders_not_counted_twice(self):
        """An invoiced order is in the receivable, no longer in the open orders."""
        invoice_id = self.open_order.action_invoice_create()
        self.env['account.invoice'].browse(invoice_id).action_invoice_open()
        message = self.assert_refused(self.quotation)
        self.assertEqual(message, self.expected_message(
            self.quotation, 200.0, receivable=900.0, open_amount=0.0, rating='AA'))

    def test_rated_d_refused_without_limit(self):
        customer = self.make_customer('Rated D Co')
        self.env.cr.execute("UPDATE res_partner SET credit_rating = 'D' WHERE id = %s",
                            [customer.id])
        customer.invalidate_cache()
        order = self.make_order(customer, 10.0, self.day(0), state='draft')
        self.assertEqual(order.credit_rating, 'D')
        contact = self.make_contact(customer, 'D Buyer')
        order.partner_id = contact
        self.assert_refused(order, self.expected_message(
            order, 10.0, reason="the customer is rated D", rating='D', receivable=0.0,
            open_amount=0.0, limit=0.0, customer=customer))

    def test_approver_confirms_and_chatter_says_so(self):
        order = self.quotation.sudo(self.approver)
        order.action_confirm()
        self.assertEqual(self.quotation.state, 'sale')
        bodies = self.quotation.message_ids.mapped('body')
        expected = ("Confirmed over the credit block by Credit.Approver (credit approver):<br>"
                    + self.expected_message(self.quotation, 200.0).replace('\n', '<br>'))
        self.assertIn(expected, [b.replace('<br/>', '<br>').replace('<p>', '')
                                 .replace('</p>', '') for b in bodies])
        self.assertEqual(self.quotation.message_ids[0].author_id, self.approver.partner_id)

    def test_no_chatter_message_when_not_blocked(self):
        order = self.make_order(self.customer, 100.0, self.day(0), state='draft')
        order.sudo(self.approver).action_confirm()
        self.assertFalse([b for b in order.message_ids.mapped('body')
                          if 'credit block' in b])

    def test_visitor_accepting_online_is_no_approver(self):
        """The portal's acceptance confirms as the administrator, with the context key of
        ``controllers/sale_portal.py``: that is no approval."""
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.quotation.with_context(crm_credit_visitor=True).action_confirm()
        self.quotation.invalidate_cache()
        self.assertEqual(self.quotation.state, 'draft')

    def test_company_without_credit_block(self):
        """A company that turned the credit block off (Sales > Settings) confirms over the
        limit with no warning and no approver's note; turned on again, the block is back."""
        self.assertTrue(self.env['res.config.settings'].create({}).credit_block)
        # The settings' field is the company's (not ``execute``: it applies every other
        # setting of the form too).
        self.env['res.config.settings'].create({'credit_block': False})
        self.assertFalse(self.company.credit_block)
        self.assertFalse(self.quotation.credit_warning)
        other = self.make_order(self.customer, 200.0, self.day(0), state='draft')
        other.sudo(self.manager).action_confirm()
        self.assertEqual(other.state, 'sale')
        self.assertFalse([b for b in other.message_ids.mapped('body') if 'credit block' in b])
        self.company.credit_block = True
        self.quotation.invalidate_cache()
        self.assertTrue(self.quotation.credit_warning)
        self.assert_refused(self.quotation)

    def test_administrator_is_an_approver(self):
        self.assertTrue(self.env.user.has_group('crm_grading.group_credit_approver'))
        self.quotation.action_confirm()
        self.assertEqual(self.quotation.state, 'sale')
        self.assertTrue([b for b in self.quotation.message_ids.mapped('body')
                         if 'Confirmed over the credit block by' in b])
