"""Learning across reviews: lessons tagged with the board's themes, debrief events, the themes
report across every review a user may see, and the figures for the board's annual report."""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from io import BytesIO

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from scr import lifecycle, registry
from scr.models import Board, Deadline, DebriefEvent, EventKind, Lesson, Review, User
from scr.services import COMPLETION, _save


@transaction.atomic
def lesson_add(*, review: Review, by: User, text: str, themes: list[str]) -> Lesson:
    errors = {}
    if not (text or "").strip():
        errors["text"] = "Enter the lesson"
    unknown = [t for t in themes if t not in review.board.learning_themes]
    if unknown:
        errors["themes"] = "Choose themes from the board's list"
    if not themes:
        errors["themes"] = "Choose at least one theme"
    if errors:
        raise ValidationError(errors)
    lesson = Lesson(review=review, by=by, text=text.strip(), themes=themes)
    _save(lesson, by)
    return lesson


@transaction.atomic
def debrief_add(
    *,
    review: Review,
    by: User,
    title: str,
    held_on: date | None,
    invited: str,
    notes: str,
    kind: str = "debrief",
) -> DebriefEvent:
    errors = {}
    if not (title or "").strip():
        errors["title"] = "Enter what the event is"
    if held_on is None:
        errors["held_on"] = "Enter the date of the event"
    if not (invited or "").strip():
        errors["invited"] = "Enter who was invited, one a line"
    if errors:
        raise ValidationError(errors)
    event = DebriefEvent(
        review=review,
        kind=kind if kind in EventKind.values else EventKind.OTHER,
        title=title.strip(),
        held_on=held_on,
        invited=invited.strip(),
        notes=(notes or "").strip(),
    )
    _save(event, by)
    if event.kind == EventKind.DEBRIEF and held_on <= timezone.localdate():
        lifecycle.record(review=review, key="debrief_held", on=held_on, by=by, check=False)
    return event


@transaction.atomic
def themes_save(*, board: Board, by: User, themes: list[str]) -> Board:
    cleaned = list(dict.fromkeys(t.strip() for t in themes if t.strip()))
    if not cleaned:
        raise ValidationError({"themes": "Enter at least one theme"})
    if any(len(t) > 80 for t in cleaned):
        raise ValidationError({"themes": "Keep each theme under 80 characters"})
    board.learning_themes = cleaned
    _save(board, by)
    return board


@dataclass
class ThemeRow:
    theme: str
    lessons: int = 0
    recommendations: int = 0
    reviews: set = field(default_factory=set)


def themes_report(reviews) -> list[ThemeRow]:
    """How often each theme comes up across ``reviews`` (those the user may see)."""
    ids = [r.pk for r in reviews]
    rows: dict[str, ThemeRow] = {}
    for review_id, themes in Lesson.objects.filter(review__in=ids).values_list(
        "review_id", "themes"
    ):
        for theme in themes:
            row = rows.setdefault(theme, ThemeRow(theme))
            row.lessons += 1
            row.reviews.add(review_id)
    for source in registry.theme_sources:
        for review_id, theme in source(ids):
            row = rows.setdefault(theme, ThemeRow(theme))
            row.recommendations += 1
            row.reviews.add(review_id)
    return sorted(rows.values(), key=lambda r: (-(r.lessons + r.recommendations), r.theme))


@dataclass
class AnnualFigures:
    board: Board
    year: int
    by_type: list[tuple[str, int]]
    completed: int
    on_time: int
    late: int
    open_at_end: int
    stage: list[tuple[str, str]]

    def rows(self) -> list[tuple[str, object]]:
        out = [(f"Reviews started in {self.year}: {label}", n) for label, n in self.by_type]
        out += [
            (f"Reviews completed in {self.year}", self.completed),
            ("of which completed within their timescale (with agreed extensions)", self.on_time),
            ("of which completed late", self.late),
            (f"Reviews still open at the end of {self.year}", self.open_at_end),
        ]
        return out + list(self.stage)


def annual_figures(board: Board, year: int) -> AnnualFigures:
    start, end = date(year, 1, 1), date(year, 12, 31)
    started = Counter(
        Review.objects.filter(board=board, started_on__range=(start, end)).values_list(
            "review_type", flat=True
        )
    )
    by_type = [(t["label"], started.get(t["code"], 0)) for t in board.review_types]
    completed = list(
        Review.objects.filter(board=board, completed_on__range=(start, end)).values_list(
            "pk", "completed_on"
        )
    )
    due = dict(
        Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(Review),
            object_id__in=[pk for pk, _ in completed],
            key=COMPLETION,
        ).values_list("object_id", "due_on")
    )
    on_time = sum(1 for pk, done in completed if pk in due and done <= due[pk])
    open_at_end = (
        Review.objects.filter(board=board, started_on__lte=end)
        .exclude(completed_on__lte=end)
        .count()
    )
    stage = [row for source in registry.figure_sources for row in source(board, year)]
    return AnnualFigures(
        board,
        year,
        by_type,
        len(completed),
        on_time,
        len(completed) - on_time,
        open_at_end,
        [(label, value) for label, value in stage],
    )


def annual_xlsx(figures: AnnualFigures) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from scr.spreadsheets import append_row, write_rows

    book = Workbook()
    sheet = book.active
    sheet.title = str(figures.year)
    append_row(sheet, [f"{figures.board.name}: reviews in {figures.year}"])
    sheet["A1"].font = Font(bold=True, size=14)
    append_row(sheet, ["Figure", "Value"])
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    write_rows(sheet, figures.rows())
    sheet.column_dimensions["A"].width = 70
    book.properties.creator = figures.board.name
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()
