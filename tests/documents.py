"""Read generated documents back as a person would see their text."""

import subprocess
from io import BytesIO

from docx import Document


def pdf_text(data: bytes, tmp_path) -> str:
    """The PDF's text as pdftotext reads it, with runs of whitespace made single spaces."""
    path = tmp_path / "document.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, check=True
    )
    return " ".join(result.stdout.split())


def docx_text(data: bytes) -> str:
    return " ".join(" ".join(p.text for p in Document(BytesIO(data)).paragraphs).split())
