from .audit import AccessLog
from .boards import Agency, Board, Discipline
from .deadlines import Deadline, ExtensionRequest, ExtensionStatus, Reminder, ReminderKind
from .learning import DebriefEvent, EventKind, LearningSummary, Lesson
from .lifecycle import ReviewEvent
from .once import Submission
from .overview import (
    Bundle,
    BundleSending,
    Evaluation,
    ExecutiveSummary,
    LegalHold,
    OutOfAreaSending,
    OverviewReport,
    OverviewSection,
    OverviewStatus,
    OverviewVersion,
    SectionComment,
    Tombstone,
)
from .panel import ActionPoint, PanelAttendance, PanelMeeting
from .people import BoardMembership, BoardRole, User
from .reviews import CaseReferenceCounter, Review, ReviewRole, ReviewRoleKind
from .setup import AgencyInvolvement, SetupLetter, SetupLetterKind, SetupLetterTemplate
from .terms import ContributionForm, TermsOfReference, TermsStatus

__all__ = [
    "DebriefEvent",
    "EventKind",
    "LearningSummary",
    "Lesson",
    "Bundle",
    "BundleSending",
    "Evaluation",
    "ExecutiveSummary",
    "LegalHold",
    "OutOfAreaSending",
    "OverviewReport",
    "OverviewSection",
    "OverviewStatus",
    "OverviewVersion",
    "SectionComment",
    "Tombstone",
    "ActionPoint",
    "PanelAttendance",
    "PanelMeeting",
    "AccessLog",
    "AgencyInvolvement",
    "Agency",
    "Board",
    "BoardMembership",
    "BoardRole",
    "CaseReferenceCounter",
    "Deadline",
    "ExtensionRequest",
    "ExtensionStatus",
    "Reminder",
    "ReminderKind",
    "Discipline",
    "Review",
    "Submission",
    "ReviewEvent",
    "SetupLetter",
    "SetupLetterKind",
    "SetupLetterTemplate",
    "ReviewRole",
    "ReviewRoleKind",
    "TermsOfReference",
    "TermsStatus",
    "ContributionForm",
    "User",
]
