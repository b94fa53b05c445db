import re

from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Size, Submit
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.db import models

from scr.board_rows import ROW_SPECS, RowsField
from scr.datefield import GovDateField
from scr.letters import validate_template_text
from scr.lockout import normalise_username
from scr.models import (
    Agency,
    Board,
    BoardRole,
    ContributionForm,
    Discipline,
    ReviewRole,
    ReviewRoleKind,
    User,
)
from scr.models.boards import StartEvent


class GovForm:
    """Mixin: renders in the GOV.UK pattern through crispy-forms-gds, with one submit button."""

    submit_label = "Save"

    def init_helper(self) -> None:
        for field in self.fields.values():
            # Long option texts (agency names) must not push a select past a phone's width.
            if type(field.widget) in (forms.Select, forms.SelectMultiple):
                field.widget.attrs["class"] = "govuk-!-width-full"
        self.helper = FormHelper()
        # Our own messages, in the error summary, rather than the browser's.
        self.helper.attrs = {"novalidate": ""}
        self.helper.label_size = Size.SMALL
        self.helper.legend_size = Size.SMALL
        self.helper.add_input(Submit("submit", self.submit_label))


def date_field(
    label: str, required: bool = False, hint: str = "For example, 27 3 2015", *, name: str = ""
) -> GovDateField:
    """The product's date input. ``name`` is what error messages call the date when the label
    does not read as one ("Answers are due by" -> "The date answers are due")."""
    return GovDateField(label=label, name=name, required=required, help_text=hint)


# The widest id a database column holds; anything else sent as an id is not one of the choices
# (SQLite raises OverflowError on a bigger number).
ID_PATTERN = re.compile(r"\s*-?[0-9]{1,19}\s*")
ID_RANGE = range(-(2**63), 2**63)


def _refuse_bad_ids(field: forms.ModelChoiceField, values) -> None:
    model = field.queryset.model
    key = model._meta.get_field(field.to_field_name) if field.to_field_name else model._meta.pk
    if not isinstance(key, models.IntegerField):
        return
    for value in values:
        if isinstance(value, model):
            continue
        text = str(value)
        if not ID_PATTERN.fullmatch(text) or int(text) not in ID_RANGE:
            raise forms.ValidationError(
                field.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": text if len(text) <= 24 else text[:20] + "…"},
            )


class SafeModelChoiceField(forms.ModelChoiceField):
    """One row chosen by id. A tampered id is a form error, never a database error."""

    def to_python(self, value):
        if value not in self.empty_values:
            _refuse_bad_ids(self, [value])
        return super().to_python(value)


class SafeModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Rows chosen by id. A tampered id is a form error, never a database error."""

    def _check_values(self, value):
        _refuse_bad_ids(self, value)
        return super()._check_values(value)


class SignInForm(GovForm, AuthenticationForm):
    submit_label = "Sign in"
    error_messages = {
        "invalid_login": "Enter a correct email address and password.",
        "inactive": "Enter a correct email address and password.",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"] = forms.EmailField(
            label="Email address",
            error_messages={
                "required": "Enter your email address",
                "invalid": "Enter an email address like name@example.org",
            },
            widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        )
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.init_helper()

    def clean_username(self) -> str:
        # Authentication and the lockout (AXES_USERNAME_CALLABLE) see the same form of the address.
        return normalise_username(self.cleaned_data["username"])


class ResetRequestForm(GovForm, PasswordResetForm):
    submit_label = "Send the link"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].label = "Email address"
        self.fields["email"].error_messages = {
            "required": "Enter your email address",
            "invalid": "Enter an email address like name@example.org",
        }
        self.init_helper()


class NewPasswordForm(GovForm, SetPasswordForm):
    submit_label = "Set password"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class TokenForm(GovForm, forms.Form):
    submit_label = "Continue"
    token = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6-digit code, for example 123456",
        max_length=6,
        min_length=6,
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "min_length": "The code must be 6 digits",
            "max_length": "The code must be 6 digits",
        },
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError("The code must be 6 digits")
        return token


class VersionedForm(GovForm):
    """Carries the version of the record the user started from, so a save made on top of someone
    else's newer change is refused rather than silently overwriting it."""

    def add_version_field(self, version: str) -> None:
        self.fields["version"] = forms.CharField(
            widget=forms.HiddenInput, initial=version, required=False
        )


DISCIPLINE_CHOICES = [(d.value, d.label) for d in Discipline]


class BoardForm(VersionedForm, forms.ModelForm):
    decision_quorum_required_disciplines = forms.MultipleChoiceField(
        label="Disciplines that must be present for the decision body to be quorate",
        choices=DISCIPLINE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    decision_quorum_deputy_disciplines = forms.MultipleChoiceField(
        label="Disciplines from which a deputy may chair the decision body",
        choices=DISCIPLINE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Board
        fields = [
            "name",
            "short_name",
            "decision_body_name",
            "decision_body_abbreviation",
            "review_panel_name",
            "author_group_name",
            "agency_report_name",
            "completion_months",
            "completion_starts_from",
            "ofsted_judges_months",
            "decision_meeting_interval_weeks",
            "decision_meeting_cutoff_hours",
            "decision_quorum_min_people",
            "decision_quorum_chair_required",
            "decision_quorum_deputy_disciplines",
            "decision_quorum_required_disciplines",
            "decision_quorum_dual_roles",
            "panel_min_members",
            "panel_min_agencies",
            "panel_chair_independent",
            "extension_authority",
            "extension_in_writing",
            "action_plan_monitored_by",
            "publish_after_evaluation",
            "publish_after_proceedings",
            "interview_notes_kept_years",
            "reminder_days_before",
        ]
        labels = {
            "name": "Board name",
            "short_name": "Short name",
            "decision_body_name": "Name of the body that decides whether to hold a review",
            "decision_body_abbreviation": "Its abbreviation",
            "review_panel_name": "Name of the review panel",
            "author_group_name": "Name of the group of report authors (if any)",
            "agency_report_name": "What agencies' reports are called",
            "completion_months": "Months allowed to complete a review",
            "completion_starts_from": "The completion timescale counts from",
            "ofsted_judges_months": "Months Ofsted judges timeliness against (if different)",
            "decision_meeting_interval_weeks": "Weeks between decision body meetings (if fixed)",
            "decision_meeting_cutoff_hours": (
                "Hours before a meeting after which a referral goes to the next one"
            ),
            "decision_quorum_min_people": "Fewest people for a quorate decision meeting",
            "decision_quorum_chair_required": "The decision body's chair (or a deputy) must attend",
            "decision_quorum_dual_roles": "How many people at a meeting may hold two roles",
            "panel_min_members": "Fewest members of a review panel",
            "panel_min_agencies": "Fewest agencies on a review panel",
            "panel_chair_independent": "The review panel has an independent chair",
            "extension_authority": "Who agrees an extension to the timescale",
            "extension_in_writing": "Extensions must be agreed in writing",
            "action_plan_monitored_by": "Who monitors action plans",
            "reminder_days_before": "Days before a deadline to send the first reminder",
            "publish_after_evaluation": "Publish the executive summary only after Ofsted's "
            "evaluation",
            "publish_after_proceedings": "Publish the executive summary only once related "
            "criminal proceedings end",
            "interview_notes_kept_years": "Years interview notes are kept after a review ends",
        }
        widgets = {
            "completion_starts_from": forms.RadioSelect,
        }

    def __init__(self, *args, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["completion_starts_from"].choices = StartEvent.choices
        for spec in ROW_SPECS:
            self.fields[spec.field] = RowsField(
                spec=spec, existing=getattr(self.instance, spec.field)
            )
        for name in ("completion_months",):
            self.fields[name].error_messages["required"] = "Enter the number of months"
        self.fields["name"].error_messages["required"] = "Enter the board's name"
        self.fields["short_name"].error_messages["required"] = "Enter the board's short name"
        self.add_version_field(version)
        self.init_helper()

    def clean_completion_months(self) -> int:
        months = self.cleaned_data["completion_months"]
        if not 1 <= months <= 24:
            raise forms.ValidationError("Months to complete a review must be between 1 and 24")
        return months

    def list_values(self) -> dict[str, list[dict]]:
        return {spec.field: self.cleaned_data[spec.field] for spec in ROW_SPECS}


class AgencyForm(VersionedForm, forms.ModelForm):
    submit_label = "Save agency"

    class Meta:
        model = Agency
        fields = ["name", "discipline", "is_active"]
        labels = {
            "name": "Agency name",
            "discipline": "Discipline",
            "is_active": "The agency takes part in reviews",
        }

    def __init__(self, *args, board: Board, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.board = board
        self.fields["name"].error_messages["required"] = "Enter the agency's name"
        self.fields["discipline"].error_messages["required"] = "Select the agency's discipline"
        self.add_version_field(version)
        self.init_helper()

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        clash = Agency.objects.filter(board=self.board, name__iexact=name)
        if self.instance.pk:
            clash = clash.exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError("The board already has an agency with this name")
        return name


class PersonForm(GovForm, forms.Form):
    submit_label = "Add person"
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        error_messages={"required": "Enter the person's full name"},
    )
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter the person's email address",
            "invalid": "Enter an email address like name@example.org",
        },
    )
    role = forms.ChoiceField(
        label="Role on the board",
        choices=BoardRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select the person's role"},
    )
    agency = SafeModelChoiceField(
        label="Agency (for agency staff and decision body members)",
        queryset=Agency.objects.none(),
        required=False,
    )

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = Agency.objects.filter(board=board, is_active=True)
        self.init_helper()

    def clean(self):
        data = super().clean()
        if data.get("role") == BoardRole.AGENCY_STAFF and not data.get("agency"):
            self.add_error("agency", "Select the agency this person works for")
        return data


class ReviewRoleForm(GovForm, forms.Form):
    submit_label = "Add to review"
    user = SafeModelChoiceField(
        label="Person", queryset=None, error_messages={"required": "Select a person"}
    )
    role = forms.ChoiceField(
        label="Role in this review",
        choices=ReviewRoleKind.choices,
        error_messages={"required": "Select a role"},
    )
    agency = SafeModelChoiceField(
        label="Agency they act for (authors, senior managers, referrers)",
        queryset=None,
        required=False,
    )

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        from scr.models import User

        self.fields["user"].queryset = User.objects.filter(
            memberships__board=board, is_active=True
        ).distinct()
        self.fields["agency"].queryset = Agency.objects.filter(board=board, is_active=True)
        self.init_helper()


def not_listed(what: str) -> dict[str, str]:
    """A filter's messages for a value not among its options (an edited or stale link)."""
    message = f"Select {what} from the list"
    return {"invalid_choice": message, "invalid_list": message}


class ReviewFilterForm(forms.Form):
    review_type = forms.ChoiceField(
        label="Type", required=False, error_messages=not_listed("a type of review")
    )
    stage = forms.ChoiceField(label="Stage", required=False, error_messages=not_listed("a stage"))
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Open and closed"), ("open", "Open"), ("closed", "Closed")],
        error_messages=not_listed("open or closed"),
    )

    timeliness = forms.ChoiceField(
        label="Timeliness",
        required=False,
        error_messages=not_listed("a timeliness option"),
        choices=[
            ("", "Any"),
            ("on_time", "On time"),
            ("soon", "Due within 7 days"),
            ("overdue", "Overdue"),
            ("extended", "Extended"),
        ],
    )

    def __init__(self, *args, review_types: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review_type"].choices = [("", "Any type"), *review_types]
        from scr.lifecycle import stage_choices

        self.fields["stage"].choices = [("", "Any stage"), *stage_choices()]


class ExtensionRequestForm(GovForm, forms.Form):
    submit_label = "Record the request"
    proposed_date = date_field(
        "New completion date asked for", required=True, name="The new completion date"
    )
    reasons = forms.CharField(
        label="Reasons for the extension",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Give the reasons for the extension"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class ExtensionDecisionForm(GovForm, forms.Form):
    submit_label = "Record the answer"
    agreed = forms.TypedChoiceField(
        label="Did the authority agree the extension?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the extension was agreed"},
    )
    decided_on = date_field("Date of the answer", required=True)
    letter_reference = forms.CharField(
        label="Reference or date of their letter", max_length=200, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class DeadlineForm(VersionedForm, forms.Form):
    submit_label = "Save the date"
    due_on = date_field("New date", required=True)

    def __init__(self, *args, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field(version)
        self.init_helper()


TERMS_LABELS = {
    "reason_and_key_issues": "Why the review is held, and the key issues it will address",
    "independent_author": "Independent overview author",
    "independence_and_experts": "How independence is assured, and any outside experts",
    "family_background": "Family background",
    "family_involvement": "How the family will be involved, and their consent",
    "parallel_processes": (
        "Parallel processes (criminal, coroner, domestic homicide review, health, other)"
    ),
    "other_boards": "Other boards involved",
    "media_handling": "Public and media handling",
    "legal_advice": "Legal advice",
    "family_codes": "How family members will be referred to (codes)",
}


class TermsForm(VersionedForm, forms.Form):
    submit_label = "Save the terms of reference"
    period_start = date_field("Start of the period under review")
    period_end = date_field("End of the period under review")

    def __init__(self, *args, agencies, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in TERMS_LABELS.items():
            field = forms.CharField(
                label=label, required=False, widget=forms.Textarea(attrs={"rows": 4})
            )
            if name == "independent_author":
                field = forms.CharField(label=label, required=False, max_length=200)
            self.fields[name] = field
        self.agency_fields = {}
        for agency in agencies:
            name = f"agency_{agency.pk}"
            self.fields[name] = forms.ChoiceField(
                label=f"{agency.name}: contribution",
                required=False,
                choices=ContributionForm.choices,
            )
            self.agency_fields[name] = agency
        self.add_version_field(version)
        self.init_helper()

    def contributions(self) -> dict[str, str]:
        return {
            str(agency.pk): self.cleaned_data[name]
            for name, agency in self.agency_fields.items()
            if self.cleaned_data.get(name)
        }

    def terms_fields(self) -> dict:
        names = [*TERMS_LABELS, "period_start", "period_end"]
        return {name: self.cleaned_data[name] for name in names}


class ApprovalForm(GovForm, forms.Form):
    submit_label = "Record the panel's approval"
    approved_on = date_field("Date the panel approved them", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class DeclarationForm(GovForm, forms.Form):
    submit_label = "Make the declaration"
    no_involvement = forms.BooleanField(
        label=(
            "I have had no involvement with this child or family, or in the decisions the review "
            "looks at, and I do not manage anyone who did"
        ),
        error_messages={
            "required": "Confirm your declaration, or tell the business manager "
            "why you cannot make it"
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class SetupRequestForm(GovForm, forms.Form):
    submit_label = "Ask the agencies"
    due_on = date_field("Answers are due by", required=True, name="The date answers are due")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class InvolvementForm(GovForm, forms.Form):
    submit_label = "Send the answer"
    involved = forms.TypedChoiceField(
        label="Was your agency involved with the child or family?",
        choices=[("yes", "Yes"), ("no", "No")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether your agency was involved"},
    )
    author = SafeModelChoiceField(
        label="Who will write your agency's report",
        queryset=None,
        required=False,
        help_text="Someone independent of the case and of the staff involved in it",
    )

    def __init__(self, *args, authors, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["author"].queryset = authors
        self.init_helper()


class LetterTemplateForm(VersionedForm, forms.Form):
    """A board's wording of one kind of letter, checked against that kind's placeholders."""

    submit_label = "Save the letter"
    subject = forms.CharField(
        label="Subject", max_length=200, error_messages={"required": "Enter the subject"}
    )
    body = forms.CharField(
        label="Letter",
        widget=forms.Textarea(attrs={"rows": 16}),
        error_messages={"required": "Enter the letter's text"},
    )

    def __init__(self, *args, placeholders: dict[str, str], version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.placeholders = placeholders
        self.add_version_field(version)
        self.init_helper()

    def clean_subject(self):
        validate_template_text(self.cleaned_data["subject"], self.placeholders)
        return self.cleaned_data["subject"]

    def clean_body(self):
        validate_template_text(self.cleaned_data["body"], self.placeholders)
        return self.cleaned_data["body"]


class SetupLettersForm(GovForm, forms.Form):
    submit_label = "Add the letters to the checklist"
    family_contact = forms.CharField(
        label="The family's named contact (optional)",
        required=False,
        max_length=200,
        help_text="Who the family letter is addressed to, for example Ms J Smith (mother)",
    )
    no_interview_during_proceedings = forms.BooleanField(
        label="Criminal proceedings are running: no one interviews the family until they end",
        required=False,
    )
    coroner = forms.BooleanField(label="Write to the coroner", required=False)
    coroner_name = forms.CharField(
        label="Coroner (optional)",
        required=False,
        max_length=200,
        help_text="Leave blank to address the letter to HM Coroner",
    )
    cps = forms.BooleanField(label="Write to the Crown Prosecution Service", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class LetterSentForm(GovForm, forms.Form):
    submit_label = "Mark as sent"
    sent_on = date_field("Date sent", required=True)
    method = forms.CharField(
        label="How it was sent",
        max_length=100,
        help_text="For example first class post, secure email or by hand",
        error_messages={"required": "Say how the letter was sent"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class MeetingTimeForm(GovForm, forms.Form):
    """When and where a meeting is held; the start is an aware datetime in London time."""

    date = date_field("Date", required=True, hint="For example, 14 1 2027", name="The date")
    time = forms.TimeField(
        label="Start time (24 hour)",
        help_text="For example, 14:30",
        error_messages={"required": "Enter the start time", "invalid": "Enter a time like 14:30"},
    )
    place = forms.CharField(label="Where (optional)", max_length=200, required=False)

    def starts_at(self):
        from datetime import datetime

        from django.utils import timezone

        return timezone.make_aware(
            datetime.combine(self.cleaned_data["date"], self.cleaned_data["time"])
        )


class PanelMeetingForm(MeetingTimeForm):
    submit_label = "Add the meeting"
    field_order = ["purpose", "date", "time", "place"]
    purpose = forms.CharField(
        label="What the meeting is for",
        max_length=200,
        help_text="For example, consider the agency reports",
        error_messages={"required": "Say what the meeting is for"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class PanelAttendanceForm(VersionedForm, forms.Form):
    submit_label = "Save attendance"
    present = SafeModelMultipleChoiceField(
        label="Who attended",
        queryset=ReviewRole.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, roles, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].queryset = roles
        self.fields["present"].label_from_instance = lambda r: (
            f"{r.user.full_name}, {r.get_role_display().lower()}"
            + (f" ({r.agency.name})" if r.agency_id else "")
        )
        self.add_version_field(version)
        self.init_helper()


class MinutesForm(VersionedForm, forms.Form):
    submit_label = "Save the minutes"
    minutes = forms.CharField(
        label="Minutes",
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="Refer to people by their codes, not their names",
    )

    def __init__(self, *args, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field(version)
        self.init_helper()


class ActionPointForm(GovForm, forms.Form):
    submit_label = "Add the action"
    description = forms.CharField(
        label="Action",
        max_length=300,
        error_messages={"required": "Say what needs to be done"},
    )
    owner = SafeModelChoiceField(
        label="Who will do it",
        queryset=User.objects.none(),
        error_messages={"required": "Choose who will do it"},
    )
    due_on = date_field("Due by", required=True, name="The due date")

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
        self.init_helper()


class EventRecordForm(GovForm, forms.Form):
    """When something that happened outside the product happened (blank means today)."""

    submit_label = "Record it"
    on = date_field(
        "When did it happen?", hint="For example, 27 3 2026. Leave it blank if it was today."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class MilestoneDoneForm(VersionedForm, forms.Form):
    submit_label = "Mark as done"
    on = date_field(
        "When was it done?", hint="For example, 27 3 2026. Leave it blank if it was today."
    )

    def __init__(self, *args, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field(version)
        self.init_helper()


class MilestoneUndoForm(VersionedForm, forms.Form):
    """The confirmation of an undo: the version the manager saw done."""

    submit_label = "Undo"

    def __init__(self, *args, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field(version)
        self.init_helper()
