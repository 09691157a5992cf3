# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The handover's set-based move of documents (``_handover_reassign``) writes into the
host's mail tables what the ORM writes for ``write({'user_id': receiver})`` followed by the
giver's ``message_unsubscribe``: the same tracking messages and values, followers with
subtypes and notifications; the one deliberate difference is the host's "you have been
assigned to ..." e-mail per document, which the handover does not send."""
from unittest.mock import patch

from .common import Customer360Case
from .mail_snapshot import TRACKED, both_ways


class TestHandoverMailEquivalence(Customer360Case):
    maxDiff = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.giver = cls.make_user('c360_hoeq_giver', ['sales_team.group_sale_salesman'])
        cls.receiver = cls.make_user('c360_hoeq_receiver', ['sales_team.group_sale_salesman'])
        cls.watcher = cls.make_user('c360_hoeq_watcher', ['sales_team.group_sale_salesman'])
        customer = cls.make_customer('C360 HOEQ Customer', user_id=cls.giver.id)
        lead = cls.make_opportunity(customer, 1000, 20, user_id=cls.giver.id)
        order = cls.make_order(customer, 100, cls.day(-1), state='draft')
        invoice = cls.make_invoice(customer, 300, cls.day(-1))
        for records in (order, invoice):
            records.write({'user_id': cls.giver.id})
        cls.documents = [lead, order, invoice]
        for records in cls.documents:
            records.message_subscribe(partner_ids=(cls.giver | cls.watcher).mapped(
                'partner_id').ids)
        # The receiver already follows the invoice with one subtype: both paths keep it.
        invoice.message_subscribe(partner_ids=cls.receiver.partner_id.ids,
                                  subtype_ids=cls.env.ref('mail.mt_comment').ids)
        cls.handover = cls.env['crm.customer.handover'].create({
            'from_user_id': cls.giver.id, 'to_user_id': cls.receiver.id})

    def run_both(self, **orm_context):
        """Snapshots of the documents after the ORM path and after ``_handover_reassign``,
        and the e-mails each path created (``(model, res_id, recipients)``: the host sends
        and deletes its assignment e-mails at once, so they leave no row to compare)."""
        giver_partner = self.giver.partner_id
        mails = {'orm': [], 'bulk': []}
        MailMail = type(self.env['mail.mail'])
        create = MailMail.create

        def recording(path):
            def record_create(model, values):
                mail = create(model, values)
                mails[path].append((mail.model, mail.res_id, mail.recipient_ids.ids))
                return mail
            return patch.object(MailMail, 'create', record_create)

        def orm():
            with recording('orm'):
                for records in self.documents:
                    records = records.with_context(**dict(TRACKED, **orm_context))
                    records.write({'user_id': self.receiver.id})
                    records.message_unsubscribe(partner_ids=giver_partner.ids)

        def bulk():
            with recording('bulk'):
                for records in self.documents:
                    self.handover._handover_reassign(records, self.receiver)

        by_orm, by_bulk = both_ways(
            self.env, {records._name: records.ids for records in self.documents}, orm, bulk)
        return by_orm, by_bulk, mails

    def test_bulk_equals_orm_without_assignment_mail(self):
        by_orm, by_bulk, mails = self.run_both(mail_auto_subscribe_no_notify=True)
        self.assertEqual(mails, {'orm': [], 'bulk': []})
        # one tracking message and value per document, whose models all track user_id
        self.assertEqual(len(by_bulk.messages), len(self.documents))
        self.assertEqual(len([value for value in by_bulk.tracking if value[2] == 'user_id']),
                         len(self.documents))
        # the host shows the invoice's unchanged 'always' fields (type, amounts) beside it
        self.assertIn('amount_untaxed', {value[2] for value in by_bulk.tracking})
        for name in by_orm._fields:
            self.assertEqual(getattr(by_bulk, name), getattr(by_orm, name), name)

    def test_only_difference_is_the_assignment_mail(self):
        """Without ``mail_auto_subscribe_no_notify`` the host also sends the receiver one
        "you have been assigned" message per document; the handover does not (the receiver
        gets one briefing to-do per handover instead)."""
        by_orm, by_bulk, mails = self.run_both()
        self.assertEqual(mails['bulk'], [])
        self.assertEqual(sorted(mails['orm']), sorted(
            (records._name, records.id, self.receiver.partner_id.ids)
            for records in self.documents))
        for name in by_orm._fields:
            self.assertEqual(getattr(by_bulk, name), getattr(by_orm, name), name)
