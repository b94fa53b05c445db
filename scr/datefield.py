"""One date input for the whole product: GOV.UK's date input (day, month and year boxes) with
GOV.UK's error messages, named after the field, and dates kept between 1900 and 2100.

Nothing typed into the boxes, however long or odd, gets further than a form error: no
``ValueError`` or ``OverflowError`` from building the date, and no Python wording in the error
summary. See https://design-system.service.gov.uk/components/date-input/ (error messages).
"""

import calendar
import re
from datetime import date

from crispy_forms_gds.fields import DateInputField
from crispy_forms_gds.widgets import DateInputWidget
from django import forms
from django.core.exceptions import ValidationError

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
PARTS = ("day", "month", "year")
# GOV.UK asks services to accept a month written as a word ("March", "mar", "sept").
MONTH_NAMES = {
    **{name.lower(): n for n, name in enumerate(calendar.month_name) if name},
    **{name.lower(): n for n, name in enumerate(calendar.month_abbr) if name},
    "sept": 9,
}
ISO_DATE = re.compile(r"\s*([0-9]+)-([0-9]+)-([0-9]+)\s*")
ERROR_CLASS = "govuk-input--error"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _long(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def error_name(label: str) -> str:
    """What an error message calls the date: its label without a trailing "(optional)",
    "(if known)" or similar; "The date" when the label is a question."""
    name = re.sub(r"\s*\([^()]*\)\s*$", "", label).strip() or label
    return "The date" if name.endswith("?") else name


def parse_iso(text: str | None) -> date | None:
    """A YYYY-MM-DD date from a query string, or None when it is not a date in the product's
    range. Never raises."""
    match = ISO_DATE.fullmatch(text or "")
    if not match or len(match[1]) != 4 or len(match[2]) > 2 or len(match[3]) > 2:
        return None
    try:
        value = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None
    return value if EARLIEST <= value <= LATEST else None


class GovDateWidget(DateInputWidget):
    """The three boxes; a link may instead carry the date whole, as ``name=YYYY-MM-DD``."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for box in self.widgets:
            box.attrs["inputmode"] = "numeric"

    def decompress(self, value):
        if isinstance(value, date):
            return value.day, value.month, value.year
        return None, None, None

    def value_from_datadict(self, data, files, name):
        boxes = [f"{name}_{index}" for index in range(3)]
        if name in data and not any(box in data for box in boxes):
            text = data.get(name) or ""
            match = ISO_DATE.fullmatch(text)
            if match:
                return [match[3], match[2], match[1]]
            # Unreadable: the field reports it as not a real date.
            return text.strip() or ["", "", ""]
        return super().value_from_datadict(data, files, name)


class GovDateField(DateInputField):
    """A GOV.UK date input whose errors say what the date is and what is wrong with it.

    ``name`` is what the messages call the date ("Date of birth must be a real date"); by default
    the label without a trailing note in brackets.
    """

    widget = GovDateWidget

    def __init__(self, *, label: str, name: str = "", **kwargs):
        kwargs.setdefault("require_all_fields", False)
        super().__init__(label=label, **kwargs)
        self.name = name or error_name(label)
        self.error_messages = {
            **self.error_messages,
            "required": f"Enter {_lower_first(self.name)}",
            "invalid": f"{self.name} must be a real date",
            "year_digits": f"{self.name} must include a year with 4 numbers",
            "range": f"{self.name} must be between {_long(EARLIEST)} and {_long(LATEST)}",
        }

    def clean(self, value):
        for part in self.fields:
            part.widget.errors = []
        if self.disabled and not isinstance(value, list):
            value = self.widget.decompress(value)
        if value in self.empty_values:
            value = ["", "", ""]
        if not isinstance(value, (list, tuple)):
            raise self._error("invalid", [0])
        texts = [str(v).strip() if v is not None else "" for v in [*value, "", "", ""][:3]]
        if not any(texts):
            if self.required:
                raise self._error("required", [0])
            return None
        missing = [index for index, text in enumerate(texts) if not text]
        if missing:
            words = _and([PARTS[index] for index in missing])
            message = f"{self.name} must include a {words}"
            raise self._mark(ValidationError(message, code="incomplete"), missing)
        out = self._to_date(*texts)
        self.validate(out)
        self.run_validators(out)
        return out

    def _to_date(self, day_text: str, month_text: str, year_text: str) -> date:
        day = int(day_text) if re.fullmatch(r"[0-9]{1,2}", day_text) else 0
        month = MONTH_NAMES.get(month_text.lower()) or (
            int(month_text) if re.fullmatch(r"[0-9]{1,2}", month_text) else 0
        )
        wrong = [index for index, ok in enumerate([1 <= day <= 31, 1 <= month <= 12]) if not ok]
        if wrong:
            raise self._error("invalid", wrong)
        if not re.fullmatch(r"[0-9]{4}", year_text):
            raise self._error("year_digits", [2])
        try:
            out = date(int(year_text), month, day)
        except ValueError:
            # 31 February and the like; year 0000.
            raise self._error("invalid", [0, 1, 2]) from None
        if not EARLIEST <= out <= LATEST:
            raise self._error("range", [2])
        return out

    def _error(self, code: str, parts: list[int]) -> ValidationError:
        return self._mark(ValidationError(self.error_messages[code], code=code), parts)

    def _mark(self, error: ValidationError, parts: list[int]) -> ValidationError:
        """Highlight the boxes that are wrong; the error summary links to the first of them."""
        self.fields[parts[0]].widget.errors = list(error.messages)
        for index, box in enumerate(self.widget.widgets):
            classes = box.attrs.get("class", "").replace(ERROR_CLASS, "").split()
            box.attrs["class"] = " ".join([*classes, *([ERROR_CLASS] if index in parts else [])])
        return error

    def compress(self, data_list):
        # clean() builds the date itself; this is only reached through the parent's paths.
        day, month, year = (list(data_list) + [None, None, None])[:3]
        if not (day and month and year):
            return None
        return self._to_date(str(day), str(month), str(year))


class IsoDateField(forms.DateField):
    """A YYYY-MM-DD date typed into a filter, with GOV.UK's message rather than Django's, and
    kept between 1900 and 2100."""

    def __init__(self, *, label: str, name: str = "", **kwargs):
        super().__init__(label=label, **kwargs)
        self.name = name or error_name(label)
        self.error_messages["invalid"] = f"{self.name} must be a real date"

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, date):
            return value
        out = parse_iso(str(value))
        if out is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return out
