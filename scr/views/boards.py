from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from scr import lifecycle, services
from scr.access import Perm, can, get_board_or_404, get_for_user_or_404
from scr.forms import AgencyForm, BoardForm, PersonForm
from scr.models import Agency, Discipline, SetupLetterKind
from scr.selectors import board_people
from scr.views.util import apply_errors, posted


def board_detail(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_board_or_404(request, slug)
    disciplines = [Discipline(d).label for d in board.decision_quorum_required_disciplines]
    return render(
        request,
        "scr/board_detail.html",
        {
            "board": board,
            "can_edit": can(request.user, Perm.EDIT_BOARD, board),
            "can_manage": can(request.user, Perm.MANAGE_PEOPLE, board),
            "quorum_disciplines": disciplines,
            "setup_letter_kinds": SetupLetterKind.choices,
            "milestones": [
                (m, lifecycle.rule_label(m.get("event", "")) or "marked done by hand")
                for m in board.milestones
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def board_edit(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_board_or_404(request, slug, Perm.EDIT_BOARD)
    form = BoardForm(posted(request), instance=board, version=services.version_of(board))
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        try:
            services.board_update(
                board=board,
                by=request.user,
                version=form.cleaned_data["version"],
                **fields,
                **form.list_values(),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The board's settings are saved.")
            return redirect("board_detail", slug=board.slug)
    return render(request, "scr/board_edit.html", {"board": board, "form": form})


def agency_list(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_board_or_404(request, slug, Perm.MANAGE_AGENCIES)
    return render(
        request,
        "scr/agency_list.html",
        {"board": board, "agencies": Agency.objects.filter(board=board)},
    )


@require_http_methods(["GET", "POST"])
def agency_edit(request: HttpRequest, slug: str, pk: int | None = None) -> HttpResponse:
    board = get_board_or_404(request, slug, Perm.MANAGE_AGENCIES)
    agency = (
        get_for_user_or_404(request, Agency.objects.all(), pk=pk, board=board)
        if pk
        else Agency(board=board)
    )
    version = services.version_of(agency) if pk else ""
    form = AgencyForm(posted(request), instance=agency, board=board, version=version)
    if request.method == "POST" and form.is_valid():
        try:
            services.agency_save(
                agency=form.instance, by=request.user, version=form.cleaned_data["version"] or None
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{form.instance.name} is saved.")
            return redirect("agency_list", slug=board.slug)
    return render(request, "scr/agency_edit.html", {"board": board, "form": form, "agency": agency})


def people_list(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_board_or_404(request, slug, Perm.MANAGE_PEOPLE)
    return render(
        request, "scr/people_list.html", {"board": board, "memberships": board_people(board)}
    )


@require_http_methods(["GET", "POST"])
def person_add(request: HttpRequest, slug: str) -> HttpResponse:
    board = get_board_or_404(request, slug, Perm.MANAGE_PEOPLE)
    form = PersonForm(posted(request), board=board)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.person_add_to_board(
                board=board, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, f"{membership.user} added as {membership.get_role_display().lower()}."
            )
            return redirect("people_list", slug=board.slug)
    return render(request, "scr/person_add.html", {"board": board, "form": form})
