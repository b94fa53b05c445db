"""Reads. Every selector returns data already scoped to the user, with what its page needs
joined or prefetched, so a page's query count does not grow with the data."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from scr import registry
from scr.models import AccessLog, Board, BoardMembership, Review, ReviewRole


def reviews_for_user(user, *, review_type: str = "", stage: str = "", is_open=None) -> QuerySet:
    reviews = Review.objects.for_user(user).select_related("board")
    if review_type:
        reviews = reviews.filter(review_type=review_type)
    if stage:
        reviews = reviews.filter(stage=stage)
    if is_open is not None:
        reviews = reviews.filter(is_open=is_open)
    return reviews.prefetch_related(
        Prefetch(
            "roles",
            queryset=ReviewRole.objects.filter(user=user).select_related("agency"),
            to_attr="my_roles",
        )
    )


def review_people(review: Review) -> QuerySet:
    return review.roles.select_related("user", "agency")


def board_people(board: Board) -> QuerySet:
    return BoardMembership.objects.filter(board=board).select_related("user", "agency")


@dataclass
class AuditEntry:
    at: datetime
    who: str
    what: str
    detail: str


_CHANGE = {"+": "Created", "~": "Changed", "-": "Deleted"}


def _history_entries(records) -> list[AuditEntry]:
    entries = []
    for record in records:
        changes = ""
        previous = getattr(record, "previous_in_trail", None)
        if record.history_type == "~" and previous is not None:
            delta = record.diff_against(previous)
            changes = ", ".join(f"{c.field}: {c.old!s:.40} → {c.new!s:.40}" for c in delta.changes)
        entries.append(
            AuditEntry(
                at=record.history_date,
                who=str(record.history_user) if record.history_user_id else "Unknown",
                what=f"{_CHANGE[record.history_type]} {record.instance._meta.verbose_name}",
                detail=changes or str(record.instance),
            )
        )
    return entries


@registry.audit_source
def _core_history(review: Review):
    return [
        Review.history.filter(id=review.pk).select_related("history_user"),
        ReviewRole.history.filter(review_id=review.pk).select_related(
            "history_user", "user", "agency"
        ),
    ]


def review_audit_trail(review: Review, limit: int = 500) -> tuple[list[AuditEntry], QuerySet]:
    """Every recorded change to the review and what hangs off it, newest first, and the log of
    who viewed, downloaded or was refused what."""
    entries: list[AuditEntry] = []
    for source in registry.audit_sources:
        for records in source(review):
            records = list(records.order_by("-history_date")[:limit])
            by_object: dict = {}
            for record in sorted(records, key=lambda r: r.history_date):
                record.previous_in_trail = by_object.get(record.id)
                by_object[record.id] = record
            entries.extend(_history_entries(records))
    entries.sort(key=lambda e: e.at, reverse=True)
    accesses = AccessLog.objects.filter(review=review).select_related("user")[:limit]
    return entries[:limit], accesses


@registry.home_tasks
def _deadline_tasks(user, reviews) -> list[registry.Task]:
    """Open deadlines of the user's reviews, due within two weeks or overdue, that fall to a role
    the user holds (on the board or in that review)."""
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    from scr.access import board_roles
    from scr.models import Deadline

    if not reviews:
        return []
    horizon = timezone.localdate() + timedelta(days=14)
    held_on_board = board_roles(user)
    roles_by_review = {r.pk: {x.role for x in getattr(r, "my_roles", [])} for r in reviews}
    tasks = []
    for deadline in Deadline.objects.filter(
        review__in=reviews, completed_on__isnull=True, due_on__lte=horizon
    ).select_related("review")[:200]:
        mine = deadline.responsible_role in held_on_board.get(deadline.board_id, set()) or (
            deadline.responsible_role in roles_by_review.get(deadline.review_id, set())
        )
        if mine:
            tasks.append(
                registry.Task(
                    title=deadline.label,
                    url=reverse("review_timetable", args=[deadline.review_id]),
                    due=deadline.due_on,
                    review_reference=deadline.review.reference,
                )
            )
    return tasks
