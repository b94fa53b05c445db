"""The board's list-shaped rules (columns, sections, review types, RAG labels, deadlines) edited as
small tables typed one row a line, cells separated by "|". Each row keeps its stored key while its
name is unchanged, so records that point at a key survive a re-ordering or a new row."""

from dataclasses import dataclass, field

from django import forms
from django.utils.text import slugify

from scr.dates import PeriodUnit

EVENTS = {
    "referral": "referral",
    "incident": "incident",
    "panel_meeting": "panel meeting",
    "decision": "decision",
    "initiation": "initiation",
}
UNITS = {unit.value: unit.label for unit in PeriodUnit}
REVIEW_KINDS = {"scr": "serious case review", "alternative": "alternative review"}


@dataclass(frozen=True)
class Cell:
    name: str
    label: str
    choices: dict[str, str] | None = None
    number: bool = False

    def show(self, value) -> str:
        return self.choices.get(value, str(value)) if self.choices else str(value)

    def parse(self, text: str, line: int):
        if not text:
            raise forms.ValidationError(f"Line {line}: enter the {self.label}")
        if self.number:
            if not text.isdigit() or not 1 <= int(text) <= 999:
                raise forms.ValidationError(
                    f"Line {line}: the {self.label} must be a whole number from 1 to 999"
                )
            return int(text)
        if self.choices:
            for value, shown in self.choices.items():
                if text.lower() in (value.lower(), shown.lower()):
                    return value
            raise forms.ValidationError(
                f"Line {line}: the {self.label} must be one of: " + ", ".join(self.choices.values())
            )
        return text


@dataclass(frozen=True)
class RowSpec:
    field: str
    label: str
    cells: tuple[Cell, ...]
    key_name: str = "key"
    required: bool = True
    fixed_keys: tuple[str, ...] = ()
    hint: str = field(default="")

    def show(self, rows: list[dict]) -> str:
        return "\n".join(
            " | ".join(cell.show(row.get(cell.name, "")) for cell in self.cells) for row in rows
        )

    def help_text(self) -> str:
        shape = " | ".join(cell.label for cell in self.cells)
        text = (
            f"One a line, in order. Write each as: {shape}."
            if len(self.cells) > 1
            else ("One a line, in order.")
        )
        return f"{text} {self.hint}".strip()

    def parse(self, raw: str, existing: list[dict]) -> list[dict]:
        lines = [(n, line.strip()) for n, line in enumerate(raw.splitlines(), 1) if line.strip()]
        if self.required and not lines:
            raise forms.ValidationError(f"Enter at least one line for {self.label.lower()}")
        if self.fixed_keys and len(lines) != len(self.fixed_keys):
            raise forms.ValidationError(
                f"Enter exactly {len(self.fixed_keys)} lines for {self.label.lower()}"
            )
        first = self.cells[0].name
        known = {row.get(first): row.get(self.key_name) for row in existing}
        rows, seen, errors = [], set(), []
        for index, (number, line) in enumerate(lines):
            parts = [part.strip() for part in line.split("|")]
            if len(parts) != len(self.cells):
                shape = " | ".join(cell.label for cell in self.cells)
                errors.append(f"Line {number}: write it as {shape}")
                continue
            try:
                row = {
                    cell.name: cell.parse(part, number)
                    for cell, part in zip(self.cells, parts, strict=True)
                }
            except forms.ValidationError as error:
                errors.extend(error.messages)
                continue
            if self.fixed_keys:
                key = self.fixed_keys[index]
            else:
                key = known.get(row[first]) or slugify(row[first]).replace("-", "_")[:40] or "row"
                while key in seen:
                    key += "_2"
            seen.add(key)
            rows.append(
                {**existing_extras(existing, key, self.key_name), self.key_name: key, **row}
            )
        if errors:
            raise forms.ValidationError(errors)
        return rows


def existing_extras(existing: list[dict], key: str, key_name: str) -> dict:
    """Values a row holds that this editor does not show (kept as they were)."""
    for row in existing:
        if row.get(key_name) == key:
            return dict(row)
    return {}


@dataclass(frozen=True)
class EventRuleCell(Cell):
    """The events that complete a milestone, from those the stages record, joined by "+"
    (``all:`` before a per-agency event means every contributing agency's); "by hand" when the
    responsible person marks it done."""

    def show(self, value) -> str:
        return value or "by hand"

    def parse(self, text: str, line: int):
        from scr.lifecycle import rule_errors

        if text.lower() in ("", "by hand", "-"):
            return ""
        problems = rule_errors(text)
        if problems:
            raise forms.ValidationError([f"Line {line}: {problem}" for problem in problems])
        return " + ".join(part.strip() for part in text.split("+"))


@dataclass(frozen=True)
class MilestoneSpec(RowSpec):
    def help_text(self) -> str:
        from scr import registry

        events = "; ".join(
            f"{key}{' (all: for every contributing agency)' if event.per_agency else ''}"
            for key, event in sorted(registry.lifecycle_events.items())
        )
        return f"{super().help_text()} The events the stages record: {events}."


class RowsField(forms.CharField):
    def __init__(self, *, spec: RowSpec, existing: list[dict], **kwargs):
        self.spec, self.existing = spec, existing
        super().__init__(
            label=spec.label,
            help_text=spec.help_text(),
            required=False,
            initial=spec.show(existing),
            widget=forms.Textarea(attrs={"rows": max(4, len(existing) + 1)}),
            **kwargs,
        )

    def clean(self, value):
        return self.spec.parse(super().clean(value) or "", self.existing)


ROW_SPECS = (
    RowSpec(
        "review_types",
        "Review types offered",
        (
            Cell("label", "name"),
            Cell("kind", "kind", choices=REVIEW_KINDS),
        ),
        key_name="code",
        hint="The kind is serious case review or alternative review.",
    ),
    RowSpec(
        "decision_windows",
        "Time limits before the decision",
        (
            Cell("label", "step"),
            Cell("amount", "number", number=True),
            Cell("unit", "unit", choices=UNITS),
            Cell("from_event", "counted from", choices=EVENTS),
        ),
        required=False,
        hint="Units: days, working days, weeks or months.",
    ),
    RowSpec(
        "notification_recipients",
        "Who must be told of a decision, and when",
        (
            Cell("name", "recipient"),
            Cell("amount", "number", number=True),
            Cell("unit", "unit", choices=UNITS),
            Cell("from_event", "counted from", choices=EVENTS),
        ),
        required=False,
        hint="Units: days, working days, weeks or months.",
    ),
    RowSpec(
        "rag_statuses",
        "RAG ratings (red, amber, green, blue)",
        (
            Cell("label", "label"),
            Cell("meaning", "meaning"),
        ),
        key_name="code",
        fixed_keys=("red", "amber", "green", "blue"),
    ),
    MilestoneSpec(
        "milestones",
        "Timetable milestones",
        (
            Cell("label", "milestone"),
            Cell("amount", "number", number=True),
            Cell("unit", "unit", choices=UNITS),
            Cell("from_event", "counted from", choices=EVENTS),
            EventRuleCell("event", "completed by"),
        ),
        required=False,
        hint="Units: days, working days, weeks or months. Completed by: the events that complete "
        "the milestone, joined by +, or “by hand” for one the responsible person marks done.",
    ),
    RowSpec("chronology_columns", "Chronology columns", (Cell("label", "column"),)),
    RowSpec("imr_sections", "Agency report sections", (Cell("title", "section"),)),
    RowSpec("action_plan_columns", "Action plan columns", (Cell("label", "column"),)),
)
