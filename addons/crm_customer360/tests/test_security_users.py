# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Users who own customers over RPC: not archived, deleted or stripped of their sales rights
until their customers are handed over, whatever the path."""
from .ownership_rpc_case import OwnershipRpcCase
from .rpc_case import REFUSALS, ROLES

HANDOVER_FIRST = 'still own customers'
# The refusal that offers to open a handover (a UserError the web client shows with a button).
HANDOVER_REQUIRED = REFUSALS + ('odoo.addons.crm_customer360.exceptions.HandoverRequired',)


class TestOwnerUsers(OwnershipRpcCase):

    roles = dict(ROLES, user_admin=('rpc.user.admin', ['base.group_user',
                                                       'base.group_erp_manager']))

    def owner_state(self):
        """``(active, is a salesperson, owns RPC Own Co)`` of the salesperson."""
        with self.server_env() as env:
            user = env['res.users'].with_context(active_test=False).browse(self.ids['sales'])
            return (user.active, user.has_group('sales_team.group_sale_salesman'),
                    env['res.partner'].browse(self.ids['own']).user_id == user)

    def test_write_rights(self):
        """Portal users and salespeople archive nobody (the host's rules); a user
        administrator archives users, but not one who owns customers."""
        for role, target in (('portal', 'portal'), ('sales', 'sales'), ('sales', 'colleague'),
                             ('colleague', 'sales')):
            self.assertRpcRefused(role, 'res.users', 'write', [self.ids[target]],
                                  {'active': False})
        error = self.assertRpcRefused('user_admin', 'res.users', 'write', [self.ids['sales']],
                                      {'active': False}, refusals=HANDOVER_REQUIRED)
        self.assertIn(HANDOVER_FIRST, error.message)
        self.assertEqual(self.owner_state(), (True, True, True))
        self.rpc('user_admin', 'res.users', 'write', [self.ids['sales_all']], {'active': False})

    def test_sales_rights_kept_while_owning(self):
        """Taking an owner's sales rights (through the groups or the user form's Sales
        selection) is refused until a handover."""
        with self.server_env() as env:
            salesman = env.ref('sales_team.group_sale_salesman')
            # the Sales selection of the user form (no sales rights: False)
            sales_rights = next(name for name in env['res.users'].fields_get()
                                if name.startswith('sel_groups_')
                                and str(salesman.id) in name.split('_'))
        for vals in ({'groups_id': [(3, salesman.id)]}, {sales_rights: False}):
            error = self.assertRpcRefused('user_admin', 'res.users', 'write',
                                          [self.ids['sales']], vals, refusals=HANDOVER_REQUIRED)
            self.assertIn(HANDOVER_FIRST, error.message)
        self.assertEqual(self.owner_state(), (True, True, True))
        # a user without customers changes freely
        self.rpc('user_admin', 'res.users', 'write', [self.ids['sales_all']],
                 {'groups_id': [(3, salesman.id)]})

    def test_unlink_refused_while_owning(self):
        """Deleting an owner would leave their customers without owner and blank their
        history: refused; portal users and salespeople delete no user at all."""
        for role in ('portal', 'sales', 'colleague'):
            self.assertRpcRefused(role, 'res.users', 'unlink', [self.ids['sales']],
                                  refusals=('odoo.exceptions.AccessError',))
        error = self.assertRpcRefused('user_admin', 'res.users', 'unlink', [self.ids['sales']],
                                      refusals=HANDOVER_REQUIRED)
        self.assertIn(HANDOVER_FIRST, error.message)
        self.assertEqual(self.owner_state(), (True, True, True))
