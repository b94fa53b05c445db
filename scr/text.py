"""Report text: a small Markdown subset (headings, lists, emphasis, tables) turned into HTML that
is sanitised on the server, so whatever is typed or pasted can never run in a reader's browser."""

import re

import nh3
from markdown_it import MarkdownIt

# Sections are long (an agency report runs to 60 pages) but not unbounded: a 2 MB paste fits.
MAX_SECTION_CHARS = 3_000_000

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
_ALLOWED = {
    "h2", "h3", "h4", "p", "br", "strong", "em", "ul", "ol", "li", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "code", "pre", "hr",
}  # fmt: skip
_HEADING = re.compile(r"<(/?)h([1-6])>")


def _demote(match: re.Match) -> str:
    # The section's title is the page's h2; the author's own headings sit below it.
    level = min(int(match.group(2)) + 2, 4)
    return f"<{match.group(1)}h{level}>"


def to_html(text: str) -> str:
    html = _HEADING.sub(_demote, _markdown.render(text or ""))
    return nh3.clean(html, tags=_ALLOWED, attributes={"th": {"style"}, "td": {"style"}})


def to_plain(text: str) -> str:
    """The text without markup, for searching (leak checks) and for Word."""
    return nh3.clean(to_html(text), tags=set()).replace("&amp;", "&")


def blocks(text: str) -> list[tuple[str, object]]:
    """The text as a list of (kind, content) blocks for Word: ("heading", (level, text)),
    ("para", text), ("bullet", text), ("number", text), ("table", rows)."""
    tokens = _markdown.parse(text or "")
    out: list[tuple[str, object]] = []
    lists: list[str] = []
    row: list[str] | None = None
    rows: list[list[str]] = []
    heading = 0
    for token in tokens:
        kind = token.type
        if kind == "bullet_list_open":
            lists.append("bullet")
        elif kind == "ordered_list_open":
            lists.append("number")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "heading_open":
            heading = int(token.tag[1])
        elif kind == "heading_close":
            heading = 0
        elif kind == "table_open":
            rows = []
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close":
            rows.append(row or [])
            row = None
        elif kind == "table_close":
            out.append(("table", rows))
        elif kind == "inline":
            plain = "".join(
                " " if child.type in ("softbreak", "hardbreak") else child.content
                for child in token.children or []
                if child.type in ("text", "code_inline", "softbreak", "hardbreak")
            )
            if row is not None:
                row.append(plain)
            elif heading:
                out.append(("heading", (heading, plain)))
            elif lists:
                out.append((lists[-1], plain))
            else:
                out.append(("para", plain))
    return out
