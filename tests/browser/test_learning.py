"""Learning in the browser: a lesson tagged with the board's themes and a debrief on a review,
the themes report across reviews, the annual figures and the board's own list of themes."""

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, fill_date, sign_in
from tests.factories import PASSWORD
from tests.scr.end_world import build_end_world


def test_lessons_debriefs_themes_and_the_annual_figures(transactional_db, new_page):
    from django.utils import timezone

    from scr import services
    from scr.models import BoardRole

    ew = build_end_world()
    services.person_add_to_board(
        board=ew.board,
        email=ew.users["manager"].email,
        full_name=ew.users["manager"].full_name,
        role=BoardRole.ADMINISTRATOR,
        agency=None,
        by=services.system_user(),
    )
    page = new_page()
    sign_in(page, ew.users["manager"].email, PASSWORD)
    page.goto(f"/reviews/{ew.review.pk}/learning/")
    page.get_by_role("button", name="Add the lesson").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the lesson")
    assert_accessible(page)
    page.get_by_label("Lesson", exact=True).fill("Calls to a home with children are shared.")
    page.get_by_label("Information sharing").check()
    page.get_by_role("button", name="Add the lesson").click()
    expect(page.locator("main")).to_contain_text("Calls to a home with children are shared.")
    page.get_by_label("Event", exact=True).fill("Practitioners' debrief")
    fill_date(page, "held_on", timezone.localdate())
    page.get_by_label("Who was invited").fill("Response officers\nHealth visitors")
    page.get_by_role("button", name="Add the event").click()
    expect(page.locator("main")).to_contain_text("Health visitors")
    assert_accessible(page)

    page.goto("/learning/themes/")
    expect(page.get_by_role("table")).to_contain_text("Information sharing")
    assert_accessible(page)
    page.goto(f"/boards/{ew.board.slug}/annual-report/")
    expect(page.get_by_role("table")).to_contain_text("Reviews started in")
    assert_accessible(page)
    page.goto(f"/boards/{ew.board.slug}/themes/")
    page.get_by_label("Learning themes").fill("")
    page.get_by_role("button", name="Save the themes").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter at least one theme")
    assert_accessible(page)
    page.get_by_label("Learning themes").fill("Neglect\nHousing")
    page.get_by_role("button", name="Save the themes").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("themes are saved")


def test_a_lighter_review_follows_its_path_to_a_learning_summary(transactional_db, new_page):
    from scr import services
    from scr.models import ReviewRoleKind
    from tests.factories import make_review
    from tests.personas import build_world

    world = build_world()
    review = make_review(world.luton, child_code="Child N", review_type="nmr")
    lead = world.users["panel_chair"]
    services.review_role_assign(
        review=review,
        user=lead,
        role=ReviewRoleKind.LEAD_REVIEWER,
        agency=None,
        by=services.system_user(),
    )
    page = new_page()
    sign_in(page, lead.email, PASSWORD)
    page.goto(f"/reviews/{review.pk}/")
    expect(page.get_by_role("complementary")).to_contain_text("Facilitator or lead reviewer")
    assert_accessible(page)
    page.get_by_role("link", name="Scoping meeting held").click()
    page.get_by_label("Scoping meeting").check()
    page.get_by_label("Event", exact=True).fill("Scoping with the agencies")
    from django.utils import timezone

    fill_date(page, "held_on", timezone.localdate())
    page.get_by_label("Who was invited").fill("Police\nHealth")
    page.get_by_role("button", name="Add the event").click()
    expect(page.locator("main")).to_contain_text("Scoping meeting: Scoping with the agencies")
    page.goto(f"/reviews/{review.pk}/learning-summary/")
    assert_accessible(page)
    page.get_by_label("Text").fill("# What we learnt\n\n- Agencies share earlier")
    page.get_by_role("button", name="Save the section").click()
    expect(page.locator(".app-report-text h3")).to_contain_text("What we learnt")
    path = page.get_by_role("complementary")
    expect(path.locator("li").filter(has_text="Scoping meeting held")).to_contain_text("Done")
    expect(path.locator("li").filter(has_text="Learning summary report written")).to_contain_text(
        "Done"
    )
    assert_accessible(page)


def test_an_out_of_area_contribution_is_sent_on(transactional_db, new_page):
    from tests.scr.end_world import build_end_world

    ew = build_end_world()
    page = new_page()
    sign_in(page, ew.users["manager"].email, PASSWORD)
    page.goto(f"/reviews/{ew.review.pk}/out-of-area/")
    assert_accessible(page)
    page.get_by_label(re.compile("Board that commissioned the review")).fill("Essex SCB")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator("main")).to_contain_text("commissioned by Essex SCB")
    page.get_by_role("button", name="Record what was sent").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the documents")
    assert_accessible(page)
    page.get_by_label(re.compile("Metropolitan Police Service")).check()
    page.get_by_role("button", name="Record what was sent").click()
    expect(page.locator("main")).to_contain_text("to Essex SCB: Metropolitan Police Service")
    assert_accessible(page)
