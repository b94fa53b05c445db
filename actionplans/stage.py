"""What the action plan stage plugs into the core: its access rules, a navigation item for the
monitoring page, home-page tasks, the review's audit trail, a tracker column and demo data."""

from scr import registry
from scr.access import board_ids_for

from . import demo, rules  # noqa: F401 (the rules register themselves)
from .models import (
    Action,
    ActionPlan,
    Evidence,
    ProgressUpdate,
    RagChange,
    Recommendation,
    UpdateRequest,
)
from .rules import MONITORS
from .selectors import plan_tasks, tracker_cells

registry.home_tasks(plan_tasks)
registry.demo_seeder(demo.seed)
registry.nav_item(
    registry.NavItem(
        "Action plans",
        "plans_monitoring",
        "action_plans",
        lambda user: bool(board_ids_for(user, roles=MONITORS)),
    )
)


@registry.audit_source
def _plan_history(review):
    """Recommendations, plans, actions, their updates, evidence, ratings and requests."""
    return [
        Recommendation.history.filter(review_id=review.pk).select_related("history_user"),
        ActionPlan.history.filter(review_id=review.pk).select_related("history_user"),
        Action.history.filter(plan__review_id=review.pk).select_related("history_user"),
        ProgressUpdate.history.filter(action__plan__review_id=review.pk).select_related(
            "history_user"
        ),
        Evidence.history.filter(update__action__plan__review_id=review.pk).select_related(
            "history_user"
        ),
        RagChange.history.filter(action__plan__review_id=review.pk).select_related(
            "history_user"
        ),
        UpdateRequest.history.filter(plan__review_id=review.pk).select_related("history_user"),
    ]


@registry.tracker_column
def _action_plan_column(review):
    return "Action plan", tracker_cells(review)
