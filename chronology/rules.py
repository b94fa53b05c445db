"""Who may do what with chronologies. The panel (the office, the panel chair and members, the
overview author) sees the integrated chronology and the key of codes to names; an agency's author
and senior manager work on that agency's chronology only, which nobody else sees until it is
submitted."""

from scr.access import AGENCY_WRITERS, PANEL_READERS, Perm, can
from scr.models import ReviewRole


def is_panel(user, review) -> bool:
    if not user.is_authenticated or not user.is_active:
        return False
    return (
        can(user, Perm.MANAGE_REVIEW, review)
        or ReviewRole.objects.filter(review=review, user=user, role__in=PANEL_READERS).exists()
    )


def agencies_written_by(user, review) -> set[int]:
    """The agencies whose chronology this user writes on this review."""
    if not user.is_authenticated or not user.is_active:
        return set()
    return set(
        ReviewRole.objects.filter(
            review=review, user=user, role__in=AGENCY_WRITERS, agency__isnull=False
        ).values_list("agency_id", flat=True)
    )
