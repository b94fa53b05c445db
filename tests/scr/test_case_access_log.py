"""Every page that shows case content writes an access-log row: walked over every route of the
route x role matrix that answers 200, for the personas who may see it."""

import pytest
from django.urls import reverse

from scr import registry
from scr.models import AccessLog
from tests.personas import build_referrals
from tests.test_route_matrix import REFERRAL_ROUTES, ROUTES

pytestmark = pytest.mark.django_db

PERSONAS = ("manager", "panel_chair", "author_police")


def _case_page(url: str) -> bool:
    return any(url.startswith(prefix) for prefix, _ in registry.case_pages)


def test_every_case_page_any_persona_opens_is_in_the_access_log(world, client_for):
    world.r = build_referrals(world)
    opened, missing = 0, []
    for route, (kwargs_for, outcomes) in sorted(ROUTES.items()):
        kwargs = kwargs_for(world)
        url = reverse(route, kwargs=kwargs)
        if "pk" not in kwargs or not _case_page(url):  # lists and forms to start one: no case
            continue
        for persona in PERSONAS:
            if outcomes.get(persona) != 200:
                continue
            client = client_for(persona)
            before = AccessLog.objects.filter(path=url, user=world.users[persona]).count()
            response = client.get(url)
            if response.status_code != 200:
                continue
            opened += 1
            after = AccessLog.objects.filter(path=url, user=world.users[persona]).count()
            if after <= before:
                missing.append(f"{route} as {persona}")
    assert opened > 60
    assert not missing, missing
    assert REFERRAL_ROUTES  # the referral pages were among them


def test_a_page_polling_itself_is_not_logged_again(world, client_for):
    client = client_for("manager")
    url = reverse("review_timetable", args=[world.review.pk])
    client.get(url)
    client.get(url, headers={"X-Requested-With": "poll"})
    assert AccessLog.objects.filter(path=url).count() == 1
