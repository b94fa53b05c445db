"""The review's progress page and timetable in the browser: checked by axe-core, an error on the
page that records by hand what happened outside the service, one recording done by keyboard
alone, and a milestone of a lighter review marked done and undone."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from scr import lifecycle, registry, services
from scr.models import ReviewRoleKind
from tests.browser.conftest import (
    assert_accessible,
    assert_fits,
    expect_title,
    fill_date,
    sign_in,
)
from tests.factories import PASSWORD, make_review
from tests.personas import build_world


def _complete_stages_before(review, stage_key: str, by) -> None:
    """Record, on the day the review started, every event that completes the stages before
    ``stage_key`` (per-agency events for each contributing agency)."""
    facts = lifecycle.facts_for(review)
    for stage in lifecycle.path_of(review):
        if stage.key == stage_key:
            return
        for ref in lifecycle.rule_refs(stage.done_when):
            key = lifecycle.ref_key(ref)
            if ref.startswith("all:"):
                parts = sorted(facts.contributors(registry.lifecycle_events[key].per_agency))
            else:
                parts = [ref.split(":", 1)[1] if ":" in ref else ""]
            for part in parts:
                lifecycle.record(
                    review=review, key=key, part=part, on=review.started_on, by=by, check=False
                )


def _tab_to(page: Page, test: str, limit: int = 120) -> None:
    """Press Tab until the focused element passes ``test`` (a JavaScript expression on ``el``)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return !!({test}); }})()"):
            return
    raise AssertionError(f"Tab never reached {test}")


def test_the_progress_page_and_timetable_and_recording_by_keyboard(transactional_db, new_page):
    world = build_world()
    manager = world.users["manager"]
    review = make_review(
        world.luton, started_on=timezone.localdate() - timedelta(days=150), child_code="Child P"
    )
    for name in ("author_police", "author_health"):  # the contributing agencies
        author = world.users[name]
        services.review_role_assign(
            review=review,
            user=author,
            role=ReviewRoleKind.IMR_AUTHOR,
            agency=author.memberships.get(board=world.luton).agency,
            by=manager,
        )
    _complete_stages_before(review, "action_plans", manager)
    page = new_page()
    sign_in(page, manager.email, PASSWORD)

    page.goto(f"/reviews/{review.pk}/")
    expect_title(page, f"{review.reference} summary")
    expect(page.get_by_role("heading", name="Referral and decision")).to_contain_text("Completed")
    expect(page.get_by_role("heading", name="Action plans")).to_contain_text("Not started")
    expect(page.get_by_text("Past the 4 months Ofsted judges against")).to_be_visible()
    assert_accessible(page)

    page.goto(f"/reviews/{review.pk}/timetable/")
    expect_title(page, f"Timetable of {review.reference}")
    expect(page.get_by_role("row").filter(has_text="Terms of reference agreed")).to_contain_text(
        "Terms of reference signed"
    )
    assert_accessible(page)

    # An error first: a date that has not come yet.
    record = f"/reviews/{review.pk}/events/action_plans_quality_assured/"
    page.goto(record)
    assert_accessible(page)
    fill_date(page, "on", timezone.localdate() + timedelta(days=3))
    page.get_by_role("button", name="Record it").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("The date must be today or in the past")
    expect_title(page, "Error:")
    assert_accessible(page)

    # Then the recording, by keyboard alone, from the progress page.
    page.goto(f"/reviews/{review.pk}/")
    _tab_to(page, 'el.textContent.trim() === "Quality assure the agencies\' action plans"')
    page.keyboard.press("Enter")
    expect_title(page, "Record: action plans received and quality assured")
    _tab_to(page, "el.id === 'id_on_0'")
    on = timezone.localdate() - timedelta(days=2)
    page.keyboard.type(str(on.day))
    page.keyboard.press("Tab")
    page.keyboard.type(str(on.month))
    page.keyboard.press("Tab")
    page.keyboard.type(str(on.year))
    _tab_to(page, "el.type === 'submit'")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("recorded as done on")
    expect(page.locator("#task-action_plans-0-status")).to_contain_text(
        f"Completed {on.day} {on:%b %Y}"
    )
    assert_accessible(page)

    small = new_page(width=320)
    sign_in(small, manager.email, PASSWORD)
    for url in (f"/reviews/{review.pk}/", f"/reviews/{review.pk}/timetable/"):
        small.goto(url)
        assert_fits(small)


def test_a_lighter_reviews_milestone_is_marked_done_and_undone(transactional_db, page):
    world = build_world()
    review = make_review(
        world.luton,
        started_on=timezone.localdate() - timedelta(days=30),
        child_code="Child Q",
        review_type="ipr",
    )
    sign_in(page, world.users["manager"].email, PASSWORD)
    page.goto(f"/reviews/{review.pk}/timetable/")
    row = page.get_by_role("row").filter(has_text="Agency reports due")
    expect(row).to_contain_text("Marked done by hand")
    page.get_by_role("link", name="Mark agency reports due as done").click()
    expect_title(page, "Mark as done: agency reports due")
    assert_accessible(page)
    page.get_by_role("button", name="Mark as done").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("marked as done")
    today = timezone.localdate()
    expect(row).to_contain_text(f"Done {today.day} {today:%b %Y}")
    assert_accessible(page)

    page.get_by_role("link", name="Undo agency reports due").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Undo")
    assert_accessible(page)
    page.get_by_role("button", name="Undo").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("no longer marked as done")
    expect(row).not_to_contain_text("Done")
