"""The integrated chronology of 5,000 rows from 10 agencies as a PDF, built by the background task."""

import subprocess
import time
from datetime import date


def run() -> dict:
    from bench._harness import manager_client
    from bench.chronology import AGENCIES, _submit_rows
    from chronology.models import ExportJob, ExportStatus
    from chronology.tasks import build_export, export_folder
    from scr import services

    board, manager, _ = manager_client()
    review = services.review_create(
        board=board, child_code="Child A", review_type="scr", started_on=date.today(), by=manager
    )
    _submit_rows(review, list(board.agencies.all()[:AGENCIES]), manager, 5000)
    job = ExportJob.objects.create(review=review, requested_by=manager, fmt="pdf")
    start = time.perf_counter()
    build_export(job.pk)
    seconds = round(time.perf_counter() - start, 1)
    job.refresh_from_db()
    assert job.status == ExportStatus.DONE, job.message
    path = export_folder() / job.stored_name
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(next(line.split()[-1] for line in info.stdout.splitlines() if "Pages:" in line))
    path.unlink()
    print(f"5000-row PDF: {seconds} s, {pages} pages")
    return {"seconds": seconds, "pages": pages}
