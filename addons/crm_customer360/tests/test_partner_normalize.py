# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The normalisation rules behind the duplicate check (pure functions)."""
from ..models import partner_normalize as norm
from .common import Customer360Case


class TestPartnerNormalize(Customer360Case):

    def test_name_chinese_legal_forms(self):
        self.assertEqual(norm.normalize_name('华为技术有限公司'), '华为技术')
        self.assertEqual(norm.normalize_name('招商银行股份有限公司'), '招商银行')
        self.assertEqual(norm.normalize_name('中粮有限责任公司'), '中粮')
        self.assertEqual(norm.normalize_name('中国平安保险(集团)股份有限公司'), '中国平安保险')
        self.assertEqual(norm.normalize_name('复星国际集团'), '复星国际')

    def test_name_china_in_parentheses(self):
        self.assertEqual(norm.normalize_name('阿里巴巴（中国）有限公司'), '阿里巴巴')
        self.assertEqual(norm.normalize_name('阿里巴巴(中国)有限公司'), '阿里巴巴')
        self.assertEqual(norm.normalize_name('Siemens (China) Co., Ltd.'), 'siemens')

    def test_name_city_prefix_and_parenthesised_city(self):
        self.assertEqual(norm.normalize_name('深圳市鑫北斗软件开发有限公司'), '鑫北斗软件开发')
        self.assertEqual(norm.normalize_name('鑫北斗软件 (深圳) 有限公司'), '鑫北斗软件')
        self.assertEqual(norm.normalize_name('鑫北斗软件（深圳市）有限公司'), '鑫北斗软件')
        self.assertEqual(norm.normalize_name('广东省深圳市腾讯计算机系统有限公司'), '腾讯计算机系统')
        self.assertEqual(norm.normalize_name('北京百度网讯科技有限公司'), '百度网讯科技')

    def test_name_city_kept_when_it_is_the_name(self):
        # A place that is the whole name is not a prefix.
        self.assertEqual(norm.normalize_name('上海市'), '上海市')
        self.assertEqual(norm.normalize_name('北京公司'), '北京')

    def test_name_english_legal_forms(self):
        self.assertEqual(norm.normalize_name('ACME Trading Co., Ltd.'), 'acmetrading')
        self.assertEqual(norm.normalize_name('Apple Inc.'), 'apple')
        self.assertEqual(norm.normalize_name('General Motors Corporation'), 'generalmotors')
        self.assertEqual(norm.normalize_name('Acme LLC'), 'acme')
        self.assertEqual(norm.normalize_name('Müller Maschinenbau GmbH'), 'muellermaschinenbau')
        self.assertEqual(norm.normalize_name('Siemens AG'), 'siemens')
        self.assertEqual(norm.normalize_name('Nestlé S.A.'), 'nestle')
        self.assertEqual(norm.normalize_name('Rolls-Royce Holdings plc'), 'rollsroyce')
        self.assertEqual(norm.normalize_name('Global Widgets Limited'), 'globalwidgets')

    def test_name_full_width_case_and_punctuation(self):
        self.assertEqual(norm.normalize_name('ＡＣＭＥ　Ｔｒａｄｉｎｇ'), 'acmetrading')
        self.assertEqual(norm.normalize_name('  A.C.M.E.-Trading!  '), 'acmetrading')
        self.assertEqual(norm.normalize_name('鑫北斗·软件，开发'), '鑫北斗软件开发')

    def test_name_only_legal_form_or_empty(self):
        self.assertEqual(norm.normalize_name('Limited'), 'limited')
        self.assertFalse(norm.normalize_name(''))
        self.assertFalse(norm.normalize_name(False))

    def test_vat(self):
        self.assertEqual(norm.normalize_vat(' 9111-0000.6000 3734 1l'), '91110000600037341L')
        self.assertEqual(norm.normalize_vat('de 813.742.952'), 'DE813742952')
        self.assertEqual(norm.normalize_vat('９１１１'), '9111')
        self.assertFalse(norm.normalize_vat(' - '))

    def test_phone_e164_with_country(self):
        self.assertEqual(norm.normalize_phone('0755-8888 6666', 'CN'), '8675588886666')
        self.assertEqual(norm.normalize_phone('+86 755 8888 6666', 'DE'), '8675588886666')
        self.assertEqual(norm.normalize_phone('138 0013 8000', 'CN'), '8613800138000')
        self.assertEqual(norm.normalize_phone('(030) 1234567', 'DE'), '49301234567')
        self.assertEqual(norm.normalize_phone('+1 (415) 398-2260', None), '14153982260')

    def test_phone_fallback_to_digits(self):
        # No country and no "+": digits only.
        self.assertEqual(norm.normalize_phone('8888-6666', None), '88886666')
        self.assertEqual(norm.normalize_phone('８８８８６６６６', False), '88886666')
        self.assertFalse(norm.normalize_phone('110', 'CN'))
        self.assertFalse(norm.normalize_phone(False, 'CN'))

    def test_email(self):
        self.assertEqual(norm.normalize_email('  Info@ACME.com '), 'info@acme.com')
        self.assertFalse(norm.normalize_email('  '))

    def test_domain(self):
        self.assertEqual(norm.normalize_domain('https://WWW.Acme.com/about?x=1'), 'acme.com')
        self.assertEqual(norm.normalize_domain('www.xinbeidou.com.cn'), 'xinbeidou.com.cn')
        self.assertEqual(norm.normalize_domain('http://www.x.cn:8080/'), 'x.cn')
        self.assertFalse(norm.normalize_domain(''))

    def test_repeated_places_taken_off_in_one_pass(self):
        """A prefix of many places: all taken off while a real name remains (the rest was
        copied after each place, quadratic in a name of repeated places)."""
        self.assertEqual(norm.normalize_name('广东省深圳市北京鑫北斗'), '鑫北斗')
        self.assertEqual(norm.normalize_name('北京' * 50 + '鑫北斗'), '鑫北斗')
        self.assertEqual(norm.strip_place_prefix('北京北京北京'), '北京')

    def test_long_values_read_up_to_a_bound(self):
        """Each function reads at most MAX_INPUT characters: a two-million-character value
        gives the key of its first MAX_INPUT characters."""
        size = 2000000
        self.assertEqual(norm.normalize_name('北京' * (size // 2)), '北京')
        self.assertEqual(norm.normalize_name('x' * size), 'x' * norm.MAX_INPUT)
        self.assertEqual(norm.normalize_email('A' * size), 'a' * norm.MAX_INPUT)
        self.assertEqual(len(norm.normalize_vat('1' * size)), norm.MAX_INPUT)
        self.assertEqual(norm.normalize_domain('x' * size), 'x' * norm.MAX_INPUT)
        self.assertEqual(norm.normalize_phone('1' * size), '1' * norm.MAX_INPUT)
        self.assertLess(max(norm.MAX_LENGTHS.values()), norm.MAX_INPUT)

    def test_too_long(self):
        self.assertEqual(norm.too_long({'name': 'x' * 256, 'vat': '1' * 64, 'other': 'x' * 999}),
                         [])
        self.assertEqual(norm.too_long({'name': 'x' * 257, 'email': False, 'phone': 7}),
                         [('name', 257, 256)])
