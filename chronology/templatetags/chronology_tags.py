from django import template

from chronology.rules import agencies_written_by, is_panel

register = template.Library()


@register.filter
def sits_on_panel(review, user) -> bool:
    return is_panel(user, review)


@register.filter
def writes_for(review, user) -> list[int]:
    return sorted(agencies_written_by(user, review))
