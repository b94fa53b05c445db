import base64
import hashlib
import logging

import segno
from axes.helpers import get_client_ip_address
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.views.decorators.http import require_http_methods
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from scr.forms import NewPasswordForm, ResetRequestForm, SignInForm, TokenForm
from scr.lockout import normalise_username
from scr.middleware import LOGIN_AT
from scr.views.util import posted

log = logging.getLogger(__name__)

# Password-reset requests allowed in an hour, for one email address and from one client.
RESETS_PER_ADDRESS = 3
RESETS_PER_CLIENT = 10
RESET_WINDOW_SECONDS = 60 * 60


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        self.request.session[LOGIN_AT] = timezone.now().timestamp()
        return response


@require_http_methods(["GET", "POST"])
def sign_out(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        logout(request)
        messages.success(request, "You have signed out.")
        return redirect("login")
    return render(request, "registration/logout_confirm.html")


class ResetRequestView(auth_views.PasswordResetView):
    """Sends the link only while the address and the client are within their hourly limits, and
    answers the same either way, as it does for an unknown address, so the page tells no one
    whether an email went or whether an account exists."""

    form_class = ResetRequestForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        address = normalise_username(form.cleaned_data["email"])
        digest = hashlib.sha256(address.encode()).hexdigest()  # no addresses in the cache
        within = [
            _count_within(f"password-reset:address:{digest}", RESETS_PER_ADDRESS),
            _count_within(
                f"password-reset:client:{get_client_ip_address(self.request)}", RESETS_PER_CLIENT
            ),
        ]
        if all(within):
            return super().form_valid(form)
        log.warning("Password reset not sent: the hourly limit for the address or client is met")
        return HttpResponseRedirect(self.get_success_url())


def _count_within(key: str, limit: int) -> bool:
    """Count one more request against ``key`` for the hour from its first; True while the count is
    within ``limit``."""
    cache.add(key, 0, timeout=RESET_WINDOW_SECONDS)
    try:
        count = cache.incr(key)
    except ValueError:  # the hour ran out between add() and incr()
        cache.add(key, 1, timeout=RESET_WINDOW_SECONDS)
        count = 1
    return count <= limit


class ResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "registration/password_reset_done.html"


class ResetConfirmView(auth_views.PasswordResetConfirmView):
    # The new password does not sign the person in: they still pass the second factor.
    form_class = NewPasswordForm
    post_reset_login = False
    template_name = "registration/password_reset_confirm.html"
    success_url = reverse_lazy("password_reset_complete")


class ResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "registration/password_reset_complete.html"


@require_http_methods(["GET", "POST"])
def two_factor_setup(request: HttpRequest) -> HttpResponse:
    """Pair an authenticator app: show the secret as a QR code and as text, then confirm a code."""
    if any(d.confirmed for d in devices_for_user(request.user)):
        return redirect("two_factor_verify")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(
            user=request.user, name="Authenticator app", confirmed=False
        )
    form = TokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            messages.success(request, "Two-factor authentication is set up.")
            return redirect("home")
        form.add_error(
            "token", "The code is not right. Wait a few seconds, then enter the newest code"
        )
    qr = segno.make(device.config_url, error="m")
    key = base64.b32encode(device.bin_key).decode().rstrip("=")
    secret = " ".join(key[i : i + 4] for i in range(0, len(key), 4))  # readable in groups
    return render(
        request,
        "registration/two_factor_setup.html",
        {"form": form, "qr_svg": qr.svg_data_uri(scale=4), "secret": secret},
    )


@require_http_methods(["GET", "POST"])
def two_factor_verify(request: HttpRequest) -> HttpResponse:
    devices = [d for d in devices_for_user(request.user) if d.confirmed]
    if not devices:
        return redirect("two_factor_setup")
    form = TokenForm(posted(request))
    if request.method == "POST" and form.is_valid():
        for device in devices:
            if device.verify_is_allowed()[0] and device.verify_token(form.cleaned_data["token"]):
                otp_login(request, device)
                return redirect(request.GET.get("next") or "home")
        form.add_error(
            "token", "The code is not right. Wait a few seconds, then enter the newest code"
        )
    return render(request, "registration/two_factor_verify.html", {"form": form})


@login_not_required
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
