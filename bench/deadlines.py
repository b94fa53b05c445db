"""The deadline sweep over 100, 1,000 and 10,000 open reviews, each with a deadline due for a
reminder: seconds for one sweep, and its query count."""

import time
from datetime import timedelta

from django.utils import timezone

from bench._harness import count_queries

SIZES = (100, 1000, 10000)


def _bulk(board, count: int, start: int, today) -> None:
    from django.contrib.contenttypes.models import ContentType
    from simple_history.utils import bulk_create_with_history

    from scr import services
    from scr.models import Deadline, Review

    by = services.system_user()
    reviews = bulk_create_with_history(
        [
            Review(
                board=board,
                reference=f"LU-D-{start + n:06d}",
                child_code=f"Child {n}",
                review_type="scr",
                started_on=today - timedelta(days=60),
                completion_due=today + timedelta(days=n % 20 - 10),
            )
            for n in range(count)
        ],
        Review,
        batch_size=1000,
        default_user=by,
    )
    if not reviews[0].pk:  # backends that do not return keys from bulk inserts
        reviews = list(Review.objects.filter(reference__in=[r.reference for r in reviews]))
    content_type = ContentType.objects.get_for_model(Review)
    bulk_create_with_history(
        [
            Deadline(
                board=board,
                review=review,
                content_type=content_type,
                object_id=review.pk,
                key="completion",
                label="Review completed",
                due_on=review.completion_due,
                responsible_role="business_manager",
            )
            for review in reviews
        ],
        Deadline,
        batch_size=1000,
        default_user=by,
    )


def run() -> dict:
    from scr import services
    from scr.board_defaults import load_default_boards
    from scr.deadlines import sweep
    from scr.models import Agency, Board, BoardRole

    load_default_boards(Board, Agency)
    board = Board.objects.get(slug="luton")
    services.person_add_to_board(
        board=board,
        email="bench.manager@luton.example.org",
        full_name="Bench Manager",
        role=BoardRole.BUSINESS_MANAGER,
        agency=None,
        by=services.system_user(),
    )
    today = timezone.localdate()
    figures, made = {}, 0
    for size in SIZES:
        _bulk(board, size - made, made, today)
        made = size
        # A day later than the last run, so every deadline in reach has a fresh reminder to send.
        day = today + timedelta(days=SIZES.index(size))
        sent = []
        started = time.perf_counter()
        queries = count_queries(lambda day=day, sent=sent: sent.append(sweep(day)))
        seconds = round(time.perf_counter() - started, 3)
        print(f"{size:>6} reviews: {seconds:7.3f} s, {queries} queries, {sent[0]} reminders")
        figures[f"seconds_n{size}"] = seconds
        figures[f"queries_n{size}"] = queries
        figures[f"reminders_n{size}"] = sent[0]
    figures["seconds"] = figures[f"seconds_n{SIZES[-1]}"]
    return figures
