from django import forms

from scr.forms import GovForm, date_field
from scr.models.learning import EventKind
from scr.models.overview import EVALUATION_AREAS, EvaluationGrade, Proceedings

TEXT_HINT = (
    "Use # for a heading, - for a bullet, 1. for a numbered list, *emphasis* and **bold**. A table "
    "is lines of cells between | bars, with a line of | --- | under the heading row."
)


class DraftForm(GovForm, forms.Form):
    submit_label = "Save the section"
    text = forms.CharField(
        label="Text",
        required=False,
        strip=False,
        help_text=TEXT_HINT,
        widget=forms.Textarea(attrs={"rows": 20, "spellcheck": "true"}),
    )
    revision = forms.IntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, recommendations: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if recommendations:
            self.submit_label = "Save the summary"
            self.fields["text"].label = "Summary"
            self.fields["recommendations"] = forms.CharField(
                label="Multi-agency recommendations",
                required=False,
                strip=False,
                widget=forms.Textarea(attrs={"rows": 8}),
            )
        self.init_helper()
        self.helper.form_tag = False


class CommentForm(GovForm, forms.Form):
    submit_label = "Add the comment"
    text = forms.CharField(
        label="Your comment",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter your comment"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class AcceptForm(GovForm, forms.Form):
    submit_label = "Record the board's acceptance"
    accepted_on = date_field("Date of the board meeting", required=True)
    accepted_at = forms.CharField(
        label="The meeting",
        max_length=200,
        help_text="For example, board meeting of 12 March",
        error_messages={"required": "Enter the meeting that accepted it"},
    )
    amendments = forms.CharField(
        label="Amendments the board asked for (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["accepted_on"].error_messages["required"] = (
            "Enter the date of the board meeting"
        )
        self.init_helper()


class DateForm(GovForm, forms.Form):
    on = date_field("Date", required=True)

    def __init__(self, *args, label: str, submit: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.submit_label = submit
        self.fields["on"].label = label
        self.fields["on"].error_messages["required"] = f"Enter the {label.lower()}"
        self.init_helper()


class SharedForm(GovForm, forms.Form):
    submit_label = "Record that the family has seen it"
    shared_on = date_field("Date the family was shown the summary", required=True)
    shared_by = forms.CharField(
        label="Who shared it with them",
        max_length=200,
        error_messages={"required": "Enter who shared it with the family"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shared_on"].error_messages["required"] = (
            "Enter the date the family was shown the summary"
        )
        self.init_helper()


class ProceedingsForm(GovForm, forms.Form):
    submit_label = "Save"
    proceedings = forms.ChoiceField(
        label="Criminal proceedings", choices=Proceedings.choices, widget=forms.RadioSelect
    )
    ended_on = date_field("Date they ended (if they have)")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class SentForm(GovForm, forms.Form):
    submit_label = "Record the sending"
    recipient = forms.CharField(
        label="Sent to",
        max_length=200,
        help_text="For example, Ofsted",
        error_messages={"required": "Enter who the bundle went to"},
    )
    sent_on = date_field("Date sent", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sent_on"].error_messages["required"] = "Enter the date it was sent"
        self.init_helper()


GRADES = [(g.value, g.label) for g in EvaluationGrade]


class EvaluationForm(GovForm, forms.Form):
    submit_label = "Save the evaluation"
    received_on = date_field("Date the evaluation arrived", required=True)
    overall = forms.ChoiceField(
        label="Overall grade",
        choices=GRADES,
        widget=forms.RadioSelect,
        error_messages={"required": "Give the overall grade"},
    )
    letter_reference = forms.CharField(
        label="Reference of Ofsted's letter (optional)", max_length=200, required=False
    )
    letter_text = forms.CharField(
        label="What the letter says (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        areas = {
            f"area_{key}": forms.ChoiceField(
                label=label,
                choices=GRADES,
                widget=forms.RadioSelect,
                error_messages={"required": f"Grade “{label}”"},
            )
            for key, label in EVALUATION_AREAS
        }
        self.fields["received_on"].error_messages["required"] = (
            "Enter the date the evaluation arrived"
        )
        self.fields = {"received_on": self.fields.pop("received_on"), **areas, **self.fields}
        self.init_helper()

    def grades(self) -> dict:
        return {key: self.cleaned_data.get(f"area_{key}") for key, _ in EVALUATION_AREAS}


class HoldForm(GovForm, forms.Form):
    submit_label = "Place a legal hold"
    reason = forms.CharField(
        label="Why the records must be kept",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say why the records must be kept"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class LessonForm(GovForm, forms.Form):
    submit_label = "Add the lesson"
    text = forms.CharField(
        label="Lesson",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the lesson"},
    )
    themes = forms.MultipleChoiceField(
        label="Themes",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one theme"},
    )

    def __init__(self, *args, board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = [(t, t) for t in board.learning_themes]
        self.init_helper()


class DebriefForm(GovForm, forms.Form):
    submit_label = "Add the event"
    kind = forms.ChoiceField(
        label="Kind of event",
        choices=EventKind.choices,
        initial=EventKind.DEBRIEF,
        widget=forms.RadioSelect,
    )
    title = forms.CharField(
        label="Event",
        max_length=200,
        help_text="For example, practitioners' debrief",
        error_messages={"required": "Enter what the event is"},
    )
    held_on = date_field("Date of the event", required=True)
    invited = forms.CharField(
        label="Who was invited",
        help_text="One person or group a line",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter who was invited, one a line"},
    )
    notes = forms.CharField(
        label="Notes (optional)", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].error_messages["required"] = "Enter the date of the event"
        self.init_helper()


class ThemesForm(GovForm, forms.Form):
    submit_label = "Save the themes"
    themes = forms.CharField(
        label="Learning themes",
        help_text="One theme a line",
        widget=forms.Textarea(attrs={"rows": 12}),
        error_messages={"required": "Enter at least one theme"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class CommissioningForm(GovForm, forms.Form):
    submit_label = "Save"
    commissioned_by = forms.CharField(
        label="Board that commissioned the review (leave blank if it is this board's own)",
        max_length=200,
        required=False,
    )
    reference = forms.CharField(label="Their reference (optional)", max_length=60, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class SendOnForm(GovForm, forms.Form):
    submit_label = "Record what was sent"
    documents = forms.MultipleChoiceField(
        label="Documents sent",
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose the documents that were sent"},
    )
    sent_to = forms.CharField(
        label="Sent to",
        max_length=200,
        error_messages={"required": "Enter who they were sent to"},
    )
    sent_on = date_field("Date sent", required=True)

    def __init__(self, *args, documents: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].choices = [(d, d) for d in documents]
        self.fields["sent_on"].error_messages["required"] = "Enter the date they were sent"
        self.init_helper()
