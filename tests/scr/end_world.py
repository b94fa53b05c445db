"""A Waltham Forest review at the point where every agency report is accepted: terms of
reference signed, everyone independent and declared, the police report final, its
recommendation in the action plan, and the family's people and codes known."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from chronology import services as chronology
from imr import services as imr
from scr import publication, services
from scr.board_defaults import load_default_boards
from scr.models import Agency, Board, BoardRole, Review, ReviewRole, ReviewRoleKind, User
from tests.factories import UserFactory
from tests.imr.world import write

PEOPLE = [
    # login, board role, agency discipline, review role
    ("manager", BoardRole.BUSINESS_MANAGER, None, None),
    ("chair", BoardRole.BOARD_CHAIR, None, None),
    ("panel.chair", BoardRole.DECISION_CHAIR, None, ReviewRoleKind.PANEL_CHAIR),
    ("overview.author", BoardRole.DECISION_MEMBER, None, ReviewRoleKind.OVERVIEW_AUTHOR),
    ("senior.police", BoardRole.AGENCY_STAFF, "police", ReviewRoleKind.SENIOR_MANAGER),
    ("author.police", BoardRole.AGENCY_STAFF, "police", ReviewRoleKind.IMR_AUTHOR),
]


@dataclass
class EndWorld:
    board: Board
    review: Review
    police: Agency
    users: dict[str, User] = field(default_factory=dict)


def build_end_world() -> EndWorld:
    load_default_boards(Board, Agency)
    board = Board.objects.get(slug="waltham-forest")
    police = Agency.objects.filter(board=board, discipline="police").order_by("pk").first()
    today = timezone.localdate()
    by = services.system_user()
    review = services.review_create(
        board=board,
        child_code="Child W",
        review_type="scr",
        started_on=today - timedelta(days=60),
        by=by,
    )
    world = EndWorld(board, review, police)
    for login, board_role, discipline, review_role in PEOPLE:
        user = UserFactory(email=f"{login}@waltham-forest.example.org")
        agency = police if discipline else None
        services.person_add_to_board(
            board=board,
            email=user.email,
            full_name=user.full_name,
            role=board_role,
            agency=agency,
            by=by,
        )
        if review_role:
            role = services.review_role_assign(
                review=review, user=user, role=review_role, agency=agency, by=by
            )
            if ReviewRoleKind.declares_independence(review_role):
                services.independence_declare(review_role=role, by=user, on=today)
        world.users[login] = user
    manager = world.users["manager"]
    terms = services.terms_save(
        review=review,
        by=manager,
        today=today,
        version=None,
        fields={
            "reason_and_key_issues": "How agencies shared what they knew",
            "period_start": today - timedelta(days=400),
            "period_end": today - timedelta(days=70),
            "family_involvement": "The mother will be invited to meet the author.",
            "parallel_processes": "A police investigation; no inquest.",
            "contributions": {str(police.pk): "imr"},
        },
    )
    services.terms_approve(terms=terms, by=manager, approved_on=today, today=today)
    services.terms_sign(terms=terms, by=world.users["panel.chair"], today=today)
    chronology.person_save(
        review=review,
        by=manager,
        kind="family",
        code="Child W",
        name="Wren Example",
        is_subject=True,
    )
    chronology.person_save(
        review=review, by=manager, kind="family", code="Parent 1", name="Dana Example"
    )
    _accepted_report(world, today)
    return world


def _accepted_report(world: EndWorld, today) -> None:
    author, senior = world.users["author.police"], world.users["senior.police"]
    report = imr.report_for(review=world.review, agency=world.police, by=author)
    write(
        report, author, {"analysis": "The call was not shared with social care."}, {"analysis": [1]}
    )
    imr.interview_add(report=report, by=author, role="Response officer", summary="Attended once")
    imr.recommendation_add(
        report=report,
        by=author,
        today=today,
        text="Share domestic abuse calls with social care",
        action="Add a prompt to the system",
        lead_name="Sam Lead",
        lead_role="Head of safeguarding",
        target_date=today + timedelta(days=90),
        success_measure="Audit of 20 calls",
        intended_outcome="Children are known to social care sooner",
    )
    imr.declare(report=report, by=author, on=today)
    imr.submit(report=report, by=author)
    version = imr.manager_sign_off(
        report=report,
        by=senior,
        checklist={k: True for k, _ in imr.EVALUATION_CHECKLIST},
        comments="",
        name="Pat Senior",
        title="Chief Superintendent",
        on=today,
        today=today,
    )
    imr.version_accept(version=version, by=world.users["panel.chair"])


def write_overview(world: EndWorld, skip: tuple[str, ...] = ()) -> None:
    report = publication.overview_for(world.review)
    for section in report.sections.all():
        if section.key not in skip:
            publication.overview_section_save(
                section=section,
                by=world.users["overview.author"],
                text=f"{section.title}: what the panel found.",
                revision=section.revision,
            )


def role(world: EndWorld, kind: str) -> ReviewRole:
    return ReviewRole.objects.get(review=world.review, role=kind)
