import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from scr import celery_app, lifecycle
from scr.demo import DEMO_PASSWORD, DEMO_PEOPLE
from scr.models import Board, Review
from scr.settings.env import env_bool, env_int
from scr.tasks import clear_expired_sessions

pytestmark = pytest.mark.django_db

BOARD_SLUGS = [
    "luton",
    "bedford-borough",
    "central-bedfordshire",
    "rotherham",
    "waltham-forest",
    "milton-keynes",
]


DEMO_STAGES = {
    "Child A": "terms_of_reference",
    "Child B": "agency_reports",
    "Child C": "publication",
    "Child D": "chronologies",
    "Child E": "complete",
}


def test_the_demo_is_made_by_real_use_and_every_login_reaches_its_home_page(client):
    """One load of the demo (it is slow: every review is driven from a fresh referral), then
    everything a newcomer would check in it."""
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # a second run changes nothing
    today = timezone.localdate()
    for slug in BOARD_SLUGS:
        board = Board.objects.get(slug=slug)
        reviews = Review.objects.filter(board=board)
        assert {r.child_code: r.stage for r in reviews} == DEMO_STAGES
        assert [r.child_code for r in reviews.filter(is_open=False)] == ["Child E"]
        for review in reviews:
            # Each review came from a referral decided by the chair, on its own date.
            assert review.events.filter(key="chair_decision").exists()
            _no_done_step_shown_overdue(review, today)
        for role in DEMO_PEOPLE:
            email = f"{role}@{slug}.example.org"
            response = client.post(reverse("login"), {"username": email, "password": DEMO_PASSWORD})
            assert response.status_code == 302, email
            home = client.get(reverse("home"))
            assert home.status_code == 200
            assert board.name.encode() in home.content
            client.post(reverse("logout"))
    client.post(
        reverse("login"),
        {"username": "author.police@rotherham.example.org", "password": DEMO_PASSWORD},
    )
    page = client.get(reverse("review_list")).content.decode()
    assert "RO-" in page and "LU-" not in page and "MK-" not in page


def _no_done_step_shown_overdue(review, today) -> None:
    """Every milestone whose events the review's own data holds is done on the day they
    happened, and nothing in the demo is overdue: it shows a board working on time."""
    facts = lifecycle.facts_for(review)
    for deadline in review.deadlines.all():
        rule = lifecycle.milestone_rule(review, deadline)
        happened = lifecycle.rule_date(rule, facts) if rule else None
        if happened is not None:
            assert deadline.completed_on == happened, (review.reference, deadline.key)
        state, _ = lifecycle.milestone_state(deadline, today)
        assert state not in ("overdue", "late"), (review.reference, deadline.key)


def test_expired_sessions_are_cleared_by_the_celery_task():
    Session.objects.create(
        session_key="old",
        session_data="",
        expire_date=timezone.now() - timezone.timedelta(minutes=1),
    )
    Session.objects.create(
        session_key="new",
        session_data="",
        expire_date=timezone.now() + timezone.timedelta(minutes=10),
    )
    clear_expired_sessions.delay()
    assert list(Session.objects.values_list("session_key", flat=True)) == ["new"]


@pytest.mark.django_db(transaction=True)
def test_beat_installs_the_declared_schedule_in_the_database():
    DatabaseScheduler(app=celery_app)
    task = PeriodicTask.objects.get(name="clear-expired-sessions")
    assert task.task == "scr.tasks.clear_expired_sessions"
    assert task.interval.every == 6 * 60 * 60


def test_bad_environment_values_stop_start_up(monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("SOME_FLAG", "perhaps")
    monkeypatch.setenv("SOME_NUMBER", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_bool("SOME_FLAG")
    with pytest.raises(ImproperlyConfigured):
        env_int("SOME_NUMBER", 1)
