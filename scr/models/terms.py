from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class TermsStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    APPROVED = "approved", "Approved by the panel"
    SIGNED = "signed", "Signed by the panel chair"


class ContributionForm(models.TextChoices):
    NONE = "", "Not contributing"
    IMR = "imr", "Agency report (IMR) and chronology"
    CHRONOLOGY = "chronology", "Chronology only"
    STATEMENT = "statement", "Statement of information"


class TermsOfReference(models.Model):
    """A review's terms of reference. Every saved change is a version in the history; a change
    after approval starts a new version that needs approving and signing again."""

    review = models.OneToOneField(
        "scr.Review", on_delete=models.CASCADE, related_name="terms_of_reference"
    )
    version = models.PositiveSmallIntegerField(default=1)
    status = models.CharField(max_length=20, choices=TermsStatus.choices, default=TermsStatus.DRAFT)
    reason_and_key_issues = models.TextField(blank=True)
    independent_author = models.CharField(max_length=200, blank=True)
    independence_and_experts = models.TextField(blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    family_background = models.TextField(blank=True)
    contributions = models.JSONField(default=dict, blank=True)
    family_involvement = models.TextField(blank=True)
    parallel_processes = models.TextField(blank=True)
    other_boards = models.TextField(blank=True)
    media_handling = models.TextField(blank=True)
    legal_advice = models.TextField(blank=True)
    family_codes = models.TextField(blank=True)
    approved_on = models.DateField(null=True, blank=True)
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    signed_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Terms of reference v{self.version} for review {self.review_id}"
