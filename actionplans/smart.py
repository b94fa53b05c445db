"""Is a recommendation or an action SMART? A pure check, used by the forms (and so by the error
summary) and mirrored by the page's script while the user types.

It asks for five things: one action (not two joined by "and"), someone who owns it, a date, how
success will be measured, and what it will change for children.
"""

import re
from datetime import date

# Verbs an action typically starts with. "and" followed by one of these joins a second action.
ACTION_VERBS = frozenset(
    """
    add agree amend appoint arrange assess attend audit brief build carry change check circulate
    commission communicate complete conduct confirm consider consult create deliver design develop
    disseminate distribute embed ensure escalate establish evaluate explore extend hold identify
    implement improve include inform introduce investigate issue launch lead make monitor notify
    offer organise plan prepare present produce promote provide publish raise record reduce refer
    refresh remind report require research review revise run seek send set share show start
    strengthen supervise support test train update use write
    """.split()
)
_JOINED = re.compile(r"\band\s+(?:then\s+|also\s+)?([a-z]+)", re.IGNORECASE)


def joined_actions(text: str) -> list[str]:
    """The verbs that follow an "and" in ``text`` (each one a second action)."""
    return [
        match.group(1).lower()
        for match in _JOINED.finditer(text or "")
        if match.group(1).lower() in ACTION_VERBS
    ]


def one_thing(text: str, what: str = "action") -> str | None:
    joined = joined_actions(text)
    if joined:
        return (
            f"The {what} must say one thing: split it where it says “and {joined[0]}” "
            f"into a separate {what}"
        )
    return None


def smart_problems(
    *,
    description: str,
    lead_name: str,
    lead_role: str,
    target_date: date | None,
    success_measure: str,
    intended_outcome: str,
) -> dict[str, str]:
    """{field name: message} for each SMART element missing from an action."""
    problems: dict[str, str] = {}
    if not (description or "").strip():
        problems["description"] = "Say what will be done"
    else:
        message = one_thing(description)
        if message:
            problems["description"] = message
    if not (lead_name or "").strip():
        problems["lead_name"] = "Enter the name of the person who leads the action"
    if not (lead_role or "").strip():
        problems["lead_role"] = "Enter the role of the person who leads the action"
    if target_date is None:
        problems["target_date"] = "Enter the date the action will be done by"
    if not (success_measure or "").strip():
        problems["success_measure"] = "Say how you will know the action has worked"
    if not (intended_outcome or "").strip():
        problems["intended_outcome"] = "Say what the action will change for children"
    return problems
