"""Writes. Each service is atomic, validates, saves and leaves its trace in the audit history by
naming who acted (``by``)."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from guardian.shortcuts import assign_perm, remove_perm

from scr import lifecycle
from scr.access import PANEL
from scr.models import (
    Agency,
    AgencyInvolvement,
    Board,
    BoardMembership,
    CaseReferenceCounter,
    Deadline,
    ExtensionRequest,
    Review,
    ReviewRole,
    ReviewRoleKind,
    TermsOfReference,
    TermsStatus,
    User,
)

SYSTEM_EMAIL = "system@case-reviews.invalid"

ROLE_PERMISSIONS: dict[str, tuple[str, ...]] = {
    ReviewRoleKind.PANEL_CHAIR: ("view_review", "chair_panel"),
    ReviewRoleKind.PANEL_MEMBER: ("view_review", "sit_on_panel"),
    ReviewRoleKind.OVERVIEW_AUTHOR: ("view_review", "write_overview"),
    ReviewRoleKind.IMR_AUTHOR: ("view_review", "author_agency_report"),
    ReviewRoleKind.SENIOR_MANAGER: ("view_review", "sign_off_agency_report"),
    ReviewRoleKind.REFERRER: ("view_review",),
    ReviewRoleKind.SPECIALIST_ADVISER: ("view_review",),
    ReviewRoleKind.LEAD_REVIEWER: ("view_review", "sit_on_panel"),
}

# Pairs of review roles that one person may never hold together on the same review.
INCOMPATIBLE_ROLES = {
    frozenset({ReviewRoleKind.PANEL_CHAIR, ReviewRoleKind.OVERVIEW_AUTHOR}): (
        "The panel chair cannot also be the overview author."
    ),
    frozenset({ReviewRoleKind.IMR_AUTHOR, ReviewRoleKind.PANEL_MEMBER}): (
        "An agency report author cannot sit on the panel."
    ),
    frozenset({ReviewRoleKind.IMR_AUTHOR, ReviewRoleKind.PANEL_CHAIR}): (
        "An agency report author cannot chair the panel."
    ),
    frozenset({ReviewRoleKind.IMR_AUTHOR, ReviewRoleKind.SENIOR_MANAGER}): (
        "The senior manager signs the agency's report off, so cannot also write it."
    ),
}


def system_user() -> User:
    """The account that background tasks write history as."""
    user, _ = User.objects.get_or_create(
        email=SYSTEM_EMAIL,
        defaults={"full_name": "System (scheduled task)", "is_active": False, "is_system": True},
    )
    return user


STALE_MESSAGE = (
    "Someone else saved a change to this while you were editing it. Your changes have not been "
    "saved: reload the page to see theirs, then make yours again."
)


def version_of(instance) -> str:
    """A token for the record's latest saved state: the id of its newest history row."""
    latest = instance.history.order_by("-history_id").values_list("history_id", flat=True).first()
    return str(latest or 0)


def check_version(instance, version: str | None) -> None:
    if version is None or instance.pk is None:
        return
    type(instance)._default_manager.select_for_update().filter(pk=instance.pk).first()
    if version_of(instance) != version:
        raise ValidationError(STALE_MESSAGE)


def _save(instance, by: User) -> None:
    instance._history_user = by
    instance.full_clean()
    instance.save()


@transaction.atomic
def board_update(*, board: Board, by: User, version: str | None = None, **fields) -> Board:
    check_version(board, version)
    for name, value in fields.items():
        setattr(board, name, value)
    _save(board, by)
    return board


@transaction.atomic
def agency_save(*, agency: Agency, by: User, version: str | None = None) -> Agency:
    check_version(agency, version)
    _save(agency, by)
    return agency


@transaction.atomic
def person_add_to_board(
    *, board: Board, email: str, full_name: str, role: str, agency: Agency | None, by: User
) -> BoardMembership:
    """Give someone a role on a board, creating their account if they have none yet (they set a
    password through the reset journey)."""
    email = email.strip().lower()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User(email=email, full_name=full_name.strip())
        user.set_unusable_password()
        _save(user, by)
    if BoardMembership.objects.filter(user=user, board=board, role=role).exists():
        raise ValidationError({"role": f"{user} already holds this role on the board."})
    if agency is not None and agency.board_id != board.pk:
        raise ValidationError({"agency": "Choose one of this board's agencies."})
    membership = BoardMembership(user=user, board=board, role=role, agency=agency)
    _save(membership, by)
    return membership


@transaction.atomic
def membership_remove(*, membership: BoardMembership, by: User) -> None:
    membership._history_user = by
    membership.delete()


@transaction.atomic
def case_reference_allocate(*, board: Board, on: date) -> str:
    """The board's next case reference for the year, e.g. MK-2026-007. The counter row is locked
    so two referrals submitted at once never share a number."""
    counter, _ = CaseReferenceCounter.objects.get_or_create(board=board, year=on.year)
    counter = CaseReferenceCounter.objects.select_for_update().get(pk=counter.pk)
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return f"{board.reference_prefix}-{on.year}-{counter.last_number:03d}"


@transaction.atomic
def review_create(
    *,
    board: Board,
    child_code: str,
    review_type: str,
    started_on: date,
    by: User,
    summary: str = "",
    reference: str | None = None,
    events: dict[str, date] | None = None,
) -> Review:
    if review_type not in {t["code"] for t in board.review_types}:
        raise ValidationError({"review_type": "Choose one of the board's review types."})
    review = Review(
        board=board,
        reference=reference or case_reference_allocate(board=board, on=started_on),
        child_code=child_code,
        review_type=review_type,
        started_on=started_on,
        completion_due=board.completion_due(started_on),
        summary=summary,
    )
    _save(review, by)
    review_timetable_create(
        review=review, by=by, events={board.completion_starts_from: started_on, **(events or {})}
    )
    lifecycle.refresh(review, by=by)
    return review


def _panel_appointed(review: Review) -> bool:
    """The panel has its chair and meets the board's rule on its size."""
    has_chair = ReviewRole.objects.filter(review=review, role=ReviewRoleKind.PANEL_CHAIR).exists()
    return has_chair and panel_check(review).quorate


@transaction.atomic
def review_role_assign(
    *,
    review: Review,
    user: User,
    role: str,
    agency: Agency | None,
    by: User,
    on: date | None = None,
) -> ReviewRole:
    if ReviewRoleKind.needs_agency(role) and agency is None:
        raise ValidationError({"agency": "Choose the agency this person acts for."})
    if agency is not None and agency.board_id != review.board_id:
        raise ValidationError({"agency": "Choose one of this board's agencies."})
    held = set(ReviewRole.objects.filter(review=review, user=user).values_list("role", flat=True))
    if role in held:
        raise ValidationError({"role": f"{user} already holds this role on the review."})
    for other in held:
        message = INCOMPATIBLE_ROLES.get(frozenset({role, other}))
        if message:
            raise ValidationError({"role": message})
    review_role = ReviewRole(review=review, user=user, role=role, agency=agency)
    _save(review_role, by)
    for perm in ROLE_PERMISSIONS[role]:
        assign_perm(f"scr.{perm}", user, review)
    if role in PANEL and _panel_appointed(review):
        lifecycle.record(
            review=review, key="panel_appointed", on=on or timezone.localdate(), by=by, check=False
        )
    return review_role


@transaction.atomic
def review_role_remove(*, review_role: ReviewRole, by: User) -> None:
    review, user = review_role.review, review_role.user
    review_role._history_user = by
    review_role.delete()
    still_needed = {
        perm
        for role in ReviewRole.objects.filter(review=review, user=user).values_list(
            "role", flat=True
        )
        for perm in ROLE_PERMISSIONS[role]
    }
    for perm in set(ROLE_PERMISSIONS[review_role.role]) - still_needed:
        remove_perm(f"scr.{perm}", user, review)


@transaction.atomic
def review_close(*, review: Review, by: User, on: date | None = None) -> Review:
    review.is_open = False
    review.completed_on = review.completed_on or on or timezone.localdate()
    _save(review, by)
    lifecycle.record(review=review, key="review_closed", on=review.completed_on, by=by, check=False)
    return review


@transaction.atomic
def deadline_set(
    *,
    subject,
    board: Board,
    key: str,
    label: str,
    due_on: date,
    by: User,
    review: Review | None = None,
    responsible_role: str = "",
    responsible_user: User | None = None,
) -> Deadline:
    """Create or move the deadline ``key`` of ``subject``; moving keeps the old date in history."""
    content_type = ContentType.objects.get_for_model(subject)
    deadline = Deadline.objects.filter(
        content_type=content_type, object_id=subject.pk, key=key
    ).first() or Deadline(content_type=content_type, object_id=subject.pk, key=key, board=board)
    deadline.label, deadline.due_on = label, due_on
    deadline.review, deadline.responsible_role = review, responsible_role
    deadline.responsible_user = responsible_user
    _save(deadline, by)
    return deadline


@transaction.atomic
def deadline_complete(*, subject, key: str, on: date, by: User) -> None:
    deadline = Deadline.objects.filter(
        content_type=ContentType.objects.get_for_model(subject),
        object_id=subject.pk,
        key=key,
        completed_on__isnull=True,
    ).first()
    if deadline is not None:
        deadline.completed_on = on
        _save(deadline, by)


COMPLETION = "completion"


@transaction.atomic
def review_timetable_create(*, review: Review, by: User, events: dict[str, date]) -> list[Deadline]:
    """The review's milestones, computed from the board's rules and the dates of the events they
    count from (a milestone whose event has no date counts from the review's start), and the
    completion date."""
    from scr.dates import add_period

    board = review.board
    made = []
    for milestone in board.milestones:
        start = events.get(milestone["from_event"]) or review.started_on
        made.append(
            deadline_set(
                subject=review,
                board=board,
                review=review,
                key=milestone["key"],
                label=milestone["label"],
                by=by,
                due_on=add_period(start, milestone["amount"], milestone["unit"]),
                responsible_role=milestone.get("responsible_role", ""),
            )
        )
    made.append(
        deadline_set(
            subject=review,
            board=board,
            review=review,
            key=COMPLETION,
            label="Review completed",
            due_on=review.completion_due,
            by=by,
            responsible_role="business_manager",
        )
    )
    return made


@transaction.atomic
def deadline_move(
    *, deadline: Deadline, due_on: date, by: User, version: str | None = None
) -> Deadline:
    check_version(deadline, version or None)
    if deadline.review_id and due_on < deadline.review.started_on:
        raise ValidationError({"due_on": "A milestone cannot be before the review starts"})
    deadline.due_on = due_on
    _save(deadline, by)
    return deadline


@transaction.atomic
def extension_request(
    *, review: Review, by: User, reasons: str, proposed_date: date, today: date
) -> ExtensionRequest:
    from scr.models import ExtensionStatus

    if proposed_date <= review.completion_due:
        raise ValidationError(
            {
                "proposed_date": (
                    f"The new date must be after the current completion date, "
                    f"{review.completion_due:%d %B %Y}"
                )
            }
        )
    if review.extensions.filter(status=ExtensionStatus.REQUESTED).exists():
        raise ValidationError("An extension request is already waiting for an answer.")
    extension = ExtensionRequest(
        review=review,
        requested_by=by,
        requested_on=today,
        reasons=reasons,
        current_date=review.completion_due,
        proposed_date=proposed_date,
        authority=review.board.extension_authority,
    )
    _save(extension, by)
    return extension


@transaction.atomic
def extension_decide(
    *,
    extension: ExtensionRequest,
    by: User,
    agreed: bool,
    decided_on: date,
    letter_reference: str,
    today: date,
) -> ExtensionRequest:
    """Record the authority's answer. An agreed extension moves the completion date and every
    milestone not yet done (overdue ones too) by the same number of days; the milestones already
    done keep their dates, and the earlier dates stay in history."""
    from scr.models import ExtensionStatus

    if extension.status != ExtensionStatus.REQUESTED:
        raise ValidationError("This request has already been answered.")
    if decided_on > today or decided_on < extension.requested_on:
        raise ValidationError(
            {"decided_on": ("The date of the answer must be between the request and today")}
        )
    extension.status = ExtensionStatus.AGREED if agreed else ExtensionStatus.REFUSED
    extension.decided_on, extension.letter_reference = decided_on, letter_reference
    _save(extension, by)
    if agreed:
        review = extension.review
        shift = extension.proposed_date - review.completion_due
        review.completion_due = extension.proposed_date
        _save(review, by)
        milestones = Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(Review),
            object_id=review.pk,
            completed_on__isnull=True,
        )
        for deadline in milestones:
            new_date = (
                extension.proposed_date if deadline.key == COMPLETION else deadline.due_on + shift
            )
            deadline_move(deadline=deadline, due_on=new_date, by=by)
    return extension


TERMS_REQUIRED = {
    "reason_and_key_issues": "Enter the reason for the review and its key issues",
    "period_start": "Enter the start of the period under review",
    "period_end": "Enter the end of the period under review",
}


def terms_for(review: Review) -> TermsOfReference:
    return TermsOfReference.objects.filter(review=review).first() or TermsOfReference(review=review)


@transaction.atomic
def terms_save(
    *, review: Review, by: User, fields: dict, version: str | None, today: date
) -> TermsOfReference:
    terms = terms_for(review)
    check_version(terms, version or None)
    for name, value in fields.items():
        setattr(terms, name, value)
    errors = {}
    if terms.period_start and terms.period_start > today:
        errors["period_start"] = "The period under review must start today or in the past"
    if terms.period_start and terms.period_end and terms.period_end < terms.period_start:
        errors["period_end"] = "The end of the period must be on or after its start"
    if errors:
        raise ValidationError(errors)
    if terms.pk and terms.status != TermsStatus.DRAFT:
        # Changing agreed terms starts a new version, to be approved and signed again.
        terms.version += 1
        terms.status = TermsStatus.DRAFT
        terms.approved_on = terms.signed_on = terms.signed_by = None
    _save(terms, by)
    return terms


@transaction.atomic
def terms_approve(*, terms: TermsOfReference, by: User, approved_on: date, today: date) -> None:
    if terms.status != TermsStatus.DRAFT:
        raise ValidationError("This version has already been approved.")
    missing = {k: m for k, m in TERMS_REQUIRED.items() if not getattr(terms, k)}
    if missing:
        raise ValidationError(
            "Complete the terms before the panel approves them: "
            + "; ".join(missing.values())
            + "."
        )
    if approved_on > today:
        raise ValidationError({"approved_on": "The date of approval must be today or in the past"})
    terms.status, terms.approved_on = TermsStatus.APPROVED, approved_on
    _save(terms, by)


@transaction.atomic
def terms_sign(*, terms: TermsOfReference, by: User, today: date) -> None:
    if terms.status != TermsStatus.APPROVED:
        raise ValidationError("The panel must approve this version before the chair signs it.")
    terms.status, terms.signed_by, terms.signed_on = TermsStatus.SIGNED, by, today
    _save(terms, by)
    lifecycle.record(review=terms.review, key="terms_signed", on=today, by=by, check=False)


@transaction.atomic
def independence_declare(*, review_role: ReviewRole, by: User, on: date) -> ReviewRole:
    if review_role.user_id != by.pk:
        raise ValidationError("Only the person holding the role can declare their independence.")
    if not ReviewRoleKind.declares_independence(review_role.role):
        raise ValidationError("This role does not need a declaration.")
    if review_role.independence_declared_on:
        raise ValidationError("You have already declared your independence for this role.")
    review_role.independence_declared_on = on
    _save(review_role, by)
    return review_role


def panel_check(review: Review):
    roles = list(
        review.roles.filter(
            role__in=[ReviewRoleKind.PANEL_CHAIR, ReviewRoleKind.PANEL_MEMBER]
        ).values_list("role", "agency_id")
    )
    chair = any(role == ReviewRoleKind.PANEL_CHAIR for role, _ in roles)
    members = [agency for role, agency in roles if role == ReviewRoleKind.PANEL_MEMBER]
    return review.board.panel_check(chair, members)


@transaction.atomic
def setup_requests_send(*, review: Review, by: User, due_on: date, today: date) -> int:
    """Ask every active member agency, once, whether it was involved and who will write its
    report; its staff are emailed."""
    from django.core.mail import send_mass_mail

    from scr.models import AgencyInvolvement

    if due_on < today:
        raise ValidationError({"due_on": "The date for answers must be today or in the future"})
    asked = set(review.involvements.values_list("agency_id", flat=True))
    made = []
    for agency in Agency.objects.filter(board=review.board, is_active=True).exclude(pk__in=asked):
        involvement = AgencyInvolvement(
            review=review, agency=agency, requested_on=today, answer_due=due_on
        )
        _save(involvement, by)
        made.append(involvement)
    staff: dict[int, set[str]] = {}
    for agency_id, email in BoardMembership.objects.filter(
        board=review.board, agency__in=[i.agency_id for i in made], user__is_active=True
    ).values_list("agency_id", "user__email"):
        staff.setdefault(agency_id, set()).add(email)
    send_mass_mail(
        [
            (
                f"{review.reference}: was your agency involved? Please answer by {due_on:%d %B %Y}",
                f"{review.board.name} is holding a {review.review_type_label.lower()} "
                f"({review.reference}). Keep your agency's records secured, and tell the board online "
                f"by {due_on:%d %B %Y} whether your agency was involved with the child or family and, "
                "if it was, who will write its report.\n",
                None,
                sorted(staff[i.agency_id]),
            )
            for i in made
            if staff.get(i.agency_id)
        ]
    )
    lifecycle.record(review=review, key="agencies_asked", on=today, by=by, check=False)
    return len(made)


@transaction.atomic
def involvement_answer(
    *,
    involvement: AgencyInvolvement,
    by: User,
    involved: bool,
    author: User | None,
    today: date,
) -> AgencyInvolvement:
    if involvement.answered_on:
        raise ValidationError("Your agency has already answered.")
    if involved and author is None:
        raise ValidationError({"author": "Nominate the person who will write your agency's report"})
    if (
        author is not None
        and not BoardMembership.objects.filter(
            user=author, board=involvement.review.board, agency=involvement.agency
        ).exists()
    ):
        raise ValidationError({"author": "Choose someone from your agency"})
    involvement.involved = involved
    involvement.author = author if involved else None
    involvement.answered_on, involvement.answered_by = today, by
    _save(involvement, by)
    already = ReviewRole.objects.filter(
        review=involvement.review, user=author, role=ReviewRoleKind.IMR_AUTHOR
    ).exists()
    if involved and not already:
        review_role_assign(
            review=involvement.review,
            user=author,
            role=ReviewRoleKind.IMR_AUTHOR,
            agency=involvement.agency,
            by=by,
        )
    return involvement


@transaction.atomic
def setup_letters_prepare(
    *,
    review: Review,
    by: User,
    family_contact: str = "",
    no_interview_during_proceedings: bool = False,
    coroner: bool = False,
    coroner_name: str = "",
    cps: bool = False,
) -> int:
    """Put the letters this review needs on its set-up checklist, once each; returns how many
    were added. Letters already there are kept as they are, except that the family letter's
    interview flag follows the latest answer until that letter is generated."""
    from scr.models import SetupLetter, SetupLetterKind

    family_contact = family_contact.strip()
    if no_interview_during_proceedings and not family_contact:
        raise ValidationError(
            {
                "family_contact": "Enter the family's named contact, to say that no interview will "
                "take place while criminal proceedings run"
            }
        )
    wanted: list[tuple[str, str, Agency | None]] = [
        (SetupLetterKind.AGENCY, f"The senior manager, {agency.name}", agency)
        for agency in Agency.objects.filter(board=review.board, is_active=True)
    ]
    if family_contact:
        wanted.append((SetupLetterKind.FAMILY, family_contact, None))
    if coroner:
        wanted.append((SetupLetterKind.CORONER, coroner_name.strip() or "HM Coroner", None))
    if cps:
        wanted.append((SetupLetterKind.CPS, "Crown Prosecution Service", None))
    for recipient in review.board.notification_recipients:
        kind = SetupLetterKind.OFSTED if recipient["key"] == "ofsted" else SetupLetterKind.OTHER
        wanted.append((kind, recipient["name"], None))
    if not any(kind == SetupLetterKind.OFSTED for kind, _, _ in wanted):
        wanted.append((SetupLetterKind.OFSTED, "Ofsted", None))

    existing = {(letter.kind, letter.recipient): letter for letter in review.setup_letters.all()}
    added = 0
    for kind, recipient, agency in wanted:
        letter = existing.get((kind, recipient))
        if letter is None:
            letter = SetupLetter(review=review, kind=kind, recipient=recipient, agency=agency)
            added += 1
        elif kind != SetupLetterKind.FAMILY or letter.generated_on:
            continue
        if kind == SetupLetterKind.FAMILY:
            letter.no_interview_during_proceedings = no_interview_during_proceedings
        _save(letter, by)
    return added


@transaction.atomic
def setup_letter_generated(*, letter, by: User, on: date) -> None:
    """Record that the letter has been produced (the first time only)."""
    if letter.generated_on is None:
        letter.generated_on = on
        _save(letter, by)


@transaction.atomic
def setup_letter_sent(*, letter, by: User, sent_on: date, method: str, today: date) -> None:
    if letter.generated_on is None:
        raise ValidationError(
            "Generate the letter first, as a PDF or Word document, then mark it as sent."
        )
    if letter.sent_on:
        raise ValidationError(f"This letter was already marked sent on {letter.sent_on:%d %B %Y}.")
    if sent_on > today:
        raise ValidationError({"sent_on": "The date sent must be today or in the past"})
    if sent_on < letter.generated_on:
        raise ValidationError(
            {
                "sent_on": f"The date sent cannot be before the letter was generated, on "
                f"{letter.generated_on:%d %B %Y}"
            }
        )
    letter.sent_on, letter.method = sent_on, method.strip()
    _save(letter, by)
    review = letter.review
    if not review.setup_letters.filter(sent_on__isnull=True).exists():
        last = max(review.setup_letters.values_list("sent_on", flat=True))
        lifecycle.record(review=review, key="setup_letters_sent", on=last, by=by, check=False)


@transaction.atomic
def letter_template_update(*, template, by: User, version: str, subject: str, body: str) -> None:
    """Save a board's wording of a letter (any stage's template model)."""
    check_version(template, version or None)
    template.subject, template.body = subject, body
    _save(template, by)


# Panel meetings ---------------------------------------------------------------------------------

ACTION_KEY = "action"

# Meetings a panel usually holds, and the timetable milestone each one follows.
MEETING_PLAN = [
    ("panel_arranged", "First panel meeting: agree the terms of reference"),
    ("imrs_due", "Panel meeting: consider the agency reports"),
    ("draft_overview", "Panel meeting: consider the draft overview report"),
]


@transaction.atomic
def panel_meeting_add(*, review: Review, by: User, starts_at, purpose: str, place: str = ""):
    from scr.models import PanelMeeting

    meeting = PanelMeeting(review=review, starts_at=starts_at, purpose=purpose, place=place)
    meeting.full_clean()
    _save(meeting, by)
    return meeting


@transaction.atomic
def panel_meetings_plan(*, review: Review, by: User) -> int:
    """Add the usual panel meetings on the dates of the timetable's milestones they follow, at
    10:00 London time; a purpose already on the schedule is not added twice."""
    from datetime import datetime, time
    from zoneinfo import ZoneInfo

    from django.conf import settings

    due = {
        d.key: d.due_on
        for d in Deadline.objects.filter(review=review, key__in=[k for k, _ in MEETING_PLAN])
    }
    have = set(review.meetings.values_list("purpose", flat=True))
    added = 0
    for key, purpose in MEETING_PLAN:
        if key in due and purpose not in have:
            starts_at = datetime.combine(due[key], time(10), tzinfo=ZoneInfo(settings.TIME_ZONE))
            panel_meeting_add(review=review, by=by, starts_at=starts_at, purpose=purpose)
            added += 1
    return added


def panel_quorum(meeting, present_role_ids=None):
    """Is the meeting quorate under the board's panel rule, counting the panel roles present?"""
    roles = ReviewRole.objects.filter(review=meeting.review, role__in=PANEL)
    if present_role_ids is None:
        present_role_ids = set(
            meeting.attendance.filter(present=True).values_list("role_id", flat=True)
        )
    present = [r for r in roles if r.pk in present_role_ids]
    chair = any(r.role == ReviewRoleKind.PANEL_CHAIR for r in present)
    members = [r.agency_id for r in present if r.role == ReviewRoleKind.PANEL_MEMBER]
    return meeting.review.board.panel_check(chair, members)


@transaction.atomic
def panel_attendance_record(*, meeting, by: User, present: list[ReviewRole], version: str = ""):
    from scr.models import PanelAttendance

    check_version(meeting, version or None)
    present_ids = {role.pk for role in present}
    for role in ReviewRole.objects.filter(review=meeting.review, role__in=PANEL):
        row = PanelAttendance.objects.filter(meeting=meeting, role=role).first()
        row = row or PanelAttendance(meeting=meeting, role=role)
        if row.pk is None or row.present != (role.pk in present_ids):
            row.present = role.pk in present_ids
            _save(row, by)
    meeting.attendance_recorded = True
    _save(meeting, by)
    return panel_quorum(meeting, present_ids)


@transaction.atomic
def panel_minutes_save(*, meeting, by: User, minutes: str, version: str = "") -> None:
    check_version(meeting, version or None)
    meeting.minutes = minutes
    _save(meeting, by)


@transaction.atomic
def action_point_add(*, meeting, by: User, description: str, owner: User, due_on: date, today):
    from scr.models import ActionPoint

    review = meeting.review
    if due_on < today:
        raise ValidationError({"due_on": "The due date must be today or in the future"})
    if not ReviewRole.objects.filter(review=review, user=owner).exists() and not (
        BoardMembership.objects.filter(board=review.board, user=owner).exists()
    ):
        raise ValidationError({"owner": "Choose someone on this review or on the board"})
    action = ActionPoint(
        meeting=meeting, description=description.strip(), owner=owner, due_on=due_on
    )
    _save(action, by)
    deadline_set(
        subject=action,
        board=review.board,
        review=review,
        key=ACTION_KEY,
        label=f"Panel action: {action.description[:150]}",
        due_on=due_on,
        by=by,
        responsible_user=owner,
    )
    return action


@transaction.atomic
def action_point_done(*, action, by: User, on: date) -> None:
    if action.done_on:
        raise ValidationError(f"This action was already done on {action.done_on:%d %B %Y}.")
    action.done_on = on
    _save(action, by)
    deadline_complete(subject=action, key=ACTION_KEY, on=on, by=by)
