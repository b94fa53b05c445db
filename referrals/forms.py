from crispy_forms_gds.layout import Fieldset, Layout, Submit
from django import forms
from django.utils import timezone

from scr.forms import (
    GovForm,
    LetterSentForm,
    MeetingTimeForm,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
    VersionedForm,
    date_field,
)
from scr.models import Agency, Board, BoardMembership, BoardRole, User

from .models import Referral

YES_NO = [("yes", "Yes"), ("no", "No")]

SECTIONS = [
    (
        "The child",
        [
            "child_name",
            "child_date_of_birth",
            "child_address",
            "child_ethnicity",
            "child_faith",
            "child_disability",
            "child_protection_plan",
            "open_to_social_care",
            "lead_practitioner",
        ],
    ),
    (
        "The death or incident",
        ["incident_date", "incident_place", "child_died", "date_of_death", "carer_at_time"],
    ),
    (
        "Other processes",
        [
            "criminal_investigation",
            "criminal_investigation_lead",
            "coroner_inquiry",
            "coroner_contact",
            "adult_safeguarding_concerns",
        ],
    ),
    ("Agencies", ["agencies_involved", "safeguarding_lead_consulted"]),
    ("What happened", ["circumstances", "incident_summary", "reason_for_referral", "key_events"]),
]


class ReferralForm(VersionedForm, forms.ModelForm):
    child_date_of_birth = date_field("Date of birth")
    incident_date = date_field("Date of the death or incident")
    date_of_death = date_field("Date of death (if the child died)")

    class Meta:
        model = Referral
        fields = [name for _, names in SECTIONS for name in names]
        labels = {
            "child_name": "Child's full name",
            "child_address": "Address",
            "child_ethnicity": "Ethnicity",
            "child_faith": "Faith",
            "child_disability": "Disability (if any)",
            "child_protection_plan": "Has the child had a child protection plan?",
            "open_to_social_care": "The child was open to children's social care",
            "lead_practitioner": "Lead practitioner (if open to social care)",
            "incident_place": "Where it happened",
            "child_died": "The child died",
            "carer_at_time": "Who was caring for the child at the time",
            "criminal_investigation": "There is a criminal investigation",
            "criminal_investigation_lead": "Who leads the criminal investigation",
            "coroner_inquiry": "There is a coroner's inquiry",
            "coroner_contact": "Coroner's officer or contact",
            "adult_safeguarding_concerns": "Adult safeguarding concerns (if any)",
            "agencies_involved": "Agencies known to be involved with the child or family",
            "safeguarding_lead_consulted": "Designated safeguarding lead you consulted",
            "circumstances": "The circumstances",
            "incident_summary": "The incident",
            "reason_for_referral": "Why you are referring the case",
            "key_events": "Key events, with dates",
        }
        field_classes = {"agencies_involved": SafeModelMultipleChoiceField}
        widgets = {
            "child_protection_plan": forms.RadioSelect,
            "agencies_involved": forms.CheckboxSelectMultiple,
            "child_address": forms.Textarea(attrs={"rows": 3}),
            "adult_safeguarding_concerns": forms.Textarea(attrs={"rows": 3}),
            "circumstances": forms.Textarea(attrs={"rows": 6}),
            "incident_summary": forms.Textarea(attrs={"rows": 6}),
            "reason_for_referral": forms.Textarea(attrs={"rows": 4}),
            "key_events": forms.Textarea(attrs={"rows": 6}),
        }

    def __init__(self, *args, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agencies_involved"].queryset = Agency.objects.filter(
            board=self.instance.board, is_active=True
        )
        self.fields["agencies_involved"].required = False
        self.add_version_field(version)
        self.init_helper()
        self.helper.inputs = []
        self.helper.layout = Layout(
            *[Fieldset(*names, legend=title, legend_size="m") for title, names in SECTIONS],
            "version",
        )
        # Enter in a text box presses the first button: that must be the safe one.
        self.helper.add_input(
            Submit("save_draft", "Save as draft", css_class="govuk-button--secondary")
        )
        self.helper.add_input(Submit("submit_referral", "Submit referral"))


class FamilyMemberForm(GovForm, forms.Form):
    submit_label = "Add family member"
    name = forms.CharField(
        label="Name", max_length=150, error_messages={"required": "Enter the family member's name"}
    )
    relationship = forms.CharField(
        label="Relationship to the child",
        max_length=100,
        error_messages={"required": "Enter their relationship to the child"},
    )
    date_of_birth = date_field("Date of birth (if known)")
    legal_status = forms.CharField(
        label="Legal status (for example, parental responsibility)", max_length=150, required=False
    )
    ethnicity = forms.CharField(label="Ethnicity", max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class RequestsForm(GovForm, forms.Form):
    submit_label = "Send the requests"
    due_on = date_field(
        "Answers are due by",
        required=True,
        hint="For example, 4 12 2026",
        name="The date answers are due",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class AnswerForm(GovForm, forms.Form):
    submit_label = "Send the answer"
    records_secured = forms.BooleanField(
        label="Our agency has secured its records about the child and family",
        required=True,
        error_messages={"required": "Confirm that your agency has secured its records"},
    )
    knew_family = forms.TypedChoiceField(
        label="Did your agency know the child or family?",
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether your agency knew the child or family"},
    )
    summary = forms.CharField(
        label="Summary of your agency's involvement",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    involvement = forms.CharField(
        label="Dates of contact",
        required=False,
        help_text="One a line, for example: 3 March 2026 – health visitor home visit",
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class MeetingForm(MeetingTimeForm):
    submit_label = "Schedule"
    is_extra = forms.BooleanField(
        label="This is an extra meeting called for an urgent referral", required=False
    )
    count = forms.IntegerField(
        label="How many meetings to schedule at the board's interval",
        min_value=1,
        max_value=12,
        initial=1,
        error_messages={
            "required": "Enter how many meetings",
            "min_value": "Schedule at least 1 meeting",
            "max_value": "Schedule at most 12 meetings at once",
            "invalid": "Enter a whole number",
        },
    )

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        if not board.decision_meeting_interval_weeks:
            del self.fields["count"]
        else:
            self.fields[
                "count"
            ].help_text = f"Meetings are every {board.decision_meeting_interval_weeks} weeks"
        self.init_helper()


class AgendaForm(GovForm, forms.Form):
    submit_label = "Add to the agenda"
    referral = SafeModelChoiceField(
        label="Referral",
        queryset=Referral.objects.none(),
        error_messages={"required": "Choose a referral"},
    )

    def __init__(self, *args, referrals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["referral"].queryset = referrals
        self.fields["referral"].label_from_instance = lambda r: (
            f"{r.reference} (received {timezone.localtime(r.submitted_at):%d %b %Y %H:%M})"
        )
        self.init_helper()


class AttendanceForm(GovForm, forms.Form):
    submit_label = "Save attendance"
    attendees = SafeModelMultipleChoiceField(
        label="Who attended",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select everyone who attended"},
    )
    chair = SafeModelChoiceField(
        label="Who chaired the meeting", queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        members = (
            User.objects.filter(
                memberships__board=board,
                is_active=True,
                memberships__role__in=[
                    BoardRole.DECISION_MEMBER,
                    BoardRole.DECISION_CHAIR,
                    BoardRole.BUSINESS_MANAGER,
                    BoardRole.BOARD_CHAIR,
                ],
            )
            .distinct()
            .order_by("full_name")
        )
        agencies = dict(
            BoardMembership.objects.filter(board=board, agency__isnull=False).values_list(
                "user_id", "agency__name"
            )
        )
        self.fields["attendees"].queryset = members
        self.fields["attendees"].label_from_instance = lambda u: (
            f"{u.full_name}" + (f" ({agencies[u.pk]})" if u.pk in agencies else "")
        )
        self.fields["chair"].queryset = members
        self.init_helper()


class OptionForm(GovForm, forms.Form):
    submit_label = "Save"
    option = forms.ChoiceField(
        label="Outcome", widget=forms.RadioSelect, error_messages={"required": "Choose an outcome"}
    )
    reasons = forms.CharField(
        label="Reasons",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Give your reasons"},
    )

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = [(o["code"], o["label"]) for o in board.decision_options]
        self.init_helper()


WHEN_HINT = "Leave it blank if it was today. For example, 27 3 2026"


class RecommendationForm(OptionForm):
    submit_label = "Record the recommendation"
    made_on = date_field("Date the recommendation was made", hint=WHEN_HINT)
    alternative = forms.ChoiceField(
        label="If the threshold is not met: the alternative considered", required=False
    )
    alternative_reasons = forms.CharField(
        label="Reason for the alternative",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, board=board, **kwargs)
        self.fields["alternative"].choices = [("", "Choose an alternative")] + [
            (o["code"], o["label"])
            for o in board.decision_options
            if o["outcome"] in ("alternative", "no_further_action")
        ]
        self.init_helper()


class DecisionForm(OptionForm):
    submit_label = "Record the decision"
    agrees = forms.TypedChoiceField(
        label="Do you agree with the recommendation?",
        choices=YES_NO,
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you agree with the recommendation"},
    )
    peer_challenge = forms.CharField(
        label="Peer challenge from another board's chair (if any)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    terms_of_reference_issues = forms.CharField(
        label="Issues for the terms of reference",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    decided_on = date_field("Date of your decision", hint=WHEN_HINT)
    field_order = [
        "agrees",
        "option",
        "reasons",
        "peer_challenge",
        "terms_of_reference_issues",
        "decided_on",
    ]

    def __init__(self, *args, board: Board, **kwargs):
        super().__init__(*args, board=board, **kwargs)
        self.fields["option"].required = False
        self.fields["option"].label = "If you disagree: your decision"
        self.fields["option"].choices = [
            (o["code"], o["label"])
            for o in board.decision_options
            if o["outcome"] != "more_information"
        ]
        self.order_fields(self.field_order)
        self.init_helper()

    def clean(self):
        data = super().clean()
        if data.get("agrees") is False and not data.get("option"):
            self.add_error("option", "Choose your decision")
        return data


class NotificationForm(LetterSentForm):
    pass
