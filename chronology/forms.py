from datetime import time

from django import forms

from scr.datefield import IsoDateField
from scr.forms import (
    GovForm,
    SafeModelChoiceField,
    SafeModelMultipleChoiceField,
    VersionedForm,
    date_field,
    not_listed,
)

from .fuzzydates import DateNotUnderstood, read_time
from .models import (
    AnnotationKind,
    ChildSeen,
    ContactType,
    DatePrecision,
    PersonKind,
    RelationshipKind,
    ReviewPerson,
    Sex,
)


class PersonForm(VersionedForm, forms.Form):
    submit_label = "Save the person"
    kind = forms.ChoiceField(
        label="Who they are", choices=PersonKind.choices, widget=forms.RadioSelect
    )
    code = forms.CharField(
        label="Code",
        max_length=40,
        help_text="How documents leaving the panel name them, for example Child A, Parent 1, SW1",
        error_messages={"required": "Enter a code"},
    )
    name = forms.CharField(
        label="Full name", max_length=200, error_messages={"required": "Enter the full name"}
    )
    relationship = forms.CharField(
        label="Relationship to the child or role (optional)", max_length=100, required=False
    )
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect)
    born_on = date_field("Date of birth (optional)")
    died_on = date_field("Date of death (optional)")
    ethnicity = forms.CharField(label="Ethnicity (optional)", max_length=100, required=False)
    in_household = forms.BooleanField(label="Lives in the child's household", required=False)
    is_subject = forms.BooleanField(label="This is the child the review is about", required=False)
    twin_group = forms.CharField(
        label="Twin group (optional)",
        max_length=20,
        required=False,
        help_text="Give twins the same word, for example T1",
    )

    def __init__(self, *args, version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.add_version_field(version)
        self.init_helper()


class RelationshipForm(GovForm, forms.Form):
    submit_label = "Add the relationship"
    a = SafeModelChoiceField(
        label="Person",
        queryset=ReviewPerson.objects.none(),
        error_messages={"required": "Choose a person"},
    )
    kind = forms.ChoiceField(label="Relationship", choices=RelationshipKind.choices)
    b = SafeModelChoiceField(
        label="To",
        queryset=ReviewPerson.objects.none(),
        error_messages={"required": "Choose the other person"},
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["a"].queryset = people
        self.fields["b"].queryset = people
        self.init_helper()


class EntryForm(VersionedForm, forms.Form):
    submit_label = "Save the row"
    occurred_precision = forms.ChoiceField(
        label="How exact is the date",
        choices=DatePrecision.choices,
        initial=DatePrecision.EXACT,
        widget=forms.RadioSelect,
    )
    occurred_on = date_field(
        "Date it happened",
        hint="For a month only, enter any day of it; for an approximate date, the nearest you know",
    )
    occurred_text = forms.CharField(
        label="The date as the record gives it (optional)",
        max_length=60,
        required=False,
        help_text="For example, June 2004 approx",
    )
    time = forms.CharField(
        label="Time, 24 hour (optional)",
        max_length=30,
        required=False,
        help_text='For example, 14:30 or 2.30pm; "am" or "pm" if the record gives only that',
    )
    learned_on = date_field("Date your agency learned of it (optional)")
    people = SafeModelMultipleChoiceField(
        label="Family members concerned",
        queryset=ReviewPerson.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    contact_type = forms.ChoiceField(
        label="Kind of contact (optional)",
        choices=[("", "Not said"), *ContactType.choices],
        required=False,
    )
    event = forms.CharField(
        label="What happened",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Say what happened"},
    )
    present = forms.CharField(label="Who was present (optional)", max_length=300, required=False)
    source = forms.CharField(
        label="Source of the information (optional)", max_length=300, required=False
    )
    action = forms.CharField(
        label="Action taken (optional)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    child_seen = forms.ChoiceField(
        label="Was the child seen?", choices=[("", "Not said"), *ChildSeen.choices], required=False
    )
    views_wishes = forms.CharField(
        label="The child's views and wishes (optional)",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    staff = SafeModelMultipleChoiceField(
        label="Staff involved",
        queryset=ReviewPerson.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    comment = forms.CharField(
        label="Comment (optional)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    good_practice = forms.BooleanField(label="Good practice", required=False)
    concern = forms.BooleanField(label="Concern", required=False)

    # The board's column keys and the fields that hold them.
    COLUMN_FIELDS = {
        "date": "occurred_on",
        "family_members": "people",
        "event": "event",
        "source": "source",
        "action": "action",
        "staff": "staff",
        "comment": "comment",
        "note": "comment",
    }

    def __init__(self, *args, family, staff, columns=(), version: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        # Label the fields in the board's own words, so the form reads like its template.
        for column in columns:
            name = self.COLUMN_FIELDS.get(column["key"])
            if name:
                optional = " (optional)" if not self.fields[name].required else ""
                self.fields[name].label = column["label"] + optional
        keys = {column["key"] for column in columns}
        if {"contact_child", "contact_family", "communication"} & keys:
            self.fields["contact_type"].label = "Which column it belongs in"
        self.fields["people"].queryset = family
        self.fields["staff"].queryset = staff
        if not family.exists():
            del self.fields["people"]
        if not staff.exists():
            del self.fields["staff"]
        if isinstance(self.initial.get("time"), time):
            self.initial["time"] = f"{self.initial['time']:%H:%M}"
        self.add_version_field(version)
        self.init_helper()

    def clean_time(self) -> str:
        """Checked here, read by entry_save: "14.30", "2pm", "pm" and "about 2pm" all do."""
        text = self.cleaned_data["time"].strip()
        try:
            read_time(text)
        except DateNotUnderstood as error:
            raise forms.ValidationError(str(error)) from None
        return text

    def clean(self):
        data = super().clean()
        if data.get("occurred_precision") != DatePrecision.UNKNOWN and not data.get("occurred_on"):
            if "occurred_on" not in self.errors:
                self.add_error("occurred_on", "Enter the date it happened, or choose Not known")
        return data


class UploadForm(GovForm, forms.Form):
    submit_label = "Upload and preview"
    file = forms.FileField(
        label="Chronology file",
        help_text="An Excel (.xlsx), Word (.docx) or CSV file of up to 10 MB",
        error_messages={"required": "Choose a file to upload"},
    )
    table = forms.IntegerField(
        label="Which table in a Word document (optional)",
        min_value=1,
        max_value=50,
        required=False,
        help_text="Leave blank for the first table",
        error_messages={
            "min_value": "Enter a table number from 1",
            "invalid": "Enter a whole number",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


class AnnotationForm(GovForm, forms.Form):
    submit_label = "Add the note"
    kind = forms.ChoiceField(
        label="Kind of note",
        choices=AnnotationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of note"},
    )
    note = forms.CharField(
        label="Note (optional)", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.init_helper()


GAP_DAYS = "Enter the gap as a whole number of days from 1 to 3650"


class FilterForm(forms.Form):
    agency = forms.MultipleChoiceField(
        label="Agency",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=not_listed("agencies"),
    )
    person = forms.ChoiceField(
        label="Family member or staff",
        required=False,
        error_messages=not_listed("a family member or member of staff"),
    )
    child_seen = forms.MultipleChoiceField(
        label="Child seen",
        choices=ChildSeen.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=not_listed("whether the child was seen"),
    )
    flags = forms.MultipleChoiceField(
        label="Flags",
        choices=[("good_practice", "Good practice"), ("concern", "Concern")],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=not_listed("flags"),
    )
    start = IsoDateField(
        label="From",
        name="The start date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = IsoDateField(
        label="To",
        name="The end date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    gap = forms.IntegerField(
        label="Show gaps longer than (days)",
        min_value=1,
        max_value=3650,
        required=False,
        error_messages={"invalid": GAP_DAYS, "min_value": GAP_DAYS, "max_value": GAP_DAYS},
    )

    def __init__(self, *args, agencies, codes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].choices = [(str(pk), name) for pk, name in agencies]
        self.fields["person"].choices = [("", "Anyone"), *((c, c) for c in codes)]

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", "The end date must be the same as or after the start date")
        return data
