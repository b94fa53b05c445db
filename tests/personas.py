"""The people every test can call on: one of each role on Luton's board and its review, someone
from another board, a deactivated account, and no one at all."""

from dataclasses import dataclass, field

from scr import services
from scr.board_defaults import load_default_boards
from scr.models import Agency, Board, BoardRole, Review, ReviewRole, ReviewRoleKind, User
from tests.factories import UserFactory, make_review

# persona -> (board roles, agency discipline, review role)
LUTON_PERSONAS = {
    "manager": ([BoardRole.BUSINESS_MANAGER], None, None),
    "administrator": ([BoardRole.ADMINISTRATOR], None, None),
    "board_chair": ([BoardRole.BOARD_CHAIR], None, None),
    "decision_member": ([BoardRole.DECISION_MEMBER], "health", None),
    "subgroup_member": ([BoardRole.SUBGROUP_MEMBER], None, None),
    "panel_chair": ([BoardRole.DECISION_CHAIR], None, ReviewRoleKind.PANEL_CHAIR),
    "panel_member": ([BoardRole.DECISION_MEMBER], "health", ReviewRoleKind.PANEL_MEMBER),
    "referrer": ([BoardRole.AGENCY_STAFF], "social_care", ReviewRoleKind.REFERRER),
    "senior_police": ([BoardRole.AGENCY_STAFF], "police", ReviewRoleKind.SENIOR_MANAGER),
    "author_police": ([BoardRole.AGENCY_STAFF], "police", ReviewRoleKind.IMR_AUTHOR),
    "author_health": ([BoardRole.AGENCY_STAFF], "health", ReviewRoleKind.IMR_AUTHOR),
}
ALL_PERSONAS = [*LUTON_PERSONAS, "other_board", "deactivated", "anonymous"]


@dataclass
class World:
    luton: Board
    rotherham: Board
    review: Review
    other_review: Review
    users: dict[str, User] = field(default_factory=dict)

    @property
    def role(self) -> ReviewRole:
        return self.review.roles.order_by("pk").first()

    @property
    def agency(self) -> Agency:
        return self.luton.agencies.order_by("pk").first()


def _agency(board: Board, discipline: str | None) -> Agency | None:
    if discipline is None:
        return None
    return Agency.objects.filter(board=board, discipline=discipline).order_by("pk").first()


def build_world() -> World:
    load_default_boards(Board, Agency)
    luton = Board.objects.get(slug="luton")
    rotherham = Board.objects.get(slug="rotherham")
    by = services.system_user()
    world = World(
        luton=luton,
        rotherham=rotherham,
        review=make_review(luton, child_code="Child A"),
        other_review=make_review(rotherham, child_code="Child R"),
    )
    for name, (roles, discipline, review_role) in LUTON_PERSONAS.items():
        user = UserFactory(email=f"{name.replace('_', '.')}@luton.example.org")
        agency = _agency(luton, discipline)
        for role in roles:
            services.person_add_to_board(
                board=luton,
                email=user.email,
                full_name=user.full_name,
                role=role,
                agency=agency,
                by=by,
            )
        if review_role:
            services.review_role_assign(
                review=world.review, user=user, role=review_role, agency=agency, by=by
            )
        world.users[name] = user
    other = UserFactory(email="manager@rotherham.example.org")
    for role in (BoardRole.BUSINESS_MANAGER, BoardRole.ADMINISTRATOR):
        services.person_add_to_board(
            board=rotherham,
            email=other.email,
            full_name=other.full_name,
            role=role,
            agency=None,
            by=by,
        )
    world.users["other_board"] = other
    gone = UserFactory(email="former.manager@luton.example.org")
    services.person_add_to_board(
        board=luton,
        email=gone.email,
        full_name=gone.full_name,
        role=BoardRole.BUSINESS_MANAGER,
        agency=None,
        by=by,
    )
    gone.is_active = False
    gone.save()
    world.users["deactivated"] = gone
    return world
