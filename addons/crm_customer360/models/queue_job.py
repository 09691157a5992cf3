# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Several job runners on one database (several Odoo hosts, each with its runner).

queue_job 11.0 supports one job runner per database: each runner decides alone which
pending job to run, sets it "enqueued" without looking at its state and asks its own server
to run it. With two runners, both enqueue the same job in the same second (a retried job's
``eta`` wakes both at once), both servers start it, and each one's final write of the job
row fails on the other's write: the job is retried, again by both, for ever (seen in
``tests/production``). Two guards make one run win:

* this trigger: an "enqueued" written over a job that is no longer pending (started, done,
  failed, or enqueued already by the other runner) is skipped, so a runner never takes back
  a job another host runs;
* ``controllers/queue_job.py``: a server starts a job only by switching it from enqueued to
  started itself, in one statement; the other server finds it started and leaves it.
"""
from odoo import api, models

TRIGGER_SQL = """
    CREATE OR REPLACE FUNCTION crm_customer360_queue_job_enqueue_once() RETURNS trigger AS $$
    BEGIN
        IF NEW.state = 'enqueued' AND OLD.state <> 'pending' THEN
            RETURN NULL;  -- skip this row's update
        END IF;
        RETURN NEW;
    END;
    $$ LANGUAGE plpgsql;
    DROP TRIGGER IF EXISTS crm_customer360_enqueue_once ON queue_job;
    CREATE TRIGGER crm_customer360_enqueue_once BEFORE UPDATE OF state ON queue_job
        FOR EACH ROW EXECUTE PROCEDURE crm_customer360_queue_job_enqueue_once();
"""


class QueueJob(models.Model):
    _inherit = 'queue.job'

    @api.model_cr_context
    def _auto_init(self):
        # Private (not ``init``, which a user could name over RPC): install and update only.
        result = super()._auto_init()
        self.env.cr.execute(TRIGGER_SQL)
        return result
