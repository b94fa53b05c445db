"""Reads of the referral stage, scoped to the user, with bounded queries."""

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet
from django.urls import reverse

from scr.access import board_ids_for
from scr.models import BoardMembership
from scr.registry import Task

from .models import (
    Attendance,
    DecisionMeeting,
    InformationRequest,
    MemberView,
    Referral,
    ReferralStatus,
)
from .rules import OFFICE, OVERSIGHT


def referrals_for_user(user) -> QuerySet:
    """The office, board chair and decision body see their boards' submitted referrals; everyone
    sees the referrals they made, drafts included."""
    return (
        Referral.objects.filter(
            Q(board__in=board_ids_for(user, roles=OVERSIGHT)) & ~Q(status=ReferralStatus.DRAFT)
            | Q(referred_by=user, board__in=board_ids_for(user))
        )
        .select_related("board", "referring_agency", "review")
        .annotate(
            answered=Count("requests", filter=Q(requests__answered_at__isnull=False)),
            asked=Count("requests"),
        )
        .order_by("-created_at")
    )


def possible_duplicates(referral: Referral) -> QuerySet:
    """Open referrals of the board about a child with the same name and date of birth."""
    if not referral.child_name or not referral.child_date_of_birth:
        return Referral.objects.none()
    return (
        Referral.objects.filter(
            board=referral.board,
            child_name__iexact=referral.child_name.strip(),
            child_date_of_birth=referral.child_date_of_birth,
        )
        .exclude(pk=referral.pk)
        .exclude(status__in=[ReferralStatus.DRAFT, ReferralStatus.DECIDED])
    )


def requests_for_agency_staff(user) -> QuerySet:
    """Unanswered requests to the agencies the user works for."""
    mine = BoardMembership.objects.filter(
        user=user, agency=OuterRef("agency"), board=OuterRef("referral__board")
    )
    return (
        InformationRequest.objects.filter(Exists(mine), answered_at__isnull=True)
        .select_related("referral", "agency")
        .order_by("due_on")
    )


def referral_page(referral: Referral) -> Referral:
    return (
        Referral.objects.select_related(
            "board", "referred_by", "referring_agency", "review", "decision__decided_by"
        )
        .prefetch_related(
            "family",
            "agencies_involved",
            Prefetch(
                "requests",
                queryset=InformationRequest.objects.select_related("agency", "answered_by"),
            ),
            "notifications",
            "recommendations__made_by",
            "meetings",
        )
        .get(pk=referral.pk)
    )


def referral_tasks(user, reviews) -> list[Task]:
    tasks = [
        Task(
            title=f"Tell the board what {request.agency.name} knew",
            url=reverse("request_answer", args=[request.pk]),
            due=request.due_on,
            review_reference=request.referral.reference,
        )
        for request in requests_for_agency_staff(user)[:20]
    ]
    office_boards = board_ids_for(user, roles=OFFICE)
    if office_boards:
        waiting = Referral.objects.filter(
            board__in=office_boards, status=ReferralStatus.SUBMITTED
        ).order_by("submitted_at")[:20]
        tasks += [
            Task(
                title="Ask the member agencies what they knew",
                url=reverse("referral_detail", args=[r.pk]),
                review_reference=r.reference,
            )
            for r in waiting
        ]
    return tasks


def meeting_page(meeting: DecisionMeeting) -> DecisionMeeting:
    return (
        DecisionMeeting.objects.select_related("board")
        .prefetch_related(
            Prefetch("attendance", queryset=Attendance.objects.select_related("user", "agency")),
            Prefetch("referrals", queryset=Referral.objects.order_by("submitted_at")),
            Prefetch("views", queryset=MemberView.objects.select_related("member")),
            Prefetch("referrals__recommendations"),
        )
        .get(pk=meeting.pk)
    )


def referral_steps(referral: Referral) -> list[tuple]:
    """Every step of the referral, oldest first: (when, who, what)."""
    steps = []
    previous = None
    for record in referral.history.select_related("history_user").order_by("history_date"):
        if record.status != previous:
            what = "Draft started" if previous is None else f"Status: {record.get_status_display()}"
            steps.append((record.history_date, record.history_user, what))
            previous = record.status
    for info in referral.requests.all():
        if info.answered_at:
            known = "knew the family" if info.knew_family else "did not know the family"
            steps.append(
                (info.answered_at, info.answered_by, f"{info.agency.name} answered: {known}")
            )
        if info.chased_at:
            steps.append((info.chased_at, None, f"{info.agency.name} reminded"))
    for rec in referral.recommendations.all():
        steps.append((rec.made_on, rec.made_by, "Recommendation made"))
    decision = getattr(referral, "decision", None)
    if decision is not None:
        steps.append((decision.decided_on, decision.decided_by, "Board chair decided"))
    for note in referral.notifications.all():
        if note.sent_on:
            steps.append((note.sent_on, None, f"{note.recipient} told ({note.method})"))
    return sorted(steps, key=lambda s: _as_datetime(s[0]))


def _as_datetime(value):
    from datetime import date, datetime, time

    from django.utils import timezone

    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return timezone.make_aware(datetime.combine(value, time.max))
    return value
