"""What reviews teach: lessons tagged with the board's themes, and the debrief events held to
pass them on."""

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .drafting import DraftSection
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


class EventKind(models.TextChoices):
    SCOPING = "scoping", "Scoping meeting"
    PRACTITIONER = "practitioner", "Practitioner event"
    RECALL = "recall", "Recall event"
    DEBRIEF = "debrief", "Debrief"
    OTHER = "other", "Other event"


class DebriefEvent(models.Model):
    """An event of the review with the people invited: the scoping meeting, practitioner and
    recall events of a lighter review, and the debriefs that pass the learning on."""

    review = models.ForeignKey("scr.Review", on_delete=models.CASCADE, related_name="debriefs")
    kind = models.CharField(max_length=15, choices=EventKind.choices, default=EventKind.DEBRIEF)
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


class LearningSummary(DraftSection):
    """The report of a lighter review (a learning summary), written by its lead reviewer."""

    review = models.OneToOneField(
        "scr.Review", on_delete=models.CASCADE, related_name="learning_summary"
    )
    history = HistoricalRecords()

    objects = ReviewScoped.as_manager()

    def __str__(self) -> str:
        return f"Learning summary of {self.review}"
