"""Reads for chronologies: the frozen rows an agency submits, the integrated chronology merged from
every agency's latest submission, and what the panel looks for in it (counts, gaps, shared days)."""

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from django.db.models import Max, OuterRef, Subquery

PRECISION_LABELS = {"month": "%b %Y", "year": "%Y"}


def date_label(precision: str, day: date | None, text: str = "") -> str:
    """How a chronology date reads: never more precise than the agency knew it."""
    if precision == "unknown" or day is None:
        return "Not known"
    if precision == "exact":
        return f"{day.day} {day:%b %Y}"
    if precision == "approx":
        if text and re.search(r"approx|about|around|circa|\bc\.|\?", text, re.IGNORECASE):
            return text
        return f"{text or day.strftime('%b %Y')} (approx.)"
    return day.strftime(PRECISION_LABELS.get(precision, "%d %b %Y"))


def snapshot_row(entry, agency) -> dict:
    """One entry as the panel receives it: codes, never names, for the people in it."""
    return {
        "id": entry.pk,
        "agency_id": agency.pk,
        "agency": agency.name,
        "precision": entry.occurred_precision,
        "occurred_on": entry.occurred_on.isoformat() if entry.occurred_on else None,
        "date_label": date_label(entry.occurred_precision, entry.occurred_on, entry.occurred_text),
        "time": entry.time.strftime("%H:%M") if entry.time else "",
        "learned_on": entry.learned_on.isoformat() if entry.learned_on else None,
        "sort_date": entry.sort_date.isoformat() if entry.sort_date else None,
        "people": sorted(p.code for p in entry.people.all()),
        "staff": sorted(p.code for p in entry.staff.all()),
        "contact_type": entry.contact_type,
        "event": entry.event,
        "present": entry.present,
        "source": entry.source,
        "action": entry.action,
        "child_seen": entry.child_seen,
        "views_wishes": entry.views_wishes,
        "comment": entry.comment,
        "good_practice": entry.good_practice,
        "concern": entry.concern,
    }


def latest_submissions(review):
    """Each agency's most recent submission to the panel, with its agency (one query)."""
    from .models import Submission

    newest = (
        Submission.objects.filter(chronology=OuterRef("chronology"))
        .order_by("-number")
        .values("pk")[:1]
    )
    return (
        Submission.objects.filter(chronology__review=review, pk=Subquery(newest))
        .select_related("chronology__agency")
        .order_by("chronology__agency__name")
    )


def _sort_key(row: dict) -> tuple:
    return (row["sort_date"] or "9999-12-31", row["time"] or "99:99", row["agency"], row["id"])


@dataclass
class Filters:
    agencies: set[int] = field(default_factory=set)
    person: str = ""
    child_seen: set[str] = field(default_factory=set)
    flags: set[str] = field(default_factory=set)  # "good_practice", "concern"
    start: date | None = None
    end: date | None = None

    def keep(self, row: dict) -> bool:
        if self.agencies and row["agency_id"] not in self.agencies:
            return False
        if self.person and self.person not in row["people"] + row["staff"]:
            return False
        if self.child_seen and row["child_seen"] not in self.child_seen:
            return False
        if self.flags and not any(row.get(flag) for flag in self.flags):
            return False
        day = row["sort_date"]
        if self.start and (day is None or day < self.start.isoformat()):
            return False
        return not (self.end and (day is None or day > self.end.isoformat()))


@dataclass
class Integrated:
    rows: list[dict]
    agencies: list[tuple[int, str]]
    per_agency: list[tuple[str, int, int, int]]  # agency, contacts, child seen, seen alone
    gaps: list[tuple[date, date, int]]  # from, to, days with no contact
    shared_days: dict[str, list[str]]  # ISO day -> agencies involved that day
    total: int


def integrated(review, filters: Filters | None = None, gap_days: int = 60) -> Integrated:
    """Every agency's latest submission merged in date order, with the panel's measures. Rows
    dated only approximately sit at the start of their period and say so."""
    filters = filters or Filters()
    everything: list[dict] = []
    agencies: list[tuple[int, str]] = []
    for submission in latest_submissions(review):
        agency = submission.chronology.agency
        agencies.append((agency.pk, agency.name))
        everything.extend(submission.rows)
    everything.sort(key=_sort_key)
    rows = [row for row in everything if filters.keep(row)]

    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    days: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        tally = counts[row["agency"]]
        tally[0] += 1
        tally[1] += row["child_seen"] in ("yes", "alone")
        tally[2] += row["child_seen"] == "alone"
        if row["precision"] == "exact" and row["sort_date"]:
            days[row["sort_date"]].add(row["agency"])
    shared = {day: sorted(names) for day, names in sorted(days.items()) if len(names) > 1}
    return Integrated(
        rows=rows,
        agencies=agencies,
        per_agency=[(name, *counts[name]) for _, name in agencies if name in counts],
        gaps=find_gaps(rows, gap_days),
        shared_days=shared,
        total=len(everything),
    )


def find_gaps(rows: list[dict], longer_than: int) -> list[tuple[date, date, int]]:
    """Stretches longer than ``longer_than`` days in which no agency had any dated contact."""
    dated = sorted(
        {
            date.fromisoformat(r["sort_date"])
            for r in rows
            if r["sort_date"] and r["precision"] != "unknown"
        }
    )
    gaps = []
    for before, after in zip(dated, dated[1:], strict=False):
        days = (after - before).days - 1
        if days > longer_than:
            gaps.append((before + timedelta(days=1), after - timedelta(days=1), days))
    return gaps


CHILD_SEEN_LABELS = {
    "yes": "Yes",
    "alone": "Yes, alone",
    "no": "No",
    "not_known": "N/K",
    "not_indicated": "N/I",
}


def cell(row: dict, key: str) -> str:
    """The text of one of the board's columns for a row (the layout is the board's; the record is
    one shape)."""
    seen = CHILD_SEEN_LABELS.get(row["child_seen"], "")
    flags = [
        label
        for flag, label in (("good_practice", "Good practice"), ("concern", "Concern"))
        if row[flag]
    ]
    match key:
        case "date":
            return row["date_label"]
        case "time":
            return row["time"]
        case "datetime":
            return " ".join(part for part in (row["date_label"], row["time"]) if part)
        case "family_members":
            return ", ".join(row["people"])
        case "event":
            return row["event"] + (f" (present: {row['present']})" if row["present"] else "")
        case "source":
            return row["source"]
        case "action":
            return row["action"]
        case "child_seen":
            return " – ".join(part for part in (seen, row["views_wishes"]) if part)
        case "staff":
            return ", ".join(row["staff"])
        case "comment" | "note":
            return " ".join([*(f"[{f}]" for f in flags), row["comment"]]).strip()
        case "contact_child" | "contact_family" | "communication":
            wanted = {"contact_child": "child", "contact_family": "family"}.get(
                key, "communication"
            )
            return row["event"] if row["contact_type"] == wanted else ""
    return ""


def table(rows: list[dict], columns: list[dict]) -> list[list[str]]:
    return [[cell(row, c["key"]) for c in columns] for row in rows]


def annotations_by_entry(review) -> dict[int, list]:
    from .models import Annotation

    found = defaultdict(list)
    for note in Annotation.objects.filter(review=review).select_related("author"):
        found[note.entry_id].append(note)
    return found


def submission_diff(older: list[dict], newer: list[dict]) -> dict[str, list]:
    """What changed between two submissions of one agency: rows added, removed and changed (with
    the fields that differ)."""
    before = {row["id"]: row for row in older}
    after = {row["id"]: row for row in newer}
    changed = []
    for key in sorted(before.keys() & after.keys()):
        fields = [
            name
            for name in after[key]
            if name not in ("date_label",) and before[key].get(name) != after[key][name]
        ]
        if fields:
            changed.append((before[key], after[key], fields))
    return {
        "added": sorted((after[k] for k in after.keys() - before.keys()), key=_sort_key),
        "removed": sorted((before[k] for k in before.keys() - after.keys()), key=_sort_key),
        "changed": changed,
    }


def review_people_counts(review) -> Counter:
    return Counter(review.people.values_list("kind", flat=True))


def submitted_count(review) -> int:
    from .models import Submission

    return (
        Submission.objects.filter(chronology__review=review)
        .values("chronology")
        .annotate(n=Max("number"))
        .count()
    )
