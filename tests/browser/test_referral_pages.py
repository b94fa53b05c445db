"""The referral pages the two journeys do not pass through, each checked by axe-core."""

from playwright.sync_api import expect

from referrals.models import LetterTemplate
from tests.browser.conftest import assert_accessible, expect_title, sign_in
from tests.factories import PASSWORD
from tests.personas import build_referrals, build_world


def test_remove_remind_meetings_and_letter_wording_pages(transactional_db, new_page):
    world = build_world()
    r = build_referrals(world)
    page = new_page()

    sign_in(page, world.users["referrer"].email, PASSWORD)
    member = r.draft.family.first()
    page.goto(f"/referrals/{r.draft.pk}/family/{member.pk}/remove/")
    expect_title(page, f"Remove {member.name}")
    assert_accessible(page)
    page.get_by_role("button", name="Remove").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("removed")
    assert not r.draft.family.exists()

    page.context.clear_cookies()
    sign_in(page, world.users["manager"].email, PASSWORD)
    page.goto(f"/referrals/{r.pending.pk}/")
    page.get_by_role("link", name="Remind Bedfordshire Police").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send the reminder").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("has been reminded")
    expect(page.get_by_role("row").filter(has_text="Bedfordshire Police")).to_contain_text(
        "Reminded 1 time"
    )
    page.get_by_role("link", name="Meetings", exact=True).click()
    expect_title(page, "Decision meetings")
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, world.users["administrator"].email, PASSWORD)
    page.goto(f"/referrals/{r.decided.pk}/")
    page.get_by_role("link", name="Change the wording of the agency letter").click()
    expect_title(page, "Outcome letter to agencies")
    assert_accessible(page)
    page.get_by_label("Letter").fill("Dear {recipent}, about {reference}.")
    page.get_by_role("button", name="Save the letter").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("{recipent}")
    expect(page.get_by_label("Letter")).to_have_value("Dear {recipent}, about {reference}.")
    assert_accessible(page)
    page.get_by_label("Letter").fill("Dear {recipient}, about case {reference}.")
    page.get_by_role("button", name="Save the letter").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("letter is saved")
    template = LetterTemplate.objects.get(board=world.luton, kind="agency_outcome")
    assert template.body == "Dear {recipient}, about case {reference}."
    assert template.history.first().history_user == world.users["administrator"]
