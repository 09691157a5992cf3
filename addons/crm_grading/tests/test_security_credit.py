# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Credit limit and credit block over RPC, as the real users (see SECURITY.md).

RPC Own Co (of ``sales``) has a credit limit of 1,000, nothing receivable and a quotation of
1,500: every way of confirming it must meet the credit block, and only credit approvers and
accounting managers may change the limit.
"""
from .rpc_common import GradingRpcCase

# What a caller controls and the server must not trust.
SILENCING_CONTEXT = {'lang': 'en_US', 'tracking_disable': True, 'mail_notrack': True,
                     'crm_grading_credit_checked': True}


class TestCreditLimitRpc(GradingRpcCase):

    def limit_of(self, key='own'):
        with self.server_env() as env:
            return env['res.partner'].browse(self.ids[key]).credit_limit

    def test_salespeople_cannot_change_a_credit_limit(self):
        """Raising the limit, or setting it to 0 (no limit), would pass the credit block."""
        own = self.ids['own']
        for role in ('sales', 'sales_all', 'manager'):
            for limit in (1000000.0, 0.0):
                error = self.assertRpcRefused(role, 'res.partner', 'write', [own],
                                              {'credit_limit': limit},
                                              context=SILENCING_CONTEXT)
                self.assertIn('ask a credit approver', error.message)
                self.assertIn('RPC Own Co', error.message)
        with self.assertRaises(Exception) as caught:
            self.xmlrpc('sales', 'res.partner', 'write', [own], {'credit_limit': 0.0})
        self.assertIn('ask a credit approver', str(caught.exception))
        self.assertRpcRefused('portal', 'res.partner', 'write', [own], {'credit_limit': 0.0})
        self.assertRpcRefused('portal', 'res.partner', 'write', [self.ids['own_person']],
                              {'credit_limit': 0.0})
        self.assertEqual(self.limit_of(), 1000.0)
        # Other fields stay writable, and writing the same limit again is no change.
        self.rpc('sales', 'res.partner', 'write', [own],
                 {'comment': 'Visited', 'credit_limit': 1000.0})

    def test_salespeople_cannot_create_a_customer_with_a_credit_limit(self):
        error = self.assertRpcRefused('sales', 'res.partner', 'create', {
            'name': 'RPC Limited Co', 'is_company': True, 'credit_limit': 5000.0})
        self.assertIn('ask a credit approver', error.message)
        # A default from the context is a value like another.
        self.assertRpcRefused('sales', 'res.partner', 'create', {
            'name': 'RPC Limited Co', 'is_company': True},
            context={'lang': 'en_US', 'default_credit_limit': 5000.0})
        self.assertRpcRefused('portal', 'res.partner', 'create', {
            'name': 'RPC Portal Co', 'credit_limit': 5000.0})
        # Without a limit, and a contact of a customer with one (the host copies it).
        new_id = self.rpc('sales', 'res.partner', 'create', {
            'name': 'RPC New Co', 'is_company': True, 'customer': True})
        contact_id = self.rpc('sales', 'res.partner', 'create', {
            'name': 'RPC New Buyer', 'parent_id': self.ids['own']})
        with self.server_env() as env:
            self.assertEqual(env['res.partner'].browse(new_id).credit_limit, 0.0)
            self.assertEqual(env['res.partner'].browse(contact_id).credit_limit, 1000.0)
            self.assertFalse(env['res.partner'].search([('name', '=', 'RPC Limited Co')]))

    def test_credit_approver_changes_a_limit_and_the_chatter_says_so(self):
        own = self.ids['own']
        self.rpc('credit_approver', 'res.partner', 'write', [own], {'credit_limit': 2500.0},
                 context=SILENCING_CONTEXT)
        self.rpc('accountant', 'res.partner', 'write', [own], {'credit_limit': 3000.0})
        with self.server_env() as env:
            partner = env['res.partner'].browse(own)
            self.assertEqual(partner.credit_limit, 3000.0)
            self.assertEqual(partner.child_ids.mapped('credit_limit'), [3000.0])
            notes = partner.message_ids.filtered(
                lambda message: message.tracking_value_ids.filtered(
                    lambda value: value.field == 'credit_limit'))
            self.assertEqual(
                [(note.author_id, note.tracking_value_ids.old_value_float,
                  note.tracking_value_ids.new_value_float) for note in notes[:2]],
                [(self.world.accountant.partner_id, 2500.0, 3000.0),
                 (self.world.credit_approver.partner_id, 1000.0, 2500.0)])
            self.assertTrue(all(note.subtype_id == env.ref('mail.mt_note') for note in notes))
            # The contacts' copies of the limit are no news.
            self.assertFalse(partner.child_ids.message_ids.filtered('tracking_value_ids'))

    def test_credit_limit_bounds(self):
        own = self.ids['own']
        for limit in (-1.0, 1e16):
            error = self.assertRpcRefused('credit_approver', 'res.partner', 'write', [own],
                                          {'credit_limit': limit},
                                          refusals=('odoo.exceptions.ValidationError',))
            self.assertIn('Credit Limit of RPC Own Co must be between 0 and', error.message)
        self.assertEqual(self.limit_of(), 1000.0)


class TestCreditBlockRpc(GradingRpcCase):

    def state_of(self, order_id):
        with self.server_env() as env:
            return env['sale.order'].browse(order_id).state

    def quotation(self, partner='own', amount=1500.0, invoiced=None):
        with self.server_env() as env:
            w = self.world
            Partner = env['res.partner']
            return self._make_quotation(
                env, w, Partner.browse(self.ids[partner]), amount,
                invoiced=invoiced and Partner.browse(self.ids[invoiced])).id

    def assertBlocked(self, role, method, *args, **kwargs):
        error = self.assertRpcRefused(role, 'sale.order', method, *args,
                                      refusals=('odoo.exceptions.UserError',), **kwargs)
        self.assertIn('cannot be confirmed', error.message)
        self.assertIn('A credit approver may confirm it.', error.message)
        return error

    def test_every_way_of_confirming_meets_the_credit_block(self):
        quotation = self.ids['quotation']
        self.assertBlocked('sales', 'action_confirm', [quotation])
        self.assertBlocked('sales', 'action_confirm', [quotation], context=SILENCING_CONTEXT)
        self.assertBlocked('sales', 'write', [quotation], {'state': 'sale'},
                           context=SILENCING_CONTEXT)
        self.assertBlocked('sales', 'action_done', [quotation])
        copy_id = self.rpc('sales', 'sale.order', 'copy', quotation)
        self.assertBlocked('sales', 'action_confirm', [copy_id])
        error = self.assertBlocked('sales', 'create', {
            'partner_id': self.ids['own'], 'state': 'sale', 'user_id': self.ids['sales'],
            'order_line': [(0, 0, self.line(1500.0))]})
        self.assertIn('RPC Own Co', error.message)
        self.assertRpcRefused('portal', 'sale.order', 'action_confirm', [quotation])
        self.assertRpcRefused('portal', 'sale.order', 'write', [quotation], {'state': 'sale'})
        for order_id in (quotation, copy_id):
            self.assertEqual(self.state_of(order_id), 'draft')

    def test_orders_confirmed_together_are_summed(self):
        first, second = self.quotation(amount=600.0), self.quotation(amount=600.0)
        error = self.assertBlocked('sales', 'action_confirm', [first, second])
        self.assertIn('Other orders confirmed with it', error.message)
        self.assertEqual((self.state_of(first), self.state_of(second)), ('draft', 'draft'))
        self.rpc('sales', 'sale.order', 'action_confirm', [first])
        self.assertBlocked('sales', 'action_confirm', [second])

    def test_what_is_written_with_the_state_counts(self):
        """A small quotation given a large line in the same write as the state."""
        small = self.quotation(amount=100.0)
        self.assertBlocked('sales', 'write', [small], {
            'state': 'sale', 'order_line': [(0, 0, self.line(5000.0))]})
        self.assertEqual(self.state_of(small), 'draft')

    def test_a_contact_or_another_invoiced_customer_meets_the_block(self):
        """The customer is the commercial entity, and the one who pays counts too."""
        on_contact = self.quotation('own_person')
        error = self.assertBlocked('sales', 'action_confirm', [on_contact])
        self.assertIn('Customer: RPC Own Co', error.message)
        invoiced_to_own = self.quotation('pool', invoiced='own_person')
        error = self.assertBlocked('sales', 'action_confirm', [invoiced_to_own])
        self.assertIn('Customer: RPC Own Co', error.message)
        self.assertEqual(self.state_of(invoiced_to_own), 'draft')

    def test_a_confirmed_order_that_grows_meets_the_block(self):
        """Confirming a small order and then growing it, or moving it onto another
        customer's credit, would pass the block."""
        small = self.quotation(amount=100.0)
        self.rpc('sales', 'sale.order', 'action_confirm', [small])
        with self.server_env() as env:
            line_id = env['sale.order'].browse(small).order_line.id
        grows = 'cannot grow or change customer'
        for attempt in (
                ('sale.order', 'write', [small],
                 {'order_line': [(1, line_id, {'product_uom_qty': 20})]}),
                ('sale.order', 'write', [small], {'order_line': [(0, 0, self.line(5000.0))]}),
                ('sale.order.line', 'write', [line_id], {'price_unit': 5000.0}),
                ('sale.order.line', 'create', dict(self.line(5000.0), order_id=small))):
            error = self.assertRpcRefused('sales', *attempt,
                                          refusals=('odoo.exceptions.UserError',))
            self.assertIn(grows, error.message)
            self.assertIn('A credit approver may change it.', error.message)
            self.assertRpcRefused('portal', *attempt)
        # Smaller is always fine.
        self.rpc('sales', 'sale.order.line', 'write', [line_id], {'price_unit': 50.0})
        # A confirmed order of a customer without a limit, invoiced to RPC Own Co after all.
        pool_order = self.quotation('pool')
        self.rpc('sales', 'sale.order', 'action_confirm', [pool_order])
        error = self.assertRpcRefused('sales', 'sale.order', 'write', [pool_order],
                                      {'partner_invoice_id': self.ids['own_person']},
                                      refusals=('odoo.exceptions.UserError',))
        self.assertIn('Customer: RPC Own Co', error.message)
        with self.server_env() as env:
            order = env['sale.order'].browse(small)
            self.assertEqual((order.amount_total, len(order.order_line)), (50.0, 1))
            self.assertEqual(env['sale.order'].browse(pool_order).partner_invoice_id.id,
                             self.ids['pool'])

    def test_credit_approver_confirms_and_the_chatter_says_so(self):
        quotation = self.ids['quotation']
        with self.server_env() as env:
            env['sale.order'].browse(quotation).user_id = self.ids['credit_approver']
        self.rpc('credit_approver', 'sale.order', 'action_confirm', [quotation])
        with self.server_env() as env:
            order = env['sale.order'].browse(quotation)
            self.assertEqual(order.state, 'sale')
            notes = [body for body in order.message_ids.mapped('body')
                     if 'Confirmed over the credit block by RPC Credit Approver' in body]
            self.assertEqual(len(notes), 1)
