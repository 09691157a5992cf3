"""Read the logs of Odoo's test runner and compare them (see scripts/test-odoo.sh).

Odoo 11's runner logs one line per test (``test_x (odoo.addons.m.tests.f.Class) ... ok``,
``FAIL``, ``ERROR``, ``skipped``), and ``FAIL: test (...)`` / ``ERROR: test (...)``
headers before each traceback; a module whose class setup fails logs ``ERROR:
setUpClass (...)``. The exit status is 1 when a test of the compared run fails that
passed in the baseline, when one of our own tests fails, or when a log ran no test.
"""
import argparse
import re
import sys
from collections import Counter

RESULT = re.compile(r'^(\w+) \((odoo\.addons\.([a-z0-9_]+)\.[\w.]+)\) \.\.\. (ok|FAIL|ERROR|skipped.*|expected failure|unexpected success)$')
FAILED = re.compile(r'^(FAIL|ERROR): (\w+) \((odoo\.addons\.([a-z0-9_]+)\.[\w.]+)\)$')
# "2026-12-06 21:40:01,123 4242 INFO db odoo.addons.x.tests.y: <message>"
LINE = re.compile(r'^\d{4}-\d\d-\d\d [\d:,]+ \d+ \w+ \S+ [\w.]+: (.*)$')


def read(path):
    """Return (Counter of outcomes per module, set of failed test ids) of a runner log."""
    outcomes, failed = Counter(), set()
    with open(path, encoding='utf-8', errors='replace') as log:
        for raw in log:
            match = LINE.match(raw.rstrip('\n'))
            if not match:
                continue
            message = match.group(1)
            result = RESULT.match(message)
            if result:
                outcome = result.group(4).split(' ')[0]
                outcomes[(result.group(3), outcome)] += 1
                if outcome in ('FAIL', 'ERROR', 'unexpected'):
                    failed.add('%s (%s)' % (result.group(1), result.group(2)))
                continue
            header = FAILED.match(message)
            if header:
                failed.add('%s (%s)' % (header.group(2), header.group(3)))
    return outcomes, failed


def summary(name, outcomes):
    """One line per module: tests run and their outcomes."""
    modules = sorted({module for module, _ in outcomes})
    total = sum(outcomes.values())
    print('%s: %d tests' % (name, total))
    for module in modules:
        counts = {outcome: n for (m, outcome), n in outcomes.items() if m == module}
        print('  %-18s %s' % (module, ', '.join('%d %s' % (n, o) for o, n in sorted(counts.items()))))
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--baseline', required=True, help='log of the host alone')
    parser.add_argument('--compared', required=True, help='log of the host with our addons')
    parser.add_argument('--own', required=True, help="log of our addons' own tests")
    parser.add_argument('--own-modules', required=True, help='our addons, comma separated')
    args = parser.parse_args()
    ok = True
    base_outcomes, base_failed = read(args.baseline)
    comp_outcomes, comp_failed = read(args.compared)
    own_outcomes, own_failed = read(args.own)
    for name, outcomes in (('host alone', base_outcomes), ('host with our addons', comp_outcomes),
                           ("our addons' own tests", own_outcomes)):
        if not summary(name, outcomes):
            print('error: no test ran (see the log)')
            ok = False
    if base_failed:
        print('failing in the host alone too (not ours):')
        for test in sorted(base_failed):
            print('  ' + test)
    new = sorted(comp_failed - base_failed)
    if new:
        ok = False
        print('error: host tests that fail only with our addons installed:')
        for test in new:
            print('  ' + test)
    own = set(args.own_modules.split(','))
    missing = own - {module for module, _ in own_outcomes}
    if missing:
        ok = False
        print('error: no test of %s ran' % ', '.join(sorted(missing)))
    if own_failed:
        ok = False
        print('error: our tests that fail under the Odoo runner:')
        for test in sorted(own_failed):
            print('  ' + test)
    passed = sum(n for (m, o), n in list(comp_outcomes.items()) + list(own_outcomes.items())
                 if o == 'ok')
    failed = len(new) + len(own_failed)
    print('odoo-runner: %d passed, %d failed' % (passed, failed))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
