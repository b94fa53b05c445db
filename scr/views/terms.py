from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from scr import services
from scr.access import Perm, can, get_for_user_or_404, log_access
from scr.forms import TERMS_LABELS, ApprovalForm, TermsForm
from scr.models import Agency, ContributionForm, Review
from scr.models.audit import AccessAction
from scr.views.util import apply_errors, posted

REVIEWS = Review.objects.select_related("board")


def _context(review: Review) -> dict:
    terms = services.terms_for(review)
    agencies = {str(a.pk): a.name for a in Agency.objects.filter(board=review.board)}
    contributions = [
        (agencies.get(pk, "Unknown agency"), ContributionForm(form).label)
        for pk, form in terms.contributions.items()
    ]
    sections = [(label, getattr(terms, name)) for name, label in TERMS_LABELS.items()]
    return {
        "review": review,
        "terms": terms,
        "sections": sections,
        "contributions": contributions,
        "deadlines": review.deadlines.order_by("due_on", "pk"),
    }


def terms_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_for_user_or_404(request, REVIEWS, Perm.VIEW_REVIEW, pk=pk)
    context = _context(review)
    terms = context["terms"]
    log_access(request, AccessAction.VIEW, review, description="Terms of reference")
    approval_form = ApprovalForm(initial={"approved_on": timezone.localdate()})
    approval_form.helper.form_tag = False  # the page supplies the form and its action
    return render(
        request,
        "scr/terms_detail.html",
        {
            **context,
            "can_manage": can(request.user, Perm.MANAGE_REVIEW, review),
            "can_sign": can(request.user, Perm.CHAIR_PANEL, review),
            "approval_form": approval_form,
            "versions": terms.history.select_related("history_user").order_by("-history_date")[:50]
            if terms.pk
            else [],
        },
    )


@require_http_methods(["GET", "POST"])
def terms_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_for_user_or_404(request, REVIEWS, Perm.MANAGE_REVIEW, pk=pk)
    terms = services.terms_for(review)
    agencies = Agency.objects.filter(board=review.board, is_active=True)
    initial = {name: getattr(terms, name) for name in [*TERMS_LABELS, "period_start", "period_end"]}
    initial.update({f"agency_{pk}": form for pk, form in terms.contributions.items()})
    form = TermsForm(
        posted(request),
        agencies=agencies,
        initial=initial,
        version=services.version_of(terms) if terms.pk else "",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.terms_save(
                review=review,
                by=request.user,
                version=form.cleaned_data["version"],
                fields={**form.terms_fields(), "contributions": form.contributions()},
                today=timezone.localdate(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The terms of reference are saved.")
            return redirect("terms_detail", pk=review.pk)
    return render(request, "scr/terms_edit.html", {"review": review, "form": form})


@require_POST
def terms_approve(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_for_user_or_404(request, REVIEWS, Perm.MANAGE_REVIEW, pk=pk)
    form = ApprovalForm(request.POST)
    if form.is_valid():
        try:
            services.terms_approve(
                terms=services.terms_for(review),
                by=request.user,
                approved_on=form.cleaned_data["approved_on"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The panel's approval is recorded.")
    else:
        messages.error(request, "Enter the date the panel approved the terms as a real date.")
    return redirect("terms_detail", pk=review.pk)


@require_POST
def terms_sign(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_for_user_or_404(request, REVIEWS, Perm.CHAIR_PANEL, pk=pk)
    try:
        services.terms_sign(
            terms=services.terms_for(review), by=request.user, today=timezone.localdate()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "You have signed the terms of reference.")
    return redirect("terms_detail", pk=review.pk)


def terms_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from weasyprint import HTML

    review = get_for_user_or_404(request, REVIEWS, Perm.VIEW_REVIEW, pk=pk)
    context = _context(review)
    html = render_to_string("scr/terms_pdf.html", context)
    log_access(
        request,
        AccessAction.DOWNLOAD,
        review,
        description=f"Terms of reference v{context['terms'].version} (PDF)",
    )
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{review.reference}-terms-of-reference.pdf"'
    )
    return response
