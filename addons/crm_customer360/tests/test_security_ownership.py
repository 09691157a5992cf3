# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Owner, co-owners and pool state of a customer over RPC: only the intended paths change them.

A salesperson may write partners; these tests call ``res.partner.write`` and ``create`` over
HTTP as each role and check that the ownership fields change only as SECURITY.md says.
"""
from .ownership_rpc_case import OwnershipRpcCase
from .rpc_case import RpcError


class TestOwnershipGuard(OwnershipRpcCase):

    def read_own(self, *fields):
        """The values of RPC Own Co as the server has them."""
        with self.server_env() as env:
            partner = env['res.partner'].browse(self.ids['own'])
            return {field: partner[field] for field in fields}

    def test_salesperson_cannot_change_owners(self):
        """A salesperson's write of an owner is refused with a clear message, whatever the
        customer; a portal user gets an access error."""
        for role, customer, owner in (('sales', 'own', 'colleague'), ('colleague', 'own',
                                                                     'colleague'),
                                      ('sales_all', 'own', 'sales_all'),
                                      ('sales_contacts', 'other', 'sales_contacts')):
            error = self.assertRpcRefused(role, 'res.partner', 'write', [self.ids[customer]],
                                          {'user_id': self.ids[owner]})
            self.assertIn('Only a sales manager can change the salesperson of', error.message)
            self.assertIn('Change Owner', error.message)
        self.assertRpcRefused('portal', 'res.partner', 'write', [self.ids['own']],
                              {'user_id': self.ids['sales']})
        # releasing by hand is the owner's path, not a write of the owner
        self.assertRpcRefused('sales', 'res.partner', 'write', [self.ids['own']],
                              {'user_id': False})
        with self.assertRaises(RpcError):
            self.xmlrpc('sales', 'res.partner', 'write', [self.ids['own']],
                        {'user_id': self.ids['colleague']})
        with self.server_env() as env:
            own = env['res.partner'].browse(self.ids['own'])
            self.assertEqual(own.user_id.id, self.ids['sales'])
            self.assertEqual(own.child_ids.mapped('user_id').ids, [self.ids['sales']])
            self.assertEqual(len(own.ownership_history_ids), 1)  # the world's assignment

    def test_salesperson_cannot_add_a_co_owner(self):
        """Adding oneself as co-owner of a colleague's customer (to read its notes) or a
        colleague to one's own customer is refused."""
        error = self.assertRpcRefused('sales', 'res.partner', 'write', [self.ids['other']],
                                      {'co_owner_ids': [(4, self.ids['sales'])]})
        self.assertIn('Only a sales manager can change the co-owners of RPC Other Co',
                      error.message)
        self.assertRpcRefused('sales', 'res.partner', 'write', [self.ids['own']],
                              {'co_owner_ids': [(6, 0, [self.ids['colleague']])]})
        self.assertRpcRefused('own_only', 'res.partner', 'write', [self.ids['other_person']],
                              {'co_owner_ids': [(4, self.ids['own_only'])]})
        with self.server_env() as env:
            Partner = env['res.partner']
            self.assertFalse(Partner.browse([self.ids['own'], self.ids['other']]).mapped(
                'co_owner_ids'))

    def test_manager_changes_owner_and_co_owners_tracked(self):
        """A sales manager changes owner and co-owners on the form; both are written in the
        chatter, the contacts follow."""
        self.rpc('manager', 'res.partner', 'write', [self.ids['own']], {
            'user_id': self.ids['colleague'], 'co_owner_ids': [(6, 0, [self.ids['sales']])]})
        with self.server_env() as env:
            own = env['res.partner'].browse(self.ids['own'])
            self.assertEqual(own.user_id.id, self.ids['colleague'])
            self.assertEqual(own_person_values(env, self.ids['own_person']),
                             (self.ids['colleague'], [self.ids['sales']]))
            bodies = own.message_ids.mapped('body')
            self.assertTrue(any('Co-owners changed from nobody to RPC Sales' in body
                                for body in bodies), bodies)
            self.assertTrue(any('Owner changed from RPC Sales to RPC Colleague' in body
                                for body in bodies), bodies)
            self.assertEqual(own.ownership_history_ids[0].changed_by.id, self.ids['manager'])

    def test_history_names_the_real_author(self):
        """The context key that names the author of a change is the server's own: a manager
        cannot write history in someone else's name."""
        self.rpc('manager', 'res.partner', 'write', [self.ids['own']],
                 {'user_id': self.ids['colleague']},
                 context={'lang': 'en_US', 'c360_acting_user_id': self.ids['sales']})
        with self.server_env() as env:
            history = env['res.partner'].browse(self.ids['own']).ownership_history_ids[0]
            self.assertEqual(history.changed_by.id, self.ids['manager'])

    def test_owner_must_be_an_active_salesperson(self):
        """Not even a manager gives a customer to a portal user or an employee without sales
        rights."""
        for role in ('portal', 'employee'):
            error = self.assertRpcRefused('manager', 'res.partner', 'write', [self.ids['own']],
                                          {'user_id': self.ids[role]})
            self.assertIn('cannot own customers', error.message)
        self.assertEqual(self.read_own('user_id')['user_id'].id, self.ids['sales'])

    def test_pool_state_only_through_the_pool_paths(self):
        """Nobody puts a customer in or out of the pool, or edits its release, over write."""
        for role in ('sales', 'sales_all', 'sales_contacts', 'manager'):
            for vals in ({'in_pool': True}, {'pool_released_user_id': self.ids[role]},
                         {'pool_released_facts': '{}'}, {'pool_released_reason_text': 'x'},
                         {'pool_released_date': '2020-01-01 00:00:00'}):
                error = self.assertRpcRefused(role, 'res.partner', 'write', [self.ids['own']],
                                              vals)
                self.assertIn('enters and leaves the public pool only through Claim',
                              error.message)
        with self.server_env() as env:
            env.cr.execute("UPDATE res_partner SET in_pool = TRUE, user_id = NULL "
                           "WHERE id = %s", (self.ids['other'],))
        # out of the pool (and so past the claim limit) by a write: refused
        self.assertRpcRefused('sales', 'res.partner', 'write', [self.ids['other']],
                              {'in_pool': False, 'user_id': self.ids['sales']})
        self.assertFalse(self.read_own('in_pool')['in_pool'])
        with self.server_env() as env:
            self.assertTrue(env['res.partner'].browse(self.ids['other']).in_pool)
        self.assertRpcRefused('portal', 'res.partner', 'write', [self.ids['own']],
                              {'in_pool': True})

    def test_pool_lock_by_managers_tracked(self):
        """Only sales managers lock a customer to its owner; the change is tracked."""
        error = self.assertRpcRefused('sales', 'res.partner', 'write', [self.ids['own']],
                                      {'pool_locked': True})
        self.assertIn('Only a sales manager can lock RPC Own Co', error.message)
        self.rpc('manager', 'res.partner', 'write', [self.ids['own']], {'pool_locked': True})
        with self.server_env() as env:
            own = env['res.partner'].browse(self.ids['own'])
            self.assertTrue(own.pool_locked)
            tracked = own.message_ids.mapped('tracking_value_ids').filtered(
                lambda value: value.field == 'pool_locked')
            self.assertEqual(len(tracked), 1)

    def test_salesperson_creates_customers_for_themselves_only(self):
        """A salesperson creates customers owned by themselves or nobody; for someone else,
        with co-owners, locked or in the pool: refused."""
        mine = self.rpc('sales', 'res.partner', 'create', {
            'name': 'RPC Mine', 'is_company': True, 'customer': True,
            'user_id': self.ids['sales']})
        nobody = self.rpc('sales', 'res.partner', 'create', {
            'name': 'RPC Nobody', 'is_company': True, 'customer': True})
        refused = [({'user_id': self.ids['colleague']}, 'Only a sales manager can create'),
                   ({'co_owner_ids': [(6, 0, [self.ids['sales']])]}, 'co-owners'),
                   ({'pool_locked': True}, 'lock'),
                   ({'in_pool': True}, 'public pool only through Claim')]
        for vals, message in refused:
            values = dict({'name': 'RPC Refused', 'is_company': True, 'customer': True}, **vals)
            error = self.assertRpcRefused('sales', 'res.partner', 'create', values)
            self.assertIn(message, error.message)
        self.assertRpcRefused('portal', 'res.partner', 'create', {'name': 'RPC Portal Co'})
        with self.server_env() as env:
            Partner = env['res.partner']
            self.assertEqual(Partner.browse(mine).user_id.id, self.ids['sales'])
            self.assertFalse(Partner.browse(nobody).user_id)
            self.assertFalse(Partner.search([('name', '=', 'RPC Refused')]))
        # a manager creates for anyone
        self.rpc('manager', 'res.partner', 'create', {
            'name': 'RPC Given', 'is_company': True, 'customer': True,
            'user_id': self.ids['colleague'], 'co_owner_ids': [(6, 0, [self.ids['sales']])]})

    def test_contacts_follow_their_company(self):
        """A salesperson adds a contact to a colleague's customer (the contact takes the
        company's owner, as the host syncs it) and edits commercial fields of their own
        customer; a contact's owner cannot differ from its company's."""
        person = self.rpc('sales', 'res.partner', 'create', {
            'name': 'RPC New Person', 'parent_id': self.ids['other'],
            'user_id': self.ids['sales']})
        self.rpc('sales', 'res.partner', 'write', [self.ids['own']], {'vat': 'RPC-VAT-1'})
        error = self.assertRpcRefused('sales', 'res.partner', 'write', [person],
                                      {'user_id': self.ids['sales']})
        self.assertIn('follow its company RPC Other Co', error.message)
        self.assertRpcRefused('manager', 'res.partner', 'write', [person],
                              {'user_id': self.ids['sales']})
        # moving a person to another company: the owner follows the new company
        self.rpc('sales', 'res.partner', 'write', [person], {'parent_id': self.ids['own']})
        with self.server_env() as env:
            self.assertEqual(own_person_values(env, person), (self.ids['sales'], []))
            self.assertEqual(own_person_values(env, self.ids['own_person']),
                             (self.ids['sales'], []))


def own_person_values(env, person_id):
    """``(owner id, co-owner ids)`` of a partner."""
    person = env['res.partner'].browse(person_id)
    return person.user_id.id, person.co_owner_ids.ids


class TestOwnerChangeSecurity(OwnershipRpcCase):
    """The Change Owner dialog over RPC: any user may create the transient dialog, only a
    sales manager applies it, and only to an active internal salesperson."""

    def open_dialog(self, role, user_key, customers=('own',)):
        return self.rpc(role, 'crm.customer.owner.change', 'create', {
            'partner_ids': [(6, 0, [self.ids[key] for key in customers])],
            'user_id': self.ids[user_key], 'reason': 'Rebalancing'})

    def test_only_managers_apply(self):
        for role in ('portal', 'sales', 'sales_all'):
            dialog = self.open_dialog(role, role)
            error = self.assertRpcRefused(role, 'crm.customer.owner.change', 'action_apply',
                                          [dialog], refusals=('odoo.exceptions.AccessError',))
            self.assertIn('Only sales managers change the owner of customers', error.message)
        with self.server_env() as env:
            self.assertEqual(env['res.partner'].browse(self.ids['own']).user_id.id,
                             self.ids['sales'])
        # a pool customer leaves the pool with its release record
        with self.server_env() as env:
            env['res.partner']._pool_release(
                {self.ids['other']: {'basis_kind': 'contact', 'basis_day': '2026-01-01'}})
        dialog = self.open_dialog('manager', 'sales_all', ('own', 'other'))
        self.rpc('manager', 'crm.customer.owner.change', 'action_apply', [dialog])
        with self.server_env() as env:
            for key in ('own', 'other'):
                customer = env['res.partner'].browse(self.ids[key])
                self.assertEqual((customer.user_id.id, customer.in_pool,
                                  customer.pool_released_user_id.id),
                                 (self.ids['sales_all'], False, False))
                self.assertEqual(customer.ownership_history_ids[0].changed_by.id,
                                 self.ids['manager'])

    def test_new_owner_is_an_active_salesperson(self):
        for role in ('portal', 'employee'):
            dialog = self.open_dialog('manager', role)
            error = self.assertRpcRefused('manager', 'crm.customer.owner.change',
                                          'action_apply', [dialog])
            self.assertIn('cannot own customers', error.message)
        with self.server_env() as env:
            env['res.users'].browse(self.ids['sales_all']).active = False
        dialog = self.open_dialog('manager', 'sales_all')
        self.assertRpcRefused('manager', 'crm.customer.owner.change', 'action_apply', [dialog])
        with self.server_env() as env:
            self.assertEqual(env['res.partner'].browse(self.ids['own']).user_id.id,
                             self.ids['sales'])
