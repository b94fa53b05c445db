from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from scr import services as core
from scr.access import Perm, can, get_board_or_404, log_access, refuse
from scr.models import Agency, Review, ReviewRoleKind
from scr.models.audit import AccessAction
from scr.views.util import apply_errors, posted

from . import reports, services
from .charts import trend_chart
from .forms import (
    ActionForm,
    AuditForm,
    DocumentControlForm,
    MonitoringFilterForm,
    PlanFormatForm,
    ProgressForm,
    RagForm,
    RecommendationForm,
    ReportForm,
    RequestForm,
    SignOffForm,
)
from .models import Action, ActionPlan, Evidence, Rag, Recommendation, Source
from .rules import PlanPerm, may_see_plans_of, may_write_recommendations, own_agencies
from .selectors import (
    Filters,
    column_cells,
    evidence_for,
    monitored_boards,
    monitoring,
    plan_actions,
    plan_rag_history,
    plans_of_review,
    rag_labels,
    recommendations_of_review,
    reviews_for_plans,
)
from .smart import ACTION_VERBS


def _review(request: HttpRequest, pk: int) -> Review:
    review = reviews_for_plans(request.user).filter(pk=pk).first()
    if review is None or not may_see_plans_of(request.user, review):
        raise refuse(request, Review, {"pk": pk})
    return review


def _plan(request: HttpRequest, review: Review, plan_pk: int, perm: str) -> ActionPlan:
    plan = (
        ActionPlan.objects.for_user(request.user)
        .filter(review=review, pk=plan_pk)
        .select_related("agency", "signed_off_by")
        .first()
    )
    if plan is not None:
        plan.review = review
    if plan is None or not can(request.user, perm, plan):
        raise refuse(request, ActionPlan, {"pk": plan_pk})
    return plan


def _action(request: HttpRequest, review: Review, action_pk: int, perm: str) -> Action:
    action = (
        Action.objects.for_user(request.user)
        .filter(plan__review=review, pk=action_pk)
        .select_related("plan__agency", "plan__signed_off_by", "recommendation")
        .first()
    )
    if action is not None:
        action.plan.review = review
    if action is None or not can(request.user, perm, action.plan):
        raise refuse(request, Action, {"pk": action_pk})
    return action


def _review_context(request: HttpRequest, review: Review) -> dict:
    """What the review's heading and section navigation need (and the SMART check's verbs)."""
    return {
        "smart_verbs": sorted(ACTION_VERBS),
        "review": review,
        "can_manage": can(request.user, Perm.MANAGE_REVIEW, review),
        "sees_review": can(request.user, Perm.VIEW_REVIEW, review),
    }


def plans_review(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    plans = plans_of_review(request.user, review)
    log_access(request, AccessAction.VIEW, review, description="Action plans")
    office = can(request.user, Perm.MANAGE_REVIEW, review)
    return render(
        request,
        "actionplans/review_plans.html",
        {
            **_review_context(request, review),
            "plans": plans,
            "recommendations": recommendations_of_review(request.user, review, plans),
            "labels": rag_labels(review.board),
            "can_write": may_write_recommendations(request.user, review),
            "can_request": office and any(
                not p.is_board_plan and not p.is_signed_off for p in plans
            ),
            "can_agree": may_write_recommendations(request.user, review),
            "today": timezone.localdate(),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_recommendation_add(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    if not may_write_recommendations(request.user, review):
        raise refuse(request, Review, {"pk": pk})
    form = RecommendationForm(posted(request), board=review.board)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recommendation = services.recommendation_add(
                review=review,
                by=request.user,
                today=timezone.localdate(),
                source=data["source"],
                agency=data["agency"],
                text=data["text"],
                theme=data["theme"],
                agreed_by_panel=data["agreed_by_panel"],
                action={**form.action_data(), "extra": form.extra()},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, f"Recommendation {recommendation.label} and its first action are added."
            )
            return redirect("plans_review", pk=review.pk)
    return render(
        request,
        "actionplans/recommendation_add.html",
        {**_review_context(request, review), "form": form},
    )


@require_POST
def plan_recommendation_agree(request: HttpRequest, pk: int, rec_pk: int) -> HttpResponse:
    review = _review(request, pk)
    recommendation = Recommendation.objects.filter(review=review, pk=rec_pk).first()
    if recommendation is None or not may_write_recommendations(request.user, review):
        raise refuse(request, Recommendation, {"pk": rec_pk})
    try:
        services.recommendation_agree(recommendation=recommendation, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"{recommendation.label} is agreed and goes into the overview report."
        )
    return redirect("plans_review", pk=review.pk)


@require_http_methods(["GET", "POST"])
def plan_action_add(request: HttpRequest, pk: int, rec_pk: int) -> HttpResponse:
    review = _review(request, pk)
    recommendation = (
        Recommendation.objects.filter(review=review, pk=rec_pk).select_related("agency").first()
    )
    senior = recommendation is not None and recommendation.agency_id in own_agencies(
        request.user, review.pk, (ReviewRoleKind.SENIOR_MANAGER,)
    )
    if recommendation is None or not (may_write_recommendations(request.user, review) or senior):
        raise refuse(request, Recommendation, {"pk": rec_pk})
    multi = recommendation.source == Source.PANEL_MULTI
    form = ActionForm(posted(request), board=review.board, ask_agency=multi)
    if request.method == "POST" and form.is_valid():
        today = timezone.localdate()
        try:
            plan = services.plan_for_action(
                recommendation=recommendation,
                agency=form.cleaned_data.get("agency"),
                by=request.user,
                today=today,
            )
            action = services.action_add(
                recommendation=recommendation,
                plan=plan,
                by=request.user,
                today=today,
                extra=form.extra(),
                **form.action_data(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"The action is added to the {plan.owner_name} plan.")
            return redirect("plan_action", pk=review.pk, action_pk=action.pk)
    return render(
        request,
        "actionplans/action_add.html",
        {**_review_context(request, review), "form": form, "recommendation": recommendation},
    )


def plan_detail(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    review = _review(request, pk)
    plan = _plan(request, review, plan_pk, PlanPerm.VIEW)
    log_access(request, AccessAction.VIEW, plan, review=review, description=str(plan))
    today = timezone.localdate()
    actions = plan_actions(plan)
    labels = rag_labels(review.board)
    rows = [(action, column_cells(review.board, plan, action, today)) for action in actions]
    user = request.user
    return render(
        request,
        "actionplans/plan_detail.html",
        {
            **_review_context(request, review),
            "plan": plan,
            "rows": rows,
            "labels": labels,
            "columns": review.board.action_plan_columns,
            "history": plan_rag_history(plan)[:200],
            "requests": plan.requests.select_related("requested_by")[:20],
            "document_control": services.plan_format(review.board).document_control,
            "can_update": can(user, PlanPerm.UPDATE, plan) and not plan.is_signed_off,
            "can_edit": can(user, PlanPerm.EDIT, plan) and not plan.is_signed_off,
            "can_sign": can(user, PlanPerm.SIGN_OFF, plan) and not plan.is_signed_off,
            "all_complete": bool(actions) and all(a.rag == Rag.BLUE for a in actions),
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
def plan_action(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    """An action with its updates and evidence and its ratings over time; the monitoring group
    may set its rating and record its audit of the evidence here."""
    review = _review(request, pk)
    action = _action(request, review, action_pk, PlanPerm.VIEW)
    plan = action.plan
    labels = rag_labels(review.board)
    monitor = can(request.user, PlanPerm.MONITOR, plan) and not plan.is_signed_off
    which = request.POST.get("part") if request.method == "POST" else None
    if which and not monitor:
        raise refuse(request, Action, {"pk": action_pk})
    today = timezone.localdate()
    rag_form = RagForm(
        request.POST if which == "rag" else None,
        labels=labels,
        initial={"rag": action.proposed_rag(today) or action.rag},
    )
    audit_form = AuditForm(
        request.POST if which == "audit" else None,
        version=core.version_of(action),
        initial={"evidence_audit": action.evidence_audit},
    )
    for name, part in (("rag", rag_form), ("audit", audit_form)):
        part.fields["part"] = forms.CharField(widget=forms.HiddenInput, initial=name)
    bound = {"rag": rag_form, "audit": audit_form}.get(which)
    if bound is not None and bound.is_valid():
        try:
            if which == "rag":
                services.rag_set(
                    action=action,
                    by=request.user,
                    today=today,
                    rag=bound.cleaned_data["rag"],
                    note=bound.cleaned_data["note"],
                )
                done = "The rating is set."
            else:
                services.evidence_audit_save(
                    action=action,
                    by=request.user,
                    version=bound.cleaned_data["version"],
                    text=bound.cleaned_data["evidence_audit"],
                )
                done = "The evidence audit is saved."
        except ValidationError as error:
            apply_errors(bound, error)
        else:
            messages.success(request, done)
            return redirect("plan_action", pk=review.pk, action_pk=action.pk)
    updates = list(
        action.updates.select_related("by").prefetch_related("evidence").order_by("-on", "-pk")
    )
    log_access(request, AccessAction.VIEW, action.plan, review=review, description=str(action))
    return render(
        request,
        "actionplans/action_detail.html",
        {
            **_review_context(request, review),
            "plan": plan,
            "action": action,
            "labels": labels,
            "updates": updates,
            "history": action.rag_changes.select_related("by").order_by("-on", "-pk"),
            "rag_form": rag_form,
            "audit_form": audit_form,
            "form": bound if bound is not None and bound.errors else None,
            "monitor": monitor,
            "can_update": can(request.user, PlanPerm.UPDATE, plan) and not plan.is_signed_off,
            "can_edit": can(request.user, PlanPerm.EDIT, plan) and not plan.is_signed_off,
            "proposed": action.proposed_rag(today),
            "overdue": action.is_overdue(today),
            "today": today,
        },
    )


@require_http_methods(["GET", "POST"])
def plan_action_edit(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    review = _review(request, pk)
    action = _action(request, review, action_pk, PlanPerm.EDIT)
    initial = {name: getattr(action, name) for name in ActionForm.ACTION_FIELDS}
    form = ActionForm(
        posted(request),
        board=review.board,
        ask_agency=False,
        version=core.version_of(action),
        extra=action.extra,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.action_edit(
                action=action,
                by=request.user,
                version=form.cleaned_data["version"],
                fields={**form.action_data(), "extra": {**action.extra, **form.extra()}},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The action is saved.")
            return redirect("plan_action", pk=review.pk, action_pk=action.pk)
    return render(
        request,
        "actionplans/action_edit.html",
        {**_review_context(request, review), "form": form, "action": action, "plan": action.plan},
    )


@require_http_methods(["GET", "POST"])
def plan_action_update(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    review = _review(request, pk)
    action = _action(request, review, action_pk, PlanPerm.UPDATE)
    today = timezone.localdate()
    labels = rag_labels(review.board)
    proposed = action.proposed_rag(today)
    form = ProgressForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        labels=labels,
        initial={"on": today, "rag": proposed or action.rag},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.progress_add(
                action=action,
                by=request.user,
                today=today,
                on=data["on"],
                text=data["text"],
                rag=data["rag"],
                files=data["files"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Your update is saved.")
            return redirect("plan_detail", pk=review.pk, plan_pk=action.plan_id)
    return render(
        request,
        "actionplans/action_update.html",
        {
            **_review_context(request, review),
            "form": form,
            "action": action,
            "plan": action.plan,
            "labels": labels,
            "proposed": proposed,
            "overdue": action.is_overdue(today),
        },
    )


def plan_evidence(request: HttpRequest, pk: int, evidence_pk: int) -> HttpResponse:
    review = _review(request, pk)
    evidence = evidence_for(request.user, review, evidence_pk)
    if evidence is not None:
        evidence.update.action.plan.review = review
    if evidence is None or not can(request.user, PlanPerm.VIEW, evidence.update.action.plan):
        raise refuse(request, Evidence, {"pk": evidence_pk})
    try:
        handle = evidence.file.open("rb")
    except OSError:
        raise refuse(request, Evidence, {"pk": evidence_pk}) from None
    log_access(
        request,
        AccessAction.DOWNLOAD,
        evidence.update.action.plan,
        review=review,
        description=f"Evidence: {evidence.name}",
    )
    return FileResponse(handle, as_attachment=True, filename=evidence.name)


@require_http_methods(["GET", "POST"])
def plan_request_updates(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    if not can(request.user, Perm.MANAGE_REVIEW, review):
        raise refuse(request, Review, {"pk": pk})
    plans = (
        ActionPlan.objects.filter(review=review, agency__isnull=False, signed_off_on__isnull=True)
        .select_related("agency")
        .order_by("agency__name")
    )
    today = timezone.localdate()
    form = RequestForm(
        posted(request),
        plans=plans,
        initial={"plans": list(plans), "due_on": today + timezone.timedelta(days=14)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            made = services.updates_request(
                plans=list(form.cleaned_data["plans"]),
                by=request.user,
                due_on=form.cleaned_data["due_on"],
                today=today,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"Progress asked of {len(made)} agenc{'y' if len(made) == 1 else 'ies'} by "
                f"{form.cleaned_data['due_on']:%d %B %Y}.",
            )
            return redirect("plans_review", pk=review.pk)
    return render(
        request,
        "actionplans/request_updates.html",
        {**_review_context(request, review), "form": form, "has_plans": plans.exists()},
    )


@require_http_methods(["GET", "POST"])
def plan_sign_off(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    review = _review(request, pk)
    plan = _plan(request, review, plan_pk, PlanPerm.SIGN_OFF)
    form = SignOffForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_sign_off(plan=plan, by=request.user, today=timezone.localdate())
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"The {plan.owner_name} action plan is signed off.")
            return redirect("plan_detail", pk=review.pk, plan_pk=plan.pk)
    counts = plan.actions.values_list("rag", flat=True)
    return render(
        request,
        "actionplans/sign_off.html",
        {
            **_review_context(request, review),
            "form": form,
            "plan": plan,
            "total": len(counts),
            "complete": sum(1 for rag in counts if rag == Rag.BLUE),
            "labels": rag_labels(review.board),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_document_control(request: HttpRequest, pk: int, plan_pk: int) -> HttpResponse:
    review = _review(request, pk)
    plan = _plan(request, review, plan_pk, PlanPerm.EDIT)
    if not services.plan_format(review.board).document_control:
        raise refuse(request, ActionPlan, {"pk": plan_pk})
    form = DocumentControlForm(
        posted(request),
        version=core.version_of(plan),
        initial={name: getattr(plan, name) for name in DocumentControlForm.FIELDS},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.document_control_save(
                plan=plan,
                by=request.user,
                version=form.cleaned_data["version"],
                fields={name: form.cleaned_data[name] for name in DocumentControlForm.FIELDS},
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The document control is saved.")
            return redirect("plan_detail", pk=review.pk, plan_pk=plan.pk)
    return render(
        request,
        "actionplans/document_control.html",
        {**_review_context(request, review), "form": form, "plan": plan},
    )


def _monitored_board(request: HttpRequest):
    boards = monitored_boards(request.user)
    if not boards:
        raise refuse(request, ActionPlan, {})
    chosen = request.GET.get("board")
    return next((b for b in boards if b.slug == chosen), boards[0]), boards


def plans_monitoring(request: HttpRequest) -> HttpResponse:
    board, boards = _monitored_board(request)
    today = timezone.localdate()
    labels = rag_labels(board)
    reviews = (
        Review.objects.filter(board=board, action_plans__isnull=False)
        .distinct()
        .order_by("reference")
        .only("pk", "reference", "child_code")
    )
    form = MonitoringFilterForm(
        request.GET or None,
        reviews=reviews,
        agencies=Agency.objects.filter(board=board).order_by("name"),
        labels=labels,
    )
    # A filter that is not among the options is reported in the error summary; the rest apply.
    form.is_valid()
    cleaned = form.cleaned_data if form.is_bound else {}
    filters = Filters(
        review=cleaned.get("review"),
        agency=cleaned.get("agency") or "",
        rag=cleaned.get("rag") or "",
        theme=cleaned.get("theme") or "",
        overdue=bool(cleaned.get("overdue")),
    )
    data = monitoring(board, filters, today)
    page = Paginator(data.listed, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "actionplans/monitoring.html",
        {
            "board": board,
            "boards": boards,
            "form": form,
            "filtered": any(
                [filters.review, filters.agency, filters.rag, filters.theme, filters.overdue]
            ),
            "data": data,
            "labels": labels,
            "chart": trend_chart(data.trend, labels),
            "page": page,
            "query": query.urlencode(),
            "today": today,
            "nav_active": "action_plans",
        },
    )


def plans_report(request: HttpRequest) -> HttpResponse:
    board, boards = _monitored_board(request)
    today = timezone.localdate()
    # A link may give the date whole (?on=2027-03-31); the form refuses one it cannot read.
    asked = any(name in request.GET for name in ("on", "on_0", "on_1", "on_2", "fmt"))
    form = ReportForm(request.GET if asked else None, initial={"on": today, "fmt": "pdf"})
    form.fields["board"] = forms.CharField(
        widget=forms.HiddenInput, required=False, initial=board.slug
    )
    if asked and form.is_valid():
        on = form.cleaned_data["on"]
        if on > today:
            form.add_error("on", "The report date must be today or in the past")
        else:
            fmt = form.cleaned_data["fmt"]
            report = reports.build(board, on)
            content, kind = reports.as_pdf(report) if fmt == "pdf" else reports.as_docx(report)
            log_access(
                request,
                AccessAction.DOWNLOAD,
                None,
                board=board,
                description=f"Action plans RAG report as at {on:%d %b %Y} ({fmt})",
            )
            response = HttpResponse(content, content_type=kind)
            response["Content-Disposition"] = (
                f'attachment; filename="{board.slug}-rag-report-{on:%Y-%m-%d}.{fmt}"'
            )
            return response
    return render(
        request,
        "actionplans/report.html",
        {"board": board, "boards": boards, "form": form, "nav_active": "action_plans"},
    )


@require_http_methods(["GET", "POST"])
def plans_settings(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_board_or_404(request, slug, Perm.EDIT_BOARD)
    current = services.plan_format(board)
    form = PlanFormatForm(posted(request), initial={"document_control": current.document_control})
    if request.method == "POST" and form.is_valid():
        services.plan_format_save(
            board=board, document_control=form.cleaned_data["document_control"], by=request.user
        )
        messages.success(request, "The action plan settings are saved.")
        return redirect("board_detail", slug=board.slug)
    return render(request, "actionplans/settings.html", {"board": board, "form": form})
