from django.conf import settings
from django.db import models
from guardian.shortcuts import get_objects_for_user
from simple_history.models import HistoricalRecords

from .boards import Agency, Board
from .scoping import BoardScopedQuerySet


class ReviewQuerySet(BoardScopedQuerySet):
    def for_user(self, user):
        """Reviews of the boards where the user holds a board-wide role, and any review (of any
        board: an out-of-area contribution) on which they hold a review role."""
        from scr.access import BOARD_WIDE_REVIEW_ROLES, board_ids_for

        granted = get_objects_for_user(
            user,
            "scr.view_review",
            klass=Review,
            accept_global_perms=False,
            with_superuser=False,
        ).values("pk")
        return self.filter(
            models.Q(board__in=board_ids_for(user, roles=BOARD_WIDE_REVIEW_ROLES))
            | models.Q(pk__in=granted)
        )


class Review(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="reviews")
    reference = models.CharField(max_length=30)
    child_code = models.CharField(
        max_length=60, help_text="How the child is named in anything leaving the panel."
    )
    review_type = models.CharField(max_length=30)
    # Derived from the review's events by ``scr.lifecycle`` (never typed); kept here so that lists
    # filter on it in one query.
    stage = models.CharField(max_length=30, default="referral", db_index=True, editable=False)
    is_open = models.BooleanField(default=True)
    completed_on = models.DateField(null=True, blank=True)
    # A contribution to a review another board commissioned: this board's agencies write and
    # quality assure their reports here, and the office sends them on.
    commissioned_by = models.CharField(max_length=200, blank=True)
    commissioning_reference = models.CharField(max_length=60, blank=True)
    started_on = models.DateField(help_text="The board's starting event for the timescale.")
    completion_due = models.DateField(db_index=True)
    summary = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    objects = ReviewQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on", "reference"]
        constraints = [
            models.UniqueConstraint(fields=["board", "reference"], name="review_reference_unique")
        ]
        permissions = [
            ("manage_review", "Run the review"),
            ("chair_panel", "Chair the review panel"),
            ("sit_on_panel", "Sit on the review panel"),
            ("write_overview", "Write the overview report"),
            ("author_agency_report", "Write an agency report"),
            ("sign_off_agency_report", "Sign off an agency report"),
        ]

    def __str__(self) -> str:
        return f"{self.reference} ({self.child_code})"

    @property
    def stage_label(self) -> str:
        from scr.lifecycle import stage_label

        return stage_label(self.stage)

    @property
    def review_type_label(self) -> str:
        return self.board.review_type_label(self.review_type)


class ReviewRoleKind(models.TextChoices):
    PANEL_CHAIR = "panel_chair", "Panel chair"
    PANEL_MEMBER = "panel_member", "Panel member"
    OVERVIEW_AUTHOR = "overview_author", "Overview author"
    IMR_AUTHOR = "imr_author", "Agency report author"
    SENIOR_MANAGER = "senior_manager", "Agency senior manager"
    REFERRER = "referrer", "Referrer"
    SPECIALIST_ADVISER = "specialist_adviser", "Specialist adviser"
    LEAD_REVIEWER = "lead_reviewer", "Facilitator or lead reviewer"

    @classmethod
    def declares_independence(cls, role: str) -> bool:
        """Roles whose holders declare they had no part in the case."""
        return role in {cls.PANEL_CHAIR, cls.OVERVIEW_AUTHOR, cls.IMR_AUTHOR, cls.LEAD_REVIEWER}

    @classmethod
    def needs_agency(cls, role: str) -> bool:
        return role in {cls.IMR_AUTHOR, cls.SENIOR_MANAGER, cls.REFERRER}


class ReviewRoleQuerySet(BoardScopedQuerySet):
    board_field = "review__board"


class ReviewRole(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="roles")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_roles"
    )
    role = models.CharField(max_length=30, choices=ReviewRoleKind.choices)
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, null=True, blank=True)
    independence_declared_on = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    objects = ReviewRoleQuerySet.as_manager()

    class Meta:
        ordering = ["role", "user__full_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["review", "user", "role"], name="one_review_role_per_kind"
            )
        ]

    def __str__(self) -> str:
        agency = f" ({self.agency})" if self.agency_id else ""
        return f"{self.user} — {self.get_role_display()}{agency}"


class CaseReferenceCounter(models.Model):
    """The last case number given out by a board in a year; claimed under a row lock."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["board", "year"], name="one_counter_per_board_year")
        ]

    def __str__(self) -> str:
        return f"{self.board_id}/{self.year}: {self.last_number}"
