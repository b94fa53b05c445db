"""Where the stage apps plug their parts into the core, discovered like Django's admin modules.

The core never imports a stage app. Each stage app may have a ``stage.py`` module that registers,
for example, the tasks it puts on a user's home page or the history it adds to a review's audit
trail. ``scr`` calls those functions without knowing who provided them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from django.utils.module_loading import autodiscover_modules


@dataclass(frozen=True)
class Task:
    """One line on a user's home page: something they should do, and by when."""

    title: str
    url: str
    due: date | None = None
    review_reference: str = ""


@dataclass(frozen=True)
class CalendarEvent:
    """One entry in a user's calendar feed: a whole-day deadline or a timed meeting."""

    uid: str
    title: str
    start: object  # a date (all day) or an aware datetime
    url: str = ""


HomeTaskProvider = Callable[[object, list], Iterable[Task]]
AuditSource = Callable[[object], Iterable]


@dataclass(frozen=True)
class NavItem:
    """A section in the service navigation, shown to users for whom ``visible(user)`` is true."""

    label: str
    url_name: str
    key: str
    visible: Callable[[object], bool]


home_task_providers: list[HomeTaskProvider] = []
demo_seeders: list[Callable] = []
# Each stage adds columns to a review's per-agency tracker: ``source(review)`` returns
# (column heading, {agency id: cell text}).
tracker_columns: list[Callable[[object], tuple[str, dict[int, str]]]] = []
calendar_sources: list[Callable[[object], Iterable[CalendarEvent]]] = []
nav_items: list[NavItem] = []
audit_sources: list[AuditSource] = []


def home_tasks(provider: HomeTaskProvider) -> HomeTaskProvider:
    """Register ``provider(user, reviews)``, which yields the user's tasks for those reviews."""
    home_task_providers.append(provider)
    return provider


def audit_source(source: AuditSource) -> AuditSource:
    """Register ``source(review)``, which returns querysets of historical records for a review."""
    audit_sources.append(source)
    return source


def demo_seeder(seeder: Callable) -> Callable:
    """Register ``seeder(board, people, today)``, which adds a stage's demo records to a board
    (``people`` maps demo login prefixes to users)."""
    demo_seeders.append(seeder)
    return seeder


def calendar_source(source: Callable) -> Callable:
    """Register ``source(user)``, which yields the user's ``CalendarEvent``s."""
    calendar_sources.append(source)
    return source


def tracker_column(source: Callable) -> Callable:
    tracker_columns.append(source)
    return source


def nav_item(item: NavItem) -> NavItem:
    nav_items.append(item)
    return item


def autodiscover() -> None:
    autodiscover_modules("stage")


@dataclass(frozen=True)
class BundlePart:
    """One document of the submission bundle: its title and its body as HTML."""

    title: str
    html: str


@dataclass(frozen=True)
class ReadinessArea:
    """One evaluation area judged from the review's own data: met, or what is missing (each with
    a link to where it is put right)."""

    title: str
    met: bool
    missing: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Quote:
    """Something the overview report may quote by reference: ``[[ref]]`` in its text."""

    ref: str
    label: str
    text: str


@dataclass(frozen=True)
class RetentionType:
    """A kind of record that is destroyed some years after its review is completed.
    ``items(reviews)`` gives, for each of those reviews that still holds some, what remains as
    {review id: [(id, description)]} (one query however many reviews); ``destroy(review, ids,
    by)`` blanks the content."""

    key: str
    label: str
    years: Callable[[object], int]
    items: Callable[[object], list]
    destroy: Callable[..., None]


bundle_sources: list[Callable[[object], list[BundlePart]]] = []
readiness_sources: list[Callable[[object], list[ReadinessArea]]] = []
quote_sources: list[Callable[[object], list[Quote]]] = []
name_sources: list[Callable[[object], list[tuple[str, str]]]] = []
retention_types: dict[str, RetentionType] = {}


def bundle_source(source: Callable) -> Callable:
    """Register ``source(review)``, which returns the stage's documents for the bundle."""
    bundle_sources.append(source)
    return source


def readiness_source(source: Callable) -> Callable:
    """Register ``source(review)``, which returns the stage's ``ReadinessArea``s."""
    readiness_sources.append(source)
    return source


def quote_source(source: Callable) -> Callable:
    quote_sources.append(source)
    return source


def name_source(source: Callable) -> Callable:
    """Register ``source(review)``, which returns (code, real name) pairs of the review's people,
    for the checks that nothing published names them."""
    name_sources.append(source)
    return source


def retention_type(kind: RetentionType) -> RetentionType:
    retention_types[kind.key] = kind
    return kind


# Each stage adds what it counts for learning and the annual report: ``theme_source(reviews)``
# yields (review id, theme label) for the stage's tagged items (recommendations, say), and
# ``figure_source(board, year)`` returns [(figure label, value)].
theme_sources: list[Callable] = []
figure_sources: list[Callable] = []


def theme_source(source: Callable) -> Callable:
    theme_sources.append(source)
    return source


def figure_source(source: Callable) -> Callable:
    figure_sources.append(source)
    return source


# The steps of a lighter review that a stage can judge (``path_step(key, label)`` registers
# ``check(review) -> (done, detail, url)``).
path_steps: dict[str, tuple[str, Callable]] = {}


def path_step(key: str, label: str) -> Callable:
    def register(check: Callable) -> Callable:
        path_steps[key] = (label, check)
        return check

    return register


# The lifecycle. Each stage names the events it produces (``lifecycle_event``) and describes itself
# (``lifecycle_stage``): its place in the order, the events that complete it and its tasks. The
# core derives a review's stage, completes the timetable's milestones and draws the progress page
# from these without knowing any stage.


@dataclass(frozen=True)
class LifecycleEvent:
    """Something that happens in a review, produced by the stage ``stage``. ``per_agency`` events
    happen once for each contributing agency (their ``part`` is the agency's id)."""

    key: str
    label: str
    stage: str
    # Per-agency events happen once for each agency whose contribution (in the terms of
    # reference: "imr", "chronology") is one of these.
    per_agency: tuple[str, ...] = ()
    # Happens outside the product (a meeting, a check done on paper): the business manager
    # records it with its date on the core's page, once ``requires`` (a rule) is met. It may be
    # a function of the review (recordable on some reviews only); ``on_record(review=, on=,
    # by=)``, when given, does what recording it means (and records it).
    recordable: bool | Callable[[object], bool] = False
    requires: str = ""
    on_record: Callable[..., object] | None = None


@dataclass(frozen=True)
class StageTask:
    """One line of a stage on the progress page: done when ``event`` (a rule, see
    ``scr.lifecycle``) is met; ``url(review)`` is where it is done; ``holder`` who does it."""

    label: str
    event: str
    holder: str
    url: Callable[[object], str]


@dataclass(frozen=True)
class LifecycleStage:
    key: str
    label: str
    order: int
    done_when: str
    tasks: tuple[StageTask, ...] = ()
    # Whether the stage is part of this review's path (lighter reviews leave some out).
    applies: Callable[[object], bool] = lambda review: True


@dataclass(frozen=True)
class ReviewNavEntry:
    """An entry of a review's sub-navigation: ``url(review, user)`` or None when hidden; the page
    names (``section``) that mark it current."""

    label: str
    order: int
    url: Callable[[object, object], str | None]
    sections: frozenset = frozenset()
    # The group's own pages, shown under the navigation while one of them is open:
    # (label, section, url(review, user) or None when hidden).
    pages: tuple = ()


lifecycle_events: dict[str, LifecycleEvent] = {}
# Addresses under which pages show a case's content: (path prefix, "app_label.Model" whose pk is
# the page's ``pk``), for the access log (``scr.case_log``).
case_pages: list[tuple[str, str]] = [
    ("/reviews/", "scr.Review"),
    ("/involvement/", "scr.AgencyInvolvement"),
]


def case_page(prefix: str, model_label: str) -> None:
    case_pages.append((prefix, model_label))
lifecycle_stages: dict[str, LifecycleStage] = {}
review_nav_entries: list[ReviewNavEntry] = []


def lifecycle_event(*events: LifecycleEvent) -> None:
    for event in events:
        lifecycle_events[event.key] = event


def lifecycle_stage(stage: LifecycleStage) -> LifecycleStage:
    lifecycle_stages[stage.key] = stage
    return stage


def review_nav(entry: ReviewNavEntry) -> ReviewNavEntry:
    review_nav_entries.append(entry)
    review_nav_entries.sort(key=lambda e: e.order)
    return entry


def stages_in_order() -> list[LifecycleStage]:
    return sorted(lifecycle_stages.values(), key=lambda s: s.order)
