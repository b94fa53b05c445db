"""Writes for chronologies. Each is atomic, validates, and names who acted (``by``)."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from scr import lifecycle
from scr.models import Agency, Review, User
from scr.services import _save, check_version

from .fuzzydates import DateNotUnderstood, read_time, with_written_time
from .models import (
    AgencyChronology,
    Annotation,
    ChronologyEntry,
    ChronologyStatus,
    Relationship,
    RelationshipKind,
    ReviewPerson,
    Submission,
)
from .selectors import date_label, snapshot_row

PERSON_FIELDS = (
    "kind",
    "code",
    "name",
    "relationship",
    "sex",
    "born_on",
    "died_on",
    "ethnicity",
    "in_household",
    "is_subject",
    "twin_group",
    "agency",
    "role",
)
ENTRY_FIELDS = (
    "occurred_precision",
    "occurred_on",
    "occurred_text",
    "time",
    "learned_on",
    "contact_type",
    "event",
    "present",
    "source",
    "action",
    "child_seen",
    "views_wishes",
    "comment",
    "good_practice",
    "concern",
)

NULLABLE = {"occurred_on", "time", "learned_on"}


@transaction.atomic
def person_save(
    *, review: Review, by: User, person: ReviewPerson | None = None, version: str = "", **fields
) -> ReviewPerson:
    person = person or ReviewPerson(review=review)
    if person.pk:
        check_version(person, version or None)
    for name in PERSON_FIELDS:
        if name in fields:
            setattr(person, name, fields[name])
    person.code = person.code.strip()
    problems = {}
    clash = ReviewPerson.objects.filter(review=review, code__iexact=person.code)
    if clash.exclude(pk=person.pk).exists():
        problems["code"] = f"{person.code} is already someone else's code on this review"
    if person.born_on and person.died_on and person.died_on < person.born_on:
        problems["died_on"] = "The date of death must be on or after the date of birth"
    if problems:
        raise ValidationError(problems)
    _save(person, by)
    return person


@transaction.atomic
def relationship_add(
    *, review: Review, by: User, a: ReviewPerson, kind: str, b: ReviewPerson
) -> Relationship:
    if a.review_id != review.pk or b.review_id != review.pk:
        raise ValidationError("Choose two people on this review.")
    if a.pk == b.pk:
        raise ValidationError({"b": "Choose two different people"})
    if (
        kind == RelationshipKind.PARENT
        and Relationship.objects.filter(a=b, b=a, kind=RelationshipKind.PARENT).exists()
    ):
        raise ValidationError({"b": f"{b.code} is already recorded as {a.code}'s parent"})
    if Relationship.objects.filter(a=a, b=b, kind=kind).exists():
        raise ValidationError("That relationship is already recorded.")
    relationship = Relationship(review=review, a=a, kind=kind, b=b)
    _save(relationship, by)
    return relationship


def chronology_for(review: Review, agency: Agency) -> AgencyChronology:
    chronology, _ = AgencyChronology.objects.get_or_create(review=review, agency=agency)
    return chronology


def _check_dates(fields: dict, today: date) -> None:
    problems = {}
    occurred, learned = fields.get("occurred_on"), fields.get("learned_on")
    if occurred and occurred > today:
        problems["occurred_on"] = "The date must be today or in the past"
    if learned and learned > today:
        problems["learned_on"] = "The date the agency learned of it must be today or in the past"
    if occurred and learned and learned < occurred and fields.get("occurred_precision") == "exact":
        problems["learned_on"] = "The agency cannot have learned of it before it happened"
    if fields.get("occurred_precision") != "unknown" and not occurred:
        problems["occurred_on"] = "Enter the date, or say it is not known"
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def entry_save(
    *,
    chronology: AgencyChronology,
    by: User,
    today: date,
    entry: ChronologyEntry | None = None,
    version: str = "",
    people=(),
    staff=(),
    **fields,
) -> ChronologyEntry:
    entry = entry or ChronologyEntry(chronology=chronology)
    if entry.pk:
        check_version(entry, version or None)
    precision, occurred = fields.get("occurred_precision"), fields.get("occurred_on")
    if precision == "unknown":
        fields["occurred_on"] = None
    elif occurred and precision == "month":
        fields["occurred_on"] = occurred.replace(day=1)  # placed at the start of its period
    elif occurred and precision == "year":
        fields["occurred_on"] = occurred.replace(month=1, day=1)
    _check_dates(fields, today)
    _read_time(fields)
    for name in ENTRY_FIELDS:
        if name in fields:
            value = fields[name]
            if value is None and name not in NULLABLE:
                value = ""
            setattr(entry, name, value)
    _save(entry, by)
    entry.people.set([p for p in people if p.review_id == chronology.review_id])
    entry.staff.set([p for p in staff if p.review_id == chronology.review_id])
    if chronology.status == ChronologyStatus.SUBMITTED:
        chronology.status = ChronologyStatus.REVISING
        _save(chronology, by)
    return entry


def _read_time(fields: dict) -> None:
    """A time typed as text ("14.30", "2pm", "pm", "about 2pm") read into the exact time; an
    approximate one is kept as written after the date's own text, since the time field holds
    only exact times."""
    if not isinstance(fields.get("time"), str):
        return
    try:
        fields["time"], written = read_time(fields["time"])
    except DateNotUnderstood as error:
        raise ValidationError({"time": str(error)}) from None
    if written:
        when = fields.get("occurred_text") or ""
        if not when and fields.get("occurred_precision") != "unknown":
            when = date_label(fields.get("occurred_precision"), fields.get("occurred_on"))
        fields["occurred_text"] = with_written_time(when, written)[:60]


@transaction.atomic
def entry_delete(*, entry: ChronologyEntry, by: User) -> None:
    chronology = entry.chronology
    entry._history_user = by
    entry.delete()
    if chronology.status == ChronologyStatus.SUBMITTED:
        chronology.status = ChronologyStatus.REVISING
        _save(chronology, by)


@transaction.atomic
def chronology_submit(*, chronology: AgencyChronology, by: User, now: datetime) -> Submission:
    chronology = AgencyChronology.objects.select_for_update().get(pk=chronology.pk)
    entries = list(
        chronology.entries.prefetch_related("people", "staff").select_related("chronology__agency")
    )
    if not entries:
        raise ValidationError("Add at least one row before submitting the chronology.")
    if chronology.status == ChronologyStatus.SUBMITTED:
        raise ValidationError("Nothing has changed since the chronology was last submitted.")
    number = (chronology.submissions.aggregate(n=Max("number"))["n"] or 0) + 1
    submission = Submission.objects.create(
        chronology=chronology,
        number=number,
        submitted_at=now,
        submitted_by=by,
        rows=[snapshot_row(entry, chronology.agency) for entry in entries],
    )
    chronology.status = ChronologyStatus.SUBMITTED
    _save(chronology, by)
    lifecycle.record(
        review=chronology.review,
        key="chronology_submitted",
        part=chronology.agency_id,
        on=timezone.localtime(now).date(),
        by=by,
        check=False,
    )
    return submission


@transaction.atomic
def import_confirm(*, chronology: AgencyChronology, by: User, today: date, rows: list[dict]) -> int:
    """Save the rows an author confirmed from an upload, all or none."""
    people = {
        key.lower(): person
        for person in chronology.review.people.all()
        for key in (person.code, person.name)
    }
    for values in rows:
        occurred = values["occurred"]
        named = [people.get(str(name).strip().lower()) for name in values.get("family_members", [])]
        unknown = [
            str(name)
            for name, person in zip(values.get("family_members", []), named, strict=True)
            if person is None
        ]
        staff_named = [people.get(str(name).strip().lower()) for name in values.get("staff", [])]
        learned = values.get("learned_on")
        present = ", ".join(unknown)
        entry_save(
            chronology=chronology,
            by=by,
            today=today,
            occurred_precision=occurred.precision,
            occurred_on=occurred.value,
            occurred_text=with_written_time(occurred.text, values.get("time_text", ""))[:60],
            time=values.get("time"),
            learned_on=learned.value if learned is not None else None,
            contact_type=values.get("contact_type", ""),
            event=values.get("event", ""),
            present=present[:300],
            source=values.get("source", "")[:300],
            action=values.get("action", ""),
            child_seen=values.get("child_seen", ""),
            views_wishes=values.get("views_wishes", ""),
            comment=values.get("comment", ""),
            good_practice=values.get("good_practice", False),
            concern=values.get("concern", False),
            people=[p for p in named if p is not None],
            staff=[p for p in staff_named if p is not None],
        )
    return len(rows)


@transaction.atomic
def annotate(*, review: Review, by: User, entry_id: int, kind: str, note: str) -> Annotation:
    known = any(
        row["id"] == entry_id
        for submission in Submission.objects.filter(chronology__review=review)
        for row in submission.rows
    )
    if not known:
        raise ValidationError("That row is not in the integrated chronology.")
    annotation = Annotation(
        review=review, entry_id=entry_id, kind=kind, note=note.strip(), author=by
    )
    _save(annotation, by)
    return annotation
