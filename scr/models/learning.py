"""What reviews teach: lessons tagged with the board's themes, and the debrief events held to
pass them on."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .scoping import BoardScopedQuerySet

DEFAULT_THEMES = [
    "Information sharing",
    "Assessment and planning",
    "Hearing the child",
    "Supervision and management",
    "Training and learning",
    "Policy and procedure",
    "Record keeping",
    "Working together",
    "Domestic abuse",
    "Neglect",
]


def default_themes() -> list[str]:
    return list(DEFAULT_THEMES)


class ReviewScoped(BoardScopedQuerySet):
    board_field = "review__board"


class Lesson(models.Model):
    review = models.ForeignKey("scr.Review", on_delete=models.CASCADE, related_name="lessons")
    text = models.TextField()
    themes = models.JSONField(default=list)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    class Meta:
        ordering = ["review", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class DebriefEvent(models.Model):
    review = models.ForeignKey("scr.Review", on_delete=models.CASCADE, related_name="debriefs")
    title = models.CharField(max_length=200)
    held_on = models.DateField()
    invited = models.TextField(help_text="One person or group a line.")
    notes = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    class Meta:
        ordering = ["review", "held_on"]

    def __str__(self) -> str:
        return self.title

    @property
    def invited_list(self) -> list[str]:
        return [line.strip() for line in self.invited.splitlines() if line.strip()]
