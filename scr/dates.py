"""Statutory timescales: calendar months, weeks, days and working days (weekends and England and
Wales bank holidays skipped)."""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta
from django.db import models


class PeriodUnit(models.TextChoices):
    DAYS = "days", "days"
    WORKING_DAYS = "working_days", "working days"
    WEEKS = "weeks", "weeks"
    MONTHS = "months", "months"


@lru_cache(maxsize=64)
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def add_working_days(start: date, count: int) -> date:
    """The date ``count`` working days after ``start`` (the start day itself is day 0)."""
    day = start
    step = timedelta(days=1 if count >= 0 else -1)
    remaining = abs(count)
    while remaining:
        day += step
        if is_working_day(day):
            remaining -= 1
    return day


def add_period(start: date, amount: int, unit: str) -> date:
    """Calendar months clamp to the month's end: 31 January plus one month is 28 or 29 February."""
    match unit:
        case PeriodUnit.MONTHS:
            return start + relativedelta(months=amount)
        case PeriodUnit.WEEKS:
            return start + timedelta(weeks=amount)
        case PeriodUnit.DAYS:
            return start + timedelta(days=amount)
        case PeriodUnit.WORKING_DAYS:
            return add_working_days(start, amount)
    raise ValueError(f"Unknown period unit {unit!r}")


def working_days_between(start: date, end: date) -> int:
    """How many working days after ``start`` ``end`` falls (0 when on or before it)."""
    count, day = 0, start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
