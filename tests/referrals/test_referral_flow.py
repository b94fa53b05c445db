from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from referrals import services
from referrals.models import Referral, ReferralStatus
from referrals.selectors import possible_duplicates
from scr import services as core
from scr.models import Agency, Board, BoardRole, Deadline, Review
from tests.factories import UserFactory

LONDON = ZoneInfo("Europe/London")


def _person(board, role, discipline=None):
    user = UserFactory()
    agency = (
        Agency.objects.filter(board=board, discipline=discipline).order_by("pk").first()
        if discipline
        else None
    )
    core.person_add_to_board(
        board=board,
        email=user.email,
        full_name=user.full_name,
        role=role,
        agency=agency,
        by=core.system_user(),
    )
    return user


def _filled(referral, by, **overrides):
    fields = {
        "child_name": "Robin Example",
        "child_date_of_birth": date(2024, 5, 1),
        "incident_date": timezone.localdate() - timedelta(days=2),
        "circumstances": "Lived with mother.",
        "incident_summary": "Head injury.",
        "reason_for_referral": "Concerns were not shared.",
    }
    fields.update(overrides)
    return services.referral_save(referral=referral, by=by, fields=fields)


@pytest.fixture
def mk(db):
    board = Board.objects.get(slug="milton-keynes")
    people = {
        "referrer": _person(board, BoardRole.AGENCY_STAFF, "social_care"),
        "manager": _person(board, BoardRole.BUSINESS_MANAGER),
        "chair": _person(board, BoardRole.BOARD_CHAIR),
        "body_chair": _person(board, BoardRole.DECISION_CHAIR, "social_care"),
        "police": _person(board, BoardRole.DECISION_MEMBER, "police"),
        "health": _person(board, BoardRole.DECISION_MEMBER, "health"),
    }
    return board, people


def _submitted(board, people, **overrides):
    referral = services.referral_start(board=board, by=people["referrer"])
    _filled(referral, people["referrer"], **overrides)
    return services.referral_submit(referral=referral, by=people["referrer"])


def _to_recommendation(board, people, referral, option="a", **extra):
    meeting = services.meetings_schedule(
        board=board,
        first=timezone.now() + timedelta(days=1),
        place="",
        count=1,
        is_extra=True,
        by=people["manager"],
    )[0]
    services.meeting_add_referral(meeting=meeting, referral=referral, by=people["manager"])
    services.attendance_record(
        meeting=meeting,
        by=people["manager"],
        chair=people["body_chair"],
        attendees=[people["body_chair"], people["police"], people["health"]],
    )
    services.recommendation_make(
        referral=referral,
        meeting=meeting,
        by=people["body_chair"],
        option_code=option,
        reasons="Reasons given.",
        **extra,
    )
    return meeting


class TestDraftsAndSubmission:
    def test_dates_in_the_future_or_death_before_birth_are_refused_and_nothing_is_saved(self, mk):
        board, people = mk
        referral = services.referral_start(board=board, by=people["referrer"])
        tomorrow = timezone.localdate() + timedelta(days=1)
        with pytest.raises(ValidationError) as error:
            _filled(
                referral, people["referrer"], child_date_of_birth=tomorrow, incident_date=tomorrow
            )
        assert set(error.value.error_dict) == {"child_date_of_birth", "incident_date"}
        with pytest.raises(ValidationError) as error:
            _filled(referral, people["referrer"], child_died=True, date_of_death=date(2020, 1, 1))
        assert "date_of_death" in error.value.error_dict
        referral.refresh_from_db()
        assert referral.child_name == ""

    def test_an_incomplete_referral_cannot_be_submitted(self, mk):
        board, people = mk
        referral = services.referral_start(board=board, by=people["referrer"])
        _filled(referral, people["referrer"], circumstances="", reason_for_referral="")
        with pytest.raises(ValidationError) as error:
            services.referral_submit(referral=referral, by=people["referrer"])
        assert set(error.value.error_dict) == {"circumstances", "reason_for_referral"}
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.DRAFT and referral.reference == ""

    def test_submitting_allocates_the_next_reference_and_stores_the_decision_windows(self, mk):
        board, people = mk
        with time_machine.travel(datetime(2026, 1, 31, 10, tzinfo=LONDON), tick=False):
            first = _submitted(board, people)
            second = _submitted(board, people, child_name="Someone Else")
        assert (first.reference, second.reference) == ("MK-2026-001", "MK-2026-002")
        due = Deadline.objects.get(object_id=first.pk, key="recommendation").due_on
        assert due == date(2026, 2, 28)  # one calendar month, clamped to February's end

    def test_rotherham_windows_count_from_the_referral_and_from_the_incident(self, db):
        board = Board.objects.get(slug="rotherham")
        referrer = _person(board, BoardRole.AGENCY_STAFF, "police")
        with time_machine.travel(datetime(2026, 3, 2, 9, tzinfo=LONDON), tick=False):
            referral = services.referral_start(board=board, by=referrer)
            _filled(referral, referrer, incident_date=date(2026, 2, 27))
            services.referral_submit(referral=referral, by=referrer)
        due = dict(Deadline.objects.filter(object_id=referral.pk).values_list("key", "due_on"))
        assert due["refer_to_panel"] == date(2026, 3, 9)
        assert due["panel_meets"] == date(2026, 3, 16)
        assert due["chair_decides"] == date(2026, 3, 27)
        assert "recommendation" not in due  # counted from the panel meeting, not yet held

    def test_a_second_open_referral_for_the_same_child_is_flagged(self, mk):
        board, people = mk
        first = _submitted(board, people)
        second = _submitted(board, people, child_name="robin example ")
        other = _submitted(board, people, child_date_of_birth=date(2024, 5, 2))
        assert list(possible_duplicates(second)) == [first]
        assert first not in possible_duplicates(other)


class TestRequests:
    def test_every_member_agency_is_asked_once_and_its_staff_emailed(self, mk, mailoutbox):
        board, people = mk
        referral = _submitted(board, people)
        due = timezone.localdate() + timedelta(days=5)
        sent = services.information_requests_send(
            referral=referral, by=people["manager"], due_on=due
        )
        assert sent == Agency.objects.filter(board=board, is_active=True).count()
        assert (
            services.information_requests_send(referral=referral, by=people["manager"], due_on=due)
            == 0
        )
        police_email = [m for m in mailoutbox if people["police"].email in m.to]
        assert len(police_email) == 1 and referral.reference in police_email[0].subject
        request = referral.requests.get(agency__discipline="police")
        services.information_request_chase(request=request, by=people["manager"])
        assert len([m for m in mailoutbox if people["police"].email in m.to]) == 2
        with pytest.raises(ValidationError):
            services.information_request_answer(
                request=request,
                by=people["police"],
                knew_family=True,
                summary=" ",
                involvement="",
                records_secured=True,
            )
        services.information_request_answer(
            request=request,
            by=people["police"],
            knew_family=True,
            summary="Two call-outs.",
            involvement="",
            records_secured=True,
        )
        with pytest.raises(ValidationError):
            services.information_request_chase(request=request, by=people["manager"])


class TestMeetings:
    def test_milton_keynes_meetings_are_scheduled_six_weekly(self, mk):
        board, people = mk
        first = timezone.now() + timedelta(days=2)
        meetings = services.meetings_schedule(
            board=board,
            first=first,
            place="Civic offices",
            count=3,
            is_extra=False,
            by=people["manager"],
        )
        assert [m.starts_at - first for m in meetings] == [
            timedelta(0),
            timedelta(weeks=6),
            timedelta(weeks=12),
        ]

    def test_a_referral_arriving_under_48_hours_before_goes_to_the_next_meeting(self, mk):
        board, people = mk
        referral = _submitted(board, people)
        soon, later = services.meetings_schedule(
            board=board,
            first=timezone.now() + timedelta(hours=47),
            place="",
            count=2,
            is_extra=False,
            by=people["manager"],
        )
        with pytest.raises(ValidationError, match="less than 48 hours"):
            services.meeting_add_referral(meeting=soon, referral=referral, by=people["manager"])
        services.meeting_add_referral(meeting=later, referral=referral, by=people["manager"])
        extra = services.meetings_schedule(
            board=board,
            first=timezone.now() + timedelta(hours=2),
            place="",
            count=1,
            is_extra=True,
            by=people["manager"],
        )[0]
        services.meeting_add_referral(meeting=extra, referral=referral, by=people["manager"])

    def test_only_people_who_attended_may_record_a_view(self, mk):
        board, people = mk
        referral = _submitted(board, people)
        meeting = services.meetings_schedule(
            board=board,
            first=timezone.now() + timedelta(days=3),
            place="",
            count=1,
            is_extra=False,
            by=people["manager"],
        )[0]
        services.meeting_add_referral(meeting=meeting, referral=referral, by=people["manager"])
        services.attendance_record(
            meeting=meeting, by=people["manager"], chair=None, attendees=[people["police"]]
        )
        with pytest.raises(ValidationError, match="attended"):
            services.member_view_record(
                meeting=meeting,
                referral=referral,
                member=people["health"],
                by=people["health"],
                option_code="a",
                reasons="x",
            )
        services.member_view_record(
            meeting=meeting,
            referral=referral,
            member=people["police"],
            by=people["police"],
            option_code="a",
            reasons="x",
        )

    def test_rotherham_needs_its_quorum_before_views_or_a_recommendation(self, db):
        board = Board.objects.get(slug="rotherham")
        people = {
            "referrer": _person(board, BoardRole.AGENCY_STAFF, "police"),
            "manager": _person(board, BoardRole.BUSINESS_MANAGER),
            "chair": _person(board, BoardRole.DECISION_CHAIR),
            "police": _person(board, BoardRole.DECISION_MEMBER, "police"),
            "social": _person(board, BoardRole.DECISION_MEMBER, "social_care"),
            "school": _person(board, BoardRole.DECISION_MEMBER, "education"),
            "health": _person(board, BoardRole.DECISION_MEMBER, "health"),
        }
        referral = _submitted(board, people)
        meeting = services.meetings_schedule(
            board=board,
            first=timezone.now() + timedelta(days=3),
            place="",
            count=1,
            is_extra=False,
            by=people["manager"],
        )[0]
        services.meeting_add_referral(meeting=meeting, referral=referral, by=people["manager"])
        present = [people["chair"], people["police"], people["social"], people["school"]]
        services.attendance_record(
            meeting=meeting, by=people["manager"], chair=people["chair"], attendees=present
        )
        assert not services.meeting_quorum(meeting).quorate
        with pytest.raises(ValidationError, match="not quorate.*Health"):
            services.recommendation_make(
                referral=referral, meeting=meeting, by=people["chair"], option_code="a", reasons="x"
            )
        with pytest.raises(ValidationError, match="not quorate"):
            services.member_view_record(
                meeting=meeting,
                referral=referral,
                member=people["police"],
                by=people["police"],
                option_code="a",
                reasons="x",
            )
        services.attendance_record(
            meeting=meeting,
            by=people["manager"],
            chair=people["chair"],
            attendees=[*present[:3], people["health"]],
        )
        assert services.meeting_quorum(meeting).quorate
        services.recommendation_make(
            referral=referral, meeting=meeting, by=people["chair"], option_code="a", reasons="x"
        )


class TestDecision:
    def test_threshold_not_met_needs_an_alternative_and_a_reason(self, mk):
        board, people = mk
        referral = _submitted(board, people)
        with pytest.raises(ValidationError) as error:
            _to_recommendation(board, people, referral, option="b")
        assert set(error.value.error_dict) == {"alternative", "alternative_reasons"}
        assert not referral.recommendations.exists()
        _to_recommendation(
            board,
            people,
            referral,
            option="b",
            alternative="c",
            alternative_reasons="A systems review would suit.",
        )

    def test_the_decision_opens_a_review_and_dates_the_notifications_in_working_days(self, mk):
        board, people = mk
        # Tuesday 22 December 2026: Christmas, Boxing Day's substitute and the weekend are
        # skipped, so five working days end on 31 December.
        with time_machine.travel(datetime(2026, 12, 22, 11, tzinfo=LONDON), tick=False):
            referral = _submitted(board, people)
            _to_recommendation(board, people, referral)
            services.chair_decide(
                referral=referral,
                by=people["chair"],
                agrees=True,
                option_code="",
                reasons="Threshold met.",
                terms_of_reference_issues="Information sharing.",
            )
        referral.refresh_from_db()
        assert referral.status == ReferralStatus.DECIDED
        review = referral.review
        assert (review.reference, review.review_type, review.child_code) == (
            referral.reference,
            "scr",
            "Child A",
        )
        assert review.completion_due == date(2027, 6, 22)  # six months from initiation
        assert review.roles.get().user == people["referrer"]
        due = {n.recipient: n.due_on for n in referral.notifications.all()}
        assert due == {
            "Ofsted": date(2026, 12, 31),
            "Department for Education": date(2026, 12, 31),
            "National Panel": date(2026, 12, 31),
        }
        with pytest.raises(ValidationError, match="already been decided"):
            services.chair_decide(
                referral=referral, by=people["chair"], agrees=True, option_code="", reasons="Again."
            )

    def test_a_chair_who_disagrees_chooses_an_alternative_review(self, mk):
        board, people = mk
        referral = _submitted(board, people)
        _to_recommendation(board, people, referral)
        services.chair_decide(
            referral=referral,
            by=people["chair"],
            agrees=False,
            option_code="c",
            reasons="Learning is better served by SILP.",
            peer_challenge="Agreed by a neighbouring chair.",
        )
        assert Review.objects.get(pk=referral.review_id).review_type == "silp"

    def test_no_further_action_closes_the_referral_without_a_review(self, mk):
        board, people = mk
        referral = _submitted(board, people)
        _to_recommendation(board, people, referral, option="i")
        services.chair_decide(
            referral=referral,
            by=people["chair"],
            agrees=True,
            option_code="",
            reasons="No multi-agency learning.",
        )
        referral.refresh_from_db()
        assert referral.review is None and referral.status == ReferralStatus.DECIDED

    def test_a_notification_cannot_be_marked_sent_before_the_decision_or_in_future(self, mk):
        board, people = mk
        referral = _submitted(board, people)
        _to_recommendation(board, people, referral)
        services.chair_decide(
            referral=referral, by=people["chair"], agrees=True, option_code="", reasons="Met."
        )
        note = referral.notifications.first()
        for bad in (
            timezone.localdate() - timedelta(days=1),
            timezone.localdate() + timedelta(days=1),
        ):
            with pytest.raises(ValidationError):
                services.notification_mark_sent(
                    notification=note, by=people["manager"], sent_on=bad, method="email"
                )
        services.notification_mark_sent(
            notification=note,
            by=people["manager"],
            sent_on=timezone.localdate(),
            method="secure email",
        )
        deadline = Deadline.objects.get(object_id=referral.pk, key=f"notify_{note.recipient_key}")
        assert deadline.completed_on == timezone.localdate()
        assert Referral.history.filter(id=referral.pk).count() >= 4
