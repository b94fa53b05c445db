"""Run by tests/scr/test_conflicts.py in its own process, on a fresh SQLite file with the
product's SQLite settings: migrate, make a review with a panel meeting and an overview report,
then ten rounds of two people saving the minutes at the same moment over the same version, and
ten of two saving the same overview section over the same revision. Prints each round's two
status codes, and each loser's page showing both texts, as JSON on the last line."""

import json
import threading

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

setup_test_environment()
call_command("migrate", verbosity=0)

from scr import publication, services  # noqa: E402
from tests.personas import build_world  # noqa: E402
from tests.scr.end_world import build_end_world  # noqa: E402

world = build_world()
meeting = services.panel_meeting_add(
    review=world.review, by=world.users["manager"], starts_at=timezone.now(), purpose="Panel"
)
url = reverse("panel_meeting", args=[world.review.pk, meeting.pk])


def _post(who, target: str, data: dict, texts, barrier: threading.Barrier, codes: list) -> None:
    try:
        client = Client()
        client.force_login(who)
        barrier.wait()
        response = client.post(target, data)
        both = all(t in response.content.decode() for t in texts)
        codes.append(response.status_code if response.status_code != 200 or both else 299)
    finally:
        connection.close()


def _race(who, target: str, data_for, round_: int) -> list[int]:
    codes, barrier = [], threading.Barrier(2)
    texts = [f"Round {round_}: text {n}" for n in "AB"]
    threads = [
        threading.Thread(target=_post, args=(who, target, data_for(t), texts, barrier, codes))
        for t in texts
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return codes


rounds = []
for n in range(10):
    meeting.refresh_from_db()
    version = services.version_of(meeting)
    rounds.append(
        _race(
            world.users["manager"],
            url,
            lambda text, v=version: {"part": "minutes", "version": v, "minutes": text},
            n,
        )
    )

end = build_end_world()
report = publication.overview_for(end.review)
section = report.sections.order_by("pk").first()
section_url = reverse("overview_section", args=[end.review.pk, section.key])
for n in range(10, 20):
    section.refresh_from_db()
    rounds.append(
        _race(
            end.users["overview.author"],
            section_url,
            lambda text, r=section.revision: {"text": text, "revision": r},
            n,
        )
    )
print(json.dumps(rounds))
