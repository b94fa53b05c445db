"""The review as one lifecycle, seen by its users: the progress page's stages and tasks, and the
page where the business manager records what happened outside the product."""

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from scr import lifecycle, registry
from scr.access import Perm, get_for_user_or_404
from scr.forms import EventRecordForm
from scr.models import Review, ReviewEvent
from scr.templatetags.scr_tags import review_nav_items
from scr.views.util import apply_errors, posted

REVIEWS = Review.objects.select_related("board")


@dataclass(frozen=True)
class TaskRow:
    """One task of a stage as the progress page shows it: ``url`` is empty when it is not
    linked (the user may not open it, or it cannot start yet)."""

    id: str
    label: str
    holder: str
    url: str
    status: str  # "completed", "not_started", "cannot_start"
    done_on: date | None


@dataclass(frozen=True)
class StageRow:
    key: str
    label: str
    status: str
    status_label: str
    done_on: date | None
    tasks: list[TaskRow]


def _waiting(rule: str, facts: lifecycle.Facts) -> bool:
    """Whether an event of ``rule`` is recorded by hand and waits on something not yet done."""
    for ref in lifecycle.rule_refs(rule):
        event = lifecycle.recordable(lifecycle.ref_key(ref))
        if event and event.requires and lifecycle.rule_date(event.requires, facts) is None:
            return True
    return False


def _reachable(review: Review, user) -> set[str]:
    """The review's pages this user's navigation offers. A stage task names its page but not who
    may open it, so for anyone but the review's managers a task is linked only when its page is
    one of these (rather than linking to a page that answers "not found")."""
    urls = {entry.url for entry in review_nav_items(review, user).entries}
    for entry in registry.review_nav_entries:
        for _, _, url in entry.pages:
            found = url(review, user)
            if found:
                urls.add(found)
    return urls


def progress_stages(
    review: Review, user, facts: lifecycle.Facts, *, can_manage: bool
) -> list[StageRow]:
    """The review's stages in order with their tasks, from the facts read once."""
    reachable = None if can_manage else _reachable(review, user)
    rows = []
    for state in lifecycle.stage_states(review, facts):
        stage = registry.lifecycle_stages[state.key]
        tasks = []
        for n, (task, spec) in enumerate(zip(state.tasks, stage.tasks, strict=False)):
            if task.done_on:
                status = "completed"
            elif state.status == "cannot_start" or _waiting(spec.event, facts):
                status = "cannot_start"
            else:
                status = "not_started"
            linked = status != "cannot_start" and (reachable is None or task.url in reachable)
            tasks.append(
                TaskRow(
                    id=f"task-{state.key}-{n}",
                    label=task.label,
                    holder=task.holder,
                    url=task.url if linked else "",
                    status=status,
                    done_on=task.done_on,
                )
            )
        rows.append(
            StageRow(state.key, state.label, state.status, state.status_label, state.done_on, tasks)
        )
    return rows


@require_http_methods(["GET", "POST"])
def review_event_record(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    """Record, with its date, something that happened outside the product."""
    review = get_for_user_or_404(request, REVIEWS, Perm.MANAGE_REVIEW, pk=pk)
    event = lifecycle.recordable(key)
    if event is None:
        raise Http404("Not something recorded by hand")
    done = ReviewEvent.objects.filter(review=review, key=key).first()
    form = EventRecordForm(posted(request))
    today = timezone.localdate()
    if request.method == "POST" and form.is_valid():
        on = form.cleaned_data.get("on") or today
        try:
            lifecycle.record_by_hand(review=review, key=key, on=on, by=request.user, today=today)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{event.label}: recorded as done on {on:%-d %B %Y}.")
            return redirect("review_detail", pk=review.pk)
    waiting = ""
    if event.requires and done is None:
        if lifecycle.rule_date(event.requires, lifecycle.facts_for(review)) is None:
            waiting = lifecycle.rule_label(event.requires)
    return render(
        request,
        "scr/review_event_record.html",
        {
            "review": review,
            "event": event,
            "done": done,
            "waiting": waiting,
            "form": form,
            "back": reverse("review_detail", args=[review.pk]),
        },
    )
