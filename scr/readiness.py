"""Is the review ready to go to Ofsted? Each evaluation area judged from the review's own data,
with what is missing and where to put it right. The core judges its own areas; each stage adds
its own through ``registry.readiness_source``."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from scr import registry
from scr.models import Deadline, ExecutiveSummary, Review, ReviewRole, ReviewRoleKind
from scr.models.terms import TermsOfReference, TermsStatus
from scr.services import COMPLETION

Area = registry.ReadinessArea


def _area(title: str, missing: list[tuple[str, str]]) -> Area:
    return Area(title=title, met=not missing, missing=tuple(missing))


def _timeliness(review: Review) -> Area:
    deadline = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(Review),
        object_id=review.pk,
        key=COMPLETION,
    ).first()
    missing = []
    timetable = reverse("review_timetable", args=[review.pk])
    if deadline is None:
        missing.append(("The review has no completion date on its timetable", timetable))
    else:
        finished = review.completed_on or timezone.localdate()
        if finished > deadline.due_on:
            missing.append(
                (
                    f"The review is past its completion date of {deadline.due_on:%d %B %Y}, and no "
                    "extension moved it",
                    timetable,
                )
            )
    return _area("Timeliness, with any agreed extension", missing)


def _terms(review: Review, terms: TermsOfReference | None) -> list[Area]:
    link = reverse("terms_detail", args=[review.pk])
    scope = []
    if terms is None or terms.status != TermsStatus.SIGNED:
        scope.append(("Have the terms of reference approved and signed", link))
    if terms is None or not (terms.period_start and terms.period_end):
        scope.append(("Set the period under review in the terms of reference", link))
    family = []
    if terms is None or not terms.family_involvement.strip():
        family.append(("Record how the family is involved, in the terms of reference", link))
    summary = ExecutiveSummary.objects.filter(review=review).first()
    if summary is None or not summary.shared_with_family_on:
        family.append(
            (
                "Record when the executive summary was shared with the family",
                reverse("summary_detail", args=[review.pk]),
            )
        )
    parallel = []
    if terms is None or not terms.parallel_processes.strip():
        parallel.append(
            ("Record the parallel processes considered, in the terms of reference", link)
        )
    return [
        _area("Scope, and the terms of reference signed", scope),
        _area("Family involvement", family),
        _area("Parallel processes considered", parallel),
    ]


def _independence(review: Review) -> Area:
    missing = []
    roles = ReviewRole.objects.filter(
        review=review,
        role__in=[
            ReviewRoleKind.PANEL_CHAIR,
            ReviewRoleKind.OVERVIEW_AUTHOR,
            ReviewRoleKind.IMR_AUTHOR,
        ],
    ).select_related("user", "agency")
    held = {role.role for role in roles}
    for needed in (ReviewRoleKind.PANEL_CHAIR, ReviewRoleKind.OVERVIEW_AUTHOR):
        if needed not in held:
            missing.append(
                (
                    f"Appoint the {ReviewRoleKind(needed).label.lower()}",
                    reverse("review_people", args=[review.pk]),
                )
            )
    for role in roles:
        if not role.independence_declared_on:
            missing.append(
                (
                    f"{role.user.full_name} ({role.get_role_display().lower()}) has not declared "
                    "their independence",
                    reverse("review_detail", args=[review.pk]),
                )
            )
    return _area("Independence of the chair, the overview author and the report authors", missing)


def _summary(review: Review) -> Area:
    summary = ExecutiveSummary.objects.filter(review=review).first()
    link = reverse("summary_detail", args=[review.pk])
    if summary is None or summary.leak_checked_at is None:
        return _area("Executive summary anonymised", [("Run the leak check", link)])
    if summary.saved_at and summary.saved_at > summary.leak_checked_at:
        return _area(
            "Executive summary anonymised",
            [("Run the leak check again: the summary changed since", link)],
        )
    return _area("Executive summary anonymised", [(p, link) for p in summary.leak_problems])


def readiness(review: Review) -> list[Area]:
    terms = TermsOfReference.objects.filter(review=review).first()
    areas = [_timeliness(review), *_terms(review, terms), _independence(review)]
    for source in registry.readiness_sources:
        areas += source(review)
    areas.append(_summary(review))
    return areas
