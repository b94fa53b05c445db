"""The review lifecycle: review list, home and progress pages at 10-1,000 reviews; the sweep.

The pages (median ms and queries) are measured at 10, 100 and 1,000 reviews of one board, a few
driven through the real services and the rest bulk-made with their milestones and events; the
deadline sweep runs once over 10,000 open reviews with most milestones done."""

import time
from datetime import timedelta

from django.utils import timezone

from bench._harness import count_queries, measure

PAGE_SIZES = (10, 100, 1000)
SWEEP_SIZE = 10000
BATCH = 2000
# Real reviews driven through the services (see journeys.stage): (child, lighter?, days since the
# referral, last step taken). The progress page is measured on the one marked.
DRIVEN = [
    ("Child A", False, 18, "letters"),
    ("Child B", False, 57, "reports_signed_off"),
    ("Child C", False, 110, "debrief"),
    ("Child D", True, 36, "chronologies"),
]
PROGRESS_CHILD = "Child C"
# Events outside the milestones' own rules, recorded alongside the milestone named, so that the
# stages they close are complete too.
START_EVENTS = ["referral_received", "decision_meeting", "recommendation_made", "chair_decision"]
EXTRA_EVENTS = {
    "chronologies_due": ["chronology_merged"],
    "imrs_due": ["all:agency_report_accepted"],
    "to_board": ["overview_accepted"],
    "action_plans_qa": ["debrief_held"],
}


def _drive(board, people, today) -> dict:
    """One real review per point of the story; {child: review}."""
    from journeys.story import Case, drive

    made = {}
    for child, lighter, days, until in DRIVEN:
        case = Case(board, people, today - timedelta(days=days), child=child, lighter=lighter)
        drive(case, until=until, today=today)
        made[child] = case.review
    return made


def _plan(board) -> list[tuple[dict | None, list[str], int]]:
    """Each milestone, the event references that complete it, and its due day after the start
    (first, the decision and what led to it, on the start day or a few days before)."""
    from scr.dates import add_period
    from scr.lifecycle import rule_refs

    start = timezone.localdate()
    plan = [(None, START_EVENTS, 2)]
    for milestone in board.milestones:
        refs = rule_refs(milestone.get("event", "")) + EXTRA_EVENTS.get(milestone["key"], [])
        due = add_period(start, milestone["amount"], milestone["unit"])
        plan.append((milestone, refs, (due - start).days))
    return plan


def _events(refs: list[str], on, parts: list[str]) -> dict:
    """{(key, part): date} for the references, every contributing agency for an "all:" one."""
    events = {}
    for ref in refs:
        if ref.startswith("all:"):
            events.update({(ref[4:], part): on for part in parts})
        elif ":" in ref:
            events[tuple(ref.split(":", 1))] = on
        else:
            events[(ref, "")] = on
    return events


def _bulk(board, start: int, count: int, today, by, parts: list[str]) -> None:
    """``count`` open reviews, 60 to 119 days in: each with the board's milestones and the
    completion date, those already due done on time (with the events that did them), the rest
    to come after the reminder window, except in one review in 25, whose next milestone is
    overdue or due within it."""
    from django.contrib.contenttypes.models import ContentType
    from simple_history.utils import bulk_create_with_history

    from scr import lifecycle
    from scr.models import AgencyInvolvement, Deadline, Review, ReviewEvent

    plan = _plan(board)
    later = today + timedelta(days=board.reminder_days_before + 1)
    review_type = board.review_types[0]["code"]
    reviews, timetables, happenings = [], [], []
    for n in range(start, start + count):
        began = today - timedelta(days=60 + n % 60)
        events = {}
        for _, refs, day in plan:
            on = began + timedelta(days=day - 2 - n % 5)
            if on < today:
                events.update(_events(refs, on, parts))
        review = Review(
            board=board,
            reference=f"{board.reference_prefix}-BENCH-{n:06d}",
            child_code=f"Child {n}",
            review_type=review_type,
            started_on=began,
            completion_due=board.completion_due(began),
        )
        facts = lifecycle.Facts(events, {}, set(parts))
        review.stage = lifecycle.derive_stage(review, facts)
        rows = [
            (
                m["key"],
                m["label"],
                m.get("responsible_role", ""),
                began + timedelta(days=day),
                lifecycle.rule_date(m.get("event", ""), facts) if m.get("event") else None,
            )
            for m, _, day in plan
            if m is not None
        ]
        rows.append(
            (
                lifecycle.COMPLETION,
                "Review completed",
                "business_manager",
                review.completion_due,
                None,
            )
        )
        flagged, timetable = n % 25 == 0, []
        for key, label, role, due, done_on in sorted(rows, key=lambda row: row[3]):
            if done_on is None:
                if flagged:  # overdue by up to 4 days, or due within the next week
                    due, flagged = today + timedelta(days=n // 25 % 12 - 4), False
                else:
                    due = max(due, later)
            timetable.append((key, label, role, due, done_on))
        review.completion_due = next(r[3] for r in timetable if r[0] == lifecycle.COMPLETION)
        reviews.append(review)
        timetables.append(timetable)
        happenings.append(events)
    reviews = bulk_create_with_history(reviews, Review, batch_size=BATCH, default_user=by)
    if not reviews[0].pk:  # backends that do not return keys from bulk inserts
        by_ref = {r.reference: r for r in Review.objects.filter(board=board)}
        reviews = [by_ref[r.reference] for r in reviews]
    content_type = ContentType.objects.get_for_model(Review)
    deadlines = [
        Deadline(
            board=board,
            review=review,
            content_type=content_type,
            object_id=review.pk,
            key=key,
            label=label,
            due_on=due,
            responsible_role=role,
            completed_on=done_on,
        )
        for review, timetable in zip(reviews, timetables, strict=True)
        for key, label, role, due, done_on in timetable
    ]
    bulk_create_with_history(deadlines, Deadline, batch_size=BATCH, default_user=by)
    events = [
        ReviewEvent(review=review, key=key, part=part, happened_on=on, recorded_by=by)
        for review, happened in zip(reviews, happenings, strict=True)
        for (key, part), on in happened.items()
    ]
    bulk_create_with_history(events, ReviewEvent, batch_size=BATCH, default_user=by)
    # The agencies that said they were involved: the contributors the "all:" rules count.
    involvements = [
        AgencyInvolvement(
            review=review,
            agency_id=int(part),
            requested_on=review.started_on,
            answer_due=review.started_on + timedelta(days=7),
            involved=True,
            answered_on=review.started_on + timedelta(days=3),
        )
        for review in reviews
        for part in parts
    ]
    bulk_create_with_history(involvements, AgencyInvolvement, batch_size=BATCH, default_user=by)


def _page(client, url: str, repeat: int = 5) -> tuple[float | None, int | str]:
    def view():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"{url} answered {response.status_code}")

    try:
        return measure(view, repeat=repeat)
    except Exception as error:  # noqa: BLE001 - a page still being built: report it, go on
        print(f"  {url}: {type(error).__name__}: {str(error).splitlines()[0][:200]}")
        return None, f"error: {type(error).__name__}"


def run() -> dict:
    from django.core import mail
    from django.test import Client
    from django.urls import reverse

    from scr import services
    from scr.board_defaults import load_default_boards
    from scr.deadlines import sweep
    from scr.demo import people_for
    from scr.models import Agency, Board, Review

    load_default_boards(Board, Agency)
    board = Board.objects.get(slug="waltham-forest")
    people = people_for(board)
    today = timezone.localdate()
    by = services.system_user()
    parts = [
        str(Agency.objects.filter(board=board, discipline=d).order_by("pk").first().pk)
        for d in ("police", "health")
    ]
    started = time.perf_counter()
    driven = _drive(board, people, today)
    print(
        f"{len(driven)} reviews driven through the story in {time.perf_counter() - started:.1f} s"
    )
    client = Client()
    client.force_login(people["manager"], backend="django.contrib.auth.backends.ModelBackend")
    pages = {
        "list": reverse("review_list"),
        "home": reverse("home"),
        "progress": reverse("review_detail", args=[driven[PROGRESS_CHILD].pk]),
    }
    figures, made = {}, len(driven)
    for size in PAGE_SIZES:
        started = time.perf_counter()
        _bulk(board, made, size - made, today, by, parts)
        made = size
        built = time.perf_counter() - started
        print(f"{size:>5} reviews (built in {built:.1f} s):")
        for name, url in pages.items():
            median_ms, queries = _page(client, url)
            if median_ms is not None:
                print(f"  {name:<8} {median_ms:8.2f} ms median, {queries} queries")
            figures[f"{name}_median_ms_n{size}"] = median_ms
            figures[f"{name}_queries_n{size}"] = queries

    started = time.perf_counter()
    _bulk(board, made, SWEEP_SIZE - made, today, by, parts)
    open_reviews = Review.objects.filter(board=board, is_open=True).count()
    print(f"{open_reviews} open reviews built in {time.perf_counter() - started:.1f} s")
    mail.outbox = []
    sent = []
    started = time.perf_counter()
    queries = count_queries(lambda: sent.append(sweep(today)))
    seconds = round(time.perf_counter() - started, 3)
    print(
        f"sweep over {open_reviews} open reviews: {seconds:.3f} s, {queries} queries, "
        f"{sent[0]} reminders sent, {len(mail.outbox)} emails"
    )
    figures.update(
        sweep_reviews=open_reviews,
        sweep_seconds=seconds,
        sweep_queries=queries,
        reminders_sent=sent[0],
    )
    return figures
