import statistics
import time
from contextlib import contextmanager

from django.db import connection
from django.test.utils import setup_test_environment, teardown_test_environment


@contextmanager
def throwaway_database():
    """A fresh database (migrated, boards loaded), dropped afterwards."""
    setup_test_environment()
    old_name = connection.settings_dict["NAME"]
    connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
        teardown_test_environment()


def measure(fn, repeat: int = 15) -> tuple[float, int]:
    """Median wall time in milliseconds over ``repeat`` runs (after one warm-up), and the number
    of queries one run makes."""
    fn()
    queries = count_queries(fn)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return round(statistics.median(times), 2), queries


def count_queries(fn) -> int:
    """Queries ``fn`` sends to the database. (Counted at the cursor, because a test client request
    clears Django's own query log when it starts.)"""
    count = 0

    def counter(execute, sql, params, many, context):
        nonlocal count
        count += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        fn()
    return count
