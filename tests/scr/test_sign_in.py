from datetime import timedelta

import pytest
import time_machine
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import PASSWORD


def _sign_in(client, user):
    response = client.post(reverse("login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302, response.content[:500]
    return response


def test_an_unknown_email_and_a_wrong_password_get_the_same_message(world, client):
    unknown = client.post(reverse("login"), {"username": "no.one@example.org", "password": "x"})
    wrong = client.post(
        reverse("login"), {"username": world.users["manager"].email, "password": "x"}
    )
    for response in (unknown, wrong):
        assert response.status_code == 200
        assert b"Enter a correct email address and password" in response.content


def test_the_email_address_is_matched_whatever_its_case(world, client):
    user = world.users["manager"]
    response = client.post(reverse("login"), {"username": user.email.upper(), "password": PASSWORD})
    assert response.status_code == 302


def test_every_page_needs_a_signed_in_user(client, world):
    response = client.get(reverse("review_detail", args=[world.review.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_a_session_ends_after_thirty_idle_minutes(world, client):
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _sign_in(client, world.users["manager"])
        clock.shift(timedelta(minutes=29))
        assert client.get(reverse("home")).status_code == 200
        clock.shift(timedelta(minutes=29))  # still active: each request renews the session
        assert client.get(reverse("home")).status_code == 200
        clock.shift(timedelta(minutes=31))
        assert client.get(reverse("home")).status_code == 302


def test_a_session_ends_twelve_hours_after_sign_in_however_busy(world, client):
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _sign_in(client, world.users["manager"])
        for _ in range(28):  # a request every 25 minutes, up to 11 hours 40 minutes
            clock.shift(timedelta(minutes=25))
            assert client.get(reverse("home")).status_code == 200
        clock.shift(timedelta(minutes=25))
        response = client.get(reverse("home"))
        assert response.status_code == 302
        assert response["Location"] == reverse("login")


@pytest.fixture
def two_factor(settings):
    settings.OTP_REQUIRED = True


def test_with_two_factor_required_a_new_user_must_pair_an_app_first(world, client, two_factor):
    user = world.users["panel_chair"]
    _sign_in(client, user)
    response = client.get(reverse("review_detail", args=[world.review.pk]))
    assert response["Location"] == reverse("two_factor_setup")
    page = client.get(reverse("two_factor_setup"))
    assert b"QR code" in page.content
    device = TOTPDevice.objects.get(user=user)
    wrong = client.post(reverse("two_factor_setup"), {"token": "000000"})
    assert b"The code is not right" in wrong.content
    device.refresh_from_db()
    device.throttle_reset()  # a wrong code makes the next try wait a moment
    token = f"{totp(device.bin_key):06d}"
    assert client.post(reverse("two_factor_setup"), {"token": token}).status_code == 302
    assert client.get(reverse("review_detail", args=[world.review.pk])).status_code == 200


def test_with_two_factor_required_a_returning_user_enters_a_code(world, client, two_factor):
    user = world.users["manager"]
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    _sign_in(client, user)
    assert client.get(reverse("home"))["Location"] == reverse("two_factor_verify")
    letters = client.post(reverse("two_factor_verify"), {"token": "abcdef"})
    assert b"The code must be 6 digits" in letters.content
    token = f"{totp(device.bin_key):06d}"
    assert client.post(reverse("two_factor_verify"), {"token": token})["Location"] == reverse(
        "home"
    )
    assert client.get(reverse("home")).status_code == 200


def test_a_password_reset_leaves_the_second_factor_in_place(world, client, two_factor, mailoutbox):
    import re

    user = world.users["manager"]
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client.post(reverse("password_reset"), {"email": user.email})
    link = re.search(r"http://testserver(\S+)", mailoutbox[0].body).group(1)
    form_url = client.get(link)["Location"]
    new = "another long passphrase here"
    done = client.post(form_url, {"new_password1": new, "new_password2": new})
    assert done["Location"] == reverse("password_reset_complete")
    assert client.get(reverse("home"))["Location"].startswith(reverse("login"))
    client.post(reverse("login"), {"username": user.email, "password": new})
    assert client.get(reverse("home"))["Location"] == reverse("two_factor_verify")
