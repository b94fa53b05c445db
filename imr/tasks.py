"""Background work for agency reports: building a version's PDF."""

from celery import shared_task

from .models import ExportStatus, ReportExport


@shared_task
def build_report_pdf(job_id: int) -> None:
    claimed = ReportExport.objects.filter(pk=job_id, status=ExportStatus.QUEUED).update(
        status=ExportStatus.RUNNING, progress=5
    )
    if not claimed:
        return  # already taken by another worker, or gone
    from .exports import build

    build(ReportExport.objects.get(pk=job_id))
