import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from simple_history.models import HistoricalRecords

from .boards import Agency, Board
from .scoping import BoardScopedQuerySet


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("A user needs an email address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        return self.create_user(email, password, **extra)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


class User(AbstractBaseUser, PermissionsMixin):
    """Everyone signs in with their email address. What they may do comes from the roles they hold
    on boards and reviews, never from this row."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    job_title = models.CharField(max_length=150, blank=True)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    is_system = models.BooleanField(
        default=False, help_text="The account that background tasks write history as."
    )
    date_joined = models.DateTimeField(default=timezone.now)
    calendar_token = models.UUIDField(
        default=uuid.uuid4, unique=True, help_text="The secret in the user's calendar feed address."
    )
    history = HistoricalRecords(excluded_fields=["password", "last_login", "calendar_token"])

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name"]

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email


class BoardRole(models.TextChoices):
    BUSINESS_MANAGER = "business_manager", "Business manager"
    ADMINISTRATOR = "administrator", "Board administrator"
    BOARD_CHAIR = "board_chair", "Board independent chair"
    DECISION_MEMBER = "decision_member", "Decision body member"
    DECISION_CHAIR = "decision_chair", "Decision body chair"
    SUBGROUP_MEMBER = "subgroup_member", "Sub-group member"
    AGENCY_STAFF = "agency_staff", "Agency staff"


class BoardMembership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=30, choices=BoardRole.choices)
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="memberships"
    )
    history = HistoricalRecords()

    objects = BoardScopedQuerySet.as_manager()

    class Meta:
        ordering = ["user__full_name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "board", "role"], name="one_membership_per_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}, {self.board.short_name}"
