from datetime import date

import pytest

from scr.dates import PeriodUnit, add_period, add_working_days, is_working_day


def test_calendar_months_clamp_to_the_end_of_a_shorter_month():
    assert add_period(date(2026, 1, 31), 1, PeriodUnit.MONTHS) == date(2026, 2, 28)
    assert add_period(date(2028, 1, 31), 1, PeriodUnit.MONTHS) == date(2028, 2, 29)
    assert add_period(date(2026, 8, 31), 6, PeriodUnit.MONTHS) == date(2027, 2, 28)


def test_working_days_skip_weekends_and_england_and_wales_bank_holidays():
    # Thursday 24 December 2026: Christmas Day (Fri), the weekend and the Boxing Day substitute
    # holiday (Mon 28th) are all skipped.
    assert add_working_days(date(2026, 12, 24), 1) == date(2026, 12, 29)
    # 29, 30, 31 December, then 1 January (holiday) and a weekend, then 4 and 5 January.
    assert add_working_days(date(2026, 12, 24), 5) == date(2027, 1, 5)
    assert not is_working_day(date(2026, 8, 31))  # summer bank holiday
    assert is_working_day(date(2026, 11, 23))


def test_five_working_days_from_a_friday_land_on_the_next_friday():
    assert add_period(date(2026, 11, 20), 5, PeriodUnit.WORKING_DAYS) == date(2026, 11, 27)


def test_weeks_and_days_count_plainly():
    assert add_period(date(2026, 1, 1), 9, PeriodUnit.WEEKS) == date(2026, 3, 5)
    assert add_period(date(2026, 1, 1), 10, PeriodUnit.DAYS) == date(2026, 1, 11)


def test_an_unknown_unit_is_refused():
    with pytest.raises(ValueError):
        add_period(date(2026, 1, 1), 1, "fortnights")
