"""Every spreadsheet and CSV file the product writes holds text as text: nothing typed into a row,
a name or a heading reaches the reader as a live formula (OWASP's CSV injection advice)."""

import csv
import io
import zipfile
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from chronology import services as chronology
from chronology.importing import blank_template_xlsx
from scr.models import Agency
from scr.spreadsheets import FORMULA_STARTS, safe_cell, safe_row

HOSTILE = [
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://x","y")',
    "+1",
    "-1+2",
    "@SUM(A1)",
    "\tcalc",
    "\r=1+1",
]


def cells(data: bytes):
    book = load_workbook(io.BytesIO(data))
    return [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]


def assert_no_formula(data: bytes) -> list:
    """Every cell's value, having checked that none is a formula and no text starts as one."""
    found = cells(data)
    assert found
    for cell in found:
        assert cell.data_type != "f", (cell.coordinate, cell.value)
        if isinstance(cell.value, str):
            assert not cell.value.startswith(FORMULA_STARTS), (cell.coordinate, cell.value)
    return [cell.value for cell in found]


# --- the helper ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE)
def test_text_that_starts_as_a_formula_is_quoted_and_kept(text):
    assert safe_cell(text) == "'" + text


@pytest.mark.parametrize(
    "value", [None, 3, -1, 2.5, date(2024, 3, 12), datetime(2024, 3, 12, 14, 30), "Home visit", ""]
)
def test_numbers_dates_and_plain_text_are_left_as_they_are(value):
    assert safe_cell(value) == value


def test_a_csv_file_written_through_the_helper_has_no_cell_starting_as_a_formula():
    buffer = io.StringIO()
    csv.writer(buffer).writerows([safe_row(["Event", *HOSTILE, 3])])
    (row,) = csv.reader(io.StringIO(buffer.getvalue(), newline=""))
    assert row == ["Event", *("'" + text for text in HOSTILE), "3"]
    assert not any(cell.startswith(FORMULA_STARTS) for cell in row)


# --- the chronology -----------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("anonymised", [False, True])
def test_the_chronology_workbook_holds_no_formula_named_or_anonymised(
    world, client_for, anonymised
):
    review, by = world.review, world.users["manager"]
    chronology.person_save(review=review, by=by, kind="family", code="Parent 1", name="Jo Bloggs")
    police = chronology.chronology_for(
        review, world.review.roles.get(user=world.users["author_police"]).agency
    )
    cop = world.users["author_police"]
    for text in [*HOSTILE, '=HYPERLINK("http://x","Jo Bloggs")']:
        chronology.entry_save(
            chronology=police,
            by=cop,
            today=timezone.localdate(),
            occurred_precision="exact",
            occurred_on=date(2024, 3, 12),
            event=text,
            action=text,
        )
    chronology.chronology_submit(chronology=police, by=cop, now=timezone.now())
    url = reverse("chronology_export", args=[review.pk, "xlsx"])
    response = client_for("panel_chair").get(url + ("?anonymised=1" if anonymised else ""))
    assert response.status_code == 200
    values = assert_no_formula(response.content)
    for text in HOSTILE:
        assert "'" + text.replace("\r", "\n") in values or "'" + text in values
    named = '\'=HYPERLINK("http://x","Jo Bloggs")'
    coded = '\'=HYPERLINK("http://x","Parent 1")'
    assert (coded if anonymised else named) in values
    assert (named if anonymised else coded) not in values


def test_the_blank_template_quotes_a_boards_headings_and_name():
    columns = [{"key": "date", "label": "Date"}, {"key": "event", "label": '=HYPERLINK("x")'}]
    values = assert_no_formula(blank_template_xlsx(columns, "@Board"))
    assert '\'=HYPERLINK("x")' in values and "'@Board: agency chronology" in values


# --- the tracker and the annual figures ---------------------------------------------------------


@pytest.mark.django_db
def test_the_tracker_workbook_holds_no_formula(world, client_for):
    first = Agency.objects.filter(board=world.luton, is_active=True).order_by("pk").first()
    Agency.objects.filter(pk=first.pk).update(name=HOSTILE[0])
    Agency.objects.create(board=world.luton, name=HOSTILE[1], discipline="health")
    url = reverse("review_tracker_file", args=[world.review.pk, "xlsx"])
    values = assert_no_formula(client_for("manager").get(url).content)
    assert "'" + HOSTILE[0] in values and "'" + HOSTILE[1] in values


@pytest.mark.django_db
def test_the_annual_figures_hold_no_formula_and_keep_their_numbers(world, client_for):
    world.luton.name = HOSTILE[1]
    world.luton.save(update_fields=["name"])
    year = timezone.localdate().year
    url = reverse("annual_report", args=[world.luton.slug]) + f"?year={year}&format=xlsx"
    values = assert_no_formula(client_for("manager").get(url).content)
    assert f"'{HOSTILE[1]}: reviews in {year}" in values
    assert any(type(value) is int for value in values)  # figures stay numbers


# --- the action plans ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_action_plan_report_is_a_word_document_that_runs_nothing_typed(world, client_for):
    """The RAG report is written as PDF and Word, never as a spreadsheet; Word reads a cell's
    text as text, so the guard is that the document carries no field codes."""
    from tests.actionplans.world import build_plans

    plans = build_plans(world)
    Agency.objects.filter(pk=plans.police.agency_id).update(name=HOSTILE[1])
    today = timezone.localdate()
    query = f"on_0={today.day}&on_1={today.month}&on_2={today.year}&fmt=docx"
    response = client_for("board_chair").get(f"{reverse('plans_report')}?{query}")
    document = zipfile.ZipFile(io.BytesIO(response.content)).read("word/document.xml").decode()
    assert "HYPERLINK(&quot;http://x&quot;" in document or 'HYPERLINK("http://x"' in document
    assert "instrText" not in document and "fldSimple" not in document
