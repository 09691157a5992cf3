# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""name_search by mnemonic and code over JSON-RPC, as real users: nobody finds a partner the
host's own search would not show them. The names' mnemonics (QZX) are no demo partner's."""
from .rpc_case import RpcCase, RpcError

PARTNER = 'res.partner'


class TestSecurityNameSearch(RpcCase):

    def _build_world(self, env):
        world = super()._build_world(env)
        Partner = env['res.partner']
        world.xbd_own = Partner.create({
            'name': '深圳市青之峡软件开发有限公司', 'is_company': True, 'customer': True,
            'user_id': world.own_only.id})
        world.xbd_other = Partner.create({
            'name': '杭州奇珍轩贸易有限公司', 'is_company': True, 'customer': True,
            'user_id': world.colleague.id})
        return world

    def found(self, rows):
        return {row[0] for row in rows}

    def visible(self, role, ids):
        return set(self.rpc(role, PARTNER, 'search', [('id', 'in', ids)]))

    def test_mnemonic_within_the_user_rules(self):
        both = [self.ids['xbd_own'], self.ids['xbd_other']]
        # Own customers only: the mnemonic finds hers, not the colleague's.
        self.assertEqual(self.found(self.rpc('own_only', PARTNER, 'name_search', 'qzx')),
                         {self.ids['xbd_own']})
        self.assertEqual(self.visible('own_only', both), {self.ids['xbd_own']})
        # A salesperson of the host sees every partner, and finds both.
        self.assertEqual(self.found(self.rpc('sales', PARTNER, 'name_search', 'QZX')),
                         set(both))
        # Whatever the role, no more than the host's search shows.
        for role in ('employee', 'sales', 'colleague', 'own_only', 'portal'):
            found = self.found(self.rpc(role, PARTNER, 'name_search', 'qzx'))
            self.assertLessEqual(found, self.visible(role, both), role)

    def test_code_and_pinyin(self):
        with self.server_env() as env:
            code = env['res.partner'].browse(self.ids['xbd_own']).customer_code
        self.assertTrue(code)
        self.assertEqual(self.found(self.rpc('own_only', PARTNER, 'name_search', code.lower())),
                         {self.ids['xbd_own']})
        self.assertEqual(self.found(self.rpc('own_only', PARTNER, 'name_search', 'qingzhixia')),
                         {self.ids['xbd_own']})
        # The other owner's salesperson (the host shows every partner to salespeople).
        self.assertEqual(self.found(self.rpc('colleague', PARTNER, 'name_search', 'qingzhixia')),
                         {self.ids['xbd_own']})
        # The portal user finds none of them by code.
        self.assertEqual(self.found(self.rpc('portal', PARTNER, 'name_search', code.lower())),
                         set())

    def test_default_country_of_a_new_customer(self):
        """default_get proposes the user's company's country to a new customer, whoever
        asks: a default value, nothing read that the user could not see."""
        with self.server_env() as env:
            country = env['res.users'].browse(self.ids['sales']).company_id.country_id
            if not country:
                country = env.ref('base.cn')
                env['res.users'].browse(self.ids['sales']).company_id.country_id = country
            country_id = country.id
        context = {'lang': 'en_US', 'default_customer': True}
        for role in ('sales', 'portal'):
            values = self.rpc(role, PARTNER, 'default_get', ['country_id'], context=context)
            self.assertEqual(values.get('country_id'), country_id, role)
        # Not for a contact of a company, nor without a customer form.
        values = self.rpc('sales', PARTNER, 'default_get', ['country_id'], context=dict(
            context, default_parent_id=self.ids['own']))
        self.assertFalse(values.get('country_id'))

    def host_names(self, role, model, ids):
        """The names the host's own ``read`` of ``display_name`` gives ``role``, or None when
        it refuses them."""
        try:
            rows = self.rpc(role, model, 'read', ids, ['display_name'])
        except RpcError:
            return None
        return [[row['id'], row['display_name']] for row in rows]

    def test_name_get_of_partners_and_users(self):
        """``name_get`` of partners and users (read without the prefetch of every column,
        models/name_prefetch.py) answers the names of what the caller may read, and refuses
        the rest, as the host's ``read`` does."""
        own, other = self.ids['xbd_own'], self.ids['xbd_other']
        self.assertEqual(self.rpc('own_only', PARTNER, 'name_get', [own]),
                         [[own, '深圳市青之峡软件开发有限公司']])
        self.assertRpcRefused('own_only', PARTNER, 'name_get', [other])
        self.assertEqual(self.rpc('sales', PARTNER, 'name_get', [own, other]),
                         [[own, '深圳市青之峡软件开发有限公司'], [other, '杭州奇珍轩贸易有限公司']])
        calls = [(PARTNER, [self.ids['own']]), (PARTNER, [own]),
                 ('res.users', [self.ids['colleague']])]
        for role in ('portal', 'employee', 'sales', 'own_only'):
            for model, ids in calls:
                expected = self.host_names(role, model, ids)
                if expected is None:
                    self.assertRpcRefused(role, model, 'name_get', ids)
                else:
                    self.assertEqual(self.rpc(role, model, 'name_get', ids), expected,
                                     (role, model))
