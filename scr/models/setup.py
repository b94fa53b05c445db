from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from .boards import Agency
from .scoping import BoardScopedQuerySet


class InvolvementQuerySet(BoardScopedQuerySet):
    board_field = "review__board"


class AgencyInvolvement(models.Model):
    """Set-up: the board asks an agency whether it was involved with the family and, if so, who
    will write its report."""

    review = models.ForeignKey("scr.Review", on_delete=models.CASCADE, related_name="involvements")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    requested_on = models.DateField()
    answer_due = models.DateField()
    involved = models.BooleanField(null=True, blank=True)
    answered_on = models.DateField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    history = HistoricalRecords()

    objects = InvolvementQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["review", "agency"], name="one_involvement_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.agency} in review {self.review_id}"
