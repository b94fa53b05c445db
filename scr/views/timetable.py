from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from scr import lifecycle, services
from scr.access import Perm, can, get_for_user_or_404, refuse
from scr.forms import (
    DeadlineForm,
    ExtensionDecisionForm,
    ExtensionRequestForm,
    MilestoneDoneForm,
    MilestoneUndoForm,
)
from scr.models import Deadline, ExtensionRequest, ExtensionStatus, Review
from scr.views.util import apply_errors, posted

REVIEWS = Review.objects.select_related("board")


def review_timetable(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_for_user_or_404(request, REVIEWS, Perm.VIEW_REVIEW, pk=pk)
    today = timezone.localdate()
    deadlines = list(review.deadlines.order_by("due_on", "pk"))
    moved = {}
    for record in Deadline.history.filter(id__in=[d.pk for d in deadlines]).order_by(
        "history_date"
    ):
        moved.setdefault(record.id, [])
        if not moved[record.id] or moved[record.id][-1] != record.due_on:
            moved[record.id].append(record.due_on)
    for deadline in deadlines:
        deadline.earlier_dates = moved.get(deadline.pk, [])[:-1]
        deadline.state, deadline.state_words = lifecycle.milestone_state(deadline, today)
        deadline.by_hand, deadline.completed_by = _completed_by(review, deadline)
    extensions = list(review.extensions.select_related("requested_by"))
    extended = any(e.status == ExtensionStatus.AGREED for e in extensions)
    return render(
        request,
        "scr/review_timetable.html",
        {
            "review": review,
            "deadlines": deadlines,
            "extensions": extensions,
            "can_manage": can(request.user, Perm.MANAGE_REVIEW, review),
            "ofsted_date": lifecycle.ofsted_date(review),
            "past_ofsted": lifecycle.past_ofsted_time(review, today, extended=extended),
        },
    )


def _completed_by(review: Review, deadline: Deadline) -> tuple[bool, str]:
    """(marked done by hand?, what completes it, in words)."""
    if lifecycle.is_milestone(review, deadline):
        rule = lifecycle.milestone_rule(review, deadline)
        return (False, lifecycle.rule_label(rule)) if rule else (True, "Marked done by hand")
    if deadline.key == lifecycle.COMPLETION:
        path = lifecycle.path_of(review)
        return False, lifecycle.rule_label(path[-1].done_when) if path else ""
    return False, "Recorded on its own page"


def _hand_milestone_page(request, pk, deadline_pk, *, form_class, act, done, template):
    """A page that marks a hand milestone done or takes it back: the form, checked against the
    version the page showed, ``act(review, deadline, data)`` (the lifecycle's own refusals go
    to the error summary), and back to the timetable with ``done(deadline, data)``."""
    review = get_for_user_or_404(request, REVIEWS, Perm.MANAGE_REVIEW, pk=pk)
    deadline = review.deadlines.filter(pk=deadline_pk).first()
    if deadline is None or not lifecycle.is_milestone(review, deadline):
        raise refuse(request, Deadline, {"pk": deadline_pk})
    form = form_class(posted(request), version=services.version_of(deadline))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.check_version(deadline, form.cleaned_data["version"] or None)
                act(review, deadline, form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done(deadline, form.cleaned_data))
            return redirect("review_timetable", pk=review.pk)
    rule = lifecycle.milestone_rule(review, deadline)
    return render(
        request,
        template,
        {
            "review": review,
            "deadline": deadline,
            "form": form,
            "today": timezone.localdate(),
            "rule_label": lifecycle.rule_label(rule) if rule else "",
        },
    )


@require_http_methods(["GET", "POST"])
def milestone_done(request: HttpRequest, pk: int, deadline_pk: int) -> HttpResponse:
    """Mark done a milestone that no recorded event completes, with the day it was done."""

    def mark(review, deadline, data):
        lifecycle.milestone_mark_done(
            review=review, deadline=deadline, on=_on(data), by=request.user
        )

    return _hand_milestone_page(
        request,
        pk,
        deadline_pk,
        form_class=MilestoneDoneForm,
        act=mark,
        done=lambda d, data: f"{d.label}: marked as done on {_on(data):%-d %B %Y}.",
        template="scr/milestone_done.html",
    )


@require_http_methods(["GET", "POST"])
def milestone_undo(request: HttpRequest, pk: int, deadline_pk: int) -> HttpResponse:
    """Take back a milestone marked done by hand, after a confirmation."""
    return _hand_milestone_page(
        request,
        pk,
        deadline_pk,
        form_class=MilestoneUndoForm,
        act=lambda review, deadline, data: lifecycle.milestone_undo(
            review=review, deadline=deadline, by=request.user
        ),
        done=lambda d, data: f"{d.label} is no longer marked as done.",
        template="scr/milestone_undo.html",
    )


def _on(data):
    return data.get("on") or timezone.localdate()


@require_http_methods(["GET", "POST"])
def deadline_edit(request: HttpRequest, pk: int, deadline_pk: int) -> HttpResponse:
    review = get_for_user_or_404(request, REVIEWS, Perm.MANAGE_REVIEW, pk=pk)
    deadline = review.deadlines.filter(pk=deadline_pk).first()
    if deadline is None:
        raise refuse(request, Deadline, {"pk": deadline_pk})
    form = DeadlineForm(
        posted(request),
        version=services.version_of(deadline),
        initial={"due_on": deadline.due_on},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.deadline_move(
                deadline=deadline,
                due_on=form.cleaned_data["due_on"],
                by=request.user,
                version=form.cleaned_data["version"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{deadline.label} is now due on {deadline.due_on:%d %B %Y}.")
            return redirect("review_timetable", pk=review.pk)
    return render(
        request, "scr/deadline_edit.html", {"review": review, "deadline": deadline, "form": form}
    )


@require_http_methods(["GET", "POST"])
def extension_request(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_for_user_or_404(request, REVIEWS, Perm.MANAGE_REVIEW, pk=pk)
    form = ExtensionRequestForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.extension_request(
                review=review, by=request.user, today=timezone.localdate(), **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, f"The request to {review.board.extension_authority} is recorded."
            )
            return redirect("review_timetable", pk=review.pk)
    return render(request, "scr/extension_request.html", {"review": review, "form": form})


@require_http_methods(["GET", "POST"])
def extension_decide(request: HttpRequest, pk: int, extension_pk: int) -> HttpResponse:
    review = get_for_user_or_404(request, REVIEWS, Perm.MANAGE_REVIEW, pk=pk)
    extension = ExtensionRequest.objects.filter(
        review=review, pk=extension_pk, status=ExtensionStatus.REQUESTED
    ).first()
    if extension is None:
        raise refuse(request, ExtensionRequest, {"pk": extension_pk})
    form = ExtensionDecisionForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.extension_decide(
                extension=extension,
                by=request.user,
                today=timezone.localdate(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            outcome = (
                "agreed: later dates have moved" if extension.status == "agreed" else "refused"
            )
            messages.success(request, f"The extension was {outcome}.")
            return redirect("review_timetable", pk=review.pk)
    return render(
        request,
        "scr/extension_decide.html",
        {"review": review, "extension": extension, "form": form},
    )
