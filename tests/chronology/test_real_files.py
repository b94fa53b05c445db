"""Agencies' own files as they really come: a title block above the headings, times inside date
cells, times as people write them, and text that looks like a formula, kept as typed."""

import csv
import io
from datetime import date, datetime, time

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from chronology.fuzzydates import read_time
from chronology.importing import match_headers, parse_rows, read_table
from chronology.models import ChronologyEntry
from scr.board_defaults import GENERIC_CHRONOLOGY

TODAY = date(2026, 11, 23)
HEADINGS = ["Date", "Time (24 hour)", "Event and who was present", "Child seen"]
TITLE_BLOCK = [
    ["Bedfordshire Police"],
    ["Completed by:", "DC Smith"],
    ["Date completed:", "01/04/2024"],
    [],
]


def xlsx(rows) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(list(row))
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # what a person typed as text, not a formula
                cell.data_type = "s"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_file(rows) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def word(rows) -> bytes:
    document = docx.Document()
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    for row, values in zip(table.rows, rows, strict=True):
        for cell, value in zip(row.cells, values, strict=False):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def results(data: bytes, name: str):
    table = read_table(data, name)
    return table, parse_rows(table, match_headers(table.headers, GENERIC_CHRONOLOGY), today=TODAY)


# --- the title block ----------------------------------------------------------------------------


def test_a_title_block_above_the_headings_is_left_out_and_times_in_date_cells_are_read():
    data = xlsx(
        [
            *TITLE_BLOCK,
            HEADINGS,
            ["12/03/2024 14:30", "", "Home visit", "Yes"],
            [datetime(2024, 3, 13, 9, 15), None, "Phone call to school", "N/K"],
            [datetime(2024, 3, 14), "16:00", "Strategy discussion", "No"],
        ]
    )
    table, rows = results(data, "police.xlsx")
    assert table.headers == HEADINGS
    assert [r.line for r in rows] == [6, 7, 8]  # the spreadsheet's own row numbers
    assert all(r.ok for r in rows), [r.errors for r in rows]
    assert [(r.values["occurred"].value, r.values["time"]) for r in rows] == [
        (date(2024, 3, 12), time(14, 30)),
        (date(2024, 3, 13), time(9, 15)),
        (date(2024, 3, 14), time(16, 0)),
    ]
    assert [r.values["child_seen"] for r in rows] == ["yes", "not_known", "no"]


@pytest.mark.parametrize(("build", "name"), [(csv_file, "police.csv"), (word, "police.docx")])
def test_a_title_block_is_left_out_of_csv_files_and_word_tables_too(build, name):
    rows = [["Chronology of involvement"], ["Agency", "Police"], HEADINGS]
    table, parsed = results(build([*rows, ["12/03/2024 14:30", "", "Home visit", "Yes"]]), name)
    assert table.headers == HEADINGS
    assert parsed[0].ok and parsed[0].values["time"] == time(14, 30)


def test_a_date_the_agency_learned_of_it_may_carry_a_time():
    data = xlsx([["Date", "Date received", "Event"], ["12/03/2024", "13/03/2024 08:00", "Call"]])
    (result,) = results(data, "c.xlsx")[1]
    assert result.ok and result.values["learned_on"].value == date(2024, 3, 13)


# --- times as people write them -----------------------------------------------------------------

WRITTEN = [
    ("2pm", time(14, 0), ""),
    ("2.30 pm", time(14, 30), ""),
    ("14.30", time(14, 30), ""),
    ("am", None, "am"),
    ("pm", None, "pm"),
    ("P.M.", None, "P.M."),
    ("evening", None, "evening"),
    ("about 2pm", None, "about 2pm"),
]


@pytest.mark.parametrize(("text", "exact", "kept"), WRITTEN)
def test_times_as_people_write_them_are_read(text, exact, kept):
    assert read_time(text) == (exact, kept)
    in_a_column = xlsx([HEADINGS, ["12/03/2024", text, "Visit", ""]])
    in_the_date = xlsx([HEADINGS, [f"12/03/2024 {text}", "", "Visit", ""]])
    for data in (in_a_column, in_the_date):
        (result,) = results(data, "c.xlsx")[1]
        assert result.ok, result.errors
        assert result.values["occurred"].value == date(2024, 3, 12)
        assert (result.values["time"], result.time_text) == (exact, kept)


@pytest.mark.parametrize("text", ["25:00", "half two", "13pm", "about noonish later"])
def test_what_is_not_a_time_is_still_refused(text):
    (result,) = results(xlsx([HEADINGS, ["12/03/2024", text, "Visit", ""]]), "c.xlsx")[1]
    assert result.errors == [
        f'Time (24 hour): Cannot read "{text}" as a time. Use the 24-hour clock, like 14:30, or '
        "leave it blank."
    ]


# --- through the pages --------------------------------------------------------------------------


def _police(world):
    return world.review.roles.get(user=world.users["author_police"]).agency


def _upload(client, world, data: bytes, name: str) -> str:
    url = reverse("chronology_import", args=[world.review.pk, _police(world).pk])
    response = client.post(url, {"step": "upload", "file": SimpleUploadedFile(name, data)})
    assert response.status_code == 302
    return url


@pytest.mark.django_db
def test_an_agency_spreadsheet_with_a_title_block_is_previewed_in_words_and_saved(
    world, client_for
):
    client = client_for("author_police")
    data = xlsx(
        [
            *TITLE_BLOCK,
            HEADINGS,
            ["12/03/2024 14:30", "", "Home visit", "N/K"],
            [datetime(2024, 3, 13, 9, 15), None, "Seen at school", "Yes, seen alone"],
            ["14/03/2024", "pm", "Phone call", "not indicated"],
        ]
    )
    url = _upload(client, world, data, "police.xlsx")
    page = client.get(url).content.decode()
    assert "3 new rows to add" in page and "0 rows we could not read" in page
    assert "Not known" in page and "Yes, seen alone" in page and "Not indicated" in page
    assert "not_known" not in page and "not_indicated" not in page and ">alone<" not in page
    assert "12 Mar 2024 14:30" in page and "14 Mar 2024 pm" in page

    assert client.post(url, {"step": "confirm"}).status_code == 302
    saved = {e.event: e for e in ChronologyEntry.objects.all()}
    assert saved["Home visit"].time == time(14, 30)
    assert saved["Seen at school"].time == time(9, 15)
    assert saved["Seen at school"].child_seen == "alone"
    call = saved["Phone call"]
    assert (call.occurred_on, call.time, call.occurred_text) == (
        date(2024, 3, 14),
        None,
        "14/03/2024 pm",
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("build", "name"),
    [(csv_file, "c.csv"), (xlsx, "c.xlsx"), (word, "c.docx")],
)
def test_imports_keep_text_that_looks_like_a_formula_as_typed(world, client_for, build, name):
    client = client_for("author_police")
    typed = ["=1+1", '=HYPERLINK("http://x","y")', "+44 1234", "-1+2", "@SUM(A1)"]
    rows = [["Date", "Event", "Action"], *(["12/03/2024", text, text] for text in typed)]
    url = _upload(client, world, build(rows), name)
    client.post(url, {"step": "confirm"})
    saved = sorted(ChronologyEntry.objects.values_list("event", "action"))
    assert saved == sorted((text, text) for text in typed)


@pytest.mark.django_db
@pytest.mark.parametrize(("text", "exact", "kept"), [*WRITTEN, ("", None, "")])
def test_a_typed_row_takes_times_as_people_write_them(world, client_for, text, exact, kept):
    client = client_for("author_police")
    url = reverse("agency_chronology", args=[world.review.pk, _police(world).pk])
    response = client.post(
        url,
        {
            "occurred_precision": "exact",
            "occurred_on_0": "12",
            "occurred_on_1": "3",
            "occurred_on_2": "2024",
            "time": text,
            "event": "Home visit",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = ChronologyEntry.objects.get()
    assert entry.time == exact
    assert entry.occurred_text == (f"12 Mar 2024 {kept}" if kept else "")


@pytest.mark.django_db
def test_a_typed_time_that_is_not_a_time_is_refused_in_words(world, client_for):
    client = client_for("author_police")
    url = reverse("agency_chronology", args=[world.review.pk, _police(world).pk])
    response = client.post(
        url,
        {
            "occurred_precision": "unknown",
            "time": "half two",
            "event": "Home visit",
        },
    )
    assert response.status_code == 200
    assert "Cannot read &quot;half two&quot; as a time." in response.content.decode()
    assert not ChronologyEntry.objects.exists()
