from datetime import date, timedelta

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from scr import registry
from scr.access import board_roles
from scr.lifecycle import past_ofsted_time
from scr.models import BoardRole
from scr.selectors import reviews_for_user

HOME_LIMIT = 50


def sort_tasks(tasks: list[registry.Task], today: date) -> list[registry.Task]:
    """Overdue first (the longest overdue at the top), then by due date; undated ones last."""
    return sorted(
        tasks,
        key=lambda t: (not (t.due and t.due < today), t.due is None, t.due or date.max),
    )


def home(request: HttpRequest) -> HttpResponse:
    """My tasks and deadlines: the open reviews I have a part in, soonest deadline first."""
    today = timezone.localdate()
    reviews = list(
        reviews_for_user(request.user, is_open=True).order_by("completion_due")[:HOME_LIMIT]
    )
    tasks = [
        task
        for provider in registry.home_task_providers
        for task in provider(request.user, reviews)
    ]
    tasks = sort_tasks(list(dict.fromkeys(tasks)), today)
    held = set().union(*board_roles(request.user).values()) if board_roles(request.user) else set()
    role_labels = [BoardRole(role).label for role in sorted(held)]
    overdue = [r for r in reviews if r.completion_due < today]
    due_soon = [r for r in reviews if today <= r.completion_due <= today + timedelta(days=28)]
    return render(
        request,
        "scr/home.html",
        {
            "reviews": reviews,
            "tasks": tasks,
            "role_labels": role_labels,
            "overdue_count": len(overdue),
            "judged_by_ofsted": any(r.board.ofsted_judges_months for r in reviews),
            "past_ofsted_count": sum(
                past_ofsted_time(r, today, extended=r.extended) for r in reviews
            ),
            "due_soon_count": len(due_soon),
            "today": today,
            "limit": HOME_LIMIT,
        },
    )
