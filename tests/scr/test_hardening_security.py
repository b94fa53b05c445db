"""Hardening: the sign-in lockout cannot be stepped round, password resets are limited, signed-in
pages are never stored by the browser, and the demo runs with DEBUG off."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.http import HttpResponse
from django.test import RequestFactory, override_settings
from django.urls import reverse

from scr import middleware
from tests.factories import PASSWORD, UserFactory
from tests.personas import build_referrals
from tests.test_route_matrix import REFERRAL_ROUTES, ROUTES

ADDRESS_LIMIT = 5  # failed sign-ins for one address from one client
CLIENT_LIMIT = 20  # failed sign-ins from one client, whatever the addresses
RESETS_PER_ADDRESS = 3  # password-reset requests an hour
RESETS_PER_CLIENT = 10


def _sign_in(client, username, password=PASSWORD, address="127.0.0.1"):
    return client.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def _locked(response) -> bool:
    return response.status_code == 429 and b"Sign-in is locked" in response.content


def _signed_in(client) -> bool:
    return client.get(reverse("home")).status_code == 200


# Sign-in lockout


def test_while_an_address_is_locked_no_variant_of_it_signs_in(world, client):
    email = world.users["manager"].email
    for _ in range(ADDRESS_LIMIT):
        _sign_in(client, email, "wrong password")
    for variant in (email, email.upper(), email.capitalize(), f"  {email}", f"{email} "):
        assert _locked(_sign_in(client, variant)), variant
        assert not _signed_in(client), variant


def test_failures_with_any_variant_of_an_address_count_towards_one_limit(world, client):
    email = world.users["manager"].email
    for variant in (email, email.upper(), email.capitalize(), f"{email} "):
        assert not _locked(_sign_in(client, variant, "wrong password")), variant
    assert _locked(_sign_in(client, f" {email.title()} ", "wrong password"))
    assert _locked(_sign_in(client, email))


def test_one_client_guessing_across_many_addresses_is_locked_out(world, client):
    for n in range(CLIENT_LIMIT - 1):
        assert not _locked(_sign_in(client, f"guess{n}@luton.example.org", "password1"))
    # Below the limit, someone else in the same office still signs in.
    _sign_in(client, world.users["author_health"].email)
    assert _signed_in(client)
    client.logout()
    assert _locked(_sign_in(client, "one.more@luton.example.org", "password1"))
    assert _locked(_sign_in(client, world.users["manager"].email))
    assert not _signed_in(client)
    # Another client is not locked.
    _sign_in(client, world.users["manager"].email, address="10.1.2.3")
    assert _signed_in(client)


def test_signing_in_to_ones_own_account_does_not_clear_the_clients_count(world, client):
    own = world.users["referrer"]
    for n in range(CLIENT_LIMIT - 1):
        _sign_in(client, f"victim{n}@luton.example.org", "password1")
    _sign_in(client, own.email)
    assert _signed_in(client)
    client.logout()
    assert _locked(_sign_in(client, "victim.last@luton.example.org", "password1"))


# Password reset


def _reset(client, email, address="127.0.0.1"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_reset_emails_for_one_address_are_limited(world, client, mailoutbox):
    email = world.users["manager"].email
    for variant in (email, email.upper(), f" {email} ", email, email, email, email, email):
        response = _reset(client, variant)
        assert response.status_code == 302
        assert response["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == RESETS_PER_ADDRESS
    assert {m.to[0] for m in mailoutbox} == {email}
    # Another person still gets their link.
    _reset(client, world.users["referrer"].email)
    assert len(mailoutbox) == 4


def test_reset_requests_from_one_client_are_limited(world, client, mailoutbox):
    limit = RESETS_PER_CLIENT
    people = [UserFactory(email=f"person{n}@luton.example.org") for n in range(limit + 2)]
    for person in people:
        assert _reset(client, person.email)["Location"] == reverse("password_reset_done")
    assert len(mailoutbox) == limit
    # Another client is not limited by this one.
    _reset(client, people[-1].email, address="10.1.2.3")
    assert len(mailoutbox) == limit + 1
    assert mailoutbox[-1].to == [people[-1].email]


def test_the_reset_pages_say_the_same_whether_or_not_an_email_was_sent(world, client, mailoutbox):
    email = world.users["manager"].email
    answers = []
    for _ in range(RESETS_PER_ADDRESS + 1):
        response = _reset(client, email)
        answers.append((response.status_code, response["Location"]))
    assert len(mailoutbox) == RESETS_PER_ADDRESS
    assert len(set(answers)) == 1
    unknown = _reset(client, "no.one@luton.example.org")
    assert (unknown.status_code, unknown["Location"]) == answers[0]


# Cache-Control: no-store on signed-in pages and downloads


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_a_signed_in_managers_pages_and_downloads_are_not_stored(route, world, client_for):
    kwargs_for, _ = ROUTES[route]
    if route in REFERRAL_ROUTES:
        world.r = build_referrals(world)
    response = client_for("manager").get(reverse(route, kwargs=kwargs_for(world)))
    # Every answer to a signed-in person, not only the pages they may open (a 404 or 405 too).
    assert "no-store" in response.get("Cache-Control", ""), (route, response.status_code)


def test_static_files_are_left_alone(client_for):
    static = client_for("manager").get("/static/vendor/app.min.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")


def test_a_views_own_cache_control_with_no_store_is_kept(world):
    def view(request):
        response = HttpResponse("letter")
        response["Cache-Control"] = "private, no-store"
        return response

    request = RequestFactory().get("/")
    request.user = world.users["manager"]
    assert middleware.NoStoreMiddleware(view)(request)["Cache-Control"] == "private, no-store"


def test_a_public_cache_control_on_a_signed_in_response_becomes_private_no_store(world):
    def view(request):
        response = HttpResponse("page")
        response["Cache-Control"] = "public, max-age=600"
        return response

    request = RequestFactory().get("/")
    request.user = world.users["manager"]
    header = middleware.NoStoreMiddleware(view)(request)["Cache-Control"]
    assert "no-store" in header and "private" in header and "public" not in header


# The local settings `make run` uses


def _local_settings() -> dict:
    """The local settings as `make run` starts them: DEBUG and the like left to their defaults."""
    env = {k: v for k, v in os.environ.items() if k not in ("DEBUG", "DJANGO_SETTINGS_MODULE")}
    env["DJANGO_SETTINGS_MODULE"] = "scr.settings.local"
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'DEBUG': s.DEBUG, 'ALLOWED_HOSTS': s.ALLOWED_HOSTS, "
        "'MIDDLEWARE': s.MIDDLEWARE, 'WHITENOISE_USE_FINDERS': s.WHITENOISE_USE_FINDERS}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def local_settings() -> dict:
    return _local_settings()


def test_the_local_settings_run_with_debug_off_and_serve_static_files(local_settings):
    assert local_settings["DEBUG"] is False
    assert {"127.0.0.1", "localhost"} <= set(local_settings["ALLOWED_HOSTS"])
    assert "whitenoise.middleware.WhiteNoiseMiddleware" in local_settings["MIDDLEWARE"]
    assert local_settings["WHITENOISE_USE_FINDERS"] is True


def test_a_missing_page_under_the_local_settings_is_the_govuk_404_page(local_settings, client, db):
    with override_settings(DEBUG=local_settings["DEBUG"]):
        response = client.get("/no-such-page/")
        static = client.get("/static/vendor/app.min.css")
    assert response.status_code == 404
    assert "404.html" in [t.name for t in response.templates]
    assert b"Page not found" in response.content
    assert b"govuk-template" in response.content
    for technical in (b"URLconf", b"DEBUG = True", b"Django tried these URL patterns"):
        assert technical not in response.content
    assert static.status_code == 200
