"""The integrated chronology page merged from 10 agencies, at 500 and 5,000 rows, against the raw
fetch of the same rows."""

import time
from datetime import date, timedelta

from django.utils import timezone

from bench._harness import count_queries, manager_client, measure

SIZES = (500, 5000)
AGENCIES = 10


def _submit_rows(review, agencies, by, total: int) -> None:
    """Each agency submits its share of ``total`` rows (built in bulk: what is measured is the
    merge and the page, not the typing)."""
    from chronology.models import AgencyChronology, ChronologyEntry, Submission
    from chronology.selectors import snapshot_row

    Submission.objects.filter(chronology__review=review).delete()
    ChronologyEntry.objects.filter(chronology__review=review).delete()
    start = date(2020, 1, 1)
    for index, agency in enumerate(agencies):
        chronology, _ = AgencyChronology.objects.get_or_create(review=review, agency=agency)
        share = total // len(agencies)
        entries = ChronologyEntry.objects.bulk_create(
            [
                ChronologyEntry(
                    chronology=chronology,
                    occurred_precision="exact" if n % 7 else "month",
                    occurred_on=start + timedelta(days=(n * 3 + index) % 1800),
                    sort_date=start + timedelta(days=(n * 3 + index) % 1800),
                    event=f"Contact {n} by {agency.name}: home visit, family seen, plan reviewed",
                    source="Case notes",
                    action="Referral to early help",
                    child_seen=("yes", "alone", "no", "not_known")[n % 4],
                    comment="Good practice" if n % 11 == 0 else "",
                    concern=n % 13 == 0,
                )
                for n in range(share)
            ]
        )
        Submission.objects.create(
            chronology=chronology,
            number=1,
            submitted_at=timezone.now(),
            submitted_by=by,
            rows=[snapshot_row(entry, agency) for entry in entries],
        )


def run() -> dict:
    from chronology.models import Submission
    from scr import services

    board, manager, client = manager_client()
    review = services.review_create(
        board=board, child_code="Child A", review_type="scr", started_on=date.today(), by=manager
    )
    agencies = list(board.agencies.all()[:AGENCIES])
    figures = {}
    for size in SIZES:
        _submit_rows(review, agencies, manager, size)
        url = f"/reviews/{review.pk}/chronology/"

        def view(url=url):
            response = client.get(url)
            assert response.status_code == 200, response.status_code

        def floor():
            rows = []
            for submission in Submission.objects.filter(chronology__review=review):
                rows.extend(submission.rows)
            return rows

        median_ms, queries = measure(view, repeat=5)
        floor_ms, _ = measure(floor, repeat=5)
        print(
            f"{size:>5} rows: {median_ms:8.1f} ms median (raw fetch {floor_ms:.1f} ms, "
            f"ratio {median_ms / floor_ms:.1f}), {queries} queries"
        )
        figures[f"median_ms_n{size}"] = median_ms
        figures[f"queries_n{size}"] = queries
        figures[f"ratio_to_floor_n{size}"] = round(median_ms / floor_ms, 2)
    figures["ratio_to_floor"] = figures[f"ratio_to_floor_n{SIZES[-1]}"]
    start = time.perf_counter()
    count_queries(lambda: client.get(f"/reviews/{review.pk}/chronology/export.pdf"))
    figures["pdf_seconds_n5000"] = round(time.perf_counter() - start, 1)
    print(f"PDF of {SIZES[-1]} rows: {figures['pdf_seconds_n5000']} s")
    return figures
