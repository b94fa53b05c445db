"""An agency report: the autosave round trip of one section, and the PDF of a 50-page report built
by the background task."""

import statistics
import subprocess
import time
from datetime import date

PARAGRAPH = (
    "The health visitor saw the child at home and recorded that the mother seemed low. The "
    "record does not say whether the child's views were sought, nor whether the concern was "
    "shared with the GP. Supervision notes from the time show a caseload well above the "
    "service's own limit, which the team manager had escalated twice. "
)


def _report():
    from bench._harness import manager_client
    from imr import services
    from scr import services as core
    from scr.models import ReviewRoleKind

    board, manager, client = manager_client()
    review = core.review_create(
        board=board, child_code="Child A", review_type="scr", started_on=date.today(), by=manager
    )
    agency = board.agencies.get(discipline="police")
    core.review_role_assign(
        review=review, user=manager, role=ReviewRoleKind.IMR_AUTHOR, agency=agency, by=manager
    )
    return client, manager, services.report_for(review=review, agency=agency, by=manager)


def _autosave(client, report) -> float:
    from django.urls import reverse

    section = report.sections.get(key="analysis")
    url = reverse("imr_section", args=[report.review_id, report.agency_id, section.key])
    text = PARAGRAPH * 40  # a long section, about 2,400 words
    timings, revision = [], 0
    for n in range(30):
        start = time.perf_counter()
        response = client.post(
            url,
            {"text": f"{text} Edit {n}.", "revision": revision},
            HTTP_X_REQUESTED_WITH="autosave",
        )
        timings.append((time.perf_counter() - start) * 1000)
        assert response.status_code == 200, response.content[:200]
        revision = response.json()["revision"]
    return round(statistics.median(timings[3:]), 1)


def _fifty_pages(report, by) -> None:
    from imr import services

    for section in report.sections.all():
        body = "\n\n".join(
            f"## Part {n}\n\n{PARAGRAPH * 3}\n\n- One point\n- Another point" for n in range(13)
        )
        services.section_save(
            section=section, by=by, text=body, revision=section.revision, answers=None
        )


def run() -> dict:
    from imr import services
    from imr.exports import export_folder
    from imr.models import ExportStatus, ReportExport
    from imr.rules import EVALUATION_CHECKLIST
    from imr.tasks import build_report_pdf

    client, manager, report = _report()
    autosave_ms = _autosave(client, report)
    _fifty_pages(report, manager)
    services.declare(report=report, by=manager, on=date.today())
    services.submit(report=report, by=manager)
    version = services.manager_sign_off(
        report=report,
        by=manager,
        checklist={k: True for k, _ in EVALUATION_CHECKLIST},
        comments="",
        name="Bench Manager",
        title="Director",
        on=date.today(),
        today=date.today(),
    )
    job = ReportExport.objects.create(version=version, requested_by=manager)
    start = time.perf_counter()
    build_report_pdf(job.pk)
    pdf_seconds = round(time.perf_counter() - start, 1)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.message
    path = export_folder() / job.stored_name
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(next(line.split()[-1] for line in info.stdout.splitlines() if "Pages:" in line))
    path.unlink()
    print(f"autosave {autosave_ms} ms median; {pages}-page PDF in {pdf_seconds} s")
    return {"autosave_median_ms": autosave_ms, "pdf_seconds": pdf_seconds, "pages": pages}
