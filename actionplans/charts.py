"""The trend of RAG ratings over time as the geometry of a stacked bar chart, drawn as inline SVG
by the template (no script, no styles: presentation attributes only, so the page's content
security policy allows it). The same figures are shown as a table beside it."""

from dataclasses import dataclass, field

from .selectors import RAG_ORDER, TrendPoint

# GOV.UK colours, each dark enough against white for a chart's parts (WCAG 1.4.11).
RAG_COLOURS = {"red": "#d4351c", "amber": "#b35900", "green": "#00703c", "blue": "#1d70b8"}

WIDTH, HEIGHT = 720, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 12, 40


@dataclass
class Segment:
    code: str
    label: str
    count: int
    y: float
    height: float
    colour: str


@dataclass
class Bar:
    x: float
    width: float
    label: str
    total: int
    segments: list[Segment] = field(default_factory=list)

    @property
    def centre(self) -> float:
        return self.x + self.width / 2


@dataclass
class Tick:
    y: float
    value: int


@dataclass
class Chart:
    width: int
    height: int
    left: int
    right: int
    bottom: float
    bars: list[Bar]
    ticks: list[Tick]
    description: str
    legend: list[tuple[str, str]]


def _round_up(n: int) -> int:
    """The axis's top: the first of 1, 2, 5, 10, 20, 50, ... at least ``n``."""
    magnitude = 1
    while True:
        for step in (1, 2, 5):
            if step * magnitude >= n:
                return step * magnitude
        magnitude *= 10


def trend_chart(points: list[TrendPoint], labels: dict[str, dict]) -> Chart:
    plot_height = HEIGHT - TOP - BOTTOM
    highest = max([p.total for p in points] + [1])
    top = _round_up(highest)
    scale = plot_height / top
    slot = (WIDTH - LEFT - RIGHT) / max(len(points), 1)
    bars = []
    for index, point in enumerate(points):
        bar = Bar(
            x=round(LEFT + index * slot + slot * 0.15, 1),
            width=round(slot * 0.7, 1),
            label=f"{point.on:%b %y}",
            total=point.total,
        )
        base = TOP + plot_height
        for code in RAG_ORDER:
            count = point.counts.get(code, 0)
            if not count:
                continue
            height = round(count * scale, 1)
            base -= height
            bar.segments.append(
                Segment(
                    code=code,
                    label=labels[code]["label"],
                    count=count,
                    y=round(base, 1),
                    height=height,
                    colour=RAG_COLOURS[code],
                )
            )
        bars.append(bar)
    ticks = [
        Tick(y=round(TOP + plot_height - v * scale, 1), value=v)
        for v in sorted({0, top // 2, top})
    ]
    first, last = points[0], points[-1]
    description = (
        f"Actions by RAG rating at the end of each month from {first.on:%B %Y} to "
        f"{last.on:%d %B %Y}. Now: "
        + ", ".join(f"{labels[c]['label']} {last.counts.get(c, 0)}" for c in RAG_ORDER)
        + ". The table that follows gives every figure."
    )
    return Chart(
        width=WIDTH,
        height=HEIGHT,
        left=LEFT,
        right=WIDTH - RIGHT,
        bottom=TOP + plot_height,
        bars=bars,
        ticks=ticks,
        description=description,
        legend=[(labels[c]["label"], RAG_COLOURS[c]) for c in RAG_ORDER],
    )
