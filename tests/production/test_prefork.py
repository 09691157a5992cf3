"""The addons under production conditions: prefork workers, the job runner, default limits.

Run by ``make test-prod`` (scripts/test-prod.sh), which prepares a database with generated
data (the benchmark's SCALE=small: 2,000 customers, 20,000 invoices) and exports:

  CRM_PROD_DB      the database (a fresh copy for this run)
  CRM_PROD_CONF    .run/odoo-prod.conf (odoo-prod.conf with this checkout's connection)
  CRM_VENV_PYTHON  the virtualenv's Python

Every scenario talks to the servers over HTTP JSON-RPC only, as users do, and checks that no
request took more than 10 s. The servers listen on 127.0.0.1 only and are stopped at the end.
"""
import os
import socket
import time
from contextlib import closing

import psycopg2
import pytest

from cluster import Client, OdooServer

HANDOVER_CUSTOMERS = 1500
CHUNK_SIZE = 200


def free_port():
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(('127.0.0.1', 0))
        port = sock.getsockname()[1]
    # the long-polling process listens on port + 3
    return port if port < 65000 else free_port()


@pytest.fixture(scope='module')
def settings():
    db = os.environ.get('CRM_PROD_DB')
    conf = os.environ.get('CRM_PROD_CONF')
    if not (db and conf):
        pytest.fail('run through `make test-prod` (CRM_PROD_DB and CRM_PROD_CONF unset)',
                    pytrace=False)
    return {'db': db, 'conf': conf}


@pytest.fixture(scope='module')
def sql(settings):
    """A connection to the database, in autocommit: the servers see every change at once."""
    conn = psycopg2.connect(dbname=settings['db'])
    conn.autocommit = True
    yield conn
    conn.close()


def query(conn, statement, *params):
    with conn.cursor() as cr:
        cr.execute(statement, params)
        return cr.fetchall() if cr.description else None


@pytest.fixture
def servers(settings):
    """Start servers with ``servers(count)``; all are stopped after the test."""
    started = []

    def start(count=1, workers=2):
        for _i in range(count):
            server = OdooServer(settings['conf'], settings['db'], free_port(), workers=workers)
            started.append(server.start())
        return started[-count:]
    yield start
    for server in started:
        server.stop()


def prepare_handover(conn, pair, customers=HANDOVER_CUSTOMERS):
    """Give exactly ``customers`` customers to the salesperson number ``2 * pair`` (each
    test its own pair of generated salespeople); return (giver, receiver) ids."""
    users = [row[0] for row in query(conn, """
        SELECT id FROM res_users WHERE login LIKE 'bench.sales%%' ORDER BY id""")]
    giver, receiver = users[2 * pair], users[2 * pair + 1]
    query(conn, """
        WITH picked AS (
            SELECT id FROM res_partner
             WHERE customer AND parent_id IS NULL AND active AND NOT COALESCE(in_pool, FALSE)
               AND user_id NOT IN (%s, %s)
             ORDER BY id LIMIT %s)
        UPDATE res_partner p SET user_id = %s
          FROM picked WHERE p.commercial_partner_id = picked.id""",
          giver, receiver, customers - owned_by(conn, giver), giver)
    assert owned_by(conn, giver) == customers
    query(conn, """
        INSERT INTO ir_config_parameter (key, value) VALUES
            ('crm_customer360.handover_queue_threshold', '100'),
            ('crm_customer360.batch_chunk_size', %s)
        ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value""", str(CHUNK_SIZE))
    return giver, receiver


def owned_by(conn, user_id):
    return query(conn, """SELECT count(*) FROM res_partner WHERE user_id = %s AND customer
                           AND parent_id IS NULL AND active""", user_id)[0][0]


def start_handover(admin, giver, receiver):
    handover_id = admin.call('crm.customer.handover', 'create', {
        'from_user_id': giver, 'to_user_id': receiver, 'reason': 'rebalancing'})
    admin.call('crm.customer.handover', 'action_confirm', [handover_id])
    return handover_id


def wait_handover(admin, handover_id, timeout=600):
    return admin.wait_for(lambda: admin.call(
        'crm.customer.handover', 'read', [handover_id], ['state'])[0]['state'] == 'done',
        timeout=timeout, what='handover %d to be done' % handover_id)


def check_handover_once(conn, handover_id, giver, receiver, customers):
    """Every customer moved once: owned by the receiver, one history row each."""
    assert owned_by(conn, giver) == 0
    rows = query(conn, """
        SELECT h.partner_id, count(*) FROM crm_customer_ownership_history h
         WHERE h.from_user_id = %s AND h.to_user_id = %s GROUP BY h.partner_id""",
                 giver, receiver)
    assert len(rows) == customers, 'customers with a history row: %d' % len(rows)
    doubled = [partner for partner, count in rows if count != 1]
    assert not doubled, 'customers moved more than once: %s' % doubled[:10]
    failed = query(conn, """
        SELECT count(*) FROM crm_customer_batch_chunk c JOIN crm_customer_batch b
            ON b.id = c.batch_id WHERE b.res_model = 'crm.customer.handover'
           AND b.res_id = %s AND c.state != 'done'""", handover_id)[0][0]
    assert failed == 0


def run_grading(admin):
    policy = admin.call('crm.grading.policy', 'search', [('active', '=', True)], limit=1)
    before = admin.call('crm.grading.run', 'search', [], limit=1)
    admin.call('crm.grading.policy', 'action_run', policy)
    run = admin.wait_for(lambda: admin.call(
        'crm.grading.run', 'search_read', [('id', 'not in', before),
                                           ('state', 'in', ('done', 'failed'))],
        ['state', 'customer_count', 'change_count'], limit=1), timeout=600,
        what='the grading run to end')[0]
    assert run['state'] == 'done', run
    return run


def check_grades_once(conn):
    """Every customer graded, one history row per grade change and run at most (the rows
    of one run share its time)."""
    doubled = query(conn, """
        SELECT partner_id, date, count(*) FROM crm_customer_grade_history
         GROUP BY partner_id, date HAVING count(*) > 1 LIMIT 10""")
    assert not doubled, 'grade history written twice: %s' % doubled
    ungraded = query(conn, """SELECT count(*) FROM res_partner WHERE customer AND active
                               AND parent_id IS NULL AND grade_id IS NULL""")[0][0]
    assert ungraded == 0


def refresh_cube(admin, conn):
    before = query(conn, """SELECT value FROM ir_config_parameter
                             WHERE key = 'crm_grading.analysis_refreshed_at'""")
    admin.call('crm.customer.analysis', 'action_refresh')
    admin.wait_for(lambda: query(conn, """SELECT value FROM ir_config_parameter
                                           WHERE key = 'crm_grading.analysis_refreshed_at'""")
                   != before, timeout=600, what='the cube to be refreshed')
    count = admin.call('crm.customer.analysis', 'search_count', [])
    assert count > 0


def test_prefork_long_work_runs_as_jobs(settings, sql, servers):
    """Two HTTP workers, default limits: a large handover, a grading run and a cube refresh
    end through the queue, and no request takes more than 10 s."""
    server, = servers(1, workers=2)
    giver, receiver = prepare_handover(sql, 0)
    admin = Client(server, 'admin', 'admin')
    handover_id = start_handover(admin, giver, receiver)
    wait_handover(admin, handover_id)
    check_handover_once(sql, handover_id, giver, receiver, HANDOVER_CUSTOMERS)
    run_grading(admin)
    check_grades_once(sql)
    refresh_cube(admin, sql)
    assert not admin.slow_requests(), admin.slow_requests()
    assert not server.log_lines('virtual real time limit', 'virtual memory limit',
                                'CPU time limit', ' CRITICAL ')


def test_two_hosts_run_each_job_once(settings, sql, servers):
    """Two servers on one database, each with its job runner, pick up the same jobs: each
    customer moves once, each grade is written once, nothing deadlocks for good."""
    first, second = servers(2, workers=2)
    giver, receiver = prepare_handover(sql, 1)
    admin_a = Client(first, 'admin', 'admin')
    admin_b = Client(second, 'admin', 'admin')
    handover_id = start_handover(admin_a, giver, receiver)
    run_grading(admin_b)
    wait_handover(admin_b, handover_id)
    check_handover_once(sql, handover_id, giver, receiver, HANDOVER_CUSTOMERS)
    check_grades_once(sql)
    failed = query(sql, "SELECT count(*) FROM queue_job WHERE state = 'failed'")[0][0]
    assert failed == 0
    for admin in (admin_a, admin_b):
        assert not admin.slow_requests(), admin.slow_requests()


def test_killed_server_resumes_without_loss(settings, sql, servers):
    """A server killed in the middle of a handover: once restarted, the stalled parts are
    queued again and the handover ends with every customer moved once."""
    server, = servers(1, workers=2)
    giver, receiver = prepare_handover(sql, 2)
    admin = Client(server, 'admin', 'admin')
    handover_id = start_handover(admin, giver, receiver)
    admin.wait_for(lambda: query(sql, """
        SELECT count(*) FROM crm_customer_batch_chunk c JOIN crm_customer_batch b
            ON b.id = c.batch_id WHERE b.res_model = 'crm.customer.handover'
           AND b.res_id = %s AND c.state = 'done'""", handover_id)[0][0] >= 1,
                   every=0.2, what='the first part of the handover')
    server.kill()
    started = query(sql, "SELECT count(*) FROM queue_job WHERE state IN ('started', 'enqueued')")
    restarted = OdooServer(server.conf, server.db, server.port, workers=2,
                           name=server.name + '-restarted').start()
    try:
        admin = Client(restarted, 'admin', 'admin')
        # The supervisor runs every 5 minutes; an administrator may run it at once.
        query(sql, """INSERT INTO ir_config_parameter (key, value)
                      VALUES ('crm_customer360.batch_stall_minutes', '0')
                      ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value""")
        cron = admin.call('ir.model.data', 'xmlid_to_res_id',
                          'crm_customer360.crm_customer_batch_cron_requeue')
        admin.call('ir.cron', 'method_direct_trigger', [cron])
        wait_handover(admin, handover_id)
        check_handover_once(sql, handover_id, giver, receiver, HANDOVER_CUSTOMERS)
        assert started is not None
    finally:
        restarted.stop()
