# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""One grading run per company at a time, seen from two transactions."""
from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError
from odoo.tests.common import TransactionCase

from odoo.addons.queue_job.exception import RetryableJobError
from odoo.addons.queue_job.job import Job


class TestCrmGradingRunLock(TransactionCase):

    def test_second_run_of_same_company_refused(self):
        cr_a = self.registry.cursor()
        cr_b = self.registry.cursor()
        try:
            # English messages whatever the admin's language (the demo database loads zh_CN).
            env_a = api.Environment(cr_a, SUPERUSER_ID, {'lang': 'en_US'})
            env_b = api.Environment(cr_b, SUPERUSER_ID, {'lang': 'en_US'})
            company = env_a.ref('base.main_company')
            env_a['crm.grading.run']._lock_company(company)
            policy_b = env_b['crm.grading.policy'].search(
                [('company_id', '=', company.id)])
            with self.assertRaises(UserError) as ctx:
                env_b['crm.grading.run']._run_policy(policy_b)
            self.assertIn('A grading run is already in progress for company %s'
                          % company.name, ctx.exception.name)
            # In the background, the run waits and tries again later.
            run = env_b['crm.grading.run']._queue_policy(policy_b, env_b.user)
            chunk = run.batch_id.chunk_ids
            with self.assertRaises(RetryableJobError):
                Job.load(env_b, chunk.job_uuid).perform()
            self.assertEqual((run.state, chunk.state), ('queued', 'pending'))
            # Another company is not blocked.
            other = env_b['res.company'].create({'name': 'Grading Lock Other Co'})
            env_b['crm.grading.run']._lock_company(other)
            # Once the first transaction ends, the company can run again.
            cr_a.rollback()
            env_b['crm.grading.run']._lock_company(company)
        finally:
            cr_a.rollback()
            cr_a.close()
            cr_b.rollback()
            cr_b.close()
