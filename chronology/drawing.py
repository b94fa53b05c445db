"""Accessible inline SVG drawings for a review: the multi-agency timeline and the family genogram.

Pure functions: plain dataclasses in, SVG strings out (no database, no Django). The output is
deterministic (same input, same string; ids come from ``id_prefix``), every piece of user text is
escaped, and only presentation attributes are used for styling (no ``style`` attribute or
``<style>`` element), so the drawings work under a strict ``style-src 'self'`` content security
policy. The root element has ``viewBox`` and ``width="100%"`` so a drawing scales to its container.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta
from xml.sax.saxutils import escape, quoteattr

__all__ = [
    "ParentChild",
    "Person",
    "TimelineEvent",
    "Union",
    "genogram_svg",
    "timeline_svg",
]

BOLD = ' font-weight="bold"'
FONT = "Arial, Helvetica, sans-serif"
INK = "#0b0c0c"
SECONDARY = "#505a5f"
GRID = "#b1b4b6"
BAND = "#f3f2f1"
WHITE = "#ffffff"
BLUE = "#1d70b8"
PURPLE = "#4c2c92"
ORANGE = "#f47738"
GREEN = "#00703c"
RED = "#d4351c"

MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

# Characters XML 1.0 does not allow at all; user text is stripped of them before escaping.
_INVALID_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


# --------------------------------------------------------------------------------------------
# Shared helpers
# --------------------------------------------------------------------------------------------


def _clean(text: object) -> str:
    return _INVALID_XML.sub("", str(text))


def _text(text: object) -> str:
    """Escape user text for element content."""
    return escape(_clean(text))


def _attr(text: object) -> str:
    """Escape user text for an attribute value (quotes included)."""
    return quoteattr(_clean(text))


def _n(value: float) -> str:
    """A coordinate with at most one decimal, never in exponent notation."""
    text = f"{value:.1f}"
    if text.endswith(".0"):
        text = text[:-2]
    return "0" if text == "-0" else text


def _safe_id(prefix: str) -> str:
    cleaned = re.sub(r"[^A-Za-z0-9_-]", "_", str(prefix)) or "svg"
    return cleaned if re.match(r"[A-Za-z_]", cleaned) else f"x{cleaned}"


def _safe_href(href: str) -> str:
    """Links are to rows of the chronology; refuse any scheme but http(s) (no ``javascript:``)."""
    href = _clean(href).strip()
    squashed = re.sub(r"[\x00-\x20]", "", href)
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", squashed)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return ""
    return href


def _text_width(text: str, size: float) -> float:
    """A generous estimate of the rendered width of Arial text (no font metrics available)."""
    wide = sum(1 for ch in text if ch.isupper() or ch in "mwMW@%")
    narrow = sum(1 for ch in text if ch in "iIlj.,;:'!| ()[]ft")
    return (len(text) * 0.56 + wide * 0.12 - narrow * 0.26) * size + 2


def _day_label(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _and(items: list[str]) -> str:
    """Join as in "A, B and C"."""
    if len(items) < 2:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _shift(day: date, days: int) -> date:
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.max if days > 0 else date.min


def _svg_open(
    pid: str, width: float, height: float, title: str, desc: str, kind: str, role: str = "img"
) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_n(width)} {_n(height)}" '
        f'width="100%" role="{role}" aria-labelledby="{pid}-title" aria-describedby="{pid}-desc" '
        f'class="drawing drawing-{kind}" font-family="{FONT}" font-size="12" fill="{INK}">'
        f'<title id="{pid}-title">{_text(title)}</title>'
        f'<desc id="{pid}-desc">{_text(desc)}</desc>'
    )


def _message_svg(pid: str, title: str, message: str, kind: str, width: float = 640) -> str:
    """The drawing when there is nothing to draw: a framed sentence saying so."""
    width = max(float(width), 320)
    return (
        _svg_open(pid, width, 80, title, message, kind)
        + f'<rect x="1" y="1" width="{_n(width - 2)}" height="78" rx="4" fill="{BAND}" '
        f'stroke="{GRID}"/>'
        + f'<text class="empty-message" x="{_n(width / 2)}" y="45" text-anchor="middle" '
        f'font-size="16">{_text(message)}</text></svg>'
    )


def _legend(items: list[tuple[str, str]], width: float, top: float, left: float = 8) -> tuple:
    """Lay legend items (glyph markup drawn around (0, 0), label) in rows that fit ``width``.
    Returns the markup and the y just below the legend."""
    parts = [f'<g class="legend" transform="translate(0,{_n(top)})">']
    x, y, row_height = left, 12.0, 24
    for glyph, label in items:
        item_width = 22 + _text_width(label, 12) + 18
        if x > left and x + item_width > width - left:
            x, y = left, y + row_height
        parts.append(
            f'<g class="legend-item" transform="translate({_n(x + 8)},{_n(y)})">{glyph}'
            f'<text x="14" y="4">{escape(label)}</text></g>'
        )
        x += item_width
    parts.append("</g>")
    return "".join(parts), top + y + 12


# --------------------------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEvent:
    day: date  # where to place it (start of period if approximate)
    lane: str  # the agency's name
    label: str  # short text for the tooltip/title, e.g. "12 Nov 2004: home visit"
    approximate: bool = False
    child_seen: bool = False
    child_seen_alone: bool = False
    good_practice: bool = False
    concern: bool = False
    href: str = ""  # link to the row in the integrated chronology; empty = no link


LANE_HEIGHT = 48
AXIS_HEIGHT = 34

_MARKER_COLOUR = {"contact": BLUE, "seen": PURPLE, "seen-alone": ORANGE}


def _star_points(outer: float, inner: float) -> str:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append(f"{_n(radius * math.cos(angle))},{_n(radius * math.sin(angle))}")
    return " ".join(points)


_STAR = _star_points(7.5, 3.2)


def _marker_shape(kind: str, approximate: bool) -> str:
    colour = _MARKER_COLOUR[kind]
    if approximate:
        paint = f'fill="{WHITE}" stroke="{colour}" stroke-width="2" stroke-dasharray="2.5 1.5"'
    else:
        paint = f'fill="{colour}" stroke="{INK}" stroke-width="1"'
    if kind == "seen":
        return f'<rect class="marker" x="-5" y="-5" width="10" height="10" {paint}/>'
    if kind == "seen-alone":
        return f'<polygon class="marker" points="{_STAR}" {paint}/>'
    return f'<circle class="marker" r="5" {paint}/>'


_GOOD_FLAG = (
    f'<polygon class="flag flag-good" points="9,-12 14,-3 4,-3" fill="{GREEN}" '
    f'stroke="{INK}" stroke-width="0.75"/>'
)
_CONCERN_FLAG = (
    f'<polygon class="flag flag-concern" points="9,2 13.5,6.5 9,11 4.5,6.5" fill="{RED}" '
    f'stroke="{INK}" stroke-width="0.75"/>'
)

_MARKERS = {
    (kind, approx): _marker_shape(kind, approx)
    for kind in _MARKER_COLOUR
    for approx in (False, True)
}


def _timeline_legend_items() -> list[tuple[str, str]]:
    good = '<polygon points="0,-5 5,4 -5,4" fill="%s" stroke="%s" stroke-width="0.75"/>'
    concern = '<polygon points="0,-5 5,0 0,5 -5,0" fill="%s" stroke="%s" stroke-width="0.75"/>'
    return [
        (_MARKERS["contact", False], "Contact"),
        (_MARKERS["seen", False], "Child seen"),
        (_MARKERS["seen-alone", False], "Child seen alone"),
        (_MARKERS["contact", True], "Approximate date (hollow, dashed)"),
        (good % (GREEN, INK), "Good practice"),
        (concern % (RED, INK), "Concern"),
    ]


def _ticks(start: date, end: date, plot_width: float) -> list[tuple[date, str]]:
    """Tick dates and labels: days, weeks, months, quarters or years, the finest that fits."""

    def days(step: int, first: date = start):
        day = first
        while day <= end:
            yield day
            nxt = _shift(day, step)
            if nxt == day:
                return
            day = nxt

    def months(step: int):
        year, month = start.year, start.month
        if start.day != 1:
            month += 1
        # align to the step (quarters start in Jan, Apr, Jul, Oct)
        while (month - 1) % step:
            month += 1
        year += (month - 1) // 12
        month = (month - 1) % 12 + 1
        while year <= 9999:
            day = date(year, month, 1)
            if day > end:
                return
            yield day
            month += step
            year += (month - 1) // 12
            month = (month - 1) % 12 + 1

    def years(step: int):
        year = start.year if (start.month, start.day) == (1, 1) else start.year + 1
        year = -(-year // step) * step
        while 1 <= year <= 9999:
            day = date(year, 1, 1)
            if day > end:
                return
            yield day
            year += step

    # the year is shown on the first tick and where it changes
    def day_label(day: date, previous: date | None) -> str:
        same_year = previous is not None and previous.year == day.year
        return f"{day.day} {MONTHS[day.month - 1]}" + ("" if same_year else f" {day.year}")

    def month_label(day: date, previous: date | None) -> str:
        same_year = previous is not None and previous.year == day.year
        return MONTHS[day.month - 1] + ("" if same_year else f" {day.year}")

    def year_label(day: date, previous: date | None) -> str:
        return str(day.year)

    candidates = [
        (lambda: days(1), day_label, 70),
        (lambda: days(2), day_label, 70),
        (lambda: days(7, _shift(start, (7 - start.weekday()) % 7)), day_label, 70),  # Mondays
        (lambda: months(1), month_label, 56),
        (lambda: months(3), month_label, 56),
        (lambda: months(6), month_label, 56),
    ] + [
        (lambda step=step: years(step), year_label, 44)
        for step in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
    ]
    span = (end - start).days + 1
    for make, label, spacing in candidates:
        limit = max(1, int(plot_width // spacing))
        ticks: list[date] = []
        for day in make():
            ticks.append(day)
            if len(ticks) > limit:
                break
        if len(ticks) > limit:
            continue
        # reject sparse day/week ticks that are closer than the label needs
        if len(ticks) > 1 and (ticks[1] - ticks[0]).days * plot_width / span < spacing:
            continue
        return [(day, label(day, ticks[i - 1] if i else None)) for i, day in enumerate(ticks)]
    return []


def timeline_svg(
    events: list[TimelineEvent],
    *,
    start: date | None = None,
    end: date | None = None,
    lanes: list[str] | None = None,
    width: int = 960,
    title: str = "Timeline",
    id_prefix: str = "tl",
) -> str:
    """Draw events on one horizontal lane per agency with a date axis.

    Lanes come in the order of ``lanes`` (agencies not in it follow, in order of first
    appearance), else in order of first appearance. Only events from ``start`` to ``end``
    (inclusive) are drawn; by default the range of the events, padded a little.
    """
    pid = _safe_id(id_prefix)
    try:
        width = int(width)
    except (TypeError, ValueError):
        width = 960
    width = max(width, 360)
    events = list(events)

    lane_names: list[str] = []
    seen_lanes: set[str] = set()
    for name in list(lanes or []) + [event.lane for event in events]:
        if name not in seen_lanes:
            seen_lanes.add(name)
            lane_names.append(name)

    if events:
        first, last = min(e.day for e in events), max(e.day for e in events)
        pad = max(7, (last - first).days // 40)
    if start is None and end is None:
        if not events:
            return _message_svg(pid, title, "There are no events to show yet.", "timeline", width)
        start, end = _shift(first, -pad), _shift(last, pad)
    elif start is None:
        start = min(_shift(first, -pad), end) if events else end
    elif end is None:
        end = max(_shift(last, pad), start) if events else start
    if end < start:
        start, end = end, start

    shown = [event for event in events if start <= event.day <= end]
    if not shown:
        message = f"No events to show from {_day_label(start)} to {_day_label(end)}."
        return _message_svg(pid, title, message, "timeline", width)

    # --- geometry
    label_width = min(180.0, width * 0.22)
    x0, x1 = label_width + 14, width - 28.0
    plot_width = x1 - x0
    ndays = (end - start).days + 1
    scale = plot_width / ndays

    def x_of(day: date) -> float:
        return x0 + ((day - start).days + 0.5) * scale

    legend_markup, legend_bottom = _legend(_timeline_legend_items(), width, 4)
    lanes_top = legend_bottom + 10
    lanes_bottom = lanes_top + LANE_HEIGHT * len(lane_names)
    height = lanes_bottom + AXIS_HEIGHT

    # --- description
    by_lane: dict[str, list[TimelineEvent]] = defaultdict(list)
    for event in shown:
        by_lane[event.lane].append(event)
    used_lanes = [name for name in lane_names if name in by_lane]
    seen_count = sum(1 for e in shown if e.child_seen or e.child_seen_alone)
    alone_count = sum(1 for e in shown if e.child_seen_alone)
    good_count = sum(1 for e in shown if e.good_practice)
    concern_count = sum(1 for e in shown if e.concern)
    shown_first, shown_last = min(e.day for e in shown), max(e.day for e in shown)
    desc = (
        f"{_plural(len(shown), 'event')} from {_day_label(shown_first)} to "
        f"{_day_label(shown_last)} across {_plural(len(used_lanes), 'agency', 'agencies')}: "
        f"{', '.join(used_lanes)}. Child seen {_plural(seen_count, 'time')}, of which seen "
        f"alone {_plural(alone_count, 'time')}. Flagged: {good_count} good practice, "
        f"{_plural(concern_count, 'concern')}. "
        f"Showing {_day_label(start)} to {_day_label(end)}"
    )
    hidden = len(events) - len(shown)
    desc += f"; {_plural(hidden, 'event')} outside this range not shown." if hidden else "."

    out = [legend_markup]

    # --- lanes and labels
    max_chars = max(4, int((label_width - 10) / 7.2))
    out.append('<g class="tl-lanes">')
    for index, name in enumerate(lane_names):
        top = lanes_top + index * LANE_HEIGHT
        fill = BAND if index % 2 == 0 else WHITE
        out.append(
            f'<rect x="0" y="{_n(top)}" width="{width}" height="{LANE_HEIGHT}" fill="{fill}"/>'
        )
        shown_name = name if len(name) <= max_chars else name[: max_chars - 1].rstrip() + "…"
        full = f"<title>{_text(name)}</title>" if shown_name != name else ""
        out.append(
            f'<text class="tl-lane-label" x="8" y="{_n(top + LANE_HEIGHT / 2 + 4.5)}" '
            f'font-size="13" font-weight="bold">{full}{_text(shown_name)}</text>'
        )
    out.append("</g>")

    # --- axis and grid
    out.append('<g class="tl-axis">')
    for day, label in _ticks(start, end, plot_width):
        x = _n(x_of(day))
        out.append(
            f'<line x1="{x}" y1="{_n(lanes_top)}" x2="{x}" y2="{_n(lanes_bottom + 5)}" '
            f'stroke="{GRID}" stroke-width="1"/>'
            f'<text class="tl-tick" x="{x}" y="{_n(lanes_bottom + 19)}" text-anchor="middle" '
            f'font-size="11" fill="{SECONDARY}">{label}</text>'
        )
    out.append(
        f'<line x1="{_n(x0)}" y1="{_n(lanes_bottom)}" x2="{_n(x1)}" y2="{_n(lanes_bottom)}" '
        f'stroke="{SECONDARY}" stroke-width="1"/></g>'
    )

    # --- markers, lane by lane, oldest first; same-day events fanned out
    stack_dy = (0, -12, 12)
    links = False
    out.append('<g class="tl-events">')
    for index, name in enumerate(lane_names):
        middle = lanes_top + index * LANE_HEIGHT + LANE_HEIGHT / 2
        lane_events = sorted(by_lane.get(name, ()), key=lambda e: e.day)
        on_day: dict[date, int] = defaultdict(int)
        for event in lane_events:
            on_day[event.day] += 1
        same_day: dict[date, int] = defaultdict(int)
        lane_attr = _attr(name)
        for event in lane_events:
            k = same_day[event.day]
            same_day[event.day] = k + 1
            columns = min(6, -(-on_day[event.day] // 3))
            x = x_of(event.day) + ((k // 3) % 6 - (columns - 1) / 2) * 8
            y = middle + stack_dy[k % 3]
            if event.child_seen_alone:
                kind = "seen-alone"
            elif event.child_seen:
                kind = "seen"
            else:
                kind = "contact"
            classes = f"tl-event tl-{kind}" + (" tl-approximate" if event.approximate else "")
            flags = (_GOOD_FLAG if event.good_practice else "") + (
                _CONCERN_FLAG if event.concern else ""
            )
            group = (
                f'<g class="{classes}" transform="translate({_n(x)},{_n(y)})" '
                f'data-lane={lane_attr} data-date="{event.day.isoformat()}">'
                f"<title>{_text(event.label)}</title>"
                f"{_MARKERS[kind, event.approximate]}{flags}</g>"
            )
            href = _safe_href(event.href) if event.href else ""
            if href:
                group = f"<a href={_attr(href)} aria-label={_attr(event.label)}>{group}</a>"
                links = True
            out.append(group)
    out.append("</g></svg>")
    # role="img" makes its content presentational, so links inside one are "nested interactive"
    # (an axe violation) and hidden from screen readers: a drawing with links is a labelled group
    role = "group" if links else "img"
    return _svg_open(pid, width, height, title, desc, "timeline", role) + "".join(out)


# --------------------------------------------------------------------------------------------
# Genogram
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    key: str  # unique id, e.g. "p12"
    code: str  # shown label, e.g. "Child A" (names are never drawn; codes only)
    sex: str  # "male" | "female" | "unknown"
    born: date | None = None
    died: date | None = None
    subject: bool = False  # the child the review is about: double outline
    in_household: bool = False
    twin_group: str = ""  # people sharing a non-empty twin_group are twins


@dataclass(frozen=True)
class Union:
    a: str  # Person.key
    b: str
    kind: str  # "married" | "enduring" | "transitory" | "separated" | "divorced"


@dataclass(frozen=True)
class ParentChild:
    parent: str  # Person.key
    child: str


HALF = 18  # half the size of a person's symbol
ROW = 170  # vertical distance between generations
LINE = 14  # label line height
MARGIN = 24
TOP = 44
LABEL_TOP = HALF + 15  # baseline of the first label line below the centre
BOX_TOP = HALF + 10  # household boundary above the centre
BOX_BOTTOM = HALF + 3 * LINE + 24  # household boundary below the centre
BAR_ABOVE = HALF + 24  # sibling line above a child's centre
U_BELOW = HALF + 3 * LINE + 6  # route below labels joining partners who are not side by side
PARTNER_GAP = 26
SIBLING_GAP = 12
FAMILY_GAP = 34

UNION_KINDS = {
    "married": "married",
    "enduring": "in an enduring relationship",
    "transitory": "in a transitory relationship",
    "separated": "separated",
    "divorced": "divorced",
    "": "parents of a child together (relationship not recorded)",
}


def _sex(person: Person) -> str:
    sex = str(person.sex or "").strip().lower()
    sex = {"m": "male", "f": "female"}.get(sex, sex)
    return sex if sex in ("male", "female") else "unknown"


def _symbol(sex: str, half: float, paint: str) -> str:
    if sex == "male":
        return (
            f'<rect class="symbol symbol-male" x="{_n(-half)}" y="{_n(-half)}" '
            f'width="{_n(2 * half)}" height="{_n(2 * half)}" {paint}/>'
        )
    if sex == "female":
        return f'<circle class="symbol symbol-female" r="{_n(half)}" {paint}/>'
    h = half + 2
    return (
        f'<polygon class="symbol symbol-unknown" '
        f'points="0,{_n(-h)} {_n(h)},0 0,{_n(h)} {_n(-h)},0" {paint}/>'
    )


def _cross(half: float) -> str:
    c = half + 4
    return (
        f'<g class="deceased-cross" stroke="{INK}" stroke-width="2">'
        f'<line x1="{_n(-c)}" y1="{_n(-c)}" x2="{_n(c)}" y2="{_n(c)}"/>'
        f'<line x1="{_n(-c)}" y1="{_n(c)}" x2="{_n(c)}" y2="{_n(-c)}"/></g>'
    )


def _isotonic(values: list[float], weights: list[float]) -> list[float]:
    """Weighted least-squares non-decreasing fit (pool adjacent violators)."""
    blocks: list[list[float]] = []  # [weighted sum, weight, count]
    for value, weight in zip(values, weights, strict=True):
        blocks.append([value * weight, weight, 1])
        while len(blocks) > 1 and blocks[-2][0] / blocks[-2][1] > blocks[-1][0] / blocks[-1][1]:
            total, w, count = blocks.pop()
            blocks[-1][0] += total
            blocks[-1][1] += w
            blocks[-1][2] += count
    fitted: list[float] = []
    for total, weight, count in blocks:
        fitted.extend([total / weight] * int(count))
    return fitted


class _Unit:
    """People drawn side by side in one generation: someone and their partners."""

    def __init__(self, members: list[str], widths: dict[str, float], partners: set) -> None:
        self.members = members
        self.offsets: list[float] = [0.0]
        for left, right in zip(members, members[1:], strict=False):
            gap = PARTNER_GAP if frozenset((left, right)) in partners else SIBLING_GAP
            self.offsets.append(self.offsets[-1] + widths[left] / 2 + widths[right] / 2 + gap)
        self.lo = -widths[members[0]] / 2
        self.hi = self.offsets[-1] + widths[members[-1]] / 2
        self.ref = 0.0
        self.offset = dict(zip(members, self.offsets, strict=True))


def _rect_union_outline(rects: list[tuple[float, float, float, float]]) -> list[list[tuple]]:
    """The outline(s) of a union of axis-aligned rectangles (x0, y0, x1, y1), as closed loops of
    corner points; holes come out as loops of their own (draw with the even-odd rule)."""
    xs = sorted({v for r in rects for v in (r[0], r[2])})
    ys = sorted({v for r in rects for v in (r[1], r[3])})
    nx, ny = len(xs) - 1, len(ys) - 1
    inside = [[False] * ny for _ in range(nx)]
    for rx0, ry0, rx1, ry1 in rects:
        for i in range(bisect_left(xs, rx0), bisect_left(xs, rx1)):
            for j in range(bisect_left(ys, ry0), bisect_left(ys, ry1)):
                inside[i][j] = True

    def filled(i: int, j: int) -> bool:
        return 0 <= i < nx and 0 <= j < ny and inside[i][j]

    # directed boundary edges between grid vertices, inside kept on the right (clockwise on
    # screen, where y grows downwards)
    edges: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for i in range(nx):
        for j in range(ny):
            if not inside[i][j]:
                continue
            if not filled(i, j - 1):  # top side, left to right
                edges[(i, j)].append((i + 1, j))
            if not filled(i + 1, j):  # right side, downwards
                edges[(i + 1, j)].append((i + 1, j + 1))
            if not filled(i, j + 1):  # bottom side, right to left
                edges[(i + 1, j + 1)].append((i, j + 1))
            if not filled(i - 1, j):  # left side, upwards
                edges[(i, j + 1)].append((i, j))
    loops = []
    for origin in sorted(edges):
        while edges[origin]:
            loop = [origin]
            current = edges[origin].pop(0)
            previous = origin
            while current != origin:
                loop.append(current)
                options = edges[current]
                if len(options) > 1:
                    # at a vertex two loops touch: turn right (keeps the loops apart)
                    dx, dy = current[0] - previous[0], current[1] - previous[1]
                    right = (current[0] - dy, current[1] + dx)
                    nxt = right if right in options else options[0]
                    options.remove(nxt)
                else:
                    nxt = options.pop()
                previous, current = current, nxt
            # drop points in the middle of straight runs
            points = []
            for index, point in enumerate(loop):
                before, after = loop[index - 1], loop[(index + 1) % len(loop)]
                straight = (before[0] == point[0] == after[0]) or (
                    before[1] == point[1] == after[1]
                )
                if not straight:
                    points.append((xs[point[0]], ys[point[1]]))
            if points:
                loops.append(points)
    return loops


def genogram_svg(
    people: list[Person],
    unions: list[Union],
    parents: list[ParentChild],
    *,
    title: str = "Genogram",
    id_prefix: str = "gg",
) -> str:
    """Draw a family in standard genogram notation, generations top to bottom.

    Bad data is ignored rather than refused: unknown keys, a person as their own parent, more
    than two parents (the first two are kept), duplicated links and cycles of parenthood.
    """
    pid = _safe_id(id_prefix)

    # ---- clean the data
    person: dict[str, Person] = {}
    for p in people:
        if p.key not in person:
            person[p.key] = p
    if not person:
        return _message_svg(pid, title, "There are no people in the genogram yet.", "genogram")
    order = {key: index for index, key in enumerate(person)}

    # parent links, first come first kept: at most two parents each, none that would make
    # someone their own ancestor
    parents_of: dict[str, list[str]] = {key: [] for key in person}
    children_of: dict[str, list[str]] = {key: [] for key in person}

    def descends(key: str, ancestor: str) -> bool:
        seen, stack = {ancestor}, [ancestor]
        while stack:
            for child in children_of[stack.pop()]:
                if child == key:
                    return True
                if child not in seen:
                    seen.add(child)
                    stack.append(child)
        return False

    for link in parents:
        p, c = link.parent, link.child
        if p not in person or c not in person or p == c:
            continue
        if p in parents_of[c] or len(parents_of[c]) >= 2 or descends(p, c):
            continue
        parents_of[c].append(p)
        children_of[p].append(c)

    pairs: dict[frozenset, str] = {}
    for u in unions:
        if u.a in person and u.b in person and u.a != u.b:
            pair = frozenset((u.a, u.b))
            if pair not in pairs:
                kind = str(u.kind or "").strip().lower()
                pairs[pair] = kind if kind in UNION_KINDS and kind else "enduring"
    for c in person:
        if len(parents_of[c]) == 2:
            pairs.setdefault(frozenset(parents_of[c]), "")
    partners_of: dict[str, list[str]] = {key: [] for key in person}
    for pair in pairs:
        a, b = sorted(pair, key=order.__getitem__)
        partners_of[a].append(b)
        partners_of[b].append(a)

    # ---- generations: below one's parents; an in-law without parents beside their partner
    gen = {key: 0 for key in person}
    # an in-law's generation follows their partners', unless (bad data) they are its ancestor
    aligned_with = {
        key: [q for q in partners_of[key] if not descends(q, key)]
        for key in person
        if not parents_of[key]
    }
    for _ in range(len(person) + 1):
        changed = False
        for c in person:
            if parents_of[c]:
                g = max(gen[p] for p in parents_of[c]) + 1
                if g > gen[c]:
                    gen[c], changed = g, True
        for key in person:
            if aligned_with.get(key):
                g = max(gen[q] for q in aligned_with[key])
                if g > gen[key]:
                    gen[key], changed = g, True
        if not changed:
            break
    levels = sorted(set(gen.values()))
    row_of = {key: levels.index(g) for key, g in gen.items()}
    nrows = len(levels)

    # ---- sibships: children of the same parent(s), oldest first, twins together
    sibships: dict[tuple, list[str]] = defaultdict(list)
    for c in person:
        if parents_of[c]:
            sibships[tuple(sorted(parents_of[c], key=order.__getitem__))].append(c)
    rank: dict[str, int] = {}
    sibship_of: dict[str, tuple] = {}
    sibships_of: dict[str, list[tuple]] = defaultdict(list)  # where someone is a parent
    for parent_key in sibships:
        for parent in parent_key:
            sibships_of[parent].append(parent_key)
    for parent_key, kids in sibships.items():
        group_born: dict[str, date] = {}
        for kid in kids:
            p = person[kid]
            if p.twin_group and p.born:
                known = group_born.get(p.twin_group)
                group_born[p.twin_group] = min(known, p.born) if known else p.born

        def sibling_key(kid: str, group_born=group_born) -> tuple:
            p = person[kid]
            born = group_born.get(p.twin_group, p.born) if p.twin_group else p.born
            twin = p.twin_group or f"\uffff{order[kid]:08d}"
            return (born is None, born or date.min, twin, order[kid])

        kids.sort(key=sibling_key)
        for index, kid in enumerate(kids):
            rank[kid] = index
            sibship_of[kid] = parent_key

    # ---- slot widths (symbol and labels)
    def label_lines(p: Person) -> list[str]:
        lines = [p.code]
        if p.born:
            lines.append(f"b. {p.born.year}")
        if p.died:
            lines.append(f"d. {p.died.year}")
        return lines

    widths = {
        key: max(2 * HALF + 28, *(_text_width(t, 12) + 12 for t in label_lines(p)))
        for key, p in person.items()
    }

    # ---- units of partners within each row, ordered row by row
    units_in_row: list[list[_Unit]] = [[] for _ in range(nrows)]
    unit_of: dict[str, _Unit] = {}
    stub: dict[str, float] = {}  # single parents: where their children's line leaves them

    def x_of(key: str) -> float:
        unit = unit_of[key]
        return unit.ref + unit.offset[key]

    def adjacent(a: str, b: str) -> bool:
        unit = unit_of.get(a)
        if unit is None or unit is not unit_of.get(b):
            return False
        return abs(unit.members.index(a) - unit.members.index(b)) == 1

    def anchor_x(parent_key: tuple) -> float:
        if len(parent_key) == 1:
            return x_of(parent_key[0]) + stub.get(parent_key[0], 0.0)
        return (x_of(parent_key[0]) + x_of(parent_key[1])) / 2

    def components(row: int) -> list[list[str]]:
        keys = [k for k in person if row_of[k] == row]
        done: set[str] = set()
        found = []
        for key in keys:
            if key in done:
                continue
            comp, queue = [], [key]
            done.add(key)
            while queue:
                node = queue.pop(0)
                comp.append(node)
                for q in partners_of[node]:
                    if q not in done and row_of[q] == row:
                        done.add(q)
                        queue.append(q)
            found.append(comp)
        return found

    def arrange(comp: list[str]) -> list[str]:
        if len(comp) == 1:
            return comp
        inner = {k: [q for q in partners_of[k] if q in comp] for k in comp}
        degrees = [len(inner[k]) for k in comp]
        edges = sum(degrees) // 2
        if max(degrees) <= 2 and edges == len(comp) - 1:  # a chain: walk it from one end
            start = next(k for k in comp if len(inner[k]) == 1)
            walk, previous = [start], None
            while len(walk) < len(comp):
                nxt = next(q for q in inner[walk[-1]] if q != previous)
                previous = walk[-1]
                walk.append(nxt)
            return walk
        centre = max(comp, key=lambda k: (len(inner[k]), -order[k]))
        others = [k for k in comp if k != centre]
        return list(reversed(others[1::2])) + [centre] + others[0::2]

    def parent_anchor(key: str) -> float | None:
        sib = sibship_of.get(key)
        if sib is None or any(p not in unit_of for p in sib):
            return None
        return anchor_x(sib)

    def sort_key(unit_members: list[str]) -> tuple:
        anchors = [a for a in (parent_anchor(k) for k in unit_members) if a is not None]
        ranks = [rank[k] for k in unit_members if parent_anchor(k) is not None]
        return (
            not anchors,
            sum(anchors) / len(anchors) if anchors else 0.0,
            min(ranks) if ranks else 0,
            min(order[k] for k in unit_members),
        )

    def set_stubs(unit: _Unit) -> None:
        for index, key in enumerate(unit.members):
            if (key,) not in sibships:
                continue
            if index == len(unit.members) - 1:
                stub[key] = widths[key] / 2 + 2
            elif index == 0:
                stub[key] = -(widths[key] / 2 + 2)
            else:  # partners on both sides: just off centre (a route to a partner may use it)
                stub[key] = -8.0

    def gaps(units: list[_Unit]) -> list[float]:
        result = [0.0]
        for left, right in zip(units, units[1:], strict=False):
            same = {sibship_of.get(k) for k in left.members} & {
                sibship_of.get(k) for k in right.members
            }
            result.append(SIBLING_GAP if same - {None} else FAMILY_GAP)
        return result

    def place(row: int, use_parents: bool, use_children: bool) -> None:
        units = units_in_row[row]
        if not units:
            return
        desired, weights = [], []
        for unit in units:
            total, weight = 0.0, 0.0
            if use_parents:
                for key in unit.members:
                    anchor = parent_anchor(key)
                    if anchor is not None:
                        total += anchor - unit.offset[key]
                        weight += 1
            if use_children:
                own_sibships = dict.fromkeys(
                    parent_key for key in unit.members for parent_key in sibships_of[key]
                )
                for parent_key in own_sibships:
                    placed = [k for k in sibships[parent_key] if k in unit_of]
                    if not placed or any(p not in unit.offset for p in parent_key):
                        continue
                    if len(parent_key) == 2 and not adjacent(*parent_key):
                        continue
                    xs = [x_of(k) for k in placed]
                    centre = (min(xs) + max(xs)) / 2
                    own = anchor_x(parent_key) - unit.ref
                    total += centre - own
                    weight += 1
            if weight:
                desired.append(total / weight)
                weights.append(weight)
            else:
                desired.append(unit.ref)
                weights.append(0.001)
        separation = gaps(units)
        shift = [0.0]
        for index in range(1, len(units)):
            left, right = units[index - 1], units[index]
            shift.append(shift[-1] + left.hi - right.lo + separation[index])
        fitted = _isotonic([d - s for d, s in zip(desired, shift, strict=True)], weights)
        for unit, value, s in zip(units, fitted, shift, strict=True):
            unit.ref = value + s

    pair_set = set(pairs)
    for row in range(nrows):
        built = []
        for comp in components(row):
            members = arrange(comp)
            if len(members) >= 2:
                first, last = parent_anchor(members[0]), parent_anchor(members[-1])
                if first is not None and last is not None:
                    if first > last:
                        members.reverse()
                elif len(members) == 2:
                    sexes = (_sex(person[members[0]]), _sex(person[members[1]]))
                    if sexes == ("female", "male"):
                        members.reverse()
            built.append(members)
        built.sort(key=sort_key)
        for members in built:
            unit = _Unit(members, widths, pair_set)
            units_in_row[row].append(unit)
            for key in members:
                unit_of[key] = unit
            set_stubs(unit)
        place(row, use_parents=True, use_children=False)
    for _ in range(4):
        for row in range(nrows - 2, -1, -1):
            place(row, use_parents=True, use_children=True)
        for row in range(1, nrows):
            place(row, use_parents=True, use_children=True)

    # ---- normalise to the canvas
    legend_items = _genogram_legend_items()
    left_edge = min(u.ref + u.lo for row in units_in_row for u in row)
    right_edge = max(u.ref + u.hi for row in units_in_row for u in row)
    family_width = right_edge - left_edge
    width = max(family_width + 2 * MARGIN, 720.0)
    offset = (width - family_width) / 2 - left_edge
    for row in units_in_row:
        for unit in row:
            unit.ref += offset

    def y_of(key: str) -> float:
        return TOP + row_of[key] * ROW

    def row_y(row: int) -> float:
        return TOP + row * ROW

    # ---- household boundary
    members_in = [k for k in person if person[k].in_household]
    household_markup = ""
    if members_in:
        household_markup = _household(
            members_in, person, units_in_row, x_of, widths, row_y, row_of, nrows
        )

    # ---- relationship lines
    lines: list[str] = []
    for pair, kind in pairs.items():
        a, b = sorted(pair, key=x_of)
        has_children = tuple(sorted(pair, key=order.__getitem__)) in sibships
        dash = ' stroke-dasharray="7 5"' if kind == "transitory" else ""
        paint = f'stroke="{INK}" stroke-width="2" fill="none"{dash}'
        xa, xb, ya, yb = x_of(a), x_of(b), y_of(a), y_of(b)
        if adjacent(a, b):
            path = f"M{_n(xa + HALF)} {_n(ya)}H{_n(xb - HALF)}"
            mid_x, mid_y = (xa + xb) / 2, ya
            if has_children:
                mid_x -= 10
        else:  # not side by side: down from both and along below the labels (which have a halo)
            low = max(ya, yb) + U_BELOW
            path = f"M{_n(xa)} {_n(ya + HALF)}V{_n(low)}H{_n(xb)}V{_n(yb + HALF)}"
            mid_x, mid_y = (xa + xb) / 2, low
            if has_children:
                mid_x -= 10
        slash_offsets = {"separated": (0.0,), "divorced": (-3.5, 3.5)}.get(kind, ())
        marks = "".join(
            f'<line class="gg-slash" x1="{_n(mid_x + d - 4)}" y1="{_n(mid_y + 8)}" '
            f'x2="{_n(mid_x + d + 4)}" y2="{_n(mid_y - 8)}" stroke="{INK}" stroke-width="2"/>'
            for d in slash_offsets
        )
        lines.append(
            f'<g class="gg-union" data-kind="{kind or "parents"}" data-a={_attr(a)} '
            f"data-b={_attr(b)}>"
            f"<title>{_text(person[a].code)} and {_text(person[b].code)}: "
            f"{escape(UNION_KINDS[kind])}</title>"
            f'<path class="gg-union-line" d="{path}" {paint}/>{marks}</g>'
        )

    for parent_key, kids in sibships.items():
        if len(parent_key) == 2:
            a, b = parent_key
            ax = anchor_x(parent_key)
            ay = y_of(a) if adjacent(a, b) else max(y_of(a), y_of(b)) + U_BELOW
            start_path = ""
        else:
            (a,) = parent_key
            ax, ay = anchor_x(parent_key), y_of(a)
            side = stub.get(a, 0.0)
            if abs(side) > HALF:
                edge = x_of(a) + (HALF if side > 0 else -HALF)
                start_path = f"M{_n(edge)} {_n(ay)}H{_n(ax)}"
            else:  # partners on both sides: straight down, behind the labels' halo
                ay += HALF - 3  # from under the symbol, which is drawn on top
                start_path = ""
        bar = min(y_of(k) for k in kids) - BAR_ABOVE
        twins: dict[str, list[str]] = defaultdict(list)
        for kid in kids:
            if person[kid].twin_group:
                twins[person[kid].twin_group].append(kid)
        apexes = {
            group: sum(x_of(k) for k in members) / len(members)
            for group, members in twins.items()
            if len(members) > 1
        }
        xs = [apexes.get(person[k].twin_group, x_of(k)) for k in kids] + [ax]
        parts = [
            f'<g class="gg-children" data-parents={_attr(" ".join(parent_key))} '
            f'stroke="{INK}" stroke-width="2" fill="none">',
        ]
        if start_path:
            parts.append(f'<path class="gg-stub" d="{start_path}"/>')
        parts.append(
            f'<line class="gg-descent" x1="{_n(ax)}" y1="{_n(ay)}" x2="{_n(ax)}" y2="{_n(bar)}"/>'
        )
        parts.append(
            f'<line class="gg-sibline" x1="{_n(min(xs))}" y1="{_n(bar)}" '
            f'x2="{_n(max(xs))}" y2="{_n(bar)}"/>'
        )
        for kid in kids:
            if person[kid].twin_group in apexes:
                continue
            parts.append(
                f'<line class="gg-child-line" data-child={_attr(kid)} x1="{_n(x_of(kid))}" '
                f'y1="{_n(bar)}" x2="{_n(x_of(kid))}" y2="{_n(y_of(kid) - HALF)}"/>'
            )
        for group, apex in apexes.items():
            members = twins[group]
            parts.append(f'<g class="gg-twins" data-group={_attr(group)}>')
            for kid in members:
                parts.append(
                    f'<line class="gg-child-line" data-child={_attr(kid)} x1="{_n(apex)}" '
                    f'y1="{_n(bar)}" x2="{_n(x_of(kid))}" y2="{_n(y_of(kid) - HALF)}"/>'
                )
            parts.append("</g>")
        parts.append("</g>")
        lines.append("".join(parts))

    # ---- people
    def describe(key: str) -> str:
        p = person[key]
        sex = _sex(p)
        bits = [{"male": "male", "female": "female"}.get(sex, "sex not known")]
        if p.born:
            bits.append(f"born {p.born.year}")
        if p.died:
            bits.append(f"died {p.died.year}")
        if p.subject:
            bits.append("subject of the review")
        if p.in_household:
            bits.append("in the household")
        if parents_of[key]:
            bits.append("child of " + _and([person[q].code for q in parents_of[key]]))
        for q in partners_of[key]:
            kind = pairs[frozenset((key, q))]
            if kind:
                bits.append(f"{UNION_KINDS[kind]}, {person[q].code}")
        twin_of = [
            person[q].code
            for q in person
            if q != key and p.twin_group and person[q].twin_group == p.twin_group
        ]
        if twin_of:
            bits.append("twin of " + _and(twin_of))
        return f"{p.code}: " + ", ".join(bits)

    symbols: list[str] = []
    ink = f'fill="{WHITE}" stroke="{INK}" stroke-width="2"'
    for key in sorted(person, key=lambda k: (row_of[k], x_of(k))):
        p = person[key]
        sex = _sex(p)
        shape = _symbol(sex, HALF, ink)
        if p.subject:
            shape += _symbol(
                sex,
                HALF - 5,
                f'fill="none" stroke="{INK}" stroke-width="2"',
            ).replace('class="symbol ', 'class="subject-outline ')
        if p.died:
            shape += _cross(HALF)
        texts = "".join(
            f'<text x="0" y="{LABEL_TOP + i * LINE}" text-anchor="middle"{BOLD if i == 0 else ""}>'
            f"{_text(line)}</text>"
            for i, line in enumerate(label_lines(p))
        )
        # a white halo keeps a label readable where a line passes behind it
        texts = (
            f'<g class="gg-label" stroke="{WHITE}" stroke-width="4" stroke-linejoin="round" '
            f'paint-order="stroke">{texts}</g>'
        )
        classes = (
            "gg-person" + (" gg-subject" if p.subject else "") + (" gg-deceased" if p.died else "")
        )
        symbols.append(
            f'<g class="{classes}" data-key={_attr(key)} data-sex="{sex}" '
            f'transform="translate({_n(x_of(key))},{_n(y_of(key))})">'
            f"<title>{_text(describe(key))}</title>{shape}{texts}</g>"
        )

    family_bottom = row_y(nrows - 1) + BOX_BOTTOM + 8
    legend_markup, legend_bottom = _legend(legend_items, width, family_bottom + 8)
    height = legend_bottom + 8

    # ---- description
    codes = [person[k].code for k in person]
    relationship_bits = [
        f"{person[a].code} and {person[b].code}: {UNION_KINDS[kind]}"
        for pair, kind in pairs.items()
        if kind
        for a, b in [sorted(pair, key=order.__getitem__)]
    ]
    children_bits = [
        f"{_and([person[k].code for k in kids])} "
        f"{'is the child' if len(kids) == 1 else 'are the children'} of "
        f"{_and([person[q].code for q in parent_key])}"
        for parent_key, kids in sibships.items()
    ]
    household_codes = [person[k].code for k in members_in]
    desc = (
        f"{_plural(len(person), 'person', 'people')} in "
        f"{_plural(nrows, 'generation')}: {', '.join(codes)}. "
        + (f"Relationships: {'; '.join(relationship_bits)}. " if relationship_bits else "")
        + (f"Children: {'; '.join(children_bits)}. " if children_bits else "")
        + (f"Household: {', '.join(household_codes)}. " if household_codes else "")
        + " ".join(describe(k) + "." for k in person)
    )

    return "".join(
        [
            _svg_open(pid, width, height, title, desc, "genogram"),
            household_markup,
            '<g class="gg-lines">',
            *lines,
            "</g>",
            '<g class="gg-people">',
            *symbols,
            "</g>",
            legend_markup,
            "</svg>",
        ]
    )


def _household(members_in, person, units_in_row, x_of, widths, row_y, row_of, nrows) -> str:
    """A dashed outline around the household members' symbols and labels only: a box per run of
    neighbouring members in a row, joined through the spaces between rows."""
    inside = set(members_in)
    runs: list[tuple[int, float, float]] = []  # (row, left, right)
    blocked: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for row in range(nrows):
        keys = sorted((k for u in units_in_row[row] for k in u.members), key=x_of)
        current: list[str] = []
        for key in keys + [None]:
            if key is not None and key in inside:
                current.append(key)
                continue
            if current:
                left = x_of(current[0]) - widths[current[0]] / 2 - 3
                right = x_of(current[-1]) + widths[current[-1]] / 2 + 3
                runs.append((row, left, right))
                current = []
            if key is not None:
                half = widths[key] / 2 + 2
                blocked[row].append((x_of(key) - half, x_of(key) + half))
    runs.sort()
    rects: list[tuple[float, float, float, float]] = []
    for row, left, right in runs:
        rects.append((left, row_y(row) - BOX_TOP, right, row_y(row) + BOX_BOTTOM))
    half_width = 6.0

    def channel(row: int) -> float:  # a y in the space below a row
        return row_y(row) + BOX_BOTTOM + 14

    def vertical(x: float, y0: float, y1: float) -> None:
        rects.append((x - half_width, min(y0, y1), x + half_width, max(y0, y1)))

    def horizontal(y: float, xa: float, xb: float) -> None:
        rects.append(
            (min(xa, xb) - half_width, y - half_width, max(xa, xb) + half_width, y + half_width)
        )

    def clamp(x: float, left: float, right: float) -> float:
        return min(max(x, left + 10), right - 10)

    def free_x(row: int, target: float) -> float:
        """The x nearest ``target`` at which a corridor can pass through ``row``."""
        spans = sorted(blocked[row])
        best, best_distance = target, math.inf
        edges = [-math.inf] + [v for s in spans for v in s] + [math.inf]
        for lo, hi in zip(edges[0::2], edges[1::2], strict=True):
            if hi - lo < 2 * half_width + 4:
                continue
            x = min(max(target, lo + half_width + 2), hi - half_width - 2)
            if abs(x - target) < best_distance:
                best, best_distance = x, abs(x - target)
        return best

    def top(row: int) -> float:
        return row_y(row) - BOX_TOP

    def bottom(row: int) -> float:
        return row_y(row) + BOX_BOTTOM

    for (ra, la, ra_right), (rb, lb, rb_right) in zip(runs, runs[1:], strict=False):
        # leave run a downwards, into the space below its row
        target = (lb + rb_right) / 2
        x, y = clamp(target, la, ra_right), channel(ra)
        vertical(x, bottom(ra) - 1, y)
        if rb == ra:  # same row: along the space below and back up into run b
            xb = clamp(x, lb, rb_right)
            horizontal(y, x, xb)
            vertical(xb, y, bottom(rb) - 1)
            continue
        for row in range(ra + 1, rb):  # through rows in between, where nobody else stands
            nx = free_x(row, target)
            horizontal(y, x, nx)
            vertical(nx, y, channel(row))
            x, y = nx, channel(row)
        xb = clamp(x, lb, rb_right)
        horizontal(y, x, xb)
        vertical(xb, y, top(rb) + 1)

    loops = _rect_union_outline(rects)
    path = "".join("M" + "L".join(f"{_n(px)} {_n(py)}" for px, py in loop) + "Z" for loop in loops)
    first_row, first_left, first_right = runs[0]
    label_x = first_left + 8
    label_y = row_y(first_row) + BOX_BOTTOM - 5
    return (
        f'<g class="gg-household"><title>Household: '
        f"{_text(', '.join(person[k].code for k in members_in))}</title>"
        f'<path class="gg-household-boundary" d="{path}" fill="none" fill-rule="evenodd" '
        f'stroke="{SECONDARY}" stroke-width="1.5" stroke-dasharray="6 4" stroke-linejoin="round"/>'
        f'<text class="gg-household-label" x="{_n(label_x)}" y="{_n(label_y)}" font-size="11" '
        f'font-style="italic" fill="{SECONDARY}">Household</text></g>'
    )


def _genogram_legend_items() -> list[tuple[str, str]]:
    ink = f'fill="{WHITE}" stroke="{INK}" stroke-width="1.5"'
    line = f'stroke="{INK}" stroke-width="2"'
    return [
        (_symbol("male", 6, ink), "Male"),
        (_symbol("female", 6, ink), "Female"),
        (_symbol("unknown", 5, ink), "Sex not known"),
        (
            _symbol("male", 6, ink) + _cross(5).replace('stroke-width="2"', 'stroke-width="1.5"'),
            "Died",
        ),
        (
            _symbol("female", 7, ink)
            + _symbol("female", 4, f'fill="none" stroke="{INK}" stroke-width="1.5"'),
            "Subject of the review",
        ),
        (f'<line x1="-8" y1="0" x2="8" y2="0" {line}/>', "Married or enduring"),
        (f'<line x1="-8" y1="0" x2="8" y2="0" {line} stroke-dasharray="4 3"/>', "Transitory"),
        (
            f'<line x1="-8" y1="0" x2="8" y2="0" {line}/>'
            f'<line x1="-3" y1="5" x2="3" y2="-5" {line}/>',
            "Separated",
        ),
        (
            f'<line x1="-8" y1="0" x2="8" y2="0" {line}/>'
            f'<line x1="-6" y1="5" x2="0" y2="-5" {line}/>'
            f'<line x1="0" y1="5" x2="6" y2="-5" {line}/>',
            "Divorced",
        ),
        (
            f'<line x1="-7" y1="-6" x2="7" y2="-6" {line}/><line x1="0" y1="-6" x2="-6" '
            f'y2="6" {line}/><line x1="0" y1="-6" x2="6" y2="6" {line}/>',
            "Twins",
        ),
        (
            f'<rect x="-8" y="-6" width="16" height="12" rx="2" fill="none" stroke="{SECONDARY}" '
            f'stroke-width="1.5" stroke-dasharray="3 2"/>',
            "Household",
        ),
    ]
