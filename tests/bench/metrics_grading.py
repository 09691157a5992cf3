"""Measurements of crm_grading: the grading run over every customer of the company."""
from .measure import metric


def has_grading(env):
    """True when crm_grading's policies are installed."""
    return 'crm.grading.policy' in env or "crm_grading is not installed"


def _policy(env):
    """The company's active policy (pareto, 12 months, 80% / 95% as installed)."""
    company = env.user.company_id
    Policy = env['crm.grading.policy']
    policy = Policy.search([('company_id', '=', company.id)], limit=1)
    return policy or Policy.create(Policy._default_policy_values(company))


@metric('grading_run', requires=has_grading, repeat=3, target_ms=10000)
def grading_run(ctx):
    """The nightly grading run over every customer (graded once before): revenue, ranks, RFM
    scores, grading figures, grades and history in SQL."""
    env = ctx.env
    policy = _policy(env)
    Run = env['crm.grading.run']
    # The customers were graded by an earlier night (rolled back with the measurement).
    Run._run_policy(policy)

    def run():
        return Run._run_policy(policy).customer_count
    return run


@metric('grading_first_run', requires=has_grading, repeat=2, target_ms=30000)
def grading_first_run(ctx):
    """The first grading run ever: every customer gets a grade, a figures row and a history
    row (once, after installing the module)."""
    env = ctx.env
    policy = _policy(env)

    def run():
        return env['crm.grading.run']._run_policy(policy).customer_count
    return run


@metric('follow_up_job', requires=has_grading, repeat=1, target_ms=60000)
def follow_up_job(ctx):
    """The daily follow-up job over every customer (graded first, so that each grade's
    follow-up period applies): who is due, then an activity for the owner of each, end to
    end through the queue (every part and the finish, one after the other, in this
    process)."""
    from .metrics_handover_pool import _run_queued
    env = ctx.env
    env['crm.grading.run']._run_policy(_policy(env))
    Partner = env['res.partner']

    def run():
        batch = Partner._cron_follow_up()
        if batch:
            _run_queued(env, batch)
        return batch.item_count
    return run
