# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Over RPC as the real users: the duplicate check serves employees, takeover requests
salespeople; no identity value costs more than a normal check."""
from .card_rpc_common import CardRpcCase

REFUSED = ('odoo.exceptions.AccessError',)
INVALID = ('odoo.exceptions.ValidationError',)


class TestSecurityDuplicates(CardRpcCase):

    def test_find_duplicates_for_employees_only(self):
        """Portal users got other customers' names and owners; employees check partners."""
        vals = {'name': 'RPC Other Company', 'is_company': True}
        error = self.assertRpcRefused('portal', 'res.partner', 'find_duplicates', vals,
                                      refusals=REFUSED)
        self.assertIn('portal', error.message)
        for role in ('employee', 'sales', 'own_only'):
            found = self.rpc(role, 'res.partner', 'find_duplicates', vals)
            self.assertIn(self.ids['other'], [dup['id'] for dup in found], role)
        found = self.xmlrpc('colleague', 'res.partner', 'find_duplicates', vals, 5)
        self.assertEqual(found[0]['owner'], 'RPC Colleague')

    def test_find_duplicates_input_checked(self):
        """Only what the form sends: a dict of texts of sane lengths and ids, 1 to 100
        results; the values of a record the caller may read."""
        for args in ([['RPC Other Co']], ['RPC Other Co'], [{'name': ['RPC']}],
                     [{'name': 'RPC', 'password': 'x'}], [{'country_id': 'cn'}],
                     [{'id': 10 ** 12}], [{'parent_id': True}], [{'name': 'x' * 257}],
                     [{'name': 'RPC'}, 0], [{'name': 'RPC'}, 10 ** 6], [{'name': 'RPC'}, 'all'],
                     [{'name': 'RPC'}, True]):
            self.assertRpcRefused('sales', 'res.partner', 'find_duplicates', *args,
                                  refusals=INVALID)
        error = self.assertRpcRefused('sales', 'res.partner', 'find_duplicates',
                                      {'name': '北京' * 100000}, refusals=INVALID)
        self.assertIn('200000 characters, at most 256', error.message)
        self.assertRpcRefused('own_only', 'res.partner', 'find_duplicates',
                              {'id': self.ids['other'], 'name': 'RPC Own Co'},
                              refusals=REFUSED)
        found = self.rpc('sales', 'res.partner', 'find_duplicates',
                         {'id': self.ids['own'], 'name': 'RPC Other Co', 'parent_id': False},
                         3)
        self.assertNotIn(self.ids['own'], [dup['id'] for dup in found])

    def test_duplicate_fields_hidden_from_portal(self):
        """The form's alert names other customers: portal users get neither the fields nor
        their values, even through ``export_data``."""
        partner = [self.ids['own_person']]
        self.assertRpcRefused('portal', 'res.partner', 'read', partner, ['dup_warning_html'],
                              refusals=REFUSED)
        self.assertNotIn('has_duplicates',
                         self.rpc('portal', 'res.partner', 'fields_get', [], ['string']))
        exported = self.rpc('portal', 'res.partner', 'export_data', partner,
                            ['dup_warning_html', 'duplicate_count'], True)
        self.assertFalse(any(exported['datas'][0]), exported)
        self.assertRpcRefused('portal', 'res.partner', 'search',
                              [('has_duplicates', '=', True)], refusals=REFUSED)

    def test_action_open_duplicates(self):
        """The smart button's list, for employees."""
        self.assertRpcRefused('portal', 'res.partner', 'action_open_duplicates',
                              [self.ids['own_person']], refusals=REFUSED)
        action = self.rpc('sales', 'res.partner', 'action_open_duplicates', [self.ids['own']])
        self.assertEqual(action['res_model'], 'res.partner')

    def takeover_activities(self):
        with self.server_env() as env:
            return env['mail.activity'].search_count([
                ('res_model', '=', 'res.partner'), ('res_id', '=', self.ids['other'])])

    def test_request_takeover_for_salespeople(self):
        """Portal users and employees asked for any customer, in its owner's to-dos."""
        for role in ('portal', 'employee'):
            error = self.assertRpcRefused(role, 'res.partner', 'request_takeover',
                                          self.ids['other'], refusals=REFUSED)
            self.assertIn('Only salespeople', error.message)
        self.assertEqual(self.takeover_activities(), 0)
        for value in ('1', [self.ids['other']], True, None):
            self.assertRpcRefused('sales', 'res.partner', 'request_takeover', value,
                                  refusals=INVALID)
        self.assertTrue(self.rpc('sales', 'res.partner', 'request_takeover', self.ids['other']))
        self.assertEqual(self.takeover_activities(), 1)

    def test_action_request_takeover(self):
        """The button of the duplicates list: the same rule."""
        self.assertRpcRefused('portal', 'res.partner', 'action_request_takeover',
                              [self.ids['other']], refusals=REFUSED)
        self.assertTrue(self.rpc('sales_all', 'res.partner', 'action_request_takeover',
                                 [self.ids['other']]))
        self.assertEqual(self.takeover_activities(), 1)

    def test_identity_lengths_capped(self):
        """A partner's name, tax number, phones, e-mail and website have sane lengths, and
        the registered capital and business scope sane bounds, whoever writes them."""
        own = [self.ids['own']]
        for vals in ({'name': '北京' * 100000}, {'name': 'x' * 257}, {'vat': '1' * 65},
                     {'phone': '1' * 65}, {'mobile': '1' * 65},
                     {'email': 'a' * 320 + '@x.cn'}, {'website': 'x.cn/' + 'a' * 1024},
                     {'registered_capital': -1.0}, {'registered_capital': 1e15},
                     {'business_scope': '经营' * 5001}):
            error = self.assertRpcRefused('sales_contacts', 'res.partner', 'write', own, vals,
                                          refusals=INVALID)
            self.assertTrue('too long' in error.message or 'between' in error.message or
                            'at most' in error.message, error.message)
        self.assertRpcRefused('sales_contacts', 'res.partner', 'create',
                              {'name': 'y' * 2000000}, refusals=INVALID)
        self.assertTrue(self.rpc('sales_contacts', 'res.partner', 'write', own, {
            'name': 'RPC Own Co ' + 'x' * 245, 'registered_capital': 5e7,
            'business_scope': '软件开发' * 100}))

    def test_portal_account_form_refuses_long_name(self):
        """A portal user writes their own name through /my/account: a long one is refused on
        the form, and the partner keeps its name."""
        with self.server_env() as env:
            name = env['res.partner'].browse(self.ids['own_person']).name
        self.authenticate(self.logins['portal'], self.logins['portal'])
        token = self.csrf_token('/my/account')
        response = self.url_open('/my/account', data={
            'csrf_token': token, 'name': '北京' * 100000, 'phone': '123456',
            'email': 'rita@rpc-own.example.com', 'street': 'Road 1', 'city': 'Shenzhen',
            'country_id': '1', 'zipcode': '518000'})
        self.assertEqual(response.status_code, 200)
        self.assertIn('at most 256 are allowed', response.text)
        with self.server_env() as env:
            self.assertEqual(env['res.partner'].browse(self.ids['own_person']).name, name)
