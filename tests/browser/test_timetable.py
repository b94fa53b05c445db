"""A Rotherham review's set-up in the browser: the panel with its independence rule, the timetable
from the board's week-by-week guide, and an agreed extension that moves every later date."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from scr import services
from scr.board_defaults import load_default_boards
from scr.models import Agency, Board, BoardRole
from tests.browser.conftest import assert_accessible, expect_title, fill_date, sign_in
from tests.factories import PASSWORD, UserFactory


def test_rotherham_review_panel_timetable_and_extension(transactional_db, page):
    load_default_boards(Board, Agency)
    board = Board.objects.get(slug="rotherham")
    by = services.system_user()
    people = {}
    for name, role in (
        ("manager", BoardRole.BUSINESS_MANAGER),
        ("chair", BoardRole.DECISION_MEMBER),
        ("author", BoardRole.DECISION_MEMBER),
    ):
        user = UserFactory(full_name=f"Rotherham {name.title()}")
        services.person_add_to_board(
            board=board, email=user.email, full_name=user.full_name, role=role, agency=None, by=by
        )
        people[name] = user
    today = timezone.localdate()
    review = services.review_create(
        board=board,
        child_code="Child A",
        review_type="scr",
        started_on=today - timedelta(days=10),
        by=by,
        events={"referral": today - timedelta(days=20)},
    )
    sign_in(page, people["manager"].email, PASSWORD)

    page.goto(f"/reviews/{review.pk}/people/")
    for who, role in (("chair", "panel_chair"), ("author", "overview_author")):
        page.get_by_label("Person").select_option(label=people[who].full_name)
        page.get_by_label("Role in this review").select_option(role)
        page.get_by_role("button", name="Add to review").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("added")
    page.get_by_label("Person").select_option(label=people["chair"].full_name)
    page.get_by_label("Role in this review").select_option("overview_author")
    page.get_by_role("button", name="Add to review").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "panel chair cannot also be the overview author"
    )
    assert_accessible(page)

    page.get_by_role("link", name="Timetable").click()
    expect_title(page, f"Timetable of {review.reference}")
    assert_accessible(page)
    imrs = review.deadlines.get(key="imrs_due")
    row = page.get_by_role("row").filter(has_text="Agency reports due")
    expect(row).to_contain_text(f"{imrs.due_on.day} {imrs.due_on:%b %Y}")

    page.get_by_role("link", name="Change date of agency reports due").click()
    assert_accessible(page)
    fill_date(page, "due_on", today - timedelta(days=30))
    page.get_by_role("button", name="Save the date").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("before the review starts")
    page.get_by_role("link", name="Back to the timetable").click()

    page.get_by_role("link", name="Ask for an extension").click()
    assert_accessible(page)
    fill_date(page, "proposed_date", review.completion_due - timedelta(days=1))
    page.get_by_label("Reasons for the extension").fill("Interviews wait for the criminal trial.")
    page.get_by_role("button", name="Record the request").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("after the current completion")
    assert_accessible(page)
    new_completion = review.completion_due + timedelta(days=42)
    fill_date(page, "proposed_date", new_completion)
    page.get_by_role("button", name="Record the request").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Government Office")
    page.get_by_role("link", name="Record the answer").click()
    assert_accessible(page)
    page.get_by_label("Yes").check()
    fill_date(page, "decided_on", today)
    page.get_by_label("Reference or date of their letter").fill("GOYH/2026/14")
    page.get_by_role("button", name="Record the answer").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("later dates have moved")
    moved = imrs.due_on + timedelta(days=42)
    row = page.get_by_role("row").filter(has_text="Agency reports due")
    expect(row).to_contain_text(f"{moved.day} {moved:%b %Y}")
    expect(row).to_contain_text(f"was {imrs.due_on.day} {imrs.due_on:%b %Y}")
    completion = page.get_by_role("row").filter(has_text="Review completed")
    expect(completion).to_contain_text(f"{new_completion.day} {new_completion:%b %Y}")
    expect(page.get_by_text("GOYH/2026/14")).to_be_visible()
    assert_accessible(page)
