# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Deleting a customer never loses its history: a clear refusal instead (archive it), and the
host's partner merge, which moves the history first, keeps working."""
from .ownership_rpc_case import OwnershipRpcCase

# (table, column) of the history that refers to its customer
HISTORY_KEYS = [('crm_customer_interaction', 'partner_id'),
                ('crm_customer_ownership_history', 'partner_id'),
                ('crm_customer_merge_log', 'partner_id')]


class TestDeleteCustomer(OwnershipRpcCase):

    def _build_world(self, env):
        world = super()._build_world(env)
        Partner = env['res.partner']
        # the same e-mail as RPC Own Co, which it is merged into
        world.logged = Partner.create({'name': 'RPC Logged Co', 'is_company': True,
                                       'customer': True, 'email': world.own.email})
        env['crm.customer.interaction'].create({
            'partner_id': world.logged.id, 'user_id': world.sales.id, 'summary': 'Visit'})
        world.blank = Partner.create({'name': 'RPC Blank Co', 'is_company': True,
                                      'customer': True})
        return world

    def test_history_refers_with_restrict(self):
        """The database itself refuses to delete a customer that history refers to."""
        with self.server_env() as env:
            for table, column in HISTORY_KEYS:
                env.cr.execute("""
                    SELECT con.confdeltype FROM pg_constraint con
                      JOIN pg_class c ON c.oid = con.conrelid
                      JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = con.conkey[1]
                     WHERE con.contype = 'f' AND c.relname = %s AND a.attname = %s""",
                           (table, column))
                self.assertEqual(env.cr.fetchall(), [('r',)], table)

    def test_delete_with_history_refused_clearly(self):
        """A salesperson with the Contact Creation right deletes a customer with contact
        records: refused with a message naming them and saying to archive; nothing is lost."""
        error = self.assertRpcRefused('sales_contacts', 'res.partner', 'unlink',
                                      [self.ids['logged']],
                                      refusals=('odoo.exceptions.UserError',))
        self.assertEqual(error.message.strip(), (
            'RPC Logged Co cannot be deleted: records of "Customer Contact Record" refer to '
            'it and would be lost. Archive it instead (Action > Archive): an archived partner '
            'keeps its history and can be restored.'))
        # the ownership history of RPC Own Co (given to its salesperson)
        error = self.assertRpcRefused('manager', 'res.partner', 'unlink', [self.ids['own']],
                                      refusals=('odoo.exceptions.UserError',))
        self.assertIn('RPC Own Co cannot be deleted', error.message)
        self.assertIn('Customer Ownership History', error.message)
        # a partner without history goes; one with history among several: none goes
        self.assertRpcRefused('sales_contacts', 'res.partner', 'unlink',
                              [self.ids['blank'], self.ids['logged']])
        self.assertRpcRefused('portal', 'res.partner', 'unlink', [self.ids['blank']])
        self.assertRpcRefused('sales', 'res.partner', 'unlink', [self.ids['blank']])
        with self.server_env() as env:
            Partner = env['res.partner']
            self.assertEqual(len(Partner.browse(
                [self.ids['logged'], self.ids['blank'], self.ids['own']]).exists()), 3)
            self.assertEqual(env['crm.customer.interaction'].search_count(
                [('partner_id', '=', self.ids['logged'])]), 1)
        self.rpc('sales_contacts', 'res.partner', 'unlink', [self.ids['blank']])
        with self.server_env() as env:
            self.assertFalse(env['res.partner'].browse(self.ids['blank']).exists())

    def test_merge_moves_history_and_keeps_pool_state(self):
        """A sales manager merges a pool customer with contact records into an owned one:
        the history moves to the survivor, which keeps its owner and stays out of the pool."""
        with self.server_env() as env:
            env.cr.execute("UPDATE res_partner SET in_pool = TRUE, user_id = NULL, "
                           "pool_released_reason_text = 'old' WHERE id = %s",
                           (self.ids['logged'],))
        wizard = self.rpc('manager', 'base.partner.merge.automatic.wizard', 'create', {
            'state': 'selection', 'partner_ids': [(6, 0, [self.ids['own'], self.ids['logged']])],
            'dst_partner_id': self.ids['own']})
        self.rpc('manager', 'base.partner.merge.automatic.wizard', 'action_merge', [wizard])
        with self.server_env() as env:
            own = env['res.partner'].browse(self.ids['own'])
            self.assertFalse(env['res.partner'].browse(self.ids['logged']).exists())
            self.assertEqual(own.user_id.id, self.ids['sales'])
            self.assertFalse(own.in_pool)
            self.assertFalse(own.pool_released_reason)
            self.assertEqual(len(own.interaction_ids), 1)
            self.assertEqual(len(own.merge_log_ids), 1)
