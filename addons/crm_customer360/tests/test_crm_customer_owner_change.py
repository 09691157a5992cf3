# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Change Owner by hand: a sales manager, a reason, history and chatter; refusals."""
from odoo.exceptions import AccessError, UserError

from .common import Customer360Case


class TestCrmCustomerOwnerChange(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.make_sales_manager('c360_oc_manager')
        cls.alice = cls.make_user('c360_oc_alice', ['sales_team.group_sale_salesman'])
        cls.bob = cls.make_user('c360_oc_bob', ['sales_team.group_sale_salesman'])
        cls.customer = cls.make_customer('C360 OC Alpha', user_id=cls.alice.id)
        cls.contact = cls.make_contact(cls.customer, 'C360 OC Alpha Person')
        cls.pooled = cls.make_customer('C360 OC Pooled', in_pool=True)
        cls.History = cls.env['crm.customer.ownership.history']

    def wizard(self, user, partners, **vals):
        """The dialog as ``user`` opens it from ``partners`` (the list's selection)."""
        Wizard = self.env['crm.customer.owner.change'].sudo(user).with_context(
            active_model='res.partner', active_ids=partners.ids)
        values = {'user_id': self.bob.id, 'reason': 'The customer asked for Bob'}
        values.update(vals)
        return Wizard.create(values)

    def test_manager_changes_owner_with_reason(self):
        # a contact in the selection stands for its company
        wizard = self.wizard(self.manager, self.contact | self.pooled)
        self.assertEqual(wizard.partner_ids, self.customer | self.pooled)
        wizard.action_apply()
        self.assertEqual(self.customer.user_id, self.bob)
        self.assertEqual(self.contact.user_id, self.bob)
        self.assertEqual(self.pooled.user_id, self.bob)
        self.assertFalse(self.pooled.in_pool)
        rows = self.History.search([('partner_id', 'in', (self.customer | self.pooled).ids)])
        self.assertEqual(len(rows), 2)
        self.assertEqual(set(rows.mapped('reason')),
                         {'Changed by hand: The customer asked for Bob'})
        self.assertEqual(rows.mapped('changed_by'), self.manager)
        self.assertEqual(rows.filtered(lambda r: r.partner_id == self.customer).from_user_id,
                         self.alice)
        self.assertIn('The customer asked for Bob', self.customer.message_ids[0].body)

    def test_current_owner_gets_no_history(self):
        self.wizard(self.manager, self.customer, user_id=self.alice.id).action_apply()
        self.assertFalse(self.History.search([('partner_id', '=', self.customer.id)]))

    def test_salesperson_refused(self):
        wizard = self.wizard(self.alice, self.customer)
        with self.assertRaises(AccessError):
            wizard.action_apply()
        self.assertEqual(self.customer.user_id, self.alice)

    def test_bad_input_refused_and_nothing_changes(self):
        vendor = self.env['res.partner'].create({
            'name': 'C360 OC Vendor', 'is_company': True, 'customer': False})
        cases = [
            ({'reason': '   '}, self.customer, 'Say why'),
            ({'user_id': False}, self.customer, 'new owner'),
            ({}, self.env['res.partner'], 'Choose the customers'),
            ({}, self.customer | vendor, 'not customers: C360 OC Vendor'),
        ]
        for vals, partners, message in cases:
            wizard = self.wizard(self.manager, partners, **vals)
            with self.assertRaises(UserError) as ctx:
                wizard.action_apply()
            self.assertIn(message, ctx.exception.name)
        self.assertEqual(self.customer.user_id, self.alice)
        self.assertFalse(self.History.search([('partner_id', '=', self.customer.id)]))
