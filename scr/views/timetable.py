from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from scr import services
from scr.access import Perm, can, get_for_user_or_404, refuse
from scr.forms import DeadlineForm, ExtensionDecisionForm, ExtensionRequestForm
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
        deadline.state = (
            "done"
            if deadline.completed_on
            else "overdue"
            if deadline.due_on < today
            else "soon"
            if deadline.due_on <= today + timedelta(days=7)
            else "later"
        )
    return render(
        request,
        "scr/review_timetable.html",
        {
            "review": review,
            "deadlines": deadlines,
            "extensions": review.extensions.select_related("requested_by"),
            "can_manage": can(request.user, Perm.MANAGE_REVIEW, review),
        },
    )


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
