"""Two agencies' chronologies: police type their rows, health upload a Word table; both submit;
the panel sees them merged with a gap and a shared day, and the anonymised PDF has codes only."""

import re
import subprocess
from datetime import date

from docx import Document
from playwright.sync_api import expect

from chronology import exports
from chronology import services as chronology
from scr import services
from tests.browser.conftest import assert_accessible, expect_title, fill_date, sign_in
from tests.factories import PASSWORD
from tests.personas import build_world


def _health_docx(path) -> None:
    document = Document()
    document.add_paragraph("Health chronology")
    table = document.add_table(rows=1, cols=5)
    for cell, text in zip(
        table.rows[0].cells,
        ["Date", "Family member(s)", "Event and who was present", "Child seen", "Comment"],
        strict=True,
    ):
        cell.text = text
    for values in [
        ("10/03/2025", "Child A", "Health visitor home visit; Ava Ray weighed", "Seen alone", ""),
        ("June 2025 approx", "Parent 1", "Jo Bloggs missed a GP appointment", "N/K", "Concern"),
        ("31/02/2025", "Child A", "A row with an impossible date", "Yes", ""),
    ]:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    document.save(path)


def test_two_agencies_merge_into_the_integrated_chronology(
    transactional_db, new_page, tmp_path, monkeypatch
):
    world = build_world()
    review = world.review
    by = services.system_user()
    chronology.person_save(
        review=review, by=by, kind="family", code="Child A", name="Ava Ray", is_subject=True
    )
    chronology.person_save(review=review, by=by, kind="family", code="Parent 1", name="Jo Bloggs")

    police = new_page()
    sign_in(police, world.users["author_police"].email, PASSWORD)
    police.get_by_role("link", name=re.compile("Write and submit your agency's chronology")).click()
    expect_title(police, "Bedfordshire Police's chronology")
    assert_accessible(police)
    police.get_by_role("button", name="Save the row").click()
    expect(police.locator(".govuk-error-summary")).to_contain_text("Say what happened")
    assert_accessible(police)
    fill_date(police, "occurred_on", date(2025, 3, 10))
    police.get_by_label("Time, 24 hour (optional)").fill("21:40")
    police.get_by_label("Parent 1").check()
    police.get_by_label("Event and who was present").fill(
        "Jo Bloggs reported a disturbance at the home"
    )
    police.get_by_label("Was the child seen?").select_option(label="No")
    police.get_by_role("button", name="Save the row").click()
    expect(police.locator(".govuk-notification-banner")).to_contain_text("The row is added")
    fill_date(police, "occurred_on", date(2025, 11, 2))
    police.get_by_label("Event and who was present").fill("Arrest of Parent 1's partner")
    police.keyboard.press("Tab")
    police.get_by_role("button", name="Save the row").click()
    expect(police.get_by_role("table")).to_contain_text("Arrest of Parent 1's partner")
    police.get_by_role("button", name="Submit the chronology to the panel").click()
    expect(police.locator(".govuk-notification-banner")).to_contain_text("Submission 1")
    assert_accessible(police)

    health = new_page()
    sign_in(health, world.users["author_health"].email, PASSWORD)
    health.get_by_role("link", name=re.compile("Write and submit your agency's chronology")).click()
    health.get_by_role("link", name="upload a Word, Excel or CSV file").click()
    assert_accessible(health)
    health.get_by_role("button", name="Upload and preview").click()
    expect(health.locator(".govuk-error-summary")).to_contain_text("Choose a file")
    assert_accessible(health)
    not_docx = tmp_path / "notes.docx"
    not_docx.write_text("just some text")
    health.get_by_label("Chronology file").set_input_files(str(not_docx))
    health.get_by_role("button", name="Upload and preview").click()
    expect(health.locator(".govuk-error-summary")).to_be_visible()
    upload = tmp_path / "health.docx"
    _health_docx(upload)
    health.get_by_label("Chronology file").set_input_files(str(upload))
    health.get_by_role("button", name="Upload and preview").click()
    expect_title(health, "Check the rows from health.docx")
    expect(health.get_by_text("2 new rows to add")).to_be_visible()
    expect(health.get_by_role("table").filter(has_text="Problem")).to_contain_text("31/02/2025")
    assert_accessible(health)
    health.get_by_role("button", name="Add 2 rows to my chronology").click()
    expect(health.locator(".govuk-notification-banner")).to_contain_text("2 rows are added")
    health.get_by_role("button", name="Submit the chronology to the panel").click()
    expect(health.locator(".govuk-notification-banner")).to_contain_text("Submission 1")

    chair = new_page()
    sign_in(chair, world.users["panel_chair"].email, PASSWORD)
    chair.goto(f"/reviews/{review.pk}/")
    chair.get_by_role("link", name="Chronology and reports", exact=True).click()
    expect_title(chair, f"Integrated chronology of {review.reference}")
    assert_accessible(chair)
    rows = chair.locator("tr[id^=entry-]")
    expect(rows).to_have_count(4)
    expect(rows.nth(0)).to_contain_text("10 Mar 2025")
    expect(rows.nth(2)).to_contain_text("Date not exact")
    expect(rows.nth(3)).to_contain_text("Arrest of Parent 1's partner")
    shared = chair.get_by_role("heading", name="Days when several agencies were involved")
    expect(shared.locator("xpath=following-sibling::ul[1]")).to_contain_text("2025-03-10")
    expect(chair.get_by_text(re.compile(r"No agency had contact from 2 Jun 2025"))).to_be_visible()
    chair.get_by_role(
        "link", name=re.compile("Add a note to the .* row of 10 Mar 2025")
    ).first.click()
    assert_accessible(chair)
    chair.get_by_label("Key issue").check()
    chair.get_by_label("Note (optional)").fill("Both agencies were there that day")
    chair.get_by_role("button", name="Add the note").click()
    expect(chair.locator("tr[id^=entry-]").first).to_contain_text("Both agencies were there")

    # A long chronology's PDF is built in the background: make this one count as long.
    monkeypatch.setattr(exports, "BACKGROUND_ROWS", 2)
    chair.get_by_role("link", name="PDF anonymised").click()
    expect_title(chair, "Export of the integrated chronology")
    assert_accessible(chair)
    with chair.expect_download() as download:
        chair.get_by_role("link", name="Download the PDF").click()
    text = subprocess.run(
        ["pdftotext", download.value.path(), "-"], capture_output=True, text=True, check=True
    ).stdout
    text = " ".join(text.split())
    assert "Parent 1 reported a disturbance" in text
    assert "Child A weighed" in text
    for name in ("Bloggs", "Ava", "Ray"):
        assert name not in text

    chair.get_by_role("link", name="Back to the integrated chronology").click()
    chair.get_by_role("link", name="See the timeline").click()
    assert_accessible(chair)
    expect(chair.locator("main svg").first).to_be_visible()
    expect(chair.get_by_role("link", name=re.compile("Arrest of Parent 1"))).to_be_visible()
    chair.goto(f"/reviews/{review.pk}/chronology/genogram/")
    assert_accessible(chair)
