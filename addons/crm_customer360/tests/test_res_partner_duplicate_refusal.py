# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Refusal of a company that reuses another customer's tax number (or, when set, e-mail or
phone), on create, write and CSV import; the settings behind it."""
from odoo.exceptions import ValidationError

from .dup_common import DuplicateCase, make_uscc


class TestResPartnerDuplicateRefusal(DuplicateCase):

    def set_param(self, key, value):
        """Set a duplicate check setting of the user's (and the customers') company."""
        self.env.user.company_id.write({key: value})

    def test_create_same_vat_refused_naming_customer_and_owner(self):
        spaced = '%s %s-%s' % (self.vat_xbd[:4], self.vat_xbd[4:10], self.vat_xbd[10:].lower())
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            self.Partner.create({'name': '鑫北辰测控软件 (深圳) 有限公司', 'is_company': True,
                                 'vat': spaced, 'country_id': self.china.id})
        self.assertIn('深圳市鑫北辰测控软件开发有限公司', ctx.exception.name)
        self.assertIn(self.owner.name, ctx.exception.name)
        self.assertIn(spaced, ctx.exception.name)
        self.assertFalse(self.Partner.search([('name', '=', '鑫北辰测控软件 (深圳) 有限公司')]))

    def test_create_over_rpc_as_salesperson_refused(self):
        Partner = self.env['res.partner'].sudo(self.salesman)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            Partner.create({'name': 'Harbourview Shipping', 'is_company': True,
                            'vat': 'us 77 1234567'})

    def test_write_same_vat_refused(self):
        other = self.make_customer('Brightwater Dupcheck Foods Ltd.')
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            other.write({'vat': 'US-77-1234567', 'phone': '+1 212 555 0100'})
        self.assertFalse(other.vat)
        self.assertFalse(other.phone)

    def test_archived_company_vat_still_refused(self):
        self.archived.vat = 'US-99-7654321'
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            self.make_customer('Quill Paper', vat='US997654321')
        self.assertIn(self.archived.name, ctx.exception.name)

    def test_own_contacts_and_individuals_allowed(self):
        # The tax number is shared with the company's contacts (a commercial field).
        contact = self.Partner.create({'name': '李娜', 'parent_id': self.xinbeidou.id})
        self.assertEqual(contact.vat, self.vat_xbd)
        # The company itself may be saved again, and an individual is not refused.
        self.xinbeidou.write({'vat': self.vat_xbd, 'name': '深圳市鑫北辰测控软件开发有限公司'})
        person = self.Partner.create({'name': 'Li Na', 'vat': self.vat_xbd})
        self.assertEqual(person.dup_vat_key, self.vat_xbd)
        # Turning the contact into a company of its own would duplicate the tax number.
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            contact.write({'parent_id': False, 'is_company': True})

    def test_import_same_vat_returns_message(self):
        fields = ['name', 'vat', 'is_company', 'country_id/id']
        new_vat = make_uscc('91440300DUP00002X')
        result = self.Partner.load(fields, [
            ['鑫北辰测控软件（深圳）有限公司', self.vat_xbd, 'True', 'base.cn'],
        ])
        self.assertFalse(result['ids'])
        messages = [m['message'] for m in result['messages'] if m['type'] == 'error']
        self.assertTrue(messages)
        self.assertIn('深圳市鑫北辰测控软件开发有限公司', messages[0])
        self.assertFalse(self.Partner.search([('name', '=', '鑫北辰测控软件（深圳）有限公司')]))
        # A file with a new code imports.
        result = self.Partner.load(fields, [['鑫北斗导航有限公司', new_vat, 'True', 'base.cn']])
        self.assertEqual(len(result['ids']), 1, result['messages'])

    def test_same_email_or_phone_warns_by_default(self):
        company = self.make_customer('Harbour View Freight', email='info@harbourview-dup.com',
                                     phone='415 555 0142', country_id=self.usa.id)
        self.assertTrue(company)

    def test_same_email_blocked_when_set(self):
        self.set_param('dup_block_email', True)
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            self.make_customer('Harbour View Freight', email='INFO@harbourview-dup.com')
        self.assertIn('Harbourview Dupcheck Logistics Co., Ltd.', ctx.exception.name)
        # A contact's e-mail of another company counts too.
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.make_customer('Zhang Consulting', email='zhang.wei@xbd-dup-test.cn')

    def test_same_phone_blocked_when_set(self):
        self.set_param('dup_block_phone', True)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.make_customer('Harbour View Freight', mobile='(415) 555-0142',
                               country_id=self.usa.id)
        company = self.make_customer('Harbour View Freight', phone='(415) 555-0199',
                                     country_id=self.usa.id)
        self.assertTrue(company)

    def test_same_website_domain_blocked_when_set(self):
        self.assertTrue(self.make_customer('Harbour View Cargo',
                                           website='https://www.harbourview-dup.com/en'))
        self.set_param('dup_block_domain', True)
        with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
            self.make_customer('Harbour View Freight', website='http://harbourview-dup.com')
        self.assertEqual(ctx.exception.name, (
            'The website "http://harbourview-dup.com" of Harbour View Freight is already used '
            'by the customer %s (salesperson: %s). Open that customer instead, or ask its '
            'salesperson to hand it over.') % (self.harbour.name, self.owner.name))
        self.assertTrue(self.make_customer('Harbour View Freight',
                                           website='harbourview-freight.com'))

    def test_settings(self):
        settings = self.env['res.config.settings'].create({
            'dup_threshold': 85, 'dup_block_email': True, 'dup_block_phone': False,
            'dup_block_domain': True})
        settings.execute()
        self.assertEqual(self.Partner._dup_settings(), {
            'threshold': 85, 'block_email': True, 'block_phone': False,
            'block_domain': True})
        self.assertEqual(self.env['res.config.settings'].create({}).dup_threshold, 85)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.env['res.config.settings'].create({'dup_threshold': 0})
