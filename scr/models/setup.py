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


class SetupLetterKind(models.TextChoices):
    AGENCY = "agency", "Letter to an agency's senior manager"
    FAMILY = "family", "Letter to the family"
    CORONER = "coroner", "Letter to the coroner"
    CPS = "cps", "Letter to the Crown Prosecution Service"
    OFSTED = "ofsted", "Letter to Ofsted"
    OTHER = "other", "Letter to another body the board names"


class SetupLetterTemplate(models.Model):
    """A board's own wording for one kind of set-up letter (see ``scr.letters``)."""

    board = models.ForeignKey(
        "scr.Board", on_delete=models.CASCADE, related_name="setup_letter_templates"
    )
    kind = models.CharField(max_length=20, choices=SetupLetterKind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    history = HistoricalRecords()

    objects = BoardScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "kind"], name="one_setup_template_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.board.short_name})"


class SetupLetterQuerySet(BoardScopedQuerySet):
    board_field = "review__board"


class SetupLetter(models.Model):
    """One letter on a review's set-up checklist: generated from the board's wording, then
    marked sent. It cannot be marked sent before it has been generated."""

    review = models.ForeignKey("scr.Review", on_delete=models.CASCADE, related_name="setup_letters")
    kind = models.CharField(max_length=20, choices=SetupLetterKind.choices)
    recipient = models.CharField(max_length=200)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Family letters: while criminal proceedings run, no one from the review interviews the family.
    no_interview_during_proceedings = models.BooleanField(default=False)
    generated_on = models.DateField(null=True, blank=True)
    sent_on = models.DateField(null=True, blank=True)
    method = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    objects = SetupLetterQuerySet.as_manager()

    class Meta:
        ordering = ["kind", "recipient"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "kind", "recipient"], name="one_setup_letter_per_recipient"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.recipient}"
