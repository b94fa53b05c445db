"""Reads for agency reports, each with a fixed number of queries whatever the report's size."""

import difflib
import html
import re
from dataclasses import dataclass

from chronology.models import AgencyChronology, PersonKind
from chronology.selectors import snapshot_row
from scr.text import to_html, to_plain

from .rules import questions_for

_BULLET = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s*")


@dataclass(frozen=True)
class TermsItem:
    number: int
    text: str


def terms_items(review) -> list[TermsItem]:
    """The key issues of the review's terms of reference, one per line, numbered: each agency's
    report says which of its sections answers each one."""
    from scr.models.terms import TermsOfReference

    text = (
        TermsOfReference.objects.filter(review=review)
        .values_list("reason_and_key_issues", flat=True)
        .first()
    )
    lines = [_BULLET.sub("", line).strip() for line in (text or "").splitlines()]
    return [TermsItem(n, line) for n, line in enumerate((t for t in lines if t), start=1)]


def report_sections(report) -> list:
    sections = list(report.sections.all())
    for section in sections:
        section.questions = questions_for(section.key)
    return sections


def coverage(report, sections, items: list[TermsItem]) -> list[tuple[TermsItem, list]]:
    """Each terms-of-reference item with the sections that answer it (none: unanswered)."""
    return [(item, [s for s in sections if item.number in s.answers]) for item in items]


def agency_rows(report) -> list[dict]:
    """The agency's chronology as the report shows it: its latest submission to the panel, or its
    rows as they stand when it has not submitted yet."""
    chronology = (
        AgencyChronology.objects.filter(review=report.review_id, agency=report.agency_id)
        .select_related("agency")
        .first()
    )
    if chronology is None:
        return []
    latest = chronology.submissions.order_by("-number").first()
    if latest is not None:
        return latest.rows
    entries = chronology.entries.prefetch_related("people", "staff")
    return [snapshot_row(entry, chronology.agency) for entry in entries]


def snapshot(report) -> dict:
    """The whole report frozen as plain data: what a version holds."""
    review = report.review
    return {
        "agency": report.agency.name,
        "declared_by": report.declared_by.full_name if report.declared_by_id else "",
        "declared_on": report.declared_on.isoformat() if report.declared_on else None,
        "terms": [{"number": i.number, "text": i.text} for i in terms_items(review)],
        "sections": [
            {"key": s.key, "title": s.title, "text": s.text, "answers": s.answers}
            for s in report.sections.all()
        ],
        "consultations": [
            {
                "kind": c.get_kind_display(),
                "description": c.description,
                "role": c.role,
                "agency": c.agency_name,
                "nature": c.nature,
                "dates": c.dates,
                "reason": c.reason,
            }
            for c in report.consultations.all()
        ],
        "interviews": [
            {
                "role": i.role,
                "qualifications": i.qualifications,
                "time_in_post": i.time_in_post,
                "involvement": i.involvement,
                "matters": i.matters,
                "summary": i.summary,
                "interviewed_on": i.interviewed_on.isoformat() if i.interviewed_on else None,
                "agreement": i.get_agreement_display(),
                "agreement_on": i.agreement_on.isoformat() if i.agreement_on else None,
                "disagreement": i.disagreement,
            }
            for i in report.interviews.all()
        ],
        "recommendations": [
            {
                "text": r.text,
                "action": r.action,
                "lead": f"{r.lead_name}, {r.lead_role}",
                "target_date": r.target_date.isoformat(),
                "success_measure": r.success_measure,
                "intended_outcome": r.intended_outcome,
            }
            for r in report.recommendations.all()
        ],
        "family": [
            {"code": p.code, "relationship": p.relationship, "in_household": p.in_household}
            for p in review.people.filter(kind=PersonKind.FAMILY)
        ],
        "chronology": agency_rows(report),
    }


def rendered_sections(content: dict) -> list[dict]:
    return [{**s, "html": to_html(s["text"])} for s in content["sections"]]


def version_texts(content: dict) -> list[str]:
    """Every piece of text a version carries, for the leak check."""
    texts = [content["agency"], content.get("declared_by", "")]
    texts += [to_plain(s["text"]) for s in content["sections"]]
    for group in ("consultations", "interviews", "recommendations"):
        for row in content[group]:
            texts += [str(v) for v in row.values() if v]
    texts += [row["event"] + " " + row.get("action", "") for row in content["chronology"]]
    return texts


@dataclass
class SectionDiff:
    title: str
    changed: bool
    rows: list[tuple[str, str, str]]  # (kind, older line html, newer line html)


def _words(older: str, newer: str) -> tuple[str, str]:
    a, b = older.split(" "), newer.split(" ")
    left, right = [], []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b).get_opcodes():
        old, new = html.escape(" ".join(a[i1:i2])), html.escape(" ".join(b[j1:j2]))
        if op == "equal":
            left.append(old)
            right.append(new)
        else:
            if old:
                left.append(f"<del>{old}</del>")
            if new:
                right.append(f"<ins>{new}</ins>")
    return " ".join(left), " ".join(right)


def section_diffs(older: dict, newer: dict) -> list[SectionDiff]:
    """Side by side, section by section: each line that was removed, added or changed between two
    versions, with the changed words marked."""
    before = {s["key"]: s for s in older["sections"]}
    result = []
    for section in newer["sections"]:
        old_lines = before.get(section["key"], {"text": ""})["text"].splitlines()
        new_lines = section["text"].splitlines()
        rows = []
        matcher = difflib.SequenceMatcher(None, old_lines, new_lines)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                continue
            olds, news = old_lines[i1:i2], new_lines[j1:j2]
            for n in range(max(len(olds), len(news))):
                old = olds[n] if n < len(olds) else ""
                new = news[n] if n < len(news) else ""
                if not old.strip() and not new.strip():
                    continue
                if old and new:
                    left, right = _words(old, new)
                    rows.append(("changed", left, right))
                elif old:
                    rows.append(("removed", f"<del>{html.escape(old)}</del>", ""))
                else:
                    rows.append(("added", "", f"<ins>{html.escape(new)}</ins>"))
        result.append(SectionDiff(section["title"], bool(rows), rows))
    return result
