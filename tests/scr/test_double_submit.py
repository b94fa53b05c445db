"""Every form is safe to send twice: a double click, or the same form sent twice at once, does the
thing once and shows the second click the result."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from referrals.models import FamilyMember, Referral
from scr.models import Submission

TOKEN = re.compile(r'name="_once" value="([0-9a-f]{32})"')


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _token(client: Client, url: str) -> str:
    page = client.get(url).content.decode()
    found = TOKEN.findall(page)
    assert found, "every form that posts carries a token"
    return found[-1]


@pytest.mark.django_db
def test_a_second_click_on_start_a_referral_is_shown_the_first_referral(world):
    client = _signed_in(world.users["manager"])
    url = reverse("referral_create")
    token = _token(client, url)
    first = client.post(url, {"_once": token})
    second = client.post(url, {"_once": token})
    assert first.status_code == second.status_code == 302
    assert first["Location"] == second["Location"]
    assert Referral.objects.filter(referred_by=world.users["manager"]).count() == 1
    # A fresh page gives a fresh token: starting another referral on purpose still works.
    client.post(url, {"_once": _token(client, url)})
    assert Referral.objects.filter(referred_by=world.users["manager"]).count() == 2


@pytest.mark.django_db
def test_a_refused_form_can_be_corrected_and_sent_with_the_same_token(world):
    client = _signed_in(world.users["manager"])
    client.post(reverse("referral_create"), {"_once": _token(client, reverse("referral_create"))})
    referral = Referral.objects.get(referred_by=world.users["manager"])
    url = reverse("referral_family", args=[referral.pk])
    token = _token(client, url)
    refused = client.post(url, {"_once": token, "name": "", "relationship": ""})
    assert refused.status_code == 200 and b"govuk-error-summary" in refused.content
    accepted = client.post(url, {"_once": token, "name": "Sam Parent", "relationship": "Father"})
    again = client.post(url, {"_once": token, "name": "Sam Parent", "relationship": "Father"})
    assert accepted.status_code == again.status_code == 302
    assert FamilyMember.objects.filter(referral=referral).count() == 1
    assert Submission.objects.filter(token=token, finished=True).count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_same_form_sent_twice_at_once_makes_one_row(world):
    user = world.users["manager"]
    client = _signed_in(user)
    client.post(reverse("referral_create"), {"_once": _token(client, reverse("referral_create"))})
    referral = Referral.objects.get(referred_by=user)
    url = reverse("referral_family", args=[referral.pk])
    token = _token(client, url)
    answers, barrier = [], threading.Barrier(2)

    def send():
        try:
            barrier.wait()
            response = _signed_in(user).post(
                url, {"_once": token, "name": "Sam Parent", "relationship": "Father"}
            )
            answers.append(response.status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert answers == [302, 302]
    assert FamilyMember.objects.filter(referral=referral).count() == 1


@pytest.mark.django_db(transaction=True)
def test_two_decisions_sent_at_once_make_one_decision_and_one_set_of_notifications():
    from datetime import timedelta

    from django.core.exceptions import ValidationError
    from django.utils import timezone

    from journeys.story import Case, drive
    from referrals import services as referrals
    from referrals.models import ChairDecision, Notification
    from scr.board_defaults import load_default_boards
    from scr.demo import people_for
    from scr.models import Agency, Board

    load_default_boards(Board, Agency)
    board = Board.objects.get(slug="waltham-forest")
    people = people_for(board)
    today = timezone.localdate()
    case = drive(
        Case(board, people, today - timedelta(days=10)), until="recommendation", today=today
    )
    outcomes, barrier = [], threading.Barrier(2)

    def decide():
        try:
            barrier.wait()
            referrals.chair_decide(
                referral=case.referral,
                by=people["chair"],
                agrees=True,
                option_code="",
                reasons="Agreed.",
                decided_on=today,
            )
            outcomes.append("decided")
        except ValidationError as error:
            outcomes.append(error.messages[0])
        finally:
            connection.close()

    threads = [threading.Thread(target=decide) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["This referral has already been decided.", "decided"]
    assert ChairDecision.objects.filter(referral=case.referral).count() == 1
    assert Notification.objects.filter(referral=case.referral).count() == len(
        board.notification_recipients
    )
