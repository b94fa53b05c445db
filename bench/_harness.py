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
    # Its own database, so a benchmark never touches one a test run is using.
    connection.settings_dict.setdefault("TEST", {})["NAME"] = f"bench_{old_name}"
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


def manager_client(slug: str = "luton"):
    """The board (defaults loaded) and a test client signed in as its business manager."""
    from django.test import Client

    from scr import services
    from scr.board_defaults import load_default_boards
    from scr.models import Agency, Board, BoardRole

    load_default_boards(Board, Agency)
    board = Board.objects.get(slug=slug)
    manager = services.person_add_to_board(
        board=board,
        email=f"bench.manager@{slug}.example.org",
        full_name="Bench Manager",
        role=BoardRole.BUSINESS_MANAGER,
        agency=None,
        by=services.system_user(),
    ).user
    client = Client()
    client.force_login(manager, backend="django.contrib.auth.backends.ModelBackend")
    return board, manager, client
