# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The duplicate check on what Chinese teams type: the brand alone or with another industry
word, a local phone number without a country, a name in another spelling."""
from ..models import partner_normalize as norm
from ..models.res_partner_duplicate import TRANSLITERATED_NAME_SCORE
from ..models.res_partner_duplicate_brand import BRAND_SCORE
from .dup_common import DuplicateCase


class TestResPartnerDuplicateBrand(DuplicateCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.germany = cls.env.ref('base.de')
        cls.muller = cls.make_customer('Müller Maschinenbau GmbH', country_id=cls.germany.id)
        cls.company.country_id = cls.china

    def find(self, vals):
        return {dup['id']: dup for dup in self.Partner.find_duplicates(vals)}

    def test_brand_core_rule(self):
        self.assertEqual(norm.brand_core('鑫北辰测控软件开发'), '鑫北辰')
        self.assertEqual(norm.brand_core('鑫北辰科技'), '鑫北辰')
        self.assertEqual(norm.brand_core('鑫北辰'), '鑫北辰')
        self.assertEqual(norm.brand_core('acmetrading'), 'acme')
        # Too short to mean anything once the industry words are off.
        self.assertFalse(norm.brand_core('科'))
        self.assertFalse(norm.brand_core('abc'))
        self.assertFalse(norm.brand_core('oakridgedupcheck'))

    def test_brand_alone(self):
        dup = self.find({'name': '鑫北辰', 'is_company': True})[self.xinbeidou.id]
        self.assertEqual(dup['score'], BRAND_SCORE)
        self.assertEqual(dup['reasons'], ['Same brand "鑫北辰"'])

    def test_brand_with_another_industry_word(self):
        found = self.find({'name': '深圳市鑫北辰科技有限公司', 'is_company': True})
        self.assertEqual(found[self.xinbeidou.id]['score'], BRAND_SCORE)

    def test_brand_ranks_below_exact_hits(self):
        other = self.make_customer('Brandtest Exact Ltd', email='exact@brand-test.cn')
        results = self.Partner.find_duplicates({'name': '鑫北辰', 'email': 'exact@brand-test.cn'})
        self.assertEqual([dup['id'] for dup in results], [other.id, self.xinbeidou.id])
        self.assertEqual([dup['score'] for dup in results], [80, BRAND_SCORE])

    def test_transliterated_name(self):
        self.assertEqual(self.muller.dup_name_key, 'muellermaschinenbau')
        dup = self.find({'name': 'Mueller Maschinenbau'})[self.muller.id]
        self.assertEqual(dup['score'], TRANSLITERATED_NAME_SCORE)
        self.assertEqual(dup['reasons'], ["Same name in another spelling"])
        # Typed the same way, it is the same name.
        dup = self.find({'name': 'Müller Maschinenbau'})[self.muller.id]
        self.assertEqual(dup['score'], 100)

    def test_local_phone_read_in_the_company_country(self):
        # No country on the form: the company's (China) reads the local number.
        dup = self.find({'name': 'Z', 'phone': '0755 2688 0001'})[self.xinbeidou.id]
        self.assertEqual((dup['score'], dup['reasons']), (75, ["Same phone number"]))

    def test_local_phone_matches_a_partner_saved_without_country(self):
        legacy = self.make_customer('Phonetest Legacy Ltd', phone='0755 2688 7777')
        # Saved before the company's country was assumed: its key is the digits.
        self.env.cr.execute("UPDATE res_partner SET dup_phone_key = '075526887777' "
                            "WHERE id = %s", [legacy.id])
        self.assertIn(legacy.id, self.find({'name': 'Z', 'phone': '0755-26887777',
                                            'country_id': self.china.id}))

    def test_new_customer_form_defaults_to_the_company_country(self):
        Partner = self.Partner.with_context(default_customer=True)
        self.assertEqual(Partner.default_get(['country_id'])['country_id'], self.china.id)
        contact = self.Partner.with_context(default_customer=True,
                                            default_parent_id=self.xinbeidou.id)
        self.assertFalse(contact.default_get(['country_id']).get('country_id'))

    def test_brand_hidden_by_a_stricter_threshold(self):
        self.env.user.company_id.dup_threshold = 71
        self.assertNotIn(self.xinbeidou.id, self.find({'name': '鑫北辰', 'is_company': True}))
