"""Outcome letters sent after the board chair's decision on a referral.

Each board may reword a letter (``LetterTemplate``). The wording is plain text: placeholders in
braces, such as ``{reference}``, are filled in from the case, a doubled brace (``{{`` or ``}}``)
prints one brace, and nothing else is interpreted. Letters name the child only by the review's
coded name, never by the name given on the referral.
"""

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils import timezone

from scr import letters as engine

from .models import LetterKind, LetterTemplate

PLACEHOLDERS: dict[str, str] = {
    "reference": "The case reference, for example MK-2026-007",
    "board_name": "The board's full name",
    "board_short_name": "The board's short name",
    "recipient": "Who the letter is addressed to: the agency or the referrer",
    "letter_date": "Today's date, for example 23 November 2026",
    "decision_date": "The date of the chair's decision, for example 23 November 2026",
    "decision": "The chair's decision, as the board words it",
    "review_type": 'The type of review to be carried out, or "none"',
    "reasons": "The chair's reasons for the decision",
    "decision_body": "The name of the group that considered the referral",
    "child": 'The child\'s coded name, for example Child A, or "the child" if there is no review',
}

DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    LetterKind.AGENCY_OUTCOME.value: (
        "Case {reference}: the board's decision",
        """Dear colleague,

Thank you for the information your agency gave us about case {reference}, concerning {child}. \
The {decision_body} has considered the case, and on {decision_date} the chair of {board_name} \
made a decision.

The chair's decision was: {decision}.

Review to be carried out: {review_type}.

If a review is going ahead, we will write to you again soon. That letter will ask you to confirm \
your agency's involvement with the child and family, and to nominate someone to write your \
agency's report for the review. In the meantime, please keep all of your agency's records about \
the child and family secured, so that nothing is altered, lost or destroyed.

If no review is to take place, we do not need anything more from your agency on this case at \
present.

Please quote the reference {reference} whenever you contact us about this case, and refer to the \
child only as {child}.

Thank you for your help.""",
    ),
    LetterKind.REFERRER_OUTCOME.value: (
        "Your referral {reference}: the outcome",
        """Dear {recipient},

Thank you for your referral to {board_name}, reference {reference}. We know that making a \
referral takes time and care, and we are grateful to you for raising your concerns.

The {decision_body} has considered your referral, and on {decision_date} the chair of the board \
made a decision.

The chair's decision was: {decision}.

Review to be carried out: {review_type}.

The chair gave these reasons:

{reasons}

If you have any questions about this decision, or would like to talk it through, please contact \
the board's business manager. It will help us if you quote the reference {reference}.""",
    ),
}


def validate_template_text(text: str) -> None:
    """Raise ValidationError naming every unknown placeholder and stray brace in ``text``."""
    engine.validate_template_text(text, PLACEHOLDERS)


def _decision_of(referral):
    try:
        decision = referral.decision
    except ObjectDoesNotExist:
        decision = None
    if decision is None:
        raise ValidationError("The referral has not been decided yet.")
    return decision


def _kind_of(kind: str) -> str:
    if kind not in DEFAULT_TEMPLATES:
        raise ValidationError(f"There is no letter of kind {kind!r}.")
    return str(kind)


def template_for(board, kind: str) -> LetterTemplate:
    """The board's wording for this kind of letter, saved from the defaults the first time."""
    return engine.template_for(LetterTemplate, board, _kind_of(kind), DEFAULT_TEMPLATES)


def letter_context(referral, recipient: str) -> dict[str, str]:
    """Every placeholder's value for this case and recipient."""
    decision = _decision_of(referral)
    board = referral.board
    review = referral.review
    labels = {option["code"]: option["label"] for option in board.decision_options}
    return {
        "reference": referral.reference,
        "board_name": board.name,
        "board_short_name": board.short_name,
        "recipient": recipient,
        "letter_date": engine.long_date(timezone.localdate()),
        "decision_date": engine.long_date(decision.decided_on),
        "decision": labels.get(decision.option, decision.option),
        "review_type": board.review_type_label(review.review_type) if review else "none",
        "reasons": decision.reasons.strip(),
        "decision_body": board.decision_body_name,
        "child": review.child_code if review else "the child",
    }


def render_letter(referral, kind: str, recipient: str) -> tuple[str, list[str]]:
    """The letter's subject and its paragraphs, with the case's details filled in."""
    kind = _kind_of(kind)
    context = letter_context(referral, recipient)
    template = template_for(referral.board, kind)
    subject, paragraphs = engine.fill(template.subject, template.body, context)
    # The chair's reasons are free text: the child's name never reaches a letter.
    subject = engine.redact(subject, referral.child_name, context["child"])
    paragraphs = [engine.redact(p, referral.child_name, context["child"]) for p in paragraphs]
    return subject, paragraphs


def _letter_parts(referral, kind: str, recipient: str) -> dict:
    subject, paragraphs = render_letter(referral, kind, recipient)
    board = referral.board
    return {
        "board_name": board.name,
        "letter_date": engine.long_date(timezone.localdate()),
        "recipient": recipient,
        "reference": referral.reference,
        "subject": subject,
        "paragraphs": paragraphs,
        "sign_off": f"Business Manager, {board.name}",
    }


def letter_pdf(referral, kind: str, recipient: str) -> bytes:
    """The letter as an A4 PDF."""
    return engine.as_pdf(_letter_parts(referral, kind, recipient))


def letter_docx(referral, kind: str, recipient: str) -> bytes:
    """The letter as a Word document."""
    return engine.as_docx(_letter_parts(referral, kind, recipient))
