"""The review's own pages run a bounded number of queries however many milestones, agencies'
answers, extensions or terms versions it has."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from bench._harness import count_queries
from scr import services


def test_review_pages_do_not_grow_with_the_data(world, client_for):
    review, manager, today = world.review, world.users["manager"], timezone.localdate()
    client = client_for("manager")
    urls = [
        reverse(name, args=[review.pk])
        for name in (
            "review_timetable",
            "review_setup",
            "review_tracker",
            "terms_detail",
            "review_detail",
            "review_people",
        )
    ] + [reverse("calendar_settings")]
    services.setup_requests_send(review=review, by=manager, due_on=today, today=today)
    services.terms_save(
        review=review,
        by=manager,
        version=None,
        today=today,
        fields={"reason_and_key_issues": "Why"},
    )
    for url in urls:
        client.get(url)
    before = {url: count_queries(lambda url=url: client.get(url)) for url in urls}
    for name in ("author_police", "author_health"):
        author = world.users[name]
        agency = author.memberships.get(board=world.luton).agency
        services.involvement_answer(
            involvement=review.involvements.get(agency=agency),
            by=manager,
            involved=True,
            author=author,
            today=today,
        )
    for n in range(3):
        extension = services.extension_request(
            review=review,
            by=manager,
            reasons="Trial",
            today=today,
            proposed_date=review.completion_due + timedelta(days=10),
        )
        services.extension_decide(
            extension=extension,
            by=manager,
            agreed=True,
            decided_on=today,
            letter_reference=f"L{n}",
            today=today,
        )
        services.terms_save(
            review=review,
            by=manager,
            version=None,
            today=today,
            fields={"media_handling": f"Version {n}"},
        )
    after = {url: count_queries(lambda url=url: client.get(url)) for url in urls}
    assert after == before
