"""The review as one lifecycle: the stages record what happened, on the day it happened, and the
rest follows. A milestone of the board's timetable names the events that complete it; the review's
stage is the first stage of its path that is not yet complete; the progress page is drawn from the
same facts. The core knows no stage: each registers its events and itself (``scr.registry``).

A rule names events joined by " + ", each written as:
- ``key``: the event happened (for an event that happens several times, the first time counts);
- ``key:part``: it happened for that part (a recipient's key, an agency's id);
- ``all:key``: a per-agency event happened for every contributing agency.
A rule is met on the date its last event happened.
"""

from dataclasses import dataclass, field
from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from scr import registry
from scr.dates import add_period, working_days_between
from scr.models import Deadline, Review, ReviewEvent, ReviewRole, ReviewRoleKind, User

COMPLETE = "complete"
COMPLETE_LABEL = "Complete"
COMPLETION = "completion"


@dataclass
class Facts:
    """What happened in one review: {(key, part): date}; each agency's contribution as the terms
    of reference set it ({agency id: "imr", "chronology", ...}); and, until the terms say, the
    agencies that said they were involved or have a report author."""

    events: dict[tuple[str, str], date] = field(default_factory=dict)
    contributions: dict[str, str] = field(default_factory=dict)
    involved: set[str] = field(default_factory=set)

    def first(self, key: str) -> date | None:
        dates = [on for (k, _), on in self.events.items() if k == key]
        return min(dates) if dates else None

    def contributors(self, forms: tuple[str, ...]) -> set[str]:
        if self.contributions:
            return {agency for agency, form in self.contributions.items() if form in forms}
        return set(self.involved)


def facts_for(review: Review) -> Facts:
    """Four queries, whatever the review holds."""
    from scr.models import AgencyInvolvement, TermsOfReference

    events = {
        (key, part): on
        for key, part, on in ReviewEvent.objects.filter(review=review).values_list(
            "key", "part", "happened_on"
        )
    }
    contributions = (
        TermsOfReference.objects.filter(review=review).values_list("contributions", flat=True).first()
        or {}
    )
    involved = {
        str(agency)
        for agency in AgencyInvolvement.objects.filter(review=review, involved=True).values_list(
            "agency_id", flat=True
        )
    } | {
        str(agency)
        for agency in ReviewRole.objects.filter(
            review=review, role=ReviewRoleKind.IMR_AUTHOR
        ).values_list("agency_id", flat=True)
        if agency
    }
    return Facts(events, {str(k): v for k, v in contributions.items() if v}, involved)


def rule_refs(rule: str) -> list[str]:
    return [ref.strip() for ref in (rule or "").split("+") if ref.strip()]


def ref_key(ref: str) -> str:
    """The event key a reference names."""
    if ref.startswith("all:"):
        return ref[4:]
    return ref.split(":", 1)[0]


def rule_date(rule: str, facts: Facts) -> date | None:
    """The date ``rule`` was met, or None while it is not."""
    dates = []
    for ref in rule_refs(rule):
        if ref.startswith("all:"):
            key = ref[4:]
            event = registry.lifecycle_events.get(key)
            agencies = facts.contributors(event.per_agency if event else ())
            if not agencies:
                return None
            found = [facts.events.get((key, agency)) for agency in agencies]
            if None in found:
                return None
            dates.append(max(found))
        elif ":" in ref:
            key, part = ref.split(":", 1)
            on = facts.events.get((key, part))
            if on is None:
                return None
            dates.append(on)
        else:
            on = facts.first(ref)
            if on is None:
                return None
            dates.append(on)
    return max(dates) if dates else None


def rule_label(rule: str) -> str:
    """A rule in words: "Terms of reference signed and every contributing agency's chronology
    submitted"."""
    words = []
    for ref in rule_refs(rule):
        event = registry.lifecycle_events.get(ref_key(ref))
        label = event.label if event else ref_key(ref)
        if ref.startswith("all:"):
            label = f"{label} (every contributing agency)"
        elif ":" in ref:
            label = f"{label} ({ref.split(':', 1)[1]})"
        words.append(label if not words else label[:1].lower() + label[1:])
    return " and ".join(words)


def rule_errors(rule: str) -> list[str]:
    return [
        f"“{ref}” is not an event the stages record"
        for ref in rule_refs(rule)
        if ref_key(ref) not in registry.lifecycle_events
    ]


# Stages ------------------------------------------------------------------------------------------


@dataclass
class TaskState:
    label: str
    holder: str
    url: str
    done_on: date | None


@dataclass
class StageState:
    key: str
    label: str
    status: str  # "cannot_start", "not_started", "in_progress", "completed"
    done_on: date | None
    tasks: list[TaskState]

    @property
    def status_label(self) -> str:
        return {
            "cannot_start": "Cannot start yet",
            "not_started": "Not started",
            "in_progress": "In progress",
            "completed": "Completed",
        }[self.status]


def path_of(review: Review) -> list[registry.LifecycleStage]:
    return [stage for stage in registry.stages_in_order() if stage.applies(review)]


def stage_states(review: Review, facts: Facts, *, with_urls: bool = True) -> list[StageState]:
    states, previous_done = [], True
    stage_keys = {
        key: event.stage for key, event in registry.lifecycle_events.items() if event.stage
    }
    for stage in path_of(review):
        done_on = rule_date(stage.done_when, facts)
        tasks = [
            TaskState(
                task.label,
                task.holder,
                task.url(review) if with_urls else "",
                rule_date(task.event, facts),
            )
            for task in stage.tasks
        ]
        started = any(stage_keys.get(key) == stage.key for key, _ in facts.events)
        if done_on is not None:
            status = "completed"
        elif started or any(t.done_on for t in tasks):
            status = "in_progress"
        elif previous_done:
            status = "not_started"
        else:
            status = "cannot_start"
        states.append(StageState(stage.key, stage.label, status, done_on, tasks))
        previous_done = done_on is not None
    return states


def derive_stage(review: Review, facts: Facts) -> str:
    """The first stage of the review's path not yet complete; once the last stage is complete
    (the review is signed off and closed), the review is complete whatever came after."""
    path = path_of(review)
    if path and rule_date(path[-1].done_when, facts) is not None:
        return COMPLETE
    for stage in path:
        if rule_date(stage.done_when, facts) is None:
            return stage.key
    return COMPLETE


def stage_label(key: str) -> str:
    if key == COMPLETE:
        return COMPLETE_LABEL
    stage = registry.lifecycle_stages.get(key)
    return stage.label if stage else key.replace("_", " ").capitalize()


def stage_choices() -> list[tuple[str, str]]:
    return [(s.key, s.label) for s in registry.stages_in_order()] + [(COMPLETE, COMPLETE_LABEL)]


# Recording --------------------------------------------------------------------------------------


def began_on(review: Review, facts: Facts | None = None) -> date:
    """The day the review (or the referral that led to it) began: no event is earlier."""
    facts = facts or facts_for(review)
    earliest = [review.started_on, *facts.events.values()]
    referral = facts.first("referral_received")
    return min(referral or review.started_on, min(earliest))


def check_date(review: Review, on: date, *, today: date | None = None, field: str = "on") -> None:
    """An event's date: today or earlier, and not before the review or its referral began."""
    today = today or timezone.localdate()
    if on > today:
        raise ValidationError({field: "The date must be today or in the past"})
    first = began_on(review)
    if on < first:
        raise ValidationError(
            {field: f"The date cannot be before the review began, on {first:%-d %B %Y}"}
        )


def record(
    *,
    review: Review,
    key: str,
    on: date,
    by: User,
    part: str | int = "",
    today: date | None = None,
    check: bool = True,
) -> ReviewEvent:
    """Record that ``key`` happened on ``on`` (the first time counts: recording it again changes
    nothing), then bring the milestones and the stage up to date."""
    if key not in registry.lifecycle_events:
        raise ValueError(f"{key!r} is not a registered lifecycle event")
    if check:
        check_date(review, on, today=today)
    part = str(part or "")
    event = ReviewEvent.objects.filter(review=review, key=key, part=part).first()
    if event is not None:
        return event
    event = ReviewEvent(review=review, key=key, part=part, happened_on=on, recorded_by=by)
    event._history_user = by
    try:
        with transaction.atomic():
            event.save()
    except IntegrityError:  # recorded at the same moment by someone else
        return ReviewEvent.objects.get(review=review, key=key, part=part)
    refresh(review, by=by)
    return event


@transaction.atomic
def forget(*, review: Review, key: str, by: User, part: str | int = "") -> None:
    """Take back an event that was undone in its stage (a returned report, say)."""
    for event in ReviewEvent.objects.filter(review=review, key=key, part=str(part or "")):
        event._history_user = by
        event.delete()
    refresh(review, by=by)


def _milestones(review: Review) -> dict[str, Deadline]:
    content_type = ContentType.objects.get_for_model(Review)
    return {
        d.key: d
        for d in Deadline.objects.filter(content_type=content_type, object_id=review.pk)
    }


def _save(instance, by: User) -> None:
    instance._history_user = by
    instance.save()


@transaction.atomic
def refresh(review: Review, *, by: User) -> str:
    """Complete the milestones whose events have happened, and move the stage. Returns it."""
    facts = facts_for(review)
    deadlines = _milestones(review)
    for milestone in review.board.milestones:
        rule = milestone.get("event", "")
        deadline = deadlines.get(milestone["key"])
        if not rule or deadline is None or deadline.completed_on:
            continue
        done_on = rule_date(rule, facts)
        if done_on is not None:
            deadline.completed_on = done_on
            _save(deadline, by)
    stage = derive_stage(review, facts)
    completion = deadlines.get(COMPLETION)
    if stage == COMPLETE and completion is not None and not completion.completed_on:
        path = path_of(review)
        completion.completed_on = rule_date(path[-1].done_when, facts) if path else None
        completion.completed_on = completion.completed_on or timezone.localdate()
        _save(completion, by)
    if review.stage != stage:
        review.stage = stage
        review._history_user = by
        review.save(update_fields=["stage"])
    return stage


# Milestones done by hand ------------------------------------------------------------------------


def is_milestone(review: Review, deadline: Deadline) -> bool:
    """One of the board's milestones for this review (not the completion date, nor a deadline a
    stage hung on its own record, such as an action point)."""
    return (
        deadline.content_type_id == ContentType.objects.get_for_model(Review).id
        and deadline.object_id == review.pk
        and deadline.key in {m["key"] for m in review.board.milestones}
    )


def _check_milestone(review: Review, deadline: Deadline) -> None:
    """Only the review's own timetable milestones are marked done or undone by hand."""
    if not is_milestone(review, deadline):
        raise ValidationError("Only a milestone of the review's timetable can be marked here.")


def milestone_rule(review: Review, deadline: Deadline) -> str:
    """The event rule that completes this milestone, or "" when it is marked done by hand (also
    when its events belong to a stage that is not on this review's path)."""
    for milestone in review.board.milestones:
        if milestone["key"] == deadline.key:
            rule = milestone.get("event", "")
            path = {stage.key for stage in path_of(review)}
            stages = {
                registry.lifecycle_events[ref_key(ref)].stage
                for ref in rule_refs(rule)
                if ref_key(ref) in registry.lifecycle_events
            }
            return rule if stages and stages <= path else ""
    return ""


@transaction.atomic
def milestone_mark_done(
    *, review: Review, deadline: Deadline, on: date, by: User, today: date | None = None
) -> Deadline:
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    _check_milestone(review, deadline)
    rule = milestone_rule(review, deadline)
    if rule:
        raise ValidationError(
            f"“{deadline.label}” is done when this is recorded: {rule_label(rule)}. "
            "Record it on its own page, with the date it happened."
        )
    if deadline.completed_on:
        raise ValidationError(
            f"“{deadline.label}” was already done on {deadline.completed_on:%-d %B %Y}."
        )
    check_date(review, on, today=today)
    deadline.completed_on = on
    _save(deadline, by)
    refresh(review, by=by)
    return deadline


@transaction.atomic
def milestone_undo(*, review: Review, deadline: Deadline, by: User) -> Deadline:
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    _check_milestone(review, deadline)
    if milestone_rule(review, deadline):
        raise ValidationError(
            f"“{deadline.label}” follows from what was recorded in its stage, so it cannot be "
            "undone here."
        )
    if not deadline.completed_on:
        raise ValidationError(f"“{deadline.label}” is not done, so there is nothing to undo.")
    keys = [m["key"] for m in review.board.milestones]
    later = keys[keys.index(deadline.key) + 1 :]
    blocking = (
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(Review),
            object_id=review.pk,
            key__in=later,
            completed_on__isnull=False,
        )
        .order_by("due_on")
        .first()
    )
    if blocking is not None:
        raise ValidationError(
            f"“{blocking.label}” comes after this step and is already done, so this step cannot "
            "be undone."
        )
    deadline.completed_on = None
    _save(deadline, by)
    return deadline


# Timeliness -------------------------------------------------------------------------------------


def milestone_state(deadline: Deadline, today: date) -> tuple[str, str]:
    """(state, words): done on time or N working days late, overdue, due soon, to come."""
    if deadline.completed_on:
        late = working_days_between(deadline.due_on, deadline.completed_on)
        when = f"{deadline.completed_on:%-d %b %Y}"
        if late:
            days = "working day" if late == 1 else "working days"
            return "late", f"Done {when}, {late} {days} late"
        return "done", f"Done {when}, on time"
    if deadline.due_on < today:
        return "overdue", "Overdue"
    if (deadline.due_on - today).days <= 7:
        return "soon", "Due within 7 days"
    return "later", "To come"


def ofsted_date(review: Review) -> date | None:
    months = review.board.ofsted_judges_months
    return add_period(review.started_on, months, "months") if months else None


def past_ofsted_time(review: Review, today: date, *, extended: bool) -> bool:
    """Past the shorter time Ofsted judges the board against, still open, and no agreed
    extension."""
    due = ofsted_date(review)
    return bool(
        due
        and review.is_open
        and review.stage != COMPLETE
        and not extended
        and today > due
        and (review.board.ofsted_judges_months or 0) < review.board.completion_months
    )


def recordable(key: str, review: Review | None = None) -> registry.LifecycleEvent | None:
    """The event, if it may be recorded by hand (on this review, when one is given)."""
    event = registry.lifecycle_events.get(key)
    if event is None or not event.recordable:
        return None
    if review is not None and callable(event.recordable) and not event.recordable(review):
        return None
    return event


@transaction.atomic
def record_by_hand(
    *, review: Review, key: str, on: date | None, by: User, today: date | None = None
) -> ReviewEvent:
    """The business manager records something that happened outside the product (the chronology
    merged, the action plans quality assured), with the date it happened."""
    event = recordable(key, review)
    if event is None:
        raise ValidationError("This is not something that can be recorded by hand.")
    Review.objects.select_for_update().filter(pk=review.pk).first()
    done = ReviewEvent.objects.filter(review=review, key=key).first()
    if done is not None:
        raise ValidationError(f"{event.label} was already recorded, on {done.happened_on:%-d %B %Y}.")
    if on is None:
        raise ValidationError({"on": "Enter the date it happened"})
    if event.requires and rule_date(event.requires, facts_for(review)) is None:
        raise ValidationError(
            f"{event.label} can be recorded once this has happened: {rule_label(event.requires)}."
        )
    if event.on_record is not None:
        check_date(review, on, today=today)
        event.on_record(review=review, on=on, by=by)
        return ReviewEvent.objects.get(review=review, key=key, part="")
    return record(review=review, key=key, on=on, by=by, today=today)
