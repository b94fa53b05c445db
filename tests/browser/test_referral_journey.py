"""The whole referral-to-decision journey in Chromium, for the two boards whose rules differ most:
Milton Keynes (six-weekly sub-group, national notifications within five working days) and
Rotherham (standing panel with a strict quorum)."""

import io
import re
import subprocess
from datetime import timedelta

import docx
from django.utils import timezone
from playwright.sync_api import Page, expect

from referrals.models import Referral
from scr import services as core
from scr.board_defaults import load_default_boards
from scr.dates import is_working_day
from scr.models import Agency, Board, BoardRole
from tests.browser.conftest import assert_accessible, expect_title, fill_date, sign_in
from tests.factories import PASSWORD, UserFactory

CAST = {
    # name: (board role, agency discipline)
    "referrer": (BoardRole.AGENCY_STAFF, "social_care"),
    "manager": (BoardRole.BUSINESS_MANAGER, None),
    "chair": (BoardRole.BOARD_CHAIR, None),
    "body_chair": (BoardRole.DECISION_CHAIR, "social_care"),
    "police_member": (BoardRole.DECISION_MEMBER, "police"),
    "health_member": (BoardRole.DECISION_MEMBER, "health"),
    "police_officer": (BoardRole.AGENCY_STAFF, "police"),
    "health_officer": (BoardRole.AGENCY_STAFF, "health"),
}


def _cast(board: Board) -> dict:
    people = {}
    for name, (role, discipline) in CAST.items():
        user = UserFactory(full_name=f"{name.replace('_', ' ').title()} {board.slug}")
        agency = (
            Agency.objects.filter(board=board, discipline=discipline).order_by("pk").first()
            if discipline
            else None
        )
        core.person_add_to_board(
            board=board,
            email=user.email,
            full_name=user.full_name,
            role=role,
            agency=agency,
            by=core.system_user(),
        )
        people[name] = user
    return people


def _as(page: Page, user) -> None:
    page.context.clear_cookies()
    sign_in(page, user.email, PASSWORD)
    expect_title(page, "My tasks and deadlines")


def _five_working_days_after(day):
    counted = 0
    while counted < 5:
        day += timedelta(days=1)
        counted += is_working_day(day)
    return day


def _journey(page: Page, slug: str, live_server) -> None:
    load_default_boards(Board, Agency)
    board = Board.objects.get(slug=slug)
    people = _cast(board)
    today = timezone.localdate()

    # 1. The referrer drafts, comes back, adds the family and submits.
    _as(page, people["referrer"])
    page.get_by_role("link", name="Referrals", exact=True).click()
    expect_title(page, "Referrals")
    assert_accessible(page)
    page.get_by_role("link", name="Make a referral").click()
    assert_accessible(page)
    page.get_by_role("button", name="Start the referral").click()
    page.get_by_label("Child's full name").fill("Robin Testcase")
    fill_date(page, "child_date_of_birth", today + timedelta(days=10))
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The date of birth must be today or in the past"
    )
    expect(page.get_by_label("Child's full name")).to_have_value("Robin Testcase")
    assert_accessible(page)
    fill_date(page, "child_date_of_birth", today - timedelta(days=700))
    page.get_by_role("button", name="Submit referral").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the date of the death or incident")
    expect(summary).to_contain_text("Describe the circumstances")
    fill_date(page, "incident_date", today - timedelta(days=2))
    page.get_by_label("Where it happened").fill("Family home")
    page.get_by_label("There is a criminal investigation").check()
    page.get_by_label("Who leads the criminal investigation").fill("Detective Inspector")
    page.get_by_label("The circumstances").fill("Lived with mother and her new partner.")
    page.get_by_label("The incident").fill("Brought to hospital with a head injury.")
    page.get_by_label("Why you are referring the case").fill(
        "Agencies held concerns they did not share."
    )
    page.get_by_role("button", name="Save as draft").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("draft is saved")
    assert_accessible(page)
    page.get_by_role("link", name="Family members").click()
    page.get_by_label("Name").fill("Sam Testcase")
    page.get_by_label("Relationship to the child").fill("Mother")
    page.get_by_role("button", name="Add family member").click()
    expect(page.locator(".govuk-summary-list")).to_contain_text("Sam Testcase")
    assert_accessible(page)
    page.get_by_role("link", name="Back to the referral details").click()
    page.get_by_role("button", name="Submit referral").click()
    banner = page.locator(".govuk-notification-banner")
    expect(banner).to_contain_text(f"{board.reference_prefix}-{today.year}-001")
    referral = Referral.objects.get(board=board)
    reference = referral.reference
    assert_accessible(page)

    # 2. The manager asks every member agency; two agencies answer online.
    _as(page, people["manager"])
    page.goto(f"/referrals/{referral.pk}/")
    expect_title(page, reference)
    page.get_by_role("link", name="Ask the member agencies").click()
    assert_accessible(page)
    page.get_by_role("button", name="Send the requests").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Requests sent")
    for name, knew in (("police_officer", True), ("health_officer", False)):
        _as(page, people[name])
        page.get_by_role("link", name=re.compile("Tell the board what")).click()
        expect_title(page, reference)
        assert_accessible(page)
        page.get_by_role("button", name="Send the answer").click()
        expect(page.locator(".govuk-error-summary")).to_contain_text("secured its records")
        page.get_by_label("Our agency has secured its records").check()
        page.get_by_label("Yes" if knew else "No", exact=True).check()
        if knew:
            page.get_by_label("Summary of your agency's involvement").fill(
                "Two domestic call-outs."
            )
        page.get_by_role("button", name="Send the answer").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("Thank you")

    # 3. The manager schedules a meeting, puts the referral on it and records attendance.
    _as(page, people["manager"])
    page.get_by_role("link", name="Meetings", exact=True).click()
    page.get_by_role("link", name="Schedule a meeting").click()
    assert_accessible(page)
    fill_date(page, "date", today + timedelta(days=4))
    page.get_by_label("Start time (24 hour)").fill("14:30")
    page.get_by_role("button", name="Schedule").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("scheduled")
    page.get_by_role("link", name=re.compile(r"\d{4}, 14:30")).first.click()
    page.get_by_label("Add a referral to the agenda").select_option(value=str(referral.pk))
    page.get_by_role("button", name="Add to the agenda").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Added to the agenda")
    page.get_by_role("link", name="Record attendance").click()
    assert_accessible(page)
    quorum_rule = bool(board.decision_quorum_required_disciplines)
    # Rotherham's panel is first recorded without health, to see the quorum rule refuse it.
    attendees = ["body_chair", "police_member"] + ([] if quorum_rule else ["health_member"])
    for name in attendees:
        page.get_by_label(re.compile(people[name].full_name)).check()
    page.get_by_label("Who chaired the meeting").select_option(label=people["body_chair"].full_name)
    page.get_by_role("button", name="Save attendance").click()
    meeting_url = page.url
    assert_accessible(page)
    if quorum_rule:
        # Rotherham: without health (and a fourth person) the panel cannot decide.
        expect(page.locator(".govuk-warning-text")).to_contain_text("Not quorate")
        page.get_by_role("link", name="Record attendance").click()
        page.get_by_label(re.compile(people["health_member"].full_name)).check()
        page.get_by_label(re.compile(people["manager"].full_name)).check()
        page.get_by_role("button", name="Save attendance").click()
    expect(page.get_by_text("Quorate", exact=True)).to_be_visible()

    # 4. Members record their views; the body's chair recommends.
    for name in ("police_member", "health_member"):
        _as(page, people[name])
        page.goto(meeting_url)
        page.get_by_role("link", name=re.compile("Record your view")).click()
        assert_accessible(page)
        page.get_by_label(board.decision_options[0]["label"]).check()
        page.get_by_label("Reasons").fill(f"View of {name}: the criteria are met.")
        page.get_by_role("button", name="Record my view").click()
        expect(page.locator(".govuk-notification-banner")).to_contain_text("recorded")
    _as(page, people["body_chair"])
    page.goto(meeting_url)
    page.get_by_role("link", name=re.compile("Make the recommendation")).click()
    page.get_by_label("Does not meet the threshold").check()
    page.get_by_label("Reasons", exact=True).fill("Not met on the information so far.")
    page.get_by_role("button", name="Record the recommendation").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("alternative")
    assert_accessible(page)
    page.get_by_label(board.decision_options[0]["label"]).check()
    page.get_by_label("Reasons", exact=True).fill("Agencies did not share concerns.")
    page.get_by_role("button", name="Record the recommendation").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("recommendation")

    # 5. The board chair decides; a review opens.
    _as(page, people["chair"])
    page.goto(f"/referrals/{referral.pk}/")
    page.get_by_role("link", name="Record your decision").click()
    assert_accessible(page)
    page.get_by_label("Yes", exact=True).check()
    page.get_by_label("Reasons").fill("The criteria for a serious case review are met.")
    page.get_by_label("Issues for the terms of reference").fill("Sharing of police call-outs.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("decision")
    expect(page.locator(".govuk-inset-text").first).to_contain_text("opened a review")
    assert_accessible(page)

    # 6. The manager sees every notification due, marks one sent, and downloads the letters.
    _as(page, people["manager"])
    page.goto(f"/referrals/{referral.pk}/")
    table = page.get_by_role("table").filter(has_text="Due by")
    for recipient in board.notification_recipients:
        row = table.get_by_role("row").filter(has_text=recipient["name"])
        if recipient["unit"] == "working_days":
            due = _five_working_days_after(today)
            expect(row).to_contain_text(f"{due.day} {due:%b %Y}")
    first = board.notification_recipients[0]["name"]
    page.get_by_role("link", name=f"Mark as sent to {first}").click()
    assert_accessible(page)
    page.get_by_label("How it was sent").fill("Secure email")
    page.get_by_role("button", name="Mark as sent").click()
    expect(page.get_by_role("row").filter(has_text=first)).to_contain_text("Secure email")
    with page.expect_download() as pdf:
        page.get_by_role("link", name="PDF letter to the referrer").click()
    text = subprocess.run(
        ["pdftotext", pdf.value.path(), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert reference in text and board.name in text and "Testcase" not in text
    police = Agency.objects.filter(board=board, discipline="police").order_by("pk").first()
    with page.expect_download() as word:
        page.get_by_role("link", name=f"Word letter to {police.name}").click()
    document = docx.Document(io.BytesIO(open(word.value.path(), "rb").read()))
    body = "\n".join(p.text for p in document.paragraphs)
    assert reference in body and police.name in body
    page.goto(f"/referrals/{referral.pk}/")
    steps = page.locator("ol.govuk-list").last
    for step in (
        "Draft started",
        "Status: Submitted",
        "answered",
        "Recommendation made",
        "Board chair decided",
        "told",
    ):
        expect(steps).to_contain_text(step)
    review = Referral.objects.get(pk=referral.pk).review
    page.goto(f"/reviews/{review.pk}/audit/")
    expect(page.locator("table").nth(1)).to_contain_text("Downloaded")


def test_milton_keynes_refers_asks_meets_recommends_decides_and_notifies(
    transactional_db, page, live_server
):
    _journey(page, "milton-keynes", live_server)


def test_rotherham_needs_a_quorate_standing_panel(transactional_db, page, live_server):
    _journey(page, "rotherham", live_server)
