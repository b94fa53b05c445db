"""A version of an agency report as PDF (built in the background, with progress) and as Word,
named or anonymised. An anonymised export is refused if a real name of the review's people would
remain in it."""

from io import BytesIO
from pathlib import Path

from django.contrib import messages
from django.db import transaction
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone

from chronology.exports import NameLeak, _name_patterns, anonymise, genogram_for, leaks
from chronology.selectors import table
from scr.access import log_access, refuse
from scr.models.audit import AccessAction
from scr.storage import EXPORTS, private_folder
from scr.storage import record_progress as _step
from scr.text import blocks, to_html

from . import selectors
from .models import ExportStatus, ReportExport, ReportVersion
from .views import _version

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _scrub(value, patterns):
    if isinstance(value, str):
        return anonymise(value, patterns)
    if isinstance(value, list):
        return [_scrub(v, patterns) for v in value]
    if isinstance(value, dict):
        return {k: _scrub(v, patterns) for k, v in value.items()}
    return value


def document(version: ReportVersion, anonymised: bool) -> dict:
    """Everything an export prints, with names replaced by codes when ``anonymised``."""
    report = version.report
    review = report.review
    content = version.content
    signed = {"name": version.signed_off_name, "title": version.signed_off_title}
    if anonymised:
        # Staff who wrote and signed the report are named by their role, not their name.
        content = {**content, "declared_by": "The author" if content.get("declared_by") else ""}
        signed = {"name": "The senior manager", "title": signed["title"]}
        patterns = _name_patterns(review)
        content = _scrub(content, patterns)
        signed = _scrub(signed, patterns)
        found = leaks([*selectors.version_texts(content), *signed.values()], review)
        if found:
            raise NameLeak(", ".join(sorted(set(found))))
    columns = review.board.chronology_columns
    return {
        "title": f"{review.board.agency_report_name[:1].upper()}"
        f"{review.board.agency_report_name[1:]} of {content['agency']}",
        "board": review.board,
        "review": review,
        "version": version,
        "content": content,
        "signed": signed,
        "sections": [{**s, "html": to_html(s["text"])} for s in content["sections"]],
        "columns": columns,
        "chronology": table(content["chronology"], columns),
        "genogram": genogram_for(review),
        "anonymised": anonymised,
        "generated": timezone.localtime(),
    }


def as_pdf(doc: dict) -> tuple[bytes, int]:
    from weasyprint import HTML

    rendered = HTML(string=render_to_string("imr/report_pdf.html", doc)).render()
    return rendered.write_pdf(), len(rendered.pages)


def as_docx(doc: dict) -> bytes:
    from docx import Document

    word = Document()
    word.core_properties.title = doc["title"]
    word.core_properties.author = doc["board"].name
    word.add_heading(doc["title"], level=0)
    word.add_paragraph(
        f"{doc['review'].reference} ({doc['review'].child_code}). {doc['version'].label}."
    )
    word.add_heading("Declaration of independence", level=1)
    content = doc["content"]
    if content.get("declared_on"):
        word.add_paragraph(
            f"{content['declared_by']} declared on {content['declared_on']} that they had no part "
            "in the case or in managing the staff who worked on it."
        )
    word.add_heading("Sign-off", level=1)
    word.add_paragraph(
        f"Signed off by {doc['signed']['name']}, {doc['signed']['title']}, on "
        f"{doc['version'].signed_off_on:%d %B %Y}."
    )
    for section in doc["sections"]:
        word.add_heading(section["title"], level=1)
        for kind, value in blocks(section["text"]):
            if kind == "heading":
                level, text = value
                word.add_heading(text, level=min(level + 1, 4))
            elif kind == "bullet":
                word.add_paragraph(value, style="List Bullet")
            elif kind == "number":
                word.add_paragraph(value, style="List Number")
            elif kind == "table" and value:
                width = max(len(row) for row in value)
                grid = word.add_table(rows=0, cols=width)
                grid.style = "Table Grid"
                for row in value:
                    cells = grid.add_row().cells
                    for cell, text in zip(cells, row, strict=False):
                        cell.text = text
            else:
                word.add_paragraph(value)
    if content["recommendations"]:
        word.add_heading("Recommendations and actions", level=1)
        for n, rec in enumerate(content["recommendations"], start=1):
            word.add_paragraph(f"{n}. {rec['text']}")
            word.add_paragraph(
                f"Action: {rec['action']} Lead: {rec['lead']}. By {rec['target_date']}. "
                f"Measure: {rec['success_measure']} Outcome for children: "
                f"{rec['intended_outcome']}"
            )
    if doc["chronology"]:
        word.add_heading("Appendix: the agency's chronology", level=1)
        grid = word.add_table(rows=1, cols=len(doc["columns"]))
        grid.style = "Table Grid"
        for cell, column in zip(grid.rows[0].cells, doc["columns"], strict=True):
            cell.text = column["label"]
        for line in doc["chronology"]:
            for cell, text in zip(grid.add_row().cells, line, strict=True):
                cell.text = text
    buffer = BytesIO()
    word.save(buffer)
    return buffer.getvalue()


def export_folder() -> Path:
    return private_folder(EXPORTS).path


def _file_name(version: ReportVersion, anonymised: bool, fmt: str) -> str:
    agency = "".join(c if c.isalnum() else "-" for c in version.report.agency.name)[:40]
    suffix = "-anonymised" if anonymised else ""
    return f"{version.report.review.reference}-{agency}-v{version.number}{suffix}.{fmt}"


def _leak_message(leak: NameLeak) -> str:
    return (
        f"The anonymised export was stopped: a real name of {leak} still appears in the report. "
        "Check how their name is spelled on the people and codes page."
    )


def version_export(
    request: HttpRequest, pk: int, agency_pk: int, number: int, fmt: str
) -> HttpResponse:
    version = _version(request, pk, agency_pk, number)
    if fmt not in CONTENT_TYPES:
        raise refuse(request, ReportVersion, {"pk": version.pk})
    anonymised = request.GET.get("anonymised") == "1"
    if fmt == "pdf":
        job = ReportExport.objects.create(
            version=version, requested_by=request.user, anonymised=anonymised
        )
        from .tasks import build_report_pdf

        transaction.on_commit(lambda: build_report_pdf.delay(job.pk))
        return redirect("imr_export_job", pk=pk, agency_pk=agency_pk, number=number, job_pk=job.pk)
    try:
        doc = document(version, anonymised)
    except NameLeak as leak:
        messages.error(request, _leak_message(leak))
        return redirect("imr_version", pk=pk, agency_pk=agency_pk, number=number)
    label = "anonymised" if anonymised else "named"
    log_access(
        request,
        AccessAction.DOWNLOAD,
        version.report,
        review=version.report.review,
        description=f"{version.label}, {label} (docx)",
    )
    response = HttpResponse(as_docx(doc), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = (
        f'attachment; filename="{_file_name(version, anonymised, fmt)}"'
    )
    return response


def _job(request: HttpRequest, version: ReportVersion, job_pk: int) -> ReportExport:
    job = ReportExport.objects.filter(version=version, pk=job_pk, requested_by=request.user).first()
    if job is None:
        raise refuse(request, ReportExport, {"pk": job_pk})
    return job


def export_job(request: HttpRequest, pk: int, agency_pk: int, number: int, job_pk: int):
    version = _version(request, pk, agency_pk, number)
    job = _job(request, version, job_pk)
    return render(
        request,
        "imr/export_job.html",
        {"review": version.report.review, "report": version.report, "version": version, "job": job},
    )


def export_download(request: HttpRequest, pk: int, agency_pk: int, number: int, job_pk: int):
    version = _version(request, pk, agency_pk, number)
    job = _job(request, version, job_pk)
    path = private_folder(EXPORTS).file(job.stored_name)
    if job.status != ExportStatus.DONE or path is None:
        raise refuse(request, ReportExport, {"pk": job_pk})
    label = "anonymised" if job.anonymised else "named"
    log_access(
        request,
        AccessAction.DOWNLOAD,
        version.report,
        review=version.report.review,
        description=f"{version.label}, {label} (pdf)",
    )
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=_file_name(version, job.anonymised, "pdf"),
        content_type=CONTENT_TYPES["pdf"],
    )


def build(job: ReportExport) -> None:
    """Build the job's PDF, recording progress as it goes."""
    version = ReportVersion.objects.select_related("report__review__board", "report__agency").get(
        pk=job.version_id
    )
    try:
        doc = document(version, job.anonymised)
    except NameLeak as leak:
        _step(
            job,
            100,
            status=ExportStatus.FAILED,
            finished_at=timezone.now(),
            message=_leak_message(leak)[:400],
        )
        return
    _step(job, 30)
    content, pages = as_pdf(doc)
    stored = private_folder(EXPORTS).write(content, "pdf")
    _step(
        job,
        100,
        status=ExportStatus.DONE,
        stored_name=stored,
        pages=pages,
        finished_at=timezone.now(),
    )
