"""Writes for recommendations and action plans. Each is atomic, validates, and names who acted."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from scr.models import Agency, Review, ReviewRole, ReviewRoleKind, User
from scr.services import _save, check_version, deadline_complete, deadline_set

from .models import (
    COMPLETED,
    Action,
    ActionPlan,
    Evidence,
    PlanFormat,
    ProgressUpdate,
    Rag,
    RagChange,
    RagReason,
    Recommendation,
    Source,
    UpdateRequest,
)
from .smart import one_thing, smart_problems

UPDATE_KEY = "action_plan_update"
MAX_EVIDENCE_FILES = 5


def _signed_off_error(plan: ActionPlan) -> ValidationError:
    return ValidationError(
        f"This action plan was signed off on {plan.signed_off_on:%d %B %Y}, so it can no longer "
        "change. Its record is kept as it was signed."
    )


def _lock_plan(plan: ActionPlan) -> ActionPlan:
    """Re-read the plan under a row lock, so a sign-off and a change cannot cross."""
    locked = ActionPlan.objects.select_for_update().get(pk=plan.pk)
    plan.signed_off_on, plan.signed_off_by_id = locked.signed_off_on, locked.signed_off_by_id
    return plan


# Boards whose procedure, as configured by default, keeps a document control block on each plan.
# A board administrator changes it on the board's action plan settings page.
DOCUMENT_CONTROL_BY_DEFAULT = frozenset({"luton"})


def plan_format(board) -> PlanFormat:
    return PlanFormat.objects.filter(board=board).first() or PlanFormat(
        board=board, document_control=board.slug in DOCUMENT_CONTROL_BY_DEFAULT
    )


@transaction.atomic
def plan_format_save(*, board, document_control: bool, by: User) -> PlanFormat:
    fmt = plan_format(board)
    fmt.document_control = document_control
    _save(fmt, by)
    return fmt


@transaction.atomic
def plan_for(*, review: Review, agency: Agency | None, by: User, today: date) -> ActionPlan:
    """The review's plan for ``agency`` (or the board's plan), started today if it has none."""
    if agency is not None and agency.board_id != review.board_id:
        raise ValidationError({"agency": "Choose one of this board's agencies"})
    Review.objects.select_for_update().filter(pk=review.pk).first()
    plan = ActionPlan.objects.filter(review=review, agency=agency).first()
    if plan is None:
        plan = ActionPlan(review=review, agency=agency, created_on=today)
        _save(plan, by)
    return plan


ACTION_FIELDS = (
    "description",
    "lead_name",
    "lead_role",
    "target_date",
    "success_measure",
    "intended_outcome",
)


def _action_errors(started_on: date, fields: dict) -> dict[str, str]:
    """SMART problems with an action, and a target date before its plan was started."""
    errors = smart_problems(**{name: fields.get(name) for name in ACTION_FIELDS})
    target = fields.get("target_date")
    if target is not None and "target_date" not in errors and target < started_on:
        errors["target_date"] = (
            f"The target date must be on or after {started_on:%d %B %Y}, when the action "
            "plan was started"
        )
    return errors


def _clean_action(fields: dict) -> dict:
    return {
        name: (fields.get(name) or "").strip() if name != "target_date" else fields.get(name)
        for name in ACTION_FIELDS
    }


@transaction.atomic
def recommendation_add(
    *,
    review: Review,
    by: User,
    today: date,
    source: str,
    agency: Agency | None,
    text: str,
    theme: str,
    agreed_by_panel: bool,
    action: dict,
) -> Recommendation:
    """A recommendation and its first action, in the plan it belongs to: the agency's for a
    single-agency recommendation, the board's for the board's, and for a multi-agency one the plan
    of the agency that leads the first action."""
    errors: dict[str, str] = {}
    if source not in Source.values:
        errors["source"] = "Choose where the recommendation comes from"
    if source in (Source.AGENCY_REPORT, Source.PANEL_SINGLE, Source.PANEL_MULTI) and not agency:
        errors["agency"] = (
            "Choose the agency that leads the first action"
            if source == Source.PANEL_MULTI
            else "Choose the agency the recommendation is for"
        )
    if agency is not None and agency.board_id != review.board_id:
        errors["agency"] = "Choose one of this board's agencies"
        agency = None
    text = (text or "").strip()
    if not text:
        errors["text"] = "Enter the recommendation"
    elif message := one_thing(text, "recommendation"):
        errors["text"] = message
    plan_agency = None if source == Source.BOARD else agency
    existing = ActionPlan.objects.filter(review=review, agency=plan_agency).first()
    if existing is not None and existing.is_signed_off:
        raise _signed_off_error(existing)
    fields = _clean_action(action)
    errors.update(_action_errors(existing.created_on if existing else today, fields))
    if errors:
        raise ValidationError(errors)
    # The panel's own recommendations are agreed by making them; an agency's may be agreed later.
    agreed = agreed_by_panel or source != Source.AGENCY_REPORT
    plan = plan_for(review=review, agency=plan_agency, by=by, today=today)
    # The review row, locked by plan_for, keeps two recommendations from taking one number.
    last = review.recommendations.order_by("-number").values_list("number", flat=True).first()
    recommendation = Recommendation(
        review=review,
        number=(last or 0) + 1,
        source=source,
        agency=None if source in (Source.BOARD, Source.PANEL_MULTI) else agency,
        text=text,
        theme=theme,
        agreed_by_panel=agreed,
    )
    _save(recommendation, by)
    action_add(
        recommendation=recommendation,
        plan=plan,
        by=by,
        today=today,
        extra=action.get("extra"),
        **fields,
    )
    return recommendation


@transaction.atomic
def recommendation_agree(*, recommendation: Recommendation, by: User) -> None:
    if recommendation.agreed_by_panel:
        raise ValidationError("The panel has already agreed this recommendation.")
    recommendation.agreed_by_panel = True
    _save(recommendation, by)


def plan_for_action(*, recommendation: Recommendation, agency: Agency | None, by, today):
    """Where a further action of ``recommendation`` goes."""
    if recommendation.source == Source.BOARD:
        return plan_for(review=recommendation.review, agency=None, by=by, today=today)
    if recommendation.source == Source.PANEL_MULTI:
        if agency is None:
            raise ValidationError({"agency": "Choose the agency that leads this action"})
        return plan_for(review=recommendation.review, agency=agency, by=by, today=today)
    return plan_for(review=recommendation.review, agency=recommendation.agency, by=by, today=today)


@transaction.atomic
def action_add(
    *,
    recommendation: Recommendation,
    plan: ActionPlan,
    by: User,
    today: date,
    description: str,
    lead_name: str,
    lead_role: str,
    target_date,
    success_measure: str,
    intended_outcome: str,
    extra: dict | None = None,
) -> Action:
    _lock_plan(plan)
    if plan.is_signed_off:
        raise _signed_off_error(plan)
    if plan.review_id != recommendation.review_id:
        raise ValidationError("The action must belong to a plan of the same review.")
    fields = _clean_action(
        {
            "description": description,
            "lead_name": lead_name,
            "lead_role": lead_role,
            "target_date": target_date,
            "success_measure": success_measure,
            "intended_outcome": intended_outcome,
        }
    )
    errors = _action_errors(plan.created_on, fields)
    if errors:
        raise ValidationError(errors)
    action = Action(
        plan=plan,
        recommendation=recommendation,
        created_on=today,
        rag=Rag.AMBER,
        extra=extra or {},
        **fields,
    )
    _save(action, by)
    _save(
        RagChange(
            action=action, on=today, from_rag="", to_rag=Rag.AMBER, reason=RagReason.CREATED, by=by
        ),
        by,
    )
    return action


@transaction.atomic
def action_edit(*, action: Action, by: User, version: str | None, fields: dict) -> Action:
    """Change what an action says. A save made on an old copy of the action is refused."""
    check_version(action, version or None)
    plan = _lock_plan(action.plan)
    if plan.is_signed_off:
        raise _signed_off_error(plan)
    for name, value in fields.items():
        setattr(action, name, value.strip() if isinstance(value, str) else value)
    errors = _action_errors(
        plan.created_on, {name: getattr(action, name) for name in ACTION_FIELDS}
    )
    if errors:
        raise ValidationError(errors)
    _save(action, by)
    return action


def _set_rag(*, action: Action, to: str, on: date, by: User, reason: str, note: str = "") -> None:
    if action.rag == to:
        return
    _save(
        RagChange(
            action=action, on=on, from_rag=action.rag, to_rag=to, reason=reason, note=note, by=by
        ),
        by,
    )
    action.rag = to
    action.completed_on = on if to == COMPLETED else None
    _save(action, by)


@transaction.atomic
def progress_add(
    *,
    action: Action,
    by: User,
    today: date,
    on: date,
    text: str,
    rag: str,
    files: list | None = None,
) -> ProgressUpdate:
    """Add a dated progress update, with evidence, and move the action to the rating it gives.
    Updates are appended under a lock on the action, so two made at once are both kept; the
    rating is that of the last one saved."""
    files = list(files or [])
    action = Action.objects.select_for_update().select_related("plan__review").get(pk=action.pk)
    plan = _lock_plan(action.plan)
    if plan.is_signed_off:
        raise _signed_off_error(plan)
    errors: dict[str, str] = {}
    if not (text or "").strip():
        errors["text"] = "Describe the progress made"
    if rag not in Rag.values:
        errors["rag"] = "Choose the action's RAG rating"
    if on is None:
        errors["on"] = "Enter the date of the update"
    elif on > today:
        errors["on"] = "The date of the update must be today or in the past"
    elif on < plan.created_on:
        errors["on"] = (
            f"The date of the update must be on or after {plan.created_on:%d %B %Y}, when the "
            "action plan was started"
        )
    if len(files) > MAX_EVIDENCE_FILES:
        errors["files"] = f"Attach up to {MAX_EVIDENCE_FILES} files to one update"
    if rag == COMPLETED and not files and not Evidence.objects.filter(update__action=action).exists():
        label = (plan.review.board.rag(COMPLETED) or {}).get("label", "Blue")
        errors["files"] = (
            f"Attach the evidence that the action is complete: an action can only be {label} "
            "with evidence"
        )
    if errors:
        raise ValidationError(errors)
    update = ProgressUpdate(action=action, on=on, text=text.strip(), rag=rag, by=by)
    _save(update, by)
    for upload in files:
        evidence = Evidence(update=update, name=upload.name[:200], size=upload.size)
        evidence.file.save(upload.name, upload, save=False)
        _save(evidence, by)
    _set_rag(action=action, to=rag, on=on, by=by, reason=RagReason.UPDATE)
    _answer_requests(plan, by=by, today=today)
    return update


@transaction.atomic
def rag_set(*, action: Action, by: User, today: date, rag: str, note: str) -> None:
    """The monitoring group's own rating of an action, with its reason. Red may be set without
    evidence; Blue still needs it."""
    action = Action.objects.select_for_update().select_related("plan__review").get(pk=action.pk)
    plan = _lock_plan(action.plan)
    if plan.is_signed_off:
        raise _signed_off_error(plan)
    errors = {}
    if rag not in Rag.values:
        errors["rag"] = "Choose the RAG rating"
    elif rag == action.rag:
        errors["rag"] = "The action already has this rating"
    if not (note or "").strip():
        errors["note"] = "Give the reason for the rating"
    if rag == COMPLETED and not Evidence.objects.filter(update__action=action).exists():
        errors["rag"] = "An action can only be marked complete once its evidence is attached"
    if errors:
        raise ValidationError(errors)
    reason = RagReason.OVERDUE if rag == Rag.RED and action.is_overdue(today) else None
    _set_rag(
        action=action,
        to=rag,
        on=today,
        by=by,
        reason=reason or RagReason.MONITORING,
        note=note.strip()[:300],
    )


@transaction.atomic
def evidence_audit_save(*, action: Action, by: User, version: str | None, text: str) -> None:
    check_version(action, version or None)
    plan = _lock_plan(action.plan)
    if plan.is_signed_off:
        raise _signed_off_error(plan)
    action.evidence_audit = (text or "").strip()
    _save(action, by)


@transaction.atomic
def document_control_save(
    *, plan: ActionPlan, by: User, version: str | None, fields: dict
) -> ActionPlan:
    check_version(plan, version or None)
    if plan.is_signed_off:
        raise _signed_off_error(plan)
    for name, value in fields.items():
        setattr(plan, name, value)
    if plan.approved_on and plan.issued_on and plan.issued_on < plan.approved_on:
        raise ValidationError({"issued_on": "The date issued must be on or after its approval"})
    if plan.issued_on and plan.next_review_on and plan.next_review_on < plan.issued_on:
        raise ValidationError({"next_review_on": "The review date must be on or after its issue"})
    _save(plan, by)
    return plan


def _agency_people(plan: ActionPlan) -> list[ReviewRole]:
    return list(
        ReviewRole.objects.filter(
            review=plan.review,
            agency=plan.agency,
            role__in=[ReviewRoleKind.SENIOR_MANAGER, ReviewRoleKind.IMR_AUTHOR],
            user__is_active=True,
        )
        .select_related("user")
        .order_by("role", "pk")
    )


@transaction.atomic
def updates_request(
    *, plans: list[ActionPlan], by: User, due_on: date, today: date
) -> list[UpdateRequest]:
    """Ask each agency for progress on its plan by ``due_on``: a deadline its senior manager is
    reminded of (the business manager when it is overdue), and an email to its people now."""
    from django.core.mail import send_mass_mail

    if due_on is None or due_on < today:
        raise ValidationError({"due_on": "The date for updates must be today or in the future"})
    if not plans:
        raise ValidationError({"plans": "Choose at least one agency's plan"})
    made, mail = [], []
    for plan in plans:
        plan = _lock_plan(plan)
        if plan.is_board_plan or plan.is_signed_off:
            raise ValidationError({"plans": f"The {plan.owner_name} plan cannot be asked for updates"})
        request = plan.requests.filter(answered_on__isnull=True).first()
        if request is None:
            request = UpdateRequest(plan=plan, requested_on=today, requested_by=by)
        request.due_on = due_on
        _save(request, by)
        people = _agency_people(plan)
        seniors = [r.user for r in people if r.role == ReviewRoleKind.SENIOR_MANAGER]
        owner = (seniors or [r.user for r in people] or [None])[0]
        deadline_set(
            subject=request,
            board=plan.review.board,
            review=plan.review,
            key=UPDATE_KEY,
            label=f"Action plan progress from {plan.owner_name}",
            due_on=due_on,
            by=by,
            responsible_user=owner,
        )
        emails = sorted({r.user.email for r in people})
        if emails:
            mail.append(
                (
                    f"{plan.review.reference}: progress on your action plan is due by "
                    f"{due_on:%d %B %Y}",
                    f"{plan.review.board.name} asks {plan.owner_name} for progress on each action "
                    f"of its plan for review {plan.review.reference}, by {due_on:%d %B %Y}. "
                    "Sign in to add a dated update to each action, with the evidence for any "
                    "action that is complete.\n",
                    None,
                    emails,
                )
            )
        made.append(request)
    send_mass_mail(mail)
    return made


def _answer_requests(plan: ActionPlan, *, by: User, today: date) -> None:
    """An open request is answered once every action that was not complete when it was made has
    an update since."""
    for request in plan.requests.filter(answered_on__isnull=True):
        waiting = (
            plan.actions.exclude(updates__created_at__gte=request.requested_at)
            .exclude(rag=COMPLETED, completed_on__lte=request.requested_on)
            .exists()
        )
        if not waiting:
            request.answered_on = today
            _save(request, by)
            deadline_complete(subject=request, key=UPDATE_KEY, on=today, by=by)


@transaction.atomic
def plan_sign_off(*, plan: ActionPlan, by: User, today: date) -> ActionPlan:
    plan = _lock_plan(plan)
    if plan.is_signed_off:
        raise ValidationError(f"This plan was already signed off on {plan.signed_off_on:%d %B %Y}.")
    ratings = list(plan.actions.values_list("rag", flat=True))
    if not ratings:
        raise ValidationError("The plan has no actions to sign off.")
    open_count = sum(1 for rag in ratings if rag != COMPLETED)
    if open_count:
        label = (plan.review.board.rag(COMPLETED) or {}).get("label", "Blue")
        raise ValidationError(
            f"Every action must be complete ({label}) before the plan is signed off; "
            f"{open_count} {'is' if open_count == 1 else 'are'} not."
        )
    plan.signed_off_by, plan.signed_off_on = by, today
    _save(plan, by)
    for request in plan.requests.filter(answered_on__isnull=True):
        request.answered_on = today
        _save(request, by)
        deadline_complete(subject=request, key=UPDATE_KEY, on=today, by=by)
    return plan
