"""The integrated chronology as PDF, Excel and Word (named or anonymised), and drawn as a timeline
and a genogram."""

import re
from datetime import date
from io import BytesIO

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from scr.access import log_access, refuse
from scr.models import Review
from scr.models.audit import AccessAction
from scr.spreadsheets import append_row, write_rows

from . import selectors
from .models import PersonKind, RelationshipKind
from .views import _panel_review

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class NameLeak(Exception):
    """An anonymised export would still carry a real name."""


def _name_patterns(review) -> list[tuple[re.Pattern, str]]:
    """Each person's full name, then each part of it, to be replaced by their code; longest
    first, so "Jo Smith" becomes "Parent 1" rather than "Jo Parent 1"."""
    pairs = []
    for person in review.people.all():
        words = person.name.split()
        if words:
            pairs.append((r"\s+".join(re.escape(w) for w in words), person.code))
        for word in words:
            if len(word.strip(".")) > 1:
                pairs.append((re.escape(word), person.code))
    pairs.sort(key=lambda pair: -len(pair[0]))
    return [(re.compile(rf"(?<!\w){p}(?!\w)", re.IGNORECASE), code) for p, code in pairs]


def anonymise(text: str, patterns) -> str:
    for pattern, code in patterns:
        text = pattern.sub(code, text)
    return text


def leaks(texts, review) -> list[str]:
    """The codes of people whose real name (or part of it) still appears in any of ``texts``."""
    found = []
    blob = "\n".join(texts)
    for person in review.people.all():
        for word in [person.name, *person.name.split()]:
            word = word.strip()
            if len(word.strip(".")) > 1 and re.search(
                rf"(?<!\w){re.escape(word)}(?!\w)", blob, re.IGNORECASE
            ):
                found.append(person.code)
                break
    return found


def _sheet(review, anonymised: bool) -> dict:
    merged = selectors.integrated(review)
    columns = [{"key": "agency", "label": "Agency"}, *review.board.chronology_columns]
    body = [
        [row["agency"], *cells]
        for row, cells in zip(
            merged.rows, selectors.table(merged.rows, review.board.chronology_columns), strict=True
        )
    ]
    title = f"Integrated chronology, {review.reference} ({review.child_code})"
    if anonymised:
        patterns = _name_patterns(review)
        body = [[anonymise(text, patterns) for text in line] for line in body]
        leaked = leaks([title, *(text for line in body for text in line)], review)
        if leaked:
            raise NameLeak(", ".join(sorted(set(leaked))))
    return {
        "title": title,
        "reference": review.reference,
        "headers": [c["label"] for c in columns],
        "rows": body,
        "anonymised": anonymised,
        "generated": timezone.localtime(),
        "board_name": review.board.name,
    }


def as_pdf(sheet: dict) -> bytes:
    from weasyprint import HTML

    return HTML(string=render_to_string("chronology/export_pdf.html", sheet)).write_pdf()


def as_xlsx(sheet: dict) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    page = book.active
    page.title = "Chronology"
    append_row(page, [sheet["title"]])
    page["A1"].font = Font(bold=True, size=14)
    append_row(page, sheet["headers"])
    for cell in page[2]:
        cell.font = Font(bold=True)
    write_rows(page, sheet["rows"])
    for row in page.iter_rows(min_row=3):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    page.freeze_panes = "A3"
    page.print_title_rows = "2:2"
    book.properties.creator = sheet["board_name"]
    book.properties.title = sheet["title"]
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def as_docx(sheet: dict) -> bytes:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = Document()
    section = document.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = section.page_height, section.page_width
    document.core_properties.title = sheet["title"]
    document.core_properties.author = sheet["board_name"]
    document.add_heading(sheet["title"], level=1)
    table = document.add_table(rows=1, cols=len(sheet["headers"]))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, sheet["headers"], strict=True):
        cell.text = text
        cell.paragraphs[0].runs[0].bold = True
    header = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header.append(repeat)
    for line in sheet["rows"]:
        cells = table.add_row().cells
        for cell, text in zip(cells, line, strict=True):
            cell.text = text
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


RENDERERS = {"pdf": as_pdf, "xlsx": as_xlsx, "docx": as_docx}
# Longer chronologies are built in the background, with progress shown, rather than while the
# user's browser waits.
BACKGROUND_ROWS = 400


def chronology_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    review = _panel_review(request, pk)
    if fmt not in CONTENT_TYPES:
        raise refuse(request, Review, {"pk": pk})
    anonymised = request.GET.get("anonymised") == "1"
    if fmt == "pdf" and selectors.integrated(review).total > BACKGROUND_ROWS:
        from django.db import transaction

        from .models import ExportJob
        from .tasks import build_export

        job = ExportJob.objects.create(
            review=review, requested_by=request.user, fmt=fmt, anonymised=anonymised
        )
        transaction.on_commit(lambda: build_export.delay(job.pk))
        return redirect("chronology_export_job", pk=pk, job_pk=job.pk)
    try:
        sheet = _sheet(review, anonymised)
    except NameLeak as leak:
        messages.error(
            request,
            "The anonymised export was stopped: a real name of "
            f"{leak} still appears in it. Check the spelling of their name on the people and "
            "codes page, or edit the row that carries it.",
        )
        return redirect("review_chronology", pk=pk)
    content = RENDERERS[fmt](sheet)
    label = "anonymised" if anonymised else "named"
    log_access(
        request,
        AccessAction.EXPORT,
        review,
        description=f"Integrated chronology, {label} ({fmt})",
    )
    response = HttpResponse(content, content_type=CONTENT_TYPES[fmt])
    name = f"{review.reference}-chronology{'-anonymised' if anonymised else ''}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def timeline(request: HttpRequest, pk: int) -> HttpResponse:
    from .drawing import TimelineEvent, timeline_svg

    review = _panel_review(request, pk)
    merged = selectors.integrated(review)
    start, end = _day(request.GET.get("start")), _day(request.GET.get("end"))
    if start and end and end < start:
        start, end = end, start
    events = [
        TimelineEvent(
            day=date.fromisoformat(row["sort_date"]),
            lane=row["agency"],
            label=f"{row['date_label']}: {row['event'][:80]}",
            approximate=row["precision"] != "exact",
            child_seen=row["child_seen"] in ("yes", "alone"),
            child_seen_alone=row["child_seen"] == "alone",
            good_practice=row["good_practice"],
            concern=row["concern"],
            href=f"../?entry={row['id']}#entry-{row['id']}",
        )
        for row in merged.rows
        if row["sort_date"]
    ]
    svg = timeline_svg(
        events,
        start=start,
        end=end,
        lanes=[name for _, name in merged.agencies],
        title=f"Timeline of {review.reference}",
    )
    return render(
        request,
        "chronology/timeline.html",
        {"review": review, "svg": svg, "start": start, "end": end, "count": len(events)},
    )


def genogram_for(review) -> str:
    """The family's genogram as SVG, from the review's people and relationships."""
    from .drawing import ParentChild, Person, Union, genogram_svg

    people = list(review.people.filter(kind=PersonKind.FAMILY))
    keys = {p.pk: f"p{p.pk}" for p in people}
    relationships = [r for r in review.relationships.all() if r.a_id in keys and r.b_id in keys]
    return genogram_svg(
        [
            Person(
                key=keys[p.pk],
                code=p.code,
                sex=p.sex,
                born=p.born_on,
                died=p.died_on,
                subject=p.is_subject,
                in_household=p.in_household,
                twin_group=p.twin_group,
            )
            for p in people
        ],
        [
            Union(a=keys[r.a_id], b=keys[r.b_id], kind=r.kind)
            for r in relationships
            if r.kind != RelationshipKind.PARENT
        ],
        [
            ParentChild(parent=keys[r.a_id], child=keys[r.b_id])
            for r in relationships
            if r.kind == RelationshipKind.PARENT
        ],
        title=f"Genogram of {review.child_code}'s family",
    )


def genogram(request: HttpRequest, pk: int) -> HttpResponse:
    review = _panel_review(request, pk)
    people = list(review.people.filter(kind=PersonKind.FAMILY))
    return render(
        request,
        "chronology/genogram.html",
        {"review": review, "svg": genogram_for(review), "people": people},
    )


def _job(request: HttpRequest, review, job_pk: int):
    from .models import ExportJob

    job = ExportJob.objects.filter(review=review, pk=job_pk, requested_by=request.user).first()
    if job is None:
        raise refuse(request, ExportJob, {"pk": job_pk})
    return job


def export_job(request: HttpRequest, pk: int, job_pk: int) -> HttpResponse:
    review = _panel_review(request, pk)
    job = _job(request, review, job_pk)
    return render(request, "chronology/export_job.html", {"review": review, "job": job})


def export_job_download(request: HttpRequest, pk: int, job_pk: int) -> HttpResponse:
    from django.http import FileResponse

    from scr.storage import EXPORTS, private_folder

    from .models import ExportStatus

    review = _panel_review(request, pk)
    job = _job(request, review, job_pk)
    path = private_folder(EXPORTS).file(job.stored_name)
    if job.status != ExportStatus.DONE or path is None:
        raise refuse(request, type(job), {"pk": job_pk})
    label = "anonymised" if job.anonymised else "named"
    log_access(
        request,
        AccessAction.DOWNLOAD,
        review,
        description=f"Integrated chronology, {label} ({job.fmt})",
    )
    name = f"{review.reference}-chronology{'-anonymised' if job.anonymised else ''}.{job.fmt}"
    return FileResponse(
        path.open("rb"), as_attachment=True, filename=name, content_type=CONTENT_TYPES[job.fmt]
    )
