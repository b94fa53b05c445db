from .audit import AccessLog
from .boards import Agency, Board, Discipline
from .deadlines import Deadline
from .people import BoardMembership, BoardRole, User
from .reviews import CaseReferenceCounter, Review, ReviewRole, ReviewRoleKind, Stage

__all__ = [
    "AccessLog",
    "Agency",
    "Board",
    "BoardMembership",
    "BoardRole",
    "CaseReferenceCounter",
    "Deadline",
    "Discipline",
    "Review",
    "ReviewRole",
    "ReviewRoleKind",
    "Stage",
    "User",
]
