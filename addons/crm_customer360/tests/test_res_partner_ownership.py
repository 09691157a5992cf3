# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Ownership: co-owners, contacts following their company, history, own-customers rule."""
from .common import Customer360Case


class TestResPartnerOwnership(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.alice = cls.make_user('c360_own_alice', ['sales_team.group_sale_salesman'])
        cls.bob = cls.make_user('c360_own_bob', ['sales_team.group_sale_salesman'])
        cls.restricted = cls.make_user('c360_own_restricted', [
            'crm_customer360.group_own_customers_only', 'base.group_partner_manager'])
        cls.customer = cls.make_customer('C360 Owned Co', user_id=cls.alice.id)
        cls.contact = cls.make_contact(cls.customer, 'C360 Owned Person')
        cls.History = cls.env['crm.customer.ownership.history']

    def test_contacts_follow_company_owner_and_co_owners(self):
        self.assertEqual(self.contact.user_id, self.alice)
        self.customer.write({'user_id': self.bob.id, 'co_owner_ids': [(6, 0, self.alice.ids)]})
        self.assertEqual(self.contact.user_id, self.bob)
        self.assertEqual(self.contact.co_owner_ids, self.alice)
        late = self.env['res.partner'].create({
            'name': 'C360 Late Person', 'parent_id': self.customer.id})
        self.assertEqual(late.user_id, self.bob)
        self.assertEqual(late.co_owner_ids, self.alice)

    def test_owner_change_writes_history_and_message(self):
        other = self.make_customer('C360 Owned Two', user_id=self.alice.id)
        customers = self.customer | other
        customers.with_context(ownership_change_reason='Rebalancing').write(
            {'user_id': self.bob.id})
        rows = self.History.search([('partner_id', 'in', customers.ids)])
        self.assertEqual(len(rows), 2)
        self.assertEqual(rows.mapped('from_user_id'), self.alice)
        self.assertEqual(rows.mapped('to_user_id'), self.bob)
        self.assertEqual(set(rows.mapped('reason')), {'Rebalancing'})
        self.assertEqual(rows.mapped('changed_by'), self.env.user)
        # Contacts follow silently: no history of their own.
        self.assertFalse(self.History.search([('partner_id', '=', self.contact.id)]))
        self.assertIn(self.bob.name, self.customer.message_ids[0].body)
        self.assertEqual(self.customer.ownership_history_ids, rows.filtered(
            lambda r: r.partner_id == self.customer))

    def test_no_history_without_change_or_for_non_customers(self):
        self.customer.write({'user_id': self.alice.id})
        vendor = self.env['res.partner'].create({
            'name': 'C360 Vendor', 'is_company': True, 'customer': False})
        vendor.write({'user_id': self.bob.id})
        self.assertFalse(self.History.search([('partner_id', 'in', (self.customer | vendor).ids)]))

    def test_own_customers_only_rule(self):
        mine = self.make_customer('C360 Restricted Own', user_id=self.restricted.id)
        co_owned = self.make_customer('C360 Restricted Co', user_id=self.alice.id,
                                      co_owner_ids=[(6, 0, self.restricted.ids)])
        vendor = self.env['res.partner'].create({
            'name': 'C360 Restricted Vendor', 'is_company': True, 'customer': False})
        Partner = self.env['res.partner'].sudo(self.restricted)
        visible = Partner.search([('name', 'ilike', 'C360 ')])
        self.assertIn(mine, visible)
        self.assertIn(co_owned, visible)
        self.assertIn(vendor, visible)
        self.assertNotIn(self.customer, visible)
        self.assertNotIn(self.contact, visible)
        # Other salespeople keep seeing every customer.
        self.assertIn(self.customer, self.env['res.partner'].sudo(self.bob).search(
            [('name', 'ilike', 'C360 ')]))

    def test_co_owner_reads_interactions(self):
        self.env['crm.customer.interaction'].create({
            'partner_id': self.customer.id, 'user_id': self.alice.id, 'summary': 'Hello'})
        Interaction = self.env['crm.customer.interaction'].sudo(self.bob)
        self.assertFalse(Interaction.search([('partner_id', '=', self.customer.id)]))
        self.customer.co_owner_ids = self.bob
        self.assertTrue(Interaction.search([('partner_id', '=', self.customer.id)]))
