"""Measurements of crm_service: the SLA job over 100,000 open tickets.

The tickets are inserted by SQL inside the measurement's savepoint (rolled back afterwards):
their SLA clocks started over the last ten days, one in two has had its first response, the
response is due 8 hours and the resolution 40 hours after the start. ``sla_job`` is the
steady state of the 5-minute job: the statuses and escalations are those of a run 5 minutes
earlier, so only the tickets that crossed a threshold since then change (about 140).
``sla_job_first_run`` is the job's first run over the same tickets without any status: every
ticket gets one and every ticket at risk or breached one escalation (about 96,000).
"""
from .measure import metric

TICKETS = 100000
# The smoke test (tests/test_bench_smoke.py) runs every measurement at scale tiny: fewer tickets.
TICKETS_BY_SCALE = {'tiny': 2000}
SPREAD_SECONDS = 10 * 24 * 3600


def has_service(env):
    """True when crm_service is installed."""
    return 'crm.service.ticket' in env or 'crm_service is not installed'


def insert_tickets(env, steady, scale=None):
    """Insert TICKETS open tickets (fewer at scale tiny) by SQL; with ``steady``, give them the statuses and
    escalations of a job run 5 minutes ago. Returns the number of tickets."""
    cr = env.cr
    count = TICKETS_BY_SCALE.get(scale, TICKETS)
    leader = env['res.users'].search([('login', '=like', 'bench.sales%')], limit=1) or env.user
    team = env['crm.service.team'].create({'name': 'Bench service', 'leader_id': leader.id})
    stage = env.ref('crm_service.crm_service_stage_new')
    cr.execute("""
        SELECT id FROM res_partner WHERE customer AND parent_id IS NULL ORDER BY id LIMIT 5000
    """)
    partner_ids = [row[0] for row in cr.fetchall()]
    cr.execute("""
        INSERT INTO crm_service_ticket (
            number, name, partner_id, commercial_partner_id, team_id, stage_id, is_closed,
            priority, priority_rank, channel, company_id, sla_start_date,
            response_deadline, resolve_deadline, response_risk_date, resolve_risk_date,
            first_response_date,
            create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH' || g, 'Bench ticket ' || g, p.id, p.id, %(team)s, %(stage)s, FALSE,
               'normal', 1, 'email', %(company)s, s.start,
               s.start + interval '8 hours', s.start + interval '40 hours',
               s.start + interval '6.4 hours', s.start + interval '32 hours',
               CASE WHEN g %% 2 = 0 THEN s.start + interval '1 hour' END,
               1, s.start, 1, s.start
          FROM generate_series(1, %(count)s) g
          JOIN LATERAL (SELECT (now() at time zone 'UTC')
                               - g * (%(spread)s::float / %(count)s) * interval '1 second'
                               AS start) s ON TRUE
          JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS rank
                  FROM res_partner WHERE id = ANY(%(partners)s)) p
            ON p.rank = g %% %(partner_count)s
    """, {'team': team.id, 'stage': stage.id, 'company': env.user.company_id.id,
          'count': count, 'spread': SPREAD_SECONDS, 'partners': partner_ids,
          'partner_count': len(partner_ids)})
    count = cr.rowcount
    if steady:
        cr.execute("SELECT to_char((now() at time zone 'UTC') - interval '5 minutes', "
                   "'YYYY-MM-DD HH24:MI:SS')")
        before = cr.fetchone()[0]
        cr.execute("""
            UPDATE crm_service_ticket t
               SET sla_status = s.status,
                   sla_escalation = CASE WHEN s.status IN ('at_risk', 'breached')
                                         THEN s.status END
              FROM (SELECT t.id, (%s) AS status FROM crm_service_ticket t
                     WHERE t.team_id = %%(team)s) s
             WHERE s.id = t.id
        """ % env['crm.service.ticket']._sql_status(),
                   {'now': before, 'ratio': 0.8, 'team': team.id})
    cr.execute("ANALYZE crm_service_ticket")
    env.cache.invalidate()
    return count


@metric('sla_job', requires=has_service, repeat=3, target_ms=30000)
def sla_job(ctx):
    """The 5-minute SLA job over 100,000 open tickets, 5 minutes after its last run."""
    env = ctx.env
    insert_tickets(env, steady=True, scale=ctx.scale)
    Ticket = env['crm.service.ticket']
    env.cr.execute("SELECT to_char(now() at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS')")
    now = env.cr.fetchone()[0]

    def run():
        return Ticket._update_sla(now=now)
    return run


@metric('sla_job_first_run', requires=has_service, repeat=1, target_ms=30000)
def sla_job_first_run(ctx):
    """The SLA job's first run over 100,000 open tickets without status (mass escalation)."""
    env = ctx.env
    insert_tickets(env, steady=False, scale=ctx.scale)
    Ticket = env['crm.service.ticket']

    def run():
        return Ticket._update_sla()
    return run
