from datetime import date

import pytest
from django.core.exceptions import ValidationError

from scr import services
from scr.models import Board, Review

pytestmark = pytest.mark.django_db


def test_case_references_count_up_per_board_and_year():
    mk = Board.objects.get(slug="milton-keynes")
    luton = Board.objects.get(slug="luton")
    refs = [services.case_reference_allocate(board=mk, on=date(2026, 5, 1)) for _ in range(3)]
    assert refs == ["MK-2026-001", "MK-2026-002", "MK-2026-003"]
    assert services.case_reference_allocate(board=luton, on=date(2026, 5, 1)) == "LU-2026-001"
    assert services.case_reference_allocate(board=mk, on=date(2027, 1, 2)) == "MK-2027-001"


def test_a_new_review_takes_its_completion_date_from_the_board():
    board = Board.objects.get(slug="rotherham")
    review = services.review_create(
        board=board,
        child_code="Child A",
        review_type="scr",
        started_on=date(2026, 1, 31),
        by=services.system_user(),
    )
    assert review.reference == "RO-2026-001"
    assert review.completion_due == date(2026, 5, 31)
    assert review.history.get().history_user.is_system


def test_a_review_type_the_board_does_not_offer_is_refused():
    board = Board.objects.get(slug="rotherham")
    with pytest.raises(ValidationError):
        services.review_create(
            board=board,
            child_code="Child A",
            review_type="silp",
            started_on=date(2026, 1, 1),
            by=services.system_user(),
        )
    assert not Review.objects.exists()


def test_a_save_on_top_of_someone_elses_newer_change_is_refused():
    board = Board.objects.get(slug="luton")
    by = services.system_user()
    seen = services.version_of(board)
    services.board_update(board=board, by=by, version=seen, extension_authority="Ofsted")
    stale = Board.objects.get(pk=board.pk)
    with pytest.raises(ValidationError, match="Someone else saved"):
        services.board_update(board=stale, by=by, version=seen, short_name="Changed")
    board.refresh_from_db()
    assert board.short_name == "Luton LSCB"
    assert board.extension_authority == "Ofsted"


def test_the_system_user_cannot_sign_in():
    user = services.system_user()
    assert not user.is_active
    assert services.system_user() == user
