"""Every create and every state change is safe to send twice: each POST form on every page the
business manager reaches in the route x role matrix is sent as the page shows it, then sent again
with the same page's token. Whatever the first did (a row made, a letter marked sent, a report
accepted), the second makes no row and changes nothing: no table, history included, grows."""

import pytest
from django.apps import apps
from django.db import transaction
from django.urls import reverse

from tests.personas import build_referrals
from tests.test_bad_input import FORM_ROUTES, ROUTES, _forms

pytestmark = pytest.mark.django_db

# Written by reading or by the guard itself, not by what the form does.
NOT_COUNTED = {"scr.accesslog", "scr.submission", "sessions.session", "axes.accessattempt"}


def _rows() -> dict[str, int]:
    return {
        model._meta.label_lower: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.label_lower not in NOT_COUNTED and not model._meta.proxy
    }


class _Undo(Exception):
    pass


def test_each_form_sent_twice_does_its_thing_once(world, client_for):
    world.r = build_referrals(world)
    twice, changed_by_first = [], 0
    for route in FORM_ROUTES:
        client = client_for("manager")
        try:
            with transaction.atomic():  # each route starts from the same world
                url = reverse(route, kwargs=ROUTES[route][0](world))
                page = client.get(url)
                if page.status_code == 200 and "html" in page.get("Content-Type", ""):
                    for form in _forms(page.content.decode()):
                        if "_once" not in form["fields"]:
                            continue
                        target = form["action"] or url
                        before = _rows()
                        first = client.post(target, form["fields"])
                        after_first = _rows()
                        second = client.post(target, form["fields"])
                        assert second.status_code < 500, (route, target)
                        if after_first != before and first.status_code == 302:
                            changed_by_first += 1
                            grown = {
                                k: v - after_first[k] for k, v in _rows().items() if v != after_first[k]
                            }
                            if grown:
                                twice.append(f"{route}: {grown}")
                raise _Undo
        except _Undo:
            pass
    assert changed_by_first >= 10  # the forms sent as shown did real things
    assert not twice, twice
