from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from scr import lifecycle, services
from scr.access import Perm, board_roles, can, get_for_user_or_404, log_access, refuse
from scr.alternative import is_lighter, lighter_path
from scr.forms import DeclarationForm, ReviewFilterForm, ReviewRoleForm
from scr.models import Board, ExtensionStatus, Review, ReviewRole, ReviewRoleKind
from scr.models.audit import AccessAction
from scr.selectors import review_audit_trail, review_people, reviews_for_user
from scr.views.lifecycle import progress_stages
from scr.views.util import apply_errors, posted


def review_list(request: HttpRequest) -> HttpResponse:
    boards = Board.objects.filter(pk__in=list(board_roles(request.user)))
    types = {(t["code"], t["label"]) for board in boards for t in board.review_types}
    form = ReviewFilterForm(request.GET or None, review_types=sorted(types, key=lambda t: t[1]))
    filters = {}
    if form.is_bound:
        form.is_valid()  # an invalid filter is shown in the error summary; the rest still apply
        filters = form.cleaned_data
    status = filters.get("status")
    reviews = reviews_for_user(
        request.user,
        review_type=filters.get("review_type", ""),
        stage=filters.get("stage", ""),
        is_open={"open": True, "closed": False}.get(status),
    ).order_by("completion_due", "reference")
    reviews = _by_timeliness(reviews, filters.get("timeliness", ""))
    page = Paginator(reviews, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "scr/review_list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "today": timezone.localdate(),
            "soon": timezone.localdate() + timedelta(days=7),
        },
    )


def _by_timeliness(reviews, timeliness: str):
    """On time, due within 7 days, overdue (by the next open milestone), or extended."""
    today = timezone.localdate()
    match timeliness:
        case "overdue":
            return reviews.filter(next_due__lt=today)
        case "soon":
            return reviews.filter(next_due__gte=today, next_due__lte=today + timedelta(days=7))
        case "on_time":
            return reviews.filter(next_due__gt=today + timedelta(days=7))
        case "extended":
            return reviews.filter(extended=True)
    return reviews


def review_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The review's landing page: where it stands, and each stage's tasks."""
    review = get_for_user_or_404(request, Review.objects.select_related("board"), pk=pk)
    log_access(request, AccessAction.VIEW, review, description="Review summary")
    can_manage = can(request.user, Perm.MANAGE_REVIEW, review)
    extended = review.extensions.filter(status=ExtensionStatus.AGREED).exists()
    facts = lifecycle.facts_for(review)
    return render(
        request,
        "scr/review_detail.html",
        {
            "review": review,
            "people": review_people(review),
            "can_manage": can_manage,
            "path": lighter_path(review) if is_lighter(review) else [],
            "stages": progress_stages(review, request.user, facts, can_manage=can_manage),
            "ofsted_date": lifecycle.ofsted_date(review),
            "past_ofsted": lifecycle.past_ofsted_time(
                review, timezone.localdate(), extended=extended
            ),
        },
    )


@require_http_methods(["GET", "POST"])
def review_people_edit(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_for_user_or_404(
        request, Review.objects.select_related("board"), Perm.MANAGE_REVIEW, pk=pk
    )
    form = ReviewRoleForm(posted(request), board=review.board)
    if request.method == "POST" and form.is_valid():
        try:
            role = services.review_role_assign(review=review, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{role.user} added as {role.get_role_display().lower()}.")
            return redirect("review_people", pk=review.pk)
    return render(
        request,
        "scr/review_people.html",
        {
            "panel": services.panel_check(review),
            "review": review,
            "people": review_people(review),
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def review_role_remove(request: HttpRequest, pk: int, role_pk: int) -> HttpResponse:
    review = get_for_user_or_404(
        request, Review.objects.select_related("board"), Perm.MANAGE_REVIEW, pk=pk
    )
    review_role = get_for_user_or_404(
        request, ReviewRole.objects.select_related("user", "agency"), pk=role_pk, review=review
    )
    if request.method == "POST":
        services.review_role_remove(review_role=review_role, by=request.user)
        messages.success(
            request, f"{review_role.user} removed as {review_role.get_role_display().lower()}."
        )
        return redirect("review_people", pk=review.pk)
    return render(
        request, "scr/review_role_remove.html", {"review": review, "review_role": review_role}
    )


def review_audit(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_for_user_or_404(
        request, Review.objects.select_related("board"), Perm.VIEW_AUDIT, pk=pk
    )
    entries, accesses = review_audit_trail(review)
    return render(
        request,
        "scr/review_audit.html",
        {"review": review, "entries": entries, "accesses": accesses},
    )


@require_http_methods(["GET", "POST"])
def independence_declare(request: HttpRequest, pk: int, role_pk: int) -> HttpResponse:
    review = get_for_user_or_404(request, Review.objects.select_related("board"), pk=pk)
    review_role = ReviewRole.objects.filter(pk=role_pk, review=review, user=request.user).first()
    if review_role is None or not ReviewRoleKind.declares_independence(review_role.role):
        raise refuse(request, ReviewRole, {"pk": role_pk})
    form = DeclarationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.independence_declare(
                review_role=review_role, by=request.user, on=timezone.localdate()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Your declaration is recorded.")
            return redirect("review_detail", pk=review.pk)
    return render(
        request,
        "scr/independence_declare.html",
        {"review": review, "review_role": review_role, "form": form},
    )
