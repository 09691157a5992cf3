# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Credit approvals: a blocked quotation asked for, decided, and what the approval covers.

Customer "Approval Co": credit limit 1000, 600 receivable and a confirmed order of 300 not
invoiced: the quotation of 200 by ``salesman`` is blocked (1100 > 1000).
"""
from odoo.exceptions import AccessError, UserError

from odoo.addons.crm_customer360.tests.common import Customer360Case


class CreditApprovalCase(Customer360Case):
    """Runs no test of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = cls.make_user('approval.salesman', ['sales_team.group_sale_salesman'])
        cls.colleague = cls.make_user('approval.colleague', ['sales_team.group_sale_salesman'])
        cls.approver = cls.make_user('approval.approver', ['crm_grading.group_credit_approver'])
        cls.other_company = cls.env['res.company'].create({'name': 'Approval Elsewhere Ltd'})
        cls.far_approver = cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': 'Far Approver', 'login': 'approval.far', 'email': 'far@example.com',
            'company_id': cls.other_company.id,
            'company_ids': [(6, 0, [cls.other_company.id])],
            'groups_id': [(6, 0, [cls.env.ref('crm_grading.group_credit_approver').id])]})
        cls.customer = cls.make_customer('Approval Co', credit_limit=1000.0)
        cls.make_invoice(cls.customer, 600.0, cls.day(-5), cls.day(25))
        cls.make_order(cls.customer, 300.0, cls.day(-3))
        cls.quotation = cls.make_order(cls.customer, 200.0, cls.day(0), state='draft')
        cls.quotation.user_id = cls.salesman
        cls.Approval = cls.env['crm.credit.approval']

    def request(self, order=None, reason='Pays within the week', user=None):
        """Ask for an approval as ``user`` (the salesman) through the request form."""
        order = order or self.quotation
        wizard = self.env['crm.credit.approval.request'].sudo(user or self.salesman).create({
            'order_id': order.id, 'reason': reason})
        wizard.action_request()
        return self.Approval.search([('order_id', '=', order.id)], limit=1)

    def activities(self, record):
        return self.env['mail.activity'].search([('res_model', '=', record._name),
                                                 ('res_id', '=', record.id)])

    def confirm_refused(self, order, user=None):
        with self.assertRaises(UserError) as ctx, self.env.cr.savepoint():
            order.sudo(user or self.salesman).action_confirm()
        order.invalidate_cache()
        self.assertEqual(order.state, 'draft')
        return ctx.exception.name


class TestCrmCreditApproval(CreditApprovalCase):

    def test_request_notifies_the_approvers_of_the_company(self):
        approval = self.request()
        self.assertEqual(
            (approval.state, approval.amount, approval.currency_id, approval.reason,
             approval.requested_by_id, approval.partner_id, approval.company_id),
            ('requested', 200.0, self.quotation.currency_id, 'Pays within the week',
             self.salesman, self.customer, self.company))
        approvers = approval._approvers()
        self.assertIn(self.approver, approvers)
        self.assertNotIn(self.far_approver, approvers)
        activities = self.activities(approval)
        self.assertEqual(activities.mapped('user_id'), approvers)
        self.assertEqual(len(activities), len(approvers))
        # Each to-do in its approver's language.
        self.approver.lang = 'en_US'
        zh_approver = self.make_user('approval.approver.zh',
                                     ['crm_grading.group_credit_approver'])
        zh_approver.lang = 'zh_CN'
        approval.sudo(self.approver).action_reject('Ask again')
        approval = self.request()
        summaries = {activity.user_id: activity.summary
                     for activity in self.activities(approval)}
        self.assertEqual(summaries[self.approver], 'Credit approval of %s' % self.quotation.name)
        self.assertEqual(summaries[zh_approver], '%s 的信用审批' % self.quotation.name)
        approvers = approval._approvers()
        self.assertIn(zh_approver, approvers)
        message = self.quotation.message_ids[0]
        self.assertIn('Credit approval requested by Approval.Salesman for 200.00 %s: '
                      'Pays within the week' % self.currency.name, message.body)
        self.assertEqual(message.partner_ids, approvers.mapped('partner_id'))
        self.assertEqual(message.author_id, self.salesman.partner_id)  # not the superuser
        self.assertEqual(self.quotation.credit_approval_status, 'requested')

    def test_request_refused(self):
        with self.assertRaises(UserError) as ctx:
            self.request(reason='  ')
        self.assertEqual(ctx.exception.name, "Give the reason for the credit approval of %s."
                         % self.quotation.name)
        free = self.make_order(self.make_customer('Free Co'), 200.0, self.day(0), state='draft')
        free.user_id = self.salesman
        with self.assertRaises(UserError) as ctx:
            self.request(free)
        self.assertEqual(ctx.exception.name,
                         "The credit block does not stop %s: it can be confirmed without a "
                         "credit approval." % free.name)
        self.request()
        with self.assertRaises(UserError) as ctx:
            self.request()
        self.assertEqual(ctx.exception.name, "A credit approval of %s is already waiting for "
                                             "a decision." % self.quotation.name)
        # Another salesperson's order (own documents only): not theirs to ask for.
        with self.assertRaises(AccessError):
            self.request(user=self.colleague)

    def test_request_sets_nothing_but_order_and_reason(self):
        approval = self.Approval.sudo(self.salesman).create({
            'order_id': self.quotation.id, 'reason': 'Trust me', 'state': 'approved',
            'amount': 1.0, 'expiry_date': self.day(300), 'decided_by_id': self.approver.id})
        self.assertEqual((approval.state, approval.amount, approval.expiry_date,
                          approval.decided_by_id.id),
                         ('requested', 200.0, False, False))
        self.confirm_refused(self.quotation)

    def test_only_approvers_of_the_company_decide(self):
        approval = self.request()
        for user in (self.salesman, self.far_approver):
            for method, note in (('action_approve', False), ('action_reject', 'No')):
                with self.assertRaises(AccessError):
                    getattr(approval.sudo(user), method)(note)
        with self.assertRaises(AccessError):
            approval.sudo(self.approver).write({'state': 'approved'})
        with self.assertRaises(AccessError):
            approval.sudo(self.salesman).write({'expiry_date': self.day(100)})
        self.assertEqual(approval.state, 'requested')

    def test_approved_order_confirms(self):
        approval = self.request()
        approval.sudo(self.approver).action_approve('Good payer')
        self.assertEqual((approval.state, approval.decided_by_id, approval.expiry_date,
                          approval.decision_note),
                         ('approved', self.approver, self.day(7), 'Good payer'))
        self.assertFalse(self.activities(approval), "the approvers' to-dos are done")
        text = ('Credit approval of %s (200.00 %s) approved by Approval.Approver, valid '
                'until %s.' % (self.quotation.name, self.currency.name, self.day(7)))
        self.assertIn(text, self.quotation.message_ids[0].body)
        self.assertEqual(self.quotation.message_ids[0].partner_ids, self.salesman.partner_id)
        self.assertIn(text, self.customer.message_ids[0].body)
        for message in (self.quotation.message_ids[0], self.customer.message_ids[0],
                        approval.message_ids[0]):
            self.assertEqual(message.author_id, self.approver.partner_id)
        self.assertEqual(self.quotation.credit_approval_status, 'approved')
        with self.assertRaises(UserError) as ctx:
            approval.sudo(self.approver).action_reject('Changed my mind')
        self.assertEqual(ctx.exception.name, "The credit approval of %s was already decided "
                                             "(Approved)." % self.quotation.name)
        self.quotation.sudo(self.salesman).action_confirm()
        self.assertEqual(self.quotation.state, 'sale')
        self.assertIn('Confirmed with the credit approval of Approval.Approver (valid until '
                      '%s).' % self.day(7), self.quotation.message_ids[0].body)

    def test_validity_days_from_the_company(self):
        self.company.credit_approval_days = 3
        approval = self.request()
        approval.sudo(self.approver).action_approve()
        self.assertEqual(approval.expiry_date, self.day(3))

    def test_amount_changed_after_approval_blocked_again(self):
        self.request().sudo(self.approver).action_approve()
        self.quotation.order_line.price_unit = 250.0
        self.assertFalse(self.quotation.credit_approval_status)
        message = self.confirm_refused(self.quotation)
        self.assertIn('The sales order %s cannot be confirmed' % self.quotation.name, message)
        # Back at the approved total, the approval covers it again.
        self.quotation.order_line.price_unit = 200.0
        self.quotation.sudo(self.salesman).action_confirm()
        self.assertEqual(self.quotation.state, 'sale')

    def test_expired_approval_blocked(self):
        approval = self.request()
        approval.sudo(self.approver).action_approve()
        approval.sudo().write({'expiry_date': self.day(-1)})
        self.confirm_refused(self.quotation)
        self.Approval._cron_expire()
        self.assertEqual(approval.state, 'expired')
        self.confirm_refused(self.quotation)

    def test_other_order_not_covered(self):
        self.request().sudo(self.approver).action_approve()
        other = self.make_order(self.customer, 200.0, self.day(0), state='draft')
        other.user_id = self.salesman
        self.assertFalse(other.credit_approval_status)
        self.confirm_refused(other)

    def test_rejection_returns_the_reason(self):
        approval = self.request()
        with self.assertRaises(UserError) as ctx:
            approval.sudo(self.approver).action_reject(' ')
        self.assertEqual(ctx.exception.name,
                         "Say why the credit approval is rejected (Decision Note).")
        approval.sudo(self.approver).action_reject('Overdue invoices first')
        self.assertEqual((approval.state, approval.decided_by_id, approval.decision_note),
                         ('rejected', self.approver, 'Overdue invoices first'))
        text = ('Credit approval of %s (200.00 %s) rejected by Approval.Approver: Overdue '
                'invoices first' % (self.quotation.name, self.currency.name))
        self.assertIn(text, self.quotation.message_ids[0].body)
        self.assertEqual(self.quotation.message_ids[0].partner_ids, self.salesman.partner_id)
        self.assertIn(text, self.customer.message_ids[0].body)
        todo = self.activities(self.quotation)
        self.assertEqual((todo.user_id, todo.summary, todo.note),
                         (self.salesman, 'Credit approval rejected',
                          '<p>Overdue invoices first</p>'))
        self.confirm_refused(self.quotation)
        # A new request may follow the rejection.
        self.assertEqual(self.request(reason='Paid today').state, 'requested')

    def test_decision_wizard(self):
        approval = self.request()
        Decision = self.env['crm.credit.approval.decision']
        Decision.sudo(self.approver).create({
            'approval_id': approval.id, 'decision': 'reject', 'note': 'No'}).action_decide()
        self.assertEqual(approval.state, 'rejected')
        wizard = Decision.sudo(self.salesman).create({
            'approval_id': self.request().id, 'decision': 'approve'})
        with self.assertRaises(AccessError):
            wizard.action_decide()

    def test_record_rules(self):
        approval = self.request()
        Approval = self.Approval
        self.assertEqual(Approval.sudo(self.salesman).search([('id', '=', approval.id)]),
                         approval)
        self.assertFalse(Approval.sudo(self.colleague).search([('id', '=', approval.id)]))
        self.assertEqual(Approval.sudo(self.approver).search([('id', '=', approval.id)]),
                         approval)
        self.assertFalse(Approval.sudo(self.far_approver).search([('id', '=', approval.id)]))
