# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The world of the customer card's RPC security tests: `rpc_case`'s users and customers, a
system administrator, a quotation of RPC Other Co and a contact of it that is no customer."""
import ast
import json

from lxml import etree

from .rpc_case import ROLES, RpcCase

QUOTATION_AMOUNT = 1234.0


class CardRpcCase(RpcCase):
    """RpcCase with ``system`` (Settings, a sales manager too) and figures on RPC Other Co:
    a quotation of ``QUOTATION_AMOUNT`` (``self.ids['quotation']``). ``self.ids['supplier']``
    is a contact of RPC Other Co that is not a customer, which own-customers-only salespeople
    read although they may not read its company."""

    roles = dict(ROLES, system=('rpc.system', ['base.group_system',
                                               'sales_team.group_sale_manager']))

    def _build_world(self, env):
        w = super()._build_world(env)
        product = env['product.product'].create({
            'name': 'RPC Service', 'type': 'service', 'list_price': QUOTATION_AMOUNT,
            'taxes_id': [(6, 0, [])]})
        pricelist = env['product.pricelist'].create({
            'name': 'RPC pricelist', 'currency_id': env.user.company_id.currency_id.id})
        w.quotation = env['sale.order'].create({
            'partner_id': w.other.id, 'pricelist_id': pricelist.id, 'user_id': w.colleague.id,
            'order_line': [(0, 0, {'product_id': product.id, 'product_uom_qty': 1,
                                   'price_unit': QUOTATION_AMOUNT, 'tax_id': [(6, 0, [])]})]})
        w.product = product
        w.supplier = env['res.partner'].create({
            'name': 'Sam Supplier', 'parent_id': w.other.id, 'customer': False,
            'supplier': True})
        return w

    # ------------------------------------------------------------------
    # Views
    # ------------------------------------------------------------------
    def view_as(self, role, view_type, view_xmlid=None):
        """``fields_view_get`` of ``res.partner`` as ``role``: (arch element, field names)."""
        view_id = False
        if view_xmlid:
            with self.server_env() as env:
                view_id = env.ref(view_xmlid).id
        result = self.rpc(role, 'res.partner', 'fields_view_get', view_id, view_type)
        return etree.fromstring(result['arch'].encode()), set(result['fields'])

    def assertViewConsistent(self, arch, fields):
        """Every field, label and modifier of ``arch`` names a field the view returned (or
        ``id``, which the web client always has): it fails on a form whose label or
        ``attrs`` names a field it did not get."""
        fields = set(fields) | {'id'}
        for node in arch.iter('field'):
            self.assertIn(node.get('name'), fields)
        for node in arch.iter('label'):
            if node.get('for'):
                self.assertIn(node.get('for'), fields, etree.tostring(node))
        for node in arch.iter():
            modifiers = json.loads(node.get('modifiers') or '{}')
            for value in modifiers.values():
                for name in self._domain_fields(value):
                    self.assertIn(name, fields, etree.tostring(node)[:300])
            if node.get('attrs'):
                for value in ast.literal_eval(node.get('attrs')).values():
                    for name in self._domain_fields(value):
                        self.assertIn(name, fields, etree.tostring(node)[:300])

    @staticmethod
    def _domain_fields(domain):
        """Field names of the leaves of a domain (or nothing for a boolean)."""
        if not isinstance(domain, (list, tuple)):
            return []
        return [leaf[0] for leaf in domain
                if isinstance(leaf, (list, tuple)) and len(leaf) == 3 and
                isinstance(leaf[0], str)]
