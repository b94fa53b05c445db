"""Learning: a review's lessons and debrief events, the themes report across the reviews a user
may see, and the board's annual figures."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from scr import learning
from scr.access import Perm, can, get_board_or_404, has_board_role, log_access, refuse
from scr.models import Board, BoardRole
from scr.models.audit import AccessAction
from scr.overview_forms import DebriefForm, LessonForm, ThemesForm
from scr.selectors import reviews_for_user
from scr.views.overview import _review
from scr.views.util import apply_errors, posted


@require_http_methods(["GET", "POST"])
def review_learning(request: HttpRequest, pk: int) -> HttpResponse:
    review, who = _review(request, pk, lambda w: w.reader)
    writer = who.manager or who.panel_chair or who.lead
    which = request.GET.get("part") if request.method == "POST" else None
    if which and not writer:
        raise refuse(request, type(review), {"pk": pk})
    lesson_form = LessonForm(request.POST if which == "lesson" else None, board=review.board)
    debrief_form = DebriefForm(request.POST if which == "debrief" else None)
    bound = {"lesson": lesson_form, "debrief": debrief_form}.get(which)
    if bound is not None and bound.is_valid():
        data = bound.cleaned_data
        try:
            if which == "lesson":
                learning.lesson_add(
                    review=review, by=request.user, text=data["text"], themes=data["themes"]
                )
                done = "The lesson is added."
            else:
                learning.debrief_add(review=review, by=request.user, **data)
                done = "The event is added."
        except ValidationError as error:
            apply_errors(bound, error)
        else:
            messages.success(request, done)
            return redirect("review_learning", pk=pk)
    for form, name in ((lesson_form, "lesson"), (debrief_form, "debrief")):
        form.helper.form_action = f"?part={name}"
    return render(
        request,
        "scr/learning.html",
        {
            "review": review,
            "lessons": review.lessons.all(),
            "debriefs": review.debriefs.all(),
            "lesson_form": lesson_form,
            "debrief_form": debrief_form,
            "writer": writer,
        },
    )


def themes_report(request: HttpRequest) -> HttpResponse:
    reviews = list(reviews_for_user(request.user))
    rows = learning.themes_report(reviews)
    return render(request, "scr/themes_report.html", {"rows": rows, "review_count": len(reviews)})


def _annual_board(request: HttpRequest, slug: str) -> Board:
    board = get_board_or_404(request, slug)
    if not (
        can(request.user, Perm.MANAGE_PEOPLE, board)
        or has_board_role(request.user, board.pk, frozenset({BoardRole.BOARD_CHAIR}))
    ):
        raise refuse(request, Board, {"slug": slug})
    return board


def annual_report(request: HttpRequest, slug: str) -> HttpResponse:
    board = _annual_board(request, slug)
    this_year = timezone.localdate().year
    try:
        year = int(request.GET.get("year", this_year))
    except ValueError:
        year = this_year
    year = min(max(year, 2000), this_year)
    figures = learning.annual_figures(board, year)
    if request.GET.get("format") == "xlsx":
        log_access(
            request, AccessAction.DOWNLOAD, board=board, description=f"Annual figures {year}"
        )
        response = HttpResponse(
            learning.annual_xlsx(figures),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = f'attachment; filename="{board.slug}-{year}.xlsx"'
        return response
    return render(
        request,
        "scr/annual_report.html",
        {"board": board, "figures": figures, "years": range(this_year, this_year - 6, -1)},
    )


@require_http_methods(["GET", "POST"])
def board_themes(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_board_or_404(request, slug, Perm.EDIT_BOARD)
    form = ThemesForm(posted(request), initial={"themes": "\n".join(board.learning_themes)})
    if request.method == "POST" and form.is_valid():
        try:
            learning.themes_save(
                board=board, by=request.user, themes=form.cleaned_data["themes"].splitlines()
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The learning themes are saved.")
            return redirect("board_detail", slug=slug)
    return render(request, "scr/board_themes.html", {"board": board, "form": form})


@require_http_methods(["GET", "POST"])
def learning_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """A lighter review's report, written by its lead reviewer (or the office)."""
    from scr import alternative
    from scr.overview_forms import DraftForm
    from scr.text import to_html
    from scr.views.drafting import handle_draft

    review, who = _review(request, pk, lambda w: w.reader)
    summary = alternative.summary_for(review)
    editable = who.lead or who.manager
    if request.method == "POST" and not editable:
        raise refuse(request, type(review), {"pk": pk})
    draft = handle_draft(
        request,
        DraftForm(posted(request), initial={"text": summary.text, "revision": summary.revision}),
        lambda data: alternative.summary_save(
            summary=summary, by=request.user, text=data["text"], revision=data["revision"]
        ),
        remake=lambda data: DraftForm(data),
        done="The learning summary is saved.",
    )
    if draft.response:
        return draft.response
    if request.method == "GET":
        log_access(request, AccessAction.VIEW, review, description="Learning summary")
    form, conflict = draft.form, draft.conflict
    return render(
        request,
        "scr/learning_summary.html",
        {
            "review": review,
            "summary": summary,
            "form": form,
            "conflict": conflict,
            "editable": editable,
            "preview": to_html(summary.text),
            "path": alternative.lighter_path(review),
        },
    )


def learning_summary_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from scr import alternative
    from scr.text import to_html

    review, _ = _review(request, pk, lambda w: w.reader)
    summary = alternative.summary_for(review)
    html = render_to_string(
        "scr/summary_pdf.html",
        {
            "review": review,
            "board": review.board,
            "text": to_html(summary.text),
            "recommendations": "",
            "title": "Learning summary",
        },
    )
    log_access(request, AccessAction.DOWNLOAD, review, description="Learning summary (pdf)")
    response = HttpResponse(HTML(string=html).write_pdf(), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="{review.reference}-learning-summary.pdf"'
    )
    return response
