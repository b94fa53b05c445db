"""A lighter review follows the path its board sets for its type, each step judged from the
review's own data."""

import pytest
from django.utils import timezone

from scr import alternative, learning, services
from scr.models import EventKind, ReviewRoleKind
from tests.factories import make_review

pytestmark = pytest.mark.django_db


def _near_miss(world):
    return make_review(world.luton, child_code="Child N", review_type="nmr")


def test_a_near_miss_review_is_lighter_and_a_serious_case_review_is_not(world):
    assert alternative.is_lighter(_near_miss(world))
    assert not alternative.is_lighter(world.review)


def test_each_step_is_done_when_the_review_holds_it(world):
    review = _near_miss(world)
    path = {s.label: s for s in alternative.lighter_path(review)}
    assert list(path) == [
        "Terms of reference signed",
        "Facilitator or lead reviewer appointed",
        "Scoping meeting held",
        "Practitioner event held",
        "Agencies' chronologies submitted",
        "Learning summary report written",
        "Actions agreed",
    ]
    assert not any(step.done for step in path.values())
    lead = world.users["panel_chair"]
    services.review_role_assign(
        review=review,
        user=lead,
        role=ReviewRoleKind.LEAD_REVIEWER,
        agency=None,
        by=services.system_user(),
    )
    learning.debrief_add(
        review=review,
        by=lead,
        kind=EventKind.SCOPING,
        title="Scoping",
        held_on=timezone.localdate(),
        invited="Police\nHealth",
        notes="",
    )
    summary = alternative.summary_for(review)
    alternative.summary_save(summary=summary, by=lead, text="What we learnt.", revision=0)
    path = {s.label: s for s in alternative.lighter_path(review)}
    assert path["Facilitator or lead reviewer appointed"].done
    assert path["Scoping meeting held"].done and not path["Practitioner event held"].done
    assert path["Learning summary report written"].detail == "3 words"


def test_the_board_sets_the_steps_of_each_type(world):
    board = world.luton
    board.review_types = [
        {**t, "steps": ["lead", "recall", "summary"]} if t["code"] == "nmr" else t
        for t in board.review_types
    ]
    board.save()
    review = _near_miss(world)
    review.board.refresh_from_db()
    labels = [s.label for s in alternative.lighter_path(review)]
    assert labels == [
        "Facilitator or lead reviewer appointed",
        "Recall event held",
        "Learning summary report written",
    ]
