"""What the agency report stage plugs into the core: authors', senior managers' and graders'
tasks, the review's audit trail, the tracker's report column and demo data."""

from django.urls import reverse

from scr import registry
from scr.models import ReviewRoleKind

from . import demo
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


registry.demo_seeder(demo.seed)
