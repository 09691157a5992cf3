# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Customer codes (客户编码) and pinyin mnemonics (助记码): the rules, worked out by hand, and
how they follow a partner's life."""
from unittest.mock import patch

from odoo.exceptions import ValidationError

from ..models import partner_mnemonic as mnem
from ..models import res_partner_code as code_module
from ..models.res_partner_code import PARAM_RULE
from .common import Customer360Case, run_background

XBD = '深圳市鑫北斗软件开发有限公司'


class TestPartnerMnemonic(Customer360Case):
    """The pure rules (no database)."""

    def test_brand_and_whole_name_rules(self):
        # 深圳市 (place) 鑫北斗 (brand: xin bei dou) 软件开发 (industry) 有限公司 (legal form)
        self.assertEqual(mnem.mnemonic(XBD, 'brand'), 'XBD')
        # whole name without legal form nor 市: shen zhen xin bei dou ruan jian kai fa
        self.assertEqual(mnem.mnemonic(XBD, 'whole'), 'SZXBDRJKF')
        self.assertEqual(mnem.mnemonic('深圳市鑫北斗科技有限公司', 'brand'), 'XBD')
        self.assertEqual(mnem.mnemonic('广东省深圳市腾讯计算机系统有限公司', 'brand'), 'TX')

    def test_heteronyms_read_as_phrases(self):
        # 重 alone is "zhong", 行 alone "xing": 重庆 is "chong qing", 银行 "yin hang".
        self.assertEqual(mnem.mnemonic('重庆银行股份有限公司', 'whole'), 'CQYH')
        self.assertEqual(mnem.mnemonic('重庆银行', 'brand'), 'YH')
        self.assertEqual(mnem.full_pinyin('重庆银行'), 'yinhang')

    def test_full_pinyin_without_place_and_legal_form(self):
        self.assertEqual(mnem.full_pinyin(XBD), 'xinbeidouruanjiankaifa')

    def test_latin_and_mixed_names(self):
        # Latin names: every word's initial whatever the rule, legal forms left out.
        self.assertEqual(mnem.mnemonic('Müller Maschinenbau GmbH', 'brand'), 'MM')
        self.assertEqual(mnem.mnemonic('ACME Trading Co., Ltd.', 'whole'), 'AT')
        self.assertEqual(mnem.full_pinyin('Müller Maschinenbau GmbH'), 'muellermaschinenbau')
        # Digits stay whole.
        self.assertEqual(mnem.mnemonic('58同城信息技术有限公司', 'brand'), '58TC')
        self.assertFalse(mnem.mnemonic('', 'brand'))
        self.assertFalse(mnem.full_pinyin(False))


class TestResPartnerCode(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env['res.partner']
        cls.sequence = cls.company._customer_code_sequence()

    def test_company_numbered_from_its_sequence(self):
        self.sequence.write({'prefix': 'KH', 'padding': 5})
        expected = 'KH%05d' % self.sequence.number_next_actual
        partner = self.make_customer(XBD)
        self.assertEqual(partner.customer_code, expected)
        self.assertEqual(partner.mnemonic, 'XBD')
        self.assertFalse(partner.mnemonic_manual)
        self.assertEqual(partner.name_pinyin, 'xinbeidouruanjiankaifa')

    def test_contacts_not_numbered_until_they_stand_alone(self):
        company = self.make_customer('Codetest Contacts Ltd')
        person = self.Partner.create({'name': '张伟', 'parent_id': company.id})
        self.assertFalse(person.customer_code)
        self.assertEqual(person.mnemonic, 'ZW')
        person.write({'parent_id': False})
        self.assertTrue(person.customer_code)
        self.assertNotEqual(person.customer_code, company.customer_code)

    def test_code_not_copied_and_unique_per_company(self):
        partner = self.make_customer('Codetest Unique Ltd')
        copy = partner.copy()
        self.assertTrue(copy.customer_code)
        self.assertNotEqual(copy.customer_code, partner.customer_code)
        with self.assertRaisesRegex(ValidationError, 'already the code of Codetest Unique'):
            # copy() leaves the language out of the context: English again for the message.
            copy.with_context(lang='en_US').write({'customer_code': partner.customer_code})

    def test_number_written_by_hand_is_skipped(self):
        self.sequence.write({'prefix': 'SK', 'padding': 4})
        taken = 'SK%04d' % self.sequence.number_next_actual
        self.make_customer('Codetest Imported Ltd', customer_code=taken)
        partner = self.make_customer('Codetest Next Ltd')
        self.assertEqual(partner.customer_code, 'SK%04d' % (int(taken[2:]) + 1))

    def test_merge_keeps_the_survivors_code(self):
        survivor = self.make_customer('Codetest Merge Ltd', email='merge@codetest.cn')
        twin = self.make_customer('Codetest Merge Limited', email='merge@codetest.cn')
        code = survivor.customer_code
        self.env['base.partner.merge.automatic.wizard'].create({
            'partner_ids': [(6, 0, (survivor | twin).ids)], 'dst_partner_id': survivor.id,
            'state': 'selection'}).action_merge()
        self.assertFalse(twin.exists())
        self.assertEqual(survivor.customer_code, code)

    def test_merge_into_a_contact_without_code(self):
        company = self.make_customer('Codetest Merge Parent Ltd')
        contact = self.Partner.create({'name': 'Codetest Merge Person', 'parent_id': company.id,
                                       'email': 'person@codetest.cn'})
        alone = self.Partner.create({'name': 'Codetest Merge Person',
                                     'email': 'person@codetest.cn'})
        self.assertTrue(alone.customer_code)
        self.env['base.partner.merge.automatic.wizard'].create({
            'partner_ids': [(6, 0, (contact | alone).ids)], 'dst_partner_id': contact.id,
            'state': 'selection'}).action_merge()
        self.assertFalse(alone.exists())
        self.assertFalse(contact.customer_code)

    def test_rename_follows_unless_set_by_hand(self):
        partner = self.make_customer(XBD)
        partner.write({'name': '重庆银行股份有限公司'})
        self.assertEqual((partner.mnemonic, partner.name_pinyin), ('YH', 'yinhang'))
        partner.write({'mnemonic': ' cqyh '})
        self.assertEqual(partner.mnemonic, 'CQYH')
        self.assertTrue(partner.mnemonic_manual)
        partner.write({'name': XBD})
        # The hand-corrected mnemonic survives the rename; the pinyin follows the name.
        self.assertEqual(partner.mnemonic, 'CQYH')
        self.assertEqual(partner.name_pinyin, 'xinbeidouruanjiankaifa')
        # Emptied, it is made from the name again.
        partner.write({'mnemonic': False})
        self.assertEqual(partner.mnemonic, 'XBD')
        self.assertFalse(partner.mnemonic_manual)

    def test_rename_of_several_partners(self):
        first = self.make_customer('鑫北斗 A')
        second = self.make_customer('鑫北斗 B', mnemonic='HAND')
        (first | second).write({'name': '重庆银行'})
        self.assertEqual(first.mnemonic, 'YH')
        self.assertEqual(second.mnemonic, 'HAND')

    def test_whole_name_rule(self):
        self.env['ir.config_parameter'].sudo().set_param(PARAM_RULE, 'whole')
        self.assertEqual(self.make_customer(XBD).mnemonic, 'SZXBDRJKF')

    def test_backfill_in_sql(self):
        partner = self.make_customer(XBD)
        hand = self.make_customer('重庆银行', mnemonic='MINE')
        self.env.cr.execute("UPDATE res_partner SET customer_code = NULL, mnemonic = NULL, "
                            "name_pinyin = NULL WHERE id = %s", [partner.id])
        self.sequence.write({'prefix': 'BF', 'padding': 3})
        next_number = self.sequence.number_next_actual
        self.Partner._customer_code_backfill()
        self.Partner._mnemonic_backfill()
        self.assertEqual(partner.customer_code, 'BF%03d' % next_number)
        self.assertEqual((partner.mnemonic, partner.name_pinyin),
                         ('XBD', 'xinbeidouruanjiankaifa'))
        # A new rule makes every mnemonic again but those written by hand.
        self.env['ir.config_parameter'].sudo().set_param(PARAM_RULE, 'whole')
        with patch.object(code_module, 'MNEMONIC_INLINE', 10 ** 9):
            self.Partner._mnemonic_backfill(everyone=True)
        self.assertEqual((partner.mnemonic, hand.mnemonic), ('SZXBDRJKF', 'MINE'))

    def test_large_backfill_runs_in_the_background(self):
        self.make_customer(XBD)
        with patch.object(code_module, 'MNEMONIC_INLINE', 0):
            self.assertEqual(self.Partner._mnemonic_backfill(everyone=True), 0)
        batch = self.env['crm.customer.batch'].search(
            [('method', '=', '_mnemonic_chunk')], order='id desc', limit=1)
        self.assertTrue(batch.item_count >= 1)
        run_background(self.env, batch)
        self.assertEqual(batch.summary, "Pinyin mnemonics made for %d partners."
                         % batch.item_count)

    def test_new_company_gets_its_sequence(self):
        company = self.env['res.company'].create({'name': 'Codetest Second Company'})
        self.assertEqual(company.customer_code_sequence_id.company_id, company)
        self.assertEqual(company.customer_code_sequence_id.prefix, 'C')
