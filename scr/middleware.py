from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control

LOGIN_AT = "login_at"


class SessionLifetimeMiddleware:
    """Ends a session 12 hours after sign-in however active it has been. (The 30-minute idle limit
    is the session cookie's own age, renewed on each request.)"""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            now = timezone.now().timestamp()
            if started is None:
                request.session[LOGIN_AT] = now
            elif now - started > settings.SESSION_ABSOLUTE_LIFETIME.total_seconds():
                logout(request)
                messages.info(request, "Your session has ended. Sign in again to carry on.")
                return redirect(reverse("login"))
        return self.get_response(request)


class NoStoreMiddleware:
    """Tells the browser not to keep anything it was sent while someone was signed in: on a shared
    office computer the back button or the disk cache would otherwise show case documents to the
    next person. A view that already says no-store keeps its own header. Static files never reach
    this: WhiteNoise answers them further up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.user.is_authenticated and "no-store" not in response.get("Cache-Control", ""):
            patch_cache_control(response, private=True, no_store=True)
        return response


# Pages a signed-in person who has not yet passed the second factor may still reach.
TWO_FACTOR_EXEMPT = {"two_factor_setup", "two_factor_verify", "logout", "healthz", "calendar_feed"}


class TwoFactorMiddleware:
    """Where two-factor is required, a signed-in user with any role must confirm a code from their
    authenticator app before reaching anything else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.OTP_REQUIRED
            and request.user.is_authenticated
            and not request.user.is_verified()
            and not request.path.startswith(settings.STATIC_URL)
        ):
            match = resolve(request.path_info)
            if match.url_name not in TWO_FACTOR_EXEMPT:
                from django_otp import user_has_device

                target = (
                    "two_factor_verify" if user_has_device(request.user) else "two_factor_setup"
                )
                return redirect(reverse(target))
        return self.get_response(request)
