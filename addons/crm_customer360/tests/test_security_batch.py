# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Background runs over RPC: a large handover confirmed by a manager runs in the background;
only sales managers retry its failed parts and read the runs."""
from .ownership_rpc_case import OwnershipRpcCase

HANDOVER = 'crm.customer.handover'


class TestBatchSecurity(OwnershipRpcCase):

    def _build_world(self, env):
        world = super()._build_world(env)
        # Any handover runs in the background: a threshold of 0 customers.
        env['ir.config_parameter'].set_param('crm_customer360.handover_queue_threshold', '0')
        world.draft = env[HANDOVER].create({
            'from_user_id': world.sales.id, 'to_user_id': world.sales_all.id})
        return world

    def test_background_handover_and_its_retry(self):
        draft = self.ids['draft']
        self.rpc('manager', HANDOVER, 'action_confirm', [draft])
        with self.server_env() as env:
            handover = env[HANDOVER].browse(draft)
            self.assertEqual(handover.state, 'running')
            batch_id = handover.batch_id.id
            # a part failed
            handover.batch_id.chunk_ids.write({'state': 'failed', 'error': 'boom'})
        for role in ('portal', 'sales', 'sales_all'):
            self.assertRpcRefused(role, HANDOVER, 'action_retry_failed_parts', [draft],
                                  refusals=('odoo.exceptions.AccessError',))
            self.assertRpcRefused(role, 'crm.customer.batch', 'read', [batch_id], ['name'],
                                  refusals=('odoo.exceptions.AccessError',))
        self.rpc('manager', HANDOVER, 'action_retry_failed_parts', [draft])
        run = self.rpc('manager', 'crm.customer.batch', 'read', [batch_id],
                       ['state', 'chunk_failed_count', 'user_id'])[0]
        self.assertEqual(run['state'], 'running')
        self.assertEqual(run['chunk_failed_count'], 0)
        self.assertEqual(run['user_id'][0], self.ids['manager'])
