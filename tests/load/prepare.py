#!/usr/bin/env python3
"""Prepare the benchmark database for the load test (idempotent), and print the logins.

    prepare.py -c .run/odoo.conf -d DB [--agents 5] [--tickets 2000]

The generated salespeople (``bench.sales*``) get their login as password; service agents
``bench.agent1``... are created in a team with open tickets on generated customers (when
crm_service is installed). Prints ``SALES=<logins>`` and ``AGENTS=<logins>`` for the shell.
"""
import argparse
import os
import sys
import warnings

os.environ.setdefault('ODOO_PRELOAD_ADDONS', 'no')
warnings.filterwarnings('ignore', message='.*yaml.load.*')

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402


def prepare(env, agents, tickets):
    users = env['res.users'].with_context(no_reset_password=True, tracking_disable=True)
    sales = users.search([('login', '=like', 'bench.sales%')], order='login')
    for user in sales:
        user.password = user.login
    agent_logins = []
    if 'crm.service.ticket' in env:
        group = env.ref('crm_service.group_service_agent')
        team_users = users.browse()
        for number in range(1, agents + 1):
            login = 'bench.agent%d' % number
            user = users.search([('login', '=', login)])
            if not user:
                user = users.create({'name': 'Agent %d (bench)' % number, 'login': login,
                                     'groups_id': [(6, 0, [group.id])]})
            # Posting on a ticket needs the author's address (the host refuses a message
            # without one): agents created before this line had none.
            if not user.email:
                user.email = '%s@bench.example.com' % login
            user.password = login
            team_users |= user
            agent_logins.append(login)
        team = env['crm.service.team'].search([('name', '=', 'Load Test Team')], limit=1)
        if not team:
            team = env['crm.service.team'].create({
                'name': 'Load Test Team', 'member_ids': [(6, 0, team_users.ids)],
                'assignment_method': 'round_robin'})
        Ticket = env['crm.service.ticket'].with_context(tracking_disable=True,
                                                        mail_create_nolog=True)
        missing = tickets - Ticket.search_count([('team_id', '=', team.id)])
        if missing > 0:
            customers = env['res.partner'].search(
                [('customer', '=', True), ('parent_id', '=', False)], limit=missing)
            for index, customer in enumerate(customers):
                Ticket.create({'name': 'Load test request %d' % index,
                               'partner_id': customer.id, 'team_id': team.id,
                               'user_id': team_users[index % len(team_users)].id,
                               'channel': 'phone'})
    return sales.mapped('login'), agent_logins


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('-c', '--config', required=True)
    parser.add_argument('-d', '--database', required=True)
    parser.add_argument('--agents', type=int, default=5)
    parser.add_argument('--tickets', type=int, default=2000)
    args = parser.parse_args(argv)
    odoo.tools.config.parse_config(['-c', args.config, '-d', args.database,
                                    '--log-level=warn'])
    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {'lang': 'en_US'})
        sales, agents = prepare(env, args.agents, args.tickets)
        cr.commit()
    print('SALES=%s' % ','.join(sales))
    print('AGENTS=%s' % ','.join(agents))
    return 0


if __name__ == '__main__':
    sys.exit(main())
