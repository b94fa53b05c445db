"""The end of a review: the overview report, the executive summary and its publication, the
readiness check, the submission bundle, Ofsted's evaluation, and records kept no longer than
they should be."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from scr import publication, readiness, registry, retention
from scr.access import (
    PANEL_READERS,
    Perm,
    can,
    get_board_or_404,
    get_for_user_or_404,
    has_board_role,
    log_access,
    refuse,
)
from scr.models import (
    BoardRole,
    Bundle,
    Evaluation,
    LegalHold,
    OverviewSection,
    Review,
    ReviewRole,
    ReviewRoleKind,
    Tombstone,
)
from scr.models.audit import AccessAction
from scr.models.overview import EVALUATION_AREAS, BundleStatus
from scr.overview_forms import (
    AcceptForm,
    CommentForm,
    DateForm,
    DraftForm,
    EvaluationForm,
    HoldForm,
    ProceedingsForm,
    SentForm,
    SharedForm,
)
from scr.storage import private_folder
from scr.text import to_html
from scr.views.drafting import handle_draft
from scr.views.util import apply_errors, posted

REVIEWS = Review.objects.select_related("board")

class Who:
    """What the signed-in user is on this review, as far as these pages care."""

    def __init__(self, user, review: Review):
        roles = set(
            ReviewRole.objects.filter(review=review, user=user).values_list("role", flat=True)
        )
        self.manager = can(user, Perm.MANAGE_REVIEW, review)
        self.board_chair = has_board_role(user, review.board_id, frozenset({BoardRole.BOARD_CHAIR}))
        self.author = ReviewRoleKind.OVERVIEW_AUTHOR in roles
        self.panel_chair = ReviewRoleKind.PANEL_CHAIR in roles
        self.lead = ReviewRoleKind.LEAD_REVIEWER in roles
        self.panel = bool(roles & set(PANEL_READERS))
        self.reader = self.manager or self.board_chair or self.panel


def _review(request: HttpRequest, pk: int, allowed) -> tuple[Review, Who]:
    review = get_for_user_or_404(request, REVIEWS, Perm.VIEW_REVIEW, pk=pk)
    who = Who(request.user, review)
    if not allowed(who):
        raise refuse(request, Review, {"pk": pk})
    return review, who


def _readers(who: Who) -> bool:
    return who.reader


def _managers(who: Who) -> bool:
    return who.manager


def _posting_to(form, name: str, *args):
    """The form, posting to its own view (several forms share one page)."""
    form.helper.form_action = reverse(name, args=args)
    return form


def _done(request, message: str, to: str, pk: int):
    messages.success(request, message)
    return redirect(to, pk=pk)


# The overview report ---------------------------------------------------------------------------


def overview_detail(request: HttpRequest, pk: int) -> HttpResponse:
    review, who = _review(request, pk, _readers)
    report = publication.overview_for(review)
    sections = list(report.sections.prefetch_related("comments"))
    log_access(request, AccessAction.VIEW, review, description="Overview report")
    return render(
        request,
        "scr/overview_detail.html",
        {
            "review": review,
            "report": report,
            "sections": sections,
            "versions": list(report.versions.all()),
            "who": who,
            "accept_form": AcceptForm(initial={"accepted_on": timezone.localdate()}),
        },
    )


def _overview_section(request, review, key: str) -> OverviewSection:
    report = publication.overview_for(review)
    section = OverviewSection.objects.filter(report=report, key=key).first()
    if section is None:
        raise refuse(request, OverviewSection, {"key": key})
    section.report = report
    return section


@require_http_methods(["GET", "POST"])
def overview_section(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    review, who = _review(request, pk, _readers)
    section = _overview_section(request, review, key)
    editable = who.author and section.report.is_editable
    if request.method == "POST" and not editable:
        raise refuse(request, OverviewSection, {"pk": section.pk})
    draft = handle_draft(
        request,
        DraftForm(posted(request), initial={"text": section.text, "revision": section.revision}),
        lambda data: publication.overview_section_save(
            section=section, by=request.user, text=data["text"], revision=data["revision"]
        ),
        remake=lambda data: DraftForm(data),
        done=f"{section.title} is saved.",
    )
    if draft.response:
        return draft.response
    if request.method == "GET":
        log_access(request, AccessAction.VIEW, review, description=f"Overview: {section.title}")
    found = publication.quotes(review)
    return render(
        request,
        "scr/overview_section.html",
        {
            "review": review,
            "section": section,
            "form": draft.form,
            "conflict": draft.conflict,
            "editable": editable,
            "preview": to_html(publication.with_quotes(section.text, found)),
            "quotes": list(found.values()),
            "comments": list(section.comments.select_related("by")),
            "comment_form": _posting_to(CommentForm(), "overview_comment", pk, key)
            if who.panel
            else None,
        },
    )


@require_POST
def overview_comment(request: HttpRequest, pk: int, key: str) -> HttpResponse:
    review, who = _review(request, pk, lambda w: w.panel)
    section = _overview_section(request, review, key)
    form = CommentForm(request.POST)
    if form.is_valid():
        publication.section_comment_add(
            section=section, by=request.user, text=form.cleaned_data["text"]
        )
        messages.success(request, "Your comment is added.")
    else:
        messages.error(request, "Enter your comment before adding it.")
    return redirect("overview_section", pk=pk, key=key)


@require_POST
def overview_recommend(request: HttpRequest, pk: int) -> HttpResponse:
    review, _ = _review(request, pk, lambda w: w.panel_chair or w.manager)
    try:
        publication.overview_recommend(
            report=publication.overview_for(review), by=request.user, today=timezone.localdate()
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("overview_detail", pk=pk)
    return _done(
        request, "The panel's recommendation to the board is recorded.", "overview_detail", pk
    )


@require_POST
def overview_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    review, _ = _review(request, pk, lambda w: w.panel_chair or w.manager)
    try:
        publication.overview_reopen(report=publication.overview_for(review), by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("overview_detail", pk=pk)
    return _done(request, "The report is open for the author again.", "overview_detail", pk)


@require_http_methods(["GET", "POST"])
def overview_accept(request: HttpRequest, pk: int) -> HttpResponse:
    review, _ = _review(request, pk, _managers)
    report = publication.overview_for(review)
    form = AcceptForm(posted(request), initial={"accepted_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            publication.overview_accept(
                report=report,
                by=request.user,
                on=form.cleaned_data["accepted_on"],
                meeting=form.cleaned_data["accepted_at"],
                amendments=form.cleaned_data["amendments"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _done(request, "The board's acceptance is recorded.", "overview_detail", pk)
    return render(request, "scr/overview_accept.html", {"review": review, "form": form})


@require_POST
def review_sign_off(request: HttpRequest, pk: int) -> HttpResponse:
    review, _ = _review(request, pk, lambda w: w.board_chair)
    try:
        publication.review_sign_off(
            report=publication.overview_for(review), by=request.user, today=timezone.localdate()
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect("overview_detail", pk=pk)
    return _done(request, "The review is signed off as complete.", "overview_detail", pk)


# The executive summary -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def summary_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _summary_page(request, pk)


def _summary_page(request: HttpRequest, pk: int, step_errors: list[str] | None = None):
    review, who = _review(request, pk, _readers)
    summary = publication.summary_for(review)
    editable = (who.author or who.manager) and not summary.published_on
    saving = request.method == "POST" and step_errors is None
    if saving and not editable:
        raise refuse(request, Review, {"pk": pk})
    draft = handle_draft(
        request,
        DraftForm(
            request.POST if saving else None,
            recommendations=True,
            initial={
                "text": summary.text,
                "revision": summary.revision,
                "recommendations": summary.recommendations,
            },
        ),
        lambda data: publication.summary_save(
            summary=summary,
            by=request.user,
            text=data["text"],
            revision=data["revision"],
            recommendations=data.get("recommendations"),
        ),
        remake=lambda data: DraftForm(data, recommendations=True),
        done="The executive summary is saved.",
        then=lambda saved: reverse("summary_detail", args=[pk]),
        active=saving,
    )
    if draft.response:
        return draft.response
    if request.method == "GET":
        log_access(request, AccessAction.VIEW, review, description="Executive summary")
    form, conflict = draft.form, draft.conflict
    today = timezone.localdate()
    return render(
        request,
        "scr/summary_detail.html",
        {
            "review": review,
            "summary": summary,
            "form": form,
            "conflict": conflict,
            "editable": editable,
            "who": who,
            "problems": publication.publication_problems(summary),
            "step_errors": step_errors or [],
            "preview": to_html(summary.text),
            "dp_form": _posting_to(
                DateForm(
                    label="Date of the data protection check",
                    submit="Record the data protection check",
                    initial={"on": today},
                ),
                "summary_data_protection",
                pk,
            ),
            "shared_form": _posting_to(
                SharedForm(initial={"shared_on": today}), "summary_shared", pk
            ),
            "proceedings_form": _posting_to(
                ProceedingsForm(
                    initial={
                        "proceedings": summary.proceedings,
                        "ended_on": summary.proceedings_ended_on,
                    }
                ),
                "summary_proceedings",
                pk,
            ),
        },
    )


def _summary_step(request: HttpRequest, pk: int, step) -> HttpResponse:
    """Run one step of the checks; what stops it is shown in the page's error summary."""
    review, _ = _review(request, pk, _managers)
    summary = publication.summary_for(review)
    try:
        message = step(summary)
    except ValidationError as error:
        return _summary_page(request, pk, step_errors=error.messages)
    messages.success(request, message)
    return redirect("summary_detail", pk=pk)


@require_POST
def summary_check(request: HttpRequest, pk: int) -> HttpResponse:
    def run(summary):
        problems = publication.summary_leak_check(summary=summary, by=request.user)
        if problems:
            raise ValidationError(
                ["The leak check found something that could identify someone:", *problems]
            )
        return "The leak check found nothing that could identify anyone."

    return _summary_step(request, pk, run)


@require_POST
def summary_data_protection(request: HttpRequest, pk: int) -> HttpResponse:
    def run(summary):
        form = DateForm(request.POST, label="Date of the data protection check", submit="")
        form.is_valid()
        publication.summary_data_protection(
            summary=summary,
            by=request.user,
            on=form.cleaned_data.get("on"),
            today=timezone.localdate(),
        )
        return "The data protection check is recorded."

    return _summary_step(request, pk, run)


@require_POST
def summary_shared(request: HttpRequest, pk: int) -> HttpResponse:
    def run(summary):
        form = SharedForm(request.POST)
        form.is_valid()
        publication.summary_shared(
            summary=summary,
            by=request.user,
            on=form.cleaned_data.get("shared_on"),
            shared_by=form.cleaned_data.get("shared_by", ""),
            today=timezone.localdate(),
        )
        return "Sharing the summary with the family is recorded."

    return _summary_step(request, pk, run)


@require_POST
def summary_proceedings(request: HttpRequest, pk: int) -> HttpResponse:
    def run(summary):
        form = ProceedingsForm(request.POST)
        form.is_valid()
        publication.summary_proceedings(
            summary=summary,
            by=request.user,
            proceedings=form.cleaned_data.get("proceedings", ""),
            ended_on=form.cleaned_data.get("ended_on"),
            today=timezone.localdate(),
        )
        return "The criminal proceedings are recorded."

    return _summary_step(request, pk, run)


@require_POST
def summary_publish(request: HttpRequest, pk: int) -> HttpResponse:
    def run(summary):
        publication.summary_publish(summary=summary, by=request.user, today=timezone.localdate())
        return "The executive summary is published."

    return _summary_step(request, pk, run)


def summary_published(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_for_user_or_404(request, REVIEWS, Perm.VIEW_REVIEW, pk=pk)
    summary = publication.summary_for(review)
    path = private_folder("published").file(summary.published_file)
    if path is None:
        raise refuse(request, Review, {"pk": pk})
    log_access(request, AccessAction.DOWNLOAD, review, description="Published executive summary")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        content_type="application/pdf",
        filename=f"{review.reference}-executive-summary.pdf",
    )


# Readiness, the bundle and the evaluation ------------------------------------------------------


def review_readiness(request: HttpRequest, pk: int) -> HttpResponse:
    review, _ = _review(request, pk, lambda w: w.manager or w.board_chair or w.panel_chair)
    areas = readiness.readiness(review)
    return render(
        request,
        "scr/readiness.html",
        {"review": review, "areas": areas, "all_met": all(a.met for a in areas)},
    )


def _bundle(request, review, bundle_pk: int) -> Bundle:
    found = Bundle.objects.filter(review=review, pk=bundle_pk).first()
    if found is None:
        raise refuse(request, Bundle, {"pk": bundle_pk})
    return found


@require_http_methods(["GET", "POST"])
def review_bundles(request: HttpRequest, pk: int) -> HttpResponse:
    from django.db import transaction

    from scr.tasks import build_bundle

    review, _ = _review(request, pk, _managers)
    if request.method == "POST":
        made = Bundle.objects.create(review=review, requested_by=request.user)
        transaction.on_commit(lambda: build_bundle.delay(made.pk))
        return redirect("review_bundle", pk=pk, bundle_pk=made.pk)
    return render(
        request,
        "scr/bundles.html",
        {
            "review": review,
            "bundles": Bundle.objects.filter(review=review).prefetch_related("sendings"),
        },
    )


@require_http_methods(["GET", "POST"])
def review_bundle(request: HttpRequest, pk: int, bundle_pk: int) -> HttpResponse:
    review, _ = _review(request, pk, _managers)
    bundle = _bundle(request, review, bundle_pk)
    form = SentForm(posted(request), initial={"sent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            publication.bundle_sent(
                bundle=bundle,
                by=request.user,
                recipient=form.cleaned_data["recipient"],
                on=form.cleaned_data["sent_on"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The sending is recorded.")
            return redirect("review_bundle", pk=pk, bundle_pk=bundle_pk)
    return render(
        request,
        "scr/bundle.html",
        {
            "review": review,
            "bundle": bundle,
            "form": form,
            "sendings": list(bundle.sendings.all()),
            "done": bundle.status == BundleStatus.DONE,
        },
    )


def bundle_file(request: HttpRequest, pk: int, bundle_pk: int, fmt: str) -> HttpResponse:
    review, _ = _review(request, pk, _managers)
    bundle = _bundle(request, review, bundle_pk)
    name = {"pdf": bundle.pdf_name, "zip": bundle.zip_name}.get(fmt, "")
    path = private_folder("bundles").file(name)
    if path is None:
        raise refuse(request, Bundle, {"pk": bundle_pk})
    log_access(request, AccessAction.DOWNLOAD, review, description=f"Submission bundle ({fmt})")
    return FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=f"{review.reference}-bundle.{fmt}",
        content_type="application/pdf" if fmt == "pdf" else "application/zip",
    )


@require_http_methods(["GET", "POST"])
def review_evaluation(request: HttpRequest, pk: int) -> HttpResponse:
    review, _ = _review(request, pk, _managers)
    current = Evaluation.objects.filter(review=review).first()
    initial = {"received_on": timezone.localdate()}
    if current:
        initial = {f"area_{k}": v for k, v in current.grades.items()}
        initial.update(
            received_on=current.received_on,
            overall=current.overall,
            letter_reference=current.letter_reference,
            letter_text=current.letter_text,
        )
    form = EvaluationForm(posted(request), initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            publication.evaluation_record(
                review=review,
                by=request.user,
                received_on=form.cleaned_data["received_on"],
                grades=form.grades(),
                overall=form.cleaned_data["overall"],
                letter_reference=form.cleaned_data["letter_reference"],
                letter_text=form.cleaned_data["letter_text"],
                today=timezone.localdate(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            return _done(request, "Ofsted's evaluation is recorded.", "review_evaluation", pk)
    return render(
        request,
        "scr/evaluation.html",
        {"review": review, "form": form, "current": current, "areas": EVALUATION_AREAS},
    )


# Retention -------------------------------------------------------------------------------------


def board_retention(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_board_or_404(request, slug, Perm.MANAGE_PEOPLE)
    today = timezone.localdate()
    return render(
        request,
        "scr/retention.html",
        {
            "board": board,
            "due": retention.due_for_board(board, today),
            "holds": LegalHold.objects.filter(
                review__board=board, lifted_on__isnull=True
            ).select_related("review", "placed_by"),
            "tombstones": Tombstone.objects.filter(review__board=board).select_related(
                "review", "destroyed_by"
            )[:50],
            "kinds": registry.retention_types,
        },
    )


@require_POST
def retention_destroy(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    review, _ = _review(request, pk, _managers)
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Tick the box to confirm the destruction.")
    else:
        try:
            stones = retention.destroy(
                review=review, kind_key=kind, by=request.user, today=timezone.localdate()
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                f"{len(stones)} record{'s' if len(stones) != 1 else ''} "
                "destroyed; a note of each is kept.",
            )
    return redirect("board_retention", slug=review.board.slug)


@require_http_methods(["GET", "POST"])
def review_hold(request: HttpRequest, pk: int) -> HttpResponse:
    review, _ = _review(request, pk, _managers)
    hold = LegalHold.objects.filter(review=review, lifted_on__isnull=True).first()
    form = HoldForm(posted(request) if request.POST.get("part") != "lift" else None)
    if request.method == "POST":
        try:
            if request.POST.get("part") == "lift" and hold:
                retention.hold_lift(hold=hold, by=request.user, today=timezone.localdate())
                return _done(request, "The legal hold is lifted.", "review_hold", pk)
            if form.is_valid():
                retention.hold_place(
                    review=review,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    today=timezone.localdate(),
                )
                return _done(request, "The legal hold is in place.", "review_hold", pk)
        except ValidationError as error:
            apply_errors(form, error)
    return render(request, "scr/legal_hold.html", {"review": review, "hold": hold, "form": form})


@require_http_methods(["GET", "POST"])
def out_of_area(request: HttpRequest, pk: int) -> HttpResponse:
    """A contribution to another board's review: who commissioned it, and what was sent on."""
    from scr.models import OutOfAreaSending
    from scr.overview_forms import CommissioningForm, SendOnForm

    review, _ = _review(request, pk, _managers)
    which = request.GET.get("part") if request.method == "POST" else None
    documents = publication.sendable_documents(review)
    commissioning = CommissioningForm(
        request.POST if which == "commissioning" else None,
        initial={
            "commissioned_by": review.commissioned_by,
            "reference": review.commissioning_reference,
        },
    )
    send = SendOnForm(
        request.POST if which == "send" else None,
        documents=documents,
        initial={"sent_to": review.commissioned_by, "sent_on": timezone.localdate()},
    )
    bound = {"commissioning": commissioning, "send": send}.get(which)
    if bound is not None and bound.is_valid():
        data = bound.cleaned_data
        try:
            if which == "commissioning":
                publication.commissioning_save(
                    review=review,
                    by=request.user,
                    commissioned_by=data["commissioned_by"],
                    reference=data["reference"],
                )
                done = "The commissioning board is recorded."
            else:
                publication.out_of_area_send(
                    review=review,
                    by=request.user,
                    documents=data["documents"],
                    sent_to=data["sent_to"],
                    on=data["sent_on"],
                    today=timezone.localdate(),
                )
                done = "What was sent is recorded."
        except ValidationError as error:
            apply_errors(bound, error)
        else:
            messages.success(request, done)
            return redirect("out_of_area", pk=pk)
    commissioning.helper.form_action = "?part=commissioning"
    send.helper.form_action = "?part=send"
    return render(
        request,
        "scr/out_of_area.html",
        {
            "review": review,
            "commissioning": commissioning,
            "send": send,
            "documents": documents,
            "sendings": OutOfAreaSending.objects.filter(review=review).select_related("by"),
        },
    )
