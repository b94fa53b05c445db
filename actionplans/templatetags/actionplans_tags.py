from django import template
from django.utils.html import format_html

register = template.Library()

TAG_COLOURS = {"red": "red", "amber": "orange", "green": "green", "blue": "blue"}


@register.simple_tag
def rag(code: str, labels: dict, extra: str = ""):
    """A GOV.UK tag for a RAG rating, in the board's own words."""
    row = labels.get(code) if labels else None
    if not row:
        return ""
    return format_html(
        '<strong class="govuk-tag govuk-tag--{}">{}{}</strong>',
        TAG_COLOURS.get(code, "grey"),
        row["label"],
        extra,
    )


@register.filter
def rag_label(code: str, labels: dict) -> str:
    row = labels.get(code) if labels else None
    return row["label"] if row else ""


@register.filter
def proposed_on(action, today) -> str:
    """The rating proposed for the action today (Red when it is overdue), if any."""
    return action.proposed_rag(today)


@register.filter
def is_overdue_on(action, today) -> bool:
    return action.is_overdue(today)


@register.filter
def get_count(counts: dict, code: str) -> int:
    return (counts or {}).get(code, 0)
