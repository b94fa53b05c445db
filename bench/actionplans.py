"""The action plan monitoring page at 20 and 200 reviews of 20 actions each (400 and 4,000)."""

from datetime import timedelta

from django.utils import timezone

from bench._harness import manager_client, measure

REVIEWS = (20, 200)
ACTIONS_PER_REVIEW = 20
RAGS = ["red", "amber", "green", "blue"]


def _bulk_plans(board, by, reviews) -> None:
    """Each review gets two agencies' plans and the board's, 20 actions between them, and two
    ratings per action over the past months."""
    from actionplans.models import Action, ActionPlan, RagChange, Recommendation, Theme

    today = timezone.localdate()
    agencies = list(board.agencies.order_by("pk")[:2])
    themes = list(Theme.values)
    plans = ActionPlan.objects.bulk_create(
        [
            ActionPlan(review=review, agency=agency, created_on=today - timedelta(days=300))
            for review in reviews
            for agency in [*agencies, None]
        ]
    )
    by_review: dict[int, list] = {}
    for plan in plans:
        by_review.setdefault(plan.review_id, []).append(plan)
    recommendations = Recommendation.objects.bulk_create(
        [
            Recommendation(
                review=review,
                number=n + 1,
                source="panel_single",
                agency=agencies[n % 2],
                text=f"Recommendation {n + 1}",
                theme=themes[n % len(themes)],
                agreed_by_panel=True,
            )
            for review in reviews
            for n in range(ACTIONS_PER_REVIEW)
        ]
    )
    actions = Action.objects.bulk_create(
        [
            Action(
                plan=by_review[rec.review_id][rec.number % 3],
                recommendation=rec,
                description=f"Action for recommendation {rec.number}",
                lead_name="Lead Person",
                lead_role="Named lead",
                target_date=today + timedelta(days=(rec.number * 17) % 200 - 60),
                intended_outcome="Children are safer",
                success_measure="An audit shows it",
                rag=RAGS[rec.number % 4],
                created_on=today - timedelta(days=300),
            )
            for rec in recommendations
        ],
        batch_size=1000,
    )
    RagChange.objects.bulk_create(
        [
            RagChange(
                action=action,
                on=today - timedelta(days=300 - step * (action.pk % 250)),
                from_rag="" if step == 0 else "amber",
                to_rag="amber" if step == 0 else action.rag,
                reason="created" if step == 0 else "update",
                by=by,
            )
            for action in actions
            for step in (0, 1)
        ],
        batch_size=2000,
    )


def run() -> dict:
    from scr.demo import seed_scale
    from scr.models import Review

    board, manager, client = manager_client()
    figures, made = {}, 0
    for size in REVIEWS:
        seed_scale(board=board, count=size - made, today=timezone.localdate())
        new = list(Review.objects.filter(board=board).order_by("pk")[made:size])
        _bulk_plans(board, manager, new)
        made = size
        actions = size * ACTIONS_PER_REVIEW

        def view():
            response = client.get("/action-plans/")
            assert response.status_code == 200, response.status_code

        median_ms, queries = measure(view, repeat=9)
        print(f"{actions:>5} actions: {median_ms:8.2f} ms median, {queries} queries")
        figures[f"median_ms_n{actions}"] = median_ms
        figures[f"queries_n{actions}"] = queries
    return figures
