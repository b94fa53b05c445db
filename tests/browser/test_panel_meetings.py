"""Panel meetings in the browser: schedule from the timetable, attendance and quorum, minutes, and
an action point its owner marks done."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from scr.models import ActionPoint
from tests.browser.conftest import assert_accessible, expect_title, fill_date, sign_in
from tests.factories import PASSWORD
from tests.personas import build_world


def test_a_panel_meeting_from_schedule_to_action_done(transactional_db, new_page):
    world = build_world()
    review = world.review
    page = new_page()
    sign_in(page, world.users["manager"].email, PASSWORD)
    page.goto(f"/reviews/{review.pk}/")
    page.get_by_role("link", name="Set-up", exact=True).click()
    page.get_by_role("link", name="Panel meetings", exact=True).click()
    expect_title(page, f"Panel meetings for {review.reference}")
    assert_accessible(page)
    page.get_by_role("button", name="Add the usual meetings from the timetable").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("3 meetings added")

    page.get_by_label("What the meeting is for").fill("Extra meeting: media interest")
    fill_date(page, "date", timezone.localdate() + timedelta(days=2))
    page.get_by_role("button", name="Add the meeting").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the start time")
    assert_accessible(page)
    page.get_by_label("Start time (24 hour)").fill("14:30")
    page.get_by_role("button", name="Add the meeting").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("on the schedule")
    assert_accessible(page)

    page.get_by_role("link", name="Extra meeting: media interest").click()
    assert_accessible(page)
    page.get_by_label(re.compile(world.users["panel_chair"].full_name)).check()
    page.get_by_role("button", name="Save attendance").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Attendance saved")
    expect(page.get_by_text("Quorate", exact=True)).to_be_visible()

    page.get_by_label("Minutes").fill("The panel agreed to hold all press enquiries centrally.")
    page.get_by_role("button", name="Save the minutes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("minutes are saved")

    page.get_by_label("Action", exact=True).fill("Draft a holding statement")
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose who will do it")
    assert_accessible(page)
    page.get_by_label("Who will do it").select_option(label=world.users["panel_chair"].full_name)
    fill_date(page, "due_on", timezone.localdate() + timedelta(days=5))
    page.get_by_role("button", name="Add the action").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("The action is added")
    row = page.get_by_role("row").filter(has_text="Draft a holding statement")
    expect(row).to_contain_text(world.users["panel_chair"].full_name)
    assert_accessible(page)

    chair = new_page()
    sign_in(chair, world.users["panel_chair"].email, PASSWORD)
    expect(chair.get_by_text(re.compile("Panel action: Draft a holding statement"))).to_be_visible()
    chair.goto(page.url)
    chair.get_by_role("button", name=re.compile("Mark done")).click()
    expect(chair.locator(".govuk-notification-banner")).to_contain_text("Done: Draft a holding")
    assert ActionPoint.objects.get(description="Draft a holding statement").done_on is not None
