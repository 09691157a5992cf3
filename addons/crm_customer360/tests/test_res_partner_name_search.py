# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Finding a partner by code, mnemonic and pinyin wherever a name is searched."""
from .common import Customer360Case

# Names no demo partner shares a mnemonic with: QZX (qing zhi xia / qi zhen xuan).
QZX = '深圳市青之峡软件开发有限公司'


class TestResPartnerNameSearch(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Partner = cls.env['res.partner']
        cls.owner = cls.make_user('ns_owner', ['crm_customer360.group_own_customers_only'])
        cls.colleague = cls.make_user('ns_colleague', ['sales_team.group_sale_salesman'])
        cls.sequence = cls.company._customer_code_sequence()
        cls.sequence.write({'prefix': 'NSQ', 'padding': 4})
        cls.xbd = cls.make_customer(QZX, user_id=cls.owner.id)
        # Same mnemonic, another salesperson's customer.
        cls.xbd_other = cls.make_customer('杭州奇珍轩贸易有限公司', user_id=cls.colleague.id)
        cls.bank = cls.make_customer('重庆银行股份有限公司', user_id=cls.owner.id)

    def ids(self, name, operator='ilike', user=None, args=None):
        Partner = self.Partner.sudo(user) if user else self.Partner
        return {pid for pid, _name in Partner.name_search(name, args=args, operator=operator,
                                                            limit=100)}

    def test_mnemonic_code_and_pinyin(self):
        self.assertEqual(self.xbd_other.mnemonic, 'QZX')
        self.assertEqual(self.ids('qzx'), {self.xbd.id, self.xbd_other.id})
        self.assertEqual(self.ids('QZ'), {self.xbd.id, self.xbd_other.id})
        self.assertEqual(self.ids('qingzhi'), {self.xbd.id})
        self.assertEqual(self.ids(self.bank.customer_code.lower()), {self.bank.id})
        self.assertTrue(self.bank.customer_code.startswith('NSQ'))
        # The host's name search still works.
        self.assertEqual(self.ids('青之峡软件'), {self.xbd.id})
        # The mnemonic matches by its beginning, not anywhere.
        self.assertNotIn(self.xbd.id, self.ids('zx'))

    def test_operators(self):
        self.assertEqual(self.ids('QZX', operator='='), {self.xbd.id, self.xbd_other.id})
        self.assertEqual(self.ids('Q%X', operator='=ilike'), {self.xbd.id, self.xbd_other.id})
        self.assertEqual(self.ids('qz', operator='='), set())
        # A negative operator is the host's: everything but the name.
        found = self.ids('qzx', operator='not ilike', args=[('id', 'in', [
            self.xbd.id, self.bank.id])])
        self.assertEqual(found, {self.xbd.id, self.bank.id})

    def test_args_are_kept(self):
        self.assertEqual(self.ids('qzx', args=[('user_id', '=', self.colleague.id)]),
                         {self.xbd_other.id})

    def test_restricted_salesperson_sees_only_what_the_host_shows(self):
        found = self.ids('qzx', user=self.owner)
        visible = set(self.Partner.sudo(self.owner).search([]).ids)
        self.assertEqual(found, {self.xbd.id})
        self.assertLessEqual(found, visible)
        self.assertNotIn(self.xbd_other.id, visible)

    def test_one_query(self):
        # As admin: the search is one query.
        self.Partner._name_search_ids('qzx', [], 'ilike', 8)
        before = self.env.cr.sql_log_count
        ids = self.Partner._name_search_ids('qzx', [], 'ilike', 8)
        self.assertEqual(self.env.cr.sql_log_count - before, 1)
        self.assertEqual(set(ids), {self.xbd.id, self.xbd_other.id})
        # Under a record rule the rule's own look-ups come on top, as for any search of the
        # host (own customers only: the pool customers, one query).
        Partner = self.Partner.sudo(self.owner)
        Partner.search([('name', 'ilike', 'qzx')], limit=8)
        before = self.env.cr.sql_log_count
        Partner.search([('name', 'ilike', 'qzx')], limit=8)
        host = self.env.cr.sql_log_count - before
        before = self.env.cr.sql_log_count
        ids = Partner._name_search_ids('qzx', [], 'ilike', 8)
        self.assertEqual(self.env.cr.sql_log_count - before, host)
        self.assertEqual(ids, [self.xbd.id])
