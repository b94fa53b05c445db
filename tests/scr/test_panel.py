import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from scr import services
from scr.models import Board, ReviewRole


@pytest.mark.django_db
def test_each_boards_panel_rule():
    rotherham = Board.objects.get(slug="rotherham")
    mk = Board.objects.get(slug="milton-keynes")
    assert not rotherham.panel_check(True, [1, 2, 3]).quorate  # three agencies plus the chair
    assert rotherham.panel_check(True, [1, 2, 3, 4]).quorate
    assert not rotherham.panel_check(False, [1, 2, 3, 4]).quorate  # no independent chair
    assert not rotherham.panel_check(True, [1, 1, 2, 3]).quorate  # agencies count once
    assert not mk.panel_check(True, [None] * 4).quorate
    assert mk.panel_check(True, [None] * 5).quorate  # six with the chair
    assert Board.objects.get(slug="luton").panel_check(False, []).quorate


def test_the_people_page_warns_of_a_panel_too_small(world, client_for):
    page = client_for("manager").get(reverse("review_people", args=[world.review.pk]))
    # Luton has no minimum, so no warning; Rotherham needs four agencies and a chair.
    assert b"The panel needs" not in page.content
    rotherham_manager = client_for("other_board")
    page = rotherham_manager.get(reverse("review_people", args=[world.other_review.pk]))
    assert b"at least 4 agencies" in page.content and b"independent chair" in page.content


def test_an_author_declares_their_own_independence_once(world, client_for):
    author = world.users["author_police"]
    role = ReviewRole.objects.get(review=world.review, user=author)
    client = client_for("author_police")
    assert b"Declare your independence" in client.get(reverse("home")).content
    url = reverse("independence_declare", args=[world.review.pk, role.pk])
    missing = client.post(url, {})
    assert b"Confirm your declaration" in missing.content
    assert client.post(url, {"no_involvement": "on"}).status_code == 302
    role.refresh_from_db()
    assert role.independence_declared_on == timezone.localdate()
    assert b"Declare your independence" not in client.get(reverse("home")).content
    with pytest.raises(ValidationError):
        services.independence_declare(review_role=role, by=author, on=timezone.localdate())
    other = ReviewRole.objects.get(review=world.review, user=world.users["author_health"])
    assert (
        client.get(reverse("independence_declare", args=[world.review.pk, other.pk])).status_code
        == 404
    )
