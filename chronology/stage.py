"""What the chronology stage plugs into the core: authors' tasks, the audit trail and the
tracker's chronology column."""

from django.urls import reverse

from scr import registry

from .models import (
    AgencyChronology,
    Annotation,
    ChronologyEntry,
    ChronologyStatus,
    Relationship,
    ReviewPerson,
)
from .rules import AGENCY_WRITERS


@registry.home_tasks
def _chronology_tasks(user, reviews) -> list[registry.Task]:
    """An agency's author and senior manager: write and submit the agency's chronology."""
    wanted = [
        (review, role.agency_id)
        for review in reviews
        for role in getattr(review, "my_roles", [])
        if role.role in AGENCY_WRITERS and role.agency_id
    ]
    if not wanted:
        return []
    submitted = set(
        AgencyChronology.objects.filter(
            review__in=[r for r, _ in wanted], status=ChronologyStatus.SUBMITTED
        ).values_list("review_id", "agency_id")
    )
    due = {}
    for review, agency_id in wanted:
        due.setdefault((review.pk, agency_id), review)
    return [
        registry.Task(
            title="Write and submit your agency's chronology",
            url=reverse("agency_chronology", args=[review.pk, agency_id]),
            review_reference=review.reference,
        )
        for (review_pk, agency_id), review in due.items()
        if (review_pk, agency_id) not in submitted
    ]


@registry.audit_source
def _chronology_history(review):
    chronologies = list(review.chronologies.values_list("pk", flat=True))
    return [
        ReviewPerson.history.filter(review_id=review.pk).select_related("history_user"),
        Relationship.history.filter(review_id=review.pk).select_related("history_user"),
        AgencyChronology.history.filter(review_id=review.pk).select_related("history_user"),
        ChronologyEntry.history.filter(chronology_id__in=chronologies).select_related(
            "history_user"
        ),
        Annotation.history.filter(review_id=review.pk).select_related("history_user"),
    ]


@registry.tracker_column
def _chronology_column(review):
    cells = {}
    for chronology in review.chronologies.prefetch_related("submissions"):
        submissions = list(chronology.submissions.all())
        if submissions:
            latest = submissions[0]
            cells[chronology.agency_id] = (
                f"Received {latest.submitted_at:%d %b %Y} (submission {latest.number})"
            )
        else:
            cells[chronology.agency_id] = "Started, not submitted"
    return "Chronology", cells




@registry.name_source
def _real_names(review):
    return list(ReviewPerson.objects.filter(review=review).values_list("code", "name"))


@registry.quote_source
def _chronology_quotes(review):
    from .selectors import latest_submissions

    quotes = []
    for submission in latest_submissions(review):
        for row in submission.rows:
            quotes.append(
                registry.Quote(
                    ref=f"C{row['id']}",
                    label=f"Chronology, {row['agency']}, {row['date_label']}",
                    text=row["event"] + (f" Action: {row['action']}" if row.get("action") else ""),
                )
            )
    return quotes


@registry.bundle_source
def _chronology_in_bundle(review):
    from django.template.loader import render_to_string

    from . import selectors

    merged = selectors.integrated(review)
    columns = [{"key": "agency", "label": "Agency"}, *review.board.chronology_columns]
    rows = [
        [row["agency"], *cells]
        for row, cells in zip(
            merged.rows, selectors.table(merged.rows, review.board.chronology_columns), strict=True
        )
    ]
    html = render_to_string("chronology/_bundle.html", {"columns": columns, "rows": rows})
    return [registry.BundlePart("Integrated chronology", html)]


@registry.path_step("chronologies", "Agencies' chronologies submitted")
def _chronologies_step(review):
    from django.urls import reverse

    from .selectors import submitted_count

    count = submitted_count(review)
    return count > 0, f"{count} agenc{'y' if count == 1 else 'ies'}", reverse(
        "review_chronology", args=[review.pk]
    )


def _record(key: str):
    return lambda review: reverse("review_event_record", args=[review.pk, key])


def _integrated(review):
    return reverse("review_chronology", args=[review.pk])


registry.lifecycle_event(
    registry.LifecycleEvent(
        "chronology_submitted",
        "Agency chronology submitted",
        "chronologies",
        per_agency=("imr", "chronology"),
    ),
    registry.LifecycleEvent(
        "chronology_merged",
        "Integrated chronology merged",
        "chronologies",
        recordable=True,
        requires="all:chronology_submitted",
    ),
)
registry.lifecycle_stage(
    registry.LifecycleStage(
        "chronologies",
        "Chronologies",
        40,
        "chronology_merged",
        (
            registry.StageTask(
                "Each contributing agency submits its chronology",
                "all:chronology_submitted",
                "Agency report authors",
                _integrated,
            ),
            registry.StageTask(
                "Merge the integrated chronology",
                "chronology_merged",
                "Business manager",
                _record("chronology_merged"),
            ),
        ),
    )
)


def _panel_url(name: str):
    from .rules import is_panel

    return lambda review, user: (
        reverse(name, args=[review.pk]) if is_panel(user, review) else None
    )


def _own_agency(name: str):
    from .rules import agencies_written_by

    def url(review, user):
        agencies = sorted(agencies_written_by(user, review))
        return reverse(name, args=[review.pk, agencies[0]]) if agencies else None

    return url


registry.review_nav(
    registry.ReviewNavEntry(
        "Chronology and reports",
        40,
        _panel_url("review_chronology"),
        frozenset({"chronology", "people_codes", "agency_reports"}),
        pages=(
            ("Integrated chronology", "chronology", _panel_url("review_chronology")),
            ("People and codes", "people_codes", _panel_url("review_people_codes")),
            ("Agency reports", "agency_reports", _panel_url("imr_index")),
        ),
    )
)
registry.review_nav(
    registry.ReviewNavEntry(
        "Your agency",
        45,
        _own_agency("agency_chronology"),
        frozenset({"agency_chronology", "agency_report"}),
        pages=(
            ("Your agency's chronology", "agency_chronology", _own_agency("agency_chronology")),
            ("Your agency's report", "agency_report", _own_agency("imr_report")),
        ),
    )
)
