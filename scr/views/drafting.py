"""The one way a page saves a drafted section (agency report sections, the overview report, the
executive summary, a learning summary), from its form or from the autosave script."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone

from scr.drafting import SectionConflict, conflict_message
from scr.views.util import apply_errors


@dataclass
class Draft:
    response: HttpResponse | None  # when set, the view returns it
    form: object
    conflict: object | None = None


def handle_draft(
    request: HttpRequest,
    form,
    save: Callable[[dict], object],
    *,
    remake: Callable[[dict], object],
    done: str,
    then: Callable[[object], str] | None = None,
    active: bool = True,
) -> Draft:
    """Validate and save ``form`` on a POST. Autosave gets JSON (409 on a conflict); the form gets
    a redirect, or itself again with the errors. On a conflict the form comes back over the
    newer revision with the user's own text still in the box, and the newer text beside it.
    ``remake(data)`` builds the form again from data; ``then(saved)`` says where to go next."""
    if request.method != "POST" or not active:
        return Draft(None, form)
    autosave = request.headers.get("X-Requested-With") == "autosave"
    if not form.is_valid():
        if autosave:
            return Draft(
                JsonResponse({"saved": False, "message": "The page was out of date"}, status=400),
                form,
            )
        return Draft(None, form)
    try:
        saved = save(form.cleaned_data)
    except SectionConflict as clash:
        message = conflict_message(clash.section)
        if autosave:
            return Draft(
                JsonResponse({"saved": False, "conflict": True, "message": message}, status=409),
                form,
            )
        data = request.POST.copy()
        data["revision"] = str(clash.section.revision)
        merged = remake(data)
        merged.is_valid()
        merged.add_error(None, message)
        return Draft(None, merged, clash.section)
    except ValidationError as error:
        if autosave:
            return Draft(
                JsonResponse({"saved": False, "message": " ".join(error.messages)}, status=400),
                form,
            )
        apply_errors(form, error)
        return Draft(None, form)
    if autosave:
        at = timezone.localtime(saved.saved_at).strftime("%H:%M:%S") if saved.saved_at else ""
        return Draft(JsonResponse({"saved": True, "revision": saved.revision, "at": at}), form)
    messages.success(request, done)
    return Draft(redirect(then(saved) if then else request.path), form)
