# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Identity of the customer: the unified social credit code and the profile completeness."""
from odoo.exceptions import ValidationError

from .common import Customer360Case

# A real-format code with a correct check character (stdnum.cn.uscc), and the same with the
# last character wrong.
VALID_USCC = '91110000600037341L'
WRONG_CHECK = '91110000600037341X'


class TestResPartnerIdentity(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.china = cls.env.ref('base.cn')
        cls.germany = cls.env.ref('base.de')

    def test_valid_uscc_accepted(self):
        partner = self.make_customer('北京测试有限公司', country_id=self.china.id, vat=VALID_USCC)
        self.assertEqual(partner.vat, VALID_USCC)
        # Spaces and hyphens are tolerated around a valid code.
        partner.vat = '9111-0000 6000 3734 1L'

    def test_malformed_uscc_refused_with_value(self):
        for bad in (WRONG_CHECK, '12345', '91110000600037341LL', 'ABCDEFGHIJKLMNOPQR'):
            with self.assertRaises(ValidationError) as ctx, self.env.cr.savepoint():
                self.make_customer('深圳测试有限公司', country_id=self.china.id, vat=bad)
            self.assertIn(bad, ctx.exception.name)
        # Nothing half written: no partner of that name exists.
        self.assertFalse(self.env['res.partner'].search([('name', '=', '深圳测试有限公司')]))

    def test_uscc_checked_on_write_and_on_country_change(self):
        partner = self.make_customer('Border Trading', country_id=self.germany.id,
                                     vat=WRONG_CHECK)
        with self.assertRaises(ValidationError):
            partner.country_id = self.china
        partner.write({'country_id': self.china.id, 'vat': VALID_USCC})
        with self.assertRaises(ValidationError):
            partner.vat = WRONG_CHECK

    def test_other_countries_keep_host_behaviour(self):
        partner = self.make_customer('Müller GmbH', country_id=self.germany.id,
                                     vat='anything goes')
        self.assertEqual(partner.vat, 'anything goes')
        person = self.env['res.partner'].create({
            'name': 'Li Lei', 'country_id': self.china.id, 'vat': '123'})
        self.assertEqual(person.vat, '123')

    def test_profile_completeness(self):
        # A company counts 12 items: tax number, e-mail, street, city, country, phone,
        # website, industry, business scope, size, registered capital, salesperson.
        company = self.make_customer('Profile Co', user_id=False)
        items = company._profile_items()
        self.assertEqual(len(items), 12)
        self.assertEqual(company.profile_completeness, 0)
        company.write({'email': 'info@profile.example', 'city': 'Shanghai',
                       'country_id': self.china.id, 'mobile': '+86 21 5555 0000'})
        # 4 of 12 items: e-mail, city, country, phone (a mobile counts): 33.3% -> 33.
        self.assertEqual(company.profile_completeness, 33)
        self.assertNotIn('E-mail', company.profile_missing)
        self.assertIn('Business scope', company.profile_missing)
        # The labels are translated into the user's language.
        company.invalidate_cache()
        self.assertIn('经营范围', company.with_context(lang='zh_CN').profile_missing)
        person = self.env['res.partner'].create({
            'name': 'Wang Wu', 'email': 'wang@example.com', 'function': 'Buyer'})
        # A person counts 6 items: e-mail, street, city, country, phone, job position.
        self.assertEqual(len(person._profile_items()), 6)
        self.assertEqual(person.profile_completeness, 33)
