"""The timeline and genogram drawings: well-formed, accessible SVG with the right structure.

Pure tests: no database. The SVG is parsed with ElementTree and checked by its structure."""

import re
from datetime import date, timedelta
from xml.etree import ElementTree as ET

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chronology.drawing import (
    ParentChild,
    Person,
    TimelineEvent,
    Union,
    genogram_svg,
    timeline_svg,
)

NS = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    return root


def find_all(root: ET.Element, cls: str, tag: str = "*") -> list[ET.Element]:
    return [el for el in root.iter(f"{NS}{tag}" if tag != "*" else tag) if has_class(el, cls)]


def has_class(el: ET.Element, cls: str) -> bool:
    return cls in (el.get("class") or "").split()


def translate(el: ET.Element) -> tuple[float, float]:
    match = re.fullmatch(r"translate\(([-\d.]+),([-\d.]+)\)", el.get("transform", ""))
    assert match, el.get("transform")
    return float(match.group(1)), float(match.group(2))


def title_of(el: ET.Element) -> str:
    title = el.find(f"{NS}title")
    assert title is not None
    return title.text or ""


def assert_accessible_root(root: ET.Element, prefix: str) -> None:
    assert root.get("width") == "100%"
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", root.get("viewBox"))
    assert root.get("role") in ("img", "group")
    assert root.get("aria-labelledby") == f"{prefix}-title"
    assert root.get("aria-describedby") == f"{prefix}-desc"
    assert root.find(f"{NS}title").get("id") == f"{prefix}-title"
    assert root.find(f"{NS}desc").get("id") == f"{prefix}-desc"
    assert "Arial" in root.get("font-family")
    # a strict style-src policy: no inline styles anywhere
    assert not list(root.iter(f"{NS}style"))
    assert all(el.get("style") is None for el in root.iter())


# --------------------------------------------------------------------------------------------
# Timeline
# --------------------------------------------------------------------------------------------


def event(day, lane="Police", label="", **flags) -> TimelineEvent:
    return TimelineEvent(day=day, lane=lane, label=label or f"{day}: contact", **flags)


def events_in(root: ET.Element) -> list[ET.Element]:
    return find_all(root, "tl-event", "g")


def marker_of(group: ET.Element) -> ET.Element:
    [marker] = [el for el in group if has_class(el, "marker")]
    return marker


def test_timeline_is_accessible_svg_with_title_desc_and_legend():
    svg = timeline_svg(
        [
            event(date(2004, 11, 12), "Police"),
            event(date(2005, 2, 1), "Health", child_seen=True),
            event(date(2005, 3, 1), "Health", child_seen_alone=True),
        ],
        title="Timeline of SCR 1",
    )
    root = parse(svg)
    assert_accessible_root(root, "tl")
    assert root.get("role") == "img"  # no links: a picture
    assert root.find(f"{NS}title").text == "Timeline of SCR 1"
    desc = root.find(f"{NS}desc").text
    assert "3 events from 12 Nov 2004 to 1 Mar 2005 across 2 agencies" in desc
    legend = " ".join(t.text or "" for t in find_all(root, "legend", "g")[0].iter(f"{NS}text"))
    for words in ("Contact", "Child seen", "Child seen alone", "Approximate", "Good practice"):
        assert words in legend
    assert "Concern" in legend


def test_one_lane_per_agency_in_the_given_order_then_by_first_appearance():
    events = [
        event(date(2004, 1, 5), "Police"),
        event(date(2004, 1, 6), "School"),
        event(date(2004, 1, 7), "Health"),
        event(date(2004, 1, 8), "Police"),
    ]
    root = parse(timeline_svg(events, lanes=["Health", "Children's social care", "Health"]))
    labels = [el.text for el in find_all(root, "tl-lane-label", "text")]
    assert labels == ["Health", "Children's social care", "Police", "School"]

    root = parse(timeline_svg(events))
    labels = [el.text for el in find_all(root, "tl-lane-label", "text")]
    assert labels == ["Police", "School", "Health"]


def test_long_lane_names_are_shortened_with_the_full_name_as_a_title():
    name = "Education, Greenfield Primary School and Nursery (Safeguarding Lead)"
    root = parse(timeline_svg([event(date(2004, 1, 5), name)]))
    [label] = find_all(root, "tl-lane-label", "text")
    assert label.find(f"{NS}title").text == name
    assert "".join(label.itertext()) != name


def test_markers_sit_in_their_lane_and_in_date_order():
    events = [
        event(date(2005, 6, 1), "Police", "c"),
        event(date(2004, 1, 1), "Health", "a"),
        event(date(2004, 3, 1), "Police", "b"),
        event(date(2006, 1, 1), "Health", "d"),
    ]
    root = parse(timeline_svg(events))
    groups = events_in(root)
    by_lane: dict[str, list[tuple[float, float, str]]] = {}
    for group in groups:
        x, y = translate(group)
        by_lane.setdefault(group.get("data-lane"), []).append((x, y, group.get("data-date")))
    assert list(by_lane) == ["Police", "Health"]
    police_y = {y for _, y, _ in by_lane["Police"]}
    health_y = {y for _, y, _ in by_lane["Health"]}
    assert len(police_y) == len(health_y) == 1 and police_y.pop() < health_y.pop()
    everything = sorted((x, d) for lane in by_lane.values() for x, _, d in lane)
    assert [d for _, d in everything] == ["2004-01-01", "2004-03-01", "2005-06-01", "2006-01-01"]
    assert [title_of(g) for g in groups] == ["b", "c", "a", "d"]  # lane by lane, oldest first


def test_x_is_proportional_to_the_date():
    start, end = date(2004, 1, 1), date(2004, 12, 31)
    events = [event(start + timedelta(days=n)) for n in (0, 100, 200, 365)]
    xs = [translate(g)[0] for g in events_in(parse(timeline_svg(events, start=start, end=end)))]
    assert xs == sorted(xs)
    assert abs((xs[2] - xs[1]) - (xs[1] - xs[0])) < 0.5


def test_child_seen_and_seen_alone_have_different_shapes_from_each_other_and_a_contact():
    events = [
        event(date(2004, 1, 1), label="contact"),
        event(date(2004, 1, 2), label="seen", child_seen=True),
        event(date(2004, 1, 3), label="alone", child_seen=True, child_seen_alone=True),
    ]
    groups = {title_of(g): g for g in events_in(parse(timeline_svg(events)))}
    shapes = {label: marker_of(g).tag for label, g in groups.items()}
    assert shapes == {"contact": f"{NS}circle", "seen": f"{NS}rect", "alone": f"{NS}polygon"}
    assert len({marker_of(g).get("fill") for g in groups.values()}) == 3


def test_flags_have_their_own_glyphs_and_approximate_dates_are_hollow_and_dashed():
    events = [
        event(date(2004, 1, 1), label="good", good_practice=True),
        event(date(2004, 1, 2), label="concern", concern=True),
        event(date(2004, 1, 3), label="both", good_practice=True, concern=True),
        event(date(2004, 1, 4), label="approx", approximate=True),
        event(date(2004, 1, 5), label="exact"),
    ]
    groups = {title_of(g): g for g in events_in(parse(timeline_svg(events)))}

    def flags(label):
        return sorted(el.get("class") for el in groups[label] if has_class(el, "flag"))

    assert flags("good") == ["flag flag-good"]
    assert flags("concern") == ["flag flag-concern"]
    assert flags("both") == ["flag flag-concern", "flag flag-good"]
    assert flags("exact") == []
    good = [el for el in groups["good"] if has_class(el, "flag-good")][0]
    concern = [el for el in groups["concern"] if has_class(el, "flag-concern")][0]
    assert len(good.get("points").split()) == 3  # a triangle
    assert len(concern.get("points").split()) == 4  # a diamond
    approx, exact = marker_of(groups["approx"]), marker_of(groups["exact"])
    assert approx.get("fill") == "#ffffff" and approx.get("stroke-dasharray")
    assert exact.get("fill") != "#ffffff" and exact.get("stroke-dasharray") is None
    assert has_class(groups["approx"], "tl-approximate")


def test_events_outside_start_and_end_are_left_out():
    events = [event(date(2004, 1, d), label=f"day {d}") for d in (1, 10, 20, 31)]
    root = parse(timeline_svg(events, start=date(2004, 1, 5), end=date(2004, 1, 20)))
    assert sorted(title_of(g) for g in events_in(root)) == ["day 10", "day 20"]
    desc = root.find(f"{NS}desc").text
    assert "2 events from 10 Jan 2004 to 20 Jan 2004" in desc
    assert "2 events outside this range not shown" in desc
    # the window given the wrong way round is the same window
    swapped = parse(timeline_svg(events, start=date(2004, 1, 20), end=date(2004, 1, 5)))
    assert len(events_in(swapped)) == 2


def test_only_start_or_only_end():
    events = [event(date(2004, 1, d)) for d in (1, 10, 20)]
    assert len(events_in(parse(timeline_svg(events, start=date(2004, 1, 10))))) == 2
    assert len(events_in(parse(timeline_svg(events, end=date(2004, 1, 10))))) == 2


def test_labels_are_escaped():
    label = '<script>alert("x")</script> & "quotes" \x00\x0b'
    svg = timeline_svg(
        [event(date(2004, 1, 1), lane="<b>Police</b>", label=label, href="#e1")],
        title="<script>t</script>",
    )
    assert "<script>" not in svg and "<b>" not in svg
    root = parse(svg)
    assert not list(root.iter(f"{NS}script")) and not list(root.iter("script"))
    [group] = events_in(root)
    assert title_of(group) == '<script>alert("x")</script> & "quotes" '
    assert group.get("data-lane") == "<b>Police</b>"
    assert root.find(f"{NS}title").text == "<script>t</script>"


def test_events_with_a_link_are_focusable_links_and_the_drawing_a_labelled_group():
    events = [
        event(date(2004, 1, 1), label="linked", href="#entry-12"),
        event(date(2004, 1, 2), label="plain"),
        event(date(2004, 1, 3), label="bad", href="javascript:alert(1)"),
        event(date(2004, 1, 4), label="bad too", href=" JaVa\tScript:alert(1)"),
    ]
    root = parse(timeline_svg(events))
    links = list(root.iter(f"{NS}a"))
    assert [a.get("href") for a in links] == ["#entry-12"]
    assert links[0].get("aria-label") == "linked"
    assert title_of(links[0].find(f"{NS}g")) == "linked"
    # role="img" hides its content from assistive technology (axe: nested-interactive)
    assert root.get("role") == "group"
    assert_accessible_root(root, "tl")


def test_many_events_on_one_day_in_one_lane_stay_visible():
    day = date(2004, 11, 12)
    events = [event(day, label=f"visit {n}") for n in range(12)]
    positions = [translate(g) for g in events_in(parse(timeline_svg(events)))]
    assert len(set(positions)) == 12
    xs = [x for x, _ in positions]
    assert max(xs) - min(xs) < 30  # slightly, still at that day


def test_no_events():
    root = parse(timeline_svg([]))
    assert_accessible_root(root, "tl")
    assert "no events" in root.find(f"{NS}desc").text
    assert "no events" in "".join(root.itertext())
    assert not events_in(root)
    # events exist, none in the window
    root = parse(timeline_svg([event(date(2004, 1, 1))], start=date(2010, 1, 1)))
    assert "No events to show" in root.find(f"{NS}desc").text


def test_one_event_and_start_equal_to_end():
    root = parse(timeline_svg([event(date(2004, 2, 29))]))
    [group] = events_in(root)
    x, _ = translate(group)
    width = float(root.get("viewBox").split()[2])
    assert 0 < x < width
    day = date(2004, 2, 29)
    root = parse(timeline_svg([event(day), event(day, "Health")], start=day, end=day))
    assert len(events_in(root)) == 2
    ticks = [t.text for t in find_all(root, "tl-tick", "text")]
    assert ticks == ["29 Feb 2004"]


def test_ticks_are_years_months_or_weeks_depending_on_the_span():
    def ticks(start, end):
        root = parse(timeline_svg([event(start)], start=start, end=end))
        return [t.text for t in find_all(root, "tl-tick", "text")]

    years = ticks(date(1995, 6, 1), date(2010, 6, 1))
    assert years[0] == "1996" and all(re.fullmatch(r"\d{4}", t) for t in years)
    months = ticks(date(2004, 8, 15), date(2005, 6, 1))
    assert months[:6] == ["Sep 2004", "Oct", "Nov", "Dec", "Jan 2005", "Feb"]
    weeks = ticks(date(2004, 11, 1), date(2005, 1, 1))
    assert weeks[:3] == ["1 Nov 2004", "8 Nov", "15 Nov"]  # Mondays, the year where it changes
    assert "3 Jan 2005" not in weeks and weeks[-1] == "27 Dec"
    assert ticks(date(2004, 11, 1), date(2005, 1, 5))[-1] == "3 Jan 2005"
    assert all(2 <= len(t) <= 16 for t in years + months + weeks)
    assert ticks(date(1, 1, 1), date(9999, 12, 31))  # the widest range does not break


def test_five_thousand_events_render():
    start = date(2000, 1, 1)
    events = [
        event(
            start + timedelta(days=(n * 37) % 3650),
            f"Agency {n % 10}",
            f"event {n}",
            child_seen=n % 3 == 0,
            child_seen_alone=n % 7 == 0,
            concern=n % 11 == 0,
            approximate=n % 13 == 0,
            href=f"#entry-{n}",
        )
        for n in range(5000)
    ]
    root = parse(timeline_svg(events))
    assert len(events_in(root)) == 5000
    assert len(find_all(root, "tl-lane-label", "text")) == 10


def test_timeline_output_is_deterministic_and_ids_come_from_the_prefix():
    events = [event(date(2004, 1, d), label=f"e{d}", child_seen=d % 2 == 0) for d in range(1, 20)]
    assert timeline_svg(events) == timeline_svg(list(events))
    root = parse(timeline_svg(events, id_prefix="zoom-2"))
    assert_accessible_root(root, "zoom-2")
    ids = [el.get("id") for el in root.iter() if el.get("id")]
    assert len(ids) == len(set(ids)) and all(i.startswith("zoom-2") for i in ids)


def test_narrow_width_still_fits_the_legend():
    root = parse(timeline_svg([event(date(2004, 1, 1))], width=360))
    width = float(root.get("viewBox").split()[2])
    for item in find_all(root, "legend-item", "g"):
        assert translate(item)[0] < width


# --------------------------------------------------------------------------------------------
# Genogram
# --------------------------------------------------------------------------------------------


def y(year: int) -> date:
    return date(year, 1, 1)


def people_in(root: ET.Element) -> dict[str, ET.Element]:
    return {g.get("data-key"): g for g in find_all(root, "gg-person", "g")}


def centre(root: ET.Element, key: str) -> tuple[float, float]:
    return translate(people_in(root)[key])


def symbol_of(group: ET.Element) -> ET.Element:
    [symbol] = [el for el in group if has_class(el, "symbol")]
    return symbol


def unions_in(root: ET.Element) -> dict[frozenset, ET.Element]:
    return {frozenset((g.get("data-a"), g.get("data-b"))): g for g in find_all(root, "gg-union")}


def texts(group: ET.Element) -> list[str]:
    return [t.text for t in group.iter(f"{NS}text")]


def family():
    """Grandparents; a mother with children by two partners (a divorce and a transitory
    relationship), twins, a half-sibling by the father's former partner, a household."""
    people = [
        Person("gf", "Grandfather", "male", y(1950), died=y(2010)),
        Person("gm", "Grandmother", "female", y(1952)),
        Person("m", "Parent 1", "female", y(1978), in_household=True),
        Person("f1", "Parent 2", "male", y(1976)),
        Person("f2", "Partner 3", "male", y(1980), in_household=True),
        Person("ex", "Parent 2's ex", "female", y(1977)),
        Person("b", "Child B", "male", y(2003), in_household=True),
        Person("a", "Child A", "female", y(2001), subject=True, in_household=True),
        Person("e", "Child E", "unknown", None),
        Person("c", "Child C", "male", y(2006), twin_group="t", in_household=True),
        Person("d", "Child D", "female", y(2006), twin_group="t"),
        Person("h", "Half-sibling", "female", y(1998)),
        Person("stray", "Neighbour", "unknown"),
    ]
    unions = [
        Union("gf", "gm", "married"),
        Union("m", "f1", "divorced"),
        Union("m", "f2", "transitory"),
        Union("f1", "ex", "separated"),
    ]
    links = [
        ("gf", "m"),
        ("gm", "m"),
        ("m", "b"),
        ("f1", "b"),
        ("m", "e"),
        ("f1", "e"),
        ("m", "a"),
        ("f1", "a"),
        ("m", "c"),
        ("f2", "c"),
        ("m", "d"),
        ("f2", "d"),
        ("f1", "h"),
        ("ex", "h"),
    ]
    return people, unions, [ParentChild(p, c) for p, c in links]


def test_genogram_is_accessible_svg_describing_the_people():
    root = parse(genogram_svg(*family(), title="Genogram of Child A's family"))
    assert_accessible_root(root, "gg")
    assert root.get("role") == "img"
    assert root.find(f"{NS}title").text == "Genogram of Child A's family"
    desc = root.find(f"{NS}desc").text
    assert desc.startswith("13 people in 3 generations")
    assert "Parent 1 and Parent 2: divorced" in desc
    assert "Child A, Child B and Child E are the children of Parent 1 and Parent 2" in desc
    assert "Child A: female, born 2001, subject of the review, in the household" in desc
    people = people_in(root)
    assert "child of Grandfather and Grandmother" in title_of(people["m"])
    legend = " ".join(t.text for t in find_all(root, "legend", "g")[0].iter(f"{NS}text"))
    for words in ("Male", "Female", "Died", "Transitory", "Separated", "Divorced", "Household"):
        assert words in legend


def test_squares_for_males_circles_for_females_diamonds_when_not_known():
    people = people_in(parse(genogram_svg(*family())))
    assert symbol_of(people["f1"]).tag == f"{NS}rect"
    assert symbol_of(people["m"]).tag == f"{NS}circle"
    assert symbol_of(people["e"]).tag == f"{NS}polygon"
    assert len(symbol_of(people["e"]).get("points").split()) == 4


def test_labels_are_codes_with_years_of_birth_and_death():
    people = people_in(parse(genogram_svg(*family())))
    assert texts(people["gf"]) == ["Grandfather", "b. 1950", "d. 2010"]
    assert texts(people["e"]) == ["Child E"]


def test_the_deceased_are_crossed_and_the_subject_has_a_double_outline():
    people = people_in(parse(genogram_svg(*family())))
    crosses = [el for el in people["gf"] if has_class(el, "deceased-cross")]
    assert len(crosses) == 1 and len(crosses[0].findall(f"{NS}line")) == 2
    assert not [el for el in people["gm"] if has_class(el, "deceased-cross")]
    inner = [el for el in people["a"] if has_class(el, "subject-outline")]
    assert len(inner) == 1 and inner[0].tag == f"{NS}circle"
    assert float(inner[0].get("r")) < float(symbol_of(people["a"]).get("r"))
    assert not [el for el in people["b"] if has_class(el, "subject-outline")]


def test_relationship_lines():
    unions = unions_in(parse(genogram_svg(*family())))

    def line(a, b):
        group = unions[frozenset((a, b))]
        [path] = [el for el in group if has_class(el, "gg-union-line")]
        slashes = [el for el in group if has_class(el, "gg-slash")]
        return group.get("data-kind"), path.get("stroke-dasharray"), len(slashes)

    assert line("gf", "gm") == ("married", None, 0)
    assert line("m", "f2")[:2] == ("transitory", "7 5")
    assert line("m", "f2")[2] == 0
    assert line("f1", "ex") == ("separated", None, 1)
    assert line("m", "f1") == ("divorced", None, 2)


def test_enduring_is_solid_and_parents_without_a_recorded_relationship_are_joined():
    people = [Person("a", "A", "male"), Person("b", "B", "female"), Person("c", "C", "female")]
    root = parse(
        genogram_svg(
            people + [Person("k", "Kid", "male")],
            [Union("a", "b", "enduring")],
            [ParentChild("b", "k"), ParentChild("c", "k")],
        )
    )
    unions = unions_in(root)
    assert unions[frozenset(("a", "b"))].get("data-kind") == "enduring"
    assert unions[frozenset(("b", "c"))].get("data-kind") == "parents"


def test_partners_and_children_by_generation():
    root = parse(genogram_svg(*family()))
    ys = {key: centre(root, key)[1] for key in people_in(root)}
    assert ys["gf"] == ys["gm"] == ys["stray"]
    assert ys["m"] == ys["f1"] == ys["f2"] == ys["ex"] > ys["gf"]  # in-laws beside partners
    assert ys["a"] == ys["b"] == ys["c"] == ys["h"] > ys["m"]


def test_siblings_oldest_on_the_left_unknown_birth_last():
    root = parse(genogram_svg(*family()))
    xs = {key: centre(root, key)[0] for key in people_in(root)}
    assert xs["a"] < xs["b"] < xs["e"]  # 2001, 2003, not known
    assert xs["c"] < xs["d"]


def test_children_hang_from_their_parents_union_in_a_blended_family():
    root = parse(genogram_svg(*family()))
    xs = {key: centre(root, key)[0] for key in people_in(root)}
    groups = {g.get("data-parents"): g for g in find_all(root, "gg-children", "g")}
    assert set(groups) == {"gf gm", "m f1", "m f2", "f1 ex"}
    for parents, kids in (("m f1", "abe"), ("m f2", "cd"), ("f1 ex", "h")):
        [descent] = [el for el in groups[parents] if has_class(el, "gg-descent")]
        left, right = sorted(xs[p] for p in parents.split())
        assert left < float(descent.get("x1")) < right  # from the line between the two
        lines = [el for el in groups[parents].iter() if has_class(el, "gg-child-line")]
        assert {el.get("data-child") for el in lines} == set(kids)
    # the half-siblings by different fathers are in different sibships
    [bar_ab] = [el for el in groups["m f1"] if has_class(el, "gg-sibline")]
    assert float(bar_ab.get("x2")) < min(xs["c"], xs["d"]) or float(bar_ab.get("x1")) > max(
        xs["c"], xs["d"]
    )


def test_a_single_known_parent():
    people = [Person("m", "Parent 1", "female", y(1980)), Person("a", "Child A", "male", y(2005))]
    root = parse(genogram_svg(people, [], [ParentChild("m", "a")]))
    [group] = find_all(root, "gg-children", "g")
    assert group.get("data-parents") == "m"
    (mx, my), (ax, ay) = centre(root, "m"), centre(root, "a")
    assert ay > my
    [descent] = [el for el in group if has_class(el, "gg-descent")]
    assert abs(float(descent.get("x1")) - mx) < 60  # from beside the parent's symbol
    [line] = [el for el in group.iter() if has_class(el, "gg-child-line")]
    assert float(line.get("x2")) == ax


def test_twins_share_a_single_point_on_the_sibling_line():
    root = parse(genogram_svg(*family()))
    [twins] = find_all(root, "gg-twins", "g")
    lines = twins.findall(f"{NS}line")
    assert {el.get("data-child") for el in lines} == {"c", "d"}
    assert len({(el.get("x1"), el.get("y1")) for el in lines}) == 1
    xs = {key: centre(root, key)[0] for key in people_in(root)}
    assert {float(el.get("x2")) for el in lines} == {xs["c"], xs["d"]}
    # a single child line each for the others
    others = [el for el in find_all(root, "gg-child-line", "line") if el not in lines]
    assert len({(el.get("x1"), el.get("y1")) for el in others}) == len(others)


def path_loops(d: str) -> list[list[tuple[float, float]]]:
    loops = []
    for part in re.findall(r"M[^MZ]*Z", d):
        numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", part)]
        loops.append(list(zip(numbers[0::2], numbers[1::2], strict=True)))
    return loops


def inside(point: tuple[float, float], loops) -> bool:
    """Even-odd rule over every loop of the path."""
    x, y_ = point
    crossings = 0
    for loop in loops:
        for (x1, y1), (x2, y2) in zip(loop, loop[1:] + loop[:1], strict=True):
            if (y1 > y_) != (y2 > y_) and x < x1 + (y_ - y1) * (x2 - x1) / (y2 - y1):
                crossings += 1
    return crossings % 2 == 1


def household_loops(root: ET.Element):
    [path] = find_all(root, "gg-household-boundary", "path")
    assert path.get("stroke-dasharray")
    return path_loops(path.get("d"))


def assert_household_exact(root: ET.Element, people: list[Person]) -> None:
    loops = household_loops(root)
    seen = set()
    for p in people:
        if p.key in seen:
            continue
        seen.add(p.key)
        assert inside(centre(root, p.key), loops) == p.in_household, p


def test_household_boundary_encloses_exactly_the_household():
    people, unions, links = family()
    root = parse(genogram_svg(people, unions, links))
    assert_household_exact(root, people)
    [label] = find_all(root, "gg-household-label", "text")
    assert label.text == "Household"
    # kinship care: a grandmother and grandchild, the parent between them not in the household
    people = [
        Person("gm", "Grandmother", "female", y(1955), in_household=True),
        Person("gf", "Grandfather", "male", y(1950)),
        Person("m", "Parent 1", "female", y(1980)),
        Person("s", "Aunt", "female", y(1982), in_household=True),
        Person("f", "Parent 2", "male", y(1979)),
        Person("a", "Child A", "male", y(2010), subject=True, in_household=True),
        Person("b", "Child B", "female", y(2008)),
        Person("c", "Child C", "female", y(2012), in_household=True),
    ]
    links = [("gm", "m"), ("gf", "m"), ("gm", "s"), ("gf", "s")]
    links += [(p, c) for p in ("m", "f") for c in ("a", "b", "c")]
    root = parse(
        genogram_svg(
            people,
            [Union("gm", "gf", "married"), Union("m", "f", "enduring")],
            [ParentChild(p, c) for p, c in links],
        )
    )
    assert_household_exact(root, people)


def test_no_household_no_boundary():
    people = [Person("a", "Child A", "female")]
    assert not find_all(parse(genogram_svg(people, [], [])), "gg-household")


def test_nobody_and_one_person():
    root = parse(genogram_svg([], [], []))
    assert_accessible_root(root, "gg")
    assert "no people" in root.find(f"{NS}desc").text
    assert "no people" in "".join(root.itertext())
    root = parse(genogram_svg([Person("a", "Child A", "female", y(2005), subject=True)], [], []))
    assert list(people_in(root)) == ["a"]
    assert root.find(f"{NS}desc").text.startswith("1 person in 1 generation")


def test_bad_data_is_ignored():
    people = [
        Person("a", "Child A", "female", y(2005)),
        Person("a", "Duplicate", "male"),
        Person("b", "Parent 1", "F"),
        Person("c", "Parent 2", "nonsense", in_household=True),
    ]
    links = [
        ParentChild("a", "a"),  # own parent
        ParentChild("b", "a"),
        ParentChild("a", "b"),  # a cycle
        ParentChild("zz", "a"),  # unknown key
        ParentChild("c", "a"),
        ParentChild("b", "a"),  # duplicate
        ParentChild("b", "c"),  # then c -> a, b -> c: fine; c -> b later would be a cycle
        ParentChild("c", "b"),
    ]
    unions = [Union("a", "a", "married"), Union("b", "zz", "married"), Union("b", "c", "odd")]
    root = parse(genogram_svg(people, unions, links))
    people_drawn = people_in(root)
    assert sorted(people_drawn) == ["a", "b", "c"]
    assert texts(people_drawn["a"])[0] == "Child A"
    assert symbol_of(people_drawn["c"]).tag == f"{NS}polygon"  # unknown sex
    ys = {key: centre(root, key)[1] for key in people_drawn}
    assert ys["b"] < ys["c"] < ys["a"]
    assert unions_in(root)[frozenset(("b", "c"))].get("data-kind") == "enduring"


def test_codes_are_escaped():
    people = [Person("<k>", '<script>alert("x")</script>', "male", in_household=True)]
    svg = genogram_svg(people, [], [], title="a & b")
    assert "<script>" not in svg
    root = parse(svg)
    assert texts(people_in(root)["<k>"])[0] == '<script>alert("x")</script>'


def test_genogram_is_deterministic_and_readable():
    people, unions, links = family()
    first = genogram_svg(people, unions, links, id_prefix="g1")
    assert first == genogram_svg(list(people), list(unions), list(links), id_prefix="g1")
    root = parse(first)
    assert_accessible_root(root, "g1")
    # nobody overlaps anybody in their row: symbols and labels keep apart
    rows: dict[float, list[ET.Element]] = {}
    for group in people_in(root).values():
        rows.setdefault(translate(group)[1], []).append(group)
    for groups in rows.values():
        xs = sorted(translate(g)[0] for g in groups)
        assert all(b - a >= 60 for a, b in zip(xs, xs[1:], strict=False))


def test_a_family_of_twenty_fits_without_overlap():
    people = [Person("gf", "GF", "male", y(1940)), Person("gm", "GM", "female", y(1942))]
    unions = [Union("gf", "gm", "married")]
    links = []
    for i in range(4):
        child, partner = f"c{i}", f"p{i}"
        people += [
            Person(child, f"Child {i}", "female", y(1960 + i)),
            Person(partner, f"Partner {i}", "male"),
        ]
        unions.append(Union(child, partner, "married"))
        links += [ParentChild("gf", child), ParentChild("gm", child)]
        for j in range(3):
            grandchild = f"g{i}{j}"
            people.append(Person(grandchild, f"Grandchild {i}{j}", "unknown", y(1990 + j)))
            links += [ParentChild(child, grandchild), ParentChild(partner, grandchild)]
    assert len(people) == 22
    root = parse(genogram_svg(people, unions, links))
    drawn = people_in(root)
    boxes = []
    for key, group in drawn.items():
        x, y_ = translate(group)
        width = max(len(t) for t in texts(group)) * 7 + 10
        boxes.append((key, x - width / 2, x + width / 2, y_))
    for i, (k1, l1, r1, y1) in enumerate(boxes):
        for k2, l2, r2, y2 in boxes[i + 1 :]:
            assert y1 != y2 or r1 <= l2 or r2 <= l1, (k1, k2)
    # each sibship sits under its own parents, in the same order
    xs = {key: translate(g)[0] for key, g in drawn.items()}
    for i in range(3):
        assert max(xs[f"g{i}{j}"] for j in range(3)) < min(xs[f"g{i + 1}{j}"] for j in range(3))


# --------------------------------------------------------------------------------------------
# Random input: always well-formed, never an exception
# --------------------------------------------------------------------------------------------

dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
texts_ = st.text(max_size=30)
keys = st.sampled_from([f"k{i}" for i in range(12)])

timeline_events = st.builds(
    TimelineEvent,
    day=st.one_of(dates, st.dates(min_value=date(2000, 1, 1), max_value=date(2001, 1, 1))),
    lane=st.one_of(st.sampled_from(["Police", "Health", "School"]), texts_),
    label=texts_,
    approximate=st.booleans(),
    child_seen=st.booleans(),
    child_seen_alone=st.booleans(),
    good_practice=st.booleans(),
    concern=st.booleans(),
    href=st.one_of(st.just(""), st.just("#entry-1"), texts_),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    events=st.lists(timeline_events, max_size=40),
    start=st.one_of(st.none(), dates),
    end=st.one_of(st.none(), dates),
    lanes=st.one_of(st.none(), st.lists(texts_, max_size=4)),
    width=st.integers(min_value=-10, max_value=3000),
    title=texts_,
    prefix=texts_,
)
def test_random_timelines_are_well_formed(events, start, end, lanes, width, title, prefix):
    svg = timeline_svg(
        events, start=start, end=end, lanes=lanes, width=width, title=title, id_prefix=prefix
    )
    root = parse(svg)
    assert root.get("width") == "100%"
    assert len(events_in(root)) <= len(events)


people_st = st.builds(
    Person,
    key=keys,
    code=texts_,
    sex=st.one_of(st.sampled_from(["male", "female", "unknown"]), texts_),
    born=st.one_of(st.none(), dates),
    died=st.one_of(st.none(), dates),
    subject=st.booleans(),
    in_household=st.booleans(),
    twin_group=st.sampled_from(["", "", "t1", "t2"]),
)
unions_st = st.builds(
    Union,
    a=keys,
    b=keys,
    kind=st.one_of(
        st.sampled_from(["married", "enduring", "transitory", "separated", "divorced"]), texts_
    ),
)
links_st = st.builds(ParentChild, parent=keys, child=keys)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    people=st.lists(people_st, max_size=14),
    unions=st.lists(unions_st, max_size=10),
    links=st.lists(links_st, max_size=20),
    title=texts_,
)
def test_random_families_are_well_formed(people, unions, links, title):
    root = parse(genogram_svg(people, unions, links, title=title))
    drawn = people_in(root)
    assert set(drawn) == {p.key for p in people}
    first = list({p.key: p for p in reversed(people)}.values())  # the first of each key counts
    if any(p.in_household for p in first):
        assert_household_exact(root, first)


@st.composite
def families(draw):
    """Plausible families: founders, then generations of children with zero, one or two
    partners each, some of them in the household."""
    people: list[Person] = []
    unions: list[Union] = []
    links: list[ParentChild] = []
    kinds = st.sampled_from(["married", "enduring", "transitory", "separated", "divorced"])

    def new() -> str:
        key = f"p{len(people)}"
        people.append(
            Person(
                key,
                f"Person {len(people)}",
                draw(st.sampled_from(["male", "female", "unknown"])),
                born=draw(st.one_of(st.none(), st.dates(date(1900, 1, 1), date(2020, 1, 1)))),
                in_household=draw(st.booleans()),
            )
        )
        return key

    frontier: list[tuple[str, ...]] = []
    for _ in range(draw(st.integers(1, 3))):
        a = new()
        if draw(st.booleans()):
            b = new()
            unions.append(Union(a, b, draw(kinds)))
            frontier.append((a, b))
        else:
            frontier.append((a,))
    for _ in range(draw(st.integers(0, 3))):
        next_frontier = []
        for parents in frontier:
            for _ in range(draw(st.integers(0, 3))):
                if len(people) >= 24:
                    break
                child = new()
                links += [ParentChild(p, child) for p in parents]
                partners = draw(st.integers(0, 2))
                for _ in range(partners):
                    partner = new()
                    unions.append(Union(child, partner, draw(kinds)))
                    next_frontier.append((child, partner))
                if not partners and draw(st.booleans()):
                    next_frontier.append((child,))
        frontier = next_frontier
    return people, unions, links


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(family=families())
def test_random_plausible_families_are_laid_out_cleanly(family):
    people, unions, links = family
    root = parse(genogram_svg(people, unions, links))
    drawn = people_in(root)
    assert set(drawn) == {p.key for p in people}
    if any(p.in_household for p in people):
        assert_household_exact(root, people)
    # nobody overlaps anybody in their row
    rows: dict[float, list[tuple[float, float]]] = {}
    for group in drawn.values():
        x, y_ = translate(group)
        rows.setdefault(y_, []).append((x, max(44, max(len(t) for t in texts(group)) * 6.5)))
    for row in rows.values():
        row.sort()
        for (x1, w1), (x2, w2) in zip(row, row[1:], strict=False):
            assert x2 - x1 >= (w1 + w2) / 2
    # children below their parents, oldest on the left
    by_key = {p.key: p for p in people}
    parents_of: dict[str, set[str]] = {}
    for link in links:
        assert translate(drawn[link.parent])[1] < translate(drawn[link.child])[1]
        parents_of.setdefault(link.child, set()).add(link.parent)
    sibships: dict[frozenset, list[str]] = {}
    for child, parents in parents_of.items():
        sibships.setdefault(frozenset(parents), []).append(child)
    for kids in sibships.values():
        kids = sorted(kids, key=lambda k: translate(drawn[k])[0])
        born = [by_key[k].born for k in kids]
        known = [b for b in born if b]
        assert known == sorted(known)
        assert born == known + [None] * (len(born) - len(known))


def test_someone_with_three_partners_and_a_child_by_an_unknown_father():
    people = [
        Person("m", "Mother", "female", y(1980)),
        Person("a", "Partner A", "male"),
        Person("b", "Partner B", "male"),
        Person("c", "Partner C", "male"),
        Person("k1", "Child 1", "female", y(2000)),
        Person("k2", "Child 2", "male", y(2004)),
        Person("k3", "Child 3", "male", y(2008)),
        Person("k4", "Child 4", "female", y(2012)),
    ]
    unions = [
        Union("m", p, kind)
        for p, kind in (("a", "divorced"), ("b", "married"), ("c", "transitory"))
    ]
    links = [("m", "k1"), ("a", "k1"), ("m", "k2"), ("b", "k2"), ("m", "k3"), ("c", "k3")]
    links.append(("m", "k4"))
    root = parse(genogram_svg(people, unions, [ParentChild(p, c) for p, c in links]))
    xs = {key: centre(root, key)[0] for key in people_in(root)}
    ys = {key: centre(root, key)[1] for key in people_in(root)}
    assert len({ys[k] for k in "mabc"}) == 1
    unions_drawn = unions_in(root)
    assert len(unions_drawn) == 3
    # two partners stand beside her; the line to the third goes down and along below the labels
    routed = [g for g in unions_drawn.values() if "V" in g.find(f"{NS}path").get("d")]
    assert len(routed) == 1
    groups = {g.get("data-parents"): g for g in find_all(root, "gg-children", "g")}
    assert set(groups) == {"m a", "m b", "m c", "m"}
    for parents, kid in (("m a", "k1"), ("m b", "k2"), ("m c", "k3"), ("m", "k4")):
        [line] = [el for el in groups[parents].iter() if has_class(el, "gg-child-line")]
        assert line.get("data-child") == kid and float(line.get("x2")) == xs[kid]
