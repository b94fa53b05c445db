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
    """Someone at a meeting, as far as a quorum rule cares: ``is_chair`` if they hold the chair
    of the decision body, ``chaired`` if they chaired this meeting (the chair, or a deputy)."""

    key: object
    disciplines: frozenset[str] = field(default_factory=frozenset)
    is_chair: bool = False
    chaired: bool = False


def _and(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


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
        missing = self._missing_roles(attendees, roles)
        if missing:
            labels = [self._chair_label() if r == "chair" else Discipline(r).label for r in missing]
            problems.append(f"The meeting needs {_and(labels)} to be represented.")
        acting = next((a for a in attendees if a.chaired), None)
        if "chair" in missing and acting and not self._may_chair(acting):
            deputies = self._deputies_label()
            problems.append(
                f"Whoever chairs in the chair's absence must come from {deputies}."
                if deputies
                else "The meeting must be chaired by the chair."
            )
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

    def _deputies_label(self) -> str:
        return " or ".join(Discipline(d).label for d in self.decision_quorum_deputy_disciplines)

    def _chair_label(self) -> str:
        deputies = self._deputies_label()
        return f"the chair or a deputy from {deputies}" if deputies else "the chair"

    def _may_chair(self, attendee: Attendee) -> bool:
        deputies = set(self.decision_quorum_deputy_disciplines)
        return attendee.is_chair or bool(attendee.disciplines & deputies)

    def _chair_candidates(self, attendees: list[Attendee]) -> set:
        """Who may take the chair's place: whoever chaired, if they may (the chair, or a deputy
        from the board's deputy disciplines); with no one recorded as chairing, the chair if
        present, or else any possible deputy."""
        acting = [a for a in attendees if a.chaired]
        chairs = [a for a in attendees if a.is_chair]
        possible = acting or chairs or attendees
        return {a.key for a in possible if self._may_chair(a)}

    def _missing_roles(self, attendees: list[Attendee], roles: list[str]) -> list[str]:
        """The roles no one at the meeting fills, when as many as possible are filled (the
        earlier roles first where there is a choice)."""
        candidates = self._chair_candidates(attendees)
        for size in range(len(roles), 0, -1):
            for kept in combinations(range(len(roles)), size):
                if self._roles_covered(attendees, [roles[i] for i in kept], candidates):
                    return [role for i, role in enumerate(roles) if i not in kept]
        return roles

    def _roles_covered(self, attendees: list[Attendee], roles: list[str], candidates: set) -> bool:
        # Each of up to N people may take a second role: try every choice of who doubles up.
        for doubled in range(min(self.decision_quorum_dual_roles, len(attendees)) + 1):
            for extra in combinations(attendees, doubled):
                if self._assign(roles, [*attendees, *extra], candidates):
                    return True
        return False

    def _assign(self, roles: list[str], places: list[Attendee], candidates: set) -> bool:
        """Can each role go to a different place (a person, or a doubling person's second)?"""
        if not roles:
            return True
        role, rest = roles[0], roles[1:]
        for index, attendee in enumerate(places):
            fills = attendee.key in candidates if role == "chair" else role in attendee.disciplines
            if fills and self._assign(rest, places[:index] + places[index + 1 :], candidates):
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
