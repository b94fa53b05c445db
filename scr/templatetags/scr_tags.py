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
