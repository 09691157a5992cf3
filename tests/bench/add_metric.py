#!/usr/bin/env python3
"""Add a measurement taken outside the harness to latest.json (and print it).

    add_metric.py NAME SECONDS [TARGET_SECONDS]

``make bench`` times the update in place of the addons (``module_update``) this way: an
update runs in its own Odoo process, not in the harness's transaction.
"""
import json
import os
import sys

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'results', 'latest.json')


def main(argv):
    name, seconds = argv[0], float(argv[1])
    target = float(argv[2]) if len(argv) > 2 else None
    with open(OUT) as handle:
        results = json.load(handle)
    results.setdefault('metrics', {})[name] = {
        'median_ms': round(seconds * 1000, 1), 'runs': 1,
        'target_ms': target * 1000 if target else None}
    with open(OUT, 'w') as handle:
        json.dump(results, handle, indent=2)
        handle.write('\n')
    print('%-32s %10.1f s%s' % (name, seconds, ' (target %.0f s)' % target if target else ''))
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
