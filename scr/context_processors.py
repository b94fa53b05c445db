from django.urls import reverse

from scr import registry
from scr.access import Perm, board_roles, can
from scr.models import Board


def navigation(request):
    """The header and service navigation: which board the user is in and what they may open."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    board_ids = list(board_roles(user))
    boards = list(Board.objects.filter(pk__in=board_ids).order_by("name")) if board_ids else []
    board = boards[0] if boards else None
    items = [("Home", reverse("home"), "home")]
    items += [(i.label, reverse(i.url_name), i.key) for i in registry.nav_items if i.visible(user)]
    items.append(("Reviews", reverse("review_list"), "reviews"))
    if board is not None:
        items.append(("Board", reverse("board_detail", args=[board.slug]), "board"))
        if can(user, Perm.MANAGE_AGENCIES, board):
            items.append(("Agencies", reverse("agency_list", args=[board.slug]), "agencies"))
        if can(user, Perm.MANAGE_PEOPLE, board):
            items.append(("People", reverse("people_list", args=[board.slug]), "people"))
    return {
        "nav_board": board,
        "nav_boards": boards,
        "nav_items": items,
        "nav_active": _active_section(request),
    }


_SECTIONS = {
    "home": "home",
    "review": "reviews",
    "board": "board",
    "agency": "agencies",
    "people": "people",
    "person": "people",
}


def _active_section(request) -> str:
    match = getattr(request, "resolver_match", None)
    name = (match.url_name or "") if match else ""
    return _SECTIONS.get(name.split("_")[0], "")
