"""Agency reports (IMRs): each contributing agency's report on a review, drafted in the board's
sections, with the evidence behind it and its recommendations; checked and signed off by the
agency's senior manager; sent to the board as frozen, numbered versions that the panel grades and
may return for revision.

A report is its agency's own until its senior manager signs it off: the panel sees versions, never
the draft.
"""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from scr.models import Agency, Review
from scr.models.drafting import DraftSection
from scr.models.scoping import BoardScopedQuerySet


class ReviewScoped(BoardScopedQuerySet):
    board_field = "review__board"


class ReportScoped(BoardScopedQuerySet):
    board_field = "report__review__board"


class VersionScoped(BoardScopedQuerySet):
    board_field = "version__report__review__board"


class ReportStatus(models.TextChoices):
    DRAFT = "draft", "Being written"
    WITH_MANAGER = "with_manager", "With the senior manager"
    WITH_PANEL = "with_panel", "With the panel"
    REVISING = "revising", "Returned by the panel for revision"
    ACCEPTED = "accepted", "Accepted as final"

    @classmethod
    def editable(cls) -> tuple[str, ...]:
        return (cls.DRAFT, cls.REVISING)


class AgencyReport(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="agency_reports")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # The author's declaration that they had no part in the case or its line management.
    declared_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    declared_on = models.DateField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "agency"], name="one_report_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency} report for {self.review}"

    @property
    def is_editable(self) -> bool:
        return self.status in ReportStatus.editable()


class ReportSection(DraftSection):
    """One of the board's template sections."""

    report = models.ForeignKey(AgencyReport, on_delete=models.CASCADE, related_name="sections")
    # The numbers of the terms-of-reference items this section answers.
    answers = models.JSONField(default=list, blank=True)
    history = HistoricalRecords()

    objects = ReportScoped.as_manager()

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="one_section_per_key")
        ]


class ConsultationKind(models.TextChoices):
    DOCUMENT = "document", "Document or record seen"
    PERSON = "person", "Person consulted"
    UNAVAILABLE = "unavailable", "Information not available"
    NOT_INTERVIEWED = "not_interviewed", "Member of staff not interviewed"


class Consultation(models.Model):
    """A line of the report's methodology."""

    report = models.ForeignKey(AgencyReport, on_delete=models.CASCADE, related_name="consultations")
    kind = models.CharField(max_length=20, choices=ConsultationKind.choices)
    description = models.CharField(max_length=300)
    role = models.CharField(max_length=200, blank=True)
    agency_name = models.CharField(max_length=200, blank=True)
    nature = models.CharField(max_length=200, blank=True)
    dates = models.CharField(max_length=100, blank=True)
    reason = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = ReportScoped.as_manager()

    class Meta:
        ordering = ["report", "kind", "pk"]

    def __str__(self) -> str:
        return self.description


class Agreement(models.TextChoices):
    PENDING = "pending", "Not yet seen by the interviewee"
    AGREED = "agreed", "Agreed by the interviewee"
    DISAGREED = "disagreed", "The interviewee disagrees"


class Interview(models.Model):
    report = models.ForeignKey(AgencyReport, on_delete=models.CASCADE, related_name="interviews")
    role = models.CharField(max_length=200)
    qualifications = models.CharField(max_length=300, blank=True)
    time_in_post = models.CharField(max_length=100, blank=True)
    involvement = models.TextField(blank=True)
    matters = models.TextField(blank=True)
    # Required by the form; blank only once the notes are destroyed.
    summary = models.TextField(blank=True)
    interviewed_on = models.DateField(null=True, blank=True)
    agreement = models.CharField(
        max_length=10, choices=Agreement.choices, default=Agreement.PENDING
    )
    agreement_on = models.DateField(null=True, blank=True)
    disagreement = models.TextField(blank=True)
    # When the notes were destroyed under the board's retention rule (the role stays as a record).
    destroyed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ReportScoped.as_manager()

    class Meta:
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return f"Interview with {self.role}"


class ReportRecommendation(models.Model):
    """A recommendation for the agency, SMART-checked as it is typed. When the report goes to the
    board it becomes a recommendation of the review's action plans (``plan_recommendation_id``)."""

    report = models.ForeignKey(
        AgencyReport, on_delete=models.CASCADE, related_name="recommendations"
    )
    text = models.TextField()
    action = models.TextField()
    lead_name = models.CharField(max_length=200)
    lead_role = models.CharField(max_length=200)
    target_date = models.DateField()
    success_measure = models.TextField()
    intended_outcome = models.TextField()
    plan_recommendation_id = models.PositiveBigIntegerField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ReportScoped.as_manager()

    class Meta:
        ordering = ["report", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class ManagerOutcome(models.TextChoices):
    RETURNED = "returned", "Returned to the author"
    SIGNED_OFF = "signed_off", "Signed off"


class ManagerReview(models.Model):
    """The senior manager's quality assurance of a submission, against the evaluation checklist."""

    report = models.ForeignKey(
        AgencyReport, on_delete=models.CASCADE, related_name="manager_reviews"
    )
    outcome = models.CharField(max_length=12, choices=ManagerOutcome.choices)
    checklist = models.JSONField(default=dict)
    comments = models.TextField(blank=True)
    signed_name = models.CharField(max_length=200, blank=True)
    signed_title = models.CharField(max_length=200, blank=True)
    signed_on = models.DateField(null=True, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ReportScoped.as_manager()

    class Meta:
        ordering = ["report", "-created_at"]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} on {self.created_at:%d %b %Y}"


class ReportVersion(models.Model):
    """What the board received: the report as signed off, frozen. ``content`` holds the sections,
    evidence and recommendations exactly as they were."""

    report = models.ForeignKey(AgencyReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    content = models.JSONField()
    signed_off_name = models.CharField(max_length=200)
    signed_off_title = models.CharField(max_length=200)
    signed_off_on = models.DateField()
    created_at = models.DateTimeField(auto_now_add=True)
    is_final = models.BooleanField(default=False)
    signed_copy_received_on = models.DateField(null=True, blank=True)
    returned_on = models.DateField(null=True, blank=True)
    return_guidance = models.TextField(blank=True)
    revision_due_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ReportScoped.as_manager()

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.report.agency} report, {self.label}"

    @property
    def label(self) -> str:
        if self.is_final:
            return f"Version {self.number} (final)"
        if self.number == 1:
            return "Version 1 (first submission)"
        return f"Version {self.number} (revision {self.number - 1})"


class Grade(models.TextChoices):
    FULL = "full", "Full and clear"
    PARTIAL = "partial", "Partial"
    LIMITED = "limited", "Limited or none"


class Overall(models.TextChoices):
    ADEQUATE = "adequate", "Adequate"
    INADEQUATE = "inadequate", "Inadequate"


class PanelGrade(models.Model):
    """One panel member's (or the overview author's) grading of a version on the standards grid."""

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="grades")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    items = models.JSONField(default=dict)
    overall = models.CharField(max_length=12, choices=Overall.choices)
    comments = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = VersionScoped.as_manager()

    class Meta:
        ordering = ["version", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["version", "by"], name="one_grade_per_grader")
        ]

    def __str__(self) -> str:
        return f"{self.get_overall_display()} ({self.by})"


class ExportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being built"
    DONE = "done", "Ready"
    FAILED = "failed", "Could not be built"


class ReportExport(models.Model):
    """A version's PDF built by a background task, kept under a random name outside the web root
    and served only through an authorised view."""

    version = models.ForeignKey(ReportVersion, on_delete=models.CASCADE, related_name="exports")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    anonymised = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=ExportStatus.choices, default=ExportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    stored_name = models.CharField(max_length=80, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    message = models.CharField(max_length=400, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"PDF of {self.version} ({self.get_status_display()})"
