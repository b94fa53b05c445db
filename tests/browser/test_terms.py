"""Terms of reference: written with the board's agencies, approved by the panel, signed by the
panel chair, exported as PDF; a later change starts a new version."""

import subprocess
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from scr.models import TermsOfReference
from tests.browser.conftest import assert_accessible, expect_title, fill_date, sign_in
from tests.factories import PASSWORD
from tests.personas import build_world


def test_terms_are_written_approved_signed_and_versioned(transactional_db, new_page):
    world = build_world()
    review = world.review
    today = timezone.localdate()
    page = new_page()
    sign_in(page, world.users["manager"].email, PASSWORD)
    page.goto(f"/reviews/{review.pk}/")
    page.get_by_role("link", name="Set-up", exact=True).click()
    page.get_by_role("link", name="Terms of reference", exact=True).click()
    expect_title(page, f"Terms of reference of {review.reference}")
    assert_accessible(page)
    page.get_by_role("link", name="Write the terms of reference").click()
    assert_accessible(page)
    fill_date(page, "period_start", today - timedelta(days=30))
    fill_date(page, "period_end", today - timedelta(days=400))
    page.get_by_label("Why the review is held").fill("Missed chances to share concerns.")
    page.get_by_label("Bedfordshire Police: contribution").select_option("imr")
    page.get_by_role("button", name="Save the terms of reference").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("on or after its start")
    expect(page.get_by_label("Why the review is held")).to_have_value(
        "Missed chances to share concerns."
    )
    assert_accessible(page)
    fill_date(page, "period_start", today - timedelta(days=400))
    fill_date(page, "period_end", today - timedelta(days=3))
    page.get_by_label("How family members will be referred to").fill("Child A, Mother, Father")
    page.get_by_role("button", name="Save the terms of reference").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("saved")
    expect(
        page.get_by_text("Bedfordshire Police: agency report (imr) and chronology")
    ).to_be_visible()
    page.get_by_role("button", name="Record the panel's approval").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("approval is recorded")
    assert_accessible(page)

    chair = new_page()
    sign_in(chair, world.users["panel_chair"].email, PASSWORD)
    chair.goto(f"/reviews/{review.pk}/terms/")
    chair.get_by_role("button", name="Sign as panel chair").click()
    expect(chair.locator(".govuk-notification-banner")).to_contain_text("signed")
    with chair.expect_download() as download:
        chair.get_by_role("link", name="Download as PDF").click()
    text = subprocess.run(
        ["pdftotext", download.value.path(), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert review.reference in text and "Missed chances to share concerns." in text
    assert "Agency reports due" in text and "signed by" in text

    page.reload()
    page.get_by_role("link", name="Change the terms (starts version 2)").click()
    page.get_by_label("Public and media handling").fill("The board's communications lead.")
    page.get_by_role("button", name="Save the terms of reference").click()
    expect(page.get_by_text("Version 2: Draft")).to_be_visible()
    terms = TermsOfReference.objects.get(review=review)
    assert (terms.version, terms.status, terms.signed_by) == (2, "draft", None)
    assert terms.history.filter(status="signed", version=1).exists()
