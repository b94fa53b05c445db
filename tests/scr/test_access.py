import pytest
from django.http import Http404
from django.test import RequestFactory
from guardian.shortcuts import get_perms

from scr import services
from scr.access import Perm, can, get_for_user_or_404
from scr.models import AccessLog, Agency, Board, BoardMembership, Review, ReviewRole
from scr.models.audit import AccessAction
from tests.factories import make_review


def _request(user):
    request = RequestFactory().get("/somewhere/")
    request.user = user
    return request


def test_a_board_manager_sees_only_their_own_boards_reviews(world):
    manager = world.users["manager"]
    visible = set(Review.objects.for_user(manager))
    assert world.review in visible
    assert world.other_review not in visible
    assert set(Agency.objects.for_user(manager)) == set(world.luton.agencies.all())
    assert list(Board.objects.for_user(manager)) == [world.luton]


def test_agency_staff_see_only_the_reviews_they_hold_a_role_in(world):
    another = make_review(world.luton, child_code="Child Z")
    author = world.users["author_police"]
    assert list(Review.objects.for_user(author)) == [world.review]
    assert not can(author, Perm.VIEW_REVIEW, another)
    assert can(author, Perm.VIEW_REVIEW, world.review)
    assert not can(author, Perm.MANAGE_REVIEW, world.review)


def test_a_review_shared_with_someone_from_another_board_is_visible_to_them_alone(world):
    outsider = world.users["other_board"]
    services.review_role_assign(
        review=world.review,
        user=outsider,
        role="specialist_adviser",
        agency=None,
        by=world.users["manager"],
    )
    assert world.review in set(Review.objects.for_user(outsider))
    assert not can(outsider, Perm.MANAGE_REVIEW, world.review)
    assert world.luton not in set(Board.objects.for_user(outsider))


def test_a_refused_request_is_a_404_and_is_logged(world):
    request = _request(world.users["other_board"])
    with pytest.raises(Http404):
        get_for_user_or_404(request, Review.objects.all(), pk=world.review.pk)
    entry = AccessLog.objects.get(action=AccessAction.REFUSED)
    assert entry.user == world.users["other_board"]
    assert entry.board == world.luton
    assert entry.object_id == str(world.review.pk)


def test_a_deactivated_user_can_do_nothing(world):
    gone = world.users["deactivated"]
    assert not can(gone, Perm.VIEW_REVIEW, world.review)
    assert not Review.objects.for_user(gone).exists()


def test_the_access_log_cannot_be_changed_or_deleted(world):
    entry = AccessLog.objects.create(action=AccessAction.VIEW, object_type="Review")
    entry.description = "edited"
    with pytest.raises(ValueError):
        entry.save()
    with pytest.raises(ValueError):
        entry.delete()


def test_giving_and_taking_a_review_role_grants_and_withdraws_the_object_permissions(world):
    member = world.users["decision_member"]
    manager = world.users["manager"]
    chair_role = services.review_role_assign(
        review=world.review, user=member, role="panel_member", agency=None, by=manager
    )
    adviser = services.review_role_assign(
        review=world.review, user=member, role="specialist_adviser", agency=None, by=manager
    )
    assert set(get_perms(member, world.review)) == {"view_review", "sit_on_panel"}
    services.review_role_remove(review_role=chair_role, by=manager)
    assert set(get_perms(member, world.review)) == {"view_review"}
    services.review_role_remove(review_role=adviser, by=manager)
    assert get_perms(member, world.review) == []
    history = ReviewRole.history.filter(review_id=world.review.pk, user_id=member.pk)
    assert {h.history_type for h in history} == {"+", "-"}
    assert {h.history_user for h in history} == {manager}


def test_incompatible_roles_are_refused(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="cannot sit on the panel"):
        services.review_role_assign(
            review=world.review,
            user=world.users["author_police"],
            role="panel_member",
            agency=None,
            by=world.users["manager"],
        )


def test_board_membership_changes_are_in_the_history_with_who_made_them(world):
    manager = world.users["manager"]
    membership = services.person_add_to_board(
        board=world.luton,
        email="New.Person@Luton.example.org",
        full_name="New Person",
        role="subgroup_member",
        agency=None,
        by=manager,
    )
    assert membership.user.email == "new.person@luton.example.org"
    assert not membership.user.has_usable_password()
    record = BoardMembership.history.get(id=membership.pk)
    assert record.history_user == manager
