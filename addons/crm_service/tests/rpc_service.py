# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Calls over HTTP as the real users of the service roles (see crm_customer360's rpc_case).

The world of `RpcCase` (a portal user of RPC Own Co, salespeople...) plus the service roles:
``agent`` works in the team of RPC Own Co's ticket, ``agent_other`` in another team (the one
of RPC Other Co's ticket), ``service_manager`` sees everything. ``self.ids`` holds the ids of
the teams and tickets too (``ticket_own``, ``ticket_other``...).
"""
from odoo.addons.crm_customer360.tests.rpc_case import ROLES, RpcCase

SERVICE_ROLES = dict(
    ROLES,
    agent=('rpc.agent', ['crm_service.group_service_agent']),
    agent_other=('rpc.agent.other', ['crm_service.group_service_agent']),
    service_manager=('rpc.service.manager', ['crm_service.group_service_manager']),
)
TICKET = 'crm.service.ticket'


class ServiceRpcCase(RpcCase):
    """RpcCase with the service roles, two teams and a ticket of each customer."""

    roles = SERVICE_ROLES

    def _build_world(self, env):
        w = super()._build_world(env)
        env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True))
        for role, (login, _groups) in self.roles.items():
            # posting needs the author's e-mail address
            getattr(w, role).partner_id.email = '%s@rpc.example.com' % login
        Team = env['crm.service.team']
        w.team_own = Team.create({'name': 'RPC Team Own', 'tz': 'UTC',
                                  'member_ids': [(6, 0, w.agent.ids)]})
        w.team_other = Team.create({'name': 'RPC Team Other', 'tz': 'UTC',
                                    'member_ids': [(6, 0, w.agent_other.ids)]})
        Ticket = env[TICKET]
        w.ticket_own = Ticket.create({'name': 'RPC own printer', 'partner_id': w.own_person.id,
                                      'team_id': w.team_own.id})
        w.ticket_other = Ticket.create({'name': 'RPC other secret',
                                        'partner_id': w.other_person.id,
                                        'team_id': w.team_other.id})
        w.stage_closed = env['crm.service.stage'].create(
            {'name': 'RPC Closed', 'sequence': 90, 'is_closing': True})
        return w

    def read_ticket(self, key, fields):
        """The values of ``fields`` of the ticket ``self.ids[key]``, read as superuser."""
        with self.server_env() as env:
            return env[TICKET].browse(self.ids[key]).read(fields)[0]
