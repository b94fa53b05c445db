"""Fictional demo data: every board with its people; the stages and ``journeys`` add the rest."""

from datetime import date, timedelta

from django.contrib.auth.hashers import make_password
from django.db import transaction
from simple_history.utils import bulk_create_with_history

from scr import registry, services
from scr.board_defaults import load_default_boards
from scr.models import (
    Agency,
    Board,
    BoardMembership,
    BoardRole,
    Review,
    User,
)

DEMO_PASSWORD = "demo"

# login prefix -> (full name, board roles, agency discipline or None)
DEMO_PEOPLE = {
    "manager": ("Business Manager", [BoardRole.BUSINESS_MANAGER, BoardRole.ADMINISTRATOR], None),
    "chair": ("Independent Chair", [BoardRole.BOARD_CHAIR], None),
    "panel-chair": ("Panel Chair", [BoardRole.DECISION_CHAIR], None),
    "panel": ("Panel Member", [BoardRole.DECISION_MEMBER, BoardRole.SUBGROUP_MEMBER], "health"),
    "referrer": ("Referring Social Worker", [BoardRole.AGENCY_STAFF], "social_care"),
    "senior.police": ("Police Senior Manager", [BoardRole.AGENCY_STAFF], "police"),
    "senior.health": ("Health Senior Manager", [BoardRole.AGENCY_STAFF], "health"),
    "author.police": ("Police Report Author", [BoardRole.AGENCY_STAFF], "police"),
    "author.health": ("Health Report Author", [BoardRole.AGENCY_STAFF], "health"),
    "overview": ("Independent Overview Author", [BoardRole.AGENCY_STAFF], None),
    # The rest of the review panel, so that every board's rule on its size is met.
    "panel.police": ("Police Panel Member", [BoardRole.SUBGROUP_MEMBER], "police"),
    "panel.social": ("Children's Services Panel Member", [BoardRole.SUBGROUP_MEMBER], "social_care"),
    "panel.education": ("Education Panel Member", [BoardRole.SUBGROUP_MEMBER], "education"),
    "panel.probation": ("Probation Panel Member", [BoardRole.SUBGROUP_MEMBER], "probation"),
}


def _person(board: Board, login: str, password_hash: str) -> User:
    email = f"{login}@{board.slug}.example.org"
    name, roles, discipline = DEMO_PEOPLE[login]
    by = services.system_user()
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email, full_name=f"{name} ({board.short_name})")
        user.password = password_hash
        user._history_user = by
        user.save()
    agency = (
        Agency.objects.filter(board=board, discipline=discipline).order_by("pk").first()
        if discipline
        else None
    )
    for role in roles:
        if not BoardMembership.objects.filter(user=user, board=board, role=role).exists():
            services.person_add_to_board(
                board=board, email=email, full_name=user.full_name, role=role, agency=agency, by=by
            )
    return user


def people_for(board: Board) -> dict[str, User]:
    """The board's demo people, created once; {login prefix: user}."""
    password_hash = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    return {login: _person(board, login, password_hash) for login in DEMO_PEOPLE}


@transaction.atomic
def seed_demo(today: date) -> list[Board]:
    """The boards, their people, and what each stage seeds: the reviews themselves are driven
    from fresh referrals through the real services on the days things happened (see
    ``journeys``), so they look exactly as real use leaves them."""
    load_default_boards(Board, Agency)
    boards = list(Board.objects.order_by("name"))
    for board in boards:
        people = people_for(board)
        if Review.objects.filter(board=board).exists():
            continue
        for seeder in registry.demo_seeders:
            seeder(board, people, today)
    return boards


def seed_scale(*, board: Board, count: int, today: date) -> int:
    """Bulk reviews for benchmarks, written with their history rows."""
    from scr.lifecycle import stage_choices

    by = services.system_user()
    stages = [key for key, _ in stage_choices()]
    start = Review.objects.filter(board=board).count()
    reviews = [
        Review(
            board=board,
            reference=f"{board.reference_prefix}-BENCH-{start + n:06d}",
            child_code=f"Child {start + n}",
            review_type=board.review_types[0]["code"],
            stage=stages[n % len(stages)],
            started_on=today - timedelta(days=n % 400),
            completion_due=board.completion_due(today - timedelta(days=n % 400)),
        )
        for n in range(count)
    ]
    bulk_create_with_history(reviews, Review, batch_size=500, default_user=by)
    return count
