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
