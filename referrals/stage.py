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
