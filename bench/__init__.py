"""Benchmarks: ``python -m bench`` lists them, ``python -m bench NAME`` runs one.

Each runs against a throwaway PostgreSQL database (the test settings' server) and prints its
figures, the last line a JSON object of measures named with their unit (``median_ms``, ``queries``)
and, where measured at several sizes, the size as a suffix (``queries_n1000``).
"""
