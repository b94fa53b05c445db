from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar

from referrals import services as referral_services


def _feed(client, user):
    response = client.get(reverse("calendar_feed", args=[user.calendar_token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return {str(e.get("summary")): e for e in Calendar.from_ical(response.content).walk("VEVENT")}


def test_the_feed_holds_my_deadlines_and_meetings_and_not_others(world, client):
    author = world.users["author_police"]
    events = _feed(client, author)
    imrs = world.review.deadlines.get(key="imrs_due")
    assert events[f"{world.review.reference}: {imrs.label}"].decoded("dtstart") == imrs.due_on
    assert not any("Review completed" in title for title in events)
    meeting = referral_services.meetings_schedule(
        board=world.luton,
        first=timezone.now() + timedelta(days=5),
        place="",
        count=1,
        is_extra=False,
        by=world.users["manager"],
    )[0]
    member_events = _feed(client, world.users["decision_member"])
    assert any(e.get("uid") == f"meeting-{meeting.pk}@case-reviews" for e in member_events.values())
    assert not any("meeting" in title for title in events)
    assert not any(world.other_review.reference in t for t in _feed(client, world.users["manager"]))


def test_a_new_address_stops_the_old_one_working(world, client_for):
    client = client_for("referrer")
    user = world.users["referrer"]
    old = user.calendar_token
    assert client.get(reverse("calendar_settings")).status_code == 200
    client.post(reverse("calendar_settings"))
    user.refresh_from_db()
    assert user.calendar_token != old
    assert client.get(reverse("calendar_feed", args=[old])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[user.calendar_token])).status_code == 200


def test_a_deactivated_users_feed_is_gone(world, client):
    gone = world.users["deactivated"]
    assert client.get(reverse("calendar_feed", args=[gone.calendar_token])).status_code == 404
