# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The paid date kept on the invoice (``models/account_invoice.py``): it follows the
payments whichever way they are reconciled or undone, and nobody writes it by hand."""
from odoo.exceptions import UserError

from .common import Customer360Case, company_accounts
from .rpc_case import RpcCase

REFUSED_MESSAGE = "The paid date of an invoice follows its payments"


class TestInvoicePaidDate(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.make_customer('Paid Date Co')

    def test_paid_on_the_last_payment(self):
        """Two partial payments: no date while the invoice is open, the second payment's
        date once it is paid; a reconciliation undone clears it, a new payment sets it."""
        invoice = self.make_invoice(self.customer, 1000.0, self.day(-40), self.day(-10))
        self.pay(invoice, 400.0, self.day(-20))
        self.assertEqual((invoice.state, invoice.c360_paid_date), ('open', False))
        self.pay(invoice, 600.0, self.day(-5))
        self.assertEqual((invoice.state, invoice.c360_paid_date), ('paid', self.day(-5)))

        invoice.payment_move_line_ids.remove_move_reconcile()
        self.assertEqual((invoice.state, invoice.c360_paid_date), ('open', False))
        self.pay(invoice, 1000.0, self.day(-3))
        self.assertEqual((invoice.state, invoice.c360_paid_date), ('paid', self.day(-3)))

    def test_paid_before_the_invoice_is_paid_on_its_date(self):
        """A payment received before the invoice settles it on the invoice date, as the host
        dates the reconciliation (0 days to pay); a paid refund has no paid date."""
        invoice = self.make_invoice(self.customer, 300.0, self.day(-30))
        self.pay(invoice, 300.0, self.day(-35))
        self.assertEqual((invoice.state, invoice.c360_paid_date), ('paid', self.day(-30)))
        refund = self.make_invoice(self.customer, 50.0, self.day(-8), inv_type='out_refund')
        refund.pay_and_reconcile(self.bank_journal.id, pay_amount=50.0, date=self.day(-2))
        self.assertEqual((refund.state, refund.c360_paid_date), ('paid', False))

    def test_store_fills_the_missing_dates(self):
        """Install and update store the date of paid invoices that have none (paid before the
        module); an open invoice and a correct date are left as they are."""
        paid = self.make_invoice(self.customer, 200.0, self.day(-20))
        self.pay(paid, 200.0, self.day(-12))
        still_open = self.make_invoice(self.customer, 100.0, self.day(-15))
        self.env.cr.execute("UPDATE account_invoice SET c360_paid_date = NULL WHERE id = %s",
                            [paid.id])
        paid.invalidate_cache()
        self.assertFalse(paid.c360_paid_date)
        changed = self.env['account.invoice']._c360_store_paid_dates()
        self.assertEqual(changed, [paid.id])
        self.assertEqual(paid.c360_paid_date, self.day(-12))
        self.assertEqual(self.env['account.invoice']._c360_store_paid_dates(
            [paid.id, still_open.id]), [])
        self.assertFalse(still_open.c360_paid_date)

    def test_nobody_writes_it_by_hand(self):
        """Not even an administrator: the credit rating trusts the date."""
        invoice = self.make_invoice(self.customer, 100.0, self.day(-10))
        with self.assertRaisesRegex(UserError, REFUSED_MESSAGE):
            invoice.write({'c360_paid_date': self.day(-9)})
        # The host's copy creates without a language: the message is the user's.
        with self.assertRaises(UserError):
            self.make_invoice(self.customer, 100.0, self.day(-10), validate=False).copy(
                {'c360_paid_date': self.day(-9)})
        self.assertFalse(invoice.c360_paid_date)


class TestInvoicePaidDateRpc(RpcCase):
    """Over JSON-RPC: a salesperson who may edit an invoice may not date its payment, and
    the portal user may not touch invoices at all."""

    def _build_world(self, env):
        w = super()._build_world(env)
        account, revenue = company_accounts(env, env.user.company_id)
        w.invoice = env['account.invoice'].create({
            'partner_id': w.own.id, 'type': 'out_invoice', 'account_id': account.id,
            'user_id': w.sales.id,
            'invoice_line_ids': [(0, 0, {'name': 'RPC line', 'quantity': 1,
                                         'price_unit': 100.0, 'account_id': revenue.id})]})
        return w

    def test_paid_date_is_not_written_over_rpc(self):
        invoice = self.ids['invoice']
        for role in ('sales', 'manager'):
            refused = self.assertRpcRefused(role, 'account.invoice', 'write', [invoice],
                                            {'c360_paid_date': '2026-01-01'},
                                            refusals=('odoo.exceptions.UserError',))
            self.assertIn(REFUSED_MESSAGE, refused.message)
            self.assertRpcRefused(role, 'account.invoice', 'create', {
                'partner_id': self.ids['own'], 'c360_paid_date': '2026-01-01'},
                refusals=('odoo.exceptions.UserError',))
        # The guard is on the field only: the salesperson still edits the draft.
        self.rpc('sales', 'account.invoice', 'write', [invoice], {'comment': 'Checked'})
        for method, args in (('write', [[invoice], {'c360_paid_date': '2026-01-01'}]),
                             ('create', [{'partner_id': self.ids['own']}])):
            self.assertRpcRefused('portal', 'account.invoice', method, *args)
        with self.server_env() as env:
            record = env['account.invoice'].browse(invoice)
            self.assertEqual((record.comment, record.c360_paid_date), ('Checked', False))
