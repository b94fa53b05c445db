"""The action plan pages run a bounded number of queries however many plans, actions, updates and
ratings there are; the trend is rebuilt correctly from the ratings' record."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans import services
from actionplans.models import Action, Rag, RagChange, RagReason, Source
from actionplans.selectors import ratings_on
from bench._harness import count_queries
from tests.actionplans.world import build_plans, evidence_file, recommend

pytestmark = pytest.mark.django_db


def _more(world, n: int) -> None:
    today = timezone.localdate()
    agencies = list(world.luton.agencies.order_by("pk")[:3])
    for i in range(n):
        rec = recommend(world, agency=agencies[i % 3], source=Source.PANEL_SINGLE)
        action = rec.actions.get()
        services.progress_add(
            action=action, by=world.users["manager"], today=today, on=today,
            text=f"Update {i}", rag=[Rag.RED, Rag.GREEN, Rag.BLUE][i % 3],
            files=[evidence_file(f"e{i}.pdf")],
        )
        services.updates_request(
            plans=[action.plan], by=world.users["manager"], due_on=today, today=today
        )


def test_action_plan_pages_do_not_grow_with_the_data(world, client_for):
    plans = build_plans(world)
    review = world.review.pk
    urls = [
        reverse("plans_review", args=[review]),
        reverse("plan_detail", args=[review, plans.police.pk]),
        reverse("plan_action", args=[review, plans.action.pk]),
        reverse("plans_monitoring"),
        reverse("home"),
        reverse("review_tracker", args=[review]),
    ]
    for persona in ("manager", "author_police"):
        client = client_for(persona)
        for url in urls:
            client.get(url)
        before = {url: count_queries(lambda url=url, client=client: client.get(url)) for url in urls}
        _more(world, 6)
        for n in range(3):
            services.progress_add(
                action=plans.action, by=world.users["author_police"],
                today=timezone.localdate(), on=timezone.localdate(), text=f"More {n}",
                rag=Rag.GREEN, files=[evidence_file()],
            )
        after = {url: count_queries(lambda url=url, client=client: client.get(url)) for url in urls}
        assert after == before, persona


def test_the_trend_takes_the_last_rating_of_each_day(world):
    today = timezone.localdate()
    action = recommend(world, agency=world.luton.agencies.first()).actions.get()
    RagChange.objects.filter(action=action).update(on=today - timedelta(days=5))
    for on, rag in [(today - timedelta(days=2), Rag.GREEN), (today - timedelta(days=2), Rag.RED)]:
        RagChange.objects.create(
            action=action, on=on, from_rag="", to_rag=rag, reason=RagReason.UPDATE,
            by=world.users["manager"],
        )
    days = [today - timedelta(days=d) for d in (6, 5, 3, 2, 0)]
    points = ratings_on(Action.objects.filter(pk=action.pk), days)
    assert [p.counts for p in points] == [
        {},
        {Rag.AMBER: 1},
        {Rag.AMBER: 1},
        {Rag.RED: 1},
        {Rag.RED: 1},
    ]
