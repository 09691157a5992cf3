"""Data for the upgrade test, made through the addons' own actions in a released state.

    upgrade_data.py -c ODOO_CONF -d DB

Run against a database with the release installed (and its code on the addons path): demo
data alone leaves ownership history, handovers, co-owners, grade locks, the pool and merge
logs empty. It uses only the interface of DESIGN.md's contract and the buttons a user
presses, as they were at the first release, so that later releases keep working with it.
"""
import argparse
import os
import sys

os.environ.setdefault('ODOO_PRELOAD_ADDONS', 'no')
import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api, fields  # noqa: E402


def make_data(env):
    """Create one record of each kind of history through the addons' actions."""
    ref = env.ref
    li = ref('crm_customer360.user_li_ming_demo')
    anna = ref('crm_customer360.user_anna_demo')
    Partner = env['res.partner']
    customers = Partner.search([('customer', '=', True), ('is_company', '=', True),
                                ('user_id', '=', li.id)], order='id')
    assert len(customers) >= 3, 'the demo data has too few customers of li.ming'
    # Contact records, by the salesperson.
    for customer in customers[:2]:
        env['crm.customer.interaction'].sudo(li).create({
            'partner_id': customer.id, 'interaction_type': 'call',
            'summary': 'Upgrade test: a call about the next order',
            'date': fields.Datetime.now()})
    # A co-owner, then a handover of all of li.ming's customers to anna.
    customers[0].write({'co_owner_ids': [(4, anna.id)]})
    handover = env['crm.customer.handover'].create({'from_user_id': li.id,
                                                    'to_user_id': anna.id})
    handover.action_confirm()
    # The grading run (history), then a grade locked by a sales manager.
    for policy in env['crm.grading.policy'].search([('active', '=', True)]):
        policy.action_run()
    grade = env['crm.customer.grade'].search([], order='sequence', limit=1)
    env['crm.customer.grade.lock'].create({
        'partner_id': customers[1].id, 'grade_id': grade.id,
        'reason': 'Upgrade test: strategic account'}).action_lock()
    # A customer released to the public pool by its new owner.
    customers[2].sudo(anna).action_pool_release()
    # A ticket, and a merge of two duplicates (the merge log).
    env['crm.service.ticket'].create({'name': 'Upgrade test: printer jams',
                                      'partner_id': customers[0].id})
    one = Partner.create({'name': 'Upgrade Test Duplicate Co', 'is_company': True,
                          'customer': True, 'email': 'dup@upgrade.example.com'})
    two = Partner.create({'name': 'Upgrade Test Duplicate Company', 'is_company': True,
                          'customer': True, 'email': 'dup2@upgrade.example.com'})
    env['base.partner.merge.automatic.wizard'].create({
        'partner_ids': [(6, 0, (one + two).ids)], 'dst_partner_id': one.id}).action_merge()


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('-c', dest='config', required=True)
    parser.add_argument('-d', dest='database', required=True)
    args = parser.parse_args(argv)
    odoo.tools.config.parse_config(['-c', args.config, '-d', args.database])
    odoo.tools.config['max_cron_threads'] = 0
    registry = odoo.registry(args.database)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {'lang': 'en_US'})
        make_data(env)
        cr.commit()
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
