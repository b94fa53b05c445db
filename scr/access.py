"""The one place that answers "may this user do this to this object".

Board roles give board-wide rights; review roles are django-guardian object permissions on the
review, granted and withdrawn by ``scr.services``. Anything a user may not see answers 404, and the
refusal is written to the access log.
"""

from collections.abc import Callable
from enum import StrEnum

from django.core.exceptions import FieldError
from django.db.models import Model, QuerySet
from django.http import Http404, HttpRequest

from scr.models import AccessLog, Board, BoardRole, Review, ReviewRoleKind
from scr.models.audit import AccessAction

BOARD_WIDE_REVIEW_ROLES = frozenset(
    {BoardRole.BUSINESS_MANAGER, BoardRole.ADMINISTRATOR, BoardRole.BOARD_CHAIR}
)
REVIEW_MANAGERS = frozenset({BoardRole.BUSINESS_MANAGER, BoardRole.ADMINISTRATOR})

# Who is who on one review, named once for every stage (review roles).
PANEL = (ReviewRoleKind.PANEL_CHAIR, ReviewRoleKind.PANEL_MEMBER)  # the review panel itself
# Those who read the panel's papers: the integrated chronology, the overview report.
PANEL_READERS = (*PANEL, ReviewRoleKind.OVERVIEW_AUTHOR, ReviewRoleKind.LEAD_REVIEWER)
GRADERS = (*PANEL, ReviewRoleKind.OVERVIEW_AUTHOR)  # grade the agency reports
AGENCY_WRITERS = (ReviewRoleKind.IMR_AUTHOR, ReviewRoleKind.SENIOR_MANAGER)  # one agency's papers


class Perm(StrEnum):
    VIEW_BOARD = "view_board"
    EDIT_BOARD = "edit_board"
    MANAGE_PEOPLE = "manage_people"
    MANAGE_AGENCIES = "manage_agencies"
    VIEW_REVIEW = "view_review"
    MANAGE_REVIEW = "manage_review"
    VIEW_AUDIT = "view_audit"
    CHAIR_PANEL = "chair_panel"


_BOARD_RULES: dict[Perm, frozenset[str] | None] = {
    Perm.VIEW_BOARD: None,  # any role on the board
    Perm.EDIT_BOARD: frozenset({BoardRole.ADMINISTRATOR}),
    Perm.MANAGE_PEOPLE: REVIEW_MANAGERS,
    Perm.MANAGE_AGENCIES: REVIEW_MANAGERS,
}
_REVIEW_BOARD_RULES: dict[Perm, frozenset[str]] = {
    Perm.VIEW_REVIEW: BOARD_WIDE_REVIEW_ROLES,
    Perm.MANAGE_REVIEW: REVIEW_MANAGERS,
    Perm.VIEW_AUDIT: REVIEW_MANAGERS,
}
_REVIEW_OBJECT_PERMS: dict[Perm, str] = {
    Perm.VIEW_REVIEW: "view_review",
    Perm.CHAIR_PANEL: "chair_panel",
}


def board_roles(user) -> dict[int, frozenset[str]]:
    """{board id: roles} for the user, read once per user object (so once per request)."""
    if not user.is_authenticated or not user.is_active:
        return {}
    cached = getattr(user, "_board_roles_cache", None)
    if cached is None:
        from scr.models import BoardMembership

        found: dict[int, set[str]] = {}
        for board_id, role in BoardMembership.objects.filter(user=user).values_list(
            "board_id", "role"
        ):
            found.setdefault(board_id, set()).add(role)
        cached = {board_id: frozenset(roles) for board_id, roles in found.items()}
        user._board_roles_cache = cached
    return cached


def board_ids_for(user, roles: frozenset[str] | None = None) -> list[int]:
    return [
        board_id for board_id, held in board_roles(user).items() if roles is None or held & roles
    ]


def has_board_role(user, board_id: int, roles: frozenset[str] | None = None) -> bool:
    held = board_roles(user).get(board_id, frozenset())
    return bool(held) if roles is None else bool(held & roles)


# Stage apps add the rules for their own models here (see ``rules_for``): the question is still
# asked in this one place.
_MODEL_RULES: dict[type, Callable[[object, str, Model], bool]] = {}


def rules_for(model: type) -> Callable:
    """Register ``rule(user, perm, obj) -> bool`` as the access rule for ``model``."""

    def register(rule):
        _MODEL_RULES[model] = rule
        return rule

    return register


def can(user, perm: str, obj: Model) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    for klass in type(obj).__mro__:
        if klass in _MODEL_RULES:
            return _MODEL_RULES[klass](user, perm, obj)
    if isinstance(obj, Board):
        return has_board_role(user, obj.pk, _BOARD_RULES[perm])
    if isinstance(obj, Review):
        if perm in _REVIEW_BOARD_RULES and has_board_role(
            user, obj.board_id, _REVIEW_BOARD_RULES[perm]
        ):
            return True
        object_perm = _REVIEW_OBJECT_PERMS.get(perm)
        return bool(object_perm) and user.has_perm(f"scr.{object_perm}", obj)
    raise TypeError(f"No access rules for {type(obj).__name__}")


def log_access(
    request: HttpRequest,
    action: str,
    obj: Model | None = None,
    *,
    board: Board | None = None,
    review: Review | None = None,
    description: str = "",
) -> None:
    user = request.user if request.user.is_authenticated else None
    request.access_logged = True
    AccessLog.objects.create(
        user=user,
        board=board or getattr(obj, "board", None),
        review=review or (obj if isinstance(obj, Review) else None),
        action=action,
        object_type=type(obj).__name__ if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        description=description[:300],
        path=request.get_full_path()[:500],
        ip_address=request.META.get("REMOTE_ADDR"),
    )


def refuse(request: HttpRequest, model, lookup: dict) -> Http404:
    """Log a refused access and give back the 404 to raise: the same page as for a missing URL."""
    try:
        target = model._default_manager.filter(**lookup).first() if lookup else None
    except (FieldError, ValueError, TypeError):  # a lookup that names no single object
        target = None
    AccessLog.objects.create(
        user=request.user if request.user.is_authenticated else None,
        board=getattr(target, "board", None) if isinstance(target, Model) else None,
        action=AccessAction.REFUSED,
        object_type=model.__name__,
        object_id=str(target.pk) if target is not None else str(lookup)[:60],
        path=request.get_full_path()[:500],
        ip_address=request.META.get("REMOTE_ADDR"),
    )
    return Http404("Not found")


def get_for_user_or_404(
    request: HttpRequest, queryset: QuerySet, perm: str | None = None, **lookup
):
    """Fetch one object through the user's scoped queryset, and check ``perm`` on it. Anything the
    user may not see, or may see but not act on this way, is a 404 and a logged refusal."""
    scoped = queryset.for_user(request.user)
    obj = scoped.filter(**lookup).first()
    if obj is None or (perm is not None and not can(request.user, perm, obj)):
        raise refuse(request, queryset.model, lookup)
    return obj


def get_board_or_404(request: HttpRequest, slug: str, perm: Perm = Perm.VIEW_BOARD) -> Board:
    return get_for_user_or_404(request, Board.objects.all(), perm, slug=slug)


ANSWER_INVOLVEMENT = "answer_involvement"


def _involvement_rule(user, perm: str, involvement) -> bool:
    """The office, or staff of the agency asked, may answer a set-up request."""
    from scr.models import BoardMembership

    board_id = involvement.review.board_id
    if perm != ANSWER_INVOLVEMENT:
        return False
    if has_board_role(user, board_id, REVIEW_MANAGERS):
        return True
    return BoardMembership.objects.filter(
        user=user, board_id=board_id, agency_id=involvement.agency_id
    ).exists()


def _register_core_rules() -> None:
    from scr.models import AgencyInvolvement

    rules_for(AgencyInvolvement)(_involvement_rule)


_register_core_rules()
