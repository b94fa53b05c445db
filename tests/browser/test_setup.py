"""Set-up: the manager asks every agency; an agency answers online and nominates its author, who
then holds the author role; the manager sees who is outstanding."""

import re
from datetime import timedelta

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from scr.models import ReviewRole
from tests.browser.conftest import assert_accessible, expect_title, fill_date, sign_in
from tests.factories import PASSWORD
from tests.personas import build_world


def test_agencies_answer_and_nominate_authors(transactional_db, new_page):
    world = build_world()
    review = world.review
    manager = new_page()
    sign_in(manager, world.users["manager"].email, PASSWORD)
    manager.goto(f"/reviews/{review.pk}/")
    manager.get_by_role("link", name="Agencies", exact=True).last.click()
    expect_title(manager, f"Agencies in {review.reference}")
    assert_accessible(manager)
    fill_date(manager, "due_on", timezone.localdate() - timedelta(days=1))
    manager.get_by_role("button", name="Ask the agencies").click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text("today or in the future")
    fill_date(manager, "due_on", timezone.localdate() + timedelta(days=10))
    manager.get_by_role("button", name="Ask the agencies").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("agencies asked")
    assert any(world.users["senior_police"].email in m.to for m in mail.outbox)
    assert_accessible(manager)

    police = new_page()
    sign_in(police, world.users["senior_police"].email, PASSWORD)
    police.get_by_role(
        "link", name=re.compile("Say whether Bedfordshire Police was involved")
    ).click()
    assert_accessible(police)
    police.get_by_label("Yes").check()
    police.get_by_role("button", name="Send the answer").click()
    expect(police.locator(".govuk-error-summary")).to_contain_text("Nominate the person")
    assert_accessible(police)
    police.get_by_label("Who will write your agency's report").select_option(
        label=world.users["author_police"].full_name
    )
    police.get_by_role("button", name="Send the answer").click()
    expect(police.locator(".govuk-notification-banner")).to_contain_text("Thank you")

    manager.reload()
    row = manager.get_by_role("row").filter(has_text="Bedfordshire Police")
    expect(row).to_contain_text(world.users["author_police"].full_name)
    expect(manager.get_by_text(re.compile(r"\d+ agencies have not answered yet"))).to_be_visible()
    assert (
        ReviewRole.objects.filter(
            review=review, user=world.users["author_police"], role="imr_author"
        ).count()
        == 1
    )

    manager.get_by_role("link", name="Tracker").click()
    expect_title(manager, f"Tracker of {review.reference}")
    assert_accessible(manager)
    row = manager.get_by_role("row").filter(has_text="Bedfordshire Police")
    expect(row).to_contain_text("Involved; author")
