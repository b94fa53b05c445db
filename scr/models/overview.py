"""After the agency reports: the overview report and its executive summary, the bundle sent to
Ofsted and the national bodies, Ofsted's evaluation, and how long records are kept."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .drafting import DraftSection
from .scoping import BoardScopedQuerySet


class ReviewScoped(BoardScopedQuerySet):
    board_field = "review__board"


class OverviewScoped(BoardScopedQuerySet):
    board_field = "report__review__board"


class OverviewStatus(models.TextChoices):
    DRAFTING = "drafting", "Being written"
    RECOMMENDED = "recommended", "Recommended to the board by the panel"
    ACCEPTED = "accepted", "Accepted by the board"
    SIGNED_OFF = "signed_off", "Review signed off by the board chair"


OVERVIEW_SECTIONS = [
    ("introduction", "Introduction and terms of reference"),
    ("process", "The review process"),
    ("facts", "The facts: genogram and chronology"),
    ("analysis", "Analysis"),
    ("known", "What each agency knew"),
    ("lessons", "Lessons, national and local"),
    ("recommendations", "Recommendations"),
    ("monitoring", "How implementation will be monitored"),
    ("family", "The family's involvement"),
    ("parallel", "Parallel processes"),
]


class OverviewReport(models.Model):
    review = models.OneToOneField(
        "scr.Review", on_delete=models.CASCADE, related_name="overview_report"
    )
    status = models.CharField(
        max_length=20, choices=OverviewStatus.choices, default=OverviewStatus.DRAFTING
    )
    recommended_on = models.DateField(null=True, blank=True)
    accepted_on = models.DateField(null=True, blank=True)
    accepted_at = models.CharField(max_length=200, blank=True)
    amendments = models.TextField(blank=True)
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    def __str__(self) -> str:
        return f"Overview report of {self.review}"

    @property
    def is_editable(self) -> bool:
        return self.status == OverviewStatus.DRAFTING


class OverviewSection(DraftSection):
    report = models.ForeignKey(OverviewReport, on_delete=models.CASCADE, related_name="sections")
    history = HistoricalRecords()

    objects = OverviewScoped.as_manager()

    class Meta:
        ordering = ["report", "position"]
        constraints = [
            models.UniqueConstraint(fields=["report", "key"], name="one_overview_section_per_key")
        ]


class SectionComment(models.Model):
    """A panel member's comment on a section of the overview report."""

    section = models.ForeignKey(OverviewSection, on_delete=models.CASCADE, related_name="comments")
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField()
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["section", "created_at"]

    def __str__(self) -> str:
        return f"Comment on {self.section}"


class OverviewVersion(models.Model):
    """The overview report frozen at a step (recommended to the board, accepted)."""

    report = models.ForeignKey(OverviewReport, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField()
    reason = models.CharField(max_length=200)
    content = models.JSONField()
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(fields=["report", "number"], name="one_overview_version")
        ]

    def __str__(self) -> str:
        return f"Overview report version {self.number}"


class Proceedings(models.TextChoices):
    NONE = "none", "There are no related criminal proceedings"
    ONGOING = "ongoing", "Related criminal proceedings are still running"
    CONCLUDED = "concluded", "Related criminal proceedings have ended"


class ExecutiveSummary(DraftSection):
    """The anonymised summary that may be published. Its text is one section; publishing needs a
    clean leak check, a data protection check, the family told first, and the board's rule met."""

    review = models.OneToOneField(
        "scr.Review", on_delete=models.CASCADE, related_name="executive_summary"
    )
    recommendations = models.TextField(blank=True)
    leak_checked_at = models.DateTimeField(null=True, blank=True)
    leak_problems = models.JSONField(default=list, blank=True)
    data_protection_checked_on = models.DateField(null=True, blank=True)
    data_protection_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    shared_with_family_on = models.DateField(null=True, blank=True)
    shared_with_family_by = models.CharField(max_length=200, blank=True)
    proceedings = models.CharField(
        max_length=12, choices=Proceedings.choices, default=Proceedings.NONE
    )
    proceedings_ended_on = models.DateField(null=True, blank=True)
    published_on = models.DateField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_file = models.CharField(max_length=80, blank=True)
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    def __str__(self) -> str:
        return f"Executive summary of {self.review}"

    @property
    def leak_check_passed(self) -> bool:
        return self.leak_checked_at is not None and not self.leak_problems


class BundleStatus(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being built"
    DONE = "done", "Ready"
    FAILED = "failed", "Could not be built"


class Bundle(models.Model):
    """Every document of the review in one indexed PDF (and a .zip of the parts), built in the
    background, for Ofsted and the national bodies."""

    review = models.ForeignKey("scr.Review", on_delete=models.CASCADE, related_name="bundles")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=BundleStatus.choices, default=BundleStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    parts = models.JSONField(default=list, blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    pdf_name = models.CharField(max_length=80, blank=True)
    zip_name = models.CharField(max_length=80, blank=True)
    message = models.CharField(max_length=400, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Bundle of {self.review} ({self.get_status_display()})"


class BundleSending(models.Model):
    bundle = models.ForeignKey(Bundle, on_delete=models.CASCADE, related_name="sendings")
    recipient = models.CharField(max_length=200)
    sent_on = models.DateField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    class Meta:
        ordering = ["bundle", "sent_on", "pk"]

    def __str__(self) -> str:
        return f"Sent to {self.recipient} on {self.sent_on}"


class EvaluationGrade(models.TextChoices):
    OUTSTANDING = "outstanding", "Outstanding"
    GOOD = "good", "Good"
    ADEQUATE = "adequate", "Adequate or satisfactory"
    INADEQUATE = "inadequate", "Inadequate"


EVALUATION_AREAS = [
    ("timescales", "Timescales"),
    ("scope", "Scope"),
    ("contribution", "Agencies' contribution"),
    ("independence", "Independence"),
    ("family", "Family involvement"),
    ("parallel", "Parallel investigations"),
    ("imrs", "Agency reports"),
    ("overview", "Overview report"),
    ("action_plan", "Action plan"),
    ("summary", "Executive summary"),
]


class Evaluation(models.Model):
    review = models.OneToOneField("scr.Review", on_delete=models.CASCADE, related_name="evaluation")
    received_on = models.DateField()
    grades = models.JSONField(default=dict)
    overall = models.CharField(max_length=12, choices=EvaluationGrade.choices)
    letter_reference = models.CharField(max_length=200, blank=True)
    letter_text = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    def __str__(self) -> str:
        return f"Evaluation of {self.review}: {self.get_overall_display()}"


class LegalHold(models.Model):
    """While a hold is in place nothing of the review is destroyed, whatever its retention."""

    review = models.ForeignKey("scr.Review", on_delete=models.CASCADE, related_name="legal_holds")
    reason = models.TextField()
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_on = models.DateField()
    lifted_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    class Meta:
        ordering = ["-placed_on"]

    def __str__(self) -> str:
        return f"Legal hold on {self.review}"


class Tombstone(models.Model):
    """What was destroyed under a retention rule, when and on whose confirmation: the record of
    the record, kept when the content is gone."""

    review = models.ForeignKey("scr.Review", on_delete=models.CASCADE, related_name="tombstones")
    document_type = models.CharField(max_length=40)
    description = models.CharField(max_length=300)
    destroyed_on = models.DateField()
    destroyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    class Meta:
        ordering = ["-destroyed_on", "pk"]

    def __str__(self) -> str:
        return f"{self.description} destroyed {self.destroyed_on}"


class OutOfAreaSending(models.Model):
    """Documents of an out-of-area contribution sent on to the board that commissioned the
    review."""

    review = models.ForeignKey(
        "scr.Review", on_delete=models.CASCADE, related_name="out_of_area_sendings"
    )
    documents = models.JSONField(default=list)
    sent_to = models.CharField(max_length=200)
    sent_on = models.DateField()
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    class Meta:
        ordering = ["-sent_on", "-pk"]

    def __str__(self) -> str:
        return f"Sent to {self.sent_to} on {self.sent_on}"
