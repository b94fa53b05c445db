from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .scoping import BoardScopedQuerySet


class ReviewEventQuerySet(BoardScopedQuerySet):
    board_field = "review__board"


class ReviewEvent(models.Model):
    """Something that happened in a review, on the day it happened. The stages record them (see
    ``scr.lifecycle``); the review's stage and the timetable's milestones follow from them."""

    review = models.ForeignKey("scr.Review", on_delete=models.CASCADE, related_name="events")
    key = models.CharField(max_length=60)
    # Which one, for events that happen more than once: an agency's id, a recipient's key.
    part = models.CharField(max_length=60, blank=True)
    happened_on = models.DateField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ReviewEventQuerySet.as_manager()

    class Meta:
        ordering = ["happened_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["review", "key", "part"], name="one_event_per_part")
        ]

    def __str__(self) -> str:
        part = f" ({self.part})" if self.part else ""
        return f"{self.key}{part} on {self.happened_on:%d %b %Y}"
