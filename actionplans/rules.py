"""Who may do what with action plans. Registered with ``scr.access`` so the question is still asked
in one place.

Need to know: an agency's people on a review (its senior manager and its report authors) see and
update their own agency's plan only. The board office, the board chair and the monitoring
sub-group see every plan of the board; the review's panel sees the plans of its review.
"""

from scr.access import PANEL, REVIEW_MANAGERS, board_roles, rules_for
from scr.models import BoardRole, ReviewRole, ReviewRoleKind

from .models import ActionPlan

OFFICE = REVIEW_MANAGERS
MONITORS = OFFICE | {BoardRole.BOARD_CHAIR, BoardRole.SUBGROUP_MEMBER}
AGENCY_ROLES = (ReviewRoleKind.SENIOR_MANAGER, ReviewRoleKind.IMR_AUTHOR)


class PlanPerm:
    VIEW = "view_plan"
    UPDATE = "update_plan"  # report progress
    EDIT = "edit_plan"  # add and change actions, document control
    SIGN_OFF = "sign_off_plan"
    MONITOR = "monitor_plan"  # set a rating, audit the evidence
    REQUEST = "request_updates"


def _held(user, board_id) -> frozenset[str]:
    return board_roles(user).get(board_id, frozenset())


def review_roles(user, review_id: int) -> list[tuple[str, int | None]]:
    """The (role, agency id) pairs the user holds on the review, read once per request."""
    if not user.is_authenticated:
        return []
    cache = getattr(user, "_plan_review_roles", None)
    if cache is None:
        cache = {}
        user._plan_review_roles = cache
    if review_id not in cache:
        cache[review_id] = list(
            ReviewRole.objects.filter(review_id=review_id, user=user).values_list("role", "agency_id")
        )
    return cache[review_id]


def own_agencies(user, review_id: int, roles=AGENCY_ROLES) -> set[int]:
    return {agency for role, agency in review_roles(user, review_id) if role in roles and agency}


def is_monitor(user, board_id: int) -> bool:
    return bool(_held(user, board_id) & MONITORS)


def is_office(user, board_id: int) -> bool:
    return bool(_held(user, board_id) & OFFICE)


def sits_on_panel(user, review_id: int) -> bool:
    return any(role in PANEL for role, _ in review_roles(user, review_id))


def may_see_plans_of(user, review) -> bool:
    """The review's action plans page: anyone who may see the review, and the monitors."""
    from scr.access import Perm, can

    return is_monitor(user, review.board_id) or can(user, Perm.VIEW_REVIEW, review)


def may_write_recommendations(user, review) -> bool:
    return is_office(user, review.board_id) or any(
        role == ReviewRoleKind.PANEL_CHAIR for role, _ in review_roles(user, review.pk)
    )


@rules_for(ActionPlan)
def plan_rule(user, perm: str, plan: ActionPlan) -> bool:
    review = plan.review
    held = _held(user, review.board_id)
    own = plan.agency_id is not None and plan.agency_id in own_agencies(user, review.pk)
    senior = plan.agency_id is not None and plan.agency_id in own_agencies(
        user, review.pk, (ReviewRoleKind.SENIOR_MANAGER,)
    )
    match perm:
        case PlanPerm.VIEW:
            return bool(held & MONITORS) or own or sits_on_panel(user, review.pk)
        case PlanPerm.UPDATE:
            return bool(held & OFFICE) or own
        case PlanPerm.EDIT:
            return bool(held & OFFICE) or senior
        case PlanPerm.SIGN_OFF:
            if plan.is_board_plan:
                return BoardRole.BOARD_CHAIR in held
            return senior
        case PlanPerm.MONITOR:
            return bool(held & MONITORS)
        case PlanPerm.REQUEST:
            return bool(held & OFFICE) and not plan.is_board_plan
    return False
