"""Reading uploaded chronologies: chronology.importing (pure, no database). Files are built here
with openpyxl, python-docx, csv and zipfile."""

import csv
import io
import zipfile
from datetime import date, datetime, time

import docx
import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronology import importing
from chronology.fuzzydates import FuzzyDate
from chronology.importing import (
    CHILD_SEEN,
    MAX_BYTES,
    MAX_ROWS,
    HeaderMatch,
    ImportRefused,
    RowResult,
    Table,
    blank_template_docx,
    blank_template_xlsx,
    match_headers,
    parse_rows,
    read_table,
)
from scr.board_defaults import BOARDS, GENERIC_CHRONOLOGY

TODAY = date(2026, 11, 23)
MB = 1024 * 1024

BOARD_COLUMNS = {board["slug"]: board["chronology_columns"] for board in BOARDS}
ROTHERHAM = BOARD_COLUMNS["rotherham"]
MILTON_KEYNES = BOARD_COLUMNS["milton-keynes"]
# Each distinct layout once, named by a board that uses it.
LAYOUTS = {}
for _slug, _columns in BOARD_COLUMNS.items():
    if _columns not in LAYOUTS.values():
        LAYOUTS[_slug] = _columns


# --- building files -----------------------------------------------------------------------------


def xlsx_bytes(rows, *, sheets=None) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(list(row))
    for title, more in (sheets or {}).items():
        extra = workbook.create_sheet(title)
        for row in more:
            extra.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def docx_bytes(*tables, paragraphs=("A chronology",)) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    for rows in tables:
        table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
        for row, values in zip(table.rows, rows, strict=True):
            for cell, value in zip(row.cells, values, strict=False):
                cell.text = value
        document.add_paragraph("")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def csv_bytes(rows, *, delimiter=",", encoding="utf-8") -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows(rows)
    return buffer.getvalue().encode(encoding)


def refused(data, filename, **kwargs) -> str:
    with pytest.raises(ImportRefused) as error:
        read_table(data, filename, **kwargs)
    return str(error.value)


HEADERS = ["Date", "Time", "Family member(s)", "Event", "Source", "Child seen", "Comment"]
ROW = ["12/11/2004", "14:30", "Child A, Parent 1", "Home visit", "Health visitor", "Yes", ""]


# --- read_table: what each kind of file gives ----------------------------------------------------


def test_reads_a_csv_file():
    table = read_table(csv_bytes([HEADERS, ROW, ROW]), "chronology.csv")
    assert table.headers == HEADERS
    assert table.rows == [ROW, ROW]
    assert table.tables_found == 1
    assert table.line_numbers == [2, 3]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_csv_delimiter_is_sniffed(delimiter):
    data = csv_bytes(
        [HEADERS, ["12/11/2004", "", "Child A; Parent 1", "Visit, at home"]], delimiter=delimiter
    )
    table = read_table(data, "chronology.csv")
    assert table.headers == HEADERS
    assert table.rows[0][2:4] == ["Child A; Parent 1", "Visit, at home"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "utf-16"])
def test_csv_encodings(encoding):
    data = csv_bytes(
        [["Date", "Event"], ["12/11/2004", "Mother’s partner paid £20 – café"]], encoding=encoding
    )
    table = read_table(data, "chronology.csv")
    assert table.headers == ["Date", "Event"]
    assert table.rows == [["12/11/2004", "Mother’s partner paid £20 – café"]]


def test_csv_headings_are_the_first_row_with_text_and_empty_rows_are_skipped():
    data = (
        b'\r\n,,\r\nDate,Event\r\n12/11/2004,Visit\r\n,\r\n\r\n13/11/2004,"Call,\nthen letter"\r\n'
    )
    table = read_table(data, "chronology.csv")
    assert table.headers == ["Date", "Event"]
    assert table.rows == [["12/11/2004", "Visit"], ["13/11/2004", "Call,\nthen letter"]]
    assert table.line_numbers == [4, 7]  # the row numbers a spreadsheet shows


def test_cells_are_stripped_and_ragged_rows_padded():
    data = b"Date, Event ,Comment\n 12/11/2004 ,  Visit\n13/11/2004,Call,Fine,extra\n"
    table = read_table(data, "c.csv")
    assert table.headers == ["Date", "Event", "Comment", ""]
    assert table.rows == [["12/11/2004", "Visit", "", ""], ["13/11/2004", "Call", "Fine", "extra"]]


def test_a_file_without_an_ending_is_judged_by_its_content():
    assert read_table(csv_bytes([HEADERS, ROW]), "chronology").rows == [ROW]
    assert read_table(xlsx_bytes([HEADERS, ROW]), "upload").rows == [ROW]


def test_reads_the_first_sheet_of_a_workbook():
    data = xlsx_bytes(
        [
            ["Date", "Time", "Event", "Number"],
            [datetime(2004, 11, 12), time(14, 30), "Visit", 3],
            [date(2004, 11, 13), None, "  Call  ", 2.5],
            [datetime(2004, 11, 14, 9, 15), "", "Letter", 2004.0],
        ],
        sheets={"Other": [["Not", "This"], ["x", "y"]]},
    )
    table = read_table(data, "chronology.xlsx")
    assert table.headers == ["Date", "Time", "Event", "Number"]
    assert table.rows == [
        ["12/11/2004", "14:30", "Visit", "3"],
        ["13/11/2004", "", "Call", "2.5"],
        ["14/11/2004 09:15", "", "Letter", "2004"],
    ]
    assert table.tables_found == 1


def test_workbook_line_numbers_are_the_spreadsheet_row_numbers():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["B3"], sheet["C3"] = "Date", "Event"
    sheet["B4"], sheet["C4"] = "12/11/2004", "Visit"
    sheet["B7"], sheet["C7"] = "13/11/2004", "Call"
    buffer = io.BytesIO()
    workbook.save(buffer)
    table = read_table(buffer.getvalue(), "c.xlsx")
    assert table.headers == ["", "Date", "Event"]
    assert table.rows == [["", "12/11/2004", "Visit"], ["", "13/11/2004", "Call"]]
    assert table.line_numbers == [4, 7]


def test_a_workbook_whose_first_sheet_is_empty_is_refused():
    data = xlsx_bytes([], sheets={"Chronology": [HEADERS, ROW]})
    assert refused(data, "c.xlsx") == (
        "The first sheet of the workbook is empty. Put the chronology on the first sheet."
    )


def test_reads_the_first_table_of_a_word_document():
    data = docx_bytes([HEADERS, ROW, ["", "", "", "", "", "", ""], ROW])
    table = read_table(data, "chronology.docx")
    assert table.headers == HEADERS
    assert table.rows == [ROW, ROW]
    assert table.tables_found == 1
    assert table.line_numbers == [2, 4]  # the table's own row numbers


def test_word_document_with_two_tables_and_table_index_1():
    front = [["Case reference", "RO/2026/1"], ["Agency", "Health"]]
    data = docx_bytes(front, [HEADERS, ROW])
    first = read_table(data, "c.docx")
    assert first.headers == ["Case reference", "RO/2026/1"]
    assert first.tables_found == 2
    second = read_table(data, "c.docx", table_index=1)
    assert (second.headers, second.rows, second.tables_found) == (HEADERS, [ROW], 2)


@pytest.mark.parametrize(
    ("index", "message"),
    [
        (2, "The document has 2 tables, so there is no table 3. Choose a table from 1 to 2."),
        (-1, "The document has 2 tables, so there is no table 0. Choose a table from 1 to 2."),
    ],
)
def test_table_index_out_of_range_names_how_many_tables_there_are(index, message):
    data = docx_bytes([HEADERS, ROW], [HEADERS, ROW])
    assert refused(data, "c.docx", table_index=index) == message


def test_word_document_without_a_table_is_refused():
    data = docx_bytes(paragraphs=["12/11/2004 Home visit", "13/11/2004 Phone call"])
    assert refused(data, "c.docx").startswith("The document has no table.")


def test_word_cells_join_paragraphs_with_new_lines():
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Date", "Event"
    table.cell(1, 0).text = "12/11/2004"
    cell = table.cell(1, 1)
    cell.text = "Home visit."
    cell.add_paragraph("")
    cell.add_paragraph("Mother present.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert read_table(buffer.getvalue(), "c.docx").rows == [
        ["12/11/2004", "Home visit.\nMother present."]
    ]


def test_word_merged_cells_give_their_text_once_per_row():
    document = docx.Document()
    table = document.add_table(rows=4, cols=3)
    for cell, text in zip(table.rows[0].cells, ["Date", "Event", "Comment"], strict=True):
        cell.text = text
    table.cell(1, 0).text = "12/11/2004"
    table.cell(1, 1).text = "Visit"
    table.cell(2, 1).text = "Call"
    table.cell(1, 0).merge(table.cell(2, 0))  # one date for two events
    table.cell(3, 0).text = "13/11/2004"
    table.cell(3, 1).merge(table.cell(3, 2)).text = "Strategy meeting"  # across two columns
    buffer = io.BytesIO()
    document.save(buffer)
    table = read_table(buffer.getvalue(), "c.docx")
    assert table.rows == [
        ["12/11/2004", "Visit", ""],
        ["12/11/2004", "Call", ""],
        ["13/11/2004", "Strategy meeting", ""],
    ]


# --- read_table: what is refused ----------------------------------------------------------------


def test_a_workbook_called_docx_is_refused():
    assert refused(xlsx_bytes([HEADERS, ROW]), "chronology.docx") == (
        'The file is called "chronology.docx" but is not a Word document: it is an Excel '
        "workbook. Rename it to end in .xlsx, or upload the right file."
    )


def test_a_word_document_called_xlsx_is_refused():
    message = refused(docx_bytes([HEADERS, ROW]), "x.xlsx")
    assert message.startswith(
        'The file is called "x.xlsx" but is not an Excel workbook: it is a Word'
    )


def test_text_called_xlsx_is_refused():
    assert refused(csv_bytes([HEADERS, ROW]), "x.xlsx") == (
        'The file is called "x.xlsx" but is not an Excel workbook.'
    )


def test_a_workbook_called_csv_is_refused():
    assert refused(xlsx_bytes([HEADERS, ROW]), "C:\\Users\\me\\x.csv").startswith(
        'The file is called "x.csv" but is not a CSV file: it is an Excel workbook.'
    )


def test_a_readable_file_with_a_strange_ending_is_refused():
    assert refused(xlsx_bytes([HEADERS, ROW]), "x.pdf").startswith(
        'The file is called "x.pdf", which is not a kind of file we can read.'
    )


def test_a_long_file_name_is_shortened_in_messages_but_its_ending_still_counts():
    name = "a" * 100 + ".xlsx"
    assert len(read_table(xlsx_bytes([HEADERS, ROW]), name).rows) == 1
    message = refused(docx_bytes([HEADERS, ROW]), name)
    assert message.startswith('The file is called "' + "a" * 59 + '…" but is not an Excel')


@pytest.mark.parametrize("name", ["old.xls", "old.doc", "old.xlsx", "old"])
def test_old_word_and_excel_files_are_refused(name):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000)
    message = refused(data, name)
    assert message.startswith("The file is an older Word or Excel file (.doc or .xls)")
    assert ".docx" in message and ".xlsx" in message


def test_password_protected_office_files_are_refused():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500) + "EncryptedPackage".encode("utf-16-le")
    assert refused(data, "x.xlsx").startswith("The file is protected with a password.")


@pytest.mark.parametrize(
    ("data", "start"),
    [
        (b"%PDF-1.7\n" + bytes(100), "The file is a PDF."),
        (b"\x89PNG\r\n\x1a\n" + bytes(100), "The file is a picture"),
        (b"\xff\xd8\xff\xe0" + bytes(100), "The file is a picture"),
        (b"{\\rtf1\\ansi Date Event}", "The file is in Rich Text Format"),
        (b"<html><table><tr><td>Date</td></tr></table></html>", "The file is a web page"),
        (bytes(range(256)) * 4, "We cannot read this kind of file."),
        (b"", "The file is empty."),
        (b"  \r\n ", "The file is empty."),
    ],
)
def test_other_kinds_of_file_are_refused(data, start):
    assert refused(data, "c.csv").startswith(start)


def test_uploads_over_10_mb_are_refused():
    assert refused(b"a" * (30 * MB), "big.xlsx") == (
        "The file is 30.0 MB; the largest we accept is 10 MB."
    )
    assert refused(b"a" * (MAX_BYTES + 1), "big.csv").startswith("The file is 10.1 MB")


def zip_bomb(member_size: int, *, chunk=MB) -> bytes:
    """A workbook-shaped zip with one member of member_size zeros, written in chunks."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        zeros = bytes(chunk)
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            written = 0
            while written < member_size:
                member.write(zeros[: member_size - written])
                written += len(zeros)
    return buffer.getvalue()


BOMB_MESSAGE = (
    "We cannot accept this file: it unpacks to far more than its size, which is how some harmful "
    "files work. Open it, save it again and upload it again."
)


def test_a_zip_bomb_is_refused_before_it_is_unpacked():
    data = zip_bomb(200 * MB)
    assert len(data) < MAX_BYTES  # small enough to get past the size check
    assert refused(data, "chronology.xlsx") == BOMB_MESSAGE


def test_a_highly_compressed_member_is_refused_even_when_the_total_is_allowed():
    data = zip_bomb(20 * MB)
    assert refused(data, "chronology.xlsx") == BOMB_MESSAGE


def test_too_much_unpacked_in_total_is_refused():
    buffer = io.BytesIO()
    random = __import__("random").Random(1)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("word/document.xml", "<w:document/>")
        info = zipfile.ZipInfo("word/media/big.bin")
        archive.writestr(info, random.randbytes(MB))
    data = bytearray(buffer.getvalue())
    # Make the archive claim the member unpacks to 150 MB.
    header = data.rfind(b"PK\x01\x02")
    data[header + 24 : header + 28] = (150 * MB).to_bytes(4, "little")
    data[header + 20 : header + 24] = (150 * MB // 100).to_bytes(4, "little")
    assert refused(bytes(data), "c.docx") == BOMB_MESSAGE


def test_a_zip_that_lies_about_its_sizes_is_refused_without_unpacking_it():
    data = bytearray(xlsx_bytes([HEADERS, ROW]))
    # Claim the worksheet unpacks to 10 bytes: zipfile stops there, the check fails.
    at = data.find(b"PK\x01\x02")
    while at != -1:
        length = int.from_bytes(data[at + 28 : at + 30], "little")
        if data[at + 46 : at + 46 + length] == b"xl/worksheets/sheet1.xml":
            data[at + 24 : at + 28] = (10).to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    assert refused(bytes(data), "c.xlsx").startswith('We could not read "c.xlsx".')


def test_a_zip_with_too_many_members_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        for number in range(1001):
            archive.writestr(f"xl/media/{number}.txt", "")
    assert refused(buffer.getvalue(), "c.xlsx").startswith("The file has too many parts inside it")


@pytest.mark.parametrize(
    ("members", "start"),
    [
        (
            {"mimetype": "application/vnd.oasis.opendocument.spreadsheet"},
            "The file is an OpenDocument",
        ),
        ({"photo.jpg": "x"}, "The file is a zip archive"),
    ],
)
def test_other_zip_files_are_refused(members, start):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    assert refused(buffer.getvalue(), "c.xlsx").startswith(start)


@pytest.mark.parametrize("cut", [30, 200, 1000, -200, -22])
def test_a_damaged_workbook_is_refused(cut):
    data = xlsx_bytes([HEADERS, ROW])
    assert refused(data[:cut], "c.xlsx")


def test_a_workbook_with_broken_xml_is_refused():
    source = zipfile.ZipFile(io.BytesIO(xlsx_bytes([HEADERS, ROW])))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            text = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = text[: len(text) // 2]
            archive.writestr(info, text)
    assert refused(buffer.getvalue(), "c.xlsx").startswith('We could not read "c.xlsx".')


def test_any_library_failure_becomes_a_refusal(monkeypatch):
    def explode(*args, **kwargs):
        raise RuntimeError("library bug")

    monkeypatch.setattr(openpyxl, "load_workbook", explode)
    message = refused(xlsx_bytes([HEADERS, ROW]), "c.xlsx")
    assert message.startswith('We could not read "c.xlsx". The file may be damaged.')
    assert "RuntimeError" not in message and "library bug" not in message


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (csv_bytes([HEADERS]), "c.csv"),
        (xlsx_bytes([HEADERS]), "c.xlsx"),
        (docx_bytes([HEADERS, [""] * len(HEADERS)]), "c.docx"),
    ],
)
def test_headings_without_rows_are_refused(data, name):
    assert refused(data, name) == "The table has headings but no rows."


def test_an_empty_word_table_is_refused():
    assert refused(docx_bytes([["", ""], ["", ""]]), "c.docx").startswith("The table is empty")


def test_more_than_10000_rows_are_refused():
    rows = [["Date", "Event"]] + [["12/11/2004", f"Visit {n}"] for n in range(MAX_ROWS + 1)]
    assert refused(csv_bytes(rows), "c.csv") == (
        "The file has 10,001 rows; the most we accept at once is 10,000. Split it into parts."
    )
    assert len(read_table(csv_bytes(rows[:-1]), "c.csv").rows) == MAX_ROWS


def test_more_than_10000_rows_in_a_workbook_are_refused():
    workbook = openpyxl.Workbook(write_only=True)
    sheet = workbook.create_sheet()
    sheet.append(["Date", "Event"])
    for n in range(12_345):
        sheet.append(["12/11/2004", f"Visit {n}"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert refused(buffer.getvalue(), "c.xlsx") == (
        "The file has 12,345 rows; the most we accept at once is 10,000. Split it into parts."
    )


def test_a_workbook_too_wide_is_refused_and_far_columns_are_not_read():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet["A1"], sheet["A2"] = "Date", "12/11/2004"
    sheet["CW2"] = "column 101"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert refused(buffer.getvalue(), "c.xlsx").startswith(
        "The table has more than 100 columns, more than a chronology can have"
    )
    # A stray cell in the last column Excel has is beyond what is read at all.
    del sheet["CW2"]
    sheet["XFD2"] = "far away"
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert read_table(buffer.getvalue(), "c.xlsx").rows == [["12/11/2004"]]


def test_a_word_cell_spanning_a_billion_columns_is_refused():
    document = docx.Document()
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Date", "Event"
    table.cell(1, 0).text, table.cell(1, 1).text = "12/11/2004", "Visit"
    table.cell(1, 1)._tc.grid_span = 10**9
    buffer = io.BytesIO()
    document.save(buffer)
    assert refused(buffer.getvalue(), "c.docx").startswith("The table has more than 100 columns")


def test_a_huge_number_of_rows_is_not_counted_to_the_end():
    data = b"Date,Event\n" + b"1,x\n" * 150_000
    assert refused(data, "c.csv") == (
        "The file has more than 100,000 rows; the most we accept at once is 10,000. Split it "
        "into parts."
    )


def test_a_table_far_too_wide_is_refused():
    assert refused(csv_bytes([[f"H{n}" for n in range(150)], ["x"] * 150]), "c.csv").startswith(
        "The table has 150 columns"
    )


# --- match_headers ------------------------------------------------------------------------------


def keys(headers, columns=GENERIC_CHRONOLOGY):
    return [(m.key, m.confident) for m in match_headers(headers, columns)]


@pytest.mark.parametrize("slug", sorted(BOARD_COLUMNS))
def test_every_board_label_matches_its_own_key_confidently(slug):
    columns = BOARD_COLUMNS[slug]
    headers = [column["label"] for column in columns]
    assert keys(headers, columns) == [(column["key"], True) for column in columns]
    # Case, punctuation and spacing do not matter.
    shouted = [f"  {column['label'].upper().replace(' ', '  ')}:" for column in columns]
    assert keys(shouted, columns) == [(column["key"], True) for column in columns]


SYNONYMS = [
    ("Date of contact", "date"),
    ("date", "date"),
    ("Date (dd/mm/yyyy)", "date"),
    ("Time (24hr)", "time"),
    ("TIME", "time"),
    ("Family member(s)", "family_members"),
    ("Family members", "family_members"),
    ("Subject", "family_members"),
    ("Event", "event"),
    ("Details", "event"),
    ("Event or information", "event"),
    ("What happened", "event"),
    ("Source", "source"),
    ("Information source", "source"),
    ("Agency (source)", "source"),
    ("Action", "action"),
    ("Action taken", "action"),
    ("Outcome", "action"),
    ("Child seen", "child_seen"),
    ("Child seen (views and wishes)", "child_seen"),
    ("Child seen?", "child_seen"),
    ("Staff", "staff"),
    ("Staff involved", "staff"),
    ("Worker", "staff"),
    ("Comment", "comment"),
    ("Comments", "comment"),
    ("Note", "comment"),
    ("Notes", "comment"),
    ("Analysis", "comment"),
    ("Date and time", "date"),  # the generic layout has no date-and-time column
    ("Date agency learned", "learned_on"),
    ("Date known to agency", "learned_on"),
    ("Views and wishes", "views_wishes"),
    ("Good practice", "good_practice"),
    ("Concern", "concern"),
    ("Contact with the child", "event"),
]


@pytest.mark.parametrize(("header", "key"), SYNONYMS)
def test_other_names_for_columns_are_recognised_confidently(header, key):
    assert keys([header]) == [(key, True)]


@pytest.mark.parametrize(
    ("header", "columns", "key"),
    [
        ("Notes", ROTHERHAM, "note"),
        ("Comment", ROTHERHAM, "note"),
        ("Analysis", ROTHERHAM, "note"),
        ("Date", MILTON_KEYNES, "datetime"),
        ("Date and time", MILTON_KEYNES, "datetime"),
        ("Contact with child", MILTON_KEYNES, "contact_child"),
        ("Contact with parents/carers", MILTON_KEYNES, "contact_family"),
        ("Inter-agency communication", MILTON_KEYNES, "communication"),
        ("Comments", MILTON_KEYNES, "comment"),
        ("Date agency learned", MILTON_KEYNES, "learned_on"),
    ],
)
def test_synonyms_follow_the_boards_own_keys(header, columns, key):
    assert keys([header], columns) == [(key, True)]


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Evnet", "event"),
        ("Family memebers", "family_members"),
        ("Staf involved", "staff"),
        ("Date of home visit", "date"),
        ("Practitioner's role", "staff"),
    ],
)
def test_guesses_are_not_confident(header, key):
    assert keys([header]) == [(key, False)]


@pytest.mark.parametrize("header", ["", "Column1", "Risk rating", "Ref no."])
def test_unrecognised_headings_have_no_key(header):
    assert keys([header]) == [(None, False)]


def test_no_two_headings_get_the_same_key_and_the_better_match_keeps_it():
    matches = match_headers(["Evnt", "Date", "Event", "Date"], GENERIC_CHRONOLOGY)
    assert [(m.index, m.header, m.key, m.confident) for m in matches] == [
        (0, "Evnt", None, False),
        (1, "Date", "date", True),
        (2, "Event", "event", True),
        (3, "Date", None, False),
    ]
    assert all(isinstance(m, HeaderMatch) for m in matches)


def test_a_real_mixed_set_of_headings():
    headers = [
        "Date",
        "Time (24hr)",
        "Subject",
        "Details",
        "Agency",
        "Outcome",
        "Seen?",
        "Worker",
        "Notes",
    ]
    assert keys(headers) == [
        ("date", True),
        ("time", True),
        ("family_members", True),
        ("event", True),
        ("source", True),
        ("action", True),
        ("child_seen", True),
        ("staff", True),
        ("comment", True),
    ]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=12))
def test_any_headings_match_without_error_or_duplicates(headers):
    matches = match_headers(headers, GENERIC_CHRONOLOGY)
    assert [m.index for m in matches] == list(range(len(headers)))
    chosen = [m.key for m in matches if m.key]
    assert len(chosen) == len(set(chosen))
    allowed = {c["key"] for c in GENERIC_CHRONOLOGY} | set(importing.EXTRA_KEYS)
    assert set(chosen) <= allowed


# --- parse_rows ---------------------------------------------------------------------------------


def rows_of(headers, *rows, columns=GENERIC_CHRONOLOGY):
    table = Table(headers=list(headers), rows=[list(r) for r in rows], tables_found=1)
    return parse_rows(table, match_headers(table.headers, columns), today=TODAY)


def one(headers, row, columns=GENERIC_CHRONOLOGY) -> RowResult:
    (result,) = rows_of(headers, row, columns=columns)
    return result


def test_a_full_row_in_the_generic_layout():
    headers = [column["label"] for column in GENERIC_CHRONOLOGY]
    row = [
        "12/11/04",
        "1430",
        "Child A, Parent 1 and Parent 2",
        "Home visit; mother and partner present",
        "Health visiting records",
        "Referral to children's social care",
        "Seen alone - said she was happy at school",
        "HV1 / SW2",
        "Good practice: prompt referral",
    ]
    result = one(headers, row)
    assert result.ok and result.errors == [] and result.line == 2
    assert result.values == {
        "occurred": FuzzyDate("exact", date(2004, 11, 12), "12/11/04"),
        "time": time(14, 30),
        "learned_on": None,
        "family_members": ["Child A", "Parent 1", "Parent 2"],
        "event": "Home visit; mother and partner present",
        "source": "Health visiting records",
        "action": "Referral to children's social care",
        "child_seen": "alone",
        "views_wishes": "said she was happy at school",
        "staff": ["HV1", "SW2"],
        "comment": "Good practice: prompt referral",
        "good_practice": True,
        "concern": False,
        "contact_type": "",
    }


def test_the_values_are_all_there_even_for_a_sparse_row():
    result = one(["Event"], ["Phone call"])
    assert result.ok
    assert result.values["occurred"] == FuzzyDate("unknown", None, "")
    assert result.values["time"] is None
    assert result.values["family_members"] == [] and result.values["staff"] == []
    assert result.values["child_seen"] == "" and result.values["contact_type"] == ""
    assert result.values["good_practice"] is False and result.values["concern"] is False


@pytest.mark.parametrize(
    ("text", "code", "views"),
    [
        ("Yes", "yes", ""),
        ("y", "yes", ""),
        ("Seen", "yes", ""),
        ("Child seen at home", "yes", "at home"),
        ("Yes - said she was happy at school", "yes", "said she was happy at school"),
        ("Yes (wants to live with Nan)", "yes", "wants to live with Nan"),
        ("Yes, seen alone", "alone", ""),
        ("Yes - alone. Said he was scared", "alone", "Said he was scared"),
        ("Seen alone", "alone", ""),
        ("alone: quiet", "alone", "quiet"),
        ("No", "no", ""),
        ("N", "no", ""),
        ("Not seen - asleep", "no", "asleep"),
        ("N/K", "not_known", ""),
        ("not known", "not_known", ""),
        ("N/I", "not_indicated", ""),
        ("Not indicated", "not_indicated", ""),
        ("N/A", "", ""),
        ("", "", ""),
        ("CA", "yes", ""),
        ("CA, JA", "yes", ""),
        ("CA seen alone", "alone", ""),
        ("CA - said she likes school", "", "CA - said she likes school"),
        ("Happy and chatty", "", "Happy and chatty"),
    ],
)
def test_child_seen(text, code, views):
    result = one(["Event", "Child seen"], ["Visit", text])
    assert result.ok
    assert result.values["child_seen"] == code
    assert result.values["views_wishes"] == views
    assert code in CHILD_SEEN or code == ""


def test_rotherham_initials_mean_the_child_was_seen_and_are_kept_as_family_members():
    headers = [column["label"] for column in ROTHERHAM]
    row = ["12/11/2004", "", "Parent 1", "School visit", "School", "", "CA", "Note here"]
    result = one(headers, row, ROTHERHAM)
    assert result.values["child_seen"] == "yes"
    assert result.values["family_members"] == ["Parent 1", "CA"]
    assert result.values["comment"] == "Note here"


def test_a_separate_views_and_wishes_column_is_kept():
    result = one(["Event", "Child seen", "Views and wishes"], ["Visit", "Yes - quiet", "Wants mum"])
    assert result.values["views_wishes"] == "quiet\nWants mum"


@pytest.mark.parametrize(
    ("text", "day", "when"),
    [
        ("12/11/2004 14:30", date(2004, 11, 12), time(14, 30)),
        ("12/11/04, 2.30pm", date(2004, 11, 12), time(14, 30)),
        ("12 Nov 2004 at 14.30", date(2004, 11, 12), time(14, 30)),
        ("12/11/2004 1430", date(2004, 11, 12), time(14, 30)),
        ("12/11/2004 2:30 pm", date(2004, 11, 12), time(14, 30)),
        ("2004-11-12T14:30:00", date(2004, 11, 12), time(14, 30)),
        ("12/11/2004", date(2004, 11, 12), None),
        ("12 Nov 2004", date(2004, 11, 12), None),
        ("June 2004 approx", date(2004, 6, 1), None),
    ],
)
def test_milton_keynes_date_and_time(text, day, when):
    result = one(["Date and time", "Contact with the child"], [text, "Visit"], MILTON_KEYNES)
    assert result.ok, result.errors
    assert (result.values["occurred"].value, result.values["time"]) == (day, when)


def test_a_time_after_a_date_in_the_date_column_is_used_when_there_is_no_time():
    assert one(["Date", "Event"], ["12/11/2004 09:15", "Visit"]).values["time"] == time(9, 15)
    result = one(["Date", "Time", "Event"], ["12/11/2004 09:15", "10:00", "Visit"])
    assert result.values["time"] == time(10, 0)


def test_a_bad_date_before_a_time_is_reported_for_the_date():
    result = one(
        ["Date and time", "Contact with the child"], ["31/02/2004 14:30", "Visit"], MILTON_KEYNES
    )
    assert result.errors == [
        'Date and time: Cannot read "31/02/2004" as a date: February has no 31st. Use a date like '
        '12/11/2004, "June 2004", "June 2004 approx" or "not known".'
    ]


def test_milton_keynes_contact_columns_give_the_event_and_its_kind():
    headers = [column["label"] for column in MILTON_KEYNES]
    results = rows_of(
        headers,
        ["12/11/2004 10:00", "Home visit", "", "", "Records", "SW1", ""],
        ["13/11/2004", "", "Phoned mother", "", "Records", "SW1", "Note"],
        ["14/11/2004", "", "", "Strategy discussion", "Records", "SW1, DC2", ""],
        ["15/11/2004", "", "Met father", "Told school", "Records", "SW1", ""],
        columns=MILTON_KEYNES,
    )
    assert [(r.values["contact_type"], r.values["event"]) for r in results] == [
        ("child", "Home visit"),
        ("family", "Phoned mother"),
        ("communication", "Strategy discussion"),
        ("family", "Met father\nTold school"),
    ]
    assert results[0].values["time"] == time(10, 0)
    assert results[2].values["staff"] == ["SW1", "DC2"]
    assert all(r.ok for r in results)


def test_note_and_comment_both_become_the_comment():
    assert one(["Event", "Note"], ["Visit", "Late"], ROTHERHAM).values["comment"] == "Late"
    assert one(["Event", "Comment"], ["Visit", "Late"]).values["comment"] == "Late"


@pytest.mark.parametrize(
    ("comment", "good", "concern"),
    [
        ("Good practice: referral made the same day", True, False),
        ("This was good practice", True, False),
        ("Concern: bruise not explained", False, True),
        ("A concern that the GP was not told", False, True),
        ("Concerns about home conditions", False, True),
        ("No concerns noted", False, False),
        ("Child happy, no safeguarding concerns", False, False),
        ("Not good practice: delay", False, False),
        ("Good practice. Concern remains about father", True, True),
        ("No food in the house, concern raised with SW", False, True),
        ("Never good practice", False, False),
        ("", False, False),
    ],
)
def test_flags_from_the_comment(comment, good, concern):
    values = one(["Event", "Comment"], ["Visit", comment]).values
    assert (values["good_practice"], values["concern"]) == (good, concern)
    assert values["comment"] == comment


def test_flag_columns():
    headers = ["Event", "Good practice", "Concern", "Comment"]
    results = rows_of(
        headers,
        ["Visit", "Yes", "", ""],
        ["Visit", "No", "x", ""],
        ["Visit", "", "Father not told", "Late"],
    )
    assert [(r.values["good_practice"], r.values["concern"]) for r in results] == [
        (True, False),
        (False, True),
        (False, True),
    ]
    assert results[2].values["comment"] == "Late\nFather not told"


def test_learned_on():
    result = one(
        ["Date", "Date agency learned", "Event"], ["12/11/2004", "June 2005 approx", "Visit"]
    )
    assert result.values["learned_on"] == FuzzyDate("approx", date(2005, 6, 1), "June 2005 approx")
    assert one(["Date agency learned", "Event"], ["", "Visit"]).values["learned_on"] is None


def test_unknown_dates_are_kept_as_unknown_never_invented():
    for text in ["not known", "N/K", "", "?"]:
        result = one(["Date", "Event"], [text, "Visit"])
        assert result.ok
        assert result.values["occurred"].precision == "unknown"
        assert result.values["occurred"].value is None


def test_bad_values_are_reported_naming_the_column_and_good_rows_kept():
    results = rows_of(
        ["Date of contact", "Time", "Event", "Date agency learned"],
        ["12/11/2004", "14:30", "Visit", ""],
        ["31/02/04", "25:00", "", "2030"],
        ["June 2004 approx", "", "Call", ""],
    )
    assert [r.ok for r in results] == [True, False, True]
    assert [r.line for r in results] == [2, 3, 4]
    assert results[1].errors == [
        'Date of contact: Cannot read "31/02/04" as a date: February has no 31st. Use a date like '
        '12/11/2004, "June 2004", "June 2004 approx" or "not known".',
        'Time: Cannot read "25:00" as a time. Use the 24-hour clock, like 14:30, or leave it blank.',
        'Date agency learned: The date "2030" is in the future. A chronology can only record what '
        "has already happened: check the date, especially the year.",
        "Event: this row says nothing happened; add what happened or remove the row.",
    ]


def test_a_row_with_no_event_is_an_error():
    result = one(["Date", "Event", "Comment"], ["12/11/2004", "", "Something"])
    assert result.errors == [
        "Event: this row says nothing happened; add what happened or remove the row."
    ]
    assert not result.ok


def test_the_users_choice_of_columns_is_followed():
    table = Table(headers=["Col A", "Col B"], rows=[["12/11/2004", "Visit"]], tables_found=1)
    matches = match_headers(table.headers, GENERIC_CHRONOLOGY)
    assert [m.key for m in matches] == [None, None]
    matches[0].key, matches[1].key = "date", "event"
    (result,) = parse_rows(table, matches, today=TODAY)
    assert result.ok and result.values["event"] == "Visit"
    assert result.values["occurred"].value == date(2004, 11, 12)


def test_line_numbers_default_to_the_heading_being_line_1():
    table = Table(headers=["Event"], rows=[["a"], ["b"]], tables_found=1)
    assert [
        r.line for r in parse_rows(table, match_headers(table.headers, GENERIC_CHRONOLOGY))
    ] == [2, 3]


def test_two_thousand_rows_half_bad_from_a_workbook():
    headers = [column["label"] for column in GENERIC_CHRONOLOGY]
    rows = [headers]
    for n in range(2000):
        if n % 2:
            rows.append(
                [
                    "31/02/2004" if n % 4 == 1 else "12/11/2004",
                    "",
                    "Child A",
                    "",
                    "",
                    "",
                    "",
                    "",
                    "",
                ]
            )
        else:
            rows.append(
                [
                    f"{n % 28 + 1}/11/2004",
                    "10:00",
                    "Child A",
                    f"Visit {n}",
                    "GP",
                    "",
                    "Yes",
                    "GP1",
                    "",
                ]
            )
    table = read_table(xlsx_bytes(rows), "big.xlsx")
    results = parse_rows(table, match_headers(table.headers, GENERIC_CHRONOLOGY), today=TODAY)
    good = [r for r in results if r.ok]
    bad = [r for r in results if not r.ok]
    assert (len(good), len(bad)) == (1000, 1000)
    assert [r.line for r in bad[:3]] == [3, 5, 7]  # the spreadsheet rows, heading in row 1
    assert bad[0].errors[0].startswith('Date: Cannot read "31/02/2004"')
    assert bad[1].errors == [
        "Event: this row says nothing happened; add what happened or remove the row."
    ]
    assert good[0].values["event"] == "Visit 0"


# --- blank templates ----------------------------------------------------------------------------


def fill_xlsx(template: bytes, columns, rows) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            sheet.cell(row=number, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def fill_docx(template: bytes, rows) -> bytes:
    document = docx.Document(io.BytesIO(template))
    table = document.tables[0]
    for row, values in zip(table.rows[1:], rows, strict=False):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def sample_row(columns, n: int) -> list[str]:
    samples = {
        "date": "June 2004 approx",
        "datetime": "12/11/2004 14:30",
        "time": "14:30",
        "child_seen": "Yes - said she was happy",
        "family_members": "Child A, Parent 1",
        "staff": "SW1",
    }
    return [samples.get(c["key"], f"{c['label']} {n}") for c in columns]


@pytest.mark.parametrize("slug", sorted(LAYOUTS))
def test_the_blank_workbook_round_trips(slug):
    columns = LAYOUTS[slug]
    template = blank_template_xlsx(columns, "Test Safeguarding Children Board")
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    assert [cell.value for cell in sheet[1]] == [c["label"] for c in columns]
    assert all(cell.font.b for cell in sheet[1])
    instructions = " ".join(str(c.value) for c in workbook.worksheets[1]["A"] if c.value)
    assert "Test Safeguarding Children Board" in instructions and "not known" in instructions

    with pytest.raises(ImportRefused, match="The table has headings but no rows."):
        read_table(template, "template.xlsx")

    rows = [sample_row(columns, n) for n in range(3)]
    table = read_table(fill_xlsx(template, columns, rows), "filled.xlsx")
    assert table.headers == [c["label"] for c in columns]
    assert table.rows == rows
    matches = match_headers(table.headers, columns)
    assert [(m.key, m.confident) for m in matches] == [(c["key"], True) for c in columns]
    results = parse_rows(table, matches, today=TODAY)
    assert all(r.ok for r in results), [r.errors for r in results]


def test_the_blank_workbook_keeps_typed_dates_as_text():
    template = blank_template_xlsx(GENERIC_CHRONOLOGY, "Board")
    sheet = openpyxl.load_workbook(io.BytesIO(template)).worksheets[0]
    assert sheet["A2"].number_format == "@"  # so Excel does not turn "June 2004" into 01/06/2004


@pytest.mark.parametrize("slug", sorted(LAYOUTS))
def test_the_blank_word_table_round_trips(slug):
    columns = LAYOUTS[slug]
    template = blank_template_docx(columns, "Test Safeguarding Children Board")
    document = docx.Document(io.BytesIO(template))
    assert len(document.tables) == 1
    header = document.tables[0].rows[0]
    assert [cell.text for cell in header.cells] == [c["label"] for c in columns]
    assert all(run.bold for cell in header.cells for run in cell.paragraphs[0].runs)
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Test Safeguarding Children Board" in text and "not known" in text

    rows = [sample_row(columns, n) for n in range(3)]
    table = read_table(fill_docx(template, rows), "filled.docx")
    assert table.headers == [c["label"] for c in columns]
    assert table.rows == rows
    matches = match_headers(table.headers, columns)
    assert [(m.key, m.confident) for m in matches] == [(c["key"], True) for c in columns]
    assert all(r.ok for r in parse_rows(table, matches, today=TODAY))


# --- properties: nothing but a Table or a refusal -------------------------------------------------

NAMES = st.one_of(
    st.sampled_from(
        ["c.xlsx", "c.docx", "c.csv", "c.xls", "c", "C:\\x\\y.XLSX", "", ".csv", "a.b.c"]
    ),
    st.text(max_size=30),
)


def expect_table_or_refusal(data, name, table_index=0):
    try:
        table = read_table(data, name, table_index=table_index)
    except ImportRefused as error:
        assert str(error)
        assert "Traceback" not in str(error)
        return
    assert isinstance(table, Table)
    assert table.rows and len(table.rows) <= MAX_ROWS
    assert all(len(row) == len(table.headers) for row in table.rows)
    assert len(table.line_numbers) == len(table.rows)
    # And the rest of the way never fails either.
    parse_rows(table, match_headers(table.headers, GENERIC_CHRONOLOGY), today=TODAY)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=2000), NAMES, st.integers(-2, 3))
def test_any_bytes_give_a_table_or_a_refusal(data, name, table_index):
    expect_table_or_refusal(data, name, table_index)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300), NAMES)
def test_anything_that_starts_like_a_zip_gives_a_table_or_a_refusal(tail, name):
    expect_table_or_refusal(b"PK\x03\x04" + tail, name)


SAMPLES = {
    "c.xlsx": xlsx_bytes([HEADERS, ROW, ROW]),
    "c.docx": docx_bytes([HEADERS, ROW], [HEADERS, ROW]),
    "c.csv": csv_bytes([HEADERS, ROW, ROW]),
}


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.sampled_from(sorted(SAMPLES)),
    st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6),
    st.one_of(st.none(), st.integers(0, 10**6)),
)
def test_damaged_real_files_give_a_table_or_a_refusal(name, changes, cut):
    data = bytearray(SAMPLES[name])
    for where, byte in changes:
        data[where % len(data)] = byte
    if cut is not None:
        data = data[: cut % len(data)]
    expect_table_or_refusal(bytes(data), name)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.lists(st.text(max_size=25), min_size=1, max_size=6), min_size=1, max_size=8))
def test_any_csv_text_gives_a_table_or_a_refusal(rows):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    expect_table_or_refusal(buffer.getvalue().encode("utf-8"), "c.csv")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.sampled_from([c["label"] for c in GENERIC_CHRONOLOGY] + ["Other", ""]),
        min_size=1,
        max_size=9,
    ),
    st.lists(st.lists(st.text(max_size=30), min_size=9, max_size=9), min_size=1, max_size=5),
)
def test_any_cell_text_gives_results_never_an_error(headers, rows):
    table = Table(headers=headers, rows=[row[: len(headers)] for row in rows], tables_found=1)
    results = parse_rows(table, match_headers(headers, GENERIC_CHRONOLOGY), today=TODAY)
    assert len(results) == len(rows)
    for result in results:
        assert result.values["child_seen"] in CHILD_SEEN + ("",)
        assert isinstance(result.values["occurred"], FuzzyDate)
        assert all(isinstance(error, str) and ": " in error for error in result.errors)
        assert result.ok == (not result.errors)
