"""Nothing a person can type gives a server error: every form on every page of the route x role
matrix (as the business manager, who reaches the most) is posted with generated bad values:
huge and negative numbers, long years, malformed dates, tampered ids, very long strings and
control characters. Each answer must be below 500."""

import re
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.personas import build_referrals
from tests.test_route_matrix import ROUTES

pytestmark = pytest.mark.django_db

BAD_TEXT = st.sampled_from(
    [
        "99999999999999999999999",
        "-99999999999",
        "-1",
        "0",
        "1e308",
        "NaN",
        "abc",
        "",
        " ",
        "x" * 10_000,
        "\x00",
        "a\x00b",
        "\x1b[31m\x07",
        "\u202e\ufeff",
        "2026-02-31",
        "31/02/2026",
        "99999999999-01-01",
        "<script>alert(1)</script>",
        "=cmd|' /C calc'!A0",
    ]
)
BAD_DATE_PART = st.sampled_from(["0", "-1", "32", "13", "99999999999", "abc", "", "2.5", "\x00"])


class _Forms(HTMLParser):
    """The POST forms of a page: for each, its fields and their current values."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self._current: dict | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = {"action": attrs.get("action") or "", "fields": {}, "hidden": set()}
            self.forms.append(self._current)
        elif self._current is not None and tag in ("input", "select", "textarea"):
            name = attrs.get("name")
            if not name or name == "csrfmiddlewaretoken":
                return
            if attrs.get("type") == "hidden":
                self._current["hidden"].add(name)
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                self._current["fields"].setdefault(name, attrs.get("value", "on"))
                return
            self._current["fields"][name] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def _forms(html: str) -> list[dict]:
    parser = _Forms()
    parser.feed(html)
    return [f for f in parser.forms if f["fields"]]


def _bad_values(draw, form: dict) -> dict:
    data = {}
    for name, value in form["fields"].items():
        if name in form["hidden"] and draw(st.booleans()):
            data[name] = value  # keep the page's own version, part and token
        elif re.search(r"-(day|month|year)$", name):
            data[name] = draw(BAD_DATE_PART)
        else:
            data[name] = draw(BAD_TEXT)
    return data


def _poster(client, url: str, forms: list[dict], seen: list[int]):
    @settings(
        max_examples=5,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(st.data())
    def post_bad_values(data):
        form = data.draw(st.sampled_from(forms))
        payload = _bad_values(data.draw, form)
        response = client.post(form["action"] or url, payload)
        seen.append(response.status_code)
        assert response.status_code < 500, (form["action"] or url, payload)

    return post_bad_values


FORM_ROUTES = sorted(
    route
    for route, (_, outcomes) in ROUTES.items()
    if outcomes.get("manager") == 200 and route != "logout"
)


class _Undo(Exception):
    pass


def _route(client, route: str, world, seen: list[int]) -> None:
    url = reverse(route, kwargs=ROUTES[route][0](world))
    page = client.get(url)
    if page.status_code != 200 or "html" not in page.get("Content-Type", ""):
        return
    forms = _forms(page.content.decode())
    if forms:
        _poster(client, url, forms, seen)()


def test_no_form_answers_bad_input_with_a_server_error(world, client_for):
    """One world for every route (building it per route would take minutes); each route's forms
    get their own generated examples, and every failure is listed at the end."""
    world.r = build_referrals(world)
    failures, posted = [], 0
    for route in FORM_ROUTES:
        client = client_for("manager")  # a bad post may have signed the manager out
        seen: list[int] = []
        try:
            with transaction.atomic():  # each route starts from the same world
                _route(client, route, world, seen)
                raise _Undo
        except _Undo:
            pass
        except AssertionError as failure:
            failures.append(f"{route}: {str(failure)[:300]}")
        posted += len(seen)
    assert posted > 200
    assert not failures, "\n".join(failures)
