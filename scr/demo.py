"""Fictional demo data: every board with its people and reviews at different stages."""

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
    ReviewRoleKind,
    Stage,
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
    "author.police": ("Police Report Author", [BoardRole.AGENCY_STAFF], "police"),
    "author.health": ("Health Report Author", [BoardRole.AGENCY_STAFF], "health"),
    "overview": ("Independent Overview Author", [BoardRole.AGENCY_STAFF], None),
}

# Reviews at different points of the lifecycle: (child code, type kind, stage, days since start,
# open?, summary)
DEMO_REVIEWS = [
    (
        "Child A",
        "scr",
        Stage.TERMS_OF_REFERENCE,
        20,
        True,
        "Infant admitted to hospital with unexplained fractures; parents known to adult services.",
    ),
    (
        "Child B",
        "scr",
        Stage.AGENCY_REPORTS,
        80,
        True,
        "Teenager died by suicide after a period of missing episodes and school exclusion.",
    ),
    (
        "Child C",
        "scr",
        Stage.MONITORING,
        200,
        True,
        "Toddler suffered serious neglect over a long period while the family moved between areas.",
    ),
    (
        "Child D",
        "alternative",
        Stage.CHRONOLOGIES,
        40,
        True,
        "Near miss: a baby left with an unassessed carer; learning sought on information sharing.",
    ),
    (
        "Child E",
        "scr",
        Stage.COMPLETE,
        420,
        False,
        "Child harmed by a parent's partner; review completed and action plan signed off.",
    ),
]


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


def _review_roles(review: Review, people: dict[str, User], board: Board) -> None:
    by = services.system_user()
    police = Agency.objects.filter(board=board, discipline="police").order_by("pk").first()
    health = Agency.objects.filter(board=board, discipline="health").order_by("pk").first()
    social = Agency.objects.filter(board=board, discipline="social_care").order_by("pk").first()
    for login, role, agency in [
        ("panel-chair", ReviewRoleKind.PANEL_CHAIR, None),
        ("panel", ReviewRoleKind.PANEL_MEMBER, None),
        ("referrer", ReviewRoleKind.REFERRER, social),
        ("senior.police", ReviewRoleKind.SENIOR_MANAGER, police),
        ("author.police", ReviewRoleKind.IMR_AUTHOR, police),
        ("author.health", ReviewRoleKind.IMR_AUTHOR, health),
        ("overview", _lead_or_author(review, board), None),
    ]:
        services.review_role_assign(
            review=review, user=people[login], role=role, agency=agency, by=by
        )


def _lead_or_author(review: Review, board: Board) -> str:
    """A lighter review has a lead reviewer where a serious case review has an overview author."""
    kinds = {t["code"]: t.get("kind") for t in board.review_types}
    if kinds.get(review.review_type) == "alternative":
        return ReviewRoleKind.LEAD_REVIEWER
    return ReviewRoleKind.OVERVIEW_AUTHOR


def _agencies_answer(review: Review, people: dict[str, User], today: date) -> None:
    """The agencies have been asked; police and health have answered with their authors."""
    by = services.system_user()
    services.setup_requests_send(
        review=review, by=by, due_on=today + timedelta(days=14), today=today
    )
    for discipline, author in (("police", "author.police"), ("health", "author.health")):
        involvement = (
            review.involvements.filter(agency__discipline=discipline).order_by("agency__pk").first()
        )
        if involvement is not None and author in people:
            services.involvement_answer(
                involvement=involvement, by=by, involved=True, author=people[author], today=today
            )


def _letters_and_first_meeting(review: Review, people: dict[str, User], today: date) -> None:
    """The set-up letters are on the checklist, Ofsted's sent; the first panel meeting is held,
    with an action for the panel chair."""
    by = services.system_user()
    services.setup_letters_prepare(
        review=review, by=by, family_contact="Ms A Parent (mother)", cps=True
    )
    ofsted = review.setup_letters.filter(kind="ofsted").first()
    if ofsted is not None:
        services.setup_letter_generated(letter=ofsted, by=by, on=today)
        services.setup_letter_sent(
            letter=ofsted, by=by, sent_on=today, method="Secure email", today=today
        )
    services.panel_meetings_plan(review=review, by=by)
    first = review.meetings.order_by("starts_at").first()
    if first is not None and "panel-chair" in people:
        services.action_point_add(
            meeting=first,
            by=by,
            description="Ask the coroner for the date of the inquest",
            owner=people["panel-chair"],
            due_on=today + timedelta(days=10),
            today=today,
        )


@transaction.atomic
def seed_demo(today: date) -> list[Board]:
    load_default_boards(Board, Agency)
    by = services.system_user()
    boards = list(Board.objects.order_by("name"))
    password_hash = make_password(DEMO_PASSWORD)  # hashed once: hashing is slow on purpose
    for board in boards:
        people = {login: _person(board, login, password_hash) for login in DEMO_PEOPLE}
        if Review.objects.filter(board=board).exists():
            continue
        alternative = next(t["code"] for t in board.review_types if t["kind"] == "alternative")
        for child, kind, stage, days, is_open, summary in DEMO_REVIEWS:
            review = services.review_create(
                board=board,
                child_code=child,
                review_type="scr" if kind == "scr" else alternative,
                started_on=today - timedelta(days=days),
                stage=stage,
                summary=summary,
                by=by,
            )
            if not is_open:
                services.review_close(review=review, by=by)
            _review_roles(review, people, board)
            if stage != Stage.SETUP:
                _agencies_answer(review, people, today)
                _letters_and_first_meeting(review, people, today)
        # Stages add their records last, so they find the demo reviews in place.
        for seeder in registry.demo_seeders:
            seeder(board, people, today)
        _overview_reports(board, people, today)
    return boards


def _overview_reports(board: Board, people: dict[str, User], today: date) -> None:
    """The review being monitored has its overview report accepted by the board and its
    executive summary drafted; the one at the overview stage has a report under way."""
    from scr import publication

    for review in Review.objects.filter(board=board, stage__in=[Stage.MONITORING]):
        report = publication.overview_for(review)
        for section in report.sections.all():
            publication.overview_section_save(
                section=section,
                by=people["overview"],
                revision=section.revision,
                text=f"{section.title}: the panel's findings, drawn from the agency reports.",
            )
        publication.overview_recommend(report=report, by=people["panel-chair"], today=today)
        publication.overview_accept(
            report=report,
            by=people["manager"],
            on=today,
            meeting="Board meeting",
            amendments="",
            today=today,
        )
        summary = publication.summary_for(review)
        publication.summary_save(
            summary=summary,
            by=people["overview"],
            revision=summary.revision,
            text="The child was harmed while several agencies knew of concerns they did not "
            "share. The review found that information about adults in the household did not "
            "reach the people assessing the child.",
            recommendations="1. Agencies share what they know of adults in a child's household.",
        )


def seed_scale(*, board: Board, count: int, today: date) -> int:
    """Bulk reviews for benchmarks, written with their history rows."""
    by = services.system_user()
    stages = list(Stage)
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
