"""Benchmark harness of the customer relationship addons (``make bench``).

- ``generator`` / ``generator_accounting``: fill a database with generated customers,
  documents and payments in set-based SQL, deterministically from a seed;
- ``measure``: the registry of measurements (``@metric``), timing, query counts, peak memory;
- ``metrics_*.py``: one file of measurements per feature, found by ``run.discover_metrics``;
- ``run``: the entry point that ``scripts/bench.sh`` calls.

Import it as the top-level package ``bench`` (with ``tests/`` on ``sys.path``): a package
named ``tests`` is installed in the virtual environment by one of the host's dependencies.
"""
