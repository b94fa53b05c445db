"""The set-up letters checklist: which letters a review needs, generating each, marking it sent."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from scr import services, setup_letters
from scr.access import Perm, can, get_board_or_404, get_for_user_or_404, log_access, refuse
from scr.forms import LetterSentForm, LetterTemplateForm, SetupLettersForm
from scr.models import Review, SetupLetter, SetupLetterKind
from scr.models.audit import AccessAction
from scr.views.util import apply_errors, posted

REVIEWS = Review.objects.select_related("board")


def _letter(request: HttpRequest, pk: int, letter_pk: int) -> SetupLetter:
    review = get_for_user_or_404(request, REVIEWS, Perm.MANAGE_REVIEW, pk=pk)
    letter = review.setup_letters.select_related("review__board").filter(pk=letter_pk).first()
    if letter is None:
        raise refuse(request, SetupLetter, {"pk": letter_pk})
    return letter


@require_http_methods(["GET", "POST"])
def review_letters(request: HttpRequest, pk: int) -> HttpResponse:
    review = get_for_user_or_404(request, REVIEWS, Perm.MANAGE_REVIEW, pk=pk)
    form = SetupLettersForm(posted(request), initial=setup_letters.case_facts(review))
    if request.method == "POST" and form.is_valid():
        try:
            added = services.setup_letters_prepare(
                review=review, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request,
                f"{added} letter{'s' if added != 1 else ''} added to the checklist."
                if added
                else "The checklist already had every letter.",
            )
            return redirect("review_letters", pk=review.pk)
    letters = setup_letters.sorted_letters(review.setup_letters.all())
    return render(
        request,
        "scr/review_letters.html",
        {
            "review": review,
            "form": form,
            "letters": letters,
            "unsent": sum(1 for letter in letters if not letter.sent_on),
            "can_manage": True,
            "can_edit_board": can(request.user, Perm.EDIT_BOARD, review.board),
            "kinds": SetupLetterKind,
        },
    )


def setup_letter_download(request: HttpRequest, pk: int, letter_pk: int, fmt: str) -> HttpResponse:
    letter = _letter(request, pk, letter_pk)
    if fmt not in ("pdf", "docx"):
        raise refuse(request, SetupLetter, {"pk": letter_pk})
    content, content_type = setup_letters.as_file(letter, fmt)
    services.setup_letter_generated(letter=letter, by=request.user, on=timezone.localdate())
    log_access(
        request,
        AccessAction.DOWNLOAD,
        letter,
        board=letter.review.board,
        review=letter.review,
        description=f"{letter.get_kind_display()} to {letter.recipient} ({fmt})",
    )
    response = HttpResponse(content, content_type=content_type)
    name = f"{letter.review.reference}-letter-{letter.kind}-{letter.pk}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
def setup_letter_sent(request: HttpRequest, pk: int, letter_pk: int) -> HttpResponse:
    letter = _letter(request, pk, letter_pk)
    form = LetterSentForm(posted(request), initial={"sent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.setup_letter_sent(
                letter=letter, by=request.user, today=timezone.localdate(), **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"The letter to {letter.recipient} is marked as sent.")
            return redirect("review_letters", pk=pk)
    return render(
        request,
        "scr/letter_sent.html",
        {"review": letter.review, "letter": letter, "form": form},
    )


@require_http_methods(["GET", "POST"])
def setup_letter_template_edit(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    board = get_board_or_404(request, slug, Perm.EDIT_BOARD)
    if kind not in SetupLetterKind.values:
        raise refuse(request, type(board), {"slug": slug})
    template = setup_letters.template_for(board, kind)
    return edit_template(
        request, board, template, SetupLetterKind(kind).label, setup_letters.PLACEHOLDERS
    )


def edit_template(request: HttpRequest, board, template, title: str, placeholders) -> HttpResponse:
    """The page on which a board rewords one of its letters (any stage's template model)."""
    form = LetterTemplateForm(
        posted(request),
        placeholders=placeholders,
        version=services.version_of(template),
        initial={"subject": template.subject, "body": template.body},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_template_update(template=template, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The letter is saved.")
            return redirect("board_detail", slug=board.slug)
    return render(
        request,
        "scr/letter_template_edit.html",
        {"board": board, "form": form, "title": title, "placeholders": placeholders},
    )
