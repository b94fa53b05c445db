"""What the referral stage plugs into the core: its access rules, home-page tasks and audit trail."""

from scr import registry
from scr.access import board_ids_for
from scr.models import BoardRole

from .rules import DECISION_BODY, OFFICE
from .selectors import referral_tasks

registry.home_tasks(referral_tasks)
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
