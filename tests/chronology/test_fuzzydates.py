"""Dates and times as agencies write them: chronology.fuzzydates (pure, no database)."""

from datetime import date, datetime, time, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chronology.fuzzydates import (
    PRECISIONS,
    DateNotUnderstood,
    FuzzyDate,
    from_cell,
    parse_fuzzy_date,
    parse_time,
)

TODAY = date(2026, 11, 23)


def parse(text: str) -> FuzzyDate:
    return parse_fuzzy_date(text, today=TODAY)


READABLE = [
    # exact, day first
    ("12/11/04", "exact", date(2004, 11, 12)),
    ("12/11/2004", "exact", date(2004, 11, 12)),
    ("12-11-2004", "exact", date(2004, 11, 12)),
    ("12.11.04", "exact", date(2004, 11, 12)),
    ("1/2/2004", "exact", date(2004, 2, 1)),
    ("01/02/98", "exact", date(1998, 2, 1)),
    ("12 / 11 / 2004", "exact", date(2004, 11, 12)),
    ("2004-11-12", "exact", date(2004, 11, 12)),
    ("2004/11/12", "exact", date(2004, 11, 12)),
    ("12 Nov 2004", "exact", date(2004, 11, 12)),
    ("12 nov 04", "exact", date(2004, 11, 12)),
    ("12-Nov-04", "exact", date(2004, 11, 12)),
    ("12th November 2004", "exact", date(2004, 11, 12)),
    ("12th of November 2004", "exact", date(2004, 11, 12)),
    ("1st Sept 2004", "exact", date(2004, 9, 1)),
    ("November 12th, 2004", "exact", date(2004, 11, 12)),
    ("Friday 12 November 2004", "exact", date(2004, 11, 12)),
    ("  12/11/2004  ", "exact", date(2004, 11, 12)),
    ("29/02/2004", "exact", date(2004, 2, 29)),
    ("23/11/2026", "exact", TODAY),
    # month
    ("November 2004", "month", date(2004, 11, 1)),
    ("Nov 04", "month", date(2004, 11, 1)),
    ("Nov-04", "month", date(2004, 11, 1)),
    ("nov 2004", "month", date(2004, 11, 1)),
    ("June '04", "month", date(2004, 6, 1)),
    ("11/2004", "month", date(2004, 11, 1)),
    ("2004-11", "month", date(2004, 11, 1)),
    ("November 2026", "month", date(2026, 11, 1)),
    # year
    ("2004", "year", date(2004, 1, 1)),
    # approximate
    ("June 04 approx", "approx", date(2004, 6, 1)),
    ("June 2004 approx.", "approx", date(2004, 6, 1)),
    ("approx June 2004", "approx", date(2004, 6, 1)),
    ("Approximately June 2004", "approx", date(2004, 6, 1)),
    ("June 2004 (approx.)", "approx", date(2004, 6, 1)),
    ("c. 2004", "approx", date(2004, 1, 1)),
    ("c2004", "approx", date(2004, 1, 1)),
    ("ca. 2004", "approx", date(2004, 1, 1)),
    ("circa June 2004", "approx", date(2004, 6, 1)),
    ("about 12/11/04", "approx", date(2004, 11, 12)),
    ("around March 2010", "approx", date(2010, 3, 1)),
    ("June 2004?", "approx", date(2004, 6, 1)),
    ("? 2004", "approx", date(2004, 1, 1)),
    ("~2004", "approx", date(2004, 1, 1)),
    ("early 2004", "approx", date(2004, 1, 1)),
    ("mid 2004", "approx", date(2004, 5, 1)),
    ("mid-2004", "approx", date(2004, 5, 1)),
    ("late 2004", "approx", date(2004, 9, 1)),
    ("end of 2004", "approx", date(2004, 9, 1)),
    ("summer 2004", "approx", date(2004, 6, 1)),
    ("late June 2004", "approx", date(2004, 6, 1)),
    # not known
    ("not known", "unknown", None),
    ("Not Known", "unknown", None),
    ("N/K", "unknown", None),
    ("NK", "unknown", None),
    ("unknown", "unknown", None),
    ("?", "unknown", None),
    ("", "unknown", None),
    ("   ", "unknown", None),
]


@pytest.mark.parametrize(("text", "precision", "value"), READABLE)
def test_reads_the_ways_people_write_dates(text, precision, value):
    result = parse(text)
    assert result.precision == precision
    assert result.value == value
    assert result.text == text.strip()


def test_two_digit_years_are_never_in_the_future():
    assert parse("12/11/04").value.year == 2004
    assert parse("12/11/98").value.year == 1998
    assert parse("12/11/26").value.year == 2026  # this year
    assert parse("12/11/27").value.year == 1927  # next year would be in the future
    assert parse_fuzzy_date("12/11/04", today=date(2003, 6, 1)).value.year == 1904
    assert parse_fuzzy_date("Nov 99", today=date(2000, 1, 1)).value == date(1999, 11, 1)


def test_default_today_is_the_real_today():
    assert parse_fuzzy_date("12/11/2004").value == date(2004, 11, 12)
    tomorrow = date.today() + timedelta(days=1)
    with pytest.raises(DateNotUnderstood, match="in the future"):
        parse_fuzzy_date(f"{tomorrow:%d/%m/%Y}")


IMPOSSIBLE = [
    ("31/02/04", "February has no 31st"),
    ("31/02/2004", "February has no 31st"),
    ("30/02/2004", "February has no 30th"),
    ("31/04/2004", "April has no 31st"),
    ("29/02/2005", "February 2005 has no 29th"),
    ("13/13/04", "there is no month 13"),
    ("12/00/2004", "there is no month 0"),
    ("00/11/2004", "there is no day 0"),
    ("32/01/2004", "no month has a 32nd"),
    ("32 Jan 2004", "no month has a 32nd"),
    ("2004-02-30", "February has no 30th"),
    ("12 Nov", "add the year"),
    ("June", "add the year"),
    ("2004/05", "it could be a month or a span of two years"),
]


@pytest.mark.parametrize(("text", "reason"), IMPOSSIBLE)
def test_impossible_dates_are_refused_with_the_reason(text, reason):
    with pytest.raises(DateNotUnderstood) as refused:
        parse(text)
    message = str(refused.value)
    assert message.startswith(f'Cannot read "{text}" as a date: {reason}.')
    assert 'Use a date like 12/11/2004, "June 2004", "June 2004 approx" or "not known".' in message


def test_the_example_message_reads_as_specified():
    with pytest.raises(DateNotUnderstood) as refused:
        parse("31/02/04")
    assert str(refused.value) == (
        'Cannot read "31/02/04" as a date: February has no 31st. Use a date like 12/11/2004, '
        '"June 2004", "June 2004 approx" or "not known".'
    )
    assert refused.value.text == "31/02/04"
    assert isinstance(refused.value, ValueError)


NOT_DATES = [
    "hello",
    "approx",
    "12/11",
    "98",
    "12//2004",
    "12/11/204",
    "June July 2004",
    "early 12/11/2004",
    "the day after the review",
    "12/11/2004 14:30",
]


@pytest.mark.parametrize("text", NOT_DATES)
def test_text_that_is_not_a_date_is_refused_plainly(text):
    with pytest.raises(DateNotUnderstood) as refused:
        parse(text)
    message = str(refused.value)
    assert message.startswith(f'Cannot read "{text}" as a date')
    assert "Error" not in message and "Exception" not in message


FUTURE = ["24/11/2026", "12/11/2030", "December 2026", "2027", "approx 2030", "late 2027"]


@pytest.mark.parametrize("text", FUTURE)
def test_dates_after_today_are_refused(text):
    with pytest.raises(DateNotUnderstood) as refused:
        parse(text)
    assert str(refused.value).startswith(f'The date "{text}" is in the future.')


def test_long_text_is_shortened_in_the_message():
    with pytest.raises(DateNotUnderstood) as refused:
        parse("x" * 500)
    assert len(str(refused.value)) < 200


DISPLAYS = [
    ("12/11/2004", "12 Nov 2004"),
    ("1/6/2004", "1 Jun 2004"),
    ("June 2004", "Jun 2004"),
    ("2004", "2004"),
    ("June 04 approx", "Jun 2004 (approx.)"),
    ("about 12/11/04", "12 Nov 2004 (approx.)"),
    ("c. 2004", "2004 (approx.)"),
    ("approx 1 June 2004", "1 Jun 2004 (approx.)"),
    ("early 2004", "Early 2004 (approx.)"),
    ("mid 2004", "Mid 2004 (approx.)"),
    ("late 2004", "Late 2004 (approx.)"),
    ("summer 2004", "Summer 2004 (approx.)"),
    ("not known", "Not known"),
    ("", "Not known"),
]


@pytest.mark.parametrize(("text", "shown"), DISPLAYS)
def test_display(text, shown):
    result = parse(text)
    assert result.display() == shown
    assert str(result) == shown
    # What is displayed reads back as the same date.
    again = parse(shown)
    assert (again.precision, again.value) == (result.precision, result.value)


def test_a_date_rebuilt_from_storage_displays_the_same():
    assert FuzzyDate("approx", date(2004, 1, 1), "early 2004").display() == "Early 2004 (approx.)"
    assert FuzzyDate("approx", date(2004, 6, 1), "").display() == "Jun 2004 (approx.)"
    assert FuzzyDate("approx", date(2004, 1, 1), "junk").display() == "2004 (approx.)"
    assert FuzzyDate("approx", date(2004, 6, 12), "").display() == "12 Jun 2004 (approx.)"
    assert FuzzyDate("exact", date(2004, 6, 12), "").display() == "12 Jun 2004"


def test_sort_key_is_the_start_of_the_period_and_none_when_unknown():
    texts = ["12/11/2004", "not known", "June 2004 approx", "2004", "November 2004", "1/1/2003"]
    dates = [parse(t) for t in texts]
    assert parse("not known").sort_key is None
    known = sorted((d for d in dates if d.sort_key), key=lambda d: d.sort_key)
    assert [d.text for d in known] == [
        "1/1/2003",
        "2004",
        "June 2004 approx",
        "November 2004",
        "12/11/2004",
    ]


def test_fuzzy_date_is_a_frozen_value():
    one, two = parse("12/11/2004"), parse("12/11/2004")
    assert one == two and hash(one) == hash(two)
    with pytest.raises(AttributeError):
        one.precision = "year"
    assert set(PRECISIONS) == {"exact", "month", "year", "approx", "unknown"}


@pytest.mark.parametrize(
    ("precision", "value"),
    [("weekly", date(2004, 1, 1)), ("unknown", date(2004, 1, 1)), ("exact", None)],
)
def test_fuzzy_date_refuses_inconsistent_parts(precision, value):
    with pytest.raises(ValueError):
        FuzzyDate(precision, value, "")


CELLS = [
    (None, "unknown", None, ""),
    (datetime(2004, 11, 12, 0, 0), "exact", date(2004, 11, 12), "12/11/2004"),
    (datetime(2004, 11, 12, 14, 30), "exact", date(2004, 11, 12), "12/11/2004"),
    (date(2004, 11, 12), "exact", date(2004, 11, 12), "12/11/2004"),
    ("June 2004 approx", "approx", date(2004, 6, 1), "June 2004 approx"),
    ("  ", "unknown", None, ""),
    (2004, "year", date(2004, 1, 1), "2004"),
    (2004.0, "year", date(2004, 1, 1), "2004"),
]


@pytest.mark.parametrize(("value", "precision", "day", "text"), CELLS)
def test_from_cell(value, precision, day, text):
    result = from_cell(value, today=TODAY)
    assert (result.precision, result.value, result.text) == (precision, day, text)


@pytest.mark.parametrize("value", [datetime(2030, 1, 1), date(2027, 1, 1), time(14, 30), 3.5, True])
def test_from_cell_refuses_what_is_not_a_past_date(value):
    with pytest.raises(DateNotUnderstood):
        from_cell(value, today=TODAY)


TIMES = [
    ("14:30", time(14, 30)),
    ("1430", time(14, 30)),
    ("14.30", time(14, 30)),
    ("14h30", time(14, 30)),
    ("1430hrs", time(14, 30)),
    ("14:30 hrs", time(14, 30)),
    ("14:30:00", time(14, 30)),
    ("0930", time(9, 30)),
    ("930", time(9, 30)),
    ("9:05", time(9, 5)),
    ("00:00", time(0, 0)),
    ("23:59", time(23, 59)),
    ("2.30pm", time(14, 30)),
    ("2:30 PM", time(14, 30)),
    ("2pm", time(14, 0)),
    ("2 p.m.", time(14, 0)),
    ("11.15am", time(11, 15)),
    ("12am", time(0, 0)),
    ("12pm", time(12, 0)),
    ("noon", time(12, 0)),
    ("midnight", time(0, 0)),
    ("", None),
    ("  ", None),
    ("not known", None),
    ("N/K", None),
]


@pytest.mark.parametrize(("text", "expected"), TIMES)
def test_parse_time(text, expected):
    assert parse_time(text) == expected


@pytest.mark.parametrize(
    "text", ["25:00", "24:00", "14:60", "9", "13pm", "0am", "half two", "14:3", "12/11/2004"]
)
def test_parse_time_refuses_what_is_not_a_time(text):
    with pytest.raises(DateNotUnderstood) as refused:
        parse_time(text)
    assert str(refused.value) == (
        f'Cannot read "{text}" as a time. Use the 24-hour clock, like 14:30, or leave it blank.'
    )


# --- properties ---------------------------------------------------------------------------------

DATE_ALPHABET = st.sampled_from(
    list("0123456789/-.? ,'()~") + ["Nov", "June", "approx", "c.", "early", "th", "N/K", "٣"]
)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=60), st.lists(DATE_ALPHABET, max_size=8).map("".join)))
def test_any_text_gives_a_date_or_a_clear_refusal(text):
    try:
        result = parse_fuzzy_date(text, today=TODAY)
    except DateNotUnderstood as refused:
        assert str(refused)
        return
    assert result.precision in PRECISIONS
    assert result.value is None or result.value <= TODAY
    assert result.display()


@settings(max_examples=200, deadline=None)
@given(st.dates(max_value=TODAY))
def test_any_past_day_written_dd_mm_yyyy_reads_back_exactly(day):
    text = f"{day.day:02d}/{day.month:02d}/{day.year:04d}"
    result = parse_fuzzy_date(text, today=TODAY)
    assert (result.precision, result.value, result.text) == ("exact", day, text)


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1000, 1, 1), max_value=TODAY))
def test_other_spellings_of_a_day_read_back_exactly(day):
    for text in (
        day.isoformat(),
        f"{day.day} {day:%B} {day.year}",
        f"{day.day}.{day.month}.{day.year}",
    ):
        assert parse_fuzzy_date(text, today=TODAY).value == day
    assert (
        parse_fuzzy_date(
            parse_fuzzy_date(day.isoformat(), today=TODAY).display(), today=TODAY
        ).value
        == day
    )


@settings(max_examples=100, deadline=None)
@given(st.dates(min_value=TODAY + timedelta(days=1)))
def test_any_future_day_is_refused(day):
    with pytest.raises(DateNotUnderstood, match="in the future"):
        parse_fuzzy_date(f"{day.day:02d}/{day.month:02d}/{day.year:04d}", today=TODAY)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=30))
def test_any_text_gives_a_time_or_a_clear_refusal(text):
    try:
        result = parse_time(text)
    except DateNotUnderstood as refused:
        assert "as a time" in str(refused)
        return
    assert result is None or isinstance(result, time)


@settings(max_examples=100, deadline=None)
@given(st.times())
def test_any_time_written_hh_mm_reads_back(when):
    assert parse_time(f"{when:%H:%M}") == when.replace(second=0, microsecond=0)
    assert parse_time(f"{when:%H%M}") == when.replace(second=0, microsecond=0)
