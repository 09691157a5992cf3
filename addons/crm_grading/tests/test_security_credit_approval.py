# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Credit approvals over RPC, as the real users (see SECURITY.md).

RPC Own Co (of ``sales``) has a credit limit of 1,000 and a quotation of 1,500: blocked.
``sales`` asks for an approval; only ``credit_approver`` decides; nobody edits one.
"""
from odoo.addons.crm_customer360.tests.rpc_case import RpcError

from .rpc_common import GradingRpcCase

MODEL = 'crm.credit.approval'


class TestCreditApprovalRpc(GradingRpcCase):

    def request(self, role='sales', **vals):
        values = {'order_id': self.ids['quotation'], 'reason': 'Pays on delivery'}
        values.update(vals)
        return self.rpc(role, MODEL, 'create', values)

    def approval(self, approval_id):
        with self.server_env() as env:
            approval = env[MODEL].browse(approval_id)
            return (approval.state, approval.amount, approval.requested_by_id.id,
                    approval.decided_by_id.id, approval.expiry_date)

    def order_state(self):
        with self.server_env() as env:
            return env['sale.order'].browse(self.ids['quotation']).state

    def test_request_approve_confirm(self):
        # What the caller writes besides the order and the reason is not taken.
        approval_id = self.request(state='approved', amount=1.0, expiry_date='2099-01-01',
                                   decided_by_id=self.ids['credit_approver'])
        self.assertEqual(self.approval(approval_id),
                         ('requested', 1500.0, self.ids['sales'], False, False))
        for role in ('sales', 'sales_all', 'manager', 'colleague'):
            self.assertRpcRefused(role, MODEL, 'action_approve', [approval_id])
        self.assertRpcRefused('sales', 'sale.order', 'action_confirm', [self.ids['quotation']])
        self.rpc('credit_approver', MODEL, 'action_approve', [approval_id], 'Known customer')
        self.assertEqual(self.approval(approval_id)[0], 'approved')
        self.assertEqual(self.approval(approval_id)[3], self.ids['credit_approver'])
        self.rpc('sales', 'sale.order', 'action_confirm', [self.ids['quotation']])
        self.assertEqual(self.order_state(), 'sale')

    def test_reject_needs_a_reason_and_leaves_the_block(self):
        approval_id = self.request()
        error = self.assertRpcRefused('credit_approver', MODEL, 'action_reject', [approval_id])
        self.assertEqual(error.message.strip(), "Say why the credit approval is rejected (Decision "
                                        "Note).")
        self.rpc('credit_approver', MODEL, 'action_reject', [approval_id], 'Overdue')
        self.assertEqual(self.approval(approval_id)[0], 'rejected')
        self.assertRpcRefused('credit_approver', MODEL, 'action_approve', [approval_id])
        self.assertRpcRefused('sales', 'sale.order', 'action_confirm', [self.ids['quotation']])
        self.assertEqual(self.order_state(), 'draft')

    def test_nobody_edits_an_approval(self):
        approval_id = self.request()
        for role, vals in (('sales', {'reason': 'Other'}),
                           ('credit_approver', {'state': 'approved'}),
                           ('manager', {'expiry_date': '2099-01-01'}),
                           ('sales', {'amount': 5000.0})):
            self.assertRpcRefused(role, MODEL, 'write', [approval_id], vals)
        for role in ('sales', 'credit_approver', 'manager'):
            self.assertRpcRefused(role, MODEL, 'unlink', [approval_id])
        self.assertEqual(self.approval(approval_id),
                         ('requested', 1500.0, self.ids['sales'], False, False))

    def test_who_asks_and_who_reads(self):
        # Another salesperson's order, the portal and an employee: no request.
        for role in ('colleague', 'portal', 'employee'):
            self.assertRpcRefused(role, MODEL, 'create',
                                  {'order_id': self.ids['quotation'], 'reason': 'x'})
            self.assertRpcRefused(role, 'sale.order', 'action_request_credit_approval',
                                  [self.ids['quotation']])
        action = self.rpc('sales', 'sale.order', 'action_request_credit_approval',
                          [self.ids['quotation']])
        self.assertEqual((action['res_model'], action['context']),
                         ('crm.credit.approval.request',
                          {'default_order_id': self.ids['quotation']}))
        approval_id = self.request()
        domain = [('id', '=', approval_id)]
        for role, expected in (('sales', [approval_id]), ('credit_approver', [approval_id]),
                               ('sales_all', [approval_id]), ('colleague', [])):
            self.assertEqual(self.rpc(role, MODEL, 'search', domain), expected, role)
        for role in ('portal', 'employee'):
            self.assertRpcRefused(role, MODEL, 'search', domain)

    def test_portal_decides_and_edits_nothing(self):
        approval_id = self.request()
        for method, args in (('action_approve', ['Fine']), ('action_reject', ['No']),
                             ('write', [{'state': 'approved'}])):
            self.assertRpcRefused('portal', MODEL, method, [approval_id], *args)
        self.assertEqual(self.approval(approval_id)[0], 'requested')

    def _wizard_refused(self, role, model, values, method):
        """The form ``model`` filled with ``values`` by ``role`` cannot be created, or its
        ``method`` is refused."""
        try:
            wizard_id = self.rpc(role, model, 'create', values)
        except RpcError:
            return
        self.assertRpcRefused(role, model, method, [wizard_id])

    def test_the_forms_check_the_user(self):
        """The request and decision forms call the model's methods, which check the user:
        the portal user and another salesperson ask for nothing, a salesperson and the
        portal user decide nothing; the requester and the approver get through."""
        request = {'order_id': self.ids['quotation'], 'reason': 'Pays on delivery'}
        for role in ('portal', 'colleague'):
            self._wizard_refused(role, 'crm.credit.approval.request', request, 'action_request')
        wizard_id = self.rpc('sales', 'crm.credit.approval.request', 'create', request)
        self.rpc('sales', 'crm.credit.approval.request', 'action_request', [wizard_id])
        approval_id = self.rpc('sales', MODEL, 'search',
                               [('order_id', '=', self.ids['quotation'])])[0]
        decision = {'approval_id': approval_id, 'decision': 'approve', 'note': 'Known'}
        for role in ('portal', 'sales'):
            self._wizard_refused(role, 'crm.credit.approval.decision', decision,
                                 'action_decide')
        self.assertEqual(self.approval(approval_id)[0], 'requested')
        wizard_id = self.rpc('credit_approver', 'crm.credit.approval.decision', 'create',
                             decision)
        self.rpc('credit_approver', 'crm.credit.approval.decision', 'action_decide',
                 [wizard_id])
        self.assertEqual(self.approval(approval_id)[0], 'approved')
