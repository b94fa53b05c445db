"""The letters a business manager sends when a review is set up.

Which letters a review needs follows from its case: every active member agency's senior manager,
the family's named contact, the coroner where a child has died or an inquest is held, the Crown
Prosecution Service where there is a criminal case, Ofsted, and the other bodies the board names.
The wording of each kind is the board's own (``SetupLetterTemplate``); the defaults below are a
starting point.
"""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from scr import letters as engine
from scr.models import AgencyInvolvement, SetupLetter, SetupLetterKind, SetupLetterTemplate

PLACEHOLDERS: dict[str, str] = {
    "reference": "The case reference, for example LU-2026-004",
    "board_name": "The board's full name",
    "board_short_name": "The board's short name",
    "recipient": "Who the letter is addressed to",
    "letter_date": "Today's date, for example 23 November 2026",
    "child": "The child's coded name, for example Child A",
    "review_type": "The type of review, for example serious case review",
    "completion_due": "The date the review is due to be completed",
    "reply_by": "The date by which an agency should answer the board",
    "report_name": "What the board calls an agency's report, for example IMR",
    "panel_name": "The name of the review panel",
    "family_interviews": "For the family: whether and when the review will ask to talk to them",
}

NO_INTERVIEW_YET = (
    "Because criminal proceedings are under way, nobody from the review will ask to interview you "
    "until they have finished. We will write to you again then."
)
INTERVIEW_OFFERED = (
    "Someone from the review will contact you to arrange a time and a place to talk that suit you. "
    "Taking part is your choice."
)

DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    SetupLetterKind.AGENCY.value: (
        "Case {reference}: a {review_type} concerning {child}",
        """Dear {recipient},

{board_name} is carrying out a {review_type} concerning {child} (case reference {reference}). \
It is due to be completed by {completion_due}.

Please make sure today that every record your agency holds about the child and family, on paper \
or on computer, is secured, so that nothing can be changed, removed or destroyed while the review \
is under way.

By {reply_by}, please tell the board, through the review service, whether your agency had any \
contact with the child or family. If it did, please nominate the person who will write your \
agency's {report_name}. That person must have had no part in the case and must not manage the \
staff who worked on it.

Please quote {reference} whenever you write to us, and refer to the child only as {child}.""",
    ),
    SetupLetterKind.FAMILY.value: (
        "A review about {child}",
        """Dear {recipient},

We are writing to let you know that {board_name} has started a review of how local services \
worked with your family. The review is there to learn lessons, so that services can protect \
children better in future. It is not there to decide who is to blame.

We would value hearing from you about your experience of the services involved.

{family_interviews}

If you have any questions, please contact the board's business manager and quote the reference \
{reference}.""",
    ),
    SetupLetterKind.CORONER.value: (
        "Case {reference}: a {review_type} concerning {child}",
        """Dear {recipient},

{board_name} has started a {review_type} concerning {child} (case reference {reference}). It is \
due to be completed by {completion_due}.

We would be grateful to know the timing of any inquest, and for your advice on how the review can \
go ahead without prejudicing your inquiry. We will send you the review's terms of reference once \
the {panel_name} has agreed them.

Please quote {reference} whenever you write to us.""",
    ),
    SetupLetterKind.CPS.value: (
        "Case {reference}: a {review_type} and criminal proceedings",
        """Dear {recipient},

{board_name} has started a {review_type} concerning {child} (case reference {reference}). We \
understand that there is a criminal investigation or prosecution connected with the case.

We would welcome your advice on how the review should handle disclosure, and on whether any \
interviews of witnesses or family members should wait until proceedings have finished, so that \
the review does not prejudice them.

Please quote {reference} whenever you write to us.""",
    ),
    SetupLetterKind.OFSTED.value: (
        "Case {reference}: a {review_type} has started",
        """Dear {recipient},

This is to confirm that {board_name} has started a {review_type} concerning {child} (case \
reference {reference}). The review is due to be completed by {completion_due}.

The terms of reference will follow once the {panel_name} has agreed them.

Please quote {reference} whenever you write to us.""",
    ),
    SetupLetterKind.OTHER.value: (
        "Case {reference}: a {review_type} has started",
        """Dear {recipient},

We are letting you know that {board_name} has started a {review_type} concerning {child} (case \
reference {reference}). It is due to be completed by {completion_due}.

Please quote {reference} whenever you write to us.""",
    ),
}

# The order the checklist lists letters in.
KIND_ORDER = [
    SetupLetterKind.AGENCY,
    SetupLetterKind.FAMILY,
    SetupLetterKind.CORONER,
    SetupLetterKind.CPS,
    SetupLetterKind.OFSTED,
    SetupLetterKind.OTHER,
]


def validate_template_text(text: str) -> None:
    engine.validate_template_text(text, PLACEHOLDERS)


def template_for(board, kind: str) -> SetupLetterTemplate:
    if kind not in DEFAULT_TEMPLATES:
        raise ValidationError(f"There is no set-up letter of kind {kind!r}.")
    return engine.template_for(SetupLetterTemplate, board, kind, DEFAULT_TEMPLATES)


def case_facts(review) -> dict:
    """What the referral said about a death, an inquest and a criminal case, if the review came
    from a referral in this product (looked up through the ORM; the core imports no stage app)."""
    referral = getattr(review, "referral", None)
    if referral is None:
        return {"coroner": False, "coroner_name": "", "cps": False}
    return {
        "coroner": bool(referral.child_died or referral.coroner_inquiry),
        "coroner_name": referral.coroner_contact,
        "cps": bool(referral.criminal_investigation),
    }


def sorted_letters(letters) -> list[SetupLetter]:
    order = {kind.value: index for index, kind in enumerate(KIND_ORDER)}
    return sorted(letters, key=lambda letter: (order.get(letter.kind, 99), letter.recipient))


def context(letter: SetupLetter) -> dict[str, str]:
    review = letter.review
    board = review.board
    today = timezone.localdate()
    reply_by = today + timedelta(days=14)
    if letter.agency_id:
        asked = AgencyInvolvement.objects.filter(review=review, agency_id=letter.agency_id).first()
        if asked is not None:
            reply_by = asked.answer_due
    return {
        "reference": review.reference,
        "board_name": board.name,
        "board_short_name": board.short_name,
        "recipient": letter.recipient,
        "letter_date": engine.long_date(today),
        "child": review.child_code,
        "review_type": review.review_type_label.lower(),
        "completion_due": engine.long_date(review.completion_due),
        "reply_by": engine.long_date(reply_by),
        "report_name": board.agency_report_name,
        "panel_name": board.review_panel_name.lower(),
        "family_interviews": (
            NO_INTERVIEW_YET if letter.no_interview_during_proceedings else INTERVIEW_OFFERED
        ),
    }


def parts(letter: SetupLetter) -> dict:
    template = template_for(letter.review.board, letter.kind)
    filled = context(letter)
    subject, paragraphs = engine.fill(template.subject, template.body, filled)
    return {
        "board_name": filled["board_name"],
        "letter_date": filled["letter_date"],
        "recipient": letter.recipient,
        "reference": letter.review.reference,
        "subject": subject,
        "paragraphs": paragraphs,
        "sign_off": f"Business Manager, {filled['board_name']}",
    }


def as_file(letter: SetupLetter, fmt: str) -> tuple[bytes, str]:
    """The letter as ``pdf`` or ``docx``, with its content type."""
    if fmt == "pdf":
        return engine.as_pdf(parts(letter)), "application/pdf"
    return engine.as_docx(parts(letter)), engine.DOCX_TYPE
