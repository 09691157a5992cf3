# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The ownership notes inserted at once by ``_bulk_post_owner_notes`` (handover, nightly
pool job) equal those ``_record_ownership_changes`` posts with ``message_post``: the same
messages (body in the owner's language, type, subtype, author, sender, document name), the
same notifications (none for a note nobody subscribed to) and the same followers."""
from odoo import fields

from .common import Customer360Case
from .mail_snapshot import both_ways


class TestOwnerNoteEquivalence(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        salesman = ['sales_team.group_sale_salesman']
        cls.acting = cls.make_user('c360_oneq_acting', salesman)
        cls.old = cls.make_user('c360_oneq_old', salesman)
        cls.new = cls.make_user('c360_oneq_new', salesman)
        # a second language, where installed: each note is in its owner's language
        langs = [code for code, _name in cls.env['res.lang'].get_installed()]
        if 'zh_CN' in langs:
            cls.new.partner_id.lang = 'zh_CN'
        cls.customers = [cls.make_customer('C360 ONEQ %d' % i, user_id=cls.old.id)
                         for i in range(3)]
        cls.customers[0].message_subscribe(partner_ids=cls.old.partner_id.ids)
        cls.reasons = [('handover', {'user': 'Someone'}), 'Rebalancing', ('changed', {})]

    def test_bulk_notes_equal_message_post(self):
        # the server's paths run as the superuser and name the real user in the context
        env = self.env(context=dict(self.env.context, c360_acting_user_id=self.acting.id))
        Partner = env['res.partner']
        owners = [(self.old, self.new), (self.old, self.new), (self.new, self.old)]

        def orm():
            for customer, reason, (old, new) in zip(self.customers, self.reasons, owners):
                Partner.with_context(ownership_change_reason=reason)._record_ownership_changes(
                    [(customer.with_env(env), old, new)])

        def bulk():
            Partner._bulk_post_owner_notes(
                [(customer.id, old.id, new.id, reason)
                 for customer, reason, (old, new) in zip(self.customers, self.reasons, owners)],
                env['res.users'].browse(self.acting.id), fields.Datetime.now())

        by_orm, by_bulk = both_ways(
            env, {'res.partner': [customer.id for customer in self.customers]}, orm, bulk)
        self.assertEqual(len(by_bulk.messages), 3)
        for name in by_orm._fields:
            self.assertEqual(getattr(by_bulk, name), getattr(by_orm, name), name)
        self.assertEqual(by_bulk.notifications, [])
