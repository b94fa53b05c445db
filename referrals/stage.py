"""What the referral stage plugs into the core: its access rules, home-page tasks and audit trail."""

from scr import registry
from scr.access import board_ids_for
from scr.models import BoardRole

from . import demo
from .models import ChairDecision, InformationRequest, Notification, Recommendation, Referral
from .rules import DECISION_BODY, OFFICE
from .selectors import referral_tasks

registry.home_tasks(referral_tasks)
registry.demo_seeder(demo.seed)
registry.nav_item(registry.NavItem("Referrals", "referral_list", "referrals", lambda user: True))
registry.nav_item(
    registry.NavItem(
        "Meetings",
        "meeting_list",
        "meetings",
        lambda user: bool(
            board_ids_for(user, roles=OFFICE | DECISION_BODY | {BoardRole.BOARD_CHAIR})
        ),
    )
)


@registry.audit_source
def _referral_history(review):
    """The referral and decision that opened the review belong to its audit trail."""
    referral_ids = list(Referral.objects.filter(review=review).values_list("pk", flat=True))
    related = {"referral_id__in": referral_ids}
    return [
        Referral.history.filter(id__in=referral_ids).select_related("history_user"),
        InformationRequest.history.filter(**related).select_related("history_user"),
        Recommendation.history.filter(**related).select_related("history_user"),
        ChairDecision.history.filter(**related).select_related("history_user"),
        Notification.history.filter(**related).select_related("history_user"),
    ]


@registry.calendar_source
def _meeting_events(user):
    """Decision meetings of the boards where the user is on the decision body, or attends."""
    from django.db.models import Q
    from django.urls import reverse
    from django.utils import timezone

    from .models import DecisionMeeting

    boards = board_ids_for(user, roles=OFFICE | DECISION_BODY)
    meetings = (
        DecisionMeeting.objects.filter(
            Q(board__in=boards) | Q(attendance__user=user),
            starts_at__gte=timezone.now() - timezone.timedelta(days=90),
        )
        .select_related("board")
        .distinct()[:200]
    )
    return [
        registry.CalendarEvent(
            uid=f"meeting-{m.pk}@case-reviews",
            title=f"{m.board.decision_body_name} meeting",
            start=m.starts_at,
            url=reverse("meeting_detail", args=[m.pk]),
        )
        for m in meetings
    ]


def _referral_url(review):
    from django.urls import reverse

    if not hasattr(review, "_referral_pk"):  # asked once per page, by each of the stage's tasks
        review._referral_pk = (
            Referral.objects.filter(review=review).values_list("pk", flat=True).first()
        )
    pk = review._referral_pk
    return reverse("referral_detail", args=[pk]) if pk else reverse("review_detail", args=[review.pk])


registry.lifecycle_event(
    registry.LifecycleEvent("referral_received", "Referral received", "referral"),
    registry.LifecycleEvent("decision_meeting", "Taken to the decision meeting", "referral"),
    registry.LifecycleEvent("recommendation_made", "Recommendation made", "referral"),
    registry.LifecycleEvent("chair_decision", "Board chair's decision", "referral"),
    registry.LifecycleEvent("notification_sent", "Decision notified", "referral"),
)
registry.lifecycle_stage(
    registry.LifecycleStage(
        "referral",
        "Referral and decision",
        10,
        "chair_decision",
        (
            registry.StageTask("Refer the case", "referral_received", "Referrer", _referral_url),
            registry.StageTask(
                "Take it to the decision meeting",
                "decision_meeting",
                "Business manager",
                _referral_url,
            ),
            registry.StageTask(
                "Recommend an outcome",
                "recommendation_made",
                "Chair of the decision body",
                _referral_url,
            ),
            registry.StageTask("Decide", "chair_decision", "Board chair", _referral_url),
        ),
    )
)

for _prefix, _model in (
    ("/referrals/", "referrals.Referral"),
    ("/meetings/", "referrals.DecisionMeeting"),
    ("/requests/", "referrals.InformationRequest"),
    ("/notifications/", "referrals.Notification"),
):
    registry.case_page(_prefix, _model)
