from celery import shared_task
from django.core.management import call_command


@shared_task
def clear_expired_sessions() -> None:
    """Sessions older than their lifetime are deleted, so a stolen cookie dies with them."""
    call_command("clearsessions")
