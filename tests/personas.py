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


@dataclass
class ReferralWorld:
    draft: object
    pending: object
    decided: object
    meeting: object


def build_referrals(world: World) -> ReferralWorld:
    """Luton referrals at three points: a draft, one recommended but not decided, one decided."""
    from datetime import timedelta

    from django.utils import timezone

    from referrals import services as referral_services

    users = world.users
    manager, chair = users["manager"], users["board_chair"]

    def submitted(name: str):
        referral = referral_services.referral_start(board=world.luton, by=users["referrer"])
        referral_services.referral_save(
            referral=referral,
            by=users["referrer"],
            fields={
                "child_name": name,
                "child_date_of_birth": timezone.localdate() - timedelta(days=400),
                "incident_date": timezone.localdate() - timedelta(days=3),
                "circumstances": "Lived with mother and her partner.",
                "incident_summary": "Admitted to hospital with a head injury.",
                "reason_for_referral": "Several agencies knew of concerns but did not share them.",
            },
        )
        referral_services.family_member_add(
            referral=referral, by=users["referrer"], name="Sam Smith", relationship="Mother"
        )
        return referral_services.referral_submit(referral=referral, by=users["referrer"])

    draft = referral_services.referral_start(board=world.luton, by=users["referrer"])
    referral_services.family_member_add(
        referral=draft, by=users["referrer"], name="Alex Jones", relationship="Father"
    )
    pending, decided = submitted("Robin Smith"), submitted("Kit Brown")
    meeting = referral_services.meetings_schedule(
        board=world.luton,
        first=timezone.now() + timedelta(days=3),
        place="Town hall",
        count=1,
        is_extra=True,
        by=manager,
    )[0]
    for referral in (pending, decided):
        referral_services.information_requests_send(
            referral=referral, by=manager, due_on=timezone.localdate() + timedelta(days=7)
        )
        referral_services.meeting_add_referral(meeting=meeting, referral=referral, by=manager)
    referral_services.attendance_record(
        meeting=meeting,
        by=manager,
        attendees=[users["panel_chair"], users["decision_member"]],
        chair=users["panel_chair"],
    )
    for referral in (pending, decided):
        referral_services.recommendation_make(
            referral=referral,
            meeting=meeting,
            by=users["panel_chair"],
            option_code="a",
            reasons="Agencies did not share what they knew.",
        )
    referral_services.chair_decide(
        referral=decided, by=chair, agrees=True, option_code="", reasons="The threshold is met."
    )
    return ReferralWorld(draft=draft, pending=pending, decided=decided, meeting=meeting)
