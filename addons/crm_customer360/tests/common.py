# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Shared test data: builders for customers and their documents, and restricted users."""
import contextlib
from datetime import timedelta

from odoo import SUPERUSER_ID, api, fields
from odoo.tests.common import SavepointCase

from odoo.addons.crm_customer360.tz import company_today, company_tz, local_date


def company_accounts(env, company):
    """The receivable and the revenue account of ``company``'s chart, for test invoices."""
    def first(xmlid):
        return env['account.account'].search([
            ('company_id', '=', company.id), ('user_type_id', '=', env.ref(xmlid).id)], limit=1)
    return (first('account.data_account_type_receivable'),
            first('account.data_account_type_revenue'))


def run_background(env, batch):
    """Run a background run's jobs in this transaction, as the job runner would: every part
    (a part already done does nothing), then the finish."""
    from odoo.addons.queue_job.job import Job
    for chunk in batch.chunk_ids:
        Job.load(env, chunk.job_uuid).perform()
    Job.load(env, batch.finish_job_uuid).perform()
    env['res.partner'].invalidate_cache()


class Customer360Case(SavepointCase):
    """Base class with builders; it runs no test of its own."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # English labels whatever the admin's language (the demo database loads zh_CN); the
        # company's time zone, so that the reader's today is the jobs' today (tz.py).
        company = cls.env.user.company_id
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, lang='en_US',
                                       mail_create_nolog=True, mail_notrack=True,
                                       tz=company_tz(company)))
        cls.company = cls.env.user.company_id
        cls.currency = cls.company.currency_id
        cls.today = company_today(cls.company)
        cls.account_receivable, cls.account_revenue = company_accounts(cls.env, cls.company)
        cls.bank_journal = cls.env['account.journal'].search([
            ('company_id', '=', cls.company.id), ('type', '=', 'bank')], limit=1)
        cls.sale_journal = cls.env['account.journal'].search([
            ('company_id', '=', cls.company.id), ('type', '=', 'sale')], limit=1)
        cls.product = cls.env['product.product'].create({
            'name': 'C360 Service', 'type': 'service', 'list_price': 100.0,
            'taxes_id': [(6, 0, [])], 'invoice_policy': 'order'})
        cls.pricelist = cls.env['product.pricelist'].create({
            'name': 'C360 company currency', 'currency_id': cls.currency.id})

    # ------------------------------------------------------------------
    # Builders
    # ------------------------------------------------------------------
    @classmethod
    def day(cls, offset):
        """Today plus ``offset`` days, as an Odoo date string."""
        return fields.Date.to_string(cls.today + timedelta(days=offset))

    @classmethod
    def local_day(cls, value):
        """The company's calendar day (a date string) of a stored UTC datetime: how the
        jobs count days (``tz.py``). Differs from the UTC date part for hours of the day."""
        return local_date(cls.env, value, company_tz(cls.company))

    @classmethod
    def make_sales_manager(cls, login):
        """A sales manager who may also edit partners (as handovers and owner changes need)."""
        return cls.make_user(login, ['sales_team.group_sale_manager',
                                     'base.group_partner_manager'])

    @classmethod
    def make_customer(cls, name, **vals):
        values = {'name': name, 'is_company': True, 'customer': True}
        values.update(vals)
        return cls.env['res.partner'].create(values)

    @classmethod
    def make_contact(cls, company, name, **vals):
        """A contact person of ``company``."""
        values = {'name': name, 'parent_id': company.id}
        values.update(vals)
        return cls.env['res.partner'].create(values)

    @classmethod
    def make_invoice(cls, partner, amount, date_invoice, date_due=None, inv_type='out_invoice',
                     currency=None, validate=True):
        """A customer invoice or refund of one untaxed line, validated by default."""
        invoice = cls.env['account.invoice'].create({
            'partner_id': partner.id,
            'type': inv_type,
            'account_id': cls.account_receivable.id,
            'journal_id': cls.sale_journal.id,
            'date_invoice': date_invoice,
            'date_due': date_due or date_invoice,
            'currency_id': (currency or cls.currency).id,
            'invoice_line_ids': [(0, 0, {
                'name': 'C360 line', 'quantity': 1, 'price_unit': amount,
                'account_id': cls.account_revenue.id})],
        })
        if validate:
            invoice.action_invoice_open()
        return invoice

    @classmethod
    def pay(cls, invoice, amount, date):
        """Register a customer payment of ``amount`` in the invoice's currency."""
        invoice.pay_and_reconcile(cls.bank_journal.id, pay_amount=amount, date=date)

    @classmethod
    def make_order(cls, partner, amount, date_order, state='sale', pricelist=None,
                   company=None):
        """A sales order of one untaxed line, brought to ``state``."""
        vals = {
            'partner_id': partner.id,
            'partner_invoice_id': partner.id,
            'partner_shipping_id': partner.id,
            'pricelist_id': (pricelist or cls.pricelist).id,
            'date_order': date_order,
            'order_line': [(0, 0, {
                'product_id': cls.product.id, 'name': 'C360 line', 'product_uom_qty': 1,
                'product_uom': cls.product.uom_id.id, 'price_unit': amount,
                'tax_id': [(6, 0, [])]})],
        }
        if company:
            vals['company_id'] = company.id
        order = cls.env['sale.order'].create(vals)
        if state in ('sale', 'done'):
            order.action_confirm()
        elif state in ('sent', 'cancel'):
            order.write({'state': state})
        return order

    @classmethod
    def make_opportunity(cls, partner, revenue, probability, **vals):
        values = {'name': 'C360 opportunity', 'type': 'opportunity', 'partner_id': partner.id,
                  'planned_revenue': revenue, 'probability': probability}
        values.update(vals)
        return cls.env['crm.lead'].create(values)

    @classmethod
    def make_user(cls, login, groups):
        """An internal user of the test company in exactly ``groups`` (xml ids)."""
        return cls.env['res.users'].with_context(no_reset_password=True).create({
            'name': login.title(), 'login': login, 'email': '%s@example.com' % login,
            'company_id': cls.company.id, 'company_ids': [(6, 0, [cls.company.id])],
            'groups_id': [(6, 0, [cls.env.ref(g).id for g in groups])],
        })

    @classmethod
    def set_rate(cls, currency, rate, date):
        """Give ``currency`` a rate for the test company from ``date`` on."""
        Rate = cls.env['res.currency.rate']
        Rate.search([('currency_id', '=', currency.id), ('name', '=', date),
                     ('company_id', '=', cls.company.id)]).unlink()
        Rate.create({'currency_id': currency.id, 'rate': rate, 'name': date,
                     'company_id': cls.company.id})


class ConcurrencyCase(SavepointCase):
    """Two transactions at once, on data both can see: committed, and removed again after the
    test. Runs no test of its own."""

    @contextlib.contextmanager
    def committed_env(self):
        """An admin environment on a cursor of its own, committed when the block ends."""
        with self.registry.cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {'no_reset_password': True,
                                                     'tracking_disable': True})
            # The point of this case: a second transaction must see these rows.
            cr.commit()  # pylint: disable=invalid-commit

    def remove_committed(self, *records):
        """After the test, delete ``records`` (``(model, ids)`` pairs, in order) and commit.

        ``ids`` may be a domain instead, searched at the end of the test: for the history
        the test wrote, which must go before its customers (``ondelete='restrict'``).
        """
        def remove():
            with self.committed_env() as env:
                for model, ids in records:
                    if ids and isinstance(ids[0], tuple):
                        env[model].with_context(active_test=False).search(ids).unlink()
                    else:
                        env[model].browse(ids).exists().unlink()
        self.addCleanup(remove)

    @contextlib.contextmanager
    def two_cursors(self):
        """Two cursors of their own, rolled back and closed when the block ends."""
        cr_a, cr_b = self.registry.cursor(), self.registry.cursor()
        try:
            yield cr_a, cr_b
        finally:
            for cr in (cr_a, cr_b):
                cr.rollback()
                cr.close()
