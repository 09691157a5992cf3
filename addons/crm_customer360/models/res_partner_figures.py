# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The finance and sales figures of the customer card on ``res.partner``."""
import operator as py_operator

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..access import readable_ids, require_group
from ..tz import user_today

from ..facts import (
    ORDER_DOMAIN, QUOTATION_DOMAIN, RECEIVABLE_INVOICE_DOMAIN, REVENUE_INVOICE_DOMAIN,
    overdue_invoices_domain, overdue_invoices_sql)


def _figure_search(name):
    """A search method for the figure ``name`` (Odoo 11 does not pass the field)."""
    def search(self, operator, value):
        return self._search_customer_figure(name, operator, value)
    search.__name__ = '_search_%s' % name
    return search


# Who reads the figures: salespeople (and sales managers, who are salespeople too). Portal users
# and employees without sales rights get neither the fields nor their searches.
FIGURE_GROUPS = 'sales_team.group_sale_salesman'

SEARCH_OPERATORS = {
    '=': py_operator.eq, '!=': py_operator.ne, '<': py_operator.lt,
    '<=': py_operator.le, '>': py_operator.gt, '>=': py_operator.ge,
}


class ResPartner(models.Model):
    _inherit = 'res.partner'

    figures_currency_id = fields.Many2one(
        'res.currency', string='Figures Currency', compute='_compute_customer_figures',
        help="The currency of your company: every figure of the card is converted into it.")
    # Finance
    invoiced_amount = fields.Monetary(
        'Invoiced', compute='_compute_customer_figures', search='_search_invoiced_amount',
        currency_field='figures_currency_id', groups=FIGURE_GROUPS,
        help="Posted customer invoices minus refunds, taxes included, of the company and "
             "its contacts.")
    receivable_amount = fields.Monetary(
        'Receivable', compute='_compute_customer_figures', search='_search_receivable_amount',
        currency_field='figures_currency_id', groups=FIGURE_GROUPS,
        help="What the customer still owes: open invoices minus open refunds.")
    overdue_amount = fields.Monetary(
        'Overdue', compute='_compute_customer_figures', search='_search_overdue_amount',
        currency_field='figures_currency_id', groups=FIGURE_GROUPS,
        help="Open invoices whose due date has passed.")
    overdue_1_30 = fields.Monetary(
        'Overdue 1-30 days', compute='_compute_customer_figures',
        currency_field='figures_currency_id', groups=FIGURE_GROUPS)
    overdue_31_60 = fields.Monetary(
        'Overdue 31-60 days', compute='_compute_customer_figures',
        currency_field='figures_currency_id', groups=FIGURE_GROUPS)
    overdue_61_90 = fields.Monetary(
        'Overdue 61-90 days', compute='_compute_customer_figures',
        currency_field='figures_currency_id', groups=FIGURE_GROUPS)
    overdue_90_plus = fields.Monetary(
        'Overdue over 90 days', compute='_compute_customer_figures',
        currency_field='figures_currency_id', groups=FIGURE_GROUPS)
    last_invoice_date = fields.Date(
        'Last Invoice', compute='_compute_customer_figures', search='_search_last_invoice_date',
        groups=FIGURE_GROUPS)
    last_payment_date = fields.Date(
        'Last Payment', compute='_compute_customer_figures', search='_search_last_payment_date',
        groups=FIGURE_GROUPS)
    avg_days_to_pay = fields.Float(
        'Average Days to Pay', compute='_compute_customer_figures', digits=(16, 1),
        groups=FIGURE_GROUPS,
        help="Average number of days between the date of an invoice and its full payment, "
             "over the invoices of the last twelve months.")
    credit_usage = fields.Float(
        'Credit Usage (%)', compute='_compute_customer_figures', digits=(16, 1),
        groups=FIGURE_GROUPS, help="Receivable as a percentage of the credit limit.")
    over_credit_limit = fields.Boolean(
        'Over Credit Limit', compute='_compute_customer_figures',
        search='_search_over_credit_limit', groups=FIGURE_GROUPS)
    # Sales
    quotation_count = fields.Integer(
        'Proposals', compute='_compute_customer_figures', search='_search_quotation_count',
        groups=FIGURE_GROUPS, help="Quotations in draft or sent.")
    quotation_amount = fields.Monetary(
        'Proposals Amount', compute='_compute_customer_figures',
        search='_search_quotation_amount', currency_field='figures_currency_id',
        groups=FIGURE_GROUPS)
    order_count = fields.Integer(
        'Contracts', compute='_compute_customer_figures', search='_search_order_count',
        groups=FIGURE_GROUPS, help="Confirmed sales orders.")
    order_amount = fields.Monetary(
        'Contracts Amount', compute='_compute_customer_figures',
        search='_search_order_amount', currency_field='figures_currency_id',
        groups=FIGURE_GROUPS)
    first_order_date = fields.Date(
        'Customer Since', compute='_compute_customer_figures',
        search='_search_first_order_date', groups=FIGURE_GROUPS)
    last_order_date = fields.Date(
        'Last Order', compute='_compute_customer_figures', search='_search_last_order_date',
        groups=FIGURE_GROUPS)
    opportunity_count = fields.Integer(
        compute='_compute_customer_figures', search='_search_opportunity_count',
        groups=FIGURE_GROUPS)
    pipeline_amount = fields.Monetary(
        'Pipeline', compute='_compute_customer_figures', search='_search_pipeline_amount',
        currency_field='figures_currency_id', groups=FIGURE_GROUPS,
        help="Expected revenue of the open opportunities.")

    # One search method per searchable figure (see _figure_search).
    _search_invoiced_amount = _figure_search('invoiced_amount')
    _search_receivable_amount = _figure_search('receivable_amount')
    _search_overdue_amount = _figure_search('overdue_amount')
    _search_last_invoice_date = _figure_search('last_invoice_date')
    _search_last_payment_date = _figure_search('last_payment_date')
    _search_quotation_count = _figure_search('quotation_count')
    _search_quotation_amount = _figure_search('quotation_amount')
    _search_order_count = _figure_search('order_count')
    _search_order_amount = _figure_search('order_amount')
    _search_first_order_date = _figure_search('first_order_date')
    _search_last_order_date = _figure_search('last_order_date')
    _search_opportunity_count = _figure_search('opportunity_count')
    _search_pipeline_amount = _figure_search('pipeline_amount')

    @api.model
    def _customer_figure_fields(self):
        """Names of the figure fields, for lists, benchmarks and tests; extend with new ones."""
        return list(self.env['crm.customer.figures']._figure_defaults())

    def _compute_customer_figures(self):
        """Fill every figure of the page from one batch of grouped queries.

        Figures belong to the commercial entity: a contact shows its company's figures. They
        are computed only for the commercial entities the user may read, and only for
        salespeople (``_figures_allowed_entities``): server code that reads the fields
        without ``read()``'s checks (``export_data``...) gets empty figures for the others.
        """
        Figures = self.env['crm.customer.figures']
        names = self._customer_figure_fields()
        entity_of = self._commercial_entity_ids()
        entities = self._figures_allowed_entities(set(entity_of.values()))
        # Aggregates only: a salesperson without invoice rights still sees them; opening the
        # documents behind them goes through the host's access rights.
        figures = Figures._compute_figures(sorted(entities)) if entities else {}
        empty = dict(Figures._figure_defaults(),
                     figures_currency_id=self.env.user.company_id.currency_id.id)
        for partner in self:
            values = figures.get(entity_of.get(partner.id)) or empty
            # The currency first: the amounts are rounded in it.
            partner.figures_currency_id = values['figures_currency_id']
            # The values are final (rounded, dates as strings) and nothing depends on them:
            # put them in the cache directly, the ORM's assignment costs ten times more.
            cache = partner._cache
            for name in names:
                cache[name] = values[name]

    @api.model
    def _figures_allowed_entities(self, entity_ids):
        """The commercial entities among ``entity_ids`` whose figures the user may see: those
        the user may read, for a salesperson; none for anyone else; all for the superuser."""
        if self.env.uid == SUPERUSER_ID:
            return set(entity_ids)
        if not entity_ids or not self.env.user.has_group(FIGURE_GROUPS):
            return set()
        return readable_ids(self.browse(list(entity_ids)))

    @api.model
    def _figures_require_group(self):
        """Refuse what reveals figures (a search on them) to users who may not read them."""
        require_group(self.env, FIGURE_GROUPS, _(
            "Only salespeople can see or search the customers' finance and sales figures: ask "
            "your administrator for a Sales right."))

    def _commercial_entity_ids(self):
        """Map each saved partner of ``self`` to its commercial entity, in one query.

        Read in SQL rather than through the ORM, which would load every column of the page's
        partners; new records (an onchange) have no documents and are left out.
        """
        ids = [pid for pid in self.ids if isinstance(pid, int)]
        if not ids:
            return {}
        self.env.cr.execute(
            "SELECT id, commercial_partner_id FROM res_partner WHERE id = ANY(%s)", [ids])
        return dict(self.env.cr.fetchall())

    # ------------------------------------------------------------------
    # Searches on the figures
    # ------------------------------------------------------------------
    def _check_figure_search(self, field, operator, value):
        """Refuse a search on a figure with an operator or a value it cannot compare."""
        if operator not in SEARCH_OPERATORS:
            raise UserError(_("The figure %(figure)s cannot be searched with the operator "
                              "%(operator)s.") % {'figure': self._fields[field].string,
                                                  'operator': operator})
        empty = self.env['crm.customer.figures']._figure_defaults()[field]
        is_date = isinstance(empty, bool)
        if is_date:
            valid = value in (False, None) or isinstance(value, str)
        else:
            valid = isinstance(value, (int, float)) and not isinstance(value, bool)
        if not valid:
            raise UserError(_("The figure %(figure)s is compared with a %(kind)s, not with "
                              "%(value)s.") % {
                'figure': self._fields[field].string,
                'kind': _("date") if is_date else _("number"), 'value': repr(value)[:40]})

    def _search_customer_figure(self, field, operator, value):
        """Search partners whose commercial entity's figure compares to ``value``.

        The figures of every commercial entity with documents are computed once; a partner
        without documents has the figure's empty value (0 or no date).
        """
        self._figures_require_group()
        self._check_figure_search(field, operator, value)
        compare = SEARCH_OPERATORS[operator]
        empty = self.env['crm.customer.figures']._figure_defaults()[field]
        is_date = isinstance(empty, bool)
        if field == 'overdue_amount' and operator in ('>', '!=') and value == 0:
            return self._search_overdue()
        figures = self._figures_searched([field])
        if isinstance(value, str) and value and is_date:
            value = value[:10]

        def is_empty(val):
            return val is False or val is None

        def matches(figure):
            # An empty date only equals (or differs from) "no date".
            if is_empty(figure) or is_empty(value):
                if operator not in ('=', '!='):
                    return False
                return compare(is_empty(figure), is_empty(value))
            return compare(figure, value)

        if matches(empty):
            # Partners without documents match too: exclude those whose figure does not.
            not_matching = [pid for pid, row in figures.items() if not matches(row[field])]
            return [('commercial_partner_id', 'not in', not_matching)]
        matching = [pid for pid, row in figures.items() if matches(row[field])]
        return [('commercial_partner_id', 'in', matching)]

    @api.model
    def _search_overdue(self):
        """Partners whose commercial entity has an overdue amount (the *Overdue* filter), as
        a subquery: whether one invoice is overdue needs no amount, and computing the
        amount of every customer took seconds over a large base. Same definition as the
        figure (``facts.overdue_invoices_sql``), the same companies and day."""
        ctx = self.env['crm.customer.figures']._figure_context(None)
        sql = """SELECT inv.commercial_partner_id FROM account_invoice inv
                  WHERE %s AND inv.company_id = ANY(%%s)""" % overdue_invoices_sql('inv')
        return [('commercial_partner_id', 'inselect', (sql, [ctx['today'], ctx['company_ids']]))]

    @api.model
    def _figures_searched(self, names):
        """The figures ``names`` of every commercial entity with documents that the user may
        see: a search treats the others as entities without documents, as reading them does
        (``_figures_allowed_entities``)."""
        figures = self.env['crm.customer.figures']._compute_figures(None, figures=names)
        allowed = self._figures_allowed_entities(set(figures))
        return {pid: row for pid, row in figures.items() if pid in allowed}

    def _search_over_credit_limit(self, operator, value):
        """Customers whose receivable exceeds their credit limit."""
        self._figures_require_group()
        if operator not in ('=', '!=') or not isinstance(value, bool):
            raise UserError(_("Search 'Over Credit Limit' with = True or = False."))
        figures = self._figures_searched(['over_credit_limit'])
        over = [pid for pid, row in figures.items() if row['over_credit_limit']]
        positive = (operator == '=') == value
        return [('commercial_partner_id', 'in' if positive else 'not in', over)]

    # ------------------------------------------------------------------
    # Actions: every figure opens the records behind it
    # ------------------------------------------------------------------
    @api.multi
    def action_open_figure(self):
        """Open the documents behind the figure named by the context key ``c360_figure``:
        for salespeople, on a customer whose commercial entity they may read; the documents
        listed are those the host's access rules let them read."""
        self.ensure_one()
        self._figures_require_group()
        entity = self.commercial_partner_id
        if not self._figures_allowed_entities({entity.id}):
            raise AccessError(_(
                "You may not read the company of %(customer)s, so you cannot open its "
                "documents: ask its salesperson or a sales manager.") % {
                'customer': self.display_name})
        kind = self.env.context.get('c360_figure')
        targets = self._figure_targets()
        if kind not in targets:
            raise UserError(_("Unknown figure: %(figure)s") % {'figure': kind})
        action_xmlid, domain, group = targets[kind]
        if group and not self.env.user.has_group(group):
            raise AccessError(_("You are not allowed to open these documents: ask your "
                                "administrator for the rights of the group '%(group)s'.")
                              % {'group': self.env.ref(group).sudo().full_name})
        action = self.env.ref(action_xmlid).read()[0]
        action['domain'] = domain
        action['context'] = {'default_partner_id': self.commercial_partner_id.id,
                             'search_default_partner_id': False}
        action['display_name'] = action['name'] = '%s - %s' % (
            self.commercial_partner_id.display_name, action['name'])
        return action

    def _figure_targets(self):
        """Per figure: (action xml id, domain of its records, group needed or False).

        Extend to make a new figure clickable.
        """
        entity = self.commercial_partner_id.id
        # The card's today: the reader's (``_figure_context``).
        today = fields.Date.to_string(user_today(self.env))
        invoices = [('commercial_partner_id', '=', entity)]
        orders = [('partner_id', 'child_of', entity)]
        invoice_group = 'account.group_account_invoice'
        return {
            'invoiced': ('account.action_invoice_tree1',
                         invoices + REVENUE_INVOICE_DOMAIN, invoice_group),
            'receivable': ('account.action_invoice_tree1',
                           invoices + RECEIVABLE_INVOICE_DOMAIN, invoice_group),
            'overdue': ('account.action_invoice_tree1',
                        invoices + overdue_invoices_domain(today), invoice_group),
            'payments': ('account.action_account_payments',
                         [('partner_id', 'child_of', entity),
                          ('partner_type', '=', 'customer')], invoice_group),
            'quotations': ('sale.action_quotations',
                           orders + QUOTATION_DOMAIN, False),
            'orders': ('sale.action_orders', orders + ORDER_DOMAIN, False),
            'opportunities': ('crm.crm_lead_opportunities',
                              [('partner_id', 'child_of', entity),
                               ('type', '=', 'opportunity')], False),
        }
