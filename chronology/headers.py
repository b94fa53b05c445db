"""Finding the heading row of an agency's own table. Agencies often put a title block above it
(the agency's name, who completed it, dates, blank rows), so the headings are not always the
first row: they are the row that names the most columns we know."""

from collections.abc import Callable

LOOK = 30  # rows with any text looked through for the headings
ENOUGH = 2  # known headings a later row needs before the rows above it are taken for a title


def heading_row(rows: list[list[str]], is_heading: Callable[[str], bool]) -> int:
    """The index of the row with the most cells that are known headings, the earliest on a tie.
    The first row unless a later one has at least ENOUGH: one word such as "Agency" in a title
    block or a front sheet is no sign of headings."""
    best, most = 0, ENOUGH - 1
    for index, cells in enumerate(rows[:LOOK]):
        known = sum(1 for cell in cells if cell and is_heading(cell))
        if known > most:
            best, most = index, known
    return best
