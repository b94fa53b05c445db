from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions() -> None:
    """Sessions older than their lifetime are deleted, so a stolen cookie dies with them."""
    call_command("clearsessions")


@shared_task(acks_late=True)
def sweep_deadlines() -> int:
    """Remind people of deadlines coming up, due today and overdue; each reminder goes once."""
    from scr.deadlines import sweep

    return sweep()


@shared_task
def build_bundle(bundle_id: int) -> None:
    """Assemble a review's submission bundle (one indexed PDF and a .zip of the parts)."""
    from scr.bundle import build_claimed

    build_claimed(bundle_id)


@shared_task(acks_late=True)
def retention_sweep() -> int:
    """Put each completed review's destruction dates on the deadline engine, so the business
    manager is reminded when records fall due and confirms their destruction."""
    from scr.retention import schedule_all

    return schedule_all()
