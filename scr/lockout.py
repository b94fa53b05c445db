"""The sign-in lockout (django-axes): one form of each email address, and a limit per client.

Sign-in matches an address whatever its case and surrounding spaces, so the lockout counts the
address in one form only: otherwise `Name@...`, `NAME@...` and `name@... ` would each get their own
five guesses. Axes has one failure limit for all its lockout parameters; a second, higher limit for
one client across every address (an office shares one address, so it cannot be five) is a handler,
as axes' maintainers suggest (jazzband/django-axes#661)."""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


def normalise_username(value: str) -> str:
    """The one form of an email address that sign-in and the lockout both use. `lower()` rather than
    `casefold()`, as the addresses are stored: casefold turns ß into ss and would miss the account."""
    return value.strip().lower()


def lockout_username(request: HttpRequest, credentials: dict | None) -> str | None:
    """AXES_USERNAME_CALLABLE: the address axes counts failures against."""
    field = settings.AXES_USERNAME_FORM_FIELD
    raw = (credentials or {}).get(field) or request.POST.get(field)
    return normalise_username(raw) if raw else None


class LoginFailureHandler(AxesDatabaseHandler):
    """Axes' database handler, also locking a client out once its failures across all addresses
    reach LOGIN_FAILURE_LIMIT_PER_CLIENT within the cool-off time. A successful sign-in still clears
    only that address's failures from that client (AXES_LOCKOUT_PARAMETERS), so signing in to one's
    own account does not wipe the count of guesses at others."""

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        failures = super().get_failures(request, credentials)
        if self.client_failures(request) >= settings.LOGIN_FAILURE_LIMIT_PER_CLIENT:
            # Axes compares this number with its one limit, in is_locked and user_login_failed.
            return max(failures, get_failure_limit(request, credentials))
        return failures

    def client_failures(self, request: HttpRequest) -> int:
        recent = AccessAttempt.objects.filter(
            ip_address=request.axes_ip_address,
            attempt_time__gte=get_cool_off_threshold(request),
        )
        return recent.aggregate(n=Sum("failures_since_start"))["n"] or 0
