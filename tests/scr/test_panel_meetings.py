"""Panel meetings: the schedule from the timetable, attendance against the board's quorum, minutes
that never overwrite each other, and action points that are deadlines like any other."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from scr import deadlines, services
from scr.models import Deadline, ReviewRoleKind
from scr.selectors import deadlines_for_user
from tests.factories import UserFactory

LONDON = ZoneInfo("Europe/London")


def meeting_for(review):
    return services.panel_meeting_add(
        review=review,
        by=services.system_user(),
        starts_at=datetime(2026, 12, 2, 10, tzinfo=UTC),
        purpose="First panel meeting",
    )


def test_usual_meetings_follow_the_timetable_once(world):
    manager = world.users["manager"]
    assert services.panel_meetings_plan(review=world.review, by=manager) == 3
    assert services.panel_meetings_plan(review=world.review, by=manager) == 0
    first = world.review.meetings.order_by("starts_at").first()
    arranged = world.review.deadlines.get(key="panel_arranged").due_on
    assert first.starts_at.astimezone(LONDON).date() == arranged
    assert first.starts_at.astimezone(LONDON).hour == 10
    assert "terms of reference" in first.purpose


def test_rotherham_meeting_is_quorate_with_four_agencies_and_the_chair(world):
    review = world.other_review
    board = review.board
    by = services.system_user()
    chair = UserFactory()
    services.review_role_assign(
        review=review, user=chair, role=ReviewRoleKind.PANEL_CHAIR, agency=None, by=by
    )
    members = []
    for agency in board.agencies.order_by("pk")[:4]:
        member = UserFactory()
        members.append(
            services.review_role_assign(
                review=review, user=member, role=ReviewRoleKind.PANEL_MEMBER, agency=agency, by=by
            )
        )
    chair_role = review.roles.get(user=chair)
    meeting = meeting_for(review)

    quorum = services.panel_attendance_record(
        meeting=meeting, by=by, present=[chair_role, *members[:3]]
    )
    assert not quorum.quorate
    assert "at least 4 agencies" in " ".join(quorum.problems)

    meeting.refresh_from_db()
    quorum = services.panel_attendance_record(
        meeting=meeting, by=by, present=members, version=services.version_of(meeting)
    )
    assert not quorum.quorate and "independent chair" in " ".join(quorum.problems)

    meeting.refresh_from_db()
    quorum = services.panel_attendance_record(
        meeting=meeting, by=by, present=[chair_role, *members]
    )
    assert quorum.quorate
    assert services.panel_quorum(meeting).quorate
    assert meeting.attendance.filter(present=True).count() == 5


def test_minutes_saved_on_top_of_someone_elses_change_are_refused(world):
    meeting = meeting_for(world.review)
    seen = services.version_of(meeting)
    services.panel_minutes_save(
        meeting=meeting, by=world.users["manager"], minutes="First draft", version=seen
    )
    with pytest.raises(ValidationError):
        services.panel_minutes_save(
            meeting=meeting, by=world.users["panel_chair"], minutes="Other draft", version=seen
        )
    meeting.refresh_from_db()
    assert meeting.minutes == "First draft"


def test_an_action_point_reminds_its_owner_and_closes_its_deadline(world, mailoutbox):
    meeting = meeting_for(world.review)
    owner = world.users["author_police"]
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.action_point_add(
            meeting=meeting,
            by=world.users["manager"],
            description="Send the chronology",
            owner=owner,
            due_on=today - timedelta(days=1),
            today=today,
        )
    assert "due_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.action_point_add(
            meeting=meeting,
            by=world.users["manager"],
            description="Send the chronology",
            owner=UserFactory(),
            due_on=today,
            today=today,
        )
    assert "owner" in error.value.message_dict

    action = services.action_point_add(
        meeting=meeting,
        by=world.users["manager"],
        description="Send the chronology",
        owner=owner,
        due_on=today + timedelta(days=3),
        today=today,
    )
    deadline = Deadline.objects.get(object_id=action.pk, key=services.ACTION_KEY)
    assert deadline.responsible_user == owner and deadline.review == world.review

    reviews = [world.review]
    world.review.my_roles = list(world.review.roles.filter(user=owner))
    assert deadline in deadlines_for_user(owner, reviews)
    world.review.my_roles = list(world.review.roles.filter(user=world.users["author_health"]))
    assert deadline not in deadlines_for_user(world.users["author_health"], reviews)

    sent = deadlines.sweep(today)
    assert sent >= 1
    to_owner = [m for m in mailoutbox if "Send the chronology" in m.subject]
    assert [m.to for m in to_owner] == [[owner.email]]

    services.action_point_done(action=action, by=owner, on=today)
    deadline.refresh_from_db()
    assert deadline.completed_on == today
    with pytest.raises(ValidationError, match="already done"):
        services.action_point_done(action=action, by=owner, on=today)


def test_owner_marks_their_action_done_but_others_cannot(world, client_for):
    meeting = meeting_for(world.review)
    today = timezone.localdate()
    action = services.action_point_add(
        meeting=meeting,
        by=world.users["manager"],
        description="Share the timeline",
        owner=world.users["author_police"],
        due_on=today,
        today=today,
    )
    url = reverse("action_point_done", args=[world.review.pk, action.pk])
    assert client_for("author_health").post(url).status_code == 404
    action.refresh_from_db()
    assert action.done_on is None
    assert client_for("author_police").post(url).status_code == 302
    action.refresh_from_db()
    assert action.done_on == today


def test_panel_meetings_are_in_the_panels_calendar_only(world, client):
    meeting = services.panel_meeting_add(
        review=world.review,
        by=services.system_user(),
        starts_at=timezone.now() + timedelta(days=3),
        purpose="Panel meeting: consider the agency reports",
    )
    title = f"{world.review.reference}: {meeting.purpose}"
    for persona, expected in [
        ("panel_chair", True),
        ("panel_member", True),
        ("manager", True),
        ("author_police", False),
        ("other_board", False),
    ]:
        token = world.users[persona].calendar_token
        feed = client.get(reverse("calendar_feed", args=[token])).content.decode()
        assert (title in " ".join(feed.replace("\r\n ", "").split())) is expected, persona
