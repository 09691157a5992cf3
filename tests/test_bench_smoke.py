"""Smoke test of the benchmark harness (tests/bench): tiny data, every measurement run once.

Not a benchmark: no timing is asserted. It checks that the generator writes rows that the host
reads back as it would have written them, that the same seed gives the same data, that the
host's own workflows accept the generated documents, and that every registered measurement
runs. Everything happens in the test's transaction, which is rolled back.
"""
import os
import sys

from odoo.tests import common

# tests/bench is imported as the package ``bench``: a package named ``tests`` is installed in
# the virtual environment by one of the host's dependencies.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from bench import checks, generator, measure  # noqa: E402


@common.at_install(False)
@common.post_install(True)
class TestBenchSmoke(common.SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestBenchSmoke, cls).setUpClass()
        # Foreign keys stay checked here, which proves that every generated id points to a row.
        cls.stats = generator.Generator(cls.env, scale='tiny', seed=7, skip_fk_checks=False).run()

    def expected_rows(self):
        """The generated customers' expected figures, in customer order, without their ids."""
        self.env.cr.execute("""SELECT invoice_count, invoiced, receivable, order_count
                               FROM crm_bench_expected ORDER BY partner_id""")
        return self.env.cr.fetchall()

    def test_generated_every_kind_of_row(self):
        rows = self.stats['rows']
        self.assertEqual(rows['account.invoice'], generator.SCALES['tiny']['invoices'])
        for model in ('res.partner', 'product.product', 'sale.order', 'sale.order.line',
                      'crm.lead', 'account.invoice.line', 'account.move.line',
                      'account.payment', 'account.partial.reconcile'):
            self.assertGreater(rows.get(model, 0), 0, model)
        invoices = self.env['account.invoice'].search([('number', '=like', 'B%INV/%')])
        self.assertEqual(set(invoices.mapped('type')), {'out_invoice', 'out_refund'})
        self.assertEqual(set(invoices.mapped('state')), {'open', 'paid'})
        orders = self.env['sale.order'].search([('name', '=like', 'BSO%')])
        self.assertTrue({'draft', 'sale'} <= set(orders.mapped('state')))

    def test_host_figures_agree(self):
        errors, checked = checks.check_host_figures(self.env, sample=20)
        self.assertGreaterEqual(checked, 10)
        self.assertFalse(errors, '\n'.join(errors))

    def test_stored_fields_agree_with_host_computation(self):
        errors, checked = checks.check_stored_fields(self.env, sample=40)
        self.assertGreater(checked, 100)
        self.assertFalse(errors, '\n'.join(errors))

    def test_same_seed_same_data(self):
        first = self.expected_rows()
        generator.Generator(self.env, scale='tiny', seed=7, skip_fk_checks=False).run()
        self.assertEqual(self.expected_rows(), first)
        generator.Generator(self.env, scale='tiny', seed=8, skip_fk_checks=False).run()
        self.assertNotEqual(self.expected_rows(), first)

    def test_host_workflows_accept_generated_documents(self):
        invoice = self.env['account.invoice'].search(
            [('number', '=like', 'BINV/%'), ('state', '=', 'open')], limit=1)
        journal = self.env['account.journal'].search([('type', '=', 'bank')], limit=1)
        payment = self.env['account.payment'].create({
            'payment_type': 'inbound', 'partner_type': 'customer',
            'partner_id': invoice.commercial_partner_id.id, 'amount': invoice.residual,
            'journal_id': journal.id,
            'payment_method_id': self.env.ref('account.account_payment_method_manual_in').id,
            'invoice_ids': [(6, 0, invoice.ids)],
        })
        payment.post()
        self.assertEqual(invoice.state, 'paid')
        quotation = self.env['sale.order'].search(
            [('name', '=like', 'BSO%'), ('state', '=', 'draft')], limit=1)
        quotation.action_confirm()
        self.assertEqual(quotation.state, 'sale')

    def test_every_measurement_runs(self):
        measure.discover()
        self.assertTrue({'card_figures_80', 'host_total_invoiced_80', 'card_open_1',
                         'dup_check_exact', 'dup_check_fuzzy', 'handover_5000',
                         'pool_release_job', 'dashboard_load',
                         'name_search_pinyin'} <= set(measure.METRICS))
        ctx = measure.Context(self.env, 'tiny')
        metrics, ratios = measure.run_all(ctx, repeat=1, warmup=0)
        for name, result in metrics.items():
            self.assertNotIn('error', result, name)
            self.assertNotIn('skipped', result, name)
            self.assertEqual(result['runs'], 1, name)
        for name in ('card_figures_80', 'host_total_invoiced_80', 'card_open_1',
                     'dup_check_exact', 'handover_5000', 'pool_release_job',
                     'dashboard_load'):
            self.assertGreater(metrics[name]['rows'], 0, name)
            self.assertGreater(metrics[name]['queries'], 0, name)
        self.assertIn('host_total_invoiced_80 / card_figures_80', ratios)
        text = measure.format_table(metrics, ratios, measure.peak_rss_mb())
        self.assertIn('card_figures_80', text)
