"""The executive summary's leak check finds the names of the people in the case and of the staff
on the review as names, and never the board's own name or an ordinary word that is also part of
a staff login's name ("Panel Chair (Waltham Forest LSCB)")."""

import pytest
from django.core.management import call_command

from chronology import services as chronology
from scr import publication
from scr.models import (
    Agency,
    Board,
    ExecutiveSummary,
    ReviewRole,
    ReviewRoleKind,
    User,
)
from tests.scr.end_world import build_end_world

pytestmark = pytest.mark.django_db

# Staff named as the demo's logins are: a role, then the board in brackets.
STAFF_NAMES = {
    "manager": "Business Manager (Waltham Forest LSCB)",
    "chair": "Independent Chair (Waltham Forest LSCB)",
    "panel.chair": "Panel Chair (Waltham Forest LSCB)",
    "overview.author": "Independent Overview Author (Waltham Forest LSCB)",
    "senior.police": "Police Senior Manager (Waltham Forest LSCB)",
    "author.police": "Priya Nandakumar (Metropolitan Police)",
}


@pytest.fixture
def ew():
    world = build_end_world()
    for login, name in STAFF_NAMES.items():
        User.objects.filter(pk=world.users[login].pk).update(full_name=name)
    chronology.person_save(
        review=world.review,
        by=world.users["manager"],
        kind="family",
        code="Parent 2",
        name="Jane Smith",
    )
    chronology.person_save(
        review=world.review,
        by=world.users["manager"],
        kind="family",
        code="Sibling 1",
        name="Jo Li",
    )
    return world


def _problems(ew, text: str, recommendations: str = "") -> list[str]:
    summary = publication.summary_for(ew.review)
    summary = publication.summary_save(
        summary=summary,
        by=ew.users["overview.author"],
        revision=summary.revision,
        text=text,
        recommendations=recommendations,
    )
    return publication.summary_leak_check(summary=summary, by=ew.users["manager"])


def test_panel_and_forest_as_ordinary_words_on_a_waltham_forest_review_are_clean(ew):
    problems = _problems(
        ew,
        "The Serious Case Review Panel met in Waltham Forest. The panel chair, a senior manager "
        "of the police and the independent overview author agreed that Forest schools, the "
        "Metropolitan Police and Waltham Forest Children and Families Service did not share "
        "what they knew. Young people will be asked, and a manager may report on it.",
        recommendations="1. The Panel asks the Business Manager to report to the Board.",
    )
    assert problems == []


def test_the_boards_name_as_the_pdfs_author_is_not_a_leak(ew):
    summary = publication.summary_for(ew.review)
    metadata = publication.pdf_metadata(publication.summary_pdf(summary))
    assert "Waltham Forest Local Safeguarding Children Board" in metadata
    assert publication.leak_problems(summary) == []


@pytest.mark.parametrize(
    "text, found",
    [
        ("Jane Smith was not seen.", "Parent 2 (“Jane Smith”)"),
        ("JANE SMITH was not seen.", "Parent 2 (“Jane Smith”)"),
        ("Jane\n   Smith was not seen.", "Parent 2 (“Jane Smith”)"),
        ("Jane Smith's partner was not seen.", "Parent 2 (“Jane Smith”)"),
        ("Smith's partner was not seen.", "Parent 2 (“Smith”)"),
        ("Ms Smith was not seen.", "Parent 2 (“Smith”)"),
        ("Nobody asked Jane.", "Parent 2 (“Jane”)"),
        ("Jo Li was at school.", "Sibling 1 (“Jo Li”)"),
    ],
)
def test_a_case_persons_name_is_found_whole_or_by_a_distinctive_word(ew, text, found):
    assert _problems(ew, text) == [f"The text holds a real name of {found}"]


@pytest.mark.parametrize(
    "text",
    [
        "The blacksmith's report was late.",  # inside a longer word
        "Jo went to school.",  # a word of two letters is not a name alone
        "Smithson was not seen.",
    ],
)
def test_part_of_a_word_or_a_short_word_is_not_a_name(ew, text):
    assert _problems(ew, text) == []


def test_a_staff_members_name_is_found_but_not_the_words_in_brackets(ew):
    assert _problems(ew, "Nandakumar wrote the police report.") == [
        "The text holds a staff member's name (“Nandakumar”)"
    ]
    assert _problems(ew, "Priya Nandakumar's report was accepted.") == [
        "The text holds a staff member's name (“Priya Nandakumar”)"
    ]
    assert _problems(ew, "The Metropolitan Police report was accepted.") == []


def test_the_child_the_staff_and_an_address_are_all_reported(ew):
    problems = _problems(
        ew, "Wren lived at 14 Acacia Road, London E17 4AB with Jane Smith. Nandakumar was told."
    )
    assert problems == [
        "The text holds a postcode (“E17 4AB”)",
        "The text holds a real name of Child W (“Wren”)",
        "The text holds a real name of Parent 2 (“Jane Smith”)",
        "The text holds a staff member's name (“Nandakumar”)",
        "The text holds an address (“14 Acacia Road”)",
    ]


def test_a_persons_name_in_the_documents_properties_is_found_but_not_the_board(ew, monkeypatch):
    summary = publication.summary_for(ew.review)
    monkeypatch.setattr(
        publication,
        "pdf_metadata",
        lambda content: [
            "Waltham Forest Local Safeguarding Children Board",
            "Waltham Forest LSCB",
            "Jane Smith",
        ],
    )
    assert publication.leak_problems(summary) == [
        "The document's properties hold a real name of Parent 2 (“Jane Smith”)"
    ]


def test_a_person_named_after_the_board_is_still_found_by_their_full_name(ew):
    chronology.person_save(
        review=ew.review, by=ew.users["manager"], kind="family", code="Parent 3", name="Ivy Forest"
    )
    assert _problems(ew, "The Forest team met Ivy Forest.") == [
        "The text holds a real name of Parent 3 (“Ivy Forest”)"
    ]


def test_the_demo_has_a_health_senior_manager_and_its_summaries_pass_the_leak_check():
    call_command("seed_demo", stdout=open("/dev/null", "w"))
    board = Board.objects.get(slug="waltham-forest")
    health = Agency.objects.filter(board=board, discipline="health").order_by("pk").first()
    senior = User.objects.get(email="senior.health@waltham-forest.example.org")
    police_reviews = set(
        ReviewRole.objects.filter(
            review__board=board,
            user__email="senior.police@waltham-forest.example.org",
            role=ReviewRoleKind.SENIOR_MANAGER,
        ).values_list("review", flat=True)
    )
    health_reviews = set(
        ReviewRole.objects.filter(
            review__board=board, user=senior, role=ReviewRoleKind.SENIOR_MANAGER, agency=health
        ).values_list("review", flat=True)
    )
    assert police_reviews and health_reviews == police_reviews
    summaries = ExecutiveSummary.objects.filter(review__board=board)  # drafted by the demo
    assert summaries
    for summary in summaries:
        assert publication.leak_problems(summary) == [], summary.review.reference
