from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from scr import services
from scr.access import ANSWER_INVOLVEMENT, Perm, get_for_user_or_404
from scr.forms import InvolvementForm, SetupRequestForm
from scr.models import AgencyInvolvement, Review, User
from scr.views.util import apply_errors, posted


@require_http_methods(["GET", "POST"])
def review_setup(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_for_user_or_404(
        request, Review.objects.select_related("board"), Perm.MANAGE_REVIEW, pk=pk
    )
    form = SetupRequestForm(
        posted(request), initial={"due_on": timezone.localdate() + timedelta(days=14)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            asked = services.setup_requests_send(
                review=review, by=request.user, today=timezone.localdate(), **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{asked} agencies asked.")
            return redirect("review_setup", pk=review.pk)
    involvements = review.involvements.select_related("agency", "author", "answered_by")
    return render(
        request,
        "scr/review_setup.html",
        {
            "review": review,
            "form": form,
            "involvements": involvements,
            "outstanding": sum(1 for i in involvements if not i.answered_on),
            "today": timezone.localdate(),
            "can_manage": True,
        },
    )


@require_http_methods(["GET", "POST"])
def involvement_answer(request: HttpRequest, pk: int) -> HttpResponse:
    involvement = get_for_user_or_404(
        request,
        AgencyInvolvement.objects.select_related("review__board", "agency"),
        ANSWER_INVOLVEMENT,
        pk=pk,
    )
    authors = User.objects.filter(
        is_active=True,
        memberships__board=involvement.review.board,
        memberships__agency=involvement.agency,
    ).distinct()
    form = InvolvementForm(posted(request), authors=authors)
    if request.method == "POST" and form.is_valid():
        try:
            services.involvement_answer(
                involvement=involvement,
                by=request.user,
                today=timezone.localdate(),
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Thank you. Your agency's answer has been sent to the board.")
            return redirect("home")
    return render(
        request,
        "scr/involvement_answer.html",
        {"involvement": involvement, "review": involvement.review, "form": form},
    )


def review_tracker(request: HttpRequest, pk: int, fmt: str = "") -> HttpResponse:
    from django.template.loader import render_to_string

    from scr import tracker
    from scr.access import log_access, refuse
    from scr.models.audit import AccessAction

    review = get_for_user_or_404(
        request, Review.objects.select_related("board"), Perm.MANAGE_REVIEW, pk=pk
    )
    sheet = tracker.build(review)
    if fmt == "":
        return render(
            request,
            "scr/review_tracker.html",
            {"review": review, "tracker": sheet, "can_manage": True},
        )
    if fmt not in ("pdf", "xlsx"):
        raise refuse(request, Review, {"pk": pk})
    log_access(request, AccessAction.EXPORT, review, description=f"Tracker ({fmt})")
    if fmt == "xlsx":
        content = tracker.as_xlsx(sheet)
        kind = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        from weasyprint import HTML

        html = render_to_string("scr/review_tracker_pdf.html", {"review": review, "tracker": sheet})
        content, kind = HTML(string=html).write_pdf(), "application/pdf"
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = f'attachment; filename="{review.reference}-tracker.{fmt}"'
    return response
