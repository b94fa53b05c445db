from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords

from scr.models import Agency, Board, Review
from scr.models.scoping import BoardScopedQuerySet


class ReferralStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    SUBMITTED = "submitted", "Submitted"
    GATHERING = "gathering", "Gathering information"
    RECOMMENDED = "recommended", "Recommendation made"
    DECIDED = "decided", "Decided"


class ChildProtectionPlan(models.TextChoices):
    CURRENT = "current", "Yes, now"
    PREVIOUS = "previous", "Yes, in the past"
    NEVER = "never", "No"
    NOT_KNOWN = "not_known", "Not known"


class ReferralPartQuerySet(BoardScopedQuerySet):
    board_field = "referral__board"


class Referral(models.Model):
    """An agency's referral of a serious incident, from draft to the board chair's decision."""

    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="referrals")
    reference = models.CharField(max_length=30, blank=True)
    status = models.CharField(
        max_length=20, choices=ReferralStatus.choices, default=ReferralStatus.DRAFT
    )
    referred_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="referrals_made"
    )
    referring_agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="referrals_made"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)

    child_name = models.CharField(max_length=150, blank=True)
    child_date_of_birth = models.DateField(null=True, blank=True)
    child_address = models.TextField(blank=True)
    child_ethnicity = models.CharField(max_length=100, blank=True)
    child_faith = models.CharField(max_length=100, blank=True)
    child_disability = models.CharField(max_length=300, blank=True)
    child_protection_plan = models.CharField(
        max_length=20, choices=ChildProtectionPlan.choices, default=ChildProtectionPlan.NOT_KNOWN
    )
    open_to_social_care = models.BooleanField(default=False)
    lead_practitioner = models.CharField(max_length=150, blank=True)
    incident_date = models.DateField(null=True, blank=True)
    incident_place = models.CharField(max_length=200, blank=True)
    child_died = models.BooleanField(default=False)
    date_of_death = models.DateField(null=True, blank=True)
    carer_at_time = models.CharField(max_length=200, blank=True)

    criminal_investigation = models.BooleanField(default=False)
    criminal_investigation_lead = models.CharField(max_length=200, blank=True)
    coroner_inquiry = models.BooleanField(default=False)
    coroner_contact = models.CharField(max_length=200, blank=True)
    adult_safeguarding_concerns = models.TextField(blank=True)

    agencies_involved = models.ManyToManyField(Agency, blank=True, related_name="+")
    safeguarding_lead_consulted = models.CharField(max_length=200, blank=True)
    circumstances = models.TextField(blank=True)
    incident_summary = models.TextField(blank=True)
    reason_for_referral = models.TextField(blank=True)
    key_events = models.TextField(blank=True)

    review = models.OneToOneField(
        Review, on_delete=models.PROTECT, null=True, blank=True, related_name="referral"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(m2m_fields=[agencies_involved])

    objects = BoardScopedQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["board", "status"])]

    def __str__(self) -> str:
        return self.reference or f"Draft referral {self.pk}"

    @property
    def is_draft(self) -> bool:
        return self.status == ReferralStatus.DRAFT


class FamilyMember(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="family")
    name = models.CharField(max_length=150)
    relationship = models.CharField(max_length=100)
    date_of_birth = models.DateField(null=True, blank=True)
    legal_status = models.CharField(max_length=150, blank=True)
    ethnicity = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    objects = ReferralPartQuerySet.as_manager()

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.relationship})"


class InformationRequest(models.Model):
    """The board office's request to one member agency: secure your records and tell us what you
    knew of the child and family."""

    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="requests")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+")
    sent_at = models.DateTimeField()
    due_on = models.DateField()
    chased_at = models.DateTimeField(null=True, blank=True)
    chase_count = models.PositiveSmallIntegerField(default=0)
    answered_at = models.DateTimeField(null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    records_secured = models.BooleanField(default=False)
    knew_family = models.BooleanField(null=True, blank=True)
    summary = models.TextField(blank=True)
    involvement = models.TextField(blank=True)
    history = HistoricalRecords()

    objects = ReferralPartQuerySet.as_manager()

    class Meta:
        ordering = ["agency__name"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "agency"], name="one_request_per_agency")
        ]

    def __str__(self) -> str:
        return f"{self.referral} — {self.agency}"


class DecisionMeeting(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="decision_meetings")
    starts_at = models.DateTimeField()
    place = models.CharField(max_length=200, blank=True)
    is_extra = models.BooleanField(default=False)
    referrals = models.ManyToManyField(Referral, blank=True, related_name="meetings")
    history = HistoricalRecords(m2m_fields=[referrals])

    objects = BoardScopedQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at"]

    def __str__(self) -> str:
        return f"Meeting on {self.starts_at:%d %b %Y}"


class Attendance(models.Model):
    meeting = models.ForeignKey(
        DecisionMeeting, on_delete=models.CASCADE, related_name="attendance"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True)
    is_chair = models.BooleanField(default=False)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-is_chair", "user__full_name"]
        constraints = [models.UniqueConstraint(fields=["meeting", "user"], name="attend_once")]

    def __str__(self) -> str:
        return f"{self.user} at {self.meeting}"


class MemberView(models.Model):
    meeting = models.ForeignKey(DecisionMeeting, on_delete=models.CASCADE, related_name="views")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="views")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    option = models.CharField(max_length=40)
    reasons = models.TextField()
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "referral", "member"], name="one_view_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.option}"


class Recommendation(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="recommendations")
    meeting = models.ForeignKey(DecisionMeeting, on_delete=models.PROTECT, related_name="+")
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    made_on = models.DateField()
    option = models.CharField(max_length=40)
    reasons = models.TextField()
    alternative_considered = models.CharField(max_length=40, blank=True)
    alternative_reasons = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Recommendation for {self.referral}: {self.option}"


class ChairDecision(models.Model):
    referral = models.OneToOneField(Referral, on_delete=models.CASCADE, related_name="decision")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_on = models.DateField()
    agrees = models.BooleanField()
    option = models.CharField(max_length=40)
    reasons = models.TextField()
    peer_challenge = models.TextField(blank=True)
    terms_of_reference_issues = models.TextField(blank=True)
    history = HistoricalRecords()

    def __str__(self) -> str:
        return f"Decision on {self.referral}: {self.option}"


class Notification(models.Model):
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="notifications")
    recipient_key = models.CharField(max_length=60)
    recipient = models.CharField(max_length=200)
    due_on = models.DateField()
    sent_on = models.DateField(null=True, blank=True)
    method = models.CharField(max_length=100, blank=True)
    history = HistoricalRecords()

    objects = ReferralPartQuerySet.as_manager()

    class Meta:
        ordering = ["due_on", "recipient"]
        constraints = [
            models.UniqueConstraint(fields=["referral", "recipient_key"], name="notify_once")
        ]

    def __str__(self) -> str:
        return f"Tell {self.recipient} by {self.due_on:%d %b %Y}"


class LetterKind(models.TextChoices):
    AGENCY_OUTCOME = "agency_outcome", "Outcome letter to agencies"
    REFERRER_OUTCOME = "referrer_outcome", "Outcome letter to the referrer"


class LetterTemplate(models.Model):
    """A board's own wording for a letter. Placeholders in braces, e.g. {reference}, are filled in
    from the case; anything else is printed as written."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="letter_templates")
    kind = models.CharField(max_length=40, choices=LetterKind.choices)
    subject = models.CharField(max_length=200)
    body = models.TextField()
    history = HistoricalRecords()

    objects = BoardScopedQuerySet.as_manager()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "kind"], name="one_template_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.board.short_name})"
