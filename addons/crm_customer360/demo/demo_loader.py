# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Demo transactions created the host's way, with dates relative to the install day.

The demo XML files hold the data (who buys what, how many days ago, how they paid) and call
the methods below through ``<function model="crm.customer360.demo" .../>``. The model is
installed in production too, where nothing of it may be called over RPC: every method is
private (the XML ``<function>`` tags call private methods) and refuses anyone but the
superuser, who loads the demo data (``_require_loader``). The methods fill
documents through the host's own onchanges and workflow buttons, so that accounts, taxes,
prices, due dates and reconciliations are exactly what a user would get. Each document gets
an xml id (``noupdate``) and is skipped when that xml id exists, so a loader never creates a
document twice.

On a new database the host installs the chart of accounts only after the modules asked for
(``account``'s post-init hook marks ``l10n_generic_coa`` or the country's chart), so this
module's demo data is loaded before any journal exists and before the chart sets the company
currency. Orders and invoices are then kept in a system parameter and created as soon as a
chart of accounts is loaded (see ``wizard_multi_charts_accounts.py``); so is the chart of the
demo's second company.

What is computed from the documents (grades, credit ratings, the customer analysis, the SLA
of tickets) must be computed once they all exist, the host's own demo invoices included,
which come with the chart of accounts. Each module's demo data ends with
``_demo_documents_ready``, which marks the closing step as due; the step itself
(``_demo_close``: ``_demo_after_documents`` then ``_demo_refresh_reports``, which the other
modules extend) runs when the install has loaded every module (``_register_hook``), once.
"""
import contextlib
import json
import logging
from datetime import timedelta

import psycopg2

from odoo import SUPERUSER_ID, api, fields, models

from ..access import require_superuser
from ..tz import company_today

_logger = logging.getLogger(__name__)

MODULE = 'crm_customer360'
POSTPONED_PARAM = 'crm_customer360.demo_postponed_documents'
# Companies waiting for the main company's chart of accounts (json list of ids).
POSTPONED_CHARTS_PARAM = 'crm_customer360.demo_postponed_charts'
# Set while the demo's closing step is due (see _demo_close).
CLOSING_PARAM = 'crm_customer360.demo_closing_due'
POSTPONABLE = ('_create_order', '_create_invoice', '_create_refund')

# ISO 3166-2:CN code: (name, xml id of the same province when l10n_cn is installed).
CHINA_PROVINCES = {
    'BJ': ('北京市', 'l10n_cn.state_BJ'),
    'SH': ('上海市', 'l10n_cn.state_SH'),
    'GD': ('广东省', 'l10n_cn.state_GD'),
    'ZJ': ('浙江省', 'l10n_cn.state_ZJ'),
    'JS': ('江苏省', 'l10n_cn.state_JS'),
    'SC': ('四川省', 'l10n_cn.state_SC'),
    'HB': ('湖北省', 'l10n_cn.state_HB'),
}

ORDER_FIELDS = ('partner_invoice_id', 'partner_shipping_id', 'pricelist_id', 'payment_term_id',
                'user_id', 'team_id', 'fiscal_position_id')
ORDER_LINE_FIELDS = ('product_id', 'product_uom_qty', 'product_uom', 'name', 'price_unit',
                     'tax_id')
INVOICE_FIELDS = ('partner_id', 'account_id', 'payment_term_id', 'fiscal_position_id',
                  'journal_id', 'currency_id', 'date_invoice', 'type')
INVOICE_LINE_FIELDS = ('product_id', 'quantity', 'name', 'account_id', 'uom_id', 'price_unit',
                       'invoice_line_tax_ids')


class CustomerDemo(models.AbstractModel):
    """Loader of the customer card's demo transactions; only the demo XML calls it."""

    _name = 'crm.customer360.demo'
    _description = 'Customer card demo data loader'

    def _require_loader(self):
        """Refuse every caller but the superuser, who installs the demo data."""
        require_superuser(self.env)

    # ------------------------------------------------------------------
    # Set-up: languages and provinces
    # ------------------------------------------------------------------
    @api.model
    def _set_company_currency(self, company_xmlid, currency_xmlid, pricelist_xmlid):
        """Give the demo company its currency, unless it has journal items already: the host
        then refuses the change (the addons installed with demo data into a database whose
        demo invoices are posted), and the demo keeps the company's currency. The
        pricelist's prices are in the company's currency either way."""
        self._require_loader()
        company = self.env.ref(company_xmlid)
        currency = self.env.ref(currency_xmlid)
        if company.currency_id != currency:
            if self.env['account.move.line'].sudo().search(
                    [('company_id', '=', company.id)], limit=1):
                _logger.info("Demo data: %s keeps its currency %s (it has journal items)",
                             company.name, company.currency_id.name)
            else:
                company.write({'currency_id': currency.id})
        self.env.ref(pricelist_xmlid).write({'currency_id': company.currency_id.id})

    @api.model
    def _ensure_languages(self, codes):
        """Activate the languages of the demo users, with their translations.

        A database created with ``--load-language=zh_CN`` has only Chinese active; one created
        without it has only English. English only needs activating; another language is
        installed with the host's wizard so that the installed modules get its terms.
        """
        self._require_loader()
        for code in codes:
            lang = self.env['res.lang'].with_context(active_test=False).search(
                [('code', '=', code)], limit=1)
            if lang.active:
                continue
            if code == 'en_US':
                self.env['res.lang'].load_lang(code)
            else:
                self.env['base.language.install'].create({'lang': code}).lang_install()

    @api.model
    def _set_china_states(self, partner_provinces):
        """Put Chinese customers in their province.

        The host's base data has no Chinese provinces; ``l10n_cn`` has them. Use those when
        installed, otherwise find or create the province under its ISO code.

        :param partner_provinces: ``{partner_id: ISO province code}``
        """
        self._require_loader()
        for partner_id, code in partner_provinces.items():
            partner = self.env['res.partner'].browse(int(partner_id))
            partner.write({'state_id': self._china_state(code).id})

    def _china_state(self, code):
        """The ``res.country.state`` of a Chinese province, created when missing.

        A created province is reference data that other partners may come to use: it gets
        no xml id, so that uninstalling the module leaves it.
        """
        name, l10n_xmlid = CHINA_PROVINCES[code]
        state = self.env.ref(l10n_xmlid, raise_if_not_found=False)
        if state:
            return state
        china = self.env.ref('base.cn')
        state = self.env['res.country.state'].search(
            [('country_id', '=', china.id), '|', ('code', '=', code), ('name', '=', name)],
            limit=1)
        return state or self.env['res.country.state'].create(
            {'name': name, 'code': code, 'country_id': china.id})

    # ------------------------------------------------------------------
    # Companies
    # ------------------------------------------------------------------
    @api.model
    def _set_company_partner(self, company_id, values):
        """Write ``values`` on the partner of a company (its language, time zone...)."""
        self._require_loader()
        self.env['res.company'].browse(company_id).partner_id.write(values)

    @api.model
    def _copy_currency_rates(self, from_company_id, to_company_id):
        """Give ``to_company_id`` the currency rates of ``from_company_id`` it lacks.

        The host's demo rates belong to the company that loaded them; a company without
        rates converts every currency at 1.
        """
        self._require_loader()
        Rate = self.env['res.currency.rate']
        have = {(rate.currency_id.id, rate.name)
                for rate in Rate.search([('company_id', '=', to_company_id)])}
        for rate in Rate.search([('company_id', '=', from_company_id)]):
            if (rate.currency_id.id, rate.name) not in have:
                rate.copy({'company_id': to_company_id})

    @api.model
    def _ensure_chart_of_accounts(self, company_id):
        """Give a demo company the main company's chart of accounts, now if the main company
        has one, else as soon as it gets one (``_demo_chart_loaded``)."""
        self._require_loader()
        company = self.env['res.company'].browse(company_id)
        if company.chart_template_id:
            return
        template = self.env.user.company_id.chart_template_id
        if template:
            self._load_chart(company, template)
            return
        params = self.env['ir.config_parameter'].sudo()
        waiting = json.loads(params.get_param(POSTPONED_CHARTS_PARAM) or '[]')
        params.set_param(POSTPONED_CHARTS_PARAM, json.dumps(waiting + [company.id]))

    def _load_chart(self, company, template):
        """Install the chart of accounts ``template`` for ``company``, in its own currency."""
        wizard = self.env['wizard.multi.charts.accounts'].with_context(
            c360_demo_chart=True).create({
                'company_id': company.id,
                'chart_template_id': template.id,
                'code_digits': template.code_digits,
                'transfer_account_id': template.transfer_account_id.id,
                'currency_id': company.currency_id.id,
                'bank_account_code_prefix': template.bank_account_code_prefix,
                'cash_account_code_prefix': template.cash_account_code_prefix,
            })
        wizard.onchange_chart_template_id()
        wizard.currency_id = company.currency_id
        wizard.execute()

    @api.model
    def _use_company(self, company_id):
        """Work in ``company_id`` for the demo records that follow (defaults, company-dependent
        values such as a customer's payment term and pricelist); the demo data of the second
        company is framed by two calls."""
        self._require_loader()
        user = self.env.user
        if user.company_id.id != company_id:
            user.write({'company_ids': [(4, company_id)], 'company_id': company_id})

    @contextlib.contextmanager
    def _company_of(self, partner_id):
        """Work in the company of the customer ``partner_id`` (its own company, else the
        current one) while creating its documents."""
        partner = self.env['res.partner'].browse(partner_id).commercial_partner_id
        user = self.env.user
        previous = user.company_id
        company = partner.company_id or previous
        if company == previous:
            yield company
            return
        self._use_company(company.id)
        try:
            yield company
        finally:
            self._use_company(previous.id)

    # ------------------------------------------------------------------
    # Sales
    # ------------------------------------------------------------------
    @api.model
    def _create_order(self, name, spec):
        """Create a quotation or order as the sales app would, and bring it to its state.

        :param name: xml id (in this module) of the order
        :param spec: ``partner`` (id), ``days_ago`` (order date), ``lines`` (list of
            ``(product_id, quantity)``), ``state`` (``draft``, ``sent`` or ``sale``,
            default ``sale``), optional ``opportunity`` (xml id in this module of the
            opportunity the quotation answers)
        """
        self._require_loader()
        if self._demo_record(name) or self._postpone('_create_order', name, spec):
            return
        with self._company_of(spec['partner']):
            self._create_order_now(name, spec)

    def _create_order_now(self, name, spec):
        """``_create_order`` in the customer's company."""
        date = self._datetime_ago(spec['days_ago'])
        order = self._new(self._documents().env['sale.order'],
                          {'partner_id': spec['partner'], 'date_order': date})
        order.onchange_partner_id()
        order.onchange_partner_shipping_id()
        vals = self._onchange_values(order, ORDER_FIELDS)
        vals.update(partner_id=spec['partner'], date_order=date)
        opportunity = spec.get('opportunity') and self._demo_record(spec['opportunity'])
        if opportunity and 'opportunity_id' in order._fields:  # sale_crm installed
            vals['opportunity_id'] = opportunity.id
        order = self._documents().env['sale.order'].create(vals)
        for product_id, quantity in spec['lines']:
            self._create_order_line(order, product_id, quantity)
        state = spec.get('state', 'sale')
        if state == 'sent':
            order.write({'state': 'sent'})
        elif state == 'sale':
            order.action_confirm()
            order.write({'confirmation_date': date})
        self._add_xmlid(order, name)

    def _create_order_line(self, order, product_id, quantity):
        """Add a line priced by the order's pricelist, with the product's taxes."""
        product = self.env['product.product'].browse(product_id)
        line = order.env['sale.order.line'].new({
            'order_id': order.id, 'product_id': product.id, 'product_uom': product.uom_id.id,
            'product_uom_qty': quantity})
        line.product_id_change()
        order.env['sale.order.line'].create(
            dict(self._onchange_values(line, ORDER_LINE_FIELDS), order_id=order.id))

    # ------------------------------------------------------------------
    # Invoices and payments
    # ------------------------------------------------------------------
    @api.model
    def _create_invoice(self, name, spec):
        """Create a customer invoice, validate it and register its payments.

        :param name: xml id (in this module) of the invoice
        :param spec: either ``order`` (xml id in this module of a confirmed order) or
            ``partner`` and ``lines`` (list of ``(product_id, quantity)``); ``days_ago``
            (invoice date); ``state`` (``draft``, ``open`` or ``cancel``, default ``open``);
            ``payments`` (list of ``(days_ago, amount)``, an amount of ``None`` paying the
            rest, in the invoice currency, optionally a third item ``'cash'`` for the cash
            journal)
        """
        self._require_loader()
        if self._demo_record(name) or self._postpone('_create_invoice', name, spec):
            return
        partner_id = (self._demo_record(spec['order']).partner_id.id if spec.get('order')
                      else spec['partner'])
        with self._company_of(partner_id):
            self._create_invoice_now(name, spec)

    def _create_invoice_now(self, name, spec):
        """``_create_invoice`` in the customer's company."""
        date = self._date_ago(spec['days_ago'])
        if spec.get('order'):
            order = self._demo_record(spec['order']).with_env(self._documents().env)
            invoice = order.env['account.invoice'].browse(order.action_invoice_create())
            invoice.write({'date_invoice': date})
        else:
            invoice = self._create_direct_invoice(spec['partner'], spec['lines'], date)
        state = spec.get('state', 'open')
        if state == 'cancel':
            invoice.action_invoice_cancel()
        elif state == 'open':
            invoice.action_invoice_open()
            for payment in spec.get('payments', []):
                self._pay(invoice, *payment)
        self._add_xmlid(invoice, name)

    def _create_direct_invoice(self, partner_id, lines, date):
        """A draft invoice filled by the partner and product onchanges, as in the form."""
        Invoice = self._documents().env['account.invoice'].with_context(type='out_invoice')
        invoice = self._new(Invoice, {'partner_id': partner_id, 'type': 'out_invoice',
                                      'date_invoice': date})
        invoice._onchange_partner_id()
        invoice._onchange_journal_id()
        partner = self.env['res.partner'].browse(partner_id)
        vals = dict(self._onchange_values(invoice, INVOICE_FIELDS),
                    user_id=partner.commercial_partner_id.user_id.id,
                    team_id=partner.commercial_partner_id.team_id.id)
        invoice = Invoice.create(vals)
        for product_id, quantity in lines:
            line = invoice.env['account.invoice.line'].new({
                'invoice_id': invoice.id, 'product_id': product_id, 'quantity': quantity})
            line._onchange_product_id()
            invoice.env['account.invoice.line'].create(
                dict(self._onchange_values(line, INVOICE_LINE_FIELDS), invoice_id=invoice.id))
        invoice.compute_taxes()
        return invoice

    def _pay(self, invoice, days_ago, amount=None, journal_type='bank'):
        """Register a customer payment on a bank (or cash) journal of the invoice's company.

        Does what the host's ``pay_and_reconcile`` does, in the invoice currency: the host
        leaves the payment in the journal's currency, which pays a euro invoice in dollars.
        """
        journal = self.env['account.journal'].search(
            [('type', '=', journal_type), ('company_id', '=', invoice.company_id.id)], limit=1)
        vals = invoice._prepare_payment_vals(
            journal, pay_amount=amount, date=self._date_ago(days_ago))
        vals['currency_id'] = invoice.currency_id.id
        invoice.env['account.payment'].create(vals).post()

    @api.model
    def _create_refund(self, name, spec):
        """Credit part of an open invoice and apply the credit note to it.

        :param name: xml id (in this module) of the credit note
        :param spec: ``invoice`` (xml id in this module of the open invoice), ``days_ago``
            (credit note date), ``reason``, ``quantities`` (``{product_id: quantity
            credited}``; lines of other products are not credited)
        """
        self._require_loader()
        if self._demo_record(name) or self._postpone('_create_refund', name, spec):
            return
        with self._company_of(self._demo_record(spec['invoice']).partner_id.id):
            self._create_refund_now(name, spec)

    def _create_refund_now(self, name, spec):
        """``_create_refund`` in the customer's company."""
        invoice = self._demo_record(spec['invoice']).with_env(self._documents().env)
        date = self._date_ago(spec['days_ago'])
        refund = invoice.refund(date_invoice=date, date=date, description=spec['reason'])
        quantities = {int(key): qty for key, qty in spec['quantities'].items()}
        for line in refund.invoice_line_ids:
            if line.product_id.id in quantities:
                line.quantity = quantities[line.product_id.id]
            else:
                line.unlink()
        refund.compute_taxes()
        refund.action_invoice_open()
        credit = refund.move_id.line_ids.filtered(
            lambda aml: aml.account_id == invoice.account_id and aml.credit)
        invoice.assign_outstanding_credit(credit.id)
        self._add_xmlid(refund, name)

    # ------------------------------------------------------------------
    # Documents waiting for a chart of accounts
    # ------------------------------------------------------------------
    def _postpone(self, method, name, spec):
        """Keep a document for later when the company has no chart of accounts yet.

        :return: whether the document was postponed
        """
        if self._has_journals():
            return False
        params = self.env['ir.config_parameter'].sudo()
        postponed = json.loads(params.get_param(POSTPONED_PARAM) or '[]')
        postponed.append([method, name, spec])
        params.set_param(POSTPONED_PARAM, json.dumps(postponed))
        return True

    @api.model
    def _demo_keeps_company_currency(self):
        """Whether a chart of accounts loaded now must keep the company's currency: the demo
        set it (a chart template names its own, the generic one dollars) and its documents
        wait for the chart."""
        params = self.env['ir.config_parameter'].sudo()
        return bool(params.get_param(POSTPONED_PARAM) or params.get_param(POSTPONED_CHARTS_PARAM))

    @api.model
    def _demo_chart_loaded(self):
        """A chart of accounts was just loaded: the demo companies and documents that waited
        for it get theirs."""
        self._require_loader()
        if not self._has_journals():
            return
        params = self.env['ir.config_parameter'].sudo()
        waiting = json.loads(params.get_param(POSTPONED_CHARTS_PARAM) or '[]')
        if waiting:
            params.set_param(POSTPONED_CHARTS_PARAM, False)
            template = self.env.user.company_id.chart_template_id
            for company in self.env['res.company'].browse(waiting).exists():
                if not company.chart_template_id:
                    self._load_chart(company, template)
        self._create_postponed_documents()

    @api.model
    def _create_postponed_documents(self):
        """Create, in their order, the demo documents that waited for a chart of accounts."""
        self._require_loader()
        params = self.env['ir.config_parameter'].sudo()
        postponed = json.loads(params.get_param(POSTPONED_PARAM) or '[]')
        if not postponed or not self._has_journals():
            return
        params.set_param(POSTPONED_PARAM, False)
        for method, name, spec in postponed:
            if method in POSTPONABLE:
                getattr(self, method)(name, spec)

    # ------------------------------------------------------------------
    # Closing step: what is computed from the documents
    # ------------------------------------------------------------------
    @api.model
    def _demo_documents_ready(self):
        """Last demo record of a module: the closing step is due once the install ends (the
        documents may still wait for the chart of accounts, and the host's demo invoices
        come with it)."""
        self._require_loader()
        self.env['ir.config_parameter'].sudo().set_param(CLOSING_PARAM, '1')

    @api.model
    def _demo_after_documents(self):
        """Bring what is computed from the demo documents up to date, once they all exist.

        Extend it (calling ``super()`` first) to compute more: ``crm_grading`` grades the
        customers and rates their credit, ``crm_service`` recomputes the SLA of its tickets
        with those grades.
        """
        self._require_loader()

    @api.model
    def _demo_refresh_reports(self):
        """Refresh the reports that read what ``_demo_after_documents`` computed (the
        customer analysis of ``crm_grading``); extend it."""
        self._require_loader()

    @api.model
    def _demo_close(self):
        """The demo's closing step: ``_demo_after_documents``, then ``_demo_refresh_reports``."""
        self._require_loader()
        if self.env['ir.config_parameter'].sudo().get_param(POSTPONED_PARAM):
            _logger.warning("Demo data: documents still wait for a chart of accounts; grades "
                            "and reports are computed without them.")
        self._demo_after_documents()
        self._demo_refresh_reports()

    @api.model_cr
    def _register_hook(self):
        """Run the demo's closing step when the install that loaded the demo data has loaded
        every module (Odoo calls this at the end of every registry load: one query when
        nothing is due)."""
        super()._register_hook()
        cr = self.env.cr
        cr.execute("SELECT 1 FROM ir_config_parameter WHERE key = %s", [CLOSING_PARAM])
        if not cr.fetchone():
            return
        try:
            with cr.savepoint():
                cr.execute("DELETE FROM ir_config_parameter WHERE key = %s RETURNING id",
                           [CLOSING_PARAM])
                due = cr.fetchone()
                if due:
                    env = api.Environment(cr, SUPERUSER_ID, {})
                    env['ir.config_parameter'].clear_caches()
                    _logger.info("Demo data: computing grades, ratings and reports")
                    env[self._name]._demo_close()
        except psycopg2.Error as error:
            # another process of the same server is doing it
            _logger.info("Demo data: closing step left to another process (%s)", error)

    def _has_journals(self):
        """Whether the user's company has its chart of accounts: currency and journals."""
        return bool(self.env['account.journal'].search_count(
            [('type', '=', 'sale'), ('company_id', '=', self.env.user.company_id.id)]))

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _documents(self):
        """This model in the context used for demo documents: no mail, no tracking."""
        return self.with_context(tracking_disable=True, mail_notrack=True,
                                 mail_create_nolog=True)

    def _date_ago(self, days):
        """The date ``days`` days before today, as a string."""
        today = company_today(self.env.user.company_id)
        return fields.Date.to_string(today - timedelta(days=days))

    def _datetime_ago(self, days):
        """Ten in the morning UTC, ``days`` days before today, as a string."""
        return self._date_ago(days) + ' 10:00:00'

    @staticmethod
    def _new(model, values):
        """A new record as a form starts it: the defaults, then the given values."""
        return model.new(dict(model.default_get(list(model._fields)), **values))

    @staticmethod
    def _onchange_values(record, names):
        """Values of a record filled by onchanges, ready for ``create``."""
        return record._convert_to_write({name: record[name] for name in names})

    def _demo_record(self, name):
        """The record of one of this module's demo xml ids, or ``None``."""
        return self.env.ref('%s.%s' % (MODULE, name), raise_if_not_found=False)

    def _add_xmlid(self, record, name):
        """Give a record created here an xml id that updates keep (``noupdate``)."""
        self.env['ir.model.data'].create({
            'module': MODULE, 'name': name, 'model': record._name, 'res_id': record.id,
            'noupdate': True})
