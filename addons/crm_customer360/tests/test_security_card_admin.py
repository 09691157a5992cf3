# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Over RPC as the real users: merging customers keeps the host's journal items check, the
settings are the administrators', the demo loader is nobody's."""
import json

from odoo.exceptions import AccessError

from .card_rpc_common import CardRpcCase
from .rpc_case import RpcError

REFUSED = ('odoo.exceptions.AccessError',)
INVALID = ('odoo.exceptions.ValidationError',)
WIZARD = 'base.partner.merge.automatic.wizard'
POSTPONED_PARAM = 'crm_customer360.demo_postponed_documents'


class TestSecurityCardAdmin(CardRpcCase):

    def _build_world(self, env):
        w = super()._build_world(env)
        Partner = env['res.partner']
        w.twin = Partner.create({'name': 'RPC Own Company', 'is_company': True,
                                 'email': 'info@rpc-own.example.com'})
        w.booked = Partner.create({'name': 'RPC Own Co Ltd', 'is_company': True,
                                   'email': 'info@rpc-own.example.com'})
        company = env.user.company_id
        journal = env['account.journal'].search(
            [('type', '=', 'general'), ('company_id', '=', company.id)], limit=1)
        accounts = env['account.account'].search(
            [('company_id', '=', company.id), ('deprecated', '=', False)], limit=2)
        env['account.move'].create({'journal_id': journal.id, 'line_ids': [
            (0, 0, {'name': 'RPC', 'account_id': accounts[0].id, 'debit': 10.0,
                    'partner_id': w.booked.id}),
            (0, 0, {'name': 'RPC', 'account_id': accounts[1].id, 'credit': 10.0,
                    'partner_id': w.booked.id})]})
        w.merge_log = env['crm.customer.merge.log'].create({
            'partner_id': w.own.id, 'user_id': w.manager.id, 'merged_partners': 'RPC Gone'})
        return w

    def merge(self, role, *partners):
        """Merge ``partners`` (keys of ``self.ids``) into the first, as ``role``."""
        ids = [self.ids[name] for name in partners]
        wizard = self.rpc(role, WIZARD, 'create', {
            'partner_ids': [(6, 0, ids)], 'dst_partner_id': ids[0], 'state': 'selection'})
        return self.rpc(role, WIZARD, 'action_merge', [wizard])

    def exists(self, name):
        with self.server_env() as env:
            return bool(env['res.partner'].browse(self.ids[name]).exists())

    def test_merge_keeps_journal_items_check(self):
        """A sales manager merged away a partner with journal items (the host lets only the
        administrator do so); the other merges of sales managers still work."""
        for role in ('manager', 'sales'):
            with self.assertRaises(RpcError) as caught:
                self.merge(role, 'own', 'booked')
            self.assertEqual(caught.exception.name, 'odoo.exceptions.UserError')
            self.assertIn('Only the destination contact may be linked to existing Journal '
                          'Items', caught.exception.message)
            self.assertTrue(self.exists('booked'), role)
        # The wizard of a portal user sees none of the partners: it merges nothing.
        self.merge('portal', 'own', 'booked')
        self.assertTrue(self.exists('own') and self.exists('booked'))
        # The partner with journal items survives: more than three, other e-mails, one log.
        self.merge('manager', 'booked', 'own', 'twin', 'other')
        self.assertFalse(self.exists('own') or self.exists('twin') or self.exists('other'))
        with self.server_env() as env:
            log = env['res.partner'].browse(self.ids['booked']).merge_log_ids[0]
            for name in ('own', 'twin', 'other'):
                self.assertIn('(ID %d)' % self.ids[name], log.merged_partners)

    def test_merge_preview_for_those_who_merge(self):
        """The preview counts every partner's documents: not for users who may not merge."""
        ids = [self.ids['own'], self.ids['other']]
        previews = {}
        for role in ('employee', 'sales', 'manager'):
            wizard = self.rpc(role, WIZARD, 'create', {'partner_ids': [(6, 0, ids)],
                                                       'state': 'selection'})
            previews[role] = self.rpc(role, WIZARD, 'read', [wizard],
                                      ['merge_preview_html'])[0]['merge_preview_html']
        self.assertFalse(previews['employee'])
        self.assertFalse(previews['sales'])
        self.assertIn('Sales orders', previews['manager'])

    def test_merge_log_name_get(self):
        """The merge log's name, through the access rules: no access for portal users."""
        log = [self.ids['merge_log']]
        self.assertRpcRefused('portal', 'crm.customer.merge.log', 'name_get', log,
                              refusals=REFUSED)
        self.assertRpcRefused('employee', 'crm.customer.merge.log', 'name_get', log,
                              refusals=REFUSED)
        name = self.rpc('sales', 'crm.customer.merge.log', 'name_get', log)[0][1]
        self.assertIn('Merge into RPC Own Co', name)

    def param(self, key):
        """A setting of the administrator's current company."""
        with self.server_env() as env:
            return env.ref('base.user_root').company_id[key]

    def test_settings_for_administrators(self):
        """Any salesperson changed the duplicate and pool settings (written as superuser)
        through the public set_values; now only administrators read or write them."""
        before = self.param('dup_threshold')
        for role in ('portal', 'sales', 'manager'):
            self.assertRpcRefused(role, 'res.config.settings', 'create', {'dup_threshold': 5},
                                  refusals=REFUSED)
            self.assertRpcRefused(role, 'res.config.settings', 'set_values', [],
                                  refusals=REFUSED)
            error = self.assertRpcRefused(role, 'res.config.settings', 'get_values',
                                          refusals=REFUSED)
            self.assertIn('Only administrators', error.message)
        self.assertEqual(self.param('dup_threshold'), before)
        values = self.rpc('system', 'res.config.settings', 'get_values')
        self.assertIn('mnemonic_rule', values)
        wizard = self.rpc('system', 'res.config.settings', 'create', {
            'dup_threshold': 55, 'pool_release_days': 60})
        # The settings' Save button: the host's execute, which calls set_values.
        self.rpc('system', 'res.config.settings', 'execute', [wizard])
        self.assertEqual(self.param('dup_threshold'), 55)
        self.assertEqual(self.param('pool_release_days'), 60)

    def test_company_settings_for_administrators(self):
        """The pool rules and the duplicate check's strictness are fields of the company:
        only the host's administrators (Access Rights) may write a company."""
        with self.server_env() as env:
            company_id = env.ref('base.user_root').company_id.id
        before = (self.param('pool_enabled'), self.param('max_customers_per_user'),
                  self.param('dup_threshold'))
        for role in ('portal', 'sales', 'manager'):
            self.assertRpcRefused(role, 'res.company', 'write', [company_id], {
                'pool_enabled': not before[0], 'max_customers_per_user': 1,
                'dup_threshold': 5}, refusals=REFUSED)
        self.assertEqual((self.param('pool_enabled'), self.param('max_customers_per_user'),
                          self.param('dup_threshold')), before)
        self.rpc('system', 'res.company', 'write', [company_id], {'dup_threshold': 56})
        self.assertEqual(self.param('dup_threshold'), 56)

    def test_settings_bounds(self):
        """A release after two billion days broke every date computed from it."""
        for vals in ({'pool_release_days': 2 * 10 ** 9}, {'pool_reclaim_block_days': -1},
                     {'max_customers_per_user': 10 ** 9}, {'dup_threshold': 0}):
            self.assertRpcRefused('system', 'res.config.settings', 'create', vals,
                                  refusals=INVALID)

    def test_demo_loader_not_callable(self):
        """The demo loader created orders and documents for any caller."""
        for role in ('portal', 'sales'):
            for method, args in (('set_china_states', [{self.ids['own']: 'BJ'}]),
                                 ('ensure_languages', [['en_US']]),
                                 ('create_postponed_documents', [])):
                with self.assertRaises(RpcError):
                    self.rpc(role, 'crm.customer360.demo', method, *args)
                self.assertRpcRefused(role, 'crm.customer360.demo', '_' + method, *args,
                                      refusals=REFUSED)
        with self.server_env() as env:
            self.assertFalse(env['res.partner'].browse(self.ids['own']).state_id)
            loader = env['crm.customer360.demo'].sudo(self.ids['manager'])
            for method, args in (('_set_china_states', [{self.ids['own']: 'BJ'}]),
                                 ('_create_postponed_documents', [])):
                with self.assertRaises(AccessError) as caught:
                    getattr(loader, method)(*args)
                self.assertIn('Only the server itself', caught.exception.name)

    def test_chart_wizard_replays_nothing(self):
        """The chart of accounts wizard's execute replays the postponed demo documents (a
        system parameter) on the superuser's run only (the install); the host refuses the
        wizard to everyone but administrators."""
        spec = {'partner': self.ids['own'], 'days_ago': 1, 'state': 'draft',
                'lines': [[self.ids['product'], 1]]}
        postponed = json.dumps([['_create_order', 'rpc_replayed', spec],
                                ['create_order', 'rpc_replayed_old', spec]])
        with self.server_env() as env:
            env['ir.config_parameter'].set_param(POSTPONED_PARAM, postponed)
            template = env['account.chart.template'].search([], limit=1)
            currency = env.user.company_id.currency_id
        for role in ('portal', 'sales'):
            try:
                wizard = self.rpc(role, 'wizard.multi.charts.accounts', 'create', {
                    'chart_template_id': template.id, 'currency_id': currency.id,
                    'code_digits': 6, 'transfer_account_id': False})
                self.rpc(role, 'wizard.multi.charts.accounts', 'execute', [wizard])
            except RpcError:
                pass  # refused by the host: nothing replayed either
        with self.server_env() as env:
            self.assertEqual(env['ir.config_parameter'].get_param(POSTPONED_PARAM), postponed)
            self.assertFalse(env.ref('crm_customer360.rpc_replayed', raise_if_not_found=False))
