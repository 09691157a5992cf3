# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Round robin under concurrency: two transactions never give the same turn.

These tests need committed data seen by two database connections: they commit a team and its
members on their own cursors and delete them at the end.
"""
import time

import psycopg2
from psycopg2.extensions import TransactionRollbackError

from odoo import SUPERUSER_ID, api
from odoo.tests.common import TransactionCase


class TestRoundRobinConcurrency(TransactionCase):

    def setUp(self):
        super().setUp()
        stamp = int(time.time() * 1000)
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {'tracking_disable': True,
                                                     'no_reset_password': True})
            agent = env.ref('crm_service.group_service_agent')
            users = env['res.users']
            for index in range(2):
                users |= users.create({'name': 'Svc RR %d' % index,
                                       'login': 'svc_rr_%d_%d' % (stamp, index),
                                       'groups_id': [(6, 0, agent.ids)]})
            team = env['crm.service.team'].create({
                'name': 'Svc RR %d' % stamp, 'assignment_method': 'round_robin',
                'member_ids': [(6, 0, users.ids)]})
            self.user_ids, self.team_id = users.sorted('id').ids, team.id
        self.cursors = []

    def tearDown(self):
        for cr in self.cursors:
            cr.rollback()
            cr.close()
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            env['crm.service.team'].browse(self.team_id).unlink()
            users = env['res.users'].browse(self.user_ids)
            partners = users.mapped('partner_id')
            users.unlink()
            partners.unlink()
        super().tearDown()

    def team(self):
        """The team on a new cursor of its own (a concurrent transaction)."""
        cr = self.registry.cursor()
        self.cursors.append(cr)
        return api.Environment(cr, SUPERUSER_ID, {})['crm.service.team'].browse(self.team_id)

    def test_concurrent_assignment_waits_for_the_first(self):
        first, second = self.team(), self.team()
        self.assertEqual(first._assign_user().id, self.user_ids[0])
        second.env.cr.execute("SET LOCAL lock_timeout = '200ms'")
        with self.assertRaises(psycopg2.OperationalError):
            second._assign_user()

    def test_assignment_after_a_concurrent_commit_is_retried(self):
        first, second = self.team(), self.team()
        second.env.cr.execute("SELECT 1")  # the second transaction's snapshot starts here
        self.assertEqual(first._assign_user().id, self.user_ids[0])
        first.env.cr.commit()
        # the turn it would give from its snapshot is taken: PostgreSQL refuses, Odoo retries
        with self.assertRaises(TransactionRollbackError):
            second._assign_user()
        second.env.cr.rollback()
        self.assertEqual(second._assign_user().id, self.user_ids[1])
