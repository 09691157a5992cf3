# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Over RPC as the real users: the customer figures are for salespeople, of the customers
they may read; the figure service and the ``init`` hooks are the server's only."""
from odoo.exceptions import AccessError

from .card_rpc_common import QUOTATION_AMOUNT, CardRpcCase
from .rpc_case import RpcError


class TestSecurityFigures(CardRpcCase):

    def test_figure_service_not_callable(self):
        """The service computed anyone's figures for any caller: now it has no public
        method, and its private one cannot be called remotely."""
        for role in ('portal', 'employee', 'sales'):
            with self.assertRaises(RpcError):
                self.rpc(role, 'crm.customer.figures', 'compute', [self.ids['other']])
            self.assertRpcRefused(role, 'crm.customer.figures', '_compute_figures',
                                  [self.ids['other']], refusals=('odoo.exceptions.AccessError',))

    def test_init_superuser_only(self):
        """``init`` keeps its name for the server, which runs it as the superuser: the RPC
        layer refuses the name, and ``init`` itself refuses any other user's server code."""
        for role in ('portal', 'sales', 'manager'):
            for model in ('crm.customer.figures', 'res.partner', 'account.invoice'):
                self.assertRpcRefused(role, model, 'init', [],
                                      refusals=('odoo.exceptions.AccessError',))
        with self.server_env() as env:
            for model in ('crm.customer.figures', 'res.partner', 'account.invoice'):
                with self.assertRaises(AccessError) as caught:
                    env[model].sudo(self.ids['manager']).init()
                self.assertIn('Only the server itself', caught.exception.name)
            env['crm.customer.figures'].init()
            env['res.partner'].init()
            env['account.invoice'].init()

    def test_figure_fields_for_salespeople_only(self):
        """Portal users and employees without a sales right may not read the figures, even
        through ``export_data``, which skips ``read()``'s field checks."""
        for role, partner in (('portal', 'own_person'), ('employee', 'other')):
            self.assertRpcRefused(role, 'res.partner', 'read', [self.ids[partner]],
                                  ['quotation_amount'],
                                  refusals=('odoo.exceptions.AccessError',))
            described = self.rpc(role, 'res.partner', 'fields_get', [], ['string'])
            self.assertNotIn('receivable_amount', described)
            self.assertIn('registered_capital', described)
            exported = self.rpc(role, 'res.partner', 'export_data', [self.ids[partner]],
                                ['quotation_amount', 'quotation_count'], True)
            self.assertFalse(any(exported['datas'][0]), exported)
        values = self.rpc('sales', 'res.partner', 'read', [self.ids['other']],
                          ['quotation_amount', 'quotation_count'])[0]
        self.assertEqual((values['quotation_amount'], values['quotation_count']),
                         (QUOTATION_AMOUNT, 1))

    def test_figures_of_unreadable_company_not_shown_on_its_contact(self):
        """An own-customers-only salesperson reads a contact of a colleague's customer that
        is no customer itself, not its company: the contact shows none of its figures."""
        self.assertRpcRefused('own_only', 'res.partner', 'read', [self.ids['other']],
                              ['name'], refusals=('odoo.exceptions.AccessError',))
        values = self.rpc('own_only', 'res.partner', 'read', [self.ids['supplier']],
                          ['quotation_amount', 'quotation_count'])[0]
        self.assertEqual((values['quotation_amount'], values['quotation_count']), (0.0, 0))
        values = self.rpc('sales', 'res.partner', 'read', [self.ids['supplier']],
                          ['quotation_amount'])[0]
        self.assertEqual(values['quotation_amount'], QUOTATION_AMOUNT)

    def test_searches_on_figures(self):
        """Salespeople search the figures; the others may not, since a search on a figure
        tells its value, one comparison at a time."""
        domain = [('id', '=', self.ids['other']), ('quotation_amount', '>', 1000)]
        self.assertEqual(self.rpc('sales', 'res.partner', 'search', domain),
                         [self.ids['other']])
        self.assertEqual(self.rpc('own_only', 'res.partner', 'search', domain), [])
        for role in ('employee', 'portal'):
            error = self.assertRpcRefused(role, 'res.partner', 'search', domain,
                                          refusals=('odoo.exceptions.AccessError',))
            self.assertIn('Only salespeople', error.message)
            self.assertRpcRefused(role, 'res.partner', 'search',
                                  [('over_credit_limit', '=', True)],
                                  refusals=('odoo.exceptions.AccessError',))

    def test_views_load_without_figures(self):
        """The card, the search view and the list load for every role, with the figures only
        for salespeople, and no label or modifier naming a field the user did not get."""
        for role in ('portal', 'employee', 'sales', 'own_only', 'manager'):
            arch, fields = self.view_as(role, 'form', 'base.view_partner_form')
            self.assertViewConsistent(arch, fields)
            search, search_fields = self.view_as(role, 'search')
            salesperson = role in ('sales', 'own_only', 'manager')
            self.assertEqual('receivable_amount' in fields, salesperson, role)
            self.assertEqual(b'c360_overdue' in self._tostring(search), salesperson, role)
            self.assertTrue(arch.xpath("//div[contains(@class, 'o_c360_panel')]"), role)
        arch, fields = self.view_as('sales', 'tree', 'crm_customer360.res_partner_view_tree_figures')
        self.assertViewConsistent(arch, fields)

    @staticmethod
    def _tostring(arch):
        from lxml import etree
        return etree.tostring(arch)

    def test_action_open_figure(self):
        """The documents behind a figure: for salespeople, on a customer they may read."""
        context = {'lang': 'en_US', 'c360_figure': 'quotations'}
        for role, partner in (('portal', 'own_person'), ('employee', 'other')):
            self.assertRpcRefused(role, 'res.partner', 'action_open_figure',
                                  [self.ids[partner]], context=context,
                                  refusals=('odoo.exceptions.AccessError',))
        self.assertRpcRefused('own_only', 'res.partner', 'action_open_figure',
                              [self.ids['supplier']], context=context,
                              refusals=('odoo.exceptions.AccessError',))
        action = self.rpc('sales', 'res.partner', 'action_open_figure', [self.ids['other']],
                          context=context)
        self.assertEqual(action['res_model'], 'sale.order')
        self.assertIn(('partner_id', 'child_of', self.ids['other']),
                      [tuple(leaf) for leaf in action['domain']])
        self.assertRpcRefused('sales', 'res.partner', 'action_open_figure',
                              [self.ids['other']],
                              context=dict(context, c360_figure='receivable'),
                              refusals=('odoo.exceptions.AccessError',))
