from dataclasses import dataclass

from django import template

from scr.board_rows import EVENTS, UNITS

register = template.Library()


@register.filter
def period(row: dict) -> str:
    """A board rule's time limit in words: "5 working days from the decision"."""
    unit = UNITS.get(row.get("unit"), row.get("unit", ""))
    if row.get("amount") == 1:
        unit = unit.rstrip("s")
    event = EVENTS.get(row.get("from_event"), row.get("from_event", ""))
    return f"{row.get('amount')} {unit} from the {event}"


@register.filter
def get_item(mapping: dict, key):
    """Look a key up in a dictionary: the label of a board's decision option, for example."""
    return mapping.get(key, key) if mapping else key


@register.filter
def reads_overview(review, user) -> bool:
    """May the user read the review's overview report and executive summary?"""
    from scr.views.overview import Who

    return user.is_authenticated and Who(user, review).reader


@dataclass(frozen=True)
class NavLink:
    label: str
    url: str
    current: bool


@dataclass(frozen=True)
class ReviewNav:
    """The review's sub-navigation for one user on one page: the top entries, and the pages of
    the current entry (empty unless it has more than one the user may open)."""

    entries: list[NavLink]
    pages: list[NavLink]
    current_label: str = ""


@register.simple_tag
def review_nav_items(review, user, section: str = "") -> ReviewNav:
    """The entries the stages registered (``registry.review_nav``) that this user may open, with
    the one holding ``section`` marked current. The core names no stage's pages itself."""
    from scr import registry

    entries, pages, current_label = [], [], ""
    for entry in registry.review_nav_entries:
        url = entry.url(review, user)
        if url is None:
            continue
        current = section in entry.sections
        entries.append(NavLink(entry.label, url, current))
        if current:
            current_label = entry.label
            pages = [
                NavLink(label, page_url, page_section == section)
                for label, page_section, page_url in (
                    (label, page_section, resolve(review, user))
                    for label, page_section, resolve in entry.pages
                )
                if page_url is not None
            ]
    return ReviewNav(entries, pages if len(pages) > 1 else [], current_label)


@register.filter
def past_ofsted(review, today) -> bool:
    """Past the shorter time Ofsted judges the board against, with no agreed extension (the
    review carries ``extended``, as ``reviews_for_user`` annotates it: no query per row)."""
    from scr.lifecycle import past_ofsted_time

    return past_ofsted_time(review, today, extended=review.extended)
