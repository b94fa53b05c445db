"""Reads. Every selector returns data already scoped to the user, with what its page needs
joined or prefetched, so a page's query count does not grow with the data."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet

from scr import registry
from scr.models import AccessLog, Board, BoardMembership, Review, ReviewRole


def reviews_for_user(user, *, review_type: str = "", stage: str = "", is_open=None) -> QuerySet:
    """The user's reviews with their next open milestone and whether an extension was agreed."""
    from django.db.models import Exists, OuterRef, Subquery

    from scr.models import Deadline, ExtensionRequest, ExtensionStatus

    next_deadline = Deadline.objects.filter(
        review=OuterRef("pk"), completed_on__isnull=True
    ).order_by("due_on", "pk")
    reviews = (
        Review.objects.for_user(user)
        .select_related("board")
        .annotate(
            next_label=Subquery(next_deadline.values("label")[:1]),
            next_due=Subquery(next_deadline.values("due_on")[:1]),
            extended=Exists(
                ExtensionRequest.objects.filter(
                    review=OuterRef("pk"), status=ExtensionStatus.AGREED
                )
            ),
        )
    )
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


def deadlines_for_user(user, reviews, *, horizon=None) -> list:
    """Open deadlines of these reviews that fall to a role the user holds, on the board or in the
    review (``reviews`` carry ``my_roles``, as ``reviews_for_user`` gives them)."""
    from scr.access import board_roles
    from scr.models import Deadline

    if not reviews:
        return []
    held_on_board = board_roles(user)
    roles_by_review = {r.pk: {x.role for x in getattr(r, "my_roles", [])} for r in reviews}
    deadlines = Deadline.objects.filter(review__in=reviews, completed_on__isnull=True)
    if horizon is not None:
        deadlines = deadlines.filter(due_on__lte=horizon)
    return [
        d
        for d in deadlines.select_related("review")[:500]
        if d.responsible_user_id == user.pk
        or (
            d.responsible_user_id is None
            and d.responsible_role in held_on_board.get(d.board_id, set())
        )
        or (
            d.responsible_user_id is None
            and d.responsible_role in roles_by_review.get(d.review_id, set())
        )
    ]


@registry.home_tasks
def _deadline_tasks(user, reviews) -> list[registry.Task]:
    """Deadlines due within two weeks or overdue that fall to the user."""
    from datetime import timedelta

    from django.urls import reverse
    from django.utils import timezone

    horizon = timezone.localdate() + timedelta(days=14)
    return [
        registry.Task(
            title=deadline.label,
            url=reverse("review_timetable", args=[deadline.review_id]),
            due=deadline.due_on,
            review_reference=deadline.review.reference,
        )
        for deadline in deadlines_for_user(user, reviews, horizon=horizon)
    ]


@registry.calendar_source
def _deadline_events(user):
    from django.urls import reverse

    reviews = list(reviews_for_user(user, is_open=True)[:200])
    return [
        registry.CalendarEvent(
            uid=f"deadline-{d.pk}@case-reviews",
            title=f"{d.review.reference}: {d.label}",
            start=d.due_on,
            url=reverse("review_timetable", args=[d.review_id]),
        )
        for d in deadlines_for_user(user, reviews)
    ]


@registry.calendar_source
def _panel_meeting_events(user):
    """Panel meetings of the open reviews on which the user sits on the panel or which they
    manage."""
    from django.db.models import Q
    from django.urls import reverse
    from django.utils import timezone

    from scr.access import REVIEW_MANAGERS, board_ids_for
    from scr.models import PanelMeeting, ReviewRoleKind

    panels = [ReviewRoleKind.PANEL_CHAIR, ReviewRoleKind.PANEL_MEMBER]
    meetings = (
        PanelMeeting.objects.filter(
            Q(review__board__in=board_ids_for(user, roles=REVIEW_MANAGERS))
            | Q(review__roles__user=user, review__roles__role__in=panels),
            review__is_open=True,
            starts_at__gte=timezone.now() - timezone.timedelta(days=90),
        )
        .select_related("review")
        .distinct()[:200]
    )
    return [
        registry.CalendarEvent(
            uid=f"panel-meeting-{m.pk}@case-reviews",
            title=f"{m.review.reference}: {m.purpose}",
            start=m.starts_at,
            url=reverse("panel_meeting", args=[m.review_id, m.pk]),
        )
        for m in meetings
    ]


@registry.home_tasks
def _declaration_tasks(user, reviews) -> list[registry.Task]:
    """Roles of mine that still need a declaration of independence."""
    from django.urls import reverse

    from scr.models import ReviewRoleKind

    return [
        registry.Task(
            title=f"Declare your independence as {role.get_role_display().lower()}",
            url=reverse("independence_declare", args=[review.pk, role.pk]),
            review_reference=review.reference,
        )
        for review in reviews
        for role in getattr(review, "my_roles", [])
        if ReviewRoleKind.declares_independence(role.role) and not role.independence_declared_on
    ]


@registry.home_tasks
def _involvement_tasks(user, reviews) -> list[registry.Task]:
    """Set-up requests to the agencies the user works for that nobody has answered yet."""
    from django.db.models import Exists, OuterRef
    from django.urls import reverse

    from scr.models import AgencyInvolvement

    mine = BoardMembership.objects.filter(
        user=user, agency=OuterRef("agency"), board=OuterRef("review__board")
    )
    return [
        registry.Task(
            title=f"Say whether {i.agency.name} was involved, and who will write its report",
            url=reverse("involvement_answer", args=[i.pk]),
            due=i.answer_due,
            review_reference=i.review.reference,
        )
        for i in AgencyInvolvement.objects.filter(
            Exists(mine), answered_on__isnull=True
        ).select_related("agency", "review")[:20]
    ]
