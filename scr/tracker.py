"""A review's front sheet and per-agency tracker, built from the data each time (never typed
twice), for the page and for the PDF and .xlsx downloads."""

from dataclasses import dataclass
from io import BytesIO

from scr import registry
from scr.models import ContributionForm, Review, ReviewRoleKind, TermsOfReference
from scr.spreadsheets import append_row, write_rows


@dataclass
class Tracker:
    front: list[tuple[str, str]]
    headings: list[str]
    rows: list[list[str]]


def _date(value) -> str:
    return f"{value:%d %b %Y}" if value else ""


@registry.tracker_column
def _set_up(review: Review):
    cells = {}
    for i in review.involvements.select_related("author"):
        if not i.answered_on:
            cells[i.agency_id] = f"Asked {_date(i.requested_on)}, due {_date(i.answer_due)}"
        elif i.involved:
            cells[i.agency_id] = f"Involved; author {i.author.full_name if i.author else '?'}"
        else:
            cells[i.agency_id] = "Not involved"
    return "Involvement and author", cells


@registry.tracker_column
def _contribution(review: Review):
    terms = TermsOfReference.objects.filter(review=review).first()
    forms = terms.contributions if terms else {}
    return "Contribution (terms of reference)", {
        int(pk): ContributionForm(form).label for pk, form in forms.items()
    }


def build(review: Review) -> Tracker:
    roles = {r.role: r.user.full_name for r in review.roles.select_related("user")}
    terms = TermsOfReference.objects.filter(review=review).first()
    front = [
        ("Case reference", review.reference),
        ("Board", review.board.name),
        ("Review type", review.review_type_label),
        ("Child", review.child_code),
        ("Stage", review.stage_label),
        ("Started", _date(review.started_on)),
        ("Completion due", _date(review.completion_due)),
        (
            "Extensions",
            ", ".join(
                f"{e.get_status_display()} to {_date(e.proposed_date)}"
                for e in review.extensions.all()
            )
            or "None",
        ),
        ("Panel chair", roles.get(ReviewRoleKind.PANEL_CHAIR, "Not appointed")),
        ("Overview author", roles.get(ReviewRoleKind.OVERVIEW_AUTHOR, "Not appointed")),
        (
            "Terms of reference",
            f"Version {terms.version}, {terms.get_status_display().lower()}"
            if terms
            else "Not written",
        ),
    ]
    columns = [source(review) for source in registry.tracker_columns]
    agencies = review.board.agencies.filter(is_active=True).order_by("name")
    rows = [
        [agency.name, *[cells.get(agency.pk, "") for _, cells in columns]] for agency in agencies
    ]
    return Tracker(front=front, headings=["Agency", *[h for h, _ in columns]], rows=rows)


def as_xlsx(tracker: Tracker) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Front sheet"
    for label, value in tracker.front:
        append_row(sheet, [label, value])
        sheet.cell(row=sheet.max_row, column=1).font = Font(bold=True)
    agencies = book.create_sheet("Agencies")
    append_row(agencies, tracker.headings)
    for cell in agencies[1]:
        cell.font = Font(bold=True)
    write_rows(agencies, tracker.rows)
    for ws in (sheet, agencies):
        for column in ws.columns:
            ws.column_dimensions[column[0].column_letter].width = min(
                60, max(12, *(len(str(c.value or "")) for c in column))
            )
    out = BytesIO()
    book.save(out)
    return out.getvalue()
