"""An agency report from first draft to the panel's second version: drafted in two tabs with the
conflict shown, every key issue answered, returned once by the senior manager and then signed
off, graded inadequate and returned by the panel, signed off again as version 2; the panel sees
what changed and the PDF holds the sections. The other agency's author never finds it."""

import re
import subprocess
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from imr.models import AgencyReport
from imr.rules import EVALUATION_CHECKLIST, STANDARDS_GRID
from scr import services
from tests.browser.conftest import assert_accessible, expect_title, fill_date, sign_in
from tests.factories import PASSWORD
from tests.personas import build_world

KEY_ISSUES = "Why the review is held\n- Information sharing\n- Hearing the child"


def _sign_off(page: Page, review_pk: int, agency_pk: int) -> None:
    page.goto(f"/reviews/{review_pk}/reports/{agency_pk}/check/")
    for _, label in EVALUATION_CHECKLIST:
        page.get_by_label(label).check()
    page.get_by_label("Your job title").fill("Chief Superintendent")
    page.get_by_role("button", name="Sign the report off and send it to the board").click()


def test_an_agency_report_from_draft_to_the_panels_second_version(
    transactional_db, new_page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world()
    review = world.review
    services.terms_save(
        review=review,
        by=world.users["manager"],
        fields={"reason_and_key_issues": KEY_ISSUES},
        version=None,
        today=timezone.localdate(),
    )

    author = new_page()
    sign_in(author, world.users["author_police"].email, PASSWORD)
    author.get_by_role("link", name=re.compile("Write your agency's IMR")).click()
    expect_title(author, "Bedfordshire Police's IMR")
    assert_accessible(author)
    report = AgencyReport.objects.get(review=review)
    base = f"/reviews/{review.pk}/reports/{report.agency_id}/"

    # Two tabs on one section: the first saves by itself; the second's save is refused and
    # shows both texts.
    author.get_by_role("link", name="Write Analysis of involvement").click()
    expect_title(author, "Analysis of involvement")
    assert_accessible(author)
    second_tab = author.context.new_page()
    second_tab.goto(author.url)
    author.get_by_label("Text").fill("Officers attended but did not ask to see the children.")
    author.get_by_label("Text").press("Tab")
    expect(author.locator("#autosave-status")).to_contain_text("Saved at")
    second_tab.get_by_label("Text").fill("A different start, typed in the other tab.")
    second_tab.get_by_role("button", name="Save the section").click()
    expect(second_tab.locator(".govuk-error-summary")).to_contain_text("after you opened it")
    expect(second_tab.locator("#their-text")).to_have_value(
        "Officers attended but did not ask to see the children."
    )
    expect(second_tab.get_by_label("Text", exact=True)).to_have_value(
        "A different start, typed in the other tab."
    )
    assert_accessible(second_tab)
    second_tab.get_by_label("Text", exact=True).fill(
        "Officers attended but did not ask to see the children.\n\n"
        "The call was not shared with social care."
    )
    for label in ("1. Why the review is held", "2. Information sharing", "3. Hearing the child"):
        second_tab.get_by_label(label).check()
    second_tab.get_by_role("button", name="Save the section").click()
    expect(second_tab.locator(".govuk-notification-banner")).to_contain_text("is saved")
    second_tab.close()

    # Submitting before declaring is refused with what is missing.
    author.goto(base)
    expect(author.get_by_role("table")).not_to_contain_text("Not answered")
    author.get_by_role("button", name="Send the report to the senior manager").click()
    expect(author.locator(".govuk-error-summary")).to_contain_text(
        "Declare your independence from the case"
    )
    assert_accessible(author)
    author.get_by_label(re.compile("I had no part in this case")).check()
    author.get_by_role("button", name="Declare my independence").click()
    author.get_by_role("button", name="Send the report to the senior manager").click()
    expect(author.locator(".govuk-notification-banner")).to_contain_text("with your senior manager")

    # The senior manager returns it once, then signs it off.
    senior = new_page()
    sign_in(senior, world.users["senior_police"].email, PASSWORD)
    senior.get_by_role("link", name=re.compile("Check and sign off your agency's IMR")).click()
    expect_title(senior, "Check and sign off")
    assert_accessible(senior)
    senior.get_by_role("button", name="Return the report to the author").click()
    expect(senior.locator(".govuk-error-summary")).to_contain_text("Say what the author needs")
    assert_accessible(senior)
    senior.get_by_label("Comments for the author").fill("Add what we learn.")
    senior.get_by_role("button", name="Return the report to the author").click()
    expect(senior.locator(".govuk-notification-banner")).to_contain_text("returned to the author")

    author.goto(base)
    expect(author.get_by_text("Add what we learn.")).to_be_visible()
    author.get_by_role("link", name="Write What we learn").click()
    author.get_by_label("Text").fill("- Share every call where children live\n- Ask to see them")
    author.get_by_role("button", name="Save the section").click()
    author.goto(base)
    author.get_by_role("button", name="Send the report to the senior manager").click()

    _sign_off(senior, review.pk, report.agency_id)
    expect(senior.locator(".govuk-notification-banner")).to_contain_text(
        "Version 1 (first submission)"
    )

    # A panel member grades version 1 inadequate and returns it.
    panel = new_page()
    sign_in(panel, world.users["panel_member"].email, PASSWORD)
    panel.goto(f"/reviews/{review.pk}/")
    panel.get_by_role("link", name="Chronology and reports", exact=True).click()
    panel.get_by_role("link", name="Agency reports", exact=True).click()
    assert_accessible(panel)
    panel.get_by_role("link", name=re.compile("Version 1")).click()
    expect(panel.locator("main")).to_contain_text("The call was not shared with social care.")
    assert_accessible(panel)
    panel.get_by_role("link", name="Grade this version").click()
    panel.get_by_role("button", name="Save the grading").click()
    expect(panel.locator(".govuk-error-summary")).to_be_visible()
    assert_accessible(panel)
    for _, label in STANDARDS_GRID:
        panel.get_by_role("group", name=label).get_by_label("Partial").check()
    panel.get_by_label("Inadequate").check()
    panel.get_by_label("Comments").fill("The analysis describes rather than analyses.")
    panel.get_by_role("button", name="Save the grading").click()
    expect(panel.locator("main")).to_contain_text("Inadequate")
    panel.get_by_role("link", name="Return it for revision").click()
    assert_accessible(panel)
    panel.get_by_label("Guidance for the author").fill("Say why the call was not shared.")
    fill_date(panel, "due_on", timezone.localdate() + timedelta(days=14))
    panel.get_by_role("button", name="Return the report for revision").click()
    expect(panel.locator(".govuk-notification-banner")).to_contain_text("returned to the agency")

    # The author revises; the senior manager signs off version 2.
    author.goto("/")
    author.get_by_role("link", name=re.compile("Revise your agency's IMR")).click()
    expect(author.get_by_text("Say why the call was not shared.")).to_be_visible()
    author.get_by_role("link", name="Write Analysis of involvement").click()
    text = author.get_by_label("Text", exact=True)
    text.fill(text.input_value() + "\n\nNobody checked who lived at the address.")
    author.get_by_role("button", name="Save the section").click()
    author.goto(base)
    author.get_by_role("button", name="Send the report to the senior manager").click()
    _sign_off(senior, review.pk, report.agency_id)
    expect(senior.locator(".govuk-notification-banner")).to_contain_text("Version 2 (revision 1)")

    # The panel sees the difference, and the PDF holds the sections.
    panel.goto(f"/reviews/{review.pk}/reports/")
    panel.get_by_role("link", name=re.compile("Version 2")).click()
    panel.get_by_role("link", name="Compare versions").click()
    expect_title(panel, "Changes between versions 1 and 2")
    expect(panel.locator("ins").first).to_contain_text("Nobody checked who lived at the address.")
    assert_accessible(panel)
    panel.get_by_role("link", name="Back to version 2").click()
    panel.get_by_role("link", name="PDF of Version 2").click()
    expect(panel.get_by_text("Ready")).to_be_visible()
    assert_accessible(panel)
    with panel.expect_download() as download:
        panel.get_by_role("link", name="Download the PDF").click()
    pdf = subprocess.run(
        ["pdftotext", download.value.path(), "-"], capture_output=True, text=True, check=True
    ).stdout
    pdf = " ".join(pdf.split())
    for expected in (
        "Analysis of involvement",
        "What we learn",
        "Nobody checked who lived at the address.",
        "Share every call where children live",
        "Declaration of independence",
        "Chief Superintendent",
        "Version 2 (revision 1)",
    ):
        assert expected in pdf, expected

    # The other agency's author finds none of it.
    other = new_page()
    sign_in(other, world.users["author_health"].email, PASSWORD)
    for url in (
        base,
        base + "sections/analysis/",
        base + "versions/1/",
        base + "compare/",
        base + "versions/2/export.docx",
        base + "check/",
    ):
        response = other.goto(url)
        assert response.status == 404, url
