"""Agency report pages: the agency's own draft (sections, evidence, recommendations, declaration
and submission), the senior manager's quality assurance and sign-off, and the versions the panel
reads, grades, compares and returns."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from scr.access import Perm, can, get_for_user_or_404, log_access, refuse
from scr.models import Agency, Review
from scr.models.audit import AccessAction
from scr.views.drafting import handle_draft
from scr.views.util import apply_errors, posted

from . import selectors, services
from .forms import (
    AgreementForm,
    ConsultationForm,
    GradeForm,
    InterviewForm,
    ManagerReviewForm,
    ReceivedForm,
    ReportRecommendationForm,
    ReturnForm,
    SectionForm,
    SignOffForm,
)
from .models import (
    AgencyReport,
    Consultation,
    Interview,
    PanelGrade,
    ReportRecommendation,
    ReportSection,
    ReportStatus,
    ReportVersion,
)
from .rules import (
    EVALUATION_CHECKLIST,
    STANDARDS_GRID,
    agencies_written_by,
    is_author,
    is_panel,
    is_senior_manager,
    may_grade,
)

REVIEWS = Review.objects.select_related("board")


def _review(request: HttpRequest, pk: int) -> Review:
    return get_for_user_or_404(request, REVIEWS, Perm.VIEW_REVIEW, pk=pk)


def _own_report(request: HttpRequest, pk: int, agency_pk: int) -> AgencyReport:
    """The agency's report, for its author and senior manager only: to anybody else it does not
    exist."""
    review = _review(request, pk)
    if agency_pk not in agencies_written_by(request.user, review):
        raise refuse(request, Agency, {"pk": agency_pk})
    agency = Agency.objects.get(pk=agency_pk)
    report = services.report_for(review=review, agency=agency, by=request.user)
    report.review, report.agency = review, agency
    return report


def _editing(request: HttpRequest, report: AgencyReport) -> bool:
    if not report.is_editable:
        messages.error(
            request,
            f"The report is {report.get_status_display().lower()}, so it cannot be changed now.",
        )
        return False
    return True


# The agency's draft ------------------------------------------------------------------------------


def report_detail(request: HttpRequest, pk: int, agency_pk: int) -> HttpResponse:
    return _detail(request, _own_report(request, pk, agency_pk))


def _detail(request: HttpRequest, report: AgencyReport, errors: list[str] | None = None):
    review, agency_pk = report.review, report.agency_id
    sections = selectors.report_sections(report)
    items = selectors.terms_items(review)
    versions = list(report.versions.order_by("-number"))
    log_access(request, AccessAction.VIEW, report, review=review, description="Agency report draft")
    return render(
        request,
        "imr/report_detail.html",
        {
            "review": review,
            "report": report,
            "sections": sections,
            "coverage": selectors.coverage(report, sections, items),
            "unanswered": [
                i for i, found in selectors.coverage(report, sections, items) if not found
            ],
            "counts": {
                "consultations": report.consultations.count(),
                "interviews": report.interviews.count(),
                "recommendations": report.recommendations.count(),
            },
            "manager_reviews": list(report.manager_reviews.select_related("by")),
            "versions": versions,
            "returned": next((v for v in versions if v.returned_on), None),
            "missing": services.missing_for_submission(report) if report.is_editable else [],
            "is_author": is_author(request.user, review, agency_pk),
            "is_senior_manager": is_senior_manager(request.user, review, agency_pk),
            "can_manage": can(request.user, Perm.MANAGE_REVIEW, review),
            "errors": errors or [],
        },
    )


def _section(request: HttpRequest, report: AgencyReport, key: str) -> ReportSection:
    section = ReportSection.objects.filter(report=report, key=key).first()
    if section is None:
        raise refuse(request, ReportSection, {"report": report.pk, "key": key})
    section.report = report
    return section


@require_http_methods(["GET", "POST"])
def section_edit(request: HttpRequest, pk: int, agency_pk: int, key: str) -> HttpResponse:
    report = _own_report(request, pk, agency_pk)
    section = _section(request, report, key)
    items = selectors.terms_items(report.review)
    initial = {"text": section.text, "revision": section.revision, "answers": section.answers}

    def then(saved) -> str:
        if request.POST.get("then") == "next":
            following = (
                report.sections.filter(position__gt=section.position).order_by("position").first()
            )
            if following:
                return reverse("imr_section", args=[pk, agency_pk, following.key])
        return reverse("imr_section", args=[pk, agency_pk, key])

    draft = handle_draft(
        request,
        SectionForm(posted(request), items=items, initial=initial),
        lambda data: services.section_save(
            section=section,
            by=request.user,
            text=data["text"],
            revision=data["revision"],
            answers=data.get("answers") if items else None,
        ),
        remake=lambda data: SectionForm(data, items=items),
        done=f"{section.title} is saved.",
        then=then,
    )
    if draft.response:
        return draft.response
    if request.method == "GET":
        log_access(
            request, AccessAction.VIEW, report, review=report.review, description=section.title
        )
    return render(
        request,
        "imr/section_edit.html",
        {
            "review": report.review,
            "report": report,
            "section": section,
            "questions": selectors.questions_for(section.key),
            "form": draft.form,
            "conflict": draft.conflict,
            "editable": report.is_editable,
            "preview": selectors.to_html(section.text),
        },
    )


def _list_page(request, report, *, template, form, rows, done, add, extra=None):
    if request.method == "POST" and _editing(request, report) and form.is_valid():
        try:
            add(form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, done)
            return redirect(request.path)
    if request.method == "GET":
        page = template.rsplit("/", 1)[-1].removesuffix(".html")
        log_access(request, AccessAction.VIEW, report, review=report.review, description=page)
    return render(
        request,
        template,
        {
            "review": report.review,
            "report": report,
            "form": form,
            "rows": rows,
            "editable": report.is_editable,
            **(extra or {}),
        },
    )


@require_http_methods(["GET", "POST"])
def methodology(request: HttpRequest, pk: int, agency_pk: int) -> HttpResponse:
    report = _own_report(request, pk, agency_pk)
    return _list_page(
        request,
        report,
        template="imr/methodology.html",
        form=ConsultationForm(posted(request)),
        rows=report.consultations.all(),
        done="The line is added to the methodology.",
        add=lambda data: services.consultation_add(report=report, by=request.user, **data),
    )


@require_POST
def consultation_remove(request: HttpRequest, pk: int, agency_pk: int, row_pk: int):
    report = _own_report(request, pk, agency_pk)
    row = Consultation.objects.filter(report=report, pk=row_pk).first()
    if row is None:
        raise refuse(request, Consultation, {"pk": row_pk})
    if _editing(request, report):
        services.consultation_remove(consultation=row, by=request.user)
        messages.success(request, "The line is removed.")
    return redirect("imr_methodology", pk=pk, agency_pk=agency_pk)


@require_http_methods(["GET", "POST"])
def interviews(request: HttpRequest, pk: int, agency_pk: int) -> HttpResponse:
    report = _own_report(request, pk, agency_pk)
    return _list_page(
        request,
        report,
        template="imr/interviews.html",
        form=InterviewForm(posted(request)),
        rows=report.interviews.all(),
        done="The interview is added.",
        add=lambda data: services.interview_add(report=report, by=request.user, **data),
    )


@require_http_methods(["GET", "POST"])
def interview_agreement(request: HttpRequest, pk: int, agency_pk: int, row_pk: int):
    report = _own_report(request, pk, agency_pk)
    interview = Interview.objects.filter(report=report, pk=row_pk).first()
    if interview is None:
        raise refuse(request, Interview, {"pk": row_pk})
    interview.report = report
    form = AgreementForm(
        posted(request),
        initial={
            "agreement": interview.agreement,
            "agreement_on": interview.agreement_on,
            "disagreement": interview.disagreement,
        },
    )
    if request.method == "POST" and _editing(request, report) and form.is_valid():
        try:
            services.interview_agreement(
                interview=interview,
                by=request.user,
                today=timezone.localdate(),
                agreement=form.cleaned_data["agreement"],
                on=form.cleaned_data["agreement_on"],
                disagreement=form.cleaned_data["disagreement"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The interviewee's answer is recorded.")
            return redirect("imr_interviews", pk=pk, agency_pk=agency_pk)
    return render(
        request,
        "imr/interview_agreement.html",
        {"review": report.review, "report": report, "interview": interview, "form": form},
    )


@require_http_methods(["GET", "POST"])
def recommendations(request: HttpRequest, pk: int, agency_pk: int) -> HttpResponse:
    from actionplans.smart import ACTION_VERBS

    report = _own_report(request, pk, agency_pk)

    def add(data):
        fields = {name: data.get(name) for name in ReportRecommendationForm.ACTION_FIELDS}
        fields["action"] = fields.pop("description")
        services.recommendation_add(
            report=report, by=request.user, today=timezone.localdate(), text=data["text"], **fields
        )

    return _list_page(
        request,
        report,
        template="imr/recommendations.html",
        form=ReportRecommendationForm(posted(request)),
        rows=report.recommendations.all(),
        done="The recommendation is added.",
        add=add,
        extra={"smart_verbs": sorted(ACTION_VERBS)},
    )


@require_POST
def recommendation_remove(request: HttpRequest, pk: int, agency_pk: int, row_pk: int):
    report = _own_report(request, pk, agency_pk)
    row = ReportRecommendation.objects.filter(report=report, pk=row_pk).first()
    if row is None:
        raise refuse(request, ReportRecommendation, {"pk": row_pk})
    if _editing(request, report):
        services.recommendation_remove(recommendation=row, by=request.user)
        messages.success(request, "The recommendation is removed.")
    return redirect("imr_recommendations", pk=pk, agency_pk=agency_pk)


@require_POST
def declare(request: HttpRequest, pk: int, agency_pk: int) -> HttpResponse:
    report = _own_report(request, pk, agency_pk)
    if not is_author(request.user, report.review, agency_pk):
        raise refuse(request, AgencyReport, {"pk": report.pk})
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Tick the box to confirm your independence before declaring it.")
        return redirect("imr_report", pk=pk, agency_pk=agency_pk)
    try:
        services.declare(report=report, by=request.user, on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Your declaration of independence is recorded.")
    return redirect("imr_report", pk=pk, agency_pk=agency_pk)


@require_POST
def submit(request: HttpRequest, pk: int, agency_pk: int) -> HttpResponse:
    report = _own_report(request, pk, agency_pk)
    if not is_author(request.user, report.review, agency_pk):
        raise refuse(request, AgencyReport, {"pk": report.pk})
    try:
        services.submit(report=report, by=request.user)
    except ValidationError as error:
        return _detail(request, report, errors=error.messages)
    messages.success(request, "The report is with your senior manager to check and sign off.")
    return redirect("imr_report", pk=pk, agency_pk=agency_pk)


@require_http_methods(["GET", "POST"])
def quality(request: HttpRequest, pk: int, agency_pk: int) -> HttpResponse:
    """The senior manager checks the submitted report, then returns it or signs it off."""
    report = _own_report(request, pk, agency_pk)
    if not is_senior_manager(request.user, report.review, agency_pk):
        raise refuse(request, AgencyReport, {"pk": report.pk})
    which = request.POST.get("decision") if request.method == "POST" else None
    today = timezone.localdate()
    return_form = ManagerReviewForm(request.POST if which == "return" else None, prefix="r")
    sign_form = SignOffForm(
        request.POST if which == "sign" else None,
        prefix="s",
        initial={"signed_name": request.user.full_name, "signed_on": today},
    )
    bound = {"return": return_form, "sign": sign_form}.get(which)
    if bound is not None and report.status != ReportStatus.WITH_MANAGER:
        bound.add_error(None, "The report is not waiting for you to check it.")
    elif bound is not None and bound.is_valid():
        data = bound.cleaned_data
        checklist = {key: True for key in data.get("checklist", [])}
        try:
            if which == "return":
                services.manager_return(
                    report=report, by=request.user, checklist=checklist, comments=data["comments"]
                )
                done = "The report is returned to the author with your comments."
            else:
                version = services.manager_sign_off(
                    report=report,
                    by=request.user,
                    checklist=checklist,
                    comments=data["comments"],
                    name=data["signed_name"],
                    title=data["signed_title"],
                    on=data["signed_on"],
                    today=today,
                )
                done = f"The report is signed off and has gone to the board as {version.label}."
        except ValidationError as error:
            apply_errors(bound, error)
        else:
            messages.success(request, done)
            return redirect("imr_report", pk=pk, agency_pk=agency_pk)
    for form in (return_form, sign_form):
        form.helper.form_tag = False
    log_access(request, AccessAction.VIEW, report, review=report.review, description="Report check")
    return render(
        request,
        "imr/quality.html",
        {
            "review": report.review,
            "report": report,
            "sections": selectors.rendered_sections(selectors.snapshot(report)),
            "return_form": return_form,
            "sign_form": sign_form,
            "checklist": EVALUATION_CHECKLIST,
            "waiting": report.status == ReportStatus.WITH_MANAGER,
        },
    )


# What the board receives ---------------------------------------------------------------------------


def _version(request: HttpRequest, pk: int, agency_pk: int, number: int) -> ReportVersion:
    """A version, for the panel and for the agency's own writers."""
    review = _review(request, pk)
    if not (
        is_panel(request.user, review) or agency_pk in agencies_written_by(request.user, review)
    ):
        raise refuse(request, ReportVersion, {"report__agency": agency_pk, "number": number})
    version = (
        ReportVersion.objects.filter(
            report__review=review, report__agency_id=agency_pk, number=number
        )
        .select_related("report__agency")
        .first()
    )
    if version is None:
        raise refuse(request, ReportVersion, {"report__agency": agency_pk, "number": number})
    version.report.review = review
    return version


def reports_index(request: HttpRequest, pk: int) -> HttpResponse:
    """The panel's list: each contributing agency's report and where it is."""
    review = _review(request, pk)
    if not is_panel(request.user, review):
        raise refuse(request, Review, {"pk": pk})
    reports = (
        AgencyReport.objects.filter(review=review)
        .select_related("agency")
        .prefetch_related(
            Prefetch("versions", queryset=ReportVersion.objects.prefetch_related("grades"))
        )
    )
    rows = []
    for report in reports:
        versions = list(report.versions.all())
        rows.append(
            {"report": report, "versions": versions, "latest": versions[-1] if versions else None}
        )
    return render(
        request,
        "imr/reports_index.html",
        {
            "review": review,
            "rows": [r for r in rows if r["versions"]],
            "drafting": [r["report"] for r in rows if not r["versions"]],
        },
    )


def version_detail(request: HttpRequest, pk: int, agency_pk: int, number: int) -> HttpResponse:
    version = _version(request, pk, agency_pk, number)
    report, review = version.report, version.report.review
    grades = list(PanelGrade.objects.filter(version=version).select_related("by"))
    others = list(report.versions.order_by("number").values_list("number", flat=True))
    latest = others[-1]
    open_for_panel = report.status == ReportStatus.WITH_PANEL and number == latest
    log_access(request, AccessAction.VIEW, report, review=review, description=version.label)
    return render(
        request,
        "imr/version_detail.html",
        {
            "review": review,
            "report": report,
            "version": version,
            "content": version.content,
            "sections": selectors.rendered_sections(version.content),
            "grades": grades,
            "grid": STANDARDS_GRID,
            "numbers": others,
            "may_grade": open_for_panel and may_grade(request.user, review),
            "may_decide": open_for_panel
            and (may_grade(request.user, review) or can(request.user, Perm.MANAGE_REVIEW, review)),
            "can_manage": can(request.user, Perm.MANAGE_REVIEW, review),
            "received_form": _received_form(pk, agency_pk, number),
            "genogram": _genogram(review),
        },
    )


def _received_form(pk: int, agency_pk: int, number: int) -> ReceivedForm:
    form = ReceivedForm(initial={"received_on": timezone.localdate()})
    form.helper.form_action = reverse("imr_received", args=[pk, agency_pk, number])
    return form


def _genogram(review) -> str:
    from chronology.exports import genogram_for

    return genogram_for(review)


def _panel_decider(request, version) -> None:
    review = version.report.review
    if not (may_grade(request.user, review) or can(request.user, Perm.MANAGE_REVIEW, review)):
        raise refuse(request, ReportVersion, {"pk": version.pk})


@require_http_methods(["GET", "POST"])
def version_grade(request: HttpRequest, pk: int, agency_pk: int, number: int) -> HttpResponse:
    version = _version(request, pk, agency_pk, number)
    if not may_grade(request.user, version.report.review):
        raise refuse(request, ReportVersion, {"pk": version.pk})
    mine = PanelGrade.objects.filter(version=version, by=request.user).first()
    initial = {}
    if mine:
        initial = {f"item_{k}": v for k, v in mine.items.items()}
        initial.update(overall=mine.overall, comments=mine.comments)
    form = GradeForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.grade_save(
                version=version,
                by=request.user,
                grade=services.GradeInput(
                    items=form.items(),
                    overall=form.cleaned_data["overall"],
                    comments=form.cleaned_data["comments"],
                ),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Your grading is saved.")
            return redirect("imr_version", pk=pk, agency_pk=agency_pk, number=number)
    return render(
        request,
        "imr/version_grade.html",
        {
            "review": version.report.review,
            "report": version.report,
            "version": version,
            "form": form,
        },
    )


@require_http_methods(["GET", "POST"])
def version_return(request: HttpRequest, pk: int, agency_pk: int, number: int) -> HttpResponse:
    version = _version(request, pk, agency_pk, number)
    _panel_decider(request, version)
    form = ReturnForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.version_return(
                version=version,
                by=request.user,
                today=timezone.localdate(),
                guidance=form.cleaned_data["guidance"],
                due_on=form.cleaned_data["due_on"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The report is returned to the agency for revision.")
            return redirect("imr_version", pk=pk, agency_pk=agency_pk, number=number)
    return render(
        request,
        "imr/version_return.html",
        {
            "review": version.report.review,
            "report": version.report,
            "version": version,
            "form": form,
        },
    )


@require_POST
def version_accept(request: HttpRequest, pk: int, agency_pk: int, number: int) -> HttpResponse:
    version = _version(request, pk, agency_pk, number)
    _panel_decider(request, version)
    try:
        services.version_accept(version=version, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"{version.label} is accepted as the final report.")
    return redirect("imr_version", pk=pk, agency_pk=agency_pk, number=number)


@require_POST
def version_received(request: HttpRequest, pk: int, agency_pk: int, number: int) -> HttpResponse:
    version = _version(request, pk, agency_pk, number)
    if not can(request.user, Perm.MANAGE_REVIEW, version.report.review):
        raise refuse(request, ReportVersion, {"pk": version.pk})
    form = ReceivedForm(request.POST)
    if form.is_valid():
        try:
            services.signed_copy_received(
                version=version,
                by=request.user,
                on=form.cleaned_data["received_on"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "The signed copy is recorded as received.")
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("imr_version", pk=pk, agency_pk=agency_pk, number=number)


def version_compare(request: HttpRequest, pk: int, agency_pk: int) -> HttpResponse:
    review = _review(request, pk)
    if not (
        is_panel(request.user, review) or agency_pk in agencies_written_by(request.user, review)
    ):
        raise refuse(request, ReportVersion, {"report__agency": agency_pk})
    versions = {
        v.number: v
        for v in ReportVersion.objects.filter(
            report__review=review, report__agency_id=agency_pk
        ).select_related("report__agency")
    }
    if len(versions) < 2:
        raise refuse(request, ReportVersion, {"report__agency": agency_pk})
    numbers = sorted(versions)

    def pick(name, default):
        try:
            value = int(request.GET.get(name, default))
        except ValueError:
            return default
        return value if value in versions else default

    older, newer = pick("from", numbers[-2]), pick("to", numbers[-1])
    if older > newer:
        older, newer = newer, older
    log_access(
        request,
        AccessAction.VIEW,
        versions[newer].report,
        review=review,
        description=f"Versions {older} and {newer} compared",
    )
    return render(
        request,
        "imr/version_compare.html",
        {
            "review": review,
            "report": versions[newer].report,
            "older": versions[older],
            "newer": versions[newer],
            "numbers": numbers,
            "diffs": selectors.section_diffs(versions[older].content, versions[newer].content),
        },
    )
