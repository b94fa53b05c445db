"""Cells for every spreadsheet and CSV file the product writes, safe to open.

Text that a spreadsheet would take for a formula (OWASP's CSV injection advice: starting with
=, +, -, @, a tab or a carriage return) is written with a leading single quote, so that
``=HYPERLINK(...)`` typed into a chronology row reaches the reader as the words, never as a live
formula. Numbers, dates and blanks stay what they are. Imports never use this: what an agency
typed is stored as typed, and only made safe on the way out.
"""

from collections.abc import Iterable
from typing import Any

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value to write: a string starting as a formula would, quoted; anything else as is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    """A row for csv.writer or openpyxl, each cell through safe_cell."""
    return [safe_cell(value) for value in values]


def append_row(sheet, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet: every string written as text (data type "s"),
    never as a formula."""
    sheet.append(safe_row(values))
    for cell in sheet[sheet.max_row]:
        if cell.data_type == "f":  # cannot happen after safe_cell; kept as the last guard
            cell.data_type = "s"


def write_rows(sheet, rows: Iterable[Iterable[Any]]) -> None:
    for values in rows:
        append_row(sheet, values)
