from django import forms

from actionplans.forms import ActionFields, _text
from actionplans.smart import one_thing
from scr.forms import GovForm, date_field

from .models import Agreement, ConsultationKind, Grade, Overall
from .rules import EVALUATION_CHECKLIST, STANDARDS_GRID


class SectionForm(GovForm, forms.Form):
    """One section's text (no length limit here: the service says when it is too long, and the
    text stays in the box)."""

    submit_label = "Save the section"
    text = forms.CharField(
        label="Text",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "true"}),
        help_text="Use # for a heading, - for a bullet, 1. for a numbered list, *emphasis* and "
        "**bold**. A table is lines of cells between | bars, with a line of | --- | under the "
        "heading row.",
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    answers = forms.TypedMultipleChoiceField(
        label="Which key issues from the terms of reference does this section answer?",
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, items, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["answers"].choices = [(i.number, f"{i.number}. {i.text}") for i in items]
        if not items:
            del self.fields["answers"]
        self.init_helper()
        # The page wraps the form, to add a second button and the autosave hooks.
        self.helper.form_tag = False


class ConsultationForm(GovForm, forms.Form):
    submit_label = "Add to the methodology"
    kind = forms.ChoiceField(
        label="What is it?",
        choices=ConsultationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what kind of line this is"},
    )
    description = forms.CharField(
        label="Document, person or information",
        max_length=300,
        error_messages={"required": "Say what was seen, who was consulted, or what was missing"},
    )
    role = forms.CharField(label="Their role (optional)", max_length=200, required=False)
    agency_name = forms.CharField(label="Their agency (optional)", max_length=200, required=False)
    nature = forms.CharField(
        label="Nature of the contact (optional)",
        max_length=200,
        required=False,
        help_text="For example, interview, telephone call, written account",
    )
    dates = forms.CharField(label="Dates (optional)", max_length=100, required=False)
    reason = _text("Why it was not available, or why they were not interviewed", rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class InterviewForm(GovForm, forms.Form):
    submit_label = "Add the interview"
    role = forms.CharField(
        label="Role of the person interviewed",
        max_length=200,
        error_messages={"required": "Enter the role of the person interviewed"},
    )
    qualifications = forms.CharField(label="Qualifications", max_length=300, required=False)
    time_in_post = forms.CharField(label="Time in post", max_length=100, required=False)
    interviewed_on = date_field("Date of the interview")
    involvement = _text("Their involvement with the family")
    matters = _text("Matters covered")
    summary = forms.CharField(
        label="Summary of the interview",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Enter a summary of the interview"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class AgreementForm(GovForm, forms.Form):
    submit_label = "Save"
    agreement = forms.ChoiceField(
        label="Does the interviewee agree with the record?",
        choices=Agreement.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether the interviewee agrees"},
    )
    agreement_on = date_field("Date they said so")
    disagreement = _text("What they disagree with (if they do)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class ReportRecommendationForm(GovForm, ActionFields):
    submit_label = "Add the recommendation"
    text = _text("Recommendation", hint="What should change in the agency, in one sentence")
    field_order = ["text"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.order_fields(["text", *self.ACTION_FIELDS])
        self.init_helper()

    def clean(self):
        data = super().clean()
        if not (data.get("text") or "").strip():
            self.add_error("text", "Enter the recommendation")
        elif message := one_thing(data["text"], "recommendation"):
            self.add_error("text", message)
        return data


class ChecklistFields(forms.Form):
    checklist = forms.MultipleChoiceField(
        label="Quality assurance checklist: tick each point the report meets",
        choices=EVALUATION_CHECKLIST,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comments = _text("Comments for the author", rows=5)


class ManagerReviewForm(GovForm, forms.Form):
    submit_label = "Return the report to the author"
    comments = _text("Comments for the author", rows=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class SignOffForm(GovForm, ChecklistFields):
    submit_label = "Sign the report off and send it to the board"
    signed_name = forms.CharField(label="Your name", max_length=200, required=False)
    signed_title = forms.CharField(
        label="Your job title",
        max_length=200,
        required=False,
        help_text="Sign-off is at chief officer level",
    )
    signed_on = date_field("Date of sign-off")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comments"].label = "Comments (optional)"
        self.init_helper()


GRADE_CHOICES = [(g.value, g.label) for g in Grade]


class GradeForm(GovForm, forms.Form):
    submit_label = "Save the grading"
    overall = forms.ChoiceField(
        label="Overall, is the report adequate?",
        choices=Overall.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the report is adequate overall"},
    )
    comments = _text("Comments", rows=5)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        grid = {}
        for key, label in STANDARDS_GRID:
            grid[f"item_{key}"] = forms.ChoiceField(
                label=label,
                choices=GRADE_CHOICES,
                widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}),
                error_messages={"required": f"Grade “{label}”"},
            )
        self.fields = {**grid, **self.fields}
        self.init_helper()

    def items(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(f"item_{key}") for key, _ in STANDARDS_GRID}


class ReturnForm(GovForm, forms.Form):
    submit_label = "Return the report for revision"
    guidance = forms.CharField(
        label="Guidance for the author",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Say what the author needs to do"},
    )
    due_on = date_field("Date the revised report is due", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class ReceivedForm(GovForm, forms.Form):
    submit_label = "Record the signed copy"
    received_on = date_field("Date the signed copy arrived", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()
