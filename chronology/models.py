"""Chronologies: the review's people and their codes, each agency's chronology in one canonical
shape whatever the board's layout, the submissions the panel sees, and the panel's notes."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from scr.models import Agency, Review
from scr.models.scoping import BoardScopedQuerySet


class ReviewScoped(BoardScopedQuerySet):
    board_field = "review__board"


class PersonKind(models.TextChoices):
    FAMILY = "family", "Family member or significant other"
    STAFF = "staff", "Member of staff"


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    UNKNOWN = "unknown", "Not known"


class ReviewPerson(models.Model):
    """Someone the review is about or who worked with the family. Everything that leaves the
    panel names them by ``code`` only; the key of codes to names stays inside the panel."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="people")
    kind = models.CharField(max_length=10, choices=PersonKind.choices, default=PersonKind.FAMILY)
    code = models.CharField(max_length=40)
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=100, blank=True)
    sex = models.CharField(max_length=10, choices=Sex.choices, default=Sex.UNKNOWN)
    born_on = models.DateField(null=True, blank=True)
    died_on = models.DateField(null=True, blank=True)
    ethnicity = models.CharField(max_length=100, blank=True)
    in_household = models.BooleanField(default=False)
    is_subject = models.BooleanField(default=False)
    twin_group = models.CharField(max_length=20, blank=True)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True)
    role = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    class Meta:
        ordering = ["kind", "code"]
        constraints = [
            models.UniqueConstraint(fields=["review", "code"], name="one_code_per_review_person")
        ]

    def __str__(self) -> str:
        return self.code


class RelationshipKind(models.TextChoices):
    PARENT = "parent", "Parent of"
    MARRIED = "married", "Married to"
    ENDURING = "enduring", "In an enduring relationship with"
    TRANSITORY = "transitory", "In a transitory relationship with"
    SEPARATED = "separated", "Separated from"
    DIVORCED = "divorced", "Divorced from"


class Relationship(models.Model):
    """``a`` is the parent of ``b``, or ``a`` and ``b`` are (or were) partners."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="relationships")
    a = models.ForeignKey(ReviewPerson, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=12, choices=RelationshipKind.choices)
    b = models.ForeignKey(ReviewPerson, on_delete=models.CASCADE, related_name="+")
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["a", "kind", "b"], name="relationship_once"),
            models.CheckConstraint(condition=~models.Q(a=models.F("b")), name="not_own_relation"),
        ]

    def __str__(self) -> str:
        return f"{self.a} {self.get_kind_display().lower()} {self.b}"


class ChronologyStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    REVISING = "revising", "Being revised"


class AgencyChronology(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="chronologies")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=10, choices=ChronologyStatus.choices, default=ChronologyStatus.DRAFT
    )
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "agency"], name="one_chronology_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency} chronology for {self.review}"


class ChildSeen(models.TextChoices):
    YES = "yes", "Yes"
    ALONE = "alone", "Yes, seen alone"
    NO = "no", "No"
    NOT_KNOWN = "not_known", "Not known"
    NOT_INDICATED = "not_indicated", "Not indicated"


class ContactType(models.TextChoices):
    CHILD = "child", "Contact with the child"
    FAMILY = "family", "Contact with parents, carers or family"
    COMMUNICATION = "communication", "Communication between or within agencies"


class DatePrecision(models.TextChoices):
    EXACT = "exact", "Exact date"
    MONTH = "month", "Month only"
    YEAR = "year", "Year only"
    APPROX = "approx", "Approximate"
    UNKNOWN = "unknown", "Not known"


class EntryQuerySet(BoardScopedQuerySet):
    board_field = "chronology__review__board"


class ChronologyEntry(models.Model):
    """One contact or event, in the canonical shape every board's layout maps onto."""

    chronology = models.ForeignKey(
        AgencyChronology, on_delete=models.CASCADE, related_name="entries"
    )
    occurred_precision = models.CharField(
        max_length=10, choices=DatePrecision.choices, default=DatePrecision.EXACT
    )
    occurred_on = models.DateField(null=True, blank=True)
    occurred_text = models.CharField(max_length=60, blank=True)
    time = models.TimeField(null=True, blank=True)
    learned_on = models.DateField(null=True, blank=True)
    # The date that orders the chronology: when the agency learned of it, else when it happened.
    sort_date = models.DateField(null=True, blank=True, db_index=True)
    people = models.ManyToManyField(ReviewPerson, blank=True, related_name="+")
    staff = models.ManyToManyField(ReviewPerson, blank=True, related_name="staff_entries")
    contact_type = models.CharField(max_length=15, choices=ContactType.choices, blank=True)
    event = models.TextField()
    present = models.CharField(max_length=300, blank=True)
    source = models.CharField(max_length=300, blank=True)
    action = models.TextField(blank=True)
    child_seen = models.CharField(max_length=15, choices=ChildSeen.choices, blank=True)
    views_wishes = models.TextField(blank=True)
    comment = models.TextField(blank=True)
    good_practice = models.BooleanField(default=False)
    concern = models.BooleanField(default=False)
    history = HistoricalRecords(m2m_fields=[people, staff])

    objects = EntryQuerySet.as_manager()

    class Meta:
        ordering = [models.F("sort_date").asc(nulls_last=True), "time", "pk"]
        verbose_name_plural = "chronology entries"

    def __str__(self) -> str:
        return self.event[:60]

    def save(self, *args, **kwargs):
        self.sort_date = self.learned_on or self.occurred_on
        super().save(*args, **kwargs)


class Submission(models.Model):
    """What the agency sent the panel: a frozen copy of its rows. The panel works from the latest
    submission of each agency; later edits reach it only when the agency submits again."""

    chronology = models.ForeignKey(
        AgencyChronology, on_delete=models.CASCADE, related_name="submissions"
    )
    number = models.PositiveSmallIntegerField()
    submitted_at = models.DateTimeField()
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    rows = models.JSONField(default=list)

    class Meta:
        ordering = ["chronology", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["chronology", "number"], name="submission_number_once")
        ]

    def __str__(self) -> str:
        return f"{self.chronology} submission {self.number}"


class AnnotationKind(models.TextChoices):
    KEY_ISSUE = "key_issue", "Key issue"
    DECISION_POINT = "decision_point", "Decision point"
    INCONSISTENCY = "inconsistency", "Inconsistency between agencies"
    GOOD_PRACTICE = "good_practice", "Good practice"


class Annotation(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="annotations")
    entry_id = models.PositiveBigIntegerField(db_index=True)
    kind = models.CharField(max_length=20, choices=AnnotationKind.choices)
    note = models.TextField(blank=True)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} on entry {self.entry_id}"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being built"
    DONE = "done", "Ready"
    FAILED = "failed", "Could not be built"


class ExportJob(models.Model):
    """A large export built by a background task; the file is kept under a random name outside
    the web root and served only through an authorised view."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    fmt = models.CharField(max_length=5)
    anonymised = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    stored_name = models.CharField(max_length=80, blank=True)
    message = models.CharField(max_length=400, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ReviewScoped.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.fmt} export of {self.review} ({self.get_status_display()})"
