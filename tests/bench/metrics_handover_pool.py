"""Measurements of crm_customer360's handover and public pool."""
from .measure import metric

HANDOVER_SIZE = 5000
# Share of the customers the pool job finds due for release (no contact for long).
POOL_DUE_SHARE = 10


def has_handover(env):
    """True when the handover is installed and two generated salespeople exist."""
    if 'crm.customer.handover' not in env:
        return "crm_customer360's handover is not installed"
    users = env['res.users'].search([('login', '=like', 'bench.sales%')], limit=2)
    return len(users) == 2 or "the generated data has fewer than two salespeople"


def has_pool(env):
    """True when the public pool is installed."""
    return (hasattr(env['res.partner'], '_cron_release_to_pool')
            or "crm_customer360's public pool is not installed")


@metric('handover_5000', requires=has_handover, repeat=3, target_ms=60000)
def handover_5000(ctx):
    """A handover of 5,000 customers, with their open documents, from one salesperson."""
    env = ctx.env
    giver, receiver = env['res.users'].search([('login', '=like', 'bench.sales%')],
                                              order='login', limit=2)
    # The giver owns exactly the first 5,000 generated companies and their contacts.
    env.cr.execute("UPDATE res_partner SET user_id = %s WHERE user_id = %s",
                   [receiver.id, giver.id])
    env.cr.execute("""
        WITH chosen AS (SELECT id FROM res_partner
                         WHERE customer AND is_company AND parent_id IS NULL
                      ORDER BY id LIMIT %s)
        UPDATE res_partner p SET user_id = %s
          FROM chosen WHERE p.id = chosen.id OR p.parent_id = chosen.id""",
                   [HANDOVER_SIZE, giver.id])
    env.cache.invalidate()
    # In one transaction, as before handovers this large ran in the background.
    env['ir.config_parameter'].sudo().set_param(
        'crm_customer360.handover_queue_threshold', str(HANDOVER_SIZE))
    Handover = env['crm.customer.handover']

    # Through the queue at every scale: the smoke test's few customers are under the
    # default threshold, which would run the handover in the request.
    env['ir.config_parameter'].sudo().set_param(
        'crm_customer360.handover_queue_threshold', '0')

    def run():
        handover = Handover.create({'from_user_id': giver.id, 'to_user_id': receiver.id})
        handover.action_confirm()
        return len(handover.line_ids)
    return run


@metric('pool_release_job', requires=has_pool, repeat=3, target_ms=30000)
def pool_release_job(ctx):
    """The nightly pool job over every customer, a tenth of them due for release.

    A customer is due when its last contact, its last order and the day its owner got it are
    all older than the period: the due tenth gets old orders and an old creation date, the
    others a creation date of today.
    """
    env = ctx.env
    # No exemption: the tenth due is released whatever it has open (the heaviest night).
    env['res.company'].sudo().search([]).write({
        'pool_enabled': True, 'pool_release_days': 90, 'pool_exempt_open_orders': False,
        'pool_exempt_unpaid_invoices': False, 'pool_exempt_locked': False})
    env.cr.execute("""
        UPDATE res_partner
           SET create_date = CASE WHEN mod(id, %s) = 0 THEN now() - interval '400 days'
                                  ELSE now() END,
               last_interaction_date = NULL
         WHERE customer AND parent_id IS NULL AND in_pool IS NOT TRUE""", [POOL_DUE_SHARE])
    env.cr.execute("""
        UPDATE sale_order so SET date_order = so.date_order - interval '800 days'
          FROM res_partner c
         WHERE c.id = so.partner_id AND mod(c.commercial_partner_id, %s) = 0""",
                   [POOL_DUE_SHARE])
    env.cache.invalidate()
    Partner = env['res.partner']

    def run():
        return Partner._release_due_to_pool()
    return run


HANDOVER_QUEUED = 50000


def _give_customers(env, giver, receiver, count):
    """The giver owns exactly the first ``count`` generated companies and their contacts."""
    env.cr.execute("UPDATE res_partner SET user_id = %s WHERE user_id = %s",
                   [receiver.id, giver.id])
    env.cr.execute("""
        WITH chosen AS (SELECT id FROM res_partner
                         WHERE customer AND is_company AND parent_id IS NULL
                      ORDER BY id LIMIT %s)
        UPDATE res_partner p SET user_id = %s
          FROM chosen WHERE p.id = chosen.id OR p.parent_id = chosen.id""",
                   [count, giver.id])
    env.cache.invalidate()


def _run_queued(env, batch):
    """Run a background run's jobs in this process, as the job runner would, in order."""
    from odoo.addons.queue_job.job import Job
    for chunk in batch.chunk_ids:
        Job.load(env, chunk.job_uuid).perform()
    Job.load(env, batch.finish_job_uuid).perform()


@metric('handover_50000', requires=has_handover, repeat=1, target_ms=300000)
def handover_50000(ctx):
    """A handover of 50,000 customers (half of them at SCALE=small) with their open work,
    end to end through the queue: the request that creates and confirms it, then every
    part and the finish, run one after the other in this process."""
    env = ctx.env
    giver, receiver, count = _handover_setup(ctx)
    Handover = env['crm.customer.handover']

    # Through the queue at every scale: the smoke test's few customers are under the
    # default threshold, which would run the handover in the request.
    env['ir.config_parameter'].sudo().set_param(
        'crm_customer360.handover_queue_threshold', '0')

    def run():
        handover = Handover.create({'from_user_id': giver.id, 'to_user_id': receiver.id})
        handover.action_confirm()
        assert handover.batch_id, 'the handover did not run in the background'
        _run_queued(env, handover.batch_id)
        assert handover.state == 'done', handover.state
        return count
    return run


def _handover_setup(ctx):
    """The giver owns 50,000 customers (half of the customers at SCALE=small)."""
    env = ctx.env
    giver, receiver = env['res.users'].search([('login', '=like', 'bench.sales%')],
                                              order='login', limit=2)
    env.cr.execute("SELECT count(*) FROM res_partner WHERE customer AND is_company "
                   "AND parent_id IS NULL")
    count = min(HANDOVER_QUEUED, env.cr.fetchone()[0] // 2)
    _give_customers(env, giver, receiver, count)
    env['ir.config_parameter'].sudo().set_param(
        'crm_customer360.handover_queue_threshold', '500')
    return giver, receiver, count


@metric('handover_50000_create', requires=has_handover, repeat=3, target_ms=10000)
def handover_50000_create(ctx):
    """The web request that creates that handover (a line per customer)."""
    giver, receiver, count = _handover_setup(ctx)
    Handover = ctx.env['crm.customer.handover']

    def run():
        Handover.create({'from_user_id': giver.id, 'to_user_id': receiver.id})
        return count
    return run


@metric('handover_50000_form', requires=has_handover, repeat=3, target_ms=10000)
def handover_50000_form(ctx):
    """The web request that opens its form: the preview of what will move."""
    giver, receiver, count = _handover_setup(ctx)
    Handover = ctx.env['crm.customer.handover']
    handover = Handover.create({'from_user_id': giver.id, 'to_user_id': receiver.id})
    fields = ['name', 'state', 'from_user_id', 'to_user_id'] + [
        name for name in Handover._fields if name.startswith('preview_')]

    def run():
        handover.invalidate_cache()
        handover.read(fields)
        return count
    return run


@metric('handover_50000_confirm', requires=has_handover, repeat=3, target_ms=10000)
def handover_50000_confirm(ctx):
    """The web request that confirms it: checks, queues its parts."""
    giver, receiver, count = _handover_setup(ctx)
    handover = ctx.env['crm.customer.handover'].create(
        {'from_user_id': giver.id, 'to_user_id': receiver.id})

    def run():
        handover.invalidate_cache()
        handover.action_confirm()
        return count
    return run
