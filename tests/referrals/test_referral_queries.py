"""Referral pages run a bounded number of queries whatever the number of agencies, answers or
referrals."""

from django.urls import reverse

from bench._harness import count_queries
from referrals import services
from tests.personas import build_referrals


def test_referral_pages_do_not_grow_with_the_data(world, client_for):
    r = build_referrals(world)
    client = client_for("manager")
    urls = [
        reverse("referral_list"),
        reverse("referral_detail", args=[r.decided.pk]),
        reverse("meeting_detail", args=[r.meeting.pk]),
        reverse("home"),
    ]
    for url in urls:  # warm the per-process caches (content types) first
        client.get(url)
    before = {url: count_queries(lambda url=url: client.get(url)) for url in urls}
    for n in range(6):
        services.family_member_add(
            referral=r.draft, by=world.users["referrer"], name=f"Relative {n}", relationship="Aunt"
        )
    build_referrals(world)  # more referrals, requests, meetings and recommendations
    for request in r.decided.requests.all()[:4]:
        services.information_request_answer(
            request=request,
            by=world.users["manager"],
            knew_family=True,
            summary="Seen once.",
            involvement="",
            records_secured=True,
        )
    after = {url: count_queries(lambda url=url: client.get(url)) for url in urls}
    assert after == before
