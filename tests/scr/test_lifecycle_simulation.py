"""A fresh referral on each board, taken through every stage by the services on the days things
happened, with the beat sweep run every simulated evening: the stage after each step, each
milestone's done date and the exact reminders sent.

The scenario: the set-up letters go 25 days late (so the milestone they complete is overdue on
purpose), and an extension of 30 days is agreed on day 62. Everything else is done in time."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType

from journeys.clock import on_day
from journeys.story import Case, drive, schedule
from scr import deadlines
from scr.board_defaults import load_default_boards
from scr.demo import people_for
from scr.models import Agency, Board, Deadline, Reminder, Review

pytestmark = pytest.mark.django_db

START = date(2026, 1, 5)  # a Monday; the referral arrives on day 0
LATE = {"letters": 25}
EXTENSION = (60, 30)

# The derived stage after each step of the scenario (set-up completes only when the late letters
# go, on day 39, after the terms and the chronologies).
FULL_STAGES = {
    "decision": "setup",
    "notifications": "setup",
    "setup": "setup",
    "terms": "setup",
    "chronologies": "setup",
    "letters": "chronologies",
    "merged": "agency_reports",
    "reports": "agency_reports",
    "reports_signed_off": "agency_reports",
    "reports_accepted": "overview",
    "overview_drafted": "overview",
    "overview_to_board": "overview",
    "overview_accepted": "action_plans",
    "plans_assured": "publication",
    "debrief": "publication",
    "summary": "publication",
    "to_ofsted": "publication",
    "signed_off": "complete",
    "published": "complete",
}
LIGHTER_STAGES = {
    "decision": "setup",
    "letters": "chronologies",
    "merged": "action_plans",
    "plans_assured": "monitoring",
    "signed_off": "complete",
}
# Which step's day completes each milestone of the default timetables.
SCALED = {
    "agencies_told": "letters",
    "panel_arranged": "setup",
    "terms_agreed": "terms",
    "chronologies_due": "chronologies",
    "imrs_due": "reports_signed_off",
    "draft_overview": "overview_drafted",
    "to_board": "overview_to_board",
    "action_plans_qa": "plans_assured",
    "completion": "signed_off",
}
ROTHERHAM = {
    "referred_to_panel": "recommendation",
    "recommendation": "notifications",
    "agencies_told": "letters",
    "panel_arranged": "setup",
    "chronologies_due": "merged",
    "imrs_due": "reports_signed_off",
    "draft_overview": "overview_drafted",
    "to_board": "overview_to_board",
    "to_ofsted": "to_ofsted",
    "action_plans_qa": "debrief",
    "progress_check": None,  # marked done by hand; nobody does in this scenario
    "completion": "signed_off",
}


def _day(n: int) -> date:
    return START + timedelta(days=n)


# Reminders expected for the review's own milestones: only the late one, agencies told, due a
# week after the decision (day 17) on the scaled timetables and five weeks after the referral
# (day 35) at Rotherham, done when the last letter goes on day 39.
SCALED_REMINDERS = {
    ("agencies_told", "before", _day(17)),
    ("agencies_told", "due", _day(17)),
    ("agencies_told", "overdue", _day(18)),
    ("agencies_told", "overdue", _day(25)),
    ("agencies_told", "overdue", _day(32)),
}
ROTHERHAM_REMINDERS = {
    ("agencies_told", "before", _day(35)),
    ("agencies_told", "due", _day(35)),
    ("agencies_told", "overdue", _day(36)),
}


def _run(slug: str, *, lighter: bool = False):
    load_default_boards(Board, Agency)
    board = Board.objects.get(slug=slug)
    with on_day(START - timedelta(days=30)):
        people = people_for(board)
    case = Case(board, people, START, late=dict(LATE), extension=EXTENSION, lighter=lighter)
    stages: dict[str, str] = {}

    def after_step(case, name):
        if case.review is not None:
            stages[name] = Review.objects.get(pk=case.review.pk).stage

    drive(case, today=_day(200), every_day=deadlines.sweep, after_step=after_step)
    return case, stages


def _milestones(review) -> dict[str, Deadline]:
    return {
        d.key: d
        for d in Deadline.objects.filter(
            content_type=ContentType.objects.get_for_model(Review), object_id=review.pk
        )
    }


@pytest.mark.parametrize(
    "slug",
    [
        "luton",
        "bedford-borough",
        "central-bedfordshire",
        "rotherham",
        "waltham-forest",
        "milton-keynes",
    ],
)
def test_a_fresh_referral_reaches_sign_off_with_every_milestone_done_on_its_day(slug):
    case, stages = _run(slug)
    review = Review.objects.get(pk=case.review.pk)
    days = {name: day for day, name, _ in schedule(case)}

    assert {name: stages[name] for name in FULL_STAGES} == FULL_STAGES
    assert review.stage == "complete" and not review.is_open

    expected = ROTHERHAM if slug == "rotherham" else SCALED
    milestones = _milestones(review)
    assert set(milestones) == set(expected)
    done = {key: milestones[key].completed_on for key in expected}
    assert done == {key: days[step] if step else None for key, step in expected.items()}

    # The extension moved completion and the milestones not yet done by 30 days; the ones done
    # before it kept their dates.
    history = {
        d.key: [r.due_on for r in d.history.order_by("history_date")] for d in milestones.values()
    }
    assert history["completion"][-1] - history["completion"][0] == timedelta(days=30)
    assert len(set(history["panel_arranged"])) == 1  # done on day 13, before the extension
    assert history["draft_overview"][-1] - history["draft_overview"][0] == timedelta(days=30)

    sent = {
        (r.deadline.key, r.kind, r.key_date)
        for r in Reminder.objects.filter(
            deadline__in=[d.pk for d in milestones.values()]
        ).select_related("deadline")
    }
    assert sent == (ROTHERHAM_REMINDERS if slug == "rotherham" else SCALED_REMINDERS)
    # Nothing else (the referral's requests and windows, the notifications) was ever overdue;
    # those due within a week of being set were announced, and done before their dates.
    others = Reminder.objects.exclude(deadline__in=[d.pk for d in milestones.values()])
    assert not others.filter(kind="overdue").exists()
    assert others.exists()
    # No reminder about anything already done.
    for reminder in Reminder.objects.select_related("deadline"):
        if reminder.deadline.completed_on:
            assert reminder.sent_at.date() < reminder.deadline.completed_on


def test_a_lighter_review_skips_the_reports_and_the_overview_and_still_reaches_its_end():
    case, stages = _run("milton-keynes", lighter=True)
    review = Review.objects.get(pk=case.review.pk)
    assert {name: stages[name] for name in LIGHTER_STAGES} == LIGHTER_STAGES
    assert review.stage == "complete"
    milestones = _milestones(review)
    # Agency reports and the overview report are not on a lighter review's path, so those
    # milestones wait to be marked by hand rather than for events that never come.
    assert milestones["imrs_due"].completed_on is None
    assert milestones["terms_agreed"].completed_on == _day(20)
