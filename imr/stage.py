"""What the agency report stage plugs into the core: authors', senior managers' and graders'
tasks, the review's audit trail, the tracker's report column and demo data."""

from django.urls import reverse

from scr import registry
from scr.models import ReviewRoleKind

from .models import (
    AgencyReport,
    Consultation,
    Interview,
    ManagerReview,
    PanelGrade,
    ReportRecommendation,
    ReportSection,
    ReportStatus,
    ReportVersion,
)
from .rules import GRADERS


@registry.home_tasks
def _report_tasks(user, reviews) -> list[registry.Task]:
    wanted = [
        (review, role)
        for review in reviews
        for role in getattr(review, "my_roles", [])
        if role.role in (ReviewRoleKind.IMR_AUTHOR, ReviewRoleKind.SENIOR_MANAGER, *GRADERS)
    ]
    if not wanted:
        return []
    reports = {
        (r.review_id, r.agency_id): r
        for r in AgencyReport.objects.filter(review__in={review for review, _ in wanted})
    }
    name = {review.pk: review.board.agency_report_name for review, _ in wanted}
    tasks = []
    for review, role in wanted:
        report = reports.get((review.pk, role.agency_id))
        status = report.status if report else ReportStatus.DRAFT
        if role.role == ReviewRoleKind.IMR_AUTHOR and status in ReportStatus.editable():
            title = (
                f"Revise your agency's {name[review.pk]} for the panel"
                if status == ReportStatus.REVISING
                else f"Write your agency's {name[review.pk]}"
            )
            url = reverse("imr_report", args=[review.pk, role.agency_id])
        elif role.role == ReviewRoleKind.SENIOR_MANAGER and status == ReportStatus.WITH_MANAGER:
            title = f"Check and sign off your agency's {name[review.pk]}"
            url = reverse("imr_quality", args=[review.pk, role.agency_id])
        elif role.role in GRADERS and any(
            r.review_id == review.pk and r.status == ReportStatus.WITH_PANEL
            for r in reports.values()
        ):
            title = "Grade the agency reports with the panel"
            url = reverse("imr_index", args=[review.pk])
        else:
            continue
        task = registry.Task(title=title, url=url, review_reference=review.reference)
        if task not in tasks:
            tasks.append(task)
    return tasks


@registry.audit_source
def _report_history(review):
    return [
        AgencyReport.history.filter(review_id=review.pk).select_related("history_user"),
        ReportSection.history.filter(report__review_id=review.pk).select_related("history_user"),
        Consultation.history.filter(report__review_id=review.pk).select_related("history_user"),
        Interview.history.filter(report__review_id=review.pk).select_related("history_user"),
        ReportRecommendation.history.filter(report__review_id=review.pk).select_related(
            "history_user"
        ),
        ManagerReview.history.filter(report__review_id=review.pk).select_related("history_user"),
        ReportVersion.history.filter(report__review_id=review.pk).select_related("history_user"),
        PanelGrade.history.filter(version__report__review_id=review.pk).select_related(
            "history_user"
        ),
    ]


@registry.tracker_column
def _report_column(review):
    cells = {}
    for report in AgencyReport.objects.filter(review=review).prefetch_related("versions"):
        versions = list(report.versions.all())
        text = report.get_status_display()
        if versions:
            latest = versions[-1]
            text = f"{text}; {latest.label}, signed off {latest.signed_off_on:%d %b %Y}"
        cells[report.agency_id] = text
    return (
        f"{review.board.agency_report_name[:1].upper()}{review.board.agency_report_name[1:]}",
        cells,
    )




def _best_versions(review):
    """Each agency's version for the board: its final one, or else its latest."""
    best = {}
    for version in (
        ReportVersion.objects.filter(report__review=review)
        .select_related("report__agency")
        .order_by("report__agency__name", "number")
    ):
        current = best.get(version.report_id)
        if current is None or not current.is_final:
            best[version.report_id] = version
    return list(best.values())


@registry.quote_source
def _report_quotes(review):
    quotes = []
    for version in _best_versions(review):
        for section in version.content["sections"]:
            if section["text"].strip():
                quotes.append(
                    registry.Quote(
                        ref=f"R{version.report.agency_id}.{section['key']}",
                        label=f"{version.report.agency.name}'s report: {section['title']}",
                        text=section["text"],
                    )
                )
    return quotes


@registry.bundle_source
def _reports_in_bundle(review):
    from django.template.loader import render_to_string

    from scr.text import to_html

    parts = []
    for version in _best_versions(review):
        sections = [{**s, "html": to_html(s["text"])} for s in version.content["sections"]]
        html = render_to_string(
            "imr/_bundle.html",
            {"version": version, "content": version.content, "sections": sections},
        )
        parts.append(registry.BundlePart(f"{version.report.agency.name}: {version.label}", html))
    return parts


@registry.readiness_source
def _reports_in(review):
    from django.urls import reverse

    from scr.models import TermsOfReference

    terms = TermsOfReference.objects.filter(review=review).first()
    wanted = {
        int(agency_id)
        for agency_id, form in ((terms.contributions if terms else {}) or {}).items()
        if form == "imr"
    }
    reports = {
        r.agency_id: r for r in AgencyReport.objects.filter(review=review).select_related("agency")
    }
    missing = []
    from scr.models import Agency

    for agency in Agency.objects.filter(pk__in=wanted).order_by("name"):
        report = reports.get(agency.pk)
        if report is None or report.status != ReportStatus.ACCEPTED:
            state = report.get_status_display().lower() if report else "not started"
            missing.append(
                (
                    f"{agency.name}'s report is {state}, not accepted as final",
                    reverse("imr_index", args=[review.pk]),
                )
            )
    if not wanted:
        missing.append(
            (
                "The terms of reference name no agency contributing a report",
                reverse("terms_detail", args=[review.pk]),
            )
        )
    title = "Every contributing agency's report in, signed off and accepted"
    return [registry.ReadinessArea(title, not missing, tuple(missing))]


def _interview_notes(reviews):
    found = {}
    for i in Interview.objects.filter(
        report__review__in=list(reviews), destroyed_on__isnull=True
    ).select_related("report__agency"):
        found.setdefault(i.report.review_id, []).append(
            (i.pk, f"Notes of the interview with {i.role} ({i.report.agency.name})")
        )
    return found


def _destroy_interview_notes(review, ids, by):
    from django.utils import timezone

    from scr.services import _save

    today = timezone.localdate()
    for interview in Interview.objects.filter(pk__in=ids):
        for field in (
            "qualifications",
            "time_in_post",
            "involvement",
            "matters",
            "summary",
            "disagreement",
        ):
            setattr(interview, field, "")
        interview.destroyed_on = today
        _save(interview, by)
    # The frozen versions carried the notes too.
    for version in ReportVersion.objects.filter(report__review=review):
        if version.content.get("interviews"):
            version.content["interviews"] = [
                {"role": row.get("role", ""), "destroyed": today.isoformat()}
                for row in version.content["interviews"]
            ]
            _save(version, by)


registry.retention_type(
    registry.RetentionType(
        key="interview_notes",
        label="Interview notes",
        years=lambda board: board.interview_notes_kept_years,
        items=_interview_notes,
        destroy=_destroy_interview_notes,
    )
)


def _reports_url(review):
    return reverse("imr_index", args=[review.pk])


def _full_review(review) -> bool:
    from scr.alternative import is_lighter

    return not is_lighter(review)


registry.lifecycle_event(
    registry.LifecycleEvent(
        "agency_report_signed_off",
        "Agency report signed off by its senior manager",
        "agency_reports",
        per_agency=("imr",),
    ),
    registry.LifecycleEvent(
        "agency_report_accepted",
        "Agency report accepted by the panel",
        "agency_reports",
        per_agency=("imr",),
    ),
)
registry.lifecycle_stage(
    registry.LifecycleStage(
        "agency_reports",
        "Agency reports",
        50,
        "all:agency_report_accepted",
        (
            registry.StageTask(
                "Each agency's senior manager signs its report off",
                "all:agency_report_signed_off",
                "Agencies' senior managers",
                _reports_url,
            ),
            registry.StageTask(
                "The panel accepts each report",
                "all:agency_report_accepted",
                "Panel",
                _reports_url,
            ),
        ),
        applies=_full_review,
    )
)
