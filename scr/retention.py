"""How long records are kept. Each kind of record a stage registers (interview notes: seven
years after the review is completed, by default) falls due on a date; the business manager sees
what is due and confirms; the content is destroyed and a tombstone says what went, when and on
whose word. A legal hold on the review stops it."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction

from scr import registry
from scr.dates import PeriodUnit, add_period
from scr.models import BoardRole, LegalHold, Review, Tombstone, User
from scr.services import _save, deadline_complete, deadline_set


@dataclass(frozen=True)
class Due:
    review: Review
    kind: registry.RetentionType
    due_on: date
    items: list
    on_hold: bool

    @property
    def is_due(self) -> bool:
        return not self.on_hold and bool(self.items)


def due_on(review: Review, kind: registry.RetentionType) -> date | None:
    if not review.completed_on:
        return None
    return add_period(review.completed_on, kind.years(review.board) * 12, PeriodUnit.MONTHS)


def on_hold(review: Review) -> bool:
    return LegalHold.objects.filter(review=review, lifted_on__isnull=True).exists()


def due_for_board(board, today: date) -> list[Due]:
    """What of the board's completed reviews has reached its destruction date."""
    found = []
    reviews = Review.objects.filter(board=board, completed_on__isnull=False).select_related("board")
    held = set(
        LegalHold.objects.filter(review__board=board, lifted_on__isnull=True).values_list(
            "review_id", flat=True
        )
    )
    for kind in registry.retention_types.values():
        due = [(r, when) for r in reviews if (when := due_on(r, kind)) and when <= today]
        remaining = kind.items([r for r, _ in due]) if due else {}
        for review, when in due:
            if remaining.get(review.pk):
                found.append(Due(review, kind, when, remaining[review.pk], review.pk in held))
    return found


@transaction.atomic
def destroy(*, review: Review, kind_key: str, by: User, today: date) -> list[Tombstone]:
    kind = registry.retention_types.get(kind_key)
    if kind is None:
        raise ValidationError("There is no such kind of record.")
    Review.objects.select_for_update().filter(pk=review.pk).first()
    if on_hold(review):
        raise ValidationError(
            "The review is under a legal hold: nothing of it can be destroyed until the hold is "
            "lifted."
        )
    when = due_on(review, kind)
    if when is None or when > today:
        raise ValidationError(
            f"{kind.label} of this review may not be destroyed before {when:%d %B %Y}."
            if when
            else f"The review is not complete: {kind.label.lower()} are kept."
        )
    items = kind.items([review]).get(review.pk, [])
    kind.destroy(review, [pk for pk, _ in items], by)
    stones = []
    for _, description in items:
        stone = Tombstone(
            review=review,
            document_type=kind.key,
            description=description[:300],
            destroyed_on=today,
            destroyed_by=by,
        )
        _save(stone, by)
        stones.append(stone)
    deadline_complete(subject=review, key=f"retention_{kind.key}", on=today, by=by)
    return stones


@transaction.atomic
def hold_place(*, review: Review, by: User, reason: str, today: date) -> LegalHold:
    if not (reason or "").strip():
        raise ValidationError({"reason": "Say why the records must be kept"})
    if on_hold(review):
        raise ValidationError("The review is already under a legal hold.")
    hold = LegalHold(review=review, reason=reason.strip(), placed_by=by, placed_on=today)
    _save(hold, by)
    return hold


@transaction.atomic
def hold_lift(*, hold: LegalHold, by: User, today: date) -> LegalHold:
    if hold.lifted_on:
        raise ValidationError("The hold is already lifted.")
    hold.lifted_on = today
    _save(hold, by)
    return hold


def schedule_all() -> int:
    """Each completed review's destruction dates as deadlines for its business manager (a
    reminder comes as the date nears; nothing is destroyed without their confirmation)."""
    from scr.services import system_user

    by, count = system_user(), 0
    reviews = list(Review.objects.filter(completed_on__isnull=False).select_related("board"))
    for kind in registry.retention_types.values():
        remaining = kind.items(reviews) if reviews else {}
        for review in reviews:
            when = due_on(review, kind)
            if when and remaining.get(review.pk):
                deadline_set(
                    subject=review,
                    board=review.board,
                    review=review,
                    key=f"retention_{kind.key}",
                    label=f"Confirm the destruction of {kind.label.lower()}",
                    due_on=when,
                    by=by,
                    responsible_role=BoardRole.BUSINESS_MANAGER,
                )
                count += 1
    return count
