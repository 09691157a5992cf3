#!/usr/bin/env python3
"""Entry point of ``make bench`` (``scripts/bench.sh`` calls it with the venv's Python).

    run.py -c .run/odoo.conf -d DB --scale small --generate --fingerprint F
        fill DB with generated data, check the host's figures on a sample, commit, and record
        the fingerprint that lets the next ``make bench`` reuse the database;
    run.py -c .run/odoo.conf -d DB --scale small [--repeat 7] [--only a,b]
        check the sample again, run every registered measurement (rolled back), print a table
        and write tests/bench/results/latest.json.

Odoo runs in this process: the peak memory reported is that of an Odoo process doing the work.
"""
import argparse
import datetime
import json
import logging
import os
import subprocess
import sys
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))  # import this folder as the package ``bench``
# As scripts/odoo-bin: the wheels ship broken website_* fragments; PyYAML warns on host code.
os.environ.setdefault('ODOO_PRELOAD_ADDONS', 'no')
warnings.filterwarnings('ignore', message='.*yaml.load.*')

import odoo  # noqa: E402
from odoo import SUPERUSER_ID, api  # noqa: E402

from bench import checks, generator, measure  # noqa: E402

_logger = logging.getLogger('bench')
FINGERPRINT_KEY = 'crm_bench.fingerprint'
ADDONS_HASH_KEY = 'crm_bench.addons_hash'
GENERATION_KEY = 'crm_bench.generation'
# Tables whose sizes latest.json reports (estimates from the planner's statistics).
COUNTED_TABLES = ['res_partner', 'product_product', 'sale_order', 'sale_order_line', 'crm_lead',
                  'account_invoice', 'account_invoice_line', 'account_move',
                  'account_move_line', 'account_payment', 'account_partial_reconcile']


def parse_args(argv=None):
    """Command-line options; the defaults come from the environment of ``make bench``."""
    parser = argparse.ArgumentParser(description=__doc__.split('\n\n')[0])
    parser.add_argument('-c', '--config', required=True, help='Odoo configuration file')
    parser.add_argument('-d', '--database', required=True)
    parser.add_argument('--scale', default=os.environ.get('SCALE', 'small'),
                        choices=sorted(generator.SCALES))
    parser.add_argument('--seed', type=int, default=int(os.environ.get('BENCH_SEED', generator.DEFAULT_SEED)))
    parser.add_argument('--generate', action='store_true', help='generate the data and exit')
    parser.add_argument('--fingerprint', help='recorded after a successful generation')
    parser.add_argument('--addons-hash', help='recorded with the fingerprint')
    parser.add_argument('--repeat', type=int, default=int(os.environ.get('BENCH_REPEAT', measure.DEFAULT_REPEAT)))
    parser.add_argument('--only', help='comma-separated measurement names')
    parser.add_argument('--out', default=os.path.join(HERE, 'results', 'latest.json'))
    return parser.parse_args(argv)


def say(message):
    """Progress on standard output, flushed (bench.sh's output is often piped)."""
    print('    %s' % message, flush=True)


def git_describe():
    """The commit measured, with ``-dirty`` when the work tree has changes; 'unknown' outside git."""
    try:
        return subprocess.check_output(
            ['git', '-C', ROOT, 'describe', '--always', '--dirty', '--abbrev=12'],
            stderr=subprocess.DEVNULL).decode().strip()
    except (OSError, subprocess.CalledProcessError):
        return 'unknown'


def check_sample(env):
    """Read samples back through the ORM; exit 1 when the host disagrees with the data."""
    for check, what in ((checks.check_host_figures,
                         'customers: host figures total_invoiced, credit, sale_order_count'),
                        (checks.check_stored_fields,
                         'records: stored computed fields equal to the host computation')):
        errors, checked = check(env)
        if errors:
            for error in errors[:20]:
                print('error: %s' % error, file=sys.stderr)
            sys.exit('error: %d mismatches in %d sampled %s' % (len(errors), checked, what))
        say('checked %d sampled %s' % (checked, what))


def generate(env, args):
    """Generate the data of ``args.scale``, check a sample and commit with the fingerprint."""
    say('generating scale %s (seed %d)' % (args.scale, args.seed))
    stats = generator.Generator(env, scale=args.scale, seed=args.seed).run()
    for model, count in sorted(stats['rows'].items()):
        say('%-28s %10d rows' % (model, count))
    say('generated in %.0f s: %s' % (stats['seconds']['total'], ', '.join(
        '%s %.0f s' % item for item in stats['seconds'].items() if item[0] != 'total')))
    check_sample(env)
    params = env['ir.config_parameter']
    params.set_param(GENERATION_KEY, json.dumps(stats))
    if args.fingerprint:
        params.set_param(FINGERPRINT_KEY, args.fingerprint)
        params.set_param(ADDONS_HASH_KEY, args.addons_hash or '')
    env.cr.commit()


def table_sizes(cr):
    """Approximate row counts of the main tables (planner statistics, no full scan)."""
    cr.execute("SELECT relname, reltuples::bigint FROM pg_class WHERE relname IN %s AND relkind = 'r'",
               [tuple(COUNTED_TABLES)])
    return dict(sorted(cr.fetchall()))


def server_facts(cr):
    """PostgreSQL facts that change the figures, and warnings about the cluster's state.

    A transaction left open elsewhere in the cluster holds back the xmin horizon: VACUUM cannot
    mark pages all-visible, and an index built since (``indcheckxmin``) stays unusable.
    """
    cr.execute("SELECT current_setting('server_version'), current_setting('jit'), "
               "current_setting('work_mem'), current_setting('shared_buffers')")
    version, jit, work_mem, shared_buffers = cr.fetchone()
    cr.execute("""
        SELECT datname, pid, state, round(extract(epoch FROM now() - xact_start) / 60)
          FROM pg_stat_activity
         WHERE pid <> pg_backend_pid() AND backend_xmin IS NOT NULL
           AND xact_start < now() - interval '5 minutes'
         ORDER BY xact_start""")
    warnings = ['transaction open for %d min in database %s (pid %s, %s): it holds back '
                'VACUUM and hides indexes built since; figures may be slower than normal'
                % (minutes, db, pid, state) for db, pid, state, minutes in cr.fetchall()]
    facts = {'postgresql': version, 'jit': jit, 'work_mem': work_mem,
             'shared_buffers': shared_buffers, 'cpus': os.cpu_count()}
    return facts, warnings


def load_baseline(scale):
    """The metrics of results/baseline.json when it was measured at ``scale``, else None."""
    path = os.path.join(HERE, 'results', 'baseline.json')
    if not os.path.exists(path):
        return None
    with open(path) as handle:
        baseline = json.load(handle)
    return baseline.get('metrics') if baseline.get('scale') == scale else None


def bench(env, args):
    """Run the measurements, print the table and write the JSON results."""
    check_sample(env)
    measure.discover()
    names = set(args.only.split(',')) if args.only else None
    ctx = measure.Context(env, args.scale)
    load_before = os.getloadavg()[0]
    metrics, ratios = measure.run_all(ctx, names=names, repeat=args.repeat, log=say)
    load_after = os.getloadavg()[0]
    env.cr.rollback()
    peak = measure.peak_rss_mb()
    generation = env['ir.config_parameter'].get_param(GENERATION_KEY)
    facts, cluster_warnings = server_facts(env.cr)
    facts['load_average'] = [round(load_before, 2), round(load_after, 2)]
    # The benchmark itself keeps about two processes busy (Odoo and PostgreSQL): only the
    # load found before it started tells of other work on the machine.
    if load_before > facts['cpus'] / 2.0:
        cluster_warnings.append('the machine was busy before the measurements (load average '
                                '%.1f on %d CPUs): the timings are higher than on an idle '
                                'machine' % (load_before, facts['cpus']))
    result = {
        'scale': args.scale, 'seed': args.seed, 'git': git_describe(),
        'date': datetime.datetime.utcnow().replace(microsecond=0).isoformat() + 'Z',
        'database': args.database, 'repeat': args.repeat,
        'metrics': metrics, 'ratios': ratios, 'peak_rss_mb': peak,
        'server': facts, 'warnings': cluster_warnings,
        'data': {'rows': table_sizes(env.cr),
                 'generation': json.loads(generation) if generation else None},
    }
    print()
    print(measure.format_table(metrics, ratios, peak, baseline=load_baseline(args.scale)))
    for warning in cluster_warnings:
        print('warning: %s' % warning)
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    with open(args.out, 'w') as handle:
        json.dump(result, handle, indent=2)
        handle.write('\n')
    say('wrote %s' % os.path.relpath(args.out, ROOT))
    failed = [name for name, value in metrics.items() if 'error' in value]
    if failed:
        sys.exit('error: measurements failed: %s' % ', '.join(failed))


def main(argv=None):
    """Open the database in this process and generate or measure."""
    args = parse_args(argv)
    odoo.tools.config.parse_config(['-c', args.config, '-d', args.database, '--log-level=warn'])
    odoo.netsvc.init_logger()
    logging.getLogger('bench').setLevel(logging.INFO)
    start = time.time()
    registry = odoo.registry(args.database)
    with api.Environment.manage(), registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        if args.generate:
            generate(env, args)
        else:
            bench(env, args)
    say('done in %.0f s' % (time.time() - start))


if __name__ == '__main__':
    main()
