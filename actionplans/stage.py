"""What the action plan stage plugs into the core: its access rules, a navigation item for the
monitoring page, home-page tasks, the review's audit trail, a tracker column and demo data."""

from scr import registry
from scr.access import board_ids_for

from . import rules  # noqa: F401 (the rules register themselves)
from .models import (
    Action,
    ActionPlan,
    Evidence,
    ProgressUpdate,
    RagChange,
    Recommendation,
    UpdateRequest,
)
from .rules import MONITORS
from .selectors import plan_tasks, tracker_cells

registry.home_tasks(plan_tasks)
registry.nav_item(
    registry.NavItem(
        "Action plans",
        "plans_monitoring",
        "action_plans",
        lambda user: bool(board_ids_for(user, roles=MONITORS)),
    )
)


@registry.audit_source
def _plan_history(review):
    """Recommendations, plans, actions, their updates, evidence, ratings and requests."""
    return [
        Recommendation.history.filter(review_id=review.pk).select_related("history_user"),
        ActionPlan.history.filter(review_id=review.pk).select_related("history_user"),
        Action.history.filter(plan__review_id=review.pk).select_related("history_user"),
        ProgressUpdate.history.filter(action__plan__review_id=review.pk).select_related(
            "history_user"
        ),
        Evidence.history.filter(update__action__plan__review_id=review.pk).select_related(
            "history_user"
        ),
        RagChange.history.filter(action__plan__review_id=review.pk).select_related("history_user"),
        UpdateRequest.history.filter(plan__review_id=review.pk).select_related("history_user"),
    ]


@registry.tracker_column
def _action_plan_column(review):
    return "Action plan", tracker_cells(review)


@registry.bundle_source
def _plans_in_bundle(review):
    """Every action plan of the review, in the board's columns."""
    from django.template.loader import render_to_string
    from django.utils import timezone

    from .selectors import column_cells, plan_actions

    plans = []
    for plan in ActionPlan.objects.filter(review=review).select_related("agency"):
        rows = [
            column_cells(review.board, plan, a, timezone.localdate()) for a in plan_actions(plan)
        ]
        plans.append({"plan": plan, "rows": rows})
    html = render_to_string(
        "actionplans/_bundle.html", {"plans": plans, "columns": review.board.action_plan_columns}
    )
    return [registry.BundlePart("Action plans", html)]


@registry.readiness_source
def _plans_are_smart(review):
    from django.urls import reverse

    from .smart import smart_problems

    missing = []
    actions = Action.objects.filter(plan__review=review).select_related("recommendation")
    for action in actions:
        problems = smart_problems(
            description=action.description,
            lead_name=action.lead_name,
            lead_role=action.lead_role,
            target_date=action.target_date,
            success_measure=action.success_measure,
            intended_outcome=action.intended_outcome,
        )
        if problems:
            missing.append(
                (
                    f"{action.recommendation.label}: {next(iter(problems.values()))}",
                    reverse("plan_action", args=[review.pk, action.pk]),
                )
            )
    if not Recommendation.objects.filter(review=review).exists():
        missing.append(
            ("The review has no recommendations yet", reverse("plans_review", args=[review.pk]))
        )
    return [registry.ReadinessArea("Recommendations SMART", not missing, tuple(missing))]


@registry.theme_source
def _recommendation_themes(review_ids):
    from .models import Theme

    labels = dict(Theme.choices)
    return [
        (review_id, labels.get(theme, theme))
        for review_id, theme in Recommendation.objects.filter(review__in=review_ids).values_list(
            "review_id", "theme"
        )
    ]


@registry.figure_source
def _action_figures(board, year):
    from datetime import date

    from .models import COMPLETED

    actions = Action.objects.filter(plan__review__board=board, created_on__lte=date(year, 12, 31))
    total = actions.count()
    done = actions.filter(rag=COMPLETED, completed_on__lte=date(year, 12, 31)).count()
    share = f"{round(100 * done / total)}%" if total else "none yet"
    return [
        (f"Actions in action plans by the end of {year}", total),
        ("of which completed", done),
        ("Share of actions completed", share),
    ]


@registry.path_step("actions", "Actions agreed")
def _actions_step(review):
    from django.urls import reverse

    count = Action.objects.filter(plan__review=review).count()
    return count > 0, f"{count} action{'s' if count != 1 else ''}", reverse(
        "plans_review", args=[review.pk]
    )


def _plans_url(review):
    from django.urls import reverse

    return reverse("plans_review", args=[review.pk])


def _qa_url(review):
    from django.urls import reverse

    return reverse("review_event_record", args=[review.pk, "action_plans_quality_assured"])


def _learning_url(review):
    from django.urls import reverse

    return reverse("review_learning", args=[review.pk])


registry.lifecycle_event(
    registry.LifecycleEvent(
        "action_plans_quality_assured",
        "Action plans received and quality assured",
        "action_plans",
        recordable=True,
    ),
)
registry.lifecycle_stage(
    registry.LifecycleStage(
        "action_plans",
        "Action plans",
        70,
        "action_plans_quality_assured",
        (
            registry.StageTask(
                "Quality assure the agencies' action plans",
                "action_plans_quality_assured",
                "Business manager",
                _qa_url,
            ),
            registry.StageTask(
                "Hold the debrief", "debrief_held", "Business manager", _learning_url
            ),
        ),
    )
)
registry.review_nav(
    registry.ReviewNavEntry(
        "Action plans",
        70,
        lambda review, user: _plans_url(review),
        frozenset({"action_plans"}),
    )
)
