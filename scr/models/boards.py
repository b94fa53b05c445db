from dataclasses import dataclass, field
from datetime import date
from itertools import combinations

from django.db import models
from simple_history.models import HistoricalRecords

from scr.dates import PeriodUnit, add_period

from .learning import default_themes
from .scoping import BoardScopedQuerySet


class Discipline(models.TextChoices):
    POLICE = "police", "Police"
    SOCIAL_CARE = "social_care", "Children's social care"
    HEALTH = "health", "Health"
    GP = "gp", "GP services"
    EDUCATION = "education", "Education"
    PROBATION = "probation", "Probation"
    CAFCASS = "cafcass", "CAFCASS"
    HOUSING = "housing", "Housing"
    ADULT_SOCIAL_CARE = "adult_social_care", "Adult social care"
    VOLUNTARY = "voluntary", "Voluntary sector"
    LEGAL = "legal", "Legal services"
    BOARD = "board", "Board office"
    OTHER = "other", "Other"


class StartEvent(models.TextChoices):
    REFERRAL = "referral", "the referral"
    DECISION = "decision", "the board chair's decision"
    INITIATION = "initiation", "initiation of the review"
    INCIDENT = "incident", "the incident"


class BoardQuerySet(models.QuerySet):
    def for_user(self, user):
        from scr.access import board_ids_for

        return self.filter(pk__in=board_ids_for(user))


@dataclass
class Attendee:
    """Someone at a meeting, as far as a quorum rule cares."""

    key: object
    disciplines: frozenset[str] = field(default_factory=frozenset)
    is_chair: bool = False


@dataclass
class QuorumResult:
    quorate: bool
    problems: list[str]


class Board(models.Model):
    """A safeguarding board and every rule of its procedure. Code asks the board; it never asks
    which board it is."""

    slug = models.SlugField(unique=True)
    name = models.CharField(max_length=200)
    short_name = models.CharField(max_length=60)
    reference_prefix = models.CharField(
        max_length=6, help_text="Starts every case reference, for example MK in MK-2026-007."
    )

    decision_body_name = models.CharField(max_length=200)
    decision_body_abbreviation = models.CharField(max_length=20, blank=True)
    review_panel_name = models.CharField(max_length=200)
    author_group_name = models.CharField(max_length=200, blank=True)
    agency_report_name = models.CharField(max_length=60, default="IMR")

    completion_months = models.PositiveSmallIntegerField()
    completion_starts_from = models.CharField(max_length=20, choices=StartEvent.choices)
    ofsted_judges_months = models.PositiveSmallIntegerField(null=True, blank=True)
    decision_meeting_interval_weeks = models.PositiveSmallIntegerField(null=True, blank=True)
    decision_meeting_cutoff_hours = models.PositiveSmallIntegerField(default=48)
    decision_windows = models.JSONField(default=list, blank=True)

    decision_quorum_min_people = models.PositiveSmallIntegerField(default=0)
    decision_quorum_chair_required = models.BooleanField(default=False)
    decision_quorum_deputy_disciplines = models.JSONField(default=list, blank=True)
    decision_quorum_required_disciplines = models.JSONField(default=list, blank=True)
    decision_quorum_dual_roles = models.PositiveSmallIntegerField(
        default=0, help_text="How many people at a meeting may each hold two roles."
    )
    panel_min_members = models.PositiveSmallIntegerField(default=0)
    panel_min_agencies = models.PositiveSmallIntegerField(default=0)
    panel_chair_independent = models.BooleanField(default=False)

    extension_authority = models.CharField(max_length=200)
    extension_in_writing = models.BooleanField(default=True)
    review_types = models.JSONField(default=list)
    decision_options = models.JSONField(default=list)
    notification_recipients = models.JSONField(default=list, blank=True)
    chronology_columns = models.JSONField(default=list)
    imr_sections = models.JSONField(default=list)
    action_plan_columns = models.JSONField(default=list)
    rag_statuses = models.JSONField(default=list)
    action_plan_monitored_by = models.CharField(max_length=200)
    milestones = models.JSONField(default=list, blank=True)
    publish_after_evaluation = models.BooleanField(
        default=True, help_text="The executive summary is published only after Ofsted's evaluation."
    )
    publish_after_proceedings = models.BooleanField(
        default=True,
        help_text="The executive summary is published only once related criminal proceedings end.",
    )
    learning_themes = models.JSONField(default=default_themes, blank=True)
    interview_notes_kept_years = models.PositiveSmallIntegerField(
        default=7, help_text="Years after a review is completed that interview notes are kept."
    )
    reminder_days_before = models.PositiveSmallIntegerField(
        default=7, help_text="How many days before a deadline the first reminder goes out."
    )

    history = HistoricalRecords()
    objects = BoardQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def completion_due(self, start: date) -> date:
        return add_period(start, self.completion_months, PeriodUnit.MONTHS)

    def window_due(self, key: str, start: date) -> date | None:
        for window in self.decision_windows:
            if window["key"] == key:
                return add_period(start, window["amount"], window["unit"])
        return None

    def review_type_label(self, code: str) -> str:
        return {t["code"]: t["label"] for t in self.review_types}.get(code, code)

    def rag(self, code: str) -> dict | None:
        return next((r for r in self.rag_statuses if r["code"] == code), None)

    def decision_quorum(self, attendees: list[Attendee]) -> QuorumResult:
        """Is a meeting of the decision body with these people quorate under this board's rule?"""
        problems = []
        people = len({a.key for a in attendees})
        if people < self.decision_quorum_min_people:
            problems.append(
                f"At least {self.decision_quorum_min_people} people must attend; {people} did."
            )
        roles = list(self.decision_quorum_required_disciplines)
        if self.decision_quorum_chair_required:
            roles = ["chair", *roles]
        if roles and not self._roles_covered(attendees, roles):
            labels = [
                "the chair or a deputy" if r == "chair" else Discipline(r).label for r in roles
            ]
            problems.append("The meeting needs " + ", ".join(labels) + " to be represented.")
        return QuorumResult(quorate=not problems, problems=problems)

    def panel_check(self, chair_present: bool, member_agencies: list[int | None]) -> QuorumResult:
        """Is a review panel of this make-up big enough under this board's rule? (The chair
        counts as a member; agencies are counted once each.)"""
        problems = []
        members = len(member_agencies) + (1 if chair_present else 0)
        if members < self.panel_min_members:
            problems.append(
                f"The panel needs at least {self.panel_min_members} members; it has {members}."
            )
        agencies = len({a for a in member_agencies if a})
        if agencies < self.panel_min_agencies:
            problems.append(
                f"The panel needs members from at least {self.panel_min_agencies} agencies; "
                f"it has {agencies}."
            )
        if self.panel_chair_independent and not chair_present:
            problems.append("The panel needs an independent chair.")
        return QuorumResult(quorate=not problems, problems=problems)

    def _can_fill(self, attendee: Attendee, role: str, chair_present: bool) -> bool:
        if role == "chair":
            if attendee.is_chair:
                return True
            deputies = set(self.decision_quorum_deputy_disciplines)
            return not chair_present and bool(attendee.disciplines & deputies)
        return role in attendee.disciplines

    def _roles_covered(self, attendees: list[Attendee], roles: list[str]) -> bool:
        chair_present = any(a.is_chair for a in attendees)
        slots = []
        for attendee in attendees:
            slots.append((attendee, 1))
        # Each of up to N people may take a second role: try every choice of who doubles up.
        for doubled in range(min(self.decision_quorum_dual_roles, len(attendees)) + 1):
            for extra in combinations(attendees, doubled):
                capacity = slots + [(a, 1) for a in extra]
                if self._assign(roles, capacity, chair_present):
                    return True
        return False

    def _assign(self, roles: list[str], capacity: list, chair_present: bool) -> bool:
        if not roles:
            return True
        role, rest = roles[0], roles[1:]
        for index, (attendee, _) in enumerate(capacity):
            if self._can_fill(attendee, role, chair_present):
                remaining = capacity[:index] + capacity[index + 1 :]
                # The same person cannot fill one role twice over.
                if self._assign(rest, remaining, chair_present):
                    return True
        return False


class Agency(models.Model):
    board = models.ForeignKey(Board, on_delete=models.PROTECT, related_name="agencies")
    name = models.CharField(max_length=200)
    discipline = models.CharField(max_length=30, choices=Discipline.choices)
    is_active = models.BooleanField(default=True)
    history = HistoricalRecords()

    objects = BoardScopedQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "agencies"
        constraints = [
            models.UniqueConstraint(fields=["board", "name"], name="agency_name_unique_per_board")
        ]

    def __str__(self) -> str:
        return self.name
