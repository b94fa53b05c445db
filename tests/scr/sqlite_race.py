"""Run by tests/scr/test_conflicts.py in its own process, on a fresh SQLite file with the
product's SQLite settings: migrate, make a review with a panel meeting, then ten rounds of two
people saving its minutes at the same moment over the same version. Prints each round's two
status codes as JSON on the last line."""

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

from scr import services  # noqa: E402
from tests.personas import build_world  # noqa: E402

world = build_world()
meeting = services.panel_meeting_add(
    review=world.review, by=world.users["manager"], starts_at=timezone.now(), purpose="Panel"
)
url = reverse("panel_meeting", args=[world.review.pk, meeting.pk])


def _save(text: str, version: str, barrier: threading.Barrier, codes: list) -> None:
    try:
        client = Client()
        client.force_login(world.users["manager"])
        barrier.wait()
        response = client.post(url, {"part": "minutes", "version": version, "minutes": text})
        codes.append(response.status_code)
    finally:
        connection.close()


rounds = []
for n in range(10):
    meeting.refresh_from_db()
    version, codes, barrier = services.version_of(meeting), [], threading.Barrier(2)
    threads = [
        threading.Thread(target=_save, args=(f"Round {n}: {who}", version, barrier, codes))
        for who in "AB"
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    rounds.append(codes)
print(json.dumps(rounds))
