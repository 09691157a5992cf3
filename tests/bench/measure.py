"""The measurement registry and the harness that times measurements.

A feature adds its measurements in a file ``tests/bench/metrics_<feature>.py``::

    from .measure import metric

    @metric('duplicate_check_1', target_ms=200, target_queries=5)
    def duplicate_check_1(ctx):
        '''Check one new customer's name, VAT, phone and e-mail against all customers.'''
        partners = ctx.env['res.partner']
        vals = {'name': 'Shanghai Golden Machinery Co., Ltd.'}
        def run():
            return len(partners.find_duplicates(vals))
        return run

The decorated function prepares what the measurement needs (outside the timing) and returns
``run``, the timed work, which returns the number of rows it handled. ``run`` is called once
to warm up and then ``repeat`` times; before each call the ORM cache is emptied, and after it
the transaction goes back to a savepoint, so a measurement that writes (a grading run, a
handover) finds the same data each time and leaves nothing behind.
"""
import collections
import glob
import importlib
import logging
import os
import resource
import time

Metric = collections.namedtuple(
    'Metric', 'name function requires repeat target_ms target_queries doc')
Ratio = collections.namedtuple('Ratio', 'numerator denominator target')
_logger = logging.getLogger(__name__)

METRICS = collections.OrderedDict()
RATIOS = []
# Target of the peak memory of the Odoo process (``SCALE=large``).
TARGET_PEAK_RSS_MB = 1024
DEFAULT_REPEAT = 7


def metric(name, requires=None, repeat=None, target_ms=None, target_queries=None):
    """Register the decorated function as the measurement ``name``.

    :param requires: ``function(env)`` returning True when the measurement can run, or a
        string that says what is missing (the measurement is then reported as skipped)
    :param repeat: at most this many timed runs (for a slow measurement), fewer when the
        harness is asked for fewer
    :param target_ms: the median the issue sets for ``SCALE=large`` (informative)
    :param target_queries: the most SQL queries one run may take (informative)
    """
    def decorate(function):
        METRICS[name] = Metric(name, function, requires, repeat, target_ms, target_queries,
                               (function.__doc__ or '').strip().split('\n')[0])
        return function
    return decorate


def ratio(numerator, denominator, target=None):
    """Register the ratio of two measurements' medians, e.g. how much faster the card is."""
    RATIOS.append(Ratio(numerator, denominator, target))


def discover():
    """Import every ``metrics_*.py`` beside this file, which registers its measurements."""
    here = os.path.dirname(os.path.abspath(__file__))
    for path in sorted(glob.glob(os.path.join(here, 'metrics_*.py'))):
        module = os.path.splitext(os.path.basename(path))[0]
        importlib.import_module('%s.%s' % (__package__, module))
    return METRICS


class Context(object):
    """What the measurements of one run share: the environment and samples picked once."""

    def __init__(self, env, scale):
        self.env = env
        self.scale = scale
        self._cache = {}

    def cached(self, key, function):
        """Return ``function()``, computed once per run."""
        if key not in self._cache:
            self._cache[key] = function()
        return self._cache[key]

    def customers_page(self, limit=80):
        """The first page of the customer list: companies that are customers, by name."""
        return self.cached(('page', limit), lambda: self.env['res.partner'].search(
            [('customer', '=', True), ('is_company', '=', True)], limit=limit))

    def top_customer(self):
        """The commercial entity with the most open or paid customer invoices and refunds."""
        def find():
            self.env.cr.execute("""
                SELECT commercial_partner_id FROM account_invoice
                WHERE type IN ('out_invoice', 'out_refund') AND state IN ('open', 'paid')
                GROUP BY commercial_partner_id ORDER BY count(*) DESC, commercial_partner_id
                LIMIT 1""")
            row = self.env.cr.fetchone()
            return self.env['res.partner'].browse(row and row[0] or [])
        return self.cached('top_customer', find)


def peak_rss_mb():
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0, 1)


def percentile(values, pct):
    """The nearest-rank percentile ``pct`` (0-100) of ``values``."""
    ordered = sorted(values)
    rank = max(1, int(-(-pct * len(ordered) // 100)))
    return ordered[rank - 1]


def median(values):
    """The median of ``values``."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2.0


def _requirement(measurement, env):
    """None when ``measurement`` can run on ``env``, else the reason it cannot."""
    if measurement.requires is None:
        return None
    ok = measurement.requires(env)
    if ok is True:
        return None
    return ok or 'requirement not met'


def measure(ctx, measurement, repeat=DEFAULT_REPEAT, warmup=1):
    """Time one measurement; return its figures (milliseconds, queries, rows, peak memory)."""
    env, cr = ctx.env, ctx.env.cr
    reason = _requirement(measurement, env)
    if reason:
        return {'skipped': reason}
    repeat = min(repeat, measurement.repeat or repeat)
    cr.execute('SAVEPOINT bench_metric')
    try:
        run = measurement.function(ctx)
        timings, queries, rows = [], [], 0
        for index in range(warmup + repeat):
            cr.execute('SAVEPOINT bench_run')
            env.cache.invalidate()  # Odoo 11: the whole ORM cache
            before = cr.sql_log_count
            start = time.perf_counter()
            rows = run()
            elapsed = (time.perf_counter() - start) * 1000.0
            count = cr.sql_log_count - before
            cr.execute('ROLLBACK TO SAVEPOINT bench_run')
            env.clear()
            if index >= warmup:
                timings.append(elapsed)
                queries.append(count)
    finally:
        cr.execute('ROLLBACK TO SAVEPOINT bench_metric')
        env.clear()
    return {
        'median_ms': round(median(timings), 2),
        'p95_ms': round(percentile(timings, 95), 2),
        'min_ms': round(min(timings), 2),
        'queries': max(queries),
        'rows': rows,
        'runs': len(timings),
        'peak_rss_mb': peak_rss_mb(),
    }


def run_all(ctx, names=None, repeat=DEFAULT_REPEAT, warmup=1, log=None):
    """Run the registered measurements (or those in ``names``); return metrics and ratios.

    A measurement that raises is reported with its error and the others still run.
    """
    metrics = collections.OrderedDict()
    for name, measurement in METRICS.items():
        if names and name not in names:
            continue
        if log:
            log('measuring %s' % name)
        try:
            metrics[name] = measure(ctx, measurement, repeat=repeat, warmup=warmup)
        except Exception as error:  # reported, so that one broken measurement hides no other
            _logger.exception('measurement %s failed', name)
            metrics[name] = {'error': '%s: %s' % (type(error).__name__, error)}
    ratios = collections.OrderedDict()
    for item in RATIOS:
        num, den = metrics.get(item.numerator, {}), metrics.get(item.denominator, {})
        if num.get('median_ms') is not None and den.get('median_ms'):
            ratios['%s / %s' % (item.numerator, item.denominator)] = round(
                num['median_ms'] / den['median_ms'], 2)
    return metrics, ratios


def target_status(name, result):
    """'ok', 'MISS' or '' (no target) for a measurement's result against its targets."""
    measurement = METRICS.get(name)
    if not measurement or 'median_ms' not in result:
        return ''
    if measurement.target_ms is None and measurement.target_queries is None:
        return ''
    miss = (measurement.target_ms is not None and result['median_ms'] > measurement.target_ms) \
        or (measurement.target_queries is not None and result['queries'] > measurement.target_queries)
    return 'MISS' if miss else 'ok'


def _target_text(measurement):
    """The targets of a measurement as a short text ('<= 150 ms, <= 10 q')."""
    parts = []
    if measurement and measurement.target_ms is not None:
        parts.append('<= %g ms' % measurement.target_ms)
    if measurement and measurement.target_queries is not None:
        parts.append('<= %d q' % measurement.target_queries)
    return ', '.join(parts)


def _baseline_text(result, base):
    """The baseline's median and queries beside a result ('412.0 ms, 9 q'), or '-'."""
    if not base or 'median_ms' not in base:
        return '-'
    return '%.1f ms, %d q' % (base['median_ms'], base['queries'])


def format_table(metrics, ratios, peak_rss, baseline=None):
    """The results as a plain-text table, with the targets of ``SCALE=large``.

    :param baseline: the ``metrics`` of ``results/baseline.json`` when it was measured at the
        same scale, shown beside the results
    """
    header = ('metric', 'median ms', 'p95 ms', 'queries', 'rows', 'baseline', 'target (large)', '')
    rows = [header]
    for name, result in metrics.items():
        target = _target_text(METRICS.get(name))
        base = _baseline_text(result, (baseline or {}).get(name))
        if 'median_ms' in result:
            rows.append((name, '%.1f' % result['median_ms'], '%.1f' % result['p95_ms'],
                         str(result['queries']), str(result['rows']), base, target,
                         target_status(name, result)))
        else:
            rows.append((name, '-', '-', '-', '-', base, target,
                         'skipped: %s' % result['skipped'] if 'skipped' in result
                         else 'ERROR: %s' % result['error']))
    widths = [max(len(row[col]) for row in rows) for col in range(len(header) - 1)]
    lines = ['  '.join(cell.ljust(width) for cell, width in zip(row, widths)) + '  ' + row[-1]
             for row in rows]
    lines.insert(1, '-' * (sum(widths) + 2 * len(widths)))
    for item in RATIOS:
        key = '%s / %s' % (item.numerator, item.denominator)
        if key in ratios:
            status = '' if item.target is None else (
                '  (target >= %g: %s)' % (item.target, 'ok' if ratios[key] >= item.target else 'MISS'))
            lines.append('ratio %s = %.1f%s' % (key, ratios[key], status))
    lines.append('peak RSS of the Odoo process: %.0f MiB (target < %d MiB: %s)' % (
        peak_rss, TARGET_PEAK_RSS_MB, 'ok' if peak_rss < TARGET_PEAK_RSS_MB else 'MISS'))
    return '\n'.join(lines)
