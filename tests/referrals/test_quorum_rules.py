"""Rotherham's standing panel: the chair, or a deputy from the police or children's social care,
and the police, children's social care and health, with at least four people, one of whom may hold
two roles. When a meeting is not quorate the refusal names only the roles that are missing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from referrals import services
from scr.models import Board, BoardRole
from tests.conftest import MODEL_BACKEND
from tests.referrals.test_referral_flow import _person, _submitted

DEPUTY = "the chair or a deputy from Police or Children's social care"


@pytest.fixture
def rotherham(db):
    board = Board.objects.get(slug="rotherham")
    people = {
        "referrer": _person(board, BoardRole.AGENCY_STAFF, "police"),
        "manager": _person(board, BoardRole.BUSINESS_MANAGER),
        "chair": _person(board, BoardRole.DECISION_CHAIR),
        "police": _person(board, BoardRole.DECISION_MEMBER, "police"),
        "social": _person(board, BoardRole.DECISION_MEMBER, "social_care"),
        "health": _person(board, BoardRole.DECISION_MEMBER, "health"),
        "nurse": _person(board, BoardRole.DECISION_MEMBER, "health"),
        "school": _person(board, BoardRole.DECISION_MEMBER, "education"),
        "teacher": _person(board, BoardRole.DECISION_MEMBER, "education"),
    }
    meeting = services.meetings_schedule(
        board=board,
        first=timezone.now() + timedelta(days=3),
        place="",
        count=1,
        is_extra=False,
        by=people["manager"],
    )[0]
    return board, people, meeting


def _met(rotherham, *names, chair=None):
    _, people, meeting = rotherham
    services.attendance_record(
        meeting=meeting,
        by=people["manager"],
        attendees=[people[n] for n in names],
        chair=people[chair] if chair else None,
    )
    return services.meeting_quorum(meeting)


def test_a_meeting_chaired_by_a_health_member_in_the_chairs_absence_is_not_quorate(rotherham):
    result = _met(rotherham, "health", "police", "social", "nurse", chair="health")
    assert not result.quorate
    assert result.problems == [
        f"The meeting needs {DEPUTY} to be represented.",
        "Whoever chairs in the chair's absence must come from Police or Children's social care.",
    ]


def test_a_meeting_chaired_by_a_police_member_in_the_chairs_absence_is_quorate(rotherham):
    # The police member deputises and so holds two roles; one person may.
    assert _met(rotherham, "police", "social", "health", "school", chair="police").quorate
    assert _met(rotherham, "social", "police", "health", "school", chair="social").quorate


def test_with_no_one_recorded_as_chairing_a_police_member_may_deputise(rotherham):
    assert _met(rotherham, "police", "social", "health", "school").quorate


def test_the_chair_chairing_with_every_discipline_is_quorate(rotherham):
    assert _met(rotherham, "chair", "police", "social", "health", chair="chair").quorate


def test_the_refusal_names_only_the_missing_roles(rotherham):
    result = _met(rotherham, "chair", "police", "social", "school", chair="chair")
    assert result.problems == ["The meeting needs Health to be represented."]
    result = _met(rotherham, "chair", "school", "teacher", "health", chair="chair")
    assert result.problems == [
        "The meeting needs Police and Children's social care to be represented."
    ]
    result = _met(rotherham, "health", "nurse", "school", "teacher")
    assert result.problems == [
        f"The meeting needs {DEPUTY}, Police and Children's social care to be represented."
    ]


def test_two_roles_each_is_allowed_once_and_the_uncovered_role_is_named(rotherham):
    # No chair: the police member must deputise (two roles), and nobody else may double up, so
    # only one of the roles left can be covered by the social care member.
    result = _met(rotherham, "police", "social", "school", "teacher")
    assert result.problems == ["The meeting needs Health to be represented."]


def test_a_recommendation_at_a_meeting_a_health_member_chaired_is_refused(rotherham, client):
    board, people, meeting = rotherham
    referral = _submitted(board, people)
    services.meeting_add_referral(meeting=meeting, referral=referral, by=people["manager"])
    _met(rotherham, "health", "police", "social", "nurse", chair="health")
    with pytest.raises(ValidationError) as refused:
        services.recommendation_make(
            referral=referral, meeting=meeting, by=people["health"], option_code="a", reasons="x"
        )
    message = " ".join(refused.value.messages)
    assert "not quorate" in message and DEPUTY in message
    assert "Health" not in message

    client.force_login(people["manager"], backend=MODEL_BACKEND)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert "Not quorate" in page
    assert "The meeting needs the chair or a deputy from Police or Children&#x27;s social care" in (
        page
    )
    assert "Health to be represented" not in page
