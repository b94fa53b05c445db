from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .scoping import BoardScopedQuerySet


class PanelQuerySet(BoardScopedQuerySet):
    board_field = "review__board"


class PanelMeeting(models.Model):
    """A meeting of a review's panel: who came, whether it was quorate, its minutes and actions."""

    review = models.ForeignKey("scr.Review", on_delete=models.CASCADE, related_name="meetings")
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    purpose = models.CharField(max_length=200)
    minutes = models.TextField(blank=True)
    attendance_recorded = models.BooleanField(default=False)
    history = HistoricalRecords()

    objects = PanelQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]

    def __str__(self) -> str:
        return f"{self.purpose} ({self.starts_at:%d %b %Y})"


class PanelAttendance(models.Model):
    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="attendance")
    role = models.ForeignKey("scr.ReviewRole", on_delete=models.CASCADE, related_name="+")
    present = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "role"], name="attend_once_per_role")
        ]

    def __str__(self) -> str:
        return f"{self.role} at {self.meeting}"


class ActionPointQuerySet(BoardScopedQuerySet):
    board_field = "meeting__review__board"


class ActionPoint(models.Model):
    """Something a panel meeting asked someone to do by a date; a deadline like any other."""

    meeting = models.ForeignKey(PanelMeeting, on_delete=models.CASCADE, related_name="actions")
    description = models.CharField(max_length=300)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField()
    done_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ActionPointQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.description
