"""Lessons tagged with the board's themes, the themes report, debriefs and the annual figures."""

from datetime import date, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from scr import learning
from scr.services import review_close
from tests.scr.end_world import build_end_world

pytestmark = pytest.mark.django_db


@pytest.fixture
def ew():
    return build_end_world()


def test_lessons_take_only_the_boards_themes(ew):
    manager = ew.users["manager"]
    with pytest.raises(ValidationError) as error:
        learning.lesson_add(review=ew.review, by=manager, text="", themes=["Made up"])
    assert set(error.value.error_dict) == {"text", "themes"}
    learning.lesson_add(review=ew.review, by=manager, text="Share calls", themes=["Neglect"])
    learning.themes_save(board=ew.board, by=manager, themes=["Neglect", " ", "Neglect", "Housing"])
    ew.board.refresh_from_db()
    assert ew.board.learning_themes == ["Neglect", "Housing"]


def test_the_themes_report_counts_lessons_and_recommendations(ew):
    manager = ew.users["manager"]
    learning.lesson_add(
        review=ew.review, by=manager, text="A", themes=["Neglect", "Record keeping"]
    )
    learning.lesson_add(review=ew.review, by=manager, text="B", themes=["Neglect"])
    rows = {row.theme: row for row in learning.themes_report([ew.review])}
    assert rows["Neglect"].lessons == 2 and rows["Record keeping"].lessons == 1
    assert rows["Other"].recommendations == 1  # the police report's recommendation
    assert list(rows)[0] == "Neglect"


def test_a_debrief_needs_a_title_a_date_and_who_was_invited(ew):
    with pytest.raises(ValidationError) as error:
        learning.debrief_add(
            review=ew.review, by=ew.users["manager"], title="", held_on=None, invited="", notes=""
        )
    assert set(error.value.error_dict) == {"title", "held_on", "invited"}
    event = learning.debrief_add(
        review=ew.review,
        by=ew.users["manager"],
        title="Debrief",
        held_on=date(2026, 11, 3),
        invited="Police\n\nHealth visitors",
        notes="",
    )
    assert event.invited_list == ["Police", "Health visitors"]


def test_the_annual_figures_count_reviews_timeliness_and_actions(ew, client):
    year = timezone.localdate().year
    review_close(review=ew.review, by=ew.users["manager"], on=timezone.localdate())
    figures = dict(learning.annual_figures(ew.board, year).rows())
    assert figures[f"Reviews completed in {year}"] == 1
    assert figures["of which completed within their timescale (with agreed extensions)"] == 1
    assert figures[f"Actions in action plans by the end of {year}"] == 1
    assert figures["Share of actions completed"] == "0%"
    client.force_login(ew.users["manager"], backend="django.contrib.auth.backends.ModelBackend")
    response = client.get(
        reverse("annual_report", args=[ew.board.slug]) + f"?year={year}&format=xlsx"
    )
    sheet = load_workbook(BytesIO(response.content)).active
    values = {row[0]: row[1] for row in sheet.iter_rows(min_row=3, values_only=True)}
    assert values[f"Reviews completed in {year}"] == 1


def test_a_late_review_counts_as_late(ew):
    from scr.models import Deadline

    Deadline.objects.filter(review=ew.review, key="completion").update(
        due_on=timezone.localdate() - timedelta(days=5)
    )
    review_close(review=ew.review, by=ew.users["manager"], on=timezone.localdate())
    figures = dict(learning.annual_figures(ew.board, timezone.localdate().year).rows())
    assert figures["of which completed late"] == 1
