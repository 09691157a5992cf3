# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Date groups read 2026年2月 for a Chinese reader (the host's "二月 2026"), and stay the
host's in English."""
from .common import Customer360Case


class TestDateGroups(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        customer = cls.make_customer('Date Groups Ltd')
        cls.interaction = cls.env['crm.customer.interaction'].create({
            'partner_id': customer.id, 'interaction_type': 'call',
            'summary': 'Date groups', 'date': '2026-02-10 03:00:00'})

    def label(self, groupby, lang):
        groups = self.env['crm.customer.interaction'].with_context(
            lang=lang, tz='UTC').read_group(
            [('id', '=', self.interaction.id)], ['date'], [groupby], lazy=False)
        self.assertEqual(len(groups), 1)
        return groups[0][groupby]

    def test_chinese_labels(self):
        self.assertEqual(self.label('date:month', 'zh_CN'), '2026年2月')
        self.assertEqual(self.label('date', 'zh_CN'), '2026年2月')
        self.assertEqual(self.label('date:day', 'zh_CN'), '2026年2月10日')
        self.assertEqual(self.label('date:quarter', 'zh_CN'), '2026年第1季度')
        self.assertEqual(self.label('date:week', 'zh_CN'), '2026年第7周')
        self.assertEqual(self.label('date:year', 'zh_CN'), '2026')

    def test_english_labels_stay_the_hosts(self):
        self.assertEqual(self.label('date:month', 'en_US'), 'February 2026')
        self.assertEqual(self.label('date:day', 'en_US'), '10 Feb 2026')

    def test_groups_keep_their_domain(self):
        groups = self.env['crm.customer.interaction'].with_context(
            lang='zh_CN', tz='UTC').read_group(
            [('id', '=', self.interaction.id)], ['date'], ['date:month'], lazy=False)
        self.assertEqual(self.env['crm.customer.interaction'].search(groups[0]['__domain']),
                         self.interaction)
