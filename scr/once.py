"""Every form is safe to submit twice. Each HTML page served to a signed-in person gets a fresh
token in every form that posts (``_once``); the first post carrying it claims the token and, if it
succeeds (a redirect), records where it led. A second post with the same token, a double click
or the same form sent twice at once, waits for the first to finish and is sent where it went,
with a message, instead of doing the thing again. A post that failed (the form shown again with
its errors) releases its token, so the corrected form can be sent."""

import re
import time
import uuid
from datetime import timedelta

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponseRedirect
from django.utils import timezone

from scr.models import Submission

FIELD = "_once"
_FORM = re.compile(rb"(<form\b[^>]*\bmethod=[\"']?post[\"']?[^>]*>)", re.IGNORECASE)
_HIDDEN = b'<input type="hidden" name="' + FIELD.encode() + b'" value="%s">'
WAIT_SECONDS = 15
KEEP = timedelta(days=1)


def _with_tokens(content: bytes) -> bytes:
    def add(match):
        token = uuid.uuid4().hex.encode()
        return match.group(1) + _HIDDEN % token

    return _FORM.sub(add, content)


def _claim(request, token: uuid.UUID) -> Submission | None:
    """The earlier submission of this token, or None when this request has claimed it."""
    try:
        with transaction.atomic():
            Submission.objects.create(token=token, user=request.user, path=request.path[:500])
        return None
    except IntegrityError:
        return Submission.objects.filter(token=token).first()


def _wait(token: uuid.UUID) -> Submission | None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        earlier = Submission.objects.filter(token=token).first()
        if earlier is None or earlier.finished:
            return earlier
        time.sleep(0.1)
    return Submission.objects.filter(token=token).first()


class OnceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = self._token(request)
        if token is not None:
            earlier = _claim(request, token)
            if earlier is not None and not earlier.finished:
                earlier = _wait(token)
                if earlier is None:  # the first attempt was refused: this one is judged afresh
                    earlier = _claim(request, token)
            if earlier is not None:
                return self._again(request, earlier)
            response = self.get_response(request)
            self._finish(token, response)
        else:
            response = self.get_response(request)
        if (
            request.user.is_authenticated
            and response.get("Content-Type", "").startswith("text/html")
            and not getattr(response, "streaming", False)
        ):
            response.content = _with_tokens(response.content)
            if response.has_header("Content-Length"):
                response["Content-Length"] = str(len(response.content))
        return response

    @staticmethod
    def _token(request) -> uuid.UUID | None:
        if request.method != "POST" or not request.user.is_authenticated:
            return None
        if request.headers.get("X-Requested-With"):  # autosave and polling: not a submission
            return None
        try:
            return uuid.UUID(request.POST.get(FIELD, ""))
        except ValueError:
            return None

    @staticmethod
    def _finish(token: uuid.UUID, response) -> None:
        if isinstance(response, HttpResponseRedirect) and response.status_code in (301, 302, 303):
            Submission.objects.filter(token=token).update(
                location=response["Location"][:500], finished=True
            )
        else:  # refused, shown again with its errors: the corrected form may be sent
            Submission.objects.filter(token=token, finished=False).delete()
        if uuid.uuid4().int % 100 == 0:  # now and then, forget day-old tokens
            Submission.objects.filter(created_at__lt=timezone.now() - KEEP).delete()

    @staticmethod
    def _again(request, earlier: Submission):
        if not earlier.finished or earlier.user_id != request.user.pk:
            # Still running after the wait, or not this person's: show the page afresh.
            messages.info(request, "That form was already sent. Check the page before sending again.")
            return HttpResponseRedirect(request.path)
        messages.info(request, "That was already done: this is the result.")
        return HttpResponseRedirect(earlier.location or request.path)
