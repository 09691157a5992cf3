"""What the addons store reads in the language of whom it is for, never in the language of
whoever ran the job (issue 17).

Stored facts are read as sentences in the reader's language: the grade history, the credit
rating's explanation, the ownership history's reasons, the reason of a release to the pool,
the merge log, the grading run's message, the names and summaries of background runs. Texts
that must be stored are written in the language of whom they are for: the chatter notes on a
customer in its owner's language, the activities in their assignee's (follow-ups, SLA
escalations, takeover requests), the SLA notes on a ticket in the language of who is asked to
act. Each scenario has a manager in Simplified Chinese do the work and a reader in English
read it (and the other way round where it matters): the English reader finds no Chinese, the
Chinese reader no English (the names of records aside: data keep their language).
"""
import json
import os
import sys

from odoo.addons.crm_customer360.tests.common import run_background
from odoo.addons.crm_service.tests.common import ServiceCase
from odoo.tests import common

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from language_check import record_names, untranslated_fragments, wrong_language  # noqa: E402

# Typed by the users of the scenarios: data, in neither language.
NOTE = 'KA-7'


@common.at_install(False)
@common.post_install(True)
class TestReaderLanguage(ServiceCase):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        managers = ['sales_team.group_sale_manager', 'base.group_partner_manager',
                    'account.group_account_invoice']
        cls.zh_manager = cls.make_user('lang_zh_manager', managers)
        cls.en_manager = cls.make_user('lang_en_manager', managers)
        cls.zh_sales = cls.make_user('lang_zh_sales', ['sales_team.group_sale_salesman'])
        cls.en_sales = cls.make_user('lang_en_sales', ['sales_team.group_sale_salesman'])
        for user, lang, tz in ((cls.zh_manager, 'zh_CN', 'Asia/Shanghai'),
                               (cls.zh_sales, 'zh_CN', 'Asia/Shanghai'),
                               (cls.en_manager, 'en_US', 'Europe/London'),
                               (cls.en_sales, 'en_US', 'Europe/London')):
            user.write({'lang': lang, 'tz': tz})
        cls.leader.write({'lang': 'en_US'})

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def assertReadsIn(self, lang, texts, what):
        """Every text of ``texts`` reads in ``lang`` (see ``language_check``)."""
        names = record_names(self.env)
        fragments = untranslated_fragments(self.env) if lang == 'zh_CN' else ()
        wrong = []
        for text in texts:
            self.assertTrue(text, '%s: nothing to read' % what)
            if wrong_language(text, lang, names, fragments, data=[NOTE]):
                wrong.append(text)
        self.assertFalse(wrong, '%s read in %s:\n%s' % (what, lang, '\n---\n'.join(wrong)))

    def as_reader(self, records, user):
        return records.sudo(user).with_context(lang=user.lang, tz=user.tz)

    def as_zh(self, model):
        """``model`` as the Chinese sales manager, in Chinese."""
        return self.env[model].sudo(self.zh_manager).with_context(
            lang='zh_CN', tz='Asia/Shanghai')

    # ------------------------------------------------------------------
    # Scenarios
    # ------------------------------------------------------------------
    def test_grading_and_credit_read_in_the_readers_language(self):
        """A grading run started in Chinese: its history rows, explanations, credit rating
        and messages read in English for an English reader, and in Chinese for a Chinese."""
        customer = self.make_customer('Lang Graded Co', user_id=self.en_sales.id)
        self.make_invoice(customer, 1000.0, self.day(-20), self.day(-5))
        policy = self.env['crm.grading.policy'].search(
            [('company_id', '=', self.company.id)])
        # as the background run of "Run now" does: as superuser, for the manager
        self.env['crm.grading.run'].sudo().with_context(lang='zh_CN')._run_policy(
            policy.sudo(), user=self.zh_manager)
        self.env['res.partner'].with_context(lang='zh_CN')._rate_credit(
            self.company, self.day(-365), self.day(0), partner_ids=customer.ids)
        run = self.env['crm.grading.run'].search([('policy_id', '=', policy.id)], limit=1)
        for reader in (self.en_manager, self.zh_manager):
            card = self.as_reader(customer, reader)
            self.assertReadsIn(reader.lang, [card.grade_explanation], 'grade explanation')
            self.assertReadsIn(reader.lang, card.grade_history_ids.mapped('explanation'),
                               'grade history')
            self.assertReadsIn(reader.lang, [card.credit_explanation], 'credit explanation')
            self.assertReadsIn(reader.lang, [self.as_reader(run, reader).message],
                               'grading run message')
        self.assertTrue(customer.credit_rated_date)

    def test_grade_lock_history_and_note(self):
        """A grade locked by a Chinese manager: the history reads in the reader's language,
        the chatter note is written in the owner's (English)."""
        customer = self.make_customer('Lang Locked Co', user_id=self.en_sales.id)
        grade = self.env.ref('crm_grading.crm_customer_grade_a')
        customer.sudo(self.zh_manager).with_context(lang='zh_CN')._lock_grade(grade, NOTE)
        for reader in (self.en_manager, self.zh_manager):
            self.assertReadsIn(reader.lang, self.as_reader(customer, reader).mapped(
                'grade_history_ids.explanation'), 'grade lock history')
        notes = customer.message_ids.filtered(lambda m: NOTE in (m.body or ''))
        self.assertReadsIn('en_US', notes.mapped('body'), 'lock note for the owner')

    def test_ownership_reasons_and_notes(self):
        """Owner changes made in Chinese (by hand, a handover, the pool): the history's
        reasons read in the reader's language; the notes are in the new owner's."""
        self.env['res.company'].search([]).write({'pool_enabled': True})
        by_hand = self.make_customer('Lang By Hand Co', user_id=self.zh_sales.id)
        self.env['crm.customer.owner.change'].sudo(self.zh_manager).with_context(
            lang='zh_CN', active_model='res.partner', active_ids=by_hand.ids).create({
                'user_id': self.en_sales.id, 'reason': NOTE}).action_apply()
        handed = self.make_customer('Lang Handed Co', user_id=self.zh_sales.id)
        handover = self.as_zh('crm.customer.handover').create({
            'from_user_id': self.zh_sales.id, 'to_user_id': self.en_sales.id,
            'reason': 'other'})
        handover.line_ids.filtered(lambda line: line.partner_id != handed).unlink()
        handover.action_confirm()
        released = self.make_customer('Lang Released Co', user_id=self.en_sales.id)
        self.env.cr.execute("UPDATE res_partner SET create_date = %s WHERE id = %s",
                            [self.day(-400) + ' 00:00:00', released.id])
        released.invalidate_cache()
        self.env['res.partner'].with_context(lang='zh_CN')._release_due_to_pool(released.ids)
        self.assertTrue(released.in_pool)
        customers = by_hand | handed | released
        for reader in (self.en_manager, self.zh_manager):
            rows = self.as_reader(customers, reader).mapped('ownership_history_ids')
            self.assertEqual(len(rows), 3)
            self.assertReadsIn(reader.lang, rows.mapped('reason'), 'ownership reasons')
            self.assertReadsIn(reader.lang, [self.as_reader(released, reader)
                                             .pool_released_reason], 'pool release reason')
        notes = customers.mapped('message_ids').filtered(
            lambda m: m.model == 'res.partner' and m.subtype_id == self.env.ref(
                'mail.mt_note') and self.en_sales.name in (m.body or ''))
        self.assertTrue(notes)
        self.assertReadsIn('en_US', notes.mapped('body'), 'owner notes for the owner')

    def test_activities_in_the_assignees_language(self):
        """Follow-ups, SLA escalations and takeover requests made by jobs or users working in
        Chinese reach an English assignee in English."""
        grade = self.env.ref('crm_grading.crm_customer_grade_a')
        followed = self.make_customer('Lang Follow Co', user_id=self.en_sales.id,
                                      grade_id=grade.id)
        self.env.cr.execute("UPDATE res_partner SET create_date = %s WHERE id = %s",
                            [self.day(-400) + ' 00:00:00', followed.id])
        followed.invalidate_cache()
        self.env['res.partner'].with_context(lang='zh_CN')._plan_follow_ups(followed.ids)
        # An escalation: the team leader (English) is asked to act.
        ticket = self.make_ticket(self.customer, start='2020-01-06 09:00:00')
        self.env['crm.service.ticket'].with_context(lang='zh_CN')._update_sla()
        # A takeover asked by a Chinese salesperson of an English owner's customer.
        asked = self.make_customer('Lang Asked Co', user_id=self.en_sales.id)
        self.env['res.partner'].sudo(self.zh_sales).with_context(
            lang='zh_CN').request_takeover(asked.id)
        activities = self.env['mail.activity'].search([
            '|', '&', ('res_model', '=', 'res.partner'), ('res_id', 'in', (followed | asked).ids),
            '&', ('res_model', '=', 'crm.service.ticket'), ('res_id', '=', ticket.id)])
        self.assertEqual(len(activities), 3, activities.mapped('summary'))
        self.assertReadsIn('en_US', activities.mapped('summary'), 'activity summaries')
        notes = ticket.message_ids.filtered(lambda m: m.message_type == 'notification'
                                            and 'SLA' in (m.body or ''))
        self.assertTrue(notes)
        self.assertReadsIn('en_US', notes.mapped('body'), 'SLA notes')

    def test_merge_log_and_background_runs(self):
        """A merge and a background run started in Chinese read in English for an English
        reader."""
        keep = self.make_customer('Lang Merge Keep', email='keep@lang.example')
        gone = self.make_customer('Lang Merge Gone', email='gone@lang.example')
        self.env['base.partner.merge.automatic.wizard'].sudo(self.zh_manager).with_context(
            lang='zh_CN')._merge((keep | gone).ids, dst_partner=keep)
        log = self.as_reader(keep.merge_log_ids, self.en_manager)
        self.assertTrue(log)
        self.assertReadsIn('en_US', [log.merged_partners, log.moved_summary,
                                     log.display_name], 'merge log')
        self.assertReadsIn('zh_CN', [self.as_reader(log, self.zh_manager).moved_summary],
                           'merge log')
        policy = self.env['crm.grading.policy'].search(
            [('company_id', '=', self.company.id)])
        # as "Run now" does: the run is written as superuser on behalf of the manager
        run = self.env['crm.grading.run'].sudo().with_context(
            lang='zh_CN')._queue_policy(policy.sudo(), self.zh_manager)
        batch = self.env['crm.customer.batch'].search(
            [('res_model', '=', 'crm.grading.run'), ('res_id', '=', run.id)])
        run_background(self.env, batch)
        for reader in (self.en_manager, self.zh_manager):
            shown = self.as_reader(batch, reader)
            self.assertReadsIn(reader.lang, [shown.name, shown.summary], 'background run')
        self.assertTrue(json.loads(batch.totals))
