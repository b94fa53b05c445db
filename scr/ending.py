"""What the end of a review plugs into the core's shared lists: its history in the review's
audit trail, and the tasks it puts on people's home pages."""

from django.urls import reverse

from scr import registry
from scr.access import REVIEW_MANAGERS, board_roles
from scr.models import (
    BoardRole,
    Bundle,
    BundleSending,
    Evaluation,
    ExecutiveSummary,
    LegalHold,
    OverviewReport,
    OverviewSection,
    OverviewStatus,
    OverviewVersion,
    ReviewRoleKind,
    SectionComment,
    Tombstone,
)


@registry.audit_source
def _ending_history(review):
    def of(model, **lookup):
        return model.history.filter(**lookup).select_related("history_user")

    return [
        of(OverviewReport, review_id=review.pk),
        of(OverviewSection, report__review_id=review.pk),
        of(SectionComment, section__report__review_id=review.pk),
        of(OverviewVersion, report__review_id=review.pk),
        of(ExecutiveSummary, review_id=review.pk),
        of(Bundle, review_id=review.pk),
        of(BundleSending, bundle__review_id=review.pk),
        of(Evaluation, review_id=review.pk),
        of(LegalHold, review_id=review.pk),
        of(Tombstone, review_id=review.pk),
    ]


@registry.home_tasks
def _ending_tasks(user, reviews) -> list[registry.Task]:
    """The overview author writes; the office records the board's acceptance; the board chair
    signs the review off."""
    reports = {
        r.review_id: r.status for r in OverviewReport.objects.filter(review__in=list(reviews))
    }
    roles = board_roles(user)
    tasks = []
    for review in reviews:
        status = reports.get(review.pk, OverviewStatus.DRAFTING)
        mine = {role.role for role in getattr(review, "my_roles", [])}
        held = roles.get(review.board_id, frozenset())
        title = None
        writing = review.stage in ("agency_reports", "overview")
        if ReviewRoleKind.OVERVIEW_AUTHOR in mine and status == OverviewStatus.DRAFTING and writing:
            title = "Write the overview report"
        elif held & REVIEW_MANAGERS and status == OverviewStatus.RECOMMENDED:
            title = "Record the board's acceptance of the overview report"
        elif BoardRole.BOARD_CHAIR in held and status == OverviewStatus.ACCEPTED:
            title = "Sign the review off as complete"
        if title:
            tasks.append(
                registry.Task(
                    title=title,
                    url=reverse("overview_detail", args=[review.pk]),
                    review_reference=review.reference,
                )
            )
    return tasks
