"""A Waltham Forest review from accepted agency reports to a published executive summary: the
overview report written, commented on, recommended and accepted; the leak check fails on a name
planted in the summary and then passes; the family sees it first; Ofsted's evaluation recorded;
the summary published; the bundle opens with every part; the readiness page shows every area
met; the board chair signs the review off."""

import re
import subprocess

from playwright.sync_api import expect

from scr.models.overview import EVALUATION_AREAS
from tests.browser.conftest import assert_accessible, expect_title, sign_in
from tests.factories import PASSWORD
from tests.scr.end_world import build_end_world, write_overview


def _pdf_text(path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    return " ".join(out.stdout.split())


def test_a_waltham_forest_review_from_accepted_reports_to_a_published_summary(
    transactional_db, new_page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    ew = build_end_world()
    review = ew.review
    write_overview(ew, skip=("analysis",))

    # The overview author writes the last section, quoting the police report by reference.
    author = new_page()
    sign_in(author, ew.users["overview.author"].email, PASSWORD)
    author.goto(f"/reviews/{review.pk}/")
    author.get_by_role("link", name="Overview and publication").click()
    expect_title(author, "Overview report of")
    assert_accessible(author)
    author.get_by_role("link", name="Write Analysis").click()
    assert_accessible(author)
    author.get_by_label("Text").fill(
        f"The police did not pass the call on.\n\n[[R{ew.police.pk}.analysis]]"
    )
    author.get_by_role("button", name="Save the section").click()
    expect(author.locator(".app-report-text blockquote")).to_contain_text(
        "The call was not shared with social care."
    )

    # The panel chair comments, then recommends the report to the board.
    chair = new_page()
    sign_in(chair, ew.users["panel.chair"].email, PASSWORD)
    chair.goto(f"/reviews/{review.pk}/overview/sections/analysis/")
    chair.get_by_label("Your comment").fill("Say why the call was not passed on.")
    chair.get_by_role("button", name="Add the comment").click()
    expect(chair.get_by_text("Say why the call was not passed on.")).to_be_visible()
    assert_accessible(chair)
    chair.goto(f"/reviews/{review.pk}/overview/")
    chair.get_by_role("button", name="Recommend the report to the board").click()
    expect(chair.locator(".govuk-notification-banner")).to_contain_text("recommendation")

    # The business manager records the board's acceptance (first without the meeting).
    manager = new_page()
    sign_in(manager, ew.users["manager"].email, PASSWORD)
    manager.goto(f"/reviews/{review.pk}/overview/")
    manager.get_by_role("link", name="Record the board's acceptance").click()
    manager.get_by_role("button", name="Record the board's acceptance").click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text("Enter the meeting")
    assert_accessible(manager)
    manager.get_by_label("The meeting").fill("Board meeting")
    manager.get_by_label("Amendments the board asked for (optional)").fill("Shorten the facts.")
    manager.get_by_role("button", name="Record the board's acceptance").click()
    expect(manager.locator("main")).to_contain_text("Accepted by the board")

    # The summary names the child: the leak check fails, then passes once the name is gone.
    author.goto(f"/reviews/{review.pk}/summary/")
    author.get_by_label("Summary").fill("Wren was harmed while agencies held back what they knew.")
    author.get_by_role("button", name="Save the summary").click()
    expect(author.locator(".govuk-notification-banner")).to_contain_text("saved")
    manager.goto(f"/reviews/{review.pk}/summary/")
    assert_accessible(manager)
    manager.get_by_role("button", name="Run the leak check").click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text(
        "a real name of Child W (“Wren”)"
    )
    assert_accessible(manager)
    manager.goto(f"/reviews/{review.pk}/summary/")
    manager.get_by_role("button", name="Publish the executive summary").click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text("leak check found")
    assert_accessible(manager)
    manager.get_by_label("Summary").fill(
        "Child W was harmed while agencies held back what they knew."
    )
    manager.get_by_role("button", name="Save the summary").click()
    manager.get_by_role("button", name="Run the leak check").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("found nothing")
    manager.get_by_role("button", name="Record the data protection check").click()
    manager.get_by_label("Who shared it with them").fill("Family liaison officer")
    manager.get_by_role("button", name="Record that the family has seen it").click()
    expect(manager.locator("main")).to_contain_text("by Family liaison officer")

    # Ofsted's evaluation comes first under Waltham Forest's rule.
    manager.goto(f"/reviews/{review.pk}/evaluation/")
    manager.get_by_role("button", name="Save the evaluation").click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text("Give the overall grade")
    assert_accessible(manager)
    for _, label in EVALUATION_AREAS:
        manager.get_by_role("group", name=label).get_by_label("Good").check()
    manager.get_by_role("group", name="Overall grade").get_by_label("Good").check()
    manager.get_by_role("button", name="Save the evaluation").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("evaluation is recorded")

    manager.goto(f"/reviews/{review.pk}/summary/")
    manager.get_by_role("button", name="Publish the executive summary").click()
    expect(manager.get_by_role("heading", name="Published", exact=True)).to_be_visible()
    assert_accessible(manager)
    with manager.expect_download() as download:
        manager.get_by_role("link", name="Download the published PDF").click()
    published = _pdf_text(download.value.path())
    assert "Child W was harmed" in published and "Wren" not in published

    # The bundle opens with every part.
    manager.goto(f"/reviews/{review.pk}/bundles/")
    assert_accessible(manager)
    manager.get_by_role("button", name="Assemble the bundle").click()
    expect(manager.get_by_text("Ready")).to_be_visible()
    assert_accessible(manager)
    with manager.expect_download() as download:
        manager.get_by_role("link", name="Download the bundle (PDF)").click()
    bundle = _pdf_text(download.value.path())
    for part in (
        "Overview report",
        "Executive summary",
        "Metropolitan Police Service",
        "Integrated chronology",
        "Action plans",
        "Contents",
    ):
        assert part in bundle, part
    manager.get_by_label("Sent to").fill("Ofsted")
    manager.get_by_role("button", name="Record the sending").click()
    expect(manager.locator("main")).to_contain_text("Ofsted,")

    # Every area is met, and the board chair signs the review off.
    manager.goto(f"/reviews/{review.pk}/readiness/")
    expect(manager.get_by_text("Every area is met")).to_be_visible()
    assert_accessible(manager)
    board_chair = new_page()
    sign_in(board_chair, ew.users["chair"].email, PASSWORD)
    board_chair.goto(f"/reviews/{review.pk}/overview/")
    board_chair.get_by_role("button", name="Sign the review off as complete").click()
    expect(board_chair.locator(".govuk-notification-banner")).to_contain_text("signed off")
    expect(board_chair.locator("main")).to_contain_text(re.compile("Signed off by .* on"))
