"""Pages run a bounded number of queries whatever the data size."""

from django.urls import reverse

from bench._harness import count_queries
from tests.factories import make_review


def _queries(client, url):
    return count_queries(lambda: client.get(url))


def test_list_pages_run_the_same_queries_for_few_or_many_reviews(world, client_for):
    client = client_for("manager")
    urls = [
        reverse("home"),
        reverse("review_list"),
        reverse("people_list", args=["luton"]),
        reverse("review_audit", args=[world.review.pk]),
        reverse("review_people", args=[world.review.pk]),
    ]
    for url in urls:  # warm the per-process caches (content types) first
        client.get(url)
    before = {url: _queries(client, url) for url in urls}
    for n in range(15):
        make_review(world.luton, child_code=f"Child {n}")
    from scr import services

    for n in range(5):
        services.person_add_to_board(
            board=world.luton,
            email=f"extra{n}@luton.example.org",
            full_name=f"Extra {n}",
            role="subgroup_member",
            agency=None,
            by=world.users["manager"],
        )
        client.get(reverse("review_detail", args=[world.review.pk]))  # more access log rows
    after = {url: _queries(client, url) for url in urls}
    assert after == before
