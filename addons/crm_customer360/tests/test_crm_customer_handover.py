# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Handover: default lines, preview, what a confirmation moves, all-or-nothing, access."""
from unittest.mock import patch

from odoo import SUPERUSER_ID, api
from odoo.exceptions import AccessError, RedirectWarning, UserError, ValidationError
from odoo.tools.safe_eval import safe_eval

from .common import ConcurrencyCase, Customer360Case


class HandoverCase(Customer360Case):
    """Builds a giver with customers and open work; runs no test of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.make_sales_manager('c360_ho_manager')
        cls.giver = cls.make_user('c360_ho_giver', ['sales_team.group_sale_salesman'])
        cls.receiver = cls.make_user('c360_ho_receiver', ['sales_team.group_sale_salesman'])
        cls.receiver2 = cls.make_user('c360_ho_receiver2', ['sales_team.group_sale_salesman'])
        cls.stranger = cls.make_user('c360_ho_stranger', ['sales_team.group_sale_salesman'])
        cls.customer_a = cls.make_customer('C360 HO Alpha', user_id=cls.giver.id)
        cls.contact_a = cls.make_contact(cls.customer_a, 'C360 HO Alpha Person')
        cls.customer_b = cls.make_customer('C360 HO Beta', user_id=cls.giver.id)
        cls.customer_c = cls.make_customer(
            'C360 HO Gamma', user_id=cls.stranger.id, co_owner_ids=[(6, 0, cls.giver.ids)])
        cls.open_lead = cls.make_opportunity(cls.contact_a, 5000, 30, user_id=cls.giver.id)
        cls.won_lead = cls.make_opportunity(cls.customer_a, 5000, 100, user_id=cls.giver.id)
        cls.quotation = cls.make_order(cls.customer_a, 100, cls.day(-3), state='draft')
        cls.order = cls.make_order(cls.customer_b, 200, cls.day(-2), state='sale')
        (cls.quotation | cls.order).write({'user_id': cls.giver.id})
        cls.invoice = cls.make_invoice(cls.customer_b, 300, cls.day(-1))
        cls.invoice.user_id = cls.giver
        cls.customer_a.message_subscribe(partner_ids=cls.giver.partner_id.ids)
        todo = cls.env.ref('mail.mail_activity_data_todo')
        cls.activity_partner = cls.env['mail.activity'].create({
            'res_model_id': cls.env['ir.model']._get('res.partner').id,
            'res_id': cls.customer_a.id, 'activity_type_id': todo.id,
            'user_id': cls.giver.id, 'summary': 'Visit'})
        cls.activity_lead = cls.env['mail.activity'].create({
            'res_model_id': cls.env['ir.model']._get('crm.lead').id,
            'res_id': cls.open_lead.id, 'activity_type_id': todo.id,
            'user_id': cls.giver.id, 'summary': 'Call back'})
        cls.Handover = cls.env['crm.customer.handover']

    def new_handover(self, **vals):
        values = {'from_user_id': self.giver.id, 'to_user_id': self.receiver.id}
        values.update(vals)
        return self.Handover.sudo(self.manager).create(values)


class TestCrmCustomerHandover(HandoverCase):

    def test_create_without_lines_covers_owned_customers(self):
        handover = self.new_handover()
        self.assertEqual(handover.line_ids.mapped('partner_id'),
                         self.customer_a | self.customer_b)
        self.assertEqual(handover.line_ids.mapped('to_user_id'), self.receiver)
        self.assertEqual(handover.state, 'draft')
        self.assertEqual(handover.reason, 'other')

    def test_preview_counts(self):
        handover = self.new_handover()
        self.assertEqual(handover.preview_customer_count, 2)
        self.assertEqual(handover.preview_opportunity_count, 1)
        self.assertEqual(handover.preview_order_count, 2)
        self.assertEqual(handover.preview_invoice_count, 1)
        self.assertEqual(handover.preview_activity_count, 2)

    def test_preview_counts_co_ownerships_when_the_giver_leaves(self):
        leaving = self.new_handover(reason='resignation')
        self.assertTrue(leaving.move_co_ownerships)
        self.assertEqual(leaving.preview_co_owner_count, 1)  # Gamma
        staying = self.new_handover(reason='rebalancing')
        self.assertFalse(staying.move_co_ownerships)
        self.assertEqual(staying.preview_co_owner_count, 0)
        # the form follows the reason
        staying.reason = 'role_change'
        staying._onchange_reason()
        self.assertTrue(staying.move_co_ownerships)

    def test_rebalancing_keeps_co_ownerships_elsewhere(self):
        """A giver who stays keeps co-owning other salespeople's customers; on the customers
        handed over, the giver is no co-owner any more."""
        self.customer_b.co_owner_ids = self.giver | self.stranger
        handover = self.new_handover(reason='rebalancing')
        handover.line_ids.filtered(lambda l: l.partner_id == self.customer_a).unlink()
        handover.sudo(self.manager).action_confirm()
        self.assertEqual(self.customer_b.user_id, self.receiver)
        self.assertEqual(self.customer_b.co_owner_ids, self.stranger)
        self.assertEqual(self.customer_a.user_id, self.giver)
        self.assertEqual(self.customer_c.co_owner_ids, self.giver)

    def test_confirm_moves_customers_and_open_work(self):
        handover = self.new_handover(reason='resignation')
        handover.sudo(self.manager).action_confirm()
        self.assertEqual(handover.state, 'done')
        self.assertEqual((self.customer_a | self.customer_b | self.contact_a).mapped('user_id'),
                         self.receiver)
        self.assertEqual(self.open_lead.user_id, self.receiver)
        self.assertEqual(self.won_lead.user_id, self.giver)
        self.assertEqual((self.quotation | self.order).mapped('user_id'), self.receiver)
        self.assertEqual(self.invoice.user_id, self.receiver)
        self.assertEqual((self.activity_partner | self.activity_lead).mapped('user_id'),
                         self.receiver)
        followers = self.customer_a.message_partner_ids
        self.assertIn(self.receiver.partner_id, followers)
        self.assertNotIn(self.giver.partner_id, followers)
        self.assertEqual(self.customer_c.co_owner_ids, self.receiver)
        history = self.env['crm.customer.ownership.history'].search(
            [('partner_id', 'in', (self.customer_a | self.customer_b).ids)])
        self.assertEqual(len(history), 2)
        self.assertEqual(history.mapped('changed_by'), self.manager)
        self.assertIn('Resignation', history[0].reason)
        self.assertIn(self.receiver.name, self.customer_a.message_ids[0].body)
        briefing = self.env['mail.activity'].search([
            ('res_model', '=', 'crm.customer.handover'), ('res_id', '=', handover.id)])
        self.assertEqual(briefing.user_id, self.receiver)
        self.assertIn('C360 HO Alpha', briefing.note)
        self.assertIn('C360 HO Beta', briefing.note)

    def test_confirm_replaces_giver_among_document_followers(self):
        """The giver leaves the followers of the moved documents, the receiver follows each
        once (keeping its own subtypes where it already followed), the others stay."""
        Followers = self.env['mail.followers']
        self.open_lead.message_subscribe(partner_ids=self.stranger.partner_id.ids)
        comment = self.env.ref('mail.mt_comment')
        self.invoice.message_subscribe(partner_ids=self.receiver.partner_id.ids,
                                       subtype_ids=comment.ids)
        (self.quotation | self.order).message_subscribe(partner_ids=self.giver.partner_id.ids)
        self.won_lead.message_subscribe(partner_ids=self.giver.partner_id.ids)

        def followers(records):
            return {(f.res_model, f.res_id, f.partner_id.id): f.subtype_ids
                    for f in Followers.search([('res_model', '=', records._name),
                                               ('res_id', 'in', records.ids)])}
        moved = [self.open_lead, self.quotation, self.order, self.invoice]
        before = {}
        for records in moved + [self.won_lead]:
            before.update(followers(records))
        self.assertIn(('crm.lead', self.open_lead.id, self.giver.partner_id.id), before)
        self.new_handover().sudo(self.manager).action_confirm()
        Followers.invalidate_cache()
        after = {}
        for records in moved + [self.won_lead]:
            after.update(followers(records))
        expected = {}
        for key, subtypes in before.items():
            model, res_id, partner_id = key
            if partner_id == self.giver.partner_id.id and (model, res_id) != (
                    'crm.lead', self.won_lead.id):
                continue
            expected[key] = subtypes
        for record in moved:
            key = (record._name, record.id, self.receiver.partner_id.id)
            if key not in expected:
                expected[key] = self.env['mail.message.subtype'].default_subtypes(
                    record._name)[0]
        self.assertEqual(sorted(after), sorted(expected))
        for key, subtypes in expected.items():
            self.assertEqual(after[key], subtypes, key)
        self.assertEqual(after[('account.invoice', self.invoice.id,
                                self.receiver.partner_id.id)], comment)
        self.assertEqual(Followers.search_count([
            ('res_model', '=', 'crm.lead'), ('res_id', '=', self.open_lead.id),
            ('partner_id', '=', self.receiver.partner_id.id)]), 1)
        self.assertIn(self.giver.partner_id, self.won_lead.message_partner_ids)
        for record in moved:
            self.assertNotIn(self.giver.partner_id, record.message_partner_ids)
            self.assertIn(self.receiver.partner_id, record.message_partner_ids)

    def test_confirm_tracks_salesperson_and_dependent_fields(self):
        """Each moved document gets the host's tracking message of its salesperson, and
        the fields that depend on it follow."""
        self.new_handover().sudo(self.manager).action_confirm()
        for record in (self.open_lead, self.quotation, self.order, self.invoice):
            tracking = self.env['mail.tracking.value'].search([
                ('mail_message_id.model', '=', record._name),
                ('mail_message_id.res_id', '=', record.id), ('field', '=', 'user_id'),
                ('new_value_integer', '=', self.receiver.id)])
            self.assertEqual(len(tracking), 1, record)
            self.assertEqual(tracking.old_value_integer, self.giver.id)
            self.assertEqual(tracking.new_value_char, self.receiver.name)
            self.assertEqual(tracking.mail_message_id.subtype_id,
                             self.env.ref('mail.mt_note'))
            self.assertEqual(tracking.mail_message_id.author_id, self.manager.partner_id)
        self.assertEqual(self.order.order_line.mapped('salesman_id'), self.receiver)
        self.assertTrue(self.open_lead.date_open)
        self.assertEqual(self.open_lead.day_open, 0)

    def test_lines_may_go_to_other_receivers(self):
        handover = self.new_handover()
        handover.line_ids.filtered(lambda l: l.partner_id == self.customer_b).to_user_id = \
            self.receiver2
        handover.sudo(self.manager).action_confirm()
        self.assertEqual(self.customer_a.user_id, self.receiver)
        self.assertEqual(self.customer_b.user_id, self.receiver2)
        self.assertEqual(self.order.user_id | self.invoice.user_id, self.receiver2)
        self.assertEqual(self.env['mail.activity'].search_count([
            ('res_model', '=', 'crm.customer.handover'), ('res_id', '=', handover.id)]), 2)
        # the receiver of a line reads the handover its briefing to-do is on
        self.assertEqual(self.Handover.sudo(self.receiver2).search([]), handover)
        briefing = self.env['mail.activity'].search([
            ('res_model', '=', 'crm.customer.handover'), ('res_id', '=', handover.id),
            ('user_id', '=', self.receiver2.id)])
        self.assertIn('C360 HO Beta', briefing.sudo(self.receiver2).note)
        self.assertEqual(handover.sudo(self.receiver2).name, handover.name)

    def test_confirm_twice_refused(self):
        handover = self.new_handover()
        handover.sudo(self.manager).action_confirm()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            handover.sudo(self.manager).action_confirm()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            handover.sudo(self.manager).action_cancel()

    def test_customer_changed_owner_refused(self):
        handover = self.new_handover()
        self.customer_b.user_id = self.stranger
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            handover.sudo(self.manager).action_confirm()
        self.assertIn('C360 HO Beta', ctx.exception.name)
        self.env['res.partner'].invalidate_cache()
        self.assertEqual(self.customer_a.user_id, self.giver)
        self.assertEqual(handover.state, 'draft')

    def test_failing_mover_moves_nothing(self):
        handover = self.new_handover()
        Model = type(self.Handover)
        with patch.object(Model, '_handover_move_customers',
                          side_effect=UserError('boom'), create=True):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                handover.sudo(self.manager).action_confirm()
        self.env['res.partner'].invalidate_cache()
        self.assertEqual(handover.state, 'draft')
        self.assertEqual(self.customer_a.user_id, self.giver)
        self.assertEqual(self.open_lead.user_id, self.giver)
        self.assertEqual(self.invoice.user_id, self.giver)
        self.assertEqual(self.activity_partner.user_id, self.giver)
        self.assertIn(self.giver.partner_id, self.customer_a.message_partner_ids)
        self.assertFalse(self.env['crm.customer.ownership.history'].search(
            [('partner_id', '=', self.customer_a.id)]))

    def test_same_user_refused(self):
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            self.new_handover(to_user_id=self.giver.id)
        handover = self.new_handover()
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            handover.line_ids[0].to_user_id = self.giver

    def test_salespeople_read_only_their_handovers(self):
        handover = self.new_handover()
        self.assertEqual(self.Handover.sudo(self.giver).search([]), handover)
        self.assertEqual(self.Handover.sudo(self.receiver).search([]), handover)
        self.assertFalse(self.Handover.sudo(self.stranger).search([]))
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            self.Handover.sudo(self.giver).create({
                'from_user_id': self.giver.id, 'to_user_id': self.receiver.id})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            handover.sudo(self.receiver).action_confirm()
        self.assertEqual(self.customer_a.user_id, self.giver)

    def test_archiving_owner_refused_until_handed_over(self):
        with self.assertRaises(RedirectWarning) as ctx, self.env.cr.savepoint():
            self.giver.active = False
        # a UserError (not logged as a server error) that the web client shows as a
        # RedirectWarning: a dialog with a button to the action
        self.assertIsInstance(ctx.exception, UserError)
        message, target, button = ctx.exception.args
        self.assertEqual(ctx.exception.name, message)
        self.assertIn('C360_Ho_Giver (2 customers)', message)
        self.assertIn('handover', message)
        self.assertEqual(button, 'Hand Over Their Customers')
        # the button opens a new handover from the giver, as a resignation
        action = self.env.ref('crm_customer360.crm_customer_handover_action_leaving')
        self.assertEqual(target, '%d&active_id=%d' % (action.id, self.giver.id))
        context = safe_eval(action.context, {'active_id': self.giver.id})
        self.assertEqual(context, {'default_from_user_id': self.giver.id,
                                   'default_reason': 'resignation'})
        self.assertTrue(self.giver.active)
        handover = self.Handover.sudo(self.manager).with_context(context).create(
            {'to_user_id': self.receiver.id})
        self.assertEqual(handover.line_ids.mapped('partner_id'),
                         self.customer_a | self.customer_b)
        self.assertTrue(handover.move_co_ownerships)
        handover.action_confirm()
        self.assertEqual(self.customer_c.co_owner_ids, self.receiver)
        self.giver.active = False
        self.assertFalse(self.giver.active)

    def test_archiving_several_owners_opens_the_handovers(self):
        self.customer_c.user_id = self.receiver
        with self.assertRaises(RedirectWarning) as ctx, self.env.cr.savepoint():
            (self.giver | self.receiver).write({'active': False})
        message, target, _button = ctx.exception.args
        self.assertIn('C360_Ho_Giver (2 customers)', message)
        self.assertIn('C360_Ho_Receiver (1 customers)', message)
        self.assertEqual(target, self.env.ref('crm_customer360.crm_customer_handover_action').id)
        self.assertTrue(self.giver.active and self.receiver.active)


class TestCrmCustomerHandoverConcurrency(ConcurrencyCase):
    """Two transactions confirming handovers of the same customer at the same time."""

    def setUp(self):
        super().setUp()
        with self.committed_env() as env:
            Users = env['res.users']
            users = [Users.create({'name': login, 'login': login,
                                   'groups_id': [(6, 0, [env.ref(
                                       'sales_team.group_sale_salesman').id])]})
                     for login in ('c360_cc_giver', 'c360_cc_first', 'c360_cc_second')]
            giver, first, second = users
            customer = env['res.partner'].create({
                'name': 'C360 Contended Co', 'is_company': True, 'customer': True,
                'user_id': giver.id})
            Handover = env['crm.customer.handover']
            self.handover_ids = [
                Handover.create({'from_user_id': giver.id, 'to_user_id': first.id}).id,
                Handover.create({'from_user_id': giver.id, 'to_user_id': second.id}).id]
            self.customer_id = customer.id
            self.remove_committed(
                ('crm.customer.handover', self.handover_ids), ('res.partner', [customer.id]),
                ('res.users', [u.id for u in users]),
                ('res.partner', [u.partner_id.id for u in users]))

    def test_concurrent_handovers_of_same_customer(self):
        with self.two_cursors() as (cr_a, cr_b):
            # English messages whatever the admin's language (the demo database loads zh_CN).
            env_a = api.Environment(cr_a, SUPERUSER_ID, {'lang': 'en_US'})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {'lang': 'en_US'})
            cr_b.execute("SET lock_timeout = '10s'")
            env_a['crm.customer.handover'].browse(self.handover_ids[0]).action_confirm()
            with self.assertRaises(UserError) as ctx:
                env_b['crm.customer.handover'].browse(self.handover_ids[1]).action_confirm()
            self.assertIn('C360 Contended Co', ctx.exception.name)
            self.assertIn('someone else', ctx.exception.name)
            self.assertEqual(
                env_b['crm.customer.handover'].browse(self.handover_ids[1]).state, 'draft')
