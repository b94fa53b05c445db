"""A review's table of action plans counts each plan's actions by their current rating, however
many progress updates they have: the counts add up to the number of actions, and match the board's
RAG report."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from actionplans import services
from actionplans.models import Rag
from actionplans.selectors import RAG_ORDER, board_report, plans_of_review
from tests.actionplans.world import recommend, smart

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(world):
    """The police's plan: one action updated three times (now red), one never updated (amber)."""
    today = timezone.localdate()
    police = world.users["author_police"].review_roles.get(review=world.review).agency
    recommendation = recommend(world, agency=police)
    first = recommendation.actions.get()
    services.action_add(
        recommendation=recommendation,
        plan=first.plan,
        by=world.users["manager"],
        today=today,
        **smart(description="Audit the domestic incident records every quarter"),
    )
    for rag in (Rag.GREEN, Rag.AMBER, Rag.RED):
        services.progress_add(
            action=first,
            by=world.users["author_police"],
            today=today,
            on=today,
            text=f"Now {rag}.",
            rag=rag,
        )
    return first.plan


def test_a_plans_counts_are_its_actions_by_current_rating(world, plan):
    (listed,) = [p for p in plans_of_review(world.users["manager"], world.review) if p == plan]
    counts = dict(listed.counts)
    assert listed.action_count == 2
    assert counts == {Rag.RED: 1, Rag.AMBER: 1, Rag.GREEN: 0, Rag.BLUE: 0}
    assert sum(counts.values()) == listed.action_count


def test_the_counts_are_the_board_reports_figures(world, plan):
    (listed,) = [p for p in plans_of_review(world.users["manager"], world.review) if p == plan]
    report = board_report(world.luton, timezone.localdate())
    (row,) = [r for r in report.by_agency if r.label == plan.owner_name]
    assert [n for _, n in listed.counts] == row.ordered
    assert row.total == listed.action_count


def test_the_review_page_shows_counts_that_add_up(world, plan, client_for):
    page = client_for("manager").get(reverse("plans_review", args=[world.review.pk]))
    row = re.search(
        rf'href="{reverse("plan_detail", args=[world.review.pk, plan.pk])}".*?</tr>',
        page.content.decode(),
        re.S,
    ).group(0)
    numbers = [int(n) for n in re.findall(r"govuk-table__cell--numeric\">(\d+)<", row)]
    # Actions, then red, amber, green and blue.
    assert numbers == [2, 1, 1, 0, 0]
    assert len(numbers) == 1 + len(RAG_ORDER)
