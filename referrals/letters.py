"""Outcome letters sent after the board chair's decision on a referral.

Each board may reword a letter (``LetterTemplate``). The wording is plain text: placeholders in
braces, such as ``{reference}``, are filled in from the case, a doubled brace (``{{`` or ``}}``)
prints one brace, and nothing else is interpreted. Letters name the child only by the review's
coded name, never by the name given on the referral.
"""

import re
from datetime import date
from io import BytesIO

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone

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

# A doubled brace, a placeholder, or a brace on its own (which is always a mistake).
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")


def _placeholder_list() -> str:
    return ", ".join(f"{{{name}}}" for name in PLACEHOLDERS)


def validate_template_text(text: str) -> None:
    """Raise ValidationError naming every unknown placeholder and stray brace in ``text``."""
    problems: list[str] = []
    unknown: list[str] = []
    stray = False
    for match in _TOKEN.finditer(text or ""):
        token = match.group(0)
        if token in ("{{", "}}"):
            continue
        if match.group(1) is None:
            stray = True
            continue
        name = match.group(1).strip()
        if name not in PLACEHOLDERS and token not in unknown:
            unknown.append(token)
    for token in unknown:
        if not token[1:-1].strip():
            problems.append(
                f"Empty braces {token} are not a placeholder. Use one of: {_placeholder_list()}."
            )
        else:
            problems.append(f"Unknown placeholder {token}. Use one of: {_placeholder_list()}.")
    if stray:
        problems.append(
            "The text has a brace with no partner. Placeholders are written in a pair of braces, "
            "for example {reference}; to print a brace itself, type it twice: {{ or }}."
        )
    if problems:
        raise ValidationError(problems)


def _substitute(text: str, context: dict[str, str]) -> str:
    """Fill in known placeholders; leave anything else exactly as written."""

    def replace(match: re.Match) -> str:
        token = match.group(0)
        if token == "{{":
            return "{"
        if token == "}}":
            return "}"
        if match.group(1) is not None:
            name = match.group(1).strip()
            if name in context:
                return context[name]
        return token

    return _TOKEN.sub(replace, text)


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


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
    from scr.services import system_user

    kind = _kind_of(kind)
    existing = LetterTemplate.objects.filter(board=board, kind=kind).first()
    if existing is not None:
        return existing
    subject, body = DEFAULT_TEMPLATES[kind]
    template = LetterTemplate(board=board, kind=kind, subject=subject, body=body)
    template._history_user = system_user()
    template.full_clean()
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:
        # Someone else saved it a moment ago.
        return LetterTemplate.objects.get(board=board, kind=kind)
    return template


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
        "letter_date": _long_date(timezone.localdate()),
        "decision_date": _long_date(decision.decided_on),
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
    subject = " ".join(_substitute(template.subject, context).split())
    body = _substitute(template.body.replace("\r\n", "\n").replace("\r", "\n"), context)
    subject = _redact(subject, referral.child_name, context["child"])
    body = _redact(body, referral.child_name, context["child"])
    paragraphs = [part.strip() for part in _BLANK_LINE.split(body)]
    return subject, [part for part in paragraphs if part]


def _redact(text: str, child_name: str, child: str) -> str:
    """A safety net for free text such as the chair's reasons: the child's full name, wherever it
    appears, becomes the coded name."""
    words = child_name.split()
    if not words:
        return text
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words) + r"(?!\w)"
    return re.sub(pattern, lambda _: child, text, flags=re.IGNORECASE)


def _letter_parts(referral, kind: str, recipient: str) -> dict:
    subject, paragraphs = render_letter(referral, kind, recipient)
    board = referral.board
    return {
        "board_name": board.name,
        "letter_date": _long_date(timezone.localdate()),
        "recipient": recipient,
        "reference": referral.reference,
        "subject": subject,
        "paragraphs": paragraphs,
        "sign_off": f"Business Manager, {board.name}",
    }


def letter_pdf(referral, kind: str, recipient: str) -> bytes:
    """The letter as an A4 PDF."""
    from weasyprint import HTML

    html = render_to_string("referrals/letter_pdf.html", _letter_parts(referral, kind, recipient))
    return HTML(string=html).write_pdf()


def letter_docx(referral, kind: str, recipient: str) -> bytes:
    """The letter as a Word document, for boards that print on their own letterhead."""
    from docx import Document

    parts = _letter_parts(referral, kind, recipient)
    document = Document()
    document.core_properties.title = parts["subject"]
    document.add_heading(parts["board_name"], level=1)
    document.add_paragraph(parts["letter_date"])
    document.add_paragraph(parts["recipient"])
    document.add_paragraph(f"Case reference: {parts['reference']}")
    document.add_paragraph().add_run(parts["subject"]).bold = True
    for paragraph in parts["paragraphs"]:
        document.add_paragraph(paragraph)
    document.add_paragraph("Yours sincerely,")
    document.add_paragraph(parts["sign_off"])
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()
