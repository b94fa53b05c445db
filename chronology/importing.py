"""Reading an agency's chronology from an uploaded .xlsx, .docx or .csv file.

Pure functions, no database: read_table turns the bytes into a table of text, match_headers
maps its headings to the board's columns, parse_rows reads each row into the canonical shape and
says what it could not understand. blank_template_xlsx and blank_template_docx make the board's
empty template, which these functions read back.

Uploads are judged by their content, not their name, and every failure becomes ImportRefused with
a message fit to show the user.
"""

from __future__ import annotations

import csv
import difflib
import io
import itertools
import logging
import math
import re
import warnings
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from .fuzzydates import DateNotUnderstood, FuzzyDate, parse_fuzzy_date, read_time
from .headers import LOOK, heading_row

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024  # refuse larger uploads
MAX_ROWS = 10_000
MAX_UNPACKED_BYTES = 100 * 1024 * 1024  # all the members of a .xlsx or .docx, unpacked
MAX_RATIO = 200  # unpacked size of one member over its packed size
MAX_MEMBERS = 1000
MAX_COLUMNS = 100
COUNT_LIMIT = 10 * MAX_ROWS  # rows counted before giving up on saying exactly how many

CHILD_SEEN = ("yes", "alone", "no", "not_known", "not_indicated")
EXTRA_KEYS = ("learned_on", "views_wishes", "good_practice", "concern")

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"
_PICTURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*", b"RIFF")

EXCEL_ENDINGS = (".xlsx", ".xlsm")
WORD_ENDINGS = (".docx",)
TEXT_ENDINGS = (".csv", ".tsv", ".txt")
KNOWN_ENDINGS = EXCEL_ENDINGS + WORD_ENDINGS + TEXT_ENDINGS

ACCEPTED = "an Excel workbook (.xlsx), a Word document (.docx) or a CSV file (.csv)"


class ImportRefused(Exception):
    """The upload cannot be read. str(error) is the message to show the user."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]  # cell text, stripped; dates from Excel cells as "dd/mm/yyyy"
    tables_found: int  # for .docx: how many tables the document has; otherwise 1
    # The number the user sees for each row: the spreadsheet's row number, the CSV record's
    # number or the Word table's row number (the headings' row counts). Empty: header + 2.
    line_numbers: list[int] = field(default_factory=list)

    def line(self, index: int) -> int:
        """The line number the user sees for rows[index]."""
        if index < len(self.line_numbers):
            return self.line_numbers[index]
        return index + 2


# --------------------------------------------------------------------------------------------
# Reading the file


def read_table(data: bytes, filename: str, *, table_index: int = 0) -> Table:
    """The table in an uploaded file: the first sheet of a workbook, the chosen table of a Word
    document (0 is the first) or a CSV file. Raises ImportRefused, and nothing else, when the
    file cannot be read."""
    try:
        return _read_table(bytes(data), filename, table_index)
    except ImportRefused:
        raise
    except Exception:  # a damaged or hostile file must never become a server error
        logger.info("Upload %r could not be read", filename, exc_info=True)
        raise ImportRefused(
            f'We could not read "{_shown_name(filename)}". The file may be damaged. Open it, '
            f"save it again and upload it again, or upload {ACCEPTED}."
        ) from None


def _base_name(filename) -> str:
    name = re.split(r"[/\\]", str(filename or ""))[-1].strip()
    return "".join(ch for ch in name if ch.isprintable())


def _shown_name(filename) -> str:
    name = _base_name(filename)
    return name if len(name) <= 60 else name[:59] + "…"


def _ending(filename) -> str:
    name = _base_name(filename).lower()
    dot = name.rfind(".")
    return name[dot:] if dot > 0 else ""


def _read_table(data: bytes, filename: str, table_index: int) -> Table:
    size = len(data)
    if size > MAX_BYTES:
        raise ImportRefused(
            f"The file is {math.ceil(size * 10 / (1024 * 1024)) / 10:.1f} MB; the largest we "
            f"accept is {MAX_BYTES // (1024 * 1024)} MB."
        )
    if not data.strip():
        raise ImportRefused("The file is empty.")

    kind = _identify(data)
    name, ending = _shown_name(filename), _ending(filename)
    _check_ending(kind, name, ending)

    if kind == "xlsx":
        return _read_xlsx(data)
    if kind == "docx":
        return _read_docx(data, table_index)
    return _read_csv(data, ending)


def _identify(data: bytes) -> str:
    """'xlsx', 'docx' or 'csv', judged by the content; anything else is refused here. A zip
    file (.xlsx and .docx are zip files) is checked for safety before anything unpacks it."""
    if data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        names = _safe_zip_names(data)
        if "xl/workbook.xml" in names:
            return "xlsx"
        if "word/document.xml" in names:
            return "docx"
        if "mimetype" in names or "content.xml" in names:
            raise ImportRefused(
                "The file is an OpenDocument file (.ods or .odt), which we cannot read. Save it "
                "as an Excel workbook (.xlsx) or Word document (.docx) and upload that."
            )
        raise ImportRefused(
            f"The file is a zip archive, not a chronology. Upload {ACCEPTED} on its own."
        )
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise ImportRefused(
                "The file is protected with a password. Remove the password, save the file and "
                "upload it again."
            )
        raise ImportRefused(
            "The file is an older Word or Excel file (.doc or .xls), which we cannot read. Open "
            "it, save it as a Word document (.docx) or Excel workbook (.xlsx) and upload that."
        )
    if data.startswith(b"%PDF"):
        raise ImportRefused(
            "The file is a PDF. We cannot read tables from a PDF: upload the Word or Excel file "
            "the chronology was written in."
        )
    if data.startswith(_PICTURES) or (data.startswith(b"BM") and data[6:10] == bytes(4)):
        raise ImportRefused(f"The file is a picture, not a table. Upload {ACCEPTED}.")
    if data.lstrip().startswith(b"{\\rtf"):
        raise ImportRefused(
            "The file is in Rich Text Format (.rtf), which we cannot read. Open it in Word, save "
            "it as a Word document (.docx) and upload that."
        )
    text = _decode(data)
    if text is None:
        raise ImportRefused(f"We cannot read this kind of file. Upload {ACCEPTED}.")
    if text.lstrip().startswith("<"):
        raise ImportRefused(
            "The file is a web page or XML file, not a spreadsheet. Open it in Excel, save it as "
            "an Excel workbook (.xlsx) and upload that."
        )
    return "csv"


def _safe_zip_names(data: bytes) -> set[str]:
    """The names of the zip file's members, refused before anything unpacks it if it would
    unpack too large. (zipfile never unpacks a member beyond the size the archive declares,
    so checking the declared sizes bounds what openpyxl and python-docx can unpack.)"""
    try:
        zip_file = zipfile.ZipFile(io.BytesIO(data))
        members = zip_file.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        raise ImportRefused(
            "The file is damaged and cannot be opened. Open it, save it again and upload it again."
        ) from None
    too_big = ImportRefused(
        "We cannot accept this file: it unpacks to far more than its size, which is how some "
        "harmful files work. Open it, save it again and upload it again."
    )
    if len(members) > MAX_MEMBERS:
        zip_file.close()
        raise ImportRefused(
            f"The file has too many parts inside it (more than {MAX_MEMBERS:,}) to be a "
            "chronology. Check you chose the right file."
        )
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            zip_file.close()
            raise ImportRefused(
                "The file is protected with a password. Remove the password, save the file and "
                "upload it again."
            )
        total += member.file_size
        if member.file_size and (
            member.compress_size <= 0 or member.file_size / member.compress_size > MAX_RATIO
        ):
            zip_file.close()
            raise too_big
    zip_file.close()
    if total > MAX_UNPACKED_BYTES:
        raise too_big
    return {member.filename for member in members}


def _decode(data: bytes) -> str | None:
    """The text of a CSV file, or None when the bytes are not text."""
    text = None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            return None
    else:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
    if text is None or _CONTROL.search(text):
        return None
    return text


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")

_KIND_NAMES = {
    "xlsx": ("an Excel workbook", ".xlsx"),
    "docx": ("a Word document", ".docx"),
    "csv": ("a CSV file", ".csv"),
}


def _check_ending(kind: str, name: str, ending: str) -> None:
    """Refuse a file whose name says it is one kind and whose content is another."""
    if not ending:
        return
    if ending not in KNOWN_ENDINGS:
        raise ImportRefused(
            f'The file is called "{name}", which is not a kind of file we can read. Upload '
            f"{ACCEPTED}."
        )
    expected = "xlsx" if ending in EXCEL_ENDINGS else "docx" if ending in WORD_ENDINGS else "csv"
    if expected == kind:
        return
    expected_name = _KIND_NAMES[expected][0]
    actual_name, actual_ending = _KIND_NAMES[kind]
    if kind == "csv":
        raise ImportRefused(f'The file is called "{name}" but is not {expected_name}.')
    raise ImportRefused(
        f'The file is called "{name}" but is not {expected_name}: it is {actual_name}. Rename it '
        f"to end in {actual_ending}, or upload the right file."
    )


def _trimmed(cells, *, empty="") -> list:
    """The cells without the empty ones at the end."""
    end = len(cells)
    while end and cells[end - 1] in (empty, ""):
        end -= 1
    return list(cells[:end])


def _build_table(numbered_rows: Iterable[tuple[int, list[str]]], tables_found: int) -> Table:
    """Headings from the row among the first that reads most like them (an agency's title block
    above it is left out); empty rows skipped; size limits applied."""
    trimmed = ((line, _trimmed(cells)) for line, cells in numbered_rows)
    filled = ((line, cells) for line, cells in trimmed if cells)
    first = list(itertools.islice(filled, LOOK))
    if not first:
        raise ImportRefused("The table is empty: it has no headings and no rows.")
    at = heading_row([cells for _, cells in first], _is_heading)
    heading = first[at][1]
    rows: list[list[str]] = []
    lines: list[int] = []
    count = 0
    for line, cells in itertools.chain(first[at + 1 :], filled):
        count += 1
        if count <= MAX_ROWS:
            rows.append(cells)
            lines.append(line)
        elif count > COUNT_LIMIT:
            raise ImportRefused(
                f"The file has more than {COUNT_LIMIT:,} rows; the most we accept at once is "
                f"{MAX_ROWS:,}. Split it into parts."
            )
    if count > MAX_ROWS:
        raise ImportRefused(
            f"The file has {count:,} rows; the most we accept at once is {MAX_ROWS:,}. Split it "
            "into parts."
        )
    if not rows:
        raise ImportRefused("The table has headings but no rows.")
    width = max(len(heading), *(len(row) for row in rows))
    if width > MAX_COLUMNS:
        raise _too_wide(width)
    heading = heading + [""] * (width - len(heading))
    rows = [row + [""] * (width - len(row)) for row in rows]
    return Table(headers=heading, rows=rows, tables_found=tables_found, line_numbers=lines)


def _too_wide(width: int) -> ImportRefused:
    # Workbooks and Word tables are read only one column past the limit: not the true width.
    shown = f"more than {MAX_COLUMNS}" if width == MAX_COLUMNS + 1 else f"{width}"
    return ImportRefused(
        f"The table has {shown} columns, more than a chronology can have (at most "
        f"{MAX_COLUMNS}). Check you chose the right file."
    )


def _clean(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x0b", "\n")
    return text.replace("\u00a0", " ").strip()


def _cell_text(value) -> str:
    """A spreadsheet cell as text; real date cells as dd/mm/yyyy (with the time if it has one)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        day = f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        if value.time() == time(0):
            return day
        return f"{day} {value.hour:02d}:{value.minute:02d}"
    if isinstance(value, date):
        return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, timedelta):
        minutes = int(value.total_seconds() // 60)
        return f"{minutes // 60:02d}:{minutes % 60:02d}"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return _clean(str(value))


def _read_xlsx(data: bytes) -> Table:
    """The first sheet. Only the first MAX_COLUMNS + 1 columns are read, so that a stray cell in
    column XFD cannot make every row 16,384 cells long; data in column 101 refuses the file."""
    import openpyxl

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not workbook.worksheets:
                raise ImportRefused("The workbook has no sheets.")
            sheet = workbook.worksheets[0]
            sheet.reset_dimensions()  # do not trust the size the file claims
            # One column past the most allowed is enough to tell a table is too wide.
            cells = sheet.iter_rows(max_col=MAX_COLUMNS + 1, values_only=True)
            rows = (
                (number, [_cell_text(value) for value in _trimmed(row, empty=None)])
                for number, row in enumerate(cells, start=1)
            )
            try:
                return _build_table(rows, tables_found=1)
            except ImportRefused as refused:
                if str(refused).startswith("The table is empty"):
                    raise ImportRefused(
                        "The first sheet of the workbook is empty. Put the chronology on the "
                        "first sheet."
                    ) from None
                raise
        finally:
            workbook.close()


def _read_docx(data: bytes, table_index: int) -> Table:
    import docx
    from docx.oxml.ns import qn
    from docx.table import Table as WordTable

    document = docx.Document(io.BytesIO(data))
    body = document.element.body
    # Tables in the body, including any inside content controls, but not tables inside tables.
    found = [
        WordTable(tbl, document._body) for tbl in body.iter(qn("w:tbl")) if not _nested(tbl, qn)
    ]
    if not found:
        raise ImportRefused(
            "The document has no table. Put the chronology in a Word table, one row for each "
            "event, or upload it as a spreadsheet."
        )
    count = len(found)
    if not isinstance(table_index, int) or not 0 <= table_index < count:
        tables = "1 table" if count == 1 else f"{count} tables"
        choose = "Choose table 1." if count == 1 else f"Choose a table from 1 to {count}."
        raise ImportRefused(
            f"The document has {tables}, so there is no table {_nth(table_index)}. {choose}"
        )
    return _build_table(_word_rows(found[table_index], qn), tables_found=count)


def _nth(index) -> str:
    try:
        return str(int(index) + 1)
    except (TypeError, ValueError):
        return str(index)


def _nested(tbl, qn) -> bool:
    parent = tbl.getparent()
    while parent is not None:
        if parent.tag == qn("w:tbl"):
            return True
        parent = parent.getparent()
    return False


def _word_rows(table, qn) -> Iterator[tuple[int, list[str]]]:
    """Each row's text by grid position. A cell merged across columns gives its text once, in its
    first position; a cell merged down rows gives its text to each row it covers."""
    started: dict[int, str] = {}  # grid column -> text of the cell a vertical merge continues
    for number, tr in enumerate(table._tbl.tr_lst, start=1):
        column = tr.grid_before
        cells = [""] * column
        for tc in tr.tc_lst:
            span = max(1, tc.grid_span)
            if column + span > MAX_COLUMNS + 1:
                raise _too_wide(MAX_COLUMNS + 1)
            if tc.vMerge == "continue":
                text = started.get(column, "")
            else:
                text = _word_cell_text(tc, qn)
                started[column] = text
            cells.append(text)
            cells.extend([""] * (span - 1))
            column += span
        yield number, cells


def _word_cell_text(tc, qn) -> str:
    from docx.text.paragraph import Paragraph

    paragraphs = (Paragraph(p, None).text for p in tc.iter(qn("w:p")))
    return _clean("\n".join(text.strip() for text in paragraphs if text.strip()))


def _read_csv(data: bytes, ending: str) -> Table:
    text = _decode(data)
    if text is None:  # _identify has already checked; kept for safety
        raise ImportRefused(f"We cannot read this kind of file. Upload {ACCEPTED}.")
    delimiter = "\t" if ending == ".tsv" else _sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        return _build_table(
            ((number, [_clean(cell) for cell in row]) for number, row in enumerate(reader, 1)),
            tables_found=1,
        )
    except csv.Error:
        raise ImportRefused(
            "We could not read the file as a CSV file: check it is saved as CSV (comma "
            "delimited) and that no cell is extremely long."
        ) from None


def _sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever the heading row uses most, outside quotes."""
    for line in text[:65536].splitlines():
        if line.strip():
            unquoted = re.sub(r'"[^"]*"', "", line)
            counts = {d: unquoted.count(d) for d in (",", ";", "\t")}
            best = max(counts, key=lambda d: counts[d])
            return best if counts[best] else ","
    return ","


# --------------------------------------------------------------------------------------------
# Matching the headings to the board's columns


@dataclass
class HeaderMatch:
    index: int
    header: str
    key: str | None  # canonical column key, or None if not recognised
    confident: bool  # False when guessed by fuzzy match: the user confirms


# Other names agencies give each column. Each entry: the keys to use, in order of preference
# (the first the board has), and the headings that mean it.
def _synonyms(*keys_and_text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The keys (in order of preference) and the headings, separated by "|", that mean them."""
    *keys, text = keys_and_text
    return tuple(keys), tuple(" ".join(item.split()) for item in text.split("|"))


_SYNONYMS: list[tuple[tuple[str, ...], tuple[str, ...]]] = [
    _synonyms(
        "date",
        "datetime",
        "date | dates | date of contact | contact date | date of event | event date | date of "
        "incident | incident date | date of episode | date of entry | date seen | date of "
        "involvement",
    ),
    _synonyms(
        "datetime",
        "date",
        "date and time | date time | datetime | date and time of contact | date and time of event "
        "| date and time 24 hour | date and time 24hr",
    ),
    _synonyms(
        "time",
        "time | times | time 24hr | time 24hrs | time 24 hr | time 24 hour | time 24 hours | time "
        "24 hour clock | time of contact | time of event",
    ),
    _synonyms(
        "learned_on",
        "date agency learned | date agency learnt | date the agency learned | date the agency "
        "learnt | date known to agency | date known to the agency | date agency became aware | "
        "date agency was told | date learned | date learnt | date information received | date "
        "received | date recorded | date of recording",
    ),
    _synonyms(
        "family_members",
        "family member | family members | family members concerned | family members involved | "
        "family member involved | subject | subjects | who | person | persons | people | people "
        "involved | person involved | name | names | child family member | client",
    ),
    _synonyms(
        "event",
        "event | events | details | detail | event details | details of event | event or "
        "information | event and information | event information | event and who was present | "
        "event who was present | what happened | description | description of event | information "
        "| details of contact | nature of contact | contact | contact details | summary | "
        "narrative | incident | entry",
    ),
    _synonyms(
        "contact_child",
        "event",
        "contact with the child | contact with child | child contact | contact with children",
    ),
    _synonyms(
        "contact_family",
        "event",
        "contact with parents carers and family | contact with parents carers family | contact "
        "with parents | contact with parents and carers | contact with parents carers | contact "
        "with family | contact with the family | family contact",
    ),
    _synonyms(
        "communication",
        "event",
        "inter and intra agency communication | inter and intraagency communication | "
        "communication | communications | inter agency communication | interagency communication "
        "| multi agency communication | agency communication | communication with other agencies",
    ),
    _synonyms(
        "source",
        "source | sources | information source | source of information | agency source | source "
        "agency | agency | source document | record source",
    ),
    _synonyms(
        "action",
        "action | actions | action taken | actions taken | outcome | outcomes | action outcome | "
        "action and outcome | action or outcome | action taken outcome | action taken or other "
        "agencys response | response | agency response | decision | decisions",
    ),
    _synonyms(
        "child_seen",
        "child seen | children seen | seen | was the child seen | child seen y n | child seen yes "
        "no | child seen views and wishes | child seen alone views and wishes | child seen alone "
        "| seen alone",
    ),
    _synonyms(
        "views_wishes",
        "views and wishes | views wishes | childs views | childs views and wishes | views and "
        "wishes of the child | voice of the child | wishes and feelings",
    ),
    _synonyms(
        "staff",
        "staff | staff involved | staff member | staff members | staff name | staff names | staff "
        "role | worker | workers | worker involved | name of worker | practitioner | "
        "practitioners | professional | professionals | professionals involved | officer | "
        "officers",
    ),
    _synonyms("note", "comment", "note | notes"),
    _synonyms(
        "comment",
        "note",
        "comment | comments | analysis | comment analysis | analysis comment | comments analysis "
        "| authors comment | authors comments | imr authors comment | imr author comment | "
        "reviewers comment | commentary | observations | remarks",
    ),
    _synonyms("good_practice", "good practice | good practice flag"),
    _synonyms("concern", "concern | concerns | concern flag | cause for concern"),
]

# Words that suggest a column when nothing matches better; a guess the user confirms.
_KEYWORDS: list[tuple[frozenset[str], tuple[str, ...]]] = [
    (frozenset({"learned", "learnt", "aware", "received", "recorded"}), ("learned_on",)),
    (frozenset({"seen"}), ("child_seen",)),
    (frozenset({"wishes", "views", "voice"}), ("views_wishes",)),
    (frozenset({"date", "dated", "when"}), ("date", "datetime")),
    (frozenset({"time"}), ("time",)),
    (
        frozenset({"staff", "worker", "workers", "practitioner", "professional", "officer"}),
        ("staff",),
    ),
    (frozenset({"action", "actions", "outcome", "outcomes", "response"}), ("action",)),
    (frozenset({"source", "sources", "agency"}), ("source",)),
    (frozenset({"comment", "comments", "analysis"}), ("comment", "note")),
    (frozenset({"note", "notes"}), ("note", "comment")),
    (frozenset({"child", "children"}), ("contact_child",)),
    (frozenset({"parents", "carers", "family"}), ("contact_family",)),
    (frozenset({"communication", "communications", "liaison"}), ("communication",)),
    (
        frozenset({"event", "events", "details", "description", "information", "happened"}),
        ("event",),
    ),
    (frozenset({"family", "member", "members", "subject", "person", "names"}), ("family_members",)),
    (frozenset({"concern", "concerns"}), ("concern",)),
]

_LABEL, _SYNONYM, _SYNONYM_STRIPPED, _FUZZY_MAX, _KEYWORD = 1.0, 0.95, 0.9, 0.8, 0.5
_FUZZY_CUTOFF = 0.75


def _norm(text: str) -> str:
    """Headings compared without case, punctuation or extra spaces: "Family member(s)" and
    "family members" are the same."""
    text = str(text).lower().replace("&", " and ").replace("(s)", "s").replace("’", "'")
    text = text.replace("'s ", "s ").replace("s' ", "s ")
    text = re.sub(r"[^\w\s]|_", " ", text)
    return " ".join(text.split())


def _without_brackets(text: str) -> str:
    return _norm(re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", str(text)))


def _candidates(
    header: str, columns: list[dict], allowed: list[str]
) -> list[tuple[float, str, bool]]:
    """(score, key, confident) for each key the heading could mean, best first."""
    full, bare = _norm(header), _without_brackets(header)
    if not full:
        return []
    found: dict[str, tuple[float, bool]] = {}

    def offer(key: str, score: float, confident: bool) -> None:
        if key in allowed and score > found.get(key, (0.0, False))[0]:
            found[key] = (score, confident)

    def first_allowed(keys: tuple[str, ...]) -> str | None:
        return next((key for key in keys if key in allowed), None)

    phrases: list[tuple[str, str]] = []  # (normalised phrase, key) for fuzzy matching
    for column in columns:
        label = _norm(column.get("label", ""))
        key = column.get("key")
        if not key or not label:
            continue
        phrases.append((label, key))
        if full == label:
            offer(key, _LABEL, True)
        elif bare and bare == _without_brackets(column.get("label", "")):
            offer(key, _SYNONYM_STRIPPED, True)
    for key in allowed:
        as_words = _norm(key)
        if full == as_words:
            offer(key, _SYNONYM, True)
    for keys, synonyms in _SYNONYMS:
        key = first_allowed(keys)
        if key is None:
            continue
        for synonym in synonyms:
            phrases.append((synonym, key))
            if full == synonym:
                offer(key, _SYNONYM, True)
            elif bare == synonym:
                offer(key, _SYNONYM_STRIPPED, True)

    for text in {full, bare} - {""}:
        matcher = difflib.SequenceMatcher(None, b=text)  # b is the side difflib indexes
        for phrase, key in phrases:
            matcher.set_seq1(phrase)
            if (
                matcher.real_quick_ratio() >= _FUZZY_CUTOFF
                and matcher.quick_ratio() >= _FUZZY_CUTOFF
                and (ratio := matcher.ratio()) >= _FUZZY_CUTOFF
            ):
                offer(key, _FUZZY_MAX * ratio, False)

    words = set(full.split())
    for keywords, keys in _KEYWORDS:
        if words & keywords:  # the first telling word decides, even if the board lacks it
            key = first_allowed(keys)
            if key is not None:
                offer(key, _KEYWORD, False)
            break

    ranked = sorted(found.items(), key=lambda item: -item[1][0])
    return [(score, key, confident) for key, (score, confident) in ranked]


_KNOWN_HEADINGS = frozenset(synonym for _, synonyms in _SYNONYMS for synonym in synonyms)


def _is_heading(text: str) -> bool:
    """Whether a cell is a heading we know: what finds the heading row below a title block."""
    return bool({_norm(text), _without_brackets(text)} & _KNOWN_HEADINGS)


def match_headers(headers: list[str], columns: list[dict]) -> list[HeaderMatch]:
    """Which of the board's columns each heading is. A heading matching a column's label or a
    known other name is confident; a guess (a near spelling, a telling word) is not, and the
    user confirms it. No two headings get the same column: the better match keeps it."""
    allowed = [column["key"] for column in columns if column.get("key")]
    allowed += [key for key in EXTRA_KEYS if key not in allowed]
    offers = []
    for index, header in enumerate(headers):
        for score, key, confident in _candidates(header, columns, allowed):
            offers.append((-score, index, key, confident))
    offers.sort(key=lambda offer: (offer[0], offer[1]))
    chosen: dict[int, tuple[str, bool]] = {}
    taken: set[str] = set()
    for _, index, key, confident in offers:
        if index in chosen or key in taken:
            continue
        chosen[index] = (key, confident)
        taken.add(key)
    matches = []
    for index, header in enumerate(headers):
        key, confident = chosen.get(index, (None, False))
        matches.append(HeaderMatch(index=index, header=header, key=key, confident=confident))
    return matches


# --------------------------------------------------------------------------------------------
# Reading the rows


@dataclass
class RowResult:
    line: int  # the line number the user sees (see Table.line_numbers)
    values: dict  # the canonical values (see parse_rows)
    errors: list[str] = field(default_factory=list)  # each names the column
    # The time as written when it is only approximate ("pm", "about 2pm"); values["time"] is
    # then None. Kept with the date's text when saved.
    time_text: str = ""

    @property
    def ok(self) -> bool:
        return not self.errors


NO_EVENT = "Event: this row says nothing happened; add what happened or remove the row."

_KEY_NAMES = {
    "date": "Date",
    "datetime": "Date and time",
    "time": "Time",
    "learned_on": "Date the agency learned of it",
    "child_seen": "Child seen",
}

_LIST_SPLIT = re.compile(r"\s*(?:[,;/\n&+]|\band\b)\s*", re.IGNORECASE)
_TIME_LIKE = re.compile(r"[:.h]|[ap]\.?\s*m\.?$|hrs?$", re.IGNORECASE)
_NEGATION = re.compile(r"\b(?:no|not|nil|none|without|never)\b|n't\b", re.IGNORECASE)
_GOOD_PRACTICE = re.compile(r"\bgood\s+practi[cs]e\b", re.IGNORECASE)
_CONCERN = re.compile(r"\bconcern(?:s|ed|ing)?\b", re.IGNORECASE)
_YES_WORDS = {"yes", "y", "true", "1", "x", "✓", "✔", "flag", "flagged"}
_NO_WORDS = {"", "no", "n", "false", "0", "-", "none", "n/a", "na", "nil"}


def _blank_values() -> dict:
    return {
        "occurred": FuzzyDate("unknown", None, ""),
        "time": None,
        "learned_on": None,
        "family_members": [],
        "event": "",
        "source": "",
        "action": "",
        "child_seen": "",
        "views_wishes": "",
        "staff": [],
        "comment": "",
        "good_practice": False,
        "concern": False,
        "contact_type": "",
    }


def split_list(text: str) -> list[str]:
    """Names or codes written in one cell: "Child A, Parent 1 and SW1" → three items."""
    items: list[str] = []
    for item in _LIST_SPLIT.split(text or ""):
        item = item.strip(" .-")
        if item and item.lower() not in {i.lower() for i in items}:
            items.append(item)
    return items


def _date_and_time(text: str, today: date) -> tuple[FuzzyDate, time | None, str]:
    """A date, possibly followed by a time: "12/11/2004 14:30", "12 Nov 2004 at 2.30pm",
    "12/11/2004 pm". Gives (date, exact time, approximate time as written); see read_time."""
    try:
        return parse_fuzzy_date(text, today=today), None, ""
    except DateNotUnderstood as whole:
        refusal = first = whole
    stripped = text.strip()
    splits = []
    if m := re.match(r"^(\d{4}-\d{1,2}-\d{1,2})T(.+)$", stripped):
        splits.append((m[1], m[2]))
    parts = stripped.split()
    for size in (3, 2, 1):  # the longest time first: "about 2.30 pm" before "pm"
        if len(parts) > size:
            splits.append((" ".join(parts[:-size]), " ".join(parts[-size:])))
    for date_text, time_text in splits:
        date_text = re.sub(r"(?:\s*,|\s+at)$", "", date_text.strip(), flags=re.IGNORECASE)
        try:
            when, written = read_time(time_text)
        except DateNotUnderstood:
            continue
        if when is None and not written:
            continue
        try:
            return parse_fuzzy_date(date_text, today=today), when, written
        except DateNotUnderstood as error:
            if refusal is first and _TIME_LIKE.search(time_text):
                refusal = error  # the time is clearly a time: the date part is the problem
    raise refusal


def _read_child_seen(text: str) -> tuple[str, str, list[str]]:
    """(code, views and wishes, initials of the children seen) from a "child seen" cell."""
    text = text.strip()
    if not text:
        return "", "", []
    for pattern, code in _SEEN_PATTERNS:
        if m := pattern.match(text):
            return code, _views(text, m.end()), []
    if m := _INITIALS.match(text):
        initials = split_list(m[1])
        rest = text[m.end(1) :].strip(" -–—,:;()")
        if not rest:
            return "yes", "", initials
        if a := re.match(r"(?:was\s+|were\s+)?(?:seen\s+)?alone\b", rest, re.IGNORECASE):
            return "alone", _views(rest, a.end()), initials
        if s := re.match(r"(?:was\s+|were\s+)?seen\b", rest, re.IGNORECASE):
            return "yes", _views(rest, s.end()), initials
    return "", text, []


def _views(text: str, start: int) -> str:
    """What follows the yes / no / alone word: the child's views and wishes."""
    rest = text[start:].strip(" \t\n-–—,:;.")
    if rest.startswith("(") and rest.endswith(")") and rest.count("(") == 1:
        rest = rest[1:-1].strip()
    return rest


_CHILD = r"(?:the\s+)?(?:child(?:ren)?\s+)?(?:was\s+|were\s+)?"
_END = r"(?![a-z/])"
_SEEN_PATTERNS = [
    (re.compile(r"(?:n/a|n\.a\.?|not\s+applicable)" + _END, re.IGNORECASE), ""),
    (re.compile(rf"(?:yes|y)\s*[,:;\-–—(/]*\s*(?:seen\s+)?alone{_END}\)?", re.IGNORECASE), "alone"),
    (re.compile(rf"{_CHILD}seen\s+alone{_END}", re.IGNORECASE), "alone"),
    (re.compile(rf"alone{_END}", re.IGNORECASE), "alone"),
    (re.compile(rf"(?:n/k|n\.k\.?|nk|not\s+known|unknown){_END}", re.IGNORECASE), "not_known"),
    (
        re.compile(
            rf"(?:n/i|n\.i\.?|ni|not\s+indicated|not\s+recorded|not\s+stated){_END}", re.IGNORECASE
        ),
        "not_indicated",
    ),
    (re.compile(rf"(?:{_CHILD}not\s+seen|no|n|✗|✘){_END}", re.IGNORECASE), "no"),
    (re.compile(rf"(?:yes|y|{_CHILD}seen|✓|✔){_END}", re.IGNORECASE), "yes"),
]
_INITIALS = re.compile(
    r"^((?:[A-Z]{1,3}\d?)(?:\s*(?:,|&|/|\band\b)\s*[A-Z]{1,3}\d?)*)(?![A-Za-z0-9])"
)


def _mentions(text: str, pattern: re.Pattern) -> bool:
    """Whether the text says the phrase, not negated: "No concerns" does not mention a concern."""
    for m in pattern.finditer(text):
        before = re.split(r"[.,;:!?\n]", text[: m.start()])[-1]
        last_words = " ".join(before.split()[-4:])
        if not _NEGATION.search(last_words):
            return True
    return False


def _flag(text: str) -> tuple[bool, str]:
    """A flag column: (set?, words to keep as a comment)."""
    low = text.strip().lower()
    if low in _NO_WORDS:
        return False, ""
    if low in _YES_WORDS:
        return True, ""
    return True, text.strip()


def _join(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


_CONTACT_TYPES = {
    "contact_child": "child",
    "contact_family": "family",
    "communication": "communication",
}


def parse_rows(
    table: Table, matches: list[HeaderMatch], *, today: date | None = None
) -> list[RowResult]:
    """Each row of the table in the canonical shape, with what could not be understood.

    values holds: occurred (FuzzyDate), time, learned_on (FuzzyDate or None), family_members
    and staff (lists), event, source, action, child_seen (one of CHILD_SEEN or ""),
    views_wishes, comment, good_practice and concern (bools) and contact_type ("child",
    "family", "communication" or ""). Dates are never invented: a row without one has an
    unknown date. Bad rows are reported, with every problem in them, and good rows kept.
    """
    today = today or date.today()
    where: dict[str, tuple[int, str]] = {}  # key -> (column index, column name for messages)
    for match in matches:
        if match.key and match.key not in where:
            name = match.header.strip() or _KEY_NAMES.get(match.key, match.key.replace("_", " "))
            where[match.key] = (match.index, " ".join(name.split()))
    return [
        _parse_row(row, table.line(position), where, today)
        for position, row in enumerate(table.rows)
    ]


def _parse_row(row: list[str], line: int, where: dict, today: date) -> RowResult:
    values = _blank_values()
    errors: list[str] = []

    def cell(key: str) -> str:
        if key not in where:
            return ""
        index = where[key][0]
        return str(row[index]).strip() if 0 <= index < len(row) else ""

    def problem(key: str, error: DateNotUnderstood) -> None:
        errors.append(f"{where[key][1]}: {error}")

    time_from_date, text_from_date = None, ""
    for key in ("datetime", "date"):
        if text := cell(key):
            try:
                values["occurred"], time_from_date, text_from_date = _date_and_time(text, today)
            except DateNotUnderstood as error:
                problem(key, error)
            break
    time_text = ""
    if text := cell("time"):
        try:
            values["time"], time_text = read_time(text)
        except DateNotUnderstood as error:
            problem("time", error)
    if values["time"] is None and not time_text:
        values["time"], time_text = time_from_date, text_from_date
    if text := cell("learned_on"):
        try:  # a time in the cell is not kept: the day the agency learned is what counts
            values["learned_on"] = _date_and_time(text, today)[0]
        except DateNotUnderstood as error:
            problem("learned_on", error)

    values["family_members"] = split_list(cell("family_members"))
    values["staff"] = split_list(cell("staff"))
    values["source"] = cell("source")
    values["action"] = cell("action")

    # Milton Keynes keeps events in three columns by the kind of contact.
    event = cell("event")
    contacts = sorted((where[key][0], key) for key in _CONTACT_TYPES if key in where)
    for _, key in contacts:
        if text := cell(key):
            event = _join(event, text)
            values["contact_type"] = values["contact_type"] or _CONTACT_TYPES[key]
    values["event"] = event

    seen, views, initials = _read_child_seen(cell("child_seen"))
    values["child_seen"] = seen
    values["views_wishes"] = _join(views, cell("views_wishes"))
    for code in initials:
        if code.lower() not in {member.lower() for member in values["family_members"]}:
            values["family_members"].append(code)

    comment = _join(cell("comment"), cell("note"))
    good, good_words = _flag(cell("good_practice"))
    concern, concern_words = _flag(cell("concern"))
    values["comment"] = _join(comment, good_words, concern_words)
    values["good_practice"] = good or _mentions(comment, _GOOD_PRACTICE)
    values["concern"] = concern or _mentions(comment, _CONCERN)

    if not values["event"]:
        errors.append(NO_EVENT)
    return RowResult(line=line, values=values, errors=errors, time_text=time_text)


# --------------------------------------------------------------------------------------------
# Blank templates


def _instructions(columns: list[dict], board_name: str) -> list[str]:
    keys = {column.get("key") for column in columns}
    lines = [
        f"{board_name}: agency chronology",
        "Use one row for each contact or event. Keep the column headings as they are and do not "
        "add anything above them.",
        "Dates: write the day first, like 12/11/2004 or 12 Nov 2004. If you only know the month "
        'or the year, write "June 2004" or "2004". If the date is not certain, add "approx", '
        'like "June 2004 approx". If you do not know the date at all, write "not known". Never '
        "guess a date.",
    ]
    if "time" in keys:
        lines.append(
            "Times: use the 24-hour clock, like 14:30. Leave the time blank if you do not know it."
        )
    if "datetime" in keys:
        lines.append(
            "Date and time: write the date and then the time on the 24-hour clock, like "
            "12/11/2004 14:30, or just the date if you do not know the time."
        )
    if keys & {"contact_child", "contact_family", "communication"}:
        lines.append(
            "Write each event in the column for the kind of contact it was: with the child, with "
            "the family, or between agencies."
        )
    if "family_members" in keys or "staff" in keys:
        lines.append(
            "Family members and staff: use the codes agreed for this review (for example Child A, "
            "Parent 1, SW1), separated by commas."
        )
    if "child_seen" in keys:
        lines.append(
            'Child seen: write "yes", "seen alone", "no", "not known" or "not indicated", then '
            "what the child said about their views and wishes, like: Yes - said she likes school."
        )
    if keys & {"comment", "note"}:
        lines.append(
            'Comment: start with "Good practice" or "Concern" to flag the row for the panel.'
        )
    return lines


def _date_like(key: str) -> bool:
    return key in {"date", "datetime", "learned_on", "time"}


def blank_template_xlsx(columns: list[dict], board_name: str) -> bytes:
    """An empty chronology workbook in the board's columns, with a sheet of instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from scr.spreadsheets import safe_cell

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Chronology"
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDDDDD")
    wrap = Alignment(wrap_text=True, vertical="top")
    for number, column in enumerate(columns, start=1):
        cell = sheet.cell(row=1, column=number, value=safe_cell(column["label"]))
        cell.font, cell.fill, cell.alignment = bold, fill, wrap
        letter = get_column_letter(number)
        wide = column.get("key") in {
            "event",
            "contact_child",
            "contact_family",
            "communication",
            "comment",
            "note",
            "action",
            "child_seen",
        }
        sheet.column_dimensions[letter].width = 40 if wide else 18
        if _date_like(column.get("key", "")):
            # Text, so Excel keeps "June 2004 approx" and "June 2004" as typed.
            for row in range(2, 52):
                sheet.cell(row=row, column=number).number_format = "@"
        for row in range(2, 52):
            sheet.cell(row=row, column=number).alignment = wrap
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"

    notes = workbook.create_sheet("How to fill this in")
    notes.column_dimensions["A"].width = 120
    for number, line in enumerate(_instructions(columns, board_name), start=1):
        cell = notes.cell(row=number, column=1, value=safe_cell(line))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if number == 1:
            cell.font = Font(bold=True, size=14)
    workbook.properties.title = f"{board_name}: agency chronology"
    workbook.active = 0
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def blank_template_docx(columns: list[dict], board_name: str) -> bytes:
    """An empty chronology table in the board's columns, landscape, with instructions above it."""
    import docx
    from docx.enum.section import WD_ORIENT
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    section = document.sections[0]
    if section.page_width < section.page_height:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = section.page_height, section.page_width
    lines = _instructions(columns, board_name)
    document.add_heading(lines[0], level=1)
    for line in lines[1:]:
        document.add_paragraph(line, style="List Bullet")

    table = document.add_table(rows=11, cols=len(columns))
    table.style = "Table Grid"
    header = table.rows[0]
    properties = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")  # repeat the headings on every page
    repeat.set(qn("w:val"), "true")
    properties.append(repeat)
    for cell, column in zip(header.cells, columns, strict=True):
        run = cell.paragraphs[0].add_run(column["label"])
        run.bold = True
        run.font.size = Pt(10)
    document.core_properties.title = f"{board_name}: agency chronology"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
