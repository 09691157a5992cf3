"""Benchmark harness of the customer relationship addons (``make bench``).

- ``generator`` (customers, products), ``generator_sales`` (quotations, orders,
  opportunities), ``generator_accounting`` (invoices, refunds, entries, payments,
  reconciliations): fill a database in set-based SQL, deterministically from a seed;
- ``checks``: read samples back through the ORM and compare with the host's own figures
  and compute methods;
- ``measure``: the registry of measurements (``@metric``, ``ratio``), timing, query counts,
  peak memory, the results table;
- ``metrics_*.py``: one file of measurements per feature, found by ``measure.discover``;
- ``run``: the entry point that ``scripts/bench.sh`` calls.

Import it as the top-level package ``bench`` (with ``tests/`` on ``sys.path``): a package
named ``tests`` is installed in the virtual environment by one of the host's dependencies.
"""
