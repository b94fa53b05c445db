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
    manager.get_by_role("link", name="Set-up", exact=True).click()
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


def test_set_up_letters_are_generated_then_marked_sent(transactional_db, new_page, tmp_path):
    world = build_world()
    review = world.review
    page = new_page()
    sign_in(page, world.users["manager"].email, PASSWORD)
    page.goto(f"/reviews/{review.pk}/")
    page.get_by_role("link", name="Set-up", exact=True).click()
    page.get_by_role("link", name="Letters", exact=True).click()
    expect_title(page, f"Set-up letters for {review.reference}")
    assert_accessible(page)
    page.get_by_label("Criminal proceedings are running").check()
    page.get_by_role("button", name="Add the letters to the checklist").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the family's named contact")
    assert_accessible(page)
    page.get_by_label("The family's named contact (optional)").fill("Ms J Doe (mother)")
    page.get_by_label("Write to the Crown Prosecution Service").check()
    page.get_by_role("button", name="Add the letters to the checklist").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("added to the checklist")
    family = page.get_by_role("row").filter(has_text="Ms J Doe (mother)")
    expect(family).to_contain_text("No interview while criminal proceedings run")
    expect(family).to_contain_text("Not generated")
    expect(family.get_by_role("link", name=re.compile("mark as sent"))).to_have_count(0)
    expect(page.get_by_role("row").filter(has_text="Crown Prosecution Service")).to_be_visible()
    assert_accessible(page)

    with page.expect_download() as download:
        family.get_by_role("link", name=re.compile("^PDF")).click()
    saved = tmp_path / "family.pdf"
    download.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    page.reload()
    family = page.get_by_role("row").filter(has_text="Ms J Doe (mother)")
    expect(family).to_contain_text("Generated")
    family.get_by_role("link", name=re.compile("mark as sent")).click()
    expect_title(page, "Mark the letter to Ms J Doe (mother) as sent")
    fill_date(page, "sent_on", timezone.localdate() + timedelta(days=3))
    page.get_by_label("How it was sent").fill("First class post")
    page.get_by_role("button", name="Mark as sent").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("today or in the past")
    assert_accessible(page)
    fill_date(page, "sent_on", timezone.localdate())
    page.get_by_role("button", name="Mark as sent").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("marked as sent")
    family = page.get_by_role("row").filter(has_text="Ms J Doe (mother)")
    expect(family).to_contain_text("Sent")
    expect(family).to_contain_text("First class post")


def test_administrator_rewords_a_set_up_letter(transactional_db, new_page):
    world = build_world()
    page = new_page()
    sign_in(page, world.users["administrator"].email, PASSWORD)
    page.goto("/boards/luton/")
    page.get_by_role("link", name="Letter to the family").click()
    assert_accessible(page)
    page.get_by_label("Letter", exact=True).fill("Dear {recipient},\n\n{family_interview}")
    page.get_by_role("button", name="Save the letter").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Unknown placeholder {family_interview}"
    )
    assert_accessible(page)
    page.get_by_label("Letter", exact=True).fill("Dear {recipient},\n\n{family_interviews}")
    page.get_by_role("button", name="Save the letter").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The letter is saved")
