from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from simple_history.models import HistoricalRecords

from .boards import Board
from .scoping import BoardScopedQuerySet


class Deadline(models.Model):
    """A dated step that someone must take: a decision window, a notification, a milestone. Any
    stage can hang deadlines on its own records; the deadline engine sweeps them all."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="deadlines")
    review = models.ForeignKey(
        "scr.Review", on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines"
    )
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    subject = GenericForeignKey("content_type", "object_id")
    key = models.CharField(max_length=60)
    label = models.CharField(max_length=200)
    due_on = models.DateField(db_index=True)
    responsible_role = models.CharField(max_length=40, blank=True)
    # A deadline that falls to one person (an action point's owner) rather than to a role.
    responsible_user = models.ForeignKey(
        "scr.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    completed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = BoardScopedQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "key"], name="one_deadline_per_key"
            )
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.label} by {self.due_on:%d %b %Y}"


class ReminderKind(models.TextChoices):
    BEFORE = "before", "Coming up"
    DUE = "due", "Due today"
    OVERDUE = "overdue", "Overdue"


class Reminder(models.Model):
    """What the deadline sweep sent: one row per deadline, kind and key date. The unique key is the
    claim: a second sweep (or a second worker) that reaches the same reminder inserts nothing and
    so sends nothing."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="reminders")
    kind = models.CharField(max_length=20, choices=ReminderKind.choices)
    key_date = models.DateField()
    run = models.UUIDField(db_index=True)
    sent_at = models.DateTimeField()
    recipients = models.TextField(blank=True)

    class Meta:
        ordering = ["-sent_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["deadline", "kind", "key_date"], name="one_reminder_per_key"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} reminder for deadline {self.deadline_id}"


class ExtensionStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    AGREED = "agreed", "Agreed"
    REFUSED = "refused", "Refused"


class ExtensionRequest(models.Model):
    """A request to the board's extension authority to move a review's completion date."""

    review = models.ForeignKey("scr.Review", on_delete=models.CASCADE, related_name="extensions")
    requested_by = models.ForeignKey("scr.User", on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    reasons = models.TextField()
    current_date = models.DateField()
    proposed_date = models.DateField()
    authority = models.CharField(max_length=200)
    status = models.CharField(
        max_length=20, choices=ExtensionStatus.choices, default=ExtensionStatus.REQUESTED
    )
    decided_on = models.DateField(null=True, blank=True)
    letter_reference = models.CharField(max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-requested_on", "-pk"]

    def __str__(self) -> str:
        return f"Extension to {self.proposed_date:%d %b %Y} ({self.get_status_display()})"
