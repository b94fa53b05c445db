"""One review's story, from the referral to the board chair's sign-off, told through the real
services. Each step has the day it happens (days after the referral); ``drive`` runs the steps
on their days with the clock moved there, optionally calling ``every_day(day)`` (the beat sweep,
say) after each simulated day.

A case can be made late on purpose: ``late={"letters": 25}`` sends the set-up letters 25 days
later than planned (the other steps keep their days). An extension can be agreed part-way:
``extension=(60, 30)`` asks on day 60 for 30 more days, agreed two days later.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from journeys import steps
from journeys.clock import LONDON, on_day
from scr.models import Board, Review, User


@dataclass
class Case:
    board: Board
    people: dict[str, User]
    start: date
    child: str = "Child A"
    summary: str = "A child was seriously harmed while known to several agencies."
    lighter: bool = False
    late: dict[str, int] = field(default_factory=dict)
    extension: tuple[int, int] | None = None
    referral: object = None
    meeting: object = None
    review: Review | None = None
    done: list[str] = field(default_factory=list)
    day: date | None = None

    def at(self, hour: int, minute: int = 0) -> datetime:
        return datetime.combine(self.day, time(hour, minute), tzinfo=LONDON)


# (name, day after the referral, step). Days are chosen so that, unless a case is made late,
# every milestone of every board's default timetable is done on or before its date.
STORY: list[tuple[str, int, Callable[[Case], None]]] = [
    ("referral", 0, steps.refer),
    ("information", 1, steps.ask_agencies),
    ("answers", 3, steps.agencies_answer),
    ("meeting_called", 4, steps.call_meeting),
    ("recommendation", 7, steps.recommend),
    ("decision", 10, steps.decide),
    ("notifications", 12, steps.notify),
    ("setup", 13, steps.set_up),
    ("letters", 14, steps.send_letters),
    ("terms", 20, steps.agree_terms),
    ("chronologies", 35, steps.submit_chronologies),
    ("merged", 40, steps.merge_chronology),
    ("reports", 50, steps.write_reports),
    ("reports_signed_off", 55, steps.sign_off_reports),
    ("reports_accepted", 60, steps.accept_reports),
    ("overview_drafted", 70, steps.draft_overview),
    ("overview_to_board", 80, steps.recommend_overview),
    ("overview_accepted", 85, steps.accept_overview),
    ("plans_assured", 90, steps.assure_plans),
    ("debrief", 91, steps.hold_debrief),
    ("summary", 95, steps.prepare_summary),
    ("to_ofsted", 96, steps.send_to_ofsted),
    ("signed_off", 100, steps.sign_off),
    ("published", 130, steps.publish),
    ("progress_checked", 270, steps.tick_off_by_hand),
    ("plans_complete", 300, steps.complete_plans),
]
# A lighter review has no agency reports, overview report or publication.
LIGHTER_SKIPS = {
    "reports",
    "reports_signed_off",
    "reports_accepted",
    "overview_drafted",
    "overview_to_board",
    "overview_accepted",
    "summary",
    "to_ofsted",
    "published",
}
STEP_NAMES = [name for name, _, _ in STORY]


def schedule(case: Case) -> list[tuple[date, str, Callable[[Case], None]]]:
    """Each step's date, with the lateness of this step and every earlier one added."""
    planned = []
    for name, day, step in STORY:
        if case.lighter and name in LIGHTER_SKIPS:
            continue
        planned.append((case.start + timedelta(days=day + case.late.get(name, 0)), name, step))
    planned.sort(key=lambda item: item[0])
    if case.extension is not None:
        asked, extra = case.extension
        planned.append(
            (case.start + timedelta(days=asked), "extension_asked", steps.extension_asker(extra))
        )
        planned.append(
            (case.start + timedelta(days=asked + 2), "extension_agreed", steps.extension_agree)
        )
        planned.sort(key=lambda item: item[0])
    return planned


def drive(
    case: Case,
    *,
    until: str | None = None,
    today: date | None = None,
    every_day: Callable[[date], None] | None = None,
    after_step: Callable[[Case, str], None] | None = None,
) -> Case:
    """Run the story's steps up to and including ``until`` (all of them by default), never past
    ``today``. With ``every_day``, walk every day from the referral to the last step (or to
    ``today``) and call it after that day's steps."""
    today = today or timezone.localdate()
    planned = schedule(case)
    if until is not None:
        last = next(i for i, (_, name, _) in enumerate(planned) if name == until)
        planned = planned[: last + 1]
    planned = [item for item in planned if item[0] <= today]
    by_day: dict[date, list] = {}
    for day, name, step in planned:
        by_day.setdefault(day, []).append((name, step))
    days = sorted(by_day)
    if every_day is not None and days:
        end = today if until is None else days[-1]
        days = [case.start + timedelta(days=n) for n in range((end - case.start).days + 1)]
    for day in days:
        case.day = day
        with on_day(day):
            for name, step in by_day.get(day, []):
                step(case)
                case.done.append(name)
                if after_step is not None:
                    after_step(case, name)
        if every_day is not None:
            with on_day(day, time(18, 0)):  # the evening sweep, after the day's work
                every_day(day)
    return case
