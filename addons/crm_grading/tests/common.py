# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Grading tests run in a company of their own, so that demo customers do not take part in
the ranking. The base class builds the company with the accounts and journals its invoices
need; it runs no test of its own."""
from odoo.addons.crm_customer360.tests.common import Customer360Case, run_background


class GradingCase(Customer360Case):

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.main_company = cls.company
        cls.company = cls.make_company('Grading Test Co')
        cls.env.user.write({'company_ids': [(4, cls.company.id)],
                            'company_id': cls.company.id})
        Account = cls.env['account.account']
        cls.account_receivable = Account.create({
            'code': 'GT1210', 'name': 'Receivable', 'reconcile': True,
            'company_id': cls.company.id,
            'user_type_id': cls.env.ref('account.data_account_type_receivable').id})
        cls.account_revenue = Account.create({
            'code': 'GT4000', 'name': 'Revenue', 'company_id': cls.company.id,
            'user_type_id': cls.env.ref('account.data_account_type_revenue').id})
        # The default receivable of the company's customers (their chart of accounts).
        cls.env['ir.property'].create({
            'name': 'property_account_receivable_id', 'company_id': cls.company.id,
            'fields_id': cls.env['ir.model.fields'].search([
                ('model', '=', 'res.partner'),
                ('name', '=', 'property_account_receivable_id')]).id,
            'value_reference': 'account.account,%d' % cls.account_receivable.id})
        cls.sale_journal = cls.env['account.journal'].create({
            'name': 'Grading Sales', 'code': 'GTS', 'type': 'sale',
            'company_id': cls.company.id,
            'default_debit_account_id': cls.account_revenue.id,
            'default_credit_account_id': cls.account_revenue.id})
        cls.product = cls.env['product.product'].create({
            'name': 'Grading Service', 'type': 'service', 'list_price': 100.0,
            'taxes_id': [(6, 0, [])], 'invoice_policy': 'order',
            'company_id': cls.company.id})
        cls.pricelist = cls.env['product.pricelist'].create({
            'name': 'Grading company currency', 'currency_id': cls.currency.id,
            'company_id': cls.company.id})
        cls.policy = cls.env['crm.grading.policy'].search(
            [('company_id', '=', cls.company.id)])
        cls.grade_a, cls.grade_b, cls.grade_c, cls.grade_d = [
            cls.env.ref('crm_grading.crm_customer_grade_%s' % code) for code in 'abcd']

    @classmethod
    def make_company(cls, name):
        return cls.env['res.company'].create({'name': name,
                                              'currency_id': cls.currency.id})

    def run_policy(self, policy=None):
        """Run ``policy`` (the test company's by default); returns the run log."""
        policy = policy or self.policy
        action = policy.action_run()
        run = self.env['crm.grading.run'].browse(action['res_id'])
        self.assertEqual(run.state, 'queued')
        run_background(self.env, run.batch_id)
        return run
