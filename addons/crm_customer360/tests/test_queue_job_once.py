# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Two servers with their job runners on one database: a job starts on one of them only
(models/queue_job.py, controllers/queue_job.py). Committed transactions, as two servers'."""
import contextlib

from odoo import SUPERUSER_ID, api
from odoo.tests.common import SavepointCase

from odoo.addons.queue_job.job import Job

from odoo.addons.crm_customer360.controllers.queue_job import RunJobOnceController

ENQUEUE = "UPDATE queue_job SET state = 'enqueued' WHERE uuid = %s"


class TestJobStartsOnce(SavepointCase):

    @contextlib.contextmanager
    def servers(self):
        """Two environments on cursors of their own; the job they make is deleted after."""
        crs = [self.registry.cursor() for _server in range(2)]
        envs = [api.Environment(cr, SUPERUSER_ID, {}) for cr in crs]
        uuids = []
        try:
            yield envs, uuids
        finally:
            for cr in crs:
                cr.rollback()
            crs[0].execute("DELETE FROM queue_job WHERE uuid = ANY(%s)", [uuids])
            crs[0].commit()
            for cr in crs:
                cr.close()

    @staticmethod
    def state(env, uuid):
        env.cr.execute("SELECT state FROM queue_job WHERE uuid = %s", [uuid])
        return env.cr.fetchone()[0]

    def test_one_server_starts_the_job(self):
        with self.servers() as ((env_a, env_b), uuids):
            uuid = env_a['crm.customer.batch'].with_delay()._job_finish().uuid
            uuids.append(uuid)
            env_a.cr.commit()
            # Both runners enqueue it (the second write is skipped: it is enqueued already).
            for env in (env_a, env_b):
                env.cr.execute(ENQUEUE, [uuid])
                env.cr.commit()
            # Both servers read it enqueued; A switches it to started first.
            job_a, job_b = Job.load(env_a, uuid), Job.load(env_b, uuid)
            self.assertEqual((job_a.state, job_b.state), ('enqueued', 'enqueued'))
            self.assertTrue(RunJobOnceController._claim_job(env_a, job_a))
            # B's snapshot is older than A's switch: its own switch fails, it leaves the job.
            self.assertFalse(RunJobOnceController._claim_job(env_b, job_b))
            # Read afresh, the job is started: B still leaves it.
            self.assertFalse(RunJobOnceController._claim_job(env_b, Job.load(env_b, uuid)))
            # A runner's late enqueue does not take the started job back.
            env_b.cr.execute(ENQUEUE, [uuid])
            env_b.cr.commit()
            self.assertEqual(self.state(env_a, uuid), 'started')

    def test_pending_job_enqueued(self):
        with self.servers() as ((env_a, _env_b), uuids):
            uuid = env_a['crm.customer.batch'].with_delay()._job_finish().uuid
            uuids.append(uuid)
            env_a.cr.execute(ENQUEUE, [uuid])
            self.assertEqual(self.state(env_a, uuid), 'enqueued')
