"""Letters written from a board's own wording.

A board words each kind of letter itself. The wording is plain text: placeholders in braces, such
as ``{reference}``, are filled in from the case, a doubled brace (``{{`` or ``}}``) prints one
brace, and nothing else is interpreted. Every stage that sends letters (the referral's outcome,
the review's set-up) uses these functions, so letters look and behave the same everywhere.
"""

import re
from datetime import date
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string

# A doubled brace, a placeholder, or a brace on its own (which is always a mistake).
_TOKEN = re.compile(r"\{\{|\}\}|\{([^{}]*)\}|[{}]")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def template_for(model, board, kind: str, defaults: dict[str, tuple[str, str]]):
    """The board's wording (a ``model`` row) for this kind of letter, saved from ``defaults`` the
    first time it is asked for."""
    from scr.services import system_user

    existing = model.objects.filter(board=board, kind=kind).first()
    if existing is not None:
        return existing
    subject, body = defaults[kind]
    template = model(board=board, kind=kind, subject=subject, body=body)
    template._history_user = system_user()
    template.full_clean()
    try:
        with transaction.atomic():
            template.save()
    except IntegrityError:
        # Someone else saved it a moment ago.
        return model.objects.get(board=board, kind=kind)
    return template


def validate_template_text(text: str, placeholders: dict[str, str]) -> None:
    """Raise ValidationError naming every unknown placeholder and stray brace in ``text``."""
    names = ", ".join(f"{{{name}}}" for name in placeholders)
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
        if match.group(1).strip() not in placeholders and token not in unknown:
            unknown.append(token)
    for token in unknown:
        if not token[1:-1].strip():
            problems.append(f"Empty braces {token} are not a placeholder. Use one of: {names}.")
        else:
            problems.append(f"Unknown placeholder {token}. Use one of: {names}.")
    if stray:
        problems.append(
            "The text has a brace with no partner. Placeholders are written in a pair of braces, "
            "for example {reference}; to print a brace itself, type it twice: {{ or }}."
        )
    if problems:
        raise ValidationError(problems)


def substitute(text: str, context: dict[str, str]) -> str:
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


def redact(text: str, name: str, replacement: str) -> str:
    """A safety net for free text: a person's full name, wherever it appears, becomes
    ``replacement`` (their code)."""
    words = (name or "").split()
    if not words:
        return text
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(word) for word in words) + r"(?!\w)"
    return re.sub(pattern, lambda _: replacement, text, flags=re.IGNORECASE)


def fill(subject: str, body: str, context: dict[str, str]) -> tuple[str, list[str]]:
    """The subject on one line and the body as paragraphs, with the placeholders filled in."""
    subject = " ".join(substitute(subject, context).split())
    body = substitute(body.replace("\r\n", "\n").replace("\r", "\n"), context)
    paragraphs = [part.strip() for part in _BLANK_LINE.split(body)]
    return subject, [part for part in paragraphs if part]


def as_pdf(parts: dict) -> bytes:
    """An A4 letter. ``parts`` holds board_name, letter_date, recipient, reference, subject,
    paragraphs and sign_off."""
    from weasyprint import HTML

    return HTML(string=render_to_string("scr/letter_pdf.html", parts)).write_pdf()


def as_docx(parts: dict) -> bytes:
    """The same letter as a Word document, for boards that print on their own letterhead."""
    from docx import Document

    document = Document()
    document.core_properties.title = parts["subject"]
    document.core_properties.author = parts["board_name"]
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
