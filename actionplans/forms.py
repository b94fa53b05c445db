from pathlib import PurePath

from django import forms

from scr.forms import (
    GovForm,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
    VersionedForm,
    date_field,
    not_listed,
)
from scr.models import Agency

from .models import Rag, Source, Theme
from .services import MAX_EVIDENCE_FILES
from .smart import one_thing, smart_problems

# Evidence is a document, a spreadsheet, an image or plain text, up to 10 MB a file. The start of
# each file must match what its name claims, so a renamed program is refused.
MAX_EVIDENCE_BYTES = 10 * 1024 * 1024
_ZIP, _OLE = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"
EVIDENCE_TYPES: dict[str, tuple[bytes, ...] | None] = {
    ".pdf": (b"%PDF-",),
    ".docx": (_ZIP,),
    ".xlsx": (_ZIP,),
    ".pptx": (_ZIP,),
    ".odt": (_ZIP,),
    ".ods": (_ZIP,),
    ".doc": (_OLE,),
    ".xls": (_OLE,),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".txt": None,
    ".csv": None,
}
EVIDENCE_ACCEPT = ",".join(EVIDENCE_TYPES)


def evidence_problem(upload) -> str | None:
    """Why an uploaded file cannot be kept as evidence, or None."""
    name = upload.name or "the file"
    suffix = PurePath(name).suffix.lower()
    if suffix not in EVIDENCE_TYPES:
        return f"{name} must be a PDF, Word, Excel, PowerPoint, OpenDocument, image or text file"
    if upload.size == 0:
        return f"{name} is empty"
    if upload.size > MAX_EVIDENCE_BYTES:
        return f"{name} must be smaller than 10 MB"
    upload.seek(0)
    head = upload.read(8)
    upload.seek(0)
    signatures = EVIDENCE_TYPES[suffix]
    if signatures is None:
        upload.seek(0)
        sample = upload.read(4096)
        upload.seek(0)
        if b"\x00" in sample:
            return f"{name} is not a text file"
        return None
    if not any(head.startswith(signature) for signature in signatures):
        return f"{name} is not the kind of file its name says it is"
    return None


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        uploads = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(EvidenceField, self).clean(upload, initial) for upload in uploads]


def _text(label: str, *, rows: int = 3, hint: str = "", max_length: int | None = None):
    if max_length:
        return forms.CharField(
            label=label, required=False, help_text=hint or None, max_length=max_length
        )
    return forms.CharField(
        label=label,
        required=False,
        help_text=hint or None,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class ActionFields(forms.Form):
    """The SMART parts of an action, checked as a whole."""

    description = _text(
        "What will be done",
        hint="One action: if it says “and” followed by another thing to do, make that a second "
        "action",
    )
    lead_name = _text("Lead person’s name", max_length=150)
    lead_role = _text("Lead person’s role", max_length=150, hint="For example, named nurse")
    target_date = date_field("Target date", hint="For example, 31 3 2027")
    success_measure = _text("How you will know it has worked")
    intended_outcome = _text("What it will change for children")

    ACTION_FIELDS = (
        "description",
        "lead_name",
        "lead_role",
        "target_date",
        "success_measure",
        "intended_outcome",
    )

    def add_extra_columns(self, board, values: dict | None = None) -> None:
        """A text box for each column the board added to its plans."""
        from .selectors import KNOWN_COLUMNS

        self.extra_keys = []
        for column in board.action_plan_columns:
            key = column.get("key", "")
            if key and key not in KNOWN_COLUMNS:
                name = f"extra_{key}"
                self.fields[name] = _text(column.get("label", key), rows=2)
                self.fields[name].initial = (values or {}).get(key, "")
                self.extra_keys.append(key)

    def extra(self) -> dict:
        return {
            key: (self.cleaned_data.get(f"extra_{key}") or "").strip()
            for key in getattr(self, "extra_keys", [])
        }

    def action_data(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.ACTION_FIELDS}

    def clean(self):
        data = super().clean()
        if "target_date" in self.errors:
            return data
        for name, message in smart_problems(
            **{name: data.get(name) for name in self.ACTION_FIELDS}
        ).items():
            self.add_error(name, message)
        return data


class RecommendationForm(GovForm, ActionFields):
    submit_label = "Add the recommendation"
    source = forms.ChoiceField(
        label="Where does the recommendation come from?",
        choices=Source.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where the recommendation comes from"},
    )
    agency = SafeModelChoiceField(
        label="Agency",
        queryset=Agency.objects.none(),
        required=False,
        help_text="The agency it is for; for a recommendation to several agencies, the agency "
        "that leads the first action. Leave blank for the board.",
    )
    text = _text("Recommendation", hint="What should change, in one sentence")
    theme = forms.ChoiceField(label="Theme", choices=Theme.choices, initial=Theme.OTHER)
    agreed_by_panel = forms.BooleanField(
        label="The panel has agreed it, so it goes into the overview report",
        required=False,
        help_text="The panel's own recommendations are agreed by making them",
    )
    field_order = ["source", "agency", "text", "theme", "agreed_by_panel"]

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(board=board, is_active=True)
        self.fields["agency"].empty_label = "Choose an agency"
        self.add_extra_columns(board)
        self.order_fields(self.field_order)
        self.init_helper()

    def clean(self):
        data = super().clean()
        source, agency = data.get("source"), data.get("agency")
        if not (data.get("text") or "").strip():
            self.add_error("text", "Enter the recommendation")
        elif message := one_thing(data["text"], "recommendation"):
            self.add_error("text", message)
        if source and source != Source.BOARD and agency is None:
            self.add_error(
                "agency",
                "Choose the agency that leads the first action"
                if source == Source.PANEL_MULTI
                else "Choose the agency the recommendation is for",
            )
        return data


class ActionForm(VersionedForm, ActionFields):
    submit_label = "Save the action"
    agency = SafeModelChoiceField(
        label="Agency that leads this action",
        queryset=Agency.objects.none(),
        error_messages={"required": "Choose the agency that leads this action"},
    )

    def __init__(self, *args, board, ask_agency: bool, version: str = "", extra=None, **kwargs):
        super().__init__(*args, **kwargs)
        if ask_agency:
            self.fields["agency"].queryset = Agency.objects.filter(board=board, is_active=True)
            self.fields["agency"].empty_label = "Choose an agency"
            self.order_fields(["agency"])
        else:
            del self.fields["agency"]
        self.add_extra_columns(board, extra)
        if version:
            self.add_version_field(version)
        self.init_helper()


class ProgressForm(GovForm, forms.Form):
    submit_label = "Send the update"
    on = date_field("Date of the update", required=True)
    text = forms.CharField(
        label="Progress made",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What has been done since the last update, and what is left to do",
        error_messages={"required": "Describe the progress made"},
    )
    rag = forms.ChoiceField(
        label="RAG rating",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the action's RAG rating"},
    )
    files = EvidenceField(
        label="Evidence (optional)",
        required=False,
        help_text=f"Up to {MAX_EVIDENCE_FILES} files of 10 MB each: PDF, Word, Excel, PowerPoint, "
        "OpenDocument, PNG, JPEG, text or CSV. Evidence is needed to mark the action complete.",
    )

    def __init__(self, *args, labels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rag"].choices = [
            (code, f"{row['label']}: {row['meaning'].lower()}" if row["meaning"] else row["label"])
            for code, row in labels.items()
        ]
        self.fields["files"].widget.attrs.update(
            {"accept": EVIDENCE_ACCEPT, "class": "govuk-file-upload"}
        )
        self.init_helper()

    def clean_files(self):
        uploads = self.cleaned_data.get("files") or []
        if len(uploads) > MAX_EVIDENCE_FILES:
            raise forms.ValidationError(f"Attach up to {MAX_EVIDENCE_FILES} files to one update")
        problems = [p for p in (evidence_problem(u) for u in uploads) if p]
        if problems:
            raise forms.ValidationError(problems)
        return uploads


class RagForm(GovForm, forms.Form):
    submit_label = "Set the rating"
    rag = forms.ChoiceField(
        label="RAG rating",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the RAG rating"},
    )
    note = forms.CharField(
        label="Reason",
        max_length=300,
        error_messages={"required": "Give the reason for the rating"},
    )

    def __init__(self, *args, labels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rag"].choices = [(code, row["label"]) for code, row in labels.items()]
        self.init_helper()


class AuditForm(VersionedForm, forms.Form):
    submit_label = "Save the evidence audit"
    evidence_audit = forms.CharField(
        label="Board evidence audit",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="What the board checked of the evidence, and what it found",
    )

    def __init__(self, *args, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field(version)
        self.init_helper()


class RequestForm(GovForm, forms.Form):
    submit_label = "Ask for progress"
    plans = SafeModelMultipleChoiceField(
        label="Agencies to ask",
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one agency's plan"},
    )
    due_on = date_field("Progress due by", required=True, name="The date progress is due")

    def __init__(self, *args, plans, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plans"].queryset = plans
        self.fields["plans"].label_from_instance = lambda plan: plan.owner_name
        self.init_helper()


class DocumentControlForm(VersionedForm, forms.Form):
    submit_label = "Save the document control"
    document_title = forms.CharField(label="Document title", max_length=200, required=False)
    document_version = forms.CharField(
        label="Version", max_length=30, required=False, help_text="For example, 1.2"
    )
    approved_by = forms.CharField(label="Approved by", max_length=200, required=False)
    approved_on = date_field("Date of approval")
    responsible_subgroup = forms.CharField(
        label="Sub-group responsible", max_length=200, required=False
    )
    issued_on = date_field("Date issued")
    next_review_on = date_field("Review date")
    disseminated_on = date_field("Date disseminated")

    FIELDS = (
        "document_title",
        "document_version",
        "approved_by",
        "approved_on",
        "responsible_subgroup",
        "issued_on",
        "next_review_on",
        "disseminated_on",
    )

    def __init__(self, *args, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field(version)
        self.init_helper()


class SignOffForm(GovForm, forms.Form):
    submit_label = "Sign off the plan"
    confirm = forms.BooleanField(
        label="I confirm that every action in this plan is complete, with its evidence",
        error_messages={"required": "Confirm that every action is complete"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class PlanFormatForm(GovForm, forms.Form):
    submit_label = "Save"
    document_control = forms.BooleanField(
        label="Each action plan carries a document control block (title and version, approval, "
        "the sub-group responsible, dates issued, reviewed and disseminated)",
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class ReportForm(GovForm, forms.Form):
    submit_label = "Download the report"
    on = date_field(
        "Report as at",
        required=True,
        hint="For example, the date of the board meeting",
        name="The report date",
    )
    fmt = forms.ChoiceField(
        label="Format",
        choices=[("pdf", "PDF"), ("docx", "Word (.docx)")],
        widget=forms.RadioSelect,
        initial="pdf",
        error_messages={"required": "Choose PDF or Word"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()
        self.helper.form_method = "get"


class MonitoringFilterForm(forms.Form):
    review = forms.TypedChoiceField(
        label="Review",
        required=False,
        coerce=int,
        empty_value=None,
        error_messages=not_listed("a review"),
    )
    agency = forms.ChoiceField(
        label="Agency", required=False, error_messages=not_listed("an agency")
    )
    rag = forms.ChoiceField(
        label="RAG rating", required=False, error_messages=not_listed("a rating")
    )
    theme = forms.ChoiceField(
        label="Theme",
        required=False,
        choices=[("", "Any theme"), *Theme.choices],
        error_messages=not_listed("a theme"),
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args, reviews, agencies, labels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].choices = [("", "All reviews")] + [
            (r.pk, f"{r.reference} ({r.child_code})") for r in reviews
        ]
        self.fields["agency"].choices = (
            [("", "All agencies"), ("board", "The board's own plans")]
            + [(str(a.pk), a.name) for a in agencies]
        )
        self.fields["rag"].choices = [("", "Any rating")] + [
            (code, row["label"]) for code, row in labels.items()
        ]


RAG_CODES = Rag.values
