"""The evidence behind an agency report, in the browser: the methodology, an interview and the
interviewee's agreement, and a recommendation checked for SMART as it is typed."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from imr import services
from tests.browser.conftest import assert_accessible, fill_date, sign_in
from tests.factories import PASSWORD
from tests.personas import _agency, build_world


def test_methodology_interviews_and_recommendations_of_an_agency_report(transactional_db, new_page):
    world = build_world()
    police = _agency(world.luton, "police")
    report = services.report_for(
        review=world.review, agency=police, by=world.users["author_police"]
    )
    base = f"/reviews/{world.review.pk}/reports/{police.pk}/"
    page = new_page()
    sign_in(page, world.users["author_police"].email, PASSWORD)

    page.goto(base + "methodology/")
    page.get_by_role("button", name="Add to the methodology").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose what kind of line")
    assert_accessible(page)
    page.get_by_label("Member of staff not interviewed").check()
    page.get_by_label("Document, person or information").fill("The night-shift sergeant")
    page.get_by_role("button", name="Add to the methodology").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say why")
    page.get_by_label("Why it was not available, or why they were not interviewed").fill(
        "Retired and could not be reached"
    )
    page.get_by_role("button", name="Add to the methodology").click()
    expect(page.get_by_role("table")).to_contain_text("Retired and could not be reached")
    assert_accessible(page)

    page.goto(base + "interviews/")
    page.get_by_role("button", name="Add the interview").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a summary")
    assert_accessible(page)
    page.get_by_label("Role of the person interviewed").fill("Response officer")
    page.get_by_label("Summary of the interview").fill("Attended the call; saw no children.")
    page.get_by_role("button", name="Add the interview").click()
    page.get_by_role(
        "link", name="Record their agreement for the interview with Response officer"
    ).click()
    page.get_by_label("The interviewee disagrees").check()
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say what they disagree with")
    assert_accessible(page)
    fill_date(page, "agreement_on", timezone.localdate())
    page.get_by_label("What they disagree with (if they do)").fill("The time of the call")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("main")).to_contain_text("The interviewee disagrees")
    assert_accessible(page)

    page.goto(base + "recommendations/")
    page.get_by_label("Recommendation", exact=True).fill("Share calls and train staff")
    expect(page.locator("#smart-check")).to_contain_text("and train")
    page.get_by_label("Recommendation", exact=True).fill(
        "Share domestic abuse calls with social care"
    )
    page.get_by_label("What will be done").fill("Add a prompt to the call system")
    page.get_by_label("Lead person’s name").fill("Sam Lead")
    page.get_by_label("Lead person’s role").fill("Head of safeguarding")
    fill_date(page, "target_date", timezone.localdate() + timedelta(days=60))
    page.get_by_label("How you will know it has worked").fill("Audit of 20 calls")
    page.get_by_label("What it will change for children").fill("Children are known sooner")
    expect(page.locator("#smart-check")).to_contain_text("SMART: all five parts are there")
    assert_accessible(page)
    page.get_by_role("button", name="Add the recommendation").click()
    expect(page.locator("main")).to_contain_text("1. Share domestic abuse calls with social care")
    assert_accessible(page)
    assert report.recommendations.count() == 1 and report.interviews.get().agreement == "disagreed"
