"""Interview notes are destroyed seven years after the review is completed: not a day before,
only once the business manager confirms, never under a legal hold, and a tombstone remains."""

from datetime import date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from imr.models import Interview, ReportVersion
from scr import retention
from scr.models import Deadline, Tombstone
from scr.services import review_close
from tests.scr.end_world import build_end_world

pytestmark = pytest.mark.django_db

COMPLETED = date(2026, 3, 31)


def _completed():
    ew = build_end_world()
    review_close(review=ew.review, by=ew.users["manager"], on=COMPLETED)
    return ew


def test_interview_notes_are_destroyed_on_the_day_and_not_before():
    ew = _completed()
    manager = ew.users["manager"]
    with time_machine.travel(datetime(2033, 3, 30, 12, tzinfo=timezone.get_current_timezone())):
        today = timezone.localdate()
        assert retention.due_for_board(ew.board, today) == []
        with pytest.raises(ValidationError) as error:
            retention.destroy(review=ew.review, kind_key="interview_notes", by=manager, today=today)
        assert "31 March 2033" in error.value.messages[0]
        assert Interview.objects.get().summary == "Attended once"
    with time_machine.travel(datetime(2033, 3, 31, 9, tzinfo=timezone.get_current_timezone())):
        today = timezone.localdate()
        (due,) = retention.due_for_board(ew.board, today)
        assert due.kind.key == "interview_notes" and due.due_on == date(2033, 3, 31)
        stones = retention.destroy(
            review=ew.review, kind_key="interview_notes", by=manager, today=today
        )
    interview = Interview.objects.get()
    assert interview.summary == "" and interview.destroyed_on == date(2033, 3, 31)
    assert interview.role == "Response officer"
    version = ReportVersion.objects.get()
    assert "summary" not in version.content["interviews"][0]
    (stone,) = Tombstone.objects.all()
    assert stones == [stone] and stone.destroyed_by == manager
    assert "Response officer" in stone.description
    assert retention.due_for_board(ew.board, date(2033, 4, 1)) == []


def test_a_legal_hold_blocks_destruction_until_it_is_lifted():
    ew = _completed()
    manager, today = ew.users["manager"], date(2034, 1, 1)
    with pytest.raises(ValidationError):
        retention.hold_place(review=ew.review, by=manager, reason=" ", today=today)
    hold = retention.hold_place(review=ew.review, by=manager, reason="Civil claim", today=today)
    (due,) = retention.due_for_board(ew.board, today)
    assert due.on_hold and not due.is_due
    with pytest.raises(ValidationError) as error:
        retention.destroy(review=ew.review, kind_key="interview_notes", by=manager, today=today)
    assert "legal hold" in error.value.messages[0]
    assert Interview.objects.get().summary == "Attended once"
    retention.hold_lift(hold=hold, by=manager, today=today)
    retention.destroy(review=ew.review, kind_key="interview_notes", by=manager, today=today)
    assert Interview.objects.get().summary == ""


def test_the_sweep_puts_each_destruction_date_on_the_managers_deadlines():
    ew = _completed()
    assert retention.schedule_all() == 1
    assert retention.schedule_all() == 1  # run twice, one deadline
    deadline = Deadline.objects.get(key="retention_interview_notes")
    assert deadline.due_on == date(2033, 3, 31) and deadline.review == ew.review


def test_the_board_sets_how_long_interview_notes_are_kept():
    ew = _completed()
    ew.board.interview_notes_kept_years = 10
    ew.board.save()
    assert retention.due_for_board(ew.board, date(2033, 3, 31)) == []
    assert len(retention.due_for_board(ew.board, date(2036, 3, 31))) == 1


def test_the_retention_page_runs_the_same_queries_however_many_reviews_are_due(client):
    from bench._harness import count_queries
    from imr import services as imr
    from tests.factories import make_review

    ew = _completed()
    url = f"/boards/{ew.board.slug}/retention/"
    with time_machine.travel(datetime(2034, 1, 1, 12, tzinfo=timezone.get_current_timezone())):
        client.force_login(ew.users["manager"], backend="django.contrib.auth.backends.ModelBackend")
        client.get(url)
        before = count_queries(lambda: client.get(url))
        for n in range(4):
            review = make_review(ew.board, child_code=f"Child {n}")
            report = imr.report_for(review=review, agency=ew.police, by=ew.users["manager"])
            imr.interview_add(report=report, by=ew.users["manager"], role="Officer", summary="Seen")
            review_close(review=review, by=ew.users["manager"], on=COMPLETED)
        page = client.get(url).content.decode()
        assert page.count("Notes of the interview with") == 5
        assert count_queries(lambda: client.get(url)) == before
