import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from scr import services
from scr.models import ReviewRole


def test_involvement_answers(world, mailoutbox):
    today = timezone.localdate()
    manager = world.users["manager"]
    asked = services.setup_requests_send(review=world.review, by=manager, due_on=today, today=today)
    assert asked == world.luton.agencies.filter(is_active=True).count()
    assert (
        services.setup_requests_send(review=world.review, by=manager, due_on=today, today=today)
        == 0
    )
    police = world.review.involvements.get(
        agency__discipline="police", agency__name__icontains="Police"
    )
    with pytest.raises(ValidationError, match="Choose someone from your agency"):
        services.involvement_answer(
            involvement=police,
            by=manager,
            involved=True,
            author=world.users["author_health"],
            today=today,
        )
    with pytest.raises(ValidationError, match="Nominate"):
        services.involvement_answer(
            involvement=police, by=manager, involved=True, author=None, today=today
        )
    housing = world.review.involvements.get(agency__discipline="housing")
    services.involvement_answer(
        involvement=housing, by=manager, involved=False, author=None, today=today
    )
    with pytest.raises(ValidationError, match="already answered"):
        services.involvement_answer(
            involvement=housing, by=manager, involved=False, author=None, today=today
        )
    with pytest.raises(ValidationError, match="senior manager signs"):
        services.involvement_answer(
            involvement=police,
            by=manager,
            involved=True,
            author=world.users["senior_police"],
            today=today,
        )
    police.refresh_from_db()
    assert police.answered_on is None  # nothing half saved
    services.involvement_answer(
        involvement=police,
        by=manager,
        involved=True,
        author=world.users["author_police"],
        today=today,
    )
    assert (
        ReviewRole.objects.filter(
            review=world.review, user=world.users["author_police"], role="imr_author"
        ).count()
        == 1
    )
