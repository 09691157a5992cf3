# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Handover: the new salesperson introduced to the customers by e-mail, when asked."""
from odoo.addons.queue_job.job import Job

from .test_crm_customer_handover import HandoverCase

TEMPLATE = 'crm_customer360.handover_introduction_mail_template'


class TestHandoverIntroduction(HandoverCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer_a.write({'email': 'alpha@ho.example', 'lang': 'en_US'})
        cls.customer_b.write({'email': 'beta@ho.example', 'lang': 'zh_CN'})
        cls.receiver.write({'phone': '+86 21 5555 0101', 'lang': 'en_US'})

    def intro_mails(self):
        return self.env['mail.mail'].search([
            ('model', '=', 'crm.customer.handover.line'),
            ('recipient_ids', 'in', (self.customer_a | self.customer_b).ids)])

    def test_off_by_default_sends_nothing(self):
        handover = self.new_handover()
        self.assertFalse(handover.introduce_customers)
        handover.sudo(self.manager).action_confirm()
        self.assertEqual(handover.state, 'done')
        self.assertFalse(self.intro_mails())

    def test_each_customer_in_their_language_from_the_receiver(self):
        handover = self.new_handover(introduce_customers=True)
        handover.sudo(self.manager).action_confirm()
        mails = self.intro_mails()
        self.assertEqual(len(mails), 2)
        alpha = mails.filtered(lambda m: m.recipient_ids == self.customer_a)
        beta = mails.filtered(lambda m: m.recipient_ids == self.customer_b)
        self.assertEqual(alpha.subject, '%s: C360_Ho_Receiver is your new contact person'
                         % self.company.name)
        self.assertEqual(alpha.email_from, 'C360_Ho_Receiver <c360_ho_receiver@example.com>')
        for text in ('Dear C360 HO Alpha', 'takes over\n    from C360_Ho_Giver',
                     'c360_ho_receiver@example.com', '+86 21 5555 0101'):
            self.assertIn(text, alpha.body_html)
        self.assertEqual(beta.subject, '%s：C360_Ho_Receiver 是您新的对接销售'
                         % self.company.name)
        self.assertIn('尊敬的客户 C360 HO Beta', beta.body_html)
        self.assertIn('此致', beta.body_html)
        # queued, not sent in the request
        self.assertEqual(set(mails.mapped('state')), {'outgoing'})
        note = handover.message_ids.filtered(lambda m: 'introduced by e-mail' in (m.body or ''))
        self.assertIn('to 2 customers', note.body)
        self.assertEqual(note.author_id, self.manager.partner_id)

    def test_customers_without_email_are_skipped_and_counted(self):
        self.customer_b.email = False
        handover = self.new_handover(introduce_customers=True)
        handover.sudo(self.manager).action_confirm()
        self.assertEqual(self.intro_mails().recipient_ids, self.customer_a)
        note = handover.message_ids.filtered(lambda m: 'introduced by e-mail' in (m.body or ''))
        self.assertIn('to 1 customers', note.body)
        self.assertIn('1 customers have no e-mail address', note.body)

    def test_large_handover_introduces_part_by_part(self):
        params = self.env['ir.config_parameter'].sudo()
        params.set_param('crm_customer360.handover_queue_threshold', '1')
        params.set_param('crm_customer360.batch_chunk_size', '1')
        self.customer_b.email = False
        handover = self.new_handover(introduce_customers=True)
        handover.sudo(self.manager).action_confirm()
        self.assertEqual(handover.state, 'running')
        self.assertFalse(self.intro_mails())  # nothing before the parts run
        batch = handover.batch_id
        for chunk in batch.chunk_ids:
            Job.load(self.env, chunk.job_uuid).perform()
        Job.load(self.env, batch.finish_job_uuid).perform()
        self.assertEqual(handover.state, 'done')
        self.assertEqual(self.intro_mails().recipient_ids, self.customer_a)
        self.assertIn('introduced by e-mail to 1 customers', batch.summary)
        self.assertIn('1 customers have no e-mail address', batch.summary)

    def test_checkbox_fixed_once_confirmed(self):
        handover = self.new_handover()
        handover.sudo(self.manager).action_confirm()
        with self.assertRaises(Exception):
            handover.sudo(self.manager).write({'introduce_customers': True})

    def test_template_renders_in_chinese_and_english(self):
        handover = self.new_handover()
        template = self.env.ref(TEMPLATE)
        for lang in ('zh_CN', 'en_US'):
            self.customer_a.lang = lang
            values = template.generate_email(handover.line_ids[0].id,
                                             fields=['subject', 'body_html', 'lang'])
            self.assertIn('C360_Ho_Receiver', values['subject'], lang)
            self.assertIn('C360_Ho_Giver', values['body_html'], lang)
