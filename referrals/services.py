"""Writes of the referral stage: each atomic, validated, naming who acted for the history."""

from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.mail import send_mass_mail
from django.db import transaction
from django.utils import timezone

from scr import lifecycle
from scr import services as core
from scr.dates import add_period
from scr.models import (
    Agency,
    Board,
    BoardMembership,
    BoardRole,
    Review,
    ReviewRoleKind,
    User,
)
from scr.models.boards import Attendee, QuorumResult

from .models import (
    Attendance,
    ChairDecision,
    DecisionMeeting,
    FamilyMember,
    InformationRequest,
    MemberView,
    Notification,
    Recommendation,
    Referral,
    ReferralStatus,
)

REQUIRED_TO_SUBMIT = {
    "child_name": "Enter the child's name",
    "child_date_of_birth": "Enter the child's date of birth",
    "incident_date": "Enter the date of the death or incident",
    "circumstances": "Describe the circumstances",
    "incident_summary": "Describe the incident",
    "reason_for_referral": "Say why the case is referred",
}


def _save(instance, by: User) -> None:
    instance._history_user = by
    instance.full_clean()
    instance.save()


def option(board: Board, code: str) -> dict:
    found = next((o for o in board.decision_options if o["code"] == code), None)
    if found is None:
        raise ValidationError({"option": "Choose one of the board's options"})
    return found


def check_dates(referral: Referral, today: date) -> dict[str, str]:
    errors = {}
    dob, incident, death = (
        referral.child_date_of_birth,
        referral.incident_date,
        referral.date_of_death,
    )
    if dob and dob > today:
        errors["child_date_of_birth"] = "The date of birth must be today or in the past"
    if incident and incident > today:
        errors["incident_date"] = "The date of the incident must be today or in the past"
    if incident and dob and incident < dob:
        errors["incident_date"] = "The date of the incident must be on or after the date of birth"
    if death and dob and death < dob:
        errors["date_of_death"] = "The date of death must be on or after the date of birth"
    if death and death > today:
        errors["date_of_death"] = "The date of death must be today or in the past"
    return errors


@transaction.atomic
def referral_start(*, board: Board, by: User) -> Referral:
    membership = BoardMembership.objects.filter(user=by, board=board, agency__isnull=False).first()
    referral = Referral(
        board=board, referred_by=by, referring_agency=membership.agency if membership else None
    )
    _save(referral, by)
    return referral


@transaction.atomic
def referral_save(
    *, referral: Referral, by: User, fields: dict, agencies=None, version: str | None = None
) -> Referral:
    if referral.status != ReferralStatus.DRAFT:
        raise ValidationError("This referral has been submitted and can no longer be changed.")
    core.check_version(referral, version or None)
    for name, value in fields.items():
        setattr(referral, name, value)
    errors = check_dates(referral, timezone.localdate())
    if errors:
        raise ValidationError(errors)
    _save(referral, by)
    if agencies is not None:
        referral.agencies_involved.set(agencies)
    return referral


@transaction.atomic
def family_member_add(*, referral: Referral, by: User, **fields) -> FamilyMember:
    if referral.status != ReferralStatus.DRAFT:
        raise ValidationError("This referral has been submitted and can no longer be changed.")
    dob = fields.get("date_of_birth")
    if dob and dob > timezone.localdate():
        raise ValidationError({"date_of_birth": "The date of birth must be today or in the past"})
    member = FamilyMember(referral=referral, **fields)
    _save(member, by)
    return member


@transaction.atomic
def family_member_remove(*, member: FamilyMember, by: User) -> None:
    if member.referral.status != ReferralStatus.DRAFT:
        raise ValidationError("This referral has been submitted and can no longer be changed.")
    member._history_user = by
    member.delete()


def _event_dates(referral: Referral, **known: date | None) -> dict[str, date | None]:
    submitted = timezone.localtime(referral.submitted_at).date() if referral.submitted_at else None
    return {"referral": submitted, "incident": referral.incident_date, **known}


def _set_window_deadlines(referral: Referral, by: User, **known: date | None) -> None:
    """Store the board's decision windows whose starting event has happened as deadlines."""
    events = _event_dates(referral, **known)
    for window in referral.board.decision_windows:
        start = events.get(window["from_event"])
        if start is None:
            continue
        core.deadline_set(
            subject=referral,
            board=referral.board,
            key=window["key"],
            label=window["label"],
            due_on=add_period(start, window["amount"], window["unit"]),
            by=by,
            responsible_role="business_manager",
        )


@transaction.atomic
def referral_submit(*, referral: Referral, by: User) -> Referral:
    Referral.objects.select_for_update().filter(pk=referral.pk).first()
    referral.refresh_from_db(fields=["status"])
    if referral.status != ReferralStatus.DRAFT:
        raise ValidationError("This referral has already been submitted.")
    errors = {
        name: message for name, message in REQUIRED_TO_SUBMIT.items() if not getattr(referral, name)
    }
    errors.update(check_dates(referral, timezone.localdate()))
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    referral.reference = core.case_reference_allocate(
        board=referral.board, on=timezone.localtime(now).date()
    )
    referral.status = ReferralStatus.SUBMITTED
    referral.submitted_at = now
    _save(referral, by)
    _set_window_deadlines(referral, by)
    return referral


@transaction.atomic
def information_requests_send(*, referral: Referral, by: User, due_on: date) -> int:
    """Ask every active member agency to secure its records and say what it knew. Agencies asked
    before are not asked twice."""
    if referral.is_draft:
        raise ValidationError("Submit the referral first.")
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": "The date for answers must be today or in the future"})
    asked = set(referral.requests.values_list("agency_id", flat=True))
    agencies = Agency.objects.filter(board=referral.board, is_active=True).exclude(pk__in=asked)
    now = timezone.now()
    made = []
    for agency in agencies:
        request = InformationRequest(referral=referral, agency=agency, sent_at=now, due_on=due_on)
        _save(request, by)
        made.append(request)
    if referral.status == ReferralStatus.SUBMITTED:
        referral.status = ReferralStatus.GATHERING
        _save(referral, by)
    _email_agencies(referral, made, first_time=True)
    return len(made)


def _email_agencies(referral: Referral, requests: list[InformationRequest], first_time: bool):
    officers: dict[int, list[str]] = {}
    for membership in BoardMembership.objects.filter(
        board=referral.board, agency__in=[r.agency_id for r in requests], user__is_active=True
    ).select_related("user"):
        officers.setdefault(membership.agency_id, []).append(membership.user.email)
    verb = "asks" if first_time else "reminds"
    messages = []
    for request in requests:
        recipients = sorted(set(officers.get(request.agency_id, [])))
        if not recipients:
            continue
        body = (
            f"{referral.board.name} {verb} {request.agency.name} about case {referral.reference}.\n\n"
            "Please secure every record your agency holds about the child and family now, and "
            f"tell the board by {request.due_on:%d %B %Y} whether your agency knew them and, if "
            "so, summarise its involvement with dates.\n\n"
            "Answer online in Safeguarding case reviews (the case is on your home page).\n"
        )
        messages.append(
            (
                f"Case {referral.reference}: secure records and tell us what you know",
                body,
                None,
                recipients,
            )
        )
    send_mass_mail(messages, fail_silently=False)


@transaction.atomic
def information_request_chase(*, request: InformationRequest, by: User) -> None:
    if request.answered_at:
        raise ValidationError("This agency has already answered.")
    request.chased_at = timezone.now()
    request.chase_count += 1
    _save(request, by)
    _email_agencies(request.referral, [request], first_time=False)


@transaction.atomic
def information_request_answer(
    *,
    request: InformationRequest,
    by: User,
    knew_family: bool,
    summary: str,
    involvement: str,
    records_secured: bool,
) -> InformationRequest:
    if request.answered_at:
        raise ValidationError("Your agency has already answered this request.")
    if knew_family and not summary.strip():
        raise ValidationError({"summary": "Summarise your agency's involvement"})
    request.knew_family, request.summary, request.involvement = knew_family, summary, involvement
    request.records_secured = records_secured
    request.answered_at, request.answered_by = timezone.now(), by
    _save(request, by)
    return request


@transaction.atomic
def meetings_schedule(
    *, board: Board, first: datetime, place: str, count: int, is_extra: bool, by: User
) -> list[DecisionMeeting]:
    """Schedule a meeting, or a series at the board's interval (e.g. six-weekly)."""
    if first < timezone.now():
        raise ValidationError({"starts_at": "The meeting must be in the future"})
    if count > 1 and not board.decision_meeting_interval_weeks:
        raise ValidationError({"count": "This board has no fixed interval between meetings"})
    meetings = []
    for n in range(count):
        starts = first + timedelta(weeks=(board.decision_meeting_interval_weeks or 0) * n)
        meeting = DecisionMeeting(board=board, starts_at=starts, place=place, is_extra=is_extra)
        _save(meeting, by)
        meetings.append(meeting)
    return meetings


def too_late_for(meeting: DecisionMeeting, referral: Referral) -> bool:
    cutoff = timedelta(hours=meeting.board.decision_meeting_cutoff_hours)
    return not meeting.is_extra and meeting.starts_at - referral.submitted_at < cutoff


@transaction.atomic
def meeting_add_referral(*, meeting: DecisionMeeting, referral: Referral, by: User) -> None:
    if referral.is_draft or referral.board_id != meeting.board_id:
        raise ValidationError({"referral": "Choose a submitted referral of this board"})
    if hasattr(referral, "decision"):
        raise ValidationError({"referral": "This referral has been decided"})
    if too_late_for(meeting, referral):
        raise ValidationError(
            {
                "referral": (
                    f"{referral.reference} arrived less than {meeting.board.decision_meeting_cutoff_hours} "
                    "hours before this meeting. Add it to the next meeting, or call an extra meeting"
                )
            }
        )
    meeting._history_user = by
    meeting.referrals.add(referral)
    core.deadline_complete(
        subject=referral, key="refer_to_panel", on=timezone.localdate(), by=by
    )


@transaction.atomic
def attendance_record(
    *, meeting: DecisionMeeting, by: User, attendees: list[User], chair: User | None
) -> None:
    if chair is not None and chair not in attendees:
        raise ValidationError({"chair": "The chair must be one of the people who attended"})
    if MemberView.objects.filter(meeting=meeting).exclude(member__in=attendees).exists():
        raise ValidationError({"attendees": "Someone who recorded a view must stay on the list"})
    agencies = dict(
        BoardMembership.objects.filter(
            board=meeting.board, user__in=attendees, agency__isnull=False
        ).values_list("user_id", "agency_id")
    )
    for attendance in Attendance.objects.filter(meeting=meeting).exclude(user__in=attendees):
        attendance._history_user = by
        attendance.delete()
    for user in attendees:
        attendance = Attendance.objects.filter(meeting=meeting, user=user).first() or Attendance(
            meeting=meeting, user=user
        )
        attendance.agency_id = agencies.get(user.pk)
        attendance.is_chair = chair is not None and user.pk == chair.pk
        _save(attendance, by)
    # The panel has met on these referrals: the windows counted from its meeting start, and the
    # window for the meeting itself is met.
    met_on = timezone.localtime(meeting.starts_at).date()
    for referral in meeting.referrals.filter(decision__isnull=True):
        _set_window_deadlines(referral, by, panel_meeting=met_on)
        core.deadline_complete(subject=referral, key="panel_meets", on=met_on, by=by)


def meeting_quorum(meeting: DecisionMeeting) -> QuorumResult:
    # Who holds the chair, as distinct from who chaired: a member who chaired in the chair's
    # absence is a deputy, and the board's rule says where a deputy may come from.
    chairs = set(
        BoardMembership.objects.filter(
            board=meeting.board, role=BoardRole.DECISION_CHAIR
        ).values_list("user_id", flat=True)
    )
    people = [
        Attendee(
            key=a.user_id,
            disciplines=frozenset({a.agency.discipline} if a.agency_id else set()),
            is_chair=a.user_id in chairs,
            chaired=a.is_chair,
        )
        for a in meeting.attendance.select_related("agency")
    ]
    if not people:
        return QuorumResult(quorate=False, problems=["Record who attended first."])
    return meeting.board.decision_quorum(people)


def _require_quorum(meeting: DecisionMeeting) -> None:
    result = meeting_quorum(meeting)
    if not result.quorate:
        raise ValidationError("The meeting was not quorate: " + " ".join(result.problems))


def _open_for_decision(referral: Referral, meeting: DecisionMeeting) -> None:
    if hasattr(referral, "decision"):
        raise ValidationError("This referral has already been decided.")
    if not meeting.referrals.filter(pk=referral.pk).exists():
        raise ValidationError("This referral is not on the meeting's agenda.")


@transaction.atomic
def member_view_record(
    *,
    meeting: DecisionMeeting,
    referral: Referral,
    member: User,
    by: User,
    option_code: str,
    reasons: str,
) -> MemberView:
    _open_for_decision(referral, meeting)
    if not meeting.attendance.filter(user=member).exists():
        raise ValidationError("Only people who attended the meeting can record a view.")
    _require_quorum(meeting)
    option(referral.board, option_code)
    view = MemberView.objects.filter(meeting=meeting, referral=referral, member=member).first()
    view = view or MemberView(meeting=meeting, referral=referral, member=member)
    view.option, view.reasons = option_code, reasons
    _save(view, by)
    return view


@transaction.atomic
def recommendation_make(
    *,
    referral: Referral,
    meeting: DecisionMeeting,
    by: User,
    option_code: str,
    reasons: str,
    alternative: str = "",
    alternative_reasons: str = "",
    made_on: date | None = None,
) -> Recommendation:
    _open_for_decision(referral, meeting)
    _require_quorum(meeting)
    made_on = _happened_on(referral, made_on, "made_on", "The recommendation")
    chosen = option(referral.board, option_code)
    if chosen["outcome"] == "not_met":
        errors = {}
        if not alternative:
            errors["alternative"] = "Say which alternative to a review was considered"
        if not alternative_reasons.strip():
            errors["alternative_reasons"] = "Give the reason for the alternative considered"
        if errors:
            raise ValidationError(errors)
        option(referral.board, alternative)
    recommendation = Recommendation(
        referral=referral,
        meeting=meeting,
        made_by=by,
        made_on=made_on,
        option=option_code,
        reasons=reasons,
        alternative_considered=alternative,
        alternative_reasons=alternative_reasons,
    )
    _save(recommendation, by)
    referral.status = ReferralStatus.RECOMMENDED
    _save(referral, by)
    core.deadline_complete(subject=referral, key="recommendation", on=recommendation.made_on, by=by)
    return recommendation


def _next_child_code(board: Board) -> str:
    taken = set(Review.objects.filter(board=board).values_list("child_code", flat=True))
    n = 0
    while True:
        letters, value = "", n
        while True:
            letters = chr(65 + value % 26) + letters
            value = value // 26 - 1
            if value < 0:
                break
        if f"Child {letters}" not in taken:
            return f"Child {letters}"
        n += 1


@transaction.atomic
def chair_decide(
    *,
    referral: Referral,
    by: User,
    agrees: bool,
    option_code: str,
    reasons: str,
    peer_challenge: str = "",
    terms_of_reference_issues: str = "",
    decided_on: date | None = None,
) -> ChairDecision:
    # Two decisions sent at once queue here; the second finds the first.
    Referral.objects.select_for_update().filter(pk=referral.pk).first()
    if ChairDecision.objects.filter(referral=referral).exists():
        raise ValidationError("This referral has already been decided.")
    recommendation = referral.recommendations.order_by("-pk").first()
    if recommendation is None:
        raise ValidationError("The decision body has not made a recommendation yet.")
    today = _happened_on(referral, decided_on, "decided_on", "The decision")
    if today < recommendation.made_on:
        raise ValidationError(
            {
                "decided_on": "The decision cannot be before the recommendation, made on "
                f"{recommendation.made_on:%d %B %Y}"
            }
        )
    if agrees:
        option_code = recommendation.option
    chosen = option(referral.board, option_code)
    if chosen["outcome"] == "more_information":
        raise ValidationError(
            {"option": "Ask for more information before deciding, or choose an outcome"}
        )
    if not reasons.strip():
        raise ValidationError({"reasons": "Give the reasons for the decision"})
    decision = ChairDecision(
        referral=referral,
        decided_by=by,
        decided_on=today,
        agrees=agrees,
        option=option_code,
        reasons=reasons,
        peer_challenge=peer_challenge,
        terms_of_reference_issues=terms_of_reference_issues,
    )
    _save(decision, by)
    review_type = "scr" if chosen["outcome"] == "scr" else chosen.get("review_type")
    if review_type and review_type in {t["code"] for t in referral.board.review_types}:
        referral.review = _review_from(referral, review_type, today, by)
    referral.status = ReferralStatus.DECIDED
    _save(referral, by)
    core.deadline_complete(subject=referral, key="chair_decides", on=today, by=by)
    for recipient in referral.board.notification_recipients:
        start = _event_dates(referral, decision=today).get(recipient["from_event"]) or today
        due = add_period(start, recipient["amount"], recipient["unit"])
        notification = Notification(
            referral=referral,
            recipient_key=recipient["key"],
            recipient=recipient["name"],
            due_on=due,
        )
        _save(notification, by)
        core.deadline_set(
            subject=referral,
            board=referral.board,
            key=f"notify_{recipient['key']}",
            label=f"Tell {recipient['name']} of the decision",
            due_on=due,
            by=by,
            review=referral.review,
            responsible_role="business_manager",
        )
    return decision


def _review_from(referral: Referral, review_type: str, today: date, by: User) -> Review:
    board = referral.board
    starts = {
        "incident": referral.incident_date,
        "referral": timezone.localtime(referral.submitted_at).date(),
    }.get(board.completion_starts_from, today)
    review = core.review_create(
        board=board,
        child_code=_next_child_code(board),
        review_type=review_type,
        started_on=starts or today,
        by=by,
        reference=referral.reference,
        summary=referral.reason_for_referral,
        events={
            "referral": timezone.localtime(referral.submitted_at).date(),
            "decision": today,
            "initiation": today,
            "incident": referral.incident_date,
        },
    )
    _record_referral_events(referral, review, decided_on=today, by=by)
    if referral.referred_by.is_active and referral.referring_agency is not None:
        core.review_role_assign(
            review=review,
            user=referral.referred_by,
            role=ReviewRoleKind.REFERRER,
            agency=referral.referring_agency,
            by=by,
        )
    return review


def _happened_on(referral: Referral, on: date | None, field: str, what: str) -> date:
    """The date something about a referral happened: today when not given, never in the future
    and never before the referral was received."""
    today = timezone.localdate()
    on = on or today
    if on > today:
        raise ValidationError({field: f"{what} cannot be dated in the future"})
    received = referral.submitted_at and timezone.localtime(referral.submitted_at).date()
    if received and on < received:
        raise ValidationError(
            {field: f"{what} cannot be before the referral was received, on {received:%d %B %Y}"}
        )
    return on


def _record_referral_events(referral: Referral, review: Review, *, decided_on: date, by: User):
    """What happened before the review existed joins its lifecycle with its own dates."""
    received = timezone.localtime(referral.submitted_at).date() if referral.submitted_at else None
    recommendation = referral.recommendations.order_by("-pk").select_related("meeting").first()
    known = [
        ("referral_received", received),
        (
            "decision_meeting",
            recommendation
            and min(
                timezone.localtime(recommendation.meeting.starts_at).date(),
                recommendation.made_on,
            ),
        ),
        ("recommendation_made", recommendation and recommendation.made_on),
        ("chair_decision", decided_on),
    ]
    for key, on in known:
        if on:
            lifecycle.record(review=review, key=key, on=on, by=by, check=False)


@transaction.atomic
def notification_mark_sent(
    *, notification: Notification, by: User, sent_on: date, method: str
) -> Notification:
    decided_on = notification.referral.decision.decided_on
    if sent_on > timezone.localdate():
        raise ValidationError({"sent_on": "The date sent must be today or in the past"})
    if sent_on < decided_on:
        raise ValidationError({"sent_on": "The date sent cannot be before the decision"})
    notification.sent_on, notification.method = sent_on, method
    _save(notification, by)
    core.deadline_complete(
        subject=notification.referral,
        key=f"notify_{notification.recipient_key}",
        on=sent_on,
        by=by,
    )
    if notification.referral.review_id:
        lifecycle.record(
            review=notification.referral.review,
            key="notification_sent",
            part=notification.recipient_key,
            on=sent_on,
            by=by,
            check=False,
        )
    return notification
