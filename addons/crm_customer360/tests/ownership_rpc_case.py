# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""RpcCase for the ownership, pool, handover and contact-record tests."""
from .rpc_case import RpcCase


class OwnershipRpcCase(RpcCase):
    """`RpcCase` whose users have an e-mail address: the host logs "created" messages
    and chatter notes in the acting user's name, which needs one. Runs no test of its own."""

    def _build_world(self, env):
        world = super()._build_world(env)
        for role, login in world.logins.items():
            getattr(world, role).partner_id.email = '%s@example.com' % login
        return world

    def set_pool(self, **values):
        """Set public pool settings (``pool_enabled=True``...) of every company on the
        requests' cursor."""
        with self.server_env() as env:
            env['res.company'].sudo().search([]).write(values)
