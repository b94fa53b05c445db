"""Dates as agencies write them in chronologies: exact, month only, year only, approximate or not
known, kept as such and never invented.

Pure functions, no database. UK conventions: the day comes first (12/11/04 is 12 November 2004).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, datetime, time

PRECISIONS = ("exact", "month", "year", "approx", "unknown")

HINT = 'Use a date like 12/11/2004, "June 2004", "June 2004 approx" or "not known".'
TIME_HINT = "Use the 24-hour clock, like 14:30, or leave it blank."

MONTH_ABBR = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)  # written out: calendar.month_name follows the process's locale

_MONTHS: dict[str, int] = {}
for _number, _name in enumerate(MONTH_NAMES, start=1):
    _MONTHS[_name.lower()] = _number
    _MONTHS[_name[:3].lower()] = _number
_MONTHS["sept"] = 9

_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAYS = set(_DAYS) | {day[:3] for day in _DAYS} | {"tues", "thur", "thurs", "weds"}

# Words that mean "we do not know the date".
UNKNOWN_WORDS = frozenset(
    {
        "",
        "?",
        "??",
        "???",
        "-",
        "--",
        "n/k",
        "nk",
        "n.k.",
        "n.k",
        "not known",
        "unknown",
        "date unknown",
        "date not known",
        "unknown date",
        "not recorded",
        "date not recorded",
        "no date",
        "undated",
    }
)

# Parts of a year: the value is the start of the part.
_PARTS = {
    "early": ("Early", 1),
    "beginning of": ("Early", 1),
    "start of": ("Early", 1),
    "mid": ("Mid", 5),
    "middle of": ("Mid", 5),
    "late": ("Late", 9),
    "end of": ("Late", 9),
    "spring": ("Spring", 3),
    "summer": ("Summer", 6),
    "autumn": ("Autumn", 9),
    "fall": ("Autumn", 9),
}

_APPROX_PREFIX = re.compile(
    r"^(?:\(\s*(?:approximately|approx\.?|circa|c\.|about|estimated|est\.?|\?)\s*\)|"
    r"approximately|approx\.?|apprx\.?|appx\.?|circa|ca\.|c\.|c(?=\s*\d)|about|abt\.?|"
    r"around|roughly|estimated|est\.?|~|\?)\s*",
)
_APPROX_SUFFIX = re.compile(
    r"\s*(?:\(\s*(?:approximately|approx\.?|circa|estimated|est\.?|\?)\s*\)|"
    r"approximately|approx\.?|circa|estimated|est\.?|\?+|~)$"
)
_PART_RE = re.compile(
    r"^(?P<part>" + "|".join(sorted(map(re.escape, _PARTS), key=len, reverse=True)) + r")"
    r"[\s\-]*(?P<rest>.+)$"
)
_DMY = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{4}|\d{2})$")
_YMD = re.compile(r"^(\d{4})\s*[/\-.]\s*(\d{1,2})\s*[/\-.]\s*(\d{1,2})$")
_MY = re.compile(r"^(\d{1,2})\s*[/\-.]\s*(\d{4})$")
_YM = re.compile(r"^(\d{4})\s*[/\-]\s*(\d{1,2})$")
_YEAR = re.compile(r"^\d{4}$")
_DAY_TOKEN = re.compile(r"^(\d{1,2})(st|nd|rd|th)?$")
_YEAR_TOKEN = re.compile(r"^(\d{4}|\d{2})$")
_APOSTROPHE_YEAR = re.compile(r"[‘’']\s*(\d{2})\b")


class DateNotUnderstood(ValueError):
    """A date or time the user typed that cannot be read. str(error) is the message to show."""

    def __init__(self, message: str, text: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.text = text

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class FuzzyDate:
    precision: str  # one of PRECISIONS
    value: date | None  # start of the period named; None when not known
    text: str  # the text as the user gave it, stripped

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"precision must be one of {PRECISIONS}, not {self.precision!r}")
        if (self.value is None) != (self.precision == "unknown"):
            raise ValueError("value is None exactly when the precision is 'unknown'")

    @property
    def sort_key(self) -> date | None:
        """Where the date sorts: the start of its period; None when not known."""
        return self.value

    @property
    def is_approximate(self) -> bool:
        return self.precision == "approx"

    @property
    def is_known(self) -> bool:
        return self.precision != "unknown"

    def display(self) -> str:
        value = self.value
        if self.precision == "unknown" or value is None:
            return "Not known"
        if self.precision == "exact":
            return _day_text(value)
        if self.precision == "month":
            return _month_text(value)
        if self.precision == "year":
            return str(value.year)
        return f"{_approx_period_text(self)} (approx.)"

    def __str__(self) -> str:
        return self.display()


def _day_text(value: date) -> str:
    return f"{value.day} {MONTH_ABBR[value.month - 1]} {value.year}"


def _month_text(value: date) -> str:
    return f"{MONTH_ABBR[value.month - 1]} {value.year}"


def _approx_period_text(fuzzy: FuzzyDate) -> str:
    """The period an approximate date names: a day, a month, a year or a part of a year.

    Worked out again from the text the user gave, so that a FuzzyDate rebuilt from storage
    (precision, value, text) displays the same; falls back on the value alone.
    """
    value = fuzzy.value
    assert value is not None
    try:
        _, again, unit = _read(str(fuzzy.text or ""), today=None)
    except DateNotUnderstood:
        again, unit = None, ""
    if again != value:
        unit = "day" if value.day != 1 else "month" if value.month != 1 else "year"
    if unit == "day":
        return _day_text(value)
    if unit == "month":
        return _month_text(value)
    if unit == "year":
        return str(value.year)
    return f"{unit} {value.year}"


def _shown(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 40 else text[:39] + "…"


def _refuse(text: str, reason: str = "") -> DateNotUnderstood:
    because = f": {reason}" if reason else ""
    return DateNotUnderstood(f'Cannot read "{_shown(text)}" as a date{because}. {HINT}', text)


def _ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _full_year(digits: str, today: date | None) -> int:
    """A 4-digit year as written; a 2-digit year as the latest such year not after this year."""
    year = int(digits)
    if len(digits) == 4:
        return year
    this_year = (today or date.today()).year
    candidate = this_year - this_year % 100 + year
    return candidate if candidate <= this_year else candidate - 100


def _make_date(text: str, year: int, month: int, day: int) -> date:
    if not 1 <= month <= 12:
        raise _refuse(text, f"there is no month {month}")
    if year < 1:
        raise _refuse(text, "check the year")
    if day < 1:
        raise _refuse(text, "there is no day 0")
    if day > 31:
        raise _refuse(text, f"no month has a {_ordinal(day)}")
    last = calendar.monthrange(year, month)[1]
    if day > last:
        if month == 2 and day == 29:
            raise _refuse(text, f"February {year} has no 29th")
        raise _refuse(text, f"{MONTH_NAMES[month - 1]} has no {_ordinal(day)}")
    return date(year, month, day)


def _normalise(text: str) -> str:
    text = text.lower().replace("\u00a0", " ")
    for dash in "\u2010\u2011\u2012\u2013\u2014\u2212":
        text = text.replace(dash, "-")
    return " ".join(text.split())


def _read(text: str, *, today: date | None) -> tuple[str, date | None, str]:
    """(precision, value, unit) for the text, without the check against the future.

    unit is "day", "month", "year", a part of a year ("Early", "Summer" ...) or "" when unknown.
    """
    original = text
    s = _normalise(text)
    if s in UNKNOWN_WORDS:
        return "unknown", None, ""

    approx = False
    while True:
        stripped = _APPROX_PREFIX.sub("", s, count=1)
        stripped = _APPROX_SUFFIX.sub("", stripped, count=1).strip(" ,;")
        if stripped == s:
            break
        approx, s = True, stripped
    if not s:
        raise _refuse(original)

    part = _PART_RE.match(s)
    if part and part.group("part") in _PARTS:
        label, month = _PARTS[part.group("part")]
        precision, value, unit = _read_core(part.group("rest").strip(" -,"), original, today)
        if unit == "year":
            return "approx", date(value.year, month, 1), label
        if unit == "month":
            return "approx", value, "month"
        raise _refuse(original)

    precision, value, unit = _read_core(s, original, today)
    if approx:
        return "approx", value, unit
    return precision, value, unit


def _read_core(s: str, original: str, today: date | None) -> tuple[str, date, str]:
    if m := _YMD.match(s):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
        return "exact", _make_date(original, year, month, day), "day"
    if m := _DMY.match(s):
        day, month, year = int(m[1]), int(m[2]), _full_year(m[3], today)
        return "exact", _make_date(original, year, month, day), "day"
    if m := _MY.match(s):
        value = _make_date(original, int(m[2]), int(m[1]), 1)
        return "month", value, "month"
    if m := _YM.match(s):
        if len(m[2]) == 2 and int(m[2]) == (int(m[1]) + 1) % 100:
            raise _refuse(original, "it could be a month or a span of two years")
        value = _make_date(original, int(m[1]), int(m[2]), 1)
        return "month", value, "month"
    if _YEAR.match(s):
        return "year", _make_date(original, int(s), 1, 1), "year"
    return _read_words(s, original, today)


def _read_words(s: str, original: str, today: date | None) -> tuple[str, date, str]:
    """Dates with the month in words: 12 Nov 2004, 12th of November 2004, Nov 04, Nov-04."""
    s = _APOSTROPHE_YEAR.sub(r" \1", s)  # June '04
    tokens = [t for t in re.split(r"[\s,/\-.]+", s) if t and t not in {"of", "the"}]
    tokens = [t for t in tokens if t not in _WEEKDAYS]
    months = [i for i, t in enumerate(tokens) if t in _MONTHS]
    if len(months) != 1 or not 2 <= len(tokens) <= 3:
        raise _refuse(original, "add the year" if len(tokens) == 1 and months else "")
    where = months[0]
    month = _MONTHS[tokens[where]]
    others = tokens[:where] + tokens[where + 1 :]

    if len(others) == 1:
        (only,) = others
        if where == 0 and (m := _YEAR_TOKEN.match(only)):  # Nov 04, November 2004
            return "month", _make_date(original, _full_year(m[1], today), month, 1), "month"
        if where == 1 and len(only) == 4 and only.isdigit():  # 2004 Nov
            return "month", _make_date(original, int(only), month, 1), "month"
        if _DAY_TOKEN.match(only):
            raise _refuse(original, "add the year")
        raise _refuse(original)

    first, second = others
    if where == 1:  # 12 Nov 2004
        day_text, year_text = first, second
    elif where == 0:  # November 12th, 2004
        day_text, year_text = first, second
    else:  # 2004 Nov 12
        year_text, day_text = first, second
        if len(year_text) != 4:
            raise _refuse(original)
    day_match, year_match = _DAY_TOKEN.match(day_text), _YEAR_TOKEN.match(year_text)
    if not day_match or not year_match:
        raise _refuse(original)
    year = _full_year(year_match[1], today)
    return "exact", _make_date(original, year, month, int(day_match[1])), "day"


def parse_fuzzy_date(text: str, *, today: date | None = None) -> FuzzyDate:
    """Read a date as people write it in a chronology.

    Raises DateNotUnderstood, whose message names the text and says what to type instead, for
    text that is not a date, an impossible date (31/02/2004) or a date after today.
    """
    if text is None:
        return FuzzyDate("unknown", None, "")
    if not isinstance(text, str):
        text = str(text)
    today = today or date.today()
    text = text.strip()
    precision, value, _ = _read(text, today=today)
    if value is not None and value > today:
        raise DateNotUnderstood(
            f'The date "{_shown(text)}" is in the future. A chronology can only record what has '
            f"already happened: check the date, especially the year.",
            text,
        )
    return FuzzyDate(precision, value, text)


def from_cell(value, *, today: date | None = None) -> FuzzyDate:
    """A FuzzyDate from a spreadsheet cell as openpyxl gives it: a date or datetime for a real
    date cell, text, a whole number for a year typed into a number cell, or None when blank."""
    if value is None:
        return FuzzyDate("unknown", None, "")
    if isinstance(value, datetime):
        value = value.date()
    if isinstance(value, date):
        text = f"{value.day:02d}/{value.month:02d}/{value.year:04d}"
        return parse_fuzzy_date(text, today=today)
    if isinstance(value, bool):
        raise _refuse(str(value))
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return parse_fuzzy_date(str(value), today=today)


_TIME_24 = re.compile(r"^(\d{1,2})\s*[:.h]\s*(\d{2})(?:\s*:\s*(\d{2}))?$")
_TIME_COMPACT = re.compile(r"^(\d{3,4})$")
_TIME_12 = re.compile(r"^(\d{1,2})(?:\s*[:.]\s*(\d{2}))?\s*(a|p)\.?\s*m\.?$")
_TIME_SUFFIX = re.compile(r"\s*(?:hrs|hr|hours|h)\.?$")
_TIME_WORDS = {"noon": time(12, 0), "midday": time(12, 0), "midnight": time(0, 0)}


def _time_refused(text: str) -> DateNotUnderstood:
    return DateNotUnderstood(f'Cannot read "{_shown(text)}" as a time. {TIME_HINT}', text)


# A part of the day, written when the exact time is not known: "pm", "a.m.", "evening".
_PART_OF_DAY = re.compile(
    r"^(?:in\s+the\s+)?(?:(?:early|late|mid)[\s-]*)?"
    r"(?:a\.?\s*m\.?|p\.?\s*m\.?|morning|afternoon|evening|night|overnight|lunch\s*time)$"
)
_APPROX_TIME = re.compile(
    r"^(?:approximately|approx\.?|about|around|roughly|circa|c\.|ca\.|~)\s*(?P<t>.+)$"
    r"|^(?P<u>.+?)[\s-]*(?:approximately|approx\.?|\(approx\.?\)|ish|\?)$"
)


def parse_time(text: str) -> time | None:
    """The exact time of day written (see read_time); None when blank, not known or only
    approximate. Raises DateNotUnderstood for what is not a time."""
    return read_time(text)[0]


def read_time(text: str | time | None) -> tuple[time | None, str]:
    """(exact time, written form kept) for a time as people write it. "14:30", "1430", "14.30",
    "2.30 pm", "2pm" → (the time, ""). Only approximate, "pm", "morning", "about 2pm" → (None,
    the text as written): a time is never invented. Blank or "not known" → (None, "").
    Raises DateNotUnderstood for anything else."""
    if text is None:
        return None, ""
    if isinstance(text, time):
        return text.replace(second=0, microsecond=0, tzinfo=None), ""
    original = " ".join(str(text).split())
    s = _normalise(original)
    if s in UNKNOWN_WORDS:
        return None, ""
    if s not in _TIME_WORDS and _PART_OF_DAY.match(s):  # "midnight" is exact
        return None, original
    if m := _APPROX_TIME.match(s):
        _exact_time(m["t"] or m["u"], original)  # refuses what is not a time at all
        return None, original
    return _exact_time(s, original), ""


def with_written_time(when: str, written: str) -> str:
    """The date as written followed by an approximate time, once: "12/03/2024" and "pm" give
    "12/03/2024 pm"."""
    if not written or f" {when}".lower().endswith(f" {written}".lower()):
        return when
    return f"{when} {written}".strip()


def _exact_time(s: str, original: str) -> time:
    if s in _TIME_WORDS:
        return _TIME_WORDS[s]
    if m := _TIME_12.match(s):
        hour, minute = int(m[1]), int(m[2] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise _time_refused(original)
        hour = hour % 12 + (12 if m[3] == "p" else 0)
        return time(hour, minute)
    s = _TIME_SUFFIX.sub("", s)
    if m := _TIME_24.match(s):
        hour, minute, second = int(m[1]), int(m[2]), int(m[3] or 0)
    elif m := _TIME_COMPACT.match(s):
        digits = m[1]
        hour, minute, second = int(digits[:-2]), int(digits[-2:]), 0
    else:
        raise _time_refused(original)
    if hour > 23 or minute > 59 or second > 59:
        raise _time_refused(original)
    return time(hour, minute)
