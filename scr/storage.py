"""Files the product makes (published summaries, bundles): kept under random names in a folder
of MEDIA_ROOT, outside the web root, and served only through views that check who is asking."""

import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings


@dataclass(frozen=True)
class Folder:
    path: Path

    def write(self, content: bytes, extension: str) -> str:
        name = f"{uuid.uuid4().hex}.{extension}"
        (self.path / name).write_bytes(content)
        return name

    def file(self, name: str) -> Path | None:
        """The stored file, or None when the name is empty, not ours, or gone."""
        if not name or "/" in name or "\\" in name or name.startswith("."):
            return None
        path = self.path / name
        return path if path.is_file() else None


def private_folder(kind: str) -> Folder:
    folder = Path(settings.MEDIA_ROOT) / kind
    folder.mkdir(parents=True, exist_ok=True)
    return Folder(folder)


EXPORTS = "exports"


def record_progress(job, progress: int, **fields) -> None:
    """Save how far a background job (an export, a bundle) has got, and any fields it sets, so
    the page that waits for it can say so."""
    job.progress = progress
    for name, value in fields.items():
        setattr(job, name, value)
    job.save(update_fields=["progress", *fields])
