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
