# Copyright 2026 CRM Customer 360 contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A job starts on one server only, when several job runners share the database: see
``models/queue_job.py``."""
import logging

from psycopg2 import OperationalError

from odoo.service.model import PG_CONCURRENCY_ERRORS_TO_RETRY

from odoo.addons.queue_job.controllers.main import RunJobController
from odoo.addons.queue_job.job import ENQUEUED, STARTED

_logger = logging.getLogger(__name__)


class RunJobOnceController(RunJobController):

    def _try_perform_job(self, env, job):
        """Run the job only if this server is the one that switches it from enqueued to
        started (queue_job's own check reads the state, then writes it, in two steps)."""
        if job.state == ENQUEUED and not self._claim_job(env, job):
            _logger.info("job %s: started by another server, not run here", job.uuid)
            return
        return super()._try_perform_job(env, job)

    @staticmethod
    def _claim_job(env, job):
        """Switch the job from enqueued to started in one statement and commit; False when
        another server did first (the row says so, or it is being switched right now)."""
        cr = env.cr
        try:
            with cr.savepoint():
                cr.execute("""
                    UPDATE queue_job SET state = %s,
                           date_started = date_trunc('seconds', now() at time zone 'utc')
                     WHERE uuid = %s AND state = %s
                 RETURNING id""", (STARTED, job.uuid, ENQUEUED), log_exceptions=False)
                claimed = bool(cr.fetchone())
        except OperationalError as error:
            # The other server switched it between our snapshot and our write.
            if error.pgcode not in PG_CONCURRENCY_ERRORS_TO_RETRY:
                raise
            claimed = False
        if claimed:
            # The claim must be visible to the other servers before the job runs, as
            # queue_job's own controller commits its "started" state.
            cr.commit()  # pylint: disable=invalid-commit
        else:
            cr.rollback()
        return claimed
