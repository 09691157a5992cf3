#!/usr/bin/env python3
"""Turn Locust's CSV statistics into benchmark metrics and add them to latest.json.

    report.py RESULTS_JSON WORKERS STATS_CSV [WORKERS STATS_CSV ...]

For each server size (HTTP workers) and each request name: ``load_<name>_w<workers>`` with
the median and p95 in ms, the request count and the failures; ``load_throughput_w<workers>``
with the requests per second of the whole run. Prints the table.
"""
import csv
import json
import sys


def metrics_of(workers, path):
    metrics = {}
    with open(path) as handle:
        for row in csv.DictReader(handle):
            name = row['Name']
            if name == 'Aggregated':
                metrics['load_throughput_w%s' % workers] = {
                    'requests_per_s': round(float(row['Requests/s']), 1),
                    'requests': int(row['Request Count']),
                    'failures': int(row['Failure Count']),
                    'p95_ms': float(row['95%'] or 0), 'median_ms': float(row['50%'] or 0)}
                continue
            metrics['load_%s_w%s' % (name, workers)] = {
                'median_ms': float(row['50%'] or 0), 'p95_ms': float(row['95%'] or 0),
                'requests': int(row['Request Count']),
                'failures': int(row['Failure Count'])}
    return metrics


def main(argv):
    out, pairs = argv[0], argv[1:]
    found = {}
    for workers, path in zip(pairs[::2], pairs[1::2]):
        found.update(metrics_of(workers, path))
    with open(out) as handle:
        results = json.load(handle)
    results.setdefault('metrics', {}).update(found)
    with open(out, 'w') as handle:
        json.dump(results, handle, indent=2)
        handle.write('\n')
    print('%-32s %10s %10s %9s %9s' % ('load test', 'median ms', 'p95 ms', 'requests', 'failures'))
    for name, value in sorted(found.items()):
        if name.startswith('load_throughput'):
            print('%-32s %10s %10s %9d %9d   %.1f requests/s' % (
                name, value['median_ms'], value['p95_ms'], value['requests'],
                value['failures'], value['requests_per_s']))
        else:
            print('%-32s %10.0f %10.0f %9d %9d' % (name, value['median_ms'], value['p95_ms'],
                                                   value['requests'], value['failures']))
    return 1 if any(value['failures'] for value in found.values()) else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
