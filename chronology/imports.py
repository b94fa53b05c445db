"""Uploading a chronology: the file is stored under a random name outside the web root, read by its
content, its headings matched to the board's columns (the author confirms any guess), and every
row reported before anything is saved. Nothing is saved until the author confirms."""

import uuid
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from scr.access import get_board_or_404, log_access, refuse
from scr.models import Board
from scr.models.audit import AccessAction

from . import importing, services
from .forms import UploadForm
from .models import ChildSeen
from .views import _agency_chronology

EXTRA_KEYS = {
    "learned_on": "Date the agency learned of it",
    "views_wishes": "The child's views and wishes",
    "good_practice": "Good practice",
    "concern": "Concern",
}
PREVIEW_ROWS = 200


def _folder() -> Path:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _session_key(chronology) -> str:
    return f"chronology-import-{chronology.pk}"


def _pending(request, chronology) -> dict | None:
    pending = request.session.get(_session_key(chronology))
    if pending and (_folder() / pending["stored"]).is_file():
        return pending
    return None


def _discard(request, chronology) -> None:
    pending = request.session.pop(_session_key(chronology), None)
    if pending:
        (_folder() / pending["stored"]).unlink(missing_ok=True)


def _key_choices(board: Board) -> list[tuple[str, str]]:
    return [
        ("", "Leave this column out"),
        *((c["key"], c["label"]) for c in board.chronology_columns),
        *EXTRA_KEYS.items(),
    ]


def _existing_keys(chronology) -> set[tuple]:
    return {
        (e.occurred_on, " ".join(e.event.split()).lower())
        for e in chronology.entries.only("occurred_on", "event")
    }


def _understand(chronology, pending: dict):
    """Read the stored file again, apply the author's choices of columns, and sort the rows into
    new, already held, and not understood."""
    data = (_folder() / pending["stored"]).read_bytes()
    table = importing.read_table(data, pending["filename"], table_index=pending["table"])
    matches = importing.match_headers(table.headers, chronology.review.board.chronology_columns)
    for match in matches:
        chosen = pending["mapping"].get(str(match.index))
        if chosen is not None:
            match.key, match.confident = (chosen or None), True
    results = importing.parse_rows(table, matches, today=timezone.localdate())
    held = _existing_keys(chronology)
    new, already, bad = [], [], []
    for result in results:
        if not result.ok:
            bad.append(result)
            continue
        key = (result.values["occurred"].value, " ".join(result.values["event"].split()).lower())
        (already if key in held else new).append(result)
    return table, matches, new, already, bad


def _shown_row(result: importing.RowResult) -> dict:
    """A new row as the preview shows it: in words, never the stored codes."""
    values = result.values
    when = values["time"].strftime("%H:%M") if values["time"] else result.time_text
    seen = values["child_seen"]
    return {
        "line": result.line,
        "date": " ".join(part for part in (values["occurred"].display(), when) if part),
        "event": values["event"],
        "child_seen": ChildSeen(seen).label if seen else "",
    }


@require_http_methods(["GET", "POST"])
def chronology_import(request: HttpRequest, pk: int, agency_pk: int) -> HttpResponse:
    chronology = _agency_chronology(request, pk, agency_pk)
    review = chronology.review
    step = request.POST.get("step") if request.method == "POST" else None
    form = UploadForm(request.POST if step == "upload" else None, request.FILES or None)

    if step == "cancel":
        _discard(request, chronology)
        messages.success(request, "The upload is cancelled. Nothing was saved.")
        return redirect("agency_chronology", pk=pk, agency_pk=agency_pk)

    if step == "upload" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > importing.MAX_BYTES:
            form.add_error(
                "file",
                f"The file is {upload.size / 1048576:.1f} MB; the largest we accept is 10 MB.",
            )
        else:
            data = upload.read()
            table_index = (form.cleaned_data["table"] or 1) - 1
            try:
                importing.read_table(data, upload.name, table_index=table_index)
            except importing.ImportRefused as refused:
                form.add_error("file", str(refused))
            else:
                _discard(request, chronology)
                stored = f"{uuid.uuid4().hex}.upload"
                (_folder() / stored).write_bytes(data)
                request.session[_session_key(chronology)] = {
                    "stored": stored,
                    "filename": upload.name[:200],
                    "table": table_index,
                    "mapping": {},
                }
                return redirect("chronology_import", pk=pk, agency_pk=agency_pk)

    pending = _pending(request, chronology) if step != "upload" else None
    if pending is None:
        return render(
            request,
            "chronology/import_upload.html",
            {"review": review, "chronology": chronology, "form": form},
        )

    if step == "columns":
        allowed = {key for key, _ in _key_choices(review.board)}
        pending["mapping"] = {
            name.removeprefix("column-"): value
            for name, value in request.POST.items()
            if name.startswith("column-") and value in allowed
        }
        request.session[_session_key(chronology)] = pending
        return redirect("chronology_import", pk=pk, agency_pk=agency_pk)

    try:
        table, matches, new, already, bad = _understand(chronology, pending)
    except importing.ImportRefused as refused:
        _discard(request, chronology)
        form.add_error("file", str(refused))
        return render(
            request,
            "chronology/import_upload.html",
            {"review": review, "chronology": chronology, "form": form},
        )

    if step == "confirm":
        if not new:
            messages.error(request, "There are no new rows to add.")
        else:
            added = services.import_confirm(
                chronology=chronology,
                by=request.user,
                today=timezone.localdate(),
                rows=[{**result.values, "time_text": result.time_text} for result in new],
            )
            _discard(request, chronology)
            left = f" {len(bad)} rows with problems were left out." if bad else ""
            messages.success(request, f"{added} rows are added to your chronology.{left}")
            return redirect("agency_chronology", pk=pk, agency_pk=agency_pk)

    unsure = [m for m in matches if not m.confident or m.key is None]
    return render(
        request,
        "chronology/import_preview.html",
        {
            "review": review,
            "chronology": chronology,
            "pending": pending,
            "matches": matches,
            "unsure": unsure,
            "choices": _key_choices(review.board),
            "labels": dict(_key_choices(review.board)),
            "new": [_shown_row(result) for result in new[:PREVIEW_ROWS]],
            "new_count": len(new),
            "already_count": len(already),
            "bad": bad[:PREVIEW_ROWS],
            "bad_count": len(bad),
        },
    )


def blank_template(request: HttpRequest, slug: str, fmt: str) -> HttpResponse:
    board = get_board_or_404(request, slug)
    if fmt not in ("xlsx", "docx"):
        raise refuse(request, Board, {"slug": slug})
    make = importing.blank_template_xlsx if fmt == "xlsx" else importing.blank_template_docx
    content = make(board.chronology_columns, board.name)
    log_access(request, AccessAction.DOWNLOAD, board, description=f"Blank chronology ({fmt})")
    kind = {
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }[fmt]
    response = HttpResponse(content, content_type=kind)
    response["Content-Disposition"] = (
        f'attachment; filename="{board.slug}-chronology-template.{fmt}"'
    )
    return response
