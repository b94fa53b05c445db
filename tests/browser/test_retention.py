"""Retention in the browser: a completed review's interview notes fall due; a legal hold keeps
them; once it is lifted the business manager confirms and they are destroyed, with a note of
what went."""

from datetime import date

from playwright.sync_api import expect

from imr.models import Interview
from scr.services import review_close
from tests.browser.conftest import assert_accessible, sign_in
from tests.factories import PASSWORD
from tests.scr.end_world import build_end_world


def test_interview_notes_are_kept_under_a_hold_then_destroyed_on_confirmation(
    transactional_db, new_page
):
    ew = build_end_world()
    review_close(review=ew.review, by=ew.users["manager"], on=date(2018, 5, 1))
    page = new_page()
    sign_in(page, ew.users["manager"].email, PASSWORD)

    page.goto(f"/reviews/{ew.review.pk}/legal-hold/")
    page.get_by_role("button", name="Place a legal hold").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why the records")
    assert_accessible(page)
    page.get_by_label("Why the records must be kept").fill("A civil claim is expected")
    page.get_by_role("button", name="Place a legal hold").click()
    expect(page.locator("main")).to_contain_text("Nothing of this review can be destroyed")
    assert_accessible(page)

    page.get_by_role("link", name="Records due for destruction on this board").click()
    expect(page.locator("main")).to_contain_text("Notes of the interview with Response officer")
    expect(page.get_by_text("Legal hold", exact=True)).to_be_visible()
    assert_accessible(page)

    page.goto(f"/reviews/{ew.review.pk}/legal-hold/")
    page.get_by_role("button", name="Lift the legal hold").click()
    page.goto(f"/boards/{ew.board.slug}/retention/")
    page.get_by_role("button", name="Destroy the interview notes").click()
    expect(page.get_by_text("Tick the box to confirm the destruction.")).to_be_visible()
    page.get_by_label(f"I confirm these records of {ew.review.reference} may be destroyed").check()
    page.get_by_role("button", name="Destroy the interview notes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("1 record destroyed")
    expect(page.get_by_role("table")).to_contain_text("Response officer")
    assert_accessible(page)
    assert Interview.objects.get().summary == ""
