"""Running a step on the day it happened: the clock is moved to that day (10:00 in London), so
every service records the date and time it would have recorded then."""

from contextlib import contextmanager
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import time_machine

LONDON = ZoneInfo("Europe/London")


@contextmanager
def on_day(day: date, at: time = time(10, 0)):
    with time_machine.travel(datetime.combine(day, at, tzinfo=LONDON), tick=False):
        yield
