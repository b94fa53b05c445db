"""Recommendations, the action plans they become, and the progress agencies report against them.

Each review has one action plan per agency with recommendations to act on, and one for the board.
An action is a row of a plan, shown in the board's own columns. Agencies add dated progress
updates with evidence; each update may move the action's RAG rating, and every change of rating is
kept (``RagChange``) so a plan's history and the board's report for any past date can be rebuilt.
"""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from scr.models import Agency, Board, Review
from scr.models.scoping import BoardScopedQuerySet


class Rag(models.TextChoices):
    """The four codes every board rates by; each board words their labels and meanings."""

    RED = "red", "Red"
    AMBER = "amber", "Amber"
    GREEN = "green", "Green"
    BLUE = "blue", "Blue"


COMPLETED = Rag.BLUE


class Source(models.TextChoices):
    AGENCY_REPORT = "agency_report", "An agency's own report (single agency)"
    PANEL_SINGLE = "panel_single", "The review panel, for one agency"
    PANEL_MULTI = "panel_multi", "The review panel, for several agencies"
    BOARD = "board", "The review panel, for the board"

    @classmethod
    def needs_agency(cls, source: str) -> bool:
        return source in (cls.AGENCY_REPORT, cls.PANEL_SINGLE)


class Theme(models.TextChoices):
    INFORMATION_SHARING = "information_sharing", "Information sharing"
    ASSESSMENT = "assessment", "Assessment and planning"
    CHILDS_VOICE = "childs_voice", "Hearing the child"
    SUPERVISION = "supervision", "Supervision and management"
    TRAINING = "training", "Training and learning"
    POLICY = "policy", "Policy and procedure"
    RECORDS = "records", "Record keeping"
    MULTI_AGENCY = "multi_agency", "Working together"
    OTHER = "other", "Other"


class PlanFormat(models.Model):
    """How a board lays out its action plans beyond its columns: whether each plan carries a
    document control block (version, approval, the responsible sub-group, issue and review
    dates)."""

    board = models.OneToOneField(Board, on_delete=models.CASCADE, related_name="plan_format")
    document_control = models.BooleanField(default=False)
    history = HistoricalRecords()

    objects = BoardScopedQuerySet.as_manager()

    def __str__(self) -> str:
        return f"Action plan format of {self.board}"


class ReviewPartQuerySet(BoardScopedQuerySet):
    board_field = "review__board"


class Recommendation(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="recommendations")
    number = models.PositiveSmallIntegerField()
    source = models.CharField(max_length=20, choices=Source.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    text = models.TextField()
    theme = models.CharField(max_length=30, choices=Theme.choices, default=Theme.OTHER)
    agreed_by_panel = models.BooleanField(
        default=False, help_text="Agreed by the panel, so it goes into the overview report."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ReviewPartQuerySet.as_manager()

    class Meta:
        ordering = ["review", "number"]
        constraints = [
            models.UniqueConstraint(fields=["review", "number"], name="recommendation_number")
        ]

    def __str__(self) -> str:
        return f"R{self.number}: {self.text[:60]}"

    @property
    def label(self) -> str:
        return f"R{self.number}"


class ActionPlan(models.Model):
    """One agency's plan for a review, or the board's own plan (no agency)."""

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="action_plans")
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_on = models.DateField()
    signed_off_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_off_on = models.DateField(null=True, blank=True)
    # Document control, for boards that keep it.
    document_title = models.CharField(max_length=200, blank=True)
    document_version = models.CharField(max_length=30, blank=True)
    approved_by = models.CharField(max_length=200, blank=True)
    approved_on = models.DateField(null=True, blank=True)
    responsible_subgroup = models.CharField(max_length=200, blank=True)
    issued_on = models.DateField(null=True, blank=True)
    next_review_on = models.DateField(null=True, blank=True)
    disseminated_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ReviewPartQuerySet.as_manager()

    class Meta:
        ordering = ["review", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "agency"],
                condition=models.Q(agency__isnull=False),
                name="one_plan_per_agency",
            ),
            models.UniqueConstraint(
                fields=["review"],
                condition=models.Q(agency__isnull=True),
                name="one_board_plan",
            ),
        ]

    def __str__(self) -> str:
        return f"Action plan {self.pk}" + (" (the board's)" if self.agency_id is None else "")

    @property
    def owner_name(self) -> str:
        return self.agency.name if self.agency_id else "Board"

    @property
    def is_board_plan(self) -> bool:
        return self.agency_id is None

    @property
    def is_signed_off(self) -> bool:
        return self.signed_off_on is not None

    @property
    def board(self) -> Board:
        return self.review.board


class ActionQuerySet(BoardScopedQuerySet):
    board_field = "plan__review__board"


class Action(models.Model):
    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="actions")
    recommendation = models.ForeignKey(
        Recommendation, on_delete=models.PROTECT, related_name="actions"
    )
    description = models.TextField()
    lead_name = models.CharField(max_length=150)
    lead_role = models.CharField(max_length=150)
    target_date = models.DateField(db_index=True)
    intended_outcome = models.TextField()
    success_measure = models.TextField()
    rag = models.CharField(max_length=10, choices=Rag.choices, default=Rag.AMBER, db_index=True)
    completed_on = models.DateField(null=True, blank=True)
    evidence_audit = models.TextField(
        blank=True, help_text="The board's own check of the evidence (Luton's evidence audit)."
    )
    # Cells of columns a board added that the product does not know, by column key.
    extra = models.JSONField(default=dict, blank=True)
    created_on = models.DateField()
    history = HistoricalRecords()

    objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["recommendation__number", "pk"]
        indexes = [models.Index(fields=["plan", "rag"])]

    def __str__(self) -> str:
        return self.description[:80]

    def is_overdue(self, today) -> bool:
        return self.rag != COMPLETED and self.target_date < today

    def proposed_rag(self, today) -> str:
        """Red is proposed for an action past its target date that is not yet rated Red."""
        return Rag.RED if self.is_overdue(today) and self.rag != Rag.RED else ""


class ActionPartQuerySet(BoardScopedQuerySet):
    board_field = "action__plan__review__board"


class ProgressUpdate(models.Model):
    """A dated report of progress on an action. Updates are only ever added, never changed, so two
    people reporting at once both keep what they wrote."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="updates")
    on = models.DateField()
    text = models.TextField()
    rag = models.CharField(max_length=10, choices=Rag.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ActionPartQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"Update of {self.on:%d %b %Y} on action {self.action_id}"


def _evidence_path(instance, filename: str) -> str:
    # Stored under a random name; the name the user gave is kept in the row.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"actionplans/evidence/{uuid.uuid4().hex}{suffix}"


class EvidenceQuerySet(BoardScopedQuerySet):
    board_field = "update__action__plan__review__board"


class Evidence(models.Model):
    update = models.ForeignKey(ProgressUpdate, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=_evidence_path, max_length=200)
    name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    history = HistoricalRecords()

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]
        verbose_name_plural = "evidence"

    def __str__(self) -> str:
        return self.name


class RagReason(models.TextChoices):
    CREATED = "created", "Action agreed"
    UPDATE = "update", "Progress update"
    OVERDUE = "overdue", "Past its target date"
    MONITORING = "monitoring", "Set by the monitoring group"


class RagChange(models.Model):
    """Every rating an action has had, from the day it was agreed."""

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="rag_changes")
    on = models.DateField(db_index=True)
    from_rag = models.CharField(max_length=10, choices=Rag.choices, blank=True)
    to_rag = models.CharField(max_length=10, choices=Rag.choices)
    reason = models.CharField(max_length=20, choices=RagReason.choices)
    note = models.CharField(max_length=300, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ActionPartQuerySet.as_manager()

    class Meta:
        ordering = ["-on", "-pk"]

    def __str__(self) -> str:
        return f"{self.from_rag or 'new'} → {self.to_rag} on {self.on:%d %b %Y}"


class PlanPartQuerySet(BoardScopedQuerySet):
    board_field = "plan__review__board"


class UpdateRequest(models.Model):
    """The business manager's request for an agency's progress by a date: a deadline the engine
    reminds and escalates. Answered once every action not already complete has a new update."""

    plan = models.ForeignKey(ActionPlan, on_delete=models.CASCADE, related_name="requests")
    requested_on = models.DateField()
    requested_at = models.DateTimeField(auto_now_add=True)
    due_on = models.DateField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    answered_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = PlanPartQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-pk"]

    def __str__(self) -> str:
        return f"Progress asked for by {self.due_on:%d %b %Y}"
