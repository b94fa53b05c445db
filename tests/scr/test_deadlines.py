import os
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

from scr import celery_app, services
from scr.deadlines import sweep
from scr.models import Board, BoardRole, Deadline, Reminder, ReviewRoleKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _review(slug="rotherham", started=date(2026, 1, 31), **events):
    board = Board.objects.get(slug=slug)
    return services.review_create(
        board=board,
        child_code="Child A",
        review_type="scr",
        started_on=started,
        by=services.system_user(),
        events=events,
    )


def _dates(review):
    return dict(review.deadlines.values_list("key", "due_on"))


class TestTimetables:
    def test_rotherham_counts_its_week_by_week_guide_from_the_referral(self):
        review = _review(started=date(2026, 3, 16), referral=date(2026, 3, 2))
        due = _dates(review)
        assert due["referred_to_panel"] == date(2026, 3, 9)
        assert due["chronologies_due"] == date(2026, 5, 4)  # week 9
        assert due["imrs_due"] == date(2026, 5, 18)  # week 11
        assert due["completion"] == date(2026, 7, 16)  # four calendar months from the decision

    def test_a_month_end_start_clamps_to_the_end_of_february(self):
        assert _dates(_review(started=date(2026, 1, 31)))["completion"] == date(2026, 5, 31)
        luton = _review("luton", started=date(2026, 8, 31))
        assert _dates(luton)["completion"] == date(2027, 2, 28)
        mk = _review("milton-keynes", started=date(2027, 8, 31))
        assert _dates(mk)["completion"] == date(2028, 2, 29)

    def test_every_board_gets_a_timetable_in_its_own_order(self):
        for board in Board.objects.all():
            review = _review(board.slug, started=date(2026, 2, 2))
            due = _dates(review)
            assert set(due) == {m["key"] for m in board.milestones} | {"completion"}
            assert due["completion"] == board.completion_due(date(2026, 2, 2))

    def test_a_milestone_cannot_move_before_the_review_starts(self):
        review = _review()
        deadline = review.deadlines.get(key="imrs_due")
        with pytest.raises(ValidationError):
            services.deadline_move(
                deadline=deadline, due_on=date(2026, 1, 1), by=services.system_user()
            )


class TestExtensions:
    def test_an_agreed_extension_moves_completion_and_every_milestone_not_yet_done(self):
        review = _review(started=date(2026, 3, 16), referral=date(2026, 3, 2))
        manager = UserFactory()
        # Referred to the panel on time; the recommendation (due 30 March) is overdue.
        review.deadlines.filter(key="referred_to_panel").update(completed_on=date(2026, 3, 6))
        before = _dates(review)
        with pytest.raises(ValidationError, match="after the current completion date"):
            services.extension_request(
                review=review,
                by=manager,
                reasons="x",
                proposed_date=date(2026, 7, 1),
                today=date(2026, 4, 1),
            )
        extension = services.extension_request(
            review=review,
            by=manager,
            reasons="Criminal trial delays interviews.",
            proposed_date=date(2026, 9, 16),
            today=date(2026, 4, 1),
        )
        services.extension_decide(
            extension=extension,
            by=manager,
            agreed=True,
            decided_on=date(2026, 4, 10),
            letter_reference="GO/123",
            today=date(2026, 4, 10),
        )
        after = _dates(review)
        review.refresh_from_db()
        assert review.completion_due == date(2026, 9, 16) == after["completion"]
        shift = date(2026, 9, 16) - date(2026, 7, 16)
        assert after["imrs_due"] == before["imrs_due"] + shift
        assert after["referred_to_panel"] == before["referred_to_panel"]  # done: keeps its date
        assert after["recommendation"] == before["recommendation"] + shift  # overdue, not done
        history = Deadline.history.filter(id=review.deadlines.get(key="imrs_due").pk)
        assert {h.due_on for h in history} == {before["imrs_due"], after["imrs_due"]}
        with pytest.raises(ValidationError):
            services.extension_decide(
                extension=extension,
                by=manager,
                agreed=False,
                decided_on=date(2026, 4, 10),
                letter_reference="",
                today=date(2026, 4, 10),
            )

    def test_a_refused_extension_moves_nothing(self):
        review = _review()
        before = _dates(review)
        extension = services.extension_request(
            review=review,
            by=UserFactory(),
            reasons="x",
            proposed_date=date(2026, 8, 1),
            today=date(2026, 2, 1),
        )
        services.extension_decide(
            extension=extension,
            by=UserFactory(),
            agreed=False,
            decided_on=date(2026, 2, 3),
            letter_reference="",
            today=date(2026, 2, 3),
        )
        assert _dates(review) == before


@pytest.fixture
def reviewed(db):
    """A Luton review with a manager, and an author responsible for the agency reports."""
    board = Board.objects.get(slug="luton")
    manager, author = UserFactory(), UserFactory()
    by = services.system_user()
    services.person_add_to_board(
        board=board,
        email=manager.email,
        full_name=manager.full_name,
        role=BoardRole.BUSINESS_MANAGER,
        agency=None,
        by=by,
    )
    agency = board.agencies.filter(discipline="police").first()
    services.person_add_to_board(
        board=board,
        email=author.email,
        full_name=author.full_name,
        role=BoardRole.AGENCY_STAFF,
        agency=agency,
        by=by,
    )
    review = _review("luton", started=date(2026, 1, 5))
    services.review_role_assign(
        review=review, user=author, role=ReviewRoleKind.IMR_AUTHOR, agency=agency, by=by
    )
    return review, manager, author


class TestSweep:
    def _imr_due(self, review):
        return review.deadlines.get(key="imrs_due").due_on

    def test_each_reminder_goes_once_whether_the_sweep_runs_twice_or_after_an_outage(
        self, reviewed, mailoutbox
    ):
        review, manager, author = reviewed
        due = self._imr_due(review)

        def sent_to(who):
            return [
                m.subject for m in mailoutbox if who.email in m.to and "Agency reports" in m.subject
            ]

        sweep(due - timedelta(days=8))
        assert sent_to(author) == []
        sweep(due - timedelta(days=7))
        sweep(due - timedelta(days=7))
        sweep(due - timedelta(days=3))
        assert len(sent_to(author)) == 1 and "is due on" in sent_to(author)[0]
        sweep(due)
        sweep(due)
        assert len(sent_to(author)) == 2 and sent_to(author)[1].endswith("is due today")
        assert sent_to(manager) == []
        # Down for three days after the due date: one overdue reminder, not three.
        sweep(due + timedelta(days=3))
        sweep(due + timedelta(days=3))
        assert len(sent_to(author)) == 3 and "overdue" in sent_to(author)[2]
        assert len(sent_to(manager)) == 1
        sweep(due + timedelta(days=7))
        assert len(sent_to(author)) == 3
        sweep(due + timedelta(days=8))  # a week after the first overdue reminder
        assert len(sent_to(author)) == 4
        deadline = review.deadlines.get(key="imrs_due")
        assert deadline.reminders.count() == 4

    def test_a_completed_deadline_is_not_chased(self, reviewed, mailoutbox):
        review, manager, author = reviewed
        due = self._imr_due(review)
        services.deadline_complete(
            subject=review, key="imrs_due", on=due, by=services.system_user()
        )
        sweep(due + timedelta(days=1))
        assert not [m for m in mailoutbox if "Agency reports" in m.subject]


@pytest.mark.django_db(transaction=True)
def test_the_beat_task_runs_the_sweep_in_a_real_worker(tmp_path):
    """A Celery worker process on Redis picks the task up and sends the reminders to files."""
    from django.utils import timezone

    board = Board.objects.get(slug="luton") if Board.objects.exists() else None
    if board is None:
        from scr.board_defaults import load_default_boards
        from scr.models import Agency

        load_default_boards(Board, Agency)
        board = Board.objects.get(slug="luton")
    manager = UserFactory()
    services.person_add_to_board(
        board=board,
        email=manager.email,
        full_name=manager.full_name,
        role=BoardRole.BUSINESS_MANAGER,
        agency=None,
        by=services.system_user(),
    )
    _review("luton", started=timezone.localdate() - timedelta(days=400))
    outbox = tmp_path / "mail"
    outbox.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "scr.settings.test",
        "DATABASE_URL": _database_url(),
        "REDIS_URL": settings.CELERY_BROKER_URL,
        "TEST_EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "TEST_EMAIL_FILE_PATH": str(outbox),
    }
    queue = f"test-{os.getpid()}"
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "scr",
            "worker",
            "--pool=solo",
            "-Q",
            queue,
            "--without-gossip",
            "--without-mingle",
            "--loglevel=WARNING",
        ],
        env=env,
        cwd=Path(settings.BASE_DIR),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        celery_app.conf.task_always_eager = False
        from scr.tasks import sweep_deadlines

        result = sweep_deadlines.apply_async(queue=queue)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not Reminder.objects.exists():
            time.sleep(0.5)
        assert result.id
        assert Reminder.objects.filter(kind="overdue").count() >= 1
        for _ in range(20):
            if list(outbox.iterdir()):
                break
            time.sleep(0.25)
        text = "".join(p.read_text() for p in outbox.iterdir())
        assert manager.email in text and "overdue" in text
    finally:
        celery_app.conf.task_always_eager = True
        worker.terminate()
        worker.wait(timeout=20)


def _database_url() -> str:
    s = connection.settings_dict
    return f"postgres://{s['USER']}@{s['HOST']}:{s['PORT']}/{s['NAME']}"


def test_the_home_page_lists_the_deadlines_that_fall_to_me(reviewed, client):
    import time_machine

    review, manager, author = reviewed
    due = review.deadlines.get(key="imrs_due").due_on
    with time_machine.travel(due - timedelta(days=3)):
        client.force_login(author, backend="django.contrib.auth.backends.ModelBackend")
        page = client.get("/").content.decode()
        assert "Agency reports due" in page
        assert "Review completed" not in page  # the business manager's, not the author's
        client.force_login(manager, backend="django.contrib.auth.backends.ModelBackend")
        page = client.get("/").content.decode()
        assert "Agency reports due" not in page
