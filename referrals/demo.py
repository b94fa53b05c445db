"""Demo referrals for each board: one waiting for the agencies to be asked, one gathering answers,
one on a meeting's agenda with a recommendation waiting for the chair."""

from datetime import timedelta

from django.utils import timezone

from scr.models import BoardMembership, BoardRole

from . import services

STORIES = [
    ("Jordan Ashby", "Toddler found alone at home after a parent's overdose."),
    ("Casey Moor", "Teenager seriously assaulted while reported missing from care."),
    ("Riley Dunn", "Baby with bruising seen by three agencies in one week."),
]


def seed(board, people, today) -> None:
    manager, referrer = people["manager"], people["referrer"]
    referrals = []
    for name, story in STORIES:
        referral = services.referral_start(board=board, by=referrer)
        services.referral_save(
            referral=referral,
            by=referrer,
            fields={
                "child_name": name,
                "child_date_of_birth": today - timedelta(days=900),
                "incident_date": today - timedelta(days=6),
                "incident_place": "Family home",
                "circumstances": "The family moved into the area this year.",
                "incident_summary": story,
                "reason_for_referral": "Several agencies were involved and may have lessons to share.",
            },
        )
        services.family_member_add(
            referral=referral, by=referrer, name=f"Parent of {name}", relationship="Mother"
        )
        referrals.append(services.referral_submit(referral=referral, by=referrer))
    waiting, gathering, recommended = referrals
    for referral in (gathering, recommended):
        services.information_requests_send(
            referral=referral, by=manager, due_on=today + timedelta(days=7)
        )
    police_request = gathering.requests.filter(agency__discipline="police").first()
    if police_request is not None:
        services.information_request_answer(
            request=police_request,
            by=people["senior.police"],
            knew_family=True,
            summary="Officers attended two domestic incidents at the address.",
            involvement="",
            records_secured=True,
        )
    meeting = services.meetings_schedule(
        board=board,
        first=timezone.now() + timedelta(days=3),
        place="Board office",
        count=1,
        is_extra=True,
        by=manager,
    )[0]
    services.meeting_add_referral(meeting=meeting, referral=recommended, by=manager)
    members = [
        m.user
        for m in BoardMembership.objects.filter(
            board=board, role__in=[BoardRole.DECISION_CHAIR, BoardRole.DECISION_MEMBER]
        ).select_related("user")
    ]
    chair = people["panel-chair"]
    quorum_extra = [people["senior.police"], people["referrer"], manager]
    services.attendance_record(
        meeting=meeting,
        by=manager,
        chair=chair,
        attendees=list(dict.fromkeys(members + quorum_extra)),
    )
    if services.meeting_quorum(meeting).quorate:
        services.recommendation_make(
            referral=recommended,
            meeting=meeting,
            by=chair,
            option_code="a",
            reasons="Agencies held information that was not shared.",
        )
