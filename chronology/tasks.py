"""Background work for chronologies: building large exports."""

import uuid
from pathlib import Path

from celery import shared_task
from django.utils import timezone

from scr.storage import EXPORTS, private_folder
from scr.storage import record_progress as _step

from .models import ExportJob, ExportStatus


def export_folder() -> Path:
    return private_folder(EXPORTS).path


@shared_task
def build_export(job_id: int) -> None:
    from .exports import RENDERERS, NameLeak, _sheet

    claimed = ExportJob.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, progress=5
    )
    if not claimed:
        return  # already taken by another worker, or gone
    job = ExportJob.objects.select_related("review__board").get(pk=job_id)
    try:
        sheet = _sheet(job.review, job.anonymised)
        _step(job, 30)
        content = RENDERERS[job.fmt](sheet)
    except NameLeak as leak:
        _step(
            job,
            100,
            status=ExportStatus.FAILED,
            finished_at=timezone.now(),
            message=f"A real name of {leak} would still appear in the anonymised export.",
        )
        return
    stored = f"{uuid.uuid4().hex}.{job.fmt}"
    (export_folder() / stored).write_bytes(content)
    _step(job, 100, status=ExportStatus.DONE, stored_name=stored, finished_at=timezone.now())
