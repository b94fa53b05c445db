from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from scr import services
from scr.models import TermsStatus


def test_terms_cannot_be_approved_incomplete_nor_signed_before_approval(world):
    manager, today = world.users["manager"], timezone.localdate()
    terms = services.terms_save(
        review=world.review,
        by=manager,
        version=None,
        today=today,
        fields={"reason_and_key_issues": "Why"},
    )
    with pytest.raises(ValidationError, match="period under review"):
        services.terms_approve(terms=terms, by=manager, approved_on=today, today=today)
    with pytest.raises(ValidationError, match="must approve"):
        services.terms_sign(terms=terms, by=world.users["panel_chair"], today=today)
    with pytest.raises(ValidationError):
        services.terms_save(
            review=world.review,
            by=manager,
            version=None,
            today=today,
            fields={"period_start": today + timedelta(days=1)},
        )
    terms = services.terms_save(
        review=world.review,
        by=manager,
        version=None,
        today=today,
        fields={"period_start": date(2025, 1, 1), "period_end": date(2025, 12, 31)},
    )
    services.terms_approve(terms=terms, by=manager, approved_on=today, today=today)
    services.terms_sign(terms=terms, by=world.users["panel_chair"], today=today)
    assert terms.status == TermsStatus.SIGNED


def test_only_the_panel_chair_may_sign(world, client_for):
    manager, today = world.users["manager"], timezone.localdate()
    terms = services.terms_save(
        review=world.review,
        by=manager,
        version=None,
        today=today,
        fields={
            "reason_and_key_issues": "Why",
            "period_start": date(2025, 1, 1),
            "period_end": date(2025, 12, 31),
        },
    )
    services.terms_approve(terms=terms, by=manager, approved_on=today, today=today)
    url = reverse("terms_sign", args=[world.review.pk])
    for persona in ("manager", "panel_member", "board_chair", "other_board"):
        assert client_for(persona).post(url).status_code == 404, persona
    assert client_for("panel_chair").post(url).status_code == 302
    terms.refresh_from_db()
    assert terms.signed_by == world.users["panel_chair"]
