"""Saving a section of a long document so that two writers never overwrite each other: each save
names the revision it was typed over, and a save over an older one is refused with the newer text,
so the later writer sees both and chooses."""

from django.core.exceptions import ValidationError
from django.utils import timezone

from scr.models import User
from scr.services import _save
from scr.text import MAX_SECTION_CHARS


class SectionConflict(Exception):
    """Someone saved the section after the text being saved was opened."""

    def __init__(self, section):
        super().__init__("The section was saved elsewhere")
        self.section = section


def save_section(section, *, by: User, text: str, revision: int, **fields):
    """Call inside a transaction that has locked the document. Returns the saved section (or the
    current one, when nothing changed)."""
    text = (text or "").replace("\r\n", "\n")
    if len(text) > MAX_SECTION_CHARS:
        raise ValidationError(
            {
                "text": f"The section is too long to save ({len(text):,} characters; the most is "
                f"{MAX_SECTION_CHARS:,}). Split it across sections, or shorten it: your text is "
                "still in the box."
            }
        )
    current = type(section)._default_manager.select_for_update().get(pk=section.pk)
    changed = {k: v for k, v in fields.items() if v is not None and getattr(current, k) != v}
    if text == current.text and not changed:
        return current  # nothing to save, so nothing anyone wrote can be lost
    if current.revision != revision:
        raise SectionConflict(current)
    current.text = text
    for name, value in changed.items():
        setattr(current, name, value)
    current.revision += 1
    current.saved_at, current.saved_by = timezone.now(), by
    _save(current, by)
    return current


def conflict_message(section) -> str:
    who = section.saved_by.full_name if section.saved_by_id else "Someone"
    when = timezone.localtime(section.saved_at).strftime("%H:%M") if section.saved_at else ""
    return (
        f"{who} saved this section at {when}, after you opened it (perhaps in another tab). "
        "Nothing was overwritten: compare the two texts and save the one you want."
    )
