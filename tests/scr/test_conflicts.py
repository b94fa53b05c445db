"""Two people saving the same thing: the one who loses sees both texts, never a 500 and never a
silent overwrite; on PostgreSQL and on the embedded SQLite settings."""

import json
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from scr import services

ROOT = Path(__file__).resolve().parents[2]


def _meeting(world):
    return services.panel_meeting_add(
        review=world.review,
        by=world.users["manager"],
        starts_at=timezone.now(),
        purpose="First panel meeting",
    )


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_the_loser_of_two_minutes_saves_sees_both_texts(world):
    meeting = _meeting(world)
    url = reverse("panel_meeting", args=[world.review.pk, meeting.pk])
    version = services.version_of(meeting)
    manager = _client(world.users["manager"])
    first = manager.post(url, {"part": "minutes", "version": version, "minutes": "Theirs: A1 seen."})
    assert first.status_code == 302
    second = manager.post(url, {"part": "minutes", "version": version, "minutes": "Mine: B2 late."})
    page = second.content.decode()
    assert second.status_code == 200
    assert "govuk-error-summary" in page and "Someone else saved the minutes" in page
    assert "Theirs: A1 seen." in page and "Mine: B2 late." in page
    meeting.refresh_from_db()
    assert meeting.minutes == "Theirs: A1 seen."  # nothing overwritten
    # The merged text, sent over the newer version, is saved.
    merged = manager.post(
        url,
        {
            "part": "minutes",
            "version": services.version_of(meeting),
            "minutes": "Theirs: A1 seen. Mine: B2 late.",
        },
    )
    assert merged.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_two_minutes_saves_at_once_give_one_save_and_one_conflict_screen(world):
    meeting = _meeting(world)
    url = reverse("panel_meeting", args=[world.review.pk, meeting.pk])
    version = services.version_of(meeting)
    results, barrier = {}, threading.Barrier(2)

    def save(text):
        try:
            barrier.wait()
            response = _client(world.users["manager"]).post(
                url, {"part": "minutes", "version": version, "minutes": text}
            )
            results[text] = (response.status_code, response.content.decode())
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(t,)) for t in ("Text one", "Text two")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    codes = sorted(code for code, _ in results.values())
    assert codes == [200, 302]
    loser = next(text for text, (code, _) in results.items() if code == 200)
    winner = next(text for text, (code, _) in results.items() if code == 302)
    assert winner in results[loser][1] and loser in results[loser][1]
    meeting.refresh_from_db()
    assert meeting.minutes == winner


def test_on_the_embedded_sqlite_default_simultaneous_saves_never_fail(tmp_path):
    """The same races on SQLite with the product's own settings for it (immediate transactions,
    a busy timeout, WAL): ten rounds of two minutes saves at once and ten of two saves of one
    overview section, each a save and a conflict screen showing both texts (200)."""
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'office.sqlite3'}",
        "DJANGO_SETTINGS_MODULE": "scr.settings.test",
        "PYTHONPATH": str(ROOT),
    }
    probe = subprocess.run(
        [sys.executable, str(Path(__file__).with_name("sqlite_race.py"))],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert probe.returncode == 0, probe.stderr[-3000:]
    rounds = json.loads(probe.stdout.strip().splitlines()[-1])
    assert len(rounds) == 20
    for codes in rounds:
        assert sorted(codes) == [200, 302], rounds
