from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from docx import Document

from referrals import letters
from referrals.models import ChairDecision, LetterKind, LetterTemplate, Referral
from scr import services
from scr.models import Board, User
from tests.documents import docx_text, pdf_text

pytestmark = pytest.mark.django_db

DECISION_LABEL = "Meets the serious case review threshold"


@pytest.fixture
def board():
    return Board.objects.get(slug="milton-keynes")


@pytest.fixture
def referrer():
    return User.objects.create_user(
        email="referrer@example.org", password="not-a-real-password", full_name="Sam Referrer"
    )


@pytest.fixture
def undecided(board, referrer):
    return Referral.objects.create(
        board=board,
        referred_by=referrer,
        reference="MK-2026-007",
        child_name="Jamie Realname",
        status="recommended",
    )


@pytest.fixture
def decided(undecided, referrer):
    undecided.status = "decided"
    undecided.save()
    ChairDecision.objects.create(
        referral=undecided,
        decided_by=referrer,
        decided_on=date(2026, 11, 23),
        agrees=True,
        option="a",
        reasons="Agencies did not share concerns about the child's care with each other.",
    )
    return Referral.objects.get(pk=undecided.pk)


@pytest.fixture
def reviewed(decided, board):
    decided.review = services.review_create(
        board=board,
        child_code="Child A",
        review_type="scr",
        started_on=date(2026, 11, 23),
        by=services.system_user(),
        reference="MK-2026-007",
    )
    decided.save()
    return decided


@pytest.fixture
def agency(board):
    return board.agencies.order_by("name").first()


def test_pdf_is_a_real_letter_that_codes_the_child(reviewed, agency, tmp_path):
    data = letters.letter_pdf(reviewed, LetterKind.AGENCY_OUTCOME, agency.name)

    assert data.startswith(b"%PDF")
    text = pdf_text(data, tmp_path)
    assert "MK-2026-007" in text
    assert "Case reference: MK-2026-007" in text
    assert "Milton Keynes Safeguarding Children Board" in text
    assert DECISION_LABEL in text
    assert "Child A" in text
    assert agency.name in text
    assert "23 November 2026" in text
    assert "Business Manager, Milton Keynes Safeguarding Children Board" in text
    assert "Realname" not in text


def test_referrer_pdf_gives_reasons_and_contact(reviewed, referrer, tmp_path):
    data = letters.letter_pdf(reviewed, LetterKind.REFERRER_OUTCOME, referrer.full_name)

    text = pdf_text(data, tmp_path)
    assert "Dear Sam Referrer" in text
    assert "Agencies did not share concerns" in text
    assert "business manager" in text
    assert "Serious case review" in text
    assert "Realname" not in text


def test_docx_has_the_same_content(reviewed, agency):
    data = letters.letter_docx(reviewed, LetterKind.AGENCY_OUTCOME, agency.name)

    document = Document(BytesIO(data))
    assert document.paragraphs[0].text == "Milton Keynes Safeguarding Children Board"
    subject = next(
        p for p in document.paragraphs if p.text == "Case MK-2026-007: the board's decision"
    )
    assert all(run.bold for run in subject.runs)
    text = docx_text(data)
    assert "Case reference: MK-2026-007" in text
    assert DECISION_LABEL in text
    assert "Child A" in text
    assert "Business Manager, Milton Keynes Safeguarding Children Board" in text
    assert "Realname" not in text


def test_referrer_docx_codes_the_child(reviewed, referrer):
    text = docx_text(letters.letter_docx(reviewed, LetterKind.REFERRER_OUTCOME, "Sam Referrer"))

    assert DECISION_LABEL in text
    assert "Agencies did not share concerns" in text
    assert "Realname" not in text


def test_letter_context(reviewed):
    context = letters.letter_context(reviewed, "Sam Referrer")

    assert set(letters.PLACEHOLDERS) <= set(context)
    assert context["reference"] == "MK-2026-007"
    assert context["board_name"] == "Milton Keynes Safeguarding Children Board"
    assert context["recipient"] == "Sam Referrer"
    assert context["decision_date"] == "23 November 2026"
    assert context["decision"] == DECISION_LABEL
    assert context["review_type"] == "Serious case review"
    assert context["decision_body"] == "Serious Case Review Sub-Group"
    assert context["child"] == "Child A"
    assert "Realname" not in " ".join(context.values())


def test_without_a_review_the_child_is_not_named(decided):
    context = letters.letter_context(decided, "Sam Referrer")
    assert context["child"] == "the child"
    assert context["review_type"] == "none"

    subject, paragraphs = letters.render_letter(decided, LetterKind.AGENCY_OUTCOME, "Police")
    text = " ".join([subject, *paragraphs])
    assert "the child" in text
    assert "Review to be carried out: none." in text
    assert "Realname" not in text


def test_board_edited_template_is_used(reviewed, board, agency, tmp_path):
    template = letters.template_for(board, LetterKind.AGENCY_OUTCOME)
    template.subject = "Outcome for {child}"
    template.body = "Dear colleague,\n\n{reference} custom wording\n\nDecision: {decision}"
    template.save()

    subject, paragraphs = letters.render_letter(reviewed, LetterKind.AGENCY_OUTCOME, agency.name)
    assert subject == "Outcome for Child A"
    assert paragraphs == [
        "Dear colleague,",
        "MK-2026-007 custom wording",
        f"Decision: {DECISION_LABEL}",
    ]
    assert "MK-2026-007 custom wording" in pdf_text(
        letters.letter_pdf(reviewed, LetterKind.AGENCY_OUTCOME, agency.name), tmp_path
    )
    assert "MK-2026-007 custom wording" in docx_text(
        letters.letter_docx(reviewed, LetterKind.AGENCY_OUTCOME, agency.name)
    )


def test_template_for_saves_the_defaults_once(board):
    template = letters.template_for(board, LetterKind.REFERRER_OUTCOME)

    assert (template.subject, template.body) == letters.DEFAULT_TEMPLATES[
        LetterKind.REFERRER_OUTCOME
    ]
    assert template.history.get().history_user == services.system_user()
    assert letters.template_for(board, LetterKind.REFERRER_OUTCOME).pk == template.pk
    assert LetterTemplate.objects.filter(board=board).count() == 1


@pytest.mark.parametrize("kind", list(LetterKind))
def test_default_templates_are_valid(kind):
    subject, body = letters.DEFAULT_TEMPLATES[kind]
    letters.validate_template_text(subject)
    letters.validate_template_text(body)
    assert "\n\n" in body


def test_validate_names_an_unknown_placeholder():
    with pytest.raises(ValidationError) as raised:
        letters.validate_template_text("Dear {recipent}")
    message = " ".join(raised.value.messages)
    assert "{recipent}" in message
    assert "{recipient}" in message


def test_validate_reports_stray_braces():
    for text in ["Dear {recipient", "Dear recipient}", "{ {reference}"]:
        with pytest.raises(ValidationError) as raised:
            letters.validate_template_text(text)
        assert "brace" in " ".join(raised.value.messages)


def test_validate_accepts_known_placeholders_and_doubled_braces():
    letters.validate_template_text("Case {reference} for {child} {{not a placeholder}}")
    letters.validate_template_text("")


@pytest.mark.parametrize("render", [letters.render_letter, letters.letter_pdf, letters.letter_docx])
def test_undecided_referral_cannot_have_a_letter(undecided, render):
    with pytest.raises(ValidationError, match="has not been decided yet"):
        render(undecided, LetterKind.AGENCY_OUTCOME, "Police")


def test_stray_brace_and_unknown_placeholder_render_as_written(reviewed, board, tmp_path):
    template = letters.template_for(board, LetterKind.REFERRER_OUTCOME)
    template.body = "Case {reference { and {unknown} here}\n\nLiteral {{braces}}"
    template.save()

    subject, paragraphs = letters.render_letter(reviewed, LetterKind.REFERRER_OUTCOME, "Sam")
    assert paragraphs == ["Case {reference { and {unknown} here}", "Literal {braces}"]
    text = pdf_text(letters.letter_pdf(reviewed, LetterKind.REFERRER_OUTCOME, "Sam"), tmp_path)
    assert "{unknown}" in text


def test_case_text_is_escaped_and_not_reinterpreted(reviewed, tmp_path):
    reviewed.decision.reasons = "<b>Bold</b> & {reference} stays as typed"
    reviewed.decision.save()

    subject, paragraphs = letters.render_letter(reviewed, LetterKind.REFERRER_OUTCOME, "Sam")
    assert "<b>Bold</b> & {reference} stays as typed" in paragraphs
    text = pdf_text(letters.letter_pdf(reviewed, LetterKind.REFERRER_OUTCOME, "Sam"), tmp_path)
    assert "<b>Bold</b> & {reference} stays as typed" in text


def test_the_childs_full_name_in_free_text_becomes_the_coded_name(reviewed, tmp_path):
    reviewed.decision.reasons = "Nobody asked JAMIE  realname what\nJamie Realname wanted."
    reviewed.decision.save()

    subject, paragraphs = letters.render_letter(reviewed, LetterKind.REFERRER_OUTCOME, "Sam")
    assert "Nobody asked Child A what\nChild A wanted." in paragraphs
    text = docx_text(letters.letter_docx(reviewed, LetterKind.REFERRER_OUTCOME, "Sam"))
    assert "Realname" not in text.title()
