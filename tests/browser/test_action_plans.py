"""Action plans in the browser, on a Bedford Borough review: three actions in two agencies' plans;
both agencies report progress online, one action goes past its date and Red is proposed and set,
one is completed with evidence; the board's RAG report opens as PDF and Word with the right
counts; the health trust's senior manager signs its plan off."""

import re
from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import Page, expect

from actionplans.models import Action, ActionPlan, RagChange
from scr import services
from scr.board_defaults import load_default_boards
from scr.models import Agency, Board, BoardRole, ReviewRoleKind
from tests.browser.conftest import assert_accessible, expect_title, fill_date, sign_in
from tests.documents import docx_text, pdf_text
from tests.factories import PASSWORD, UserFactory, make_review

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _bedford_borough():
    load_default_boards(Board, Agency)
    board = Board.objects.get(slug="bedford-borough")
    police = Agency.objects.get(board=board, name="Bedfordshire Police")
    health = Agency.objects.get(board=board, name="Bedford Hospital NHS Trust")
    review = make_review(board, child_code="Child K")
    by = services.system_user()
    people = {}
    for name, board_role, agency, review_role in [
        ("manager", BoardRole.BUSINESS_MANAGER, None, None),
        ("chair", BoardRole.BOARD_CHAIR, None, None),
        ("senior.police", BoardRole.AGENCY_STAFF, police, ReviewRoleKind.SENIOR_MANAGER),
        ("author.police", BoardRole.AGENCY_STAFF, police, ReviewRoleKind.IMR_AUTHOR),
        ("senior.health", BoardRole.AGENCY_STAFF, health, ReviewRoleKind.SENIOR_MANAGER),
        ("author.health", BoardRole.AGENCY_STAFF, health, ReviewRoleKind.IMR_AUTHOR),
    ]:
        user = UserFactory(email=f"{name}@bedford-borough.example.org")
        services.person_add_to_board(
            board=board,
            email=user.email,
            full_name=user.full_name,
            role=board_role,
            agency=agency,
            by=by,
        )
        if review_role:
            services.review_role_assign(
                review=review, user=user, role=review_role, agency=agency, by=by
            )
        people[name] = user
    return board, review, police, health, people


def _add_recommendation(page: Page, source: str, agency: str, text: str, action: str, lead: str):
    page.get_by_role("link", name="Add a recommendation").click()
    page.get_by_label(source).check()
    page.get_by_label("Agency", exact=True).select_option(label=agency)
    page.get_by_label("Recommendation", exact=True).fill(text)
    page.get_by_label("What will be done").fill(action)
    page.get_by_label("Lead person’s name").fill(lead)
    page.get_by_label("Lead person’s role").fill("Named safeguarding lead")
    fill_date(page, "target_date", timezone.localdate() + timedelta(days=40))
    page.get_by_label("How you will know it has worked").fill("An audit of 20 case files")
    page.get_by_label("What it will change for children").fill("Children are seen sooner")
    expect(page.locator("#smart-check")).to_contain_text("SMART: all five parts are there")
    page.get_by_role("button", name="Add the recommendation").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("first action are added")


def test_a_bedford_borough_plan_from_recommendations_to_sign_off(
    transactional_db, new_page, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path / "media"
    board, review, police, health, people = _bedford_borough()
    today = timezone.localdate()

    # The business manager writes the recommendations, checked for SMART as they type.
    manager = new_page()
    sign_in(manager, people["manager"].email, PASSWORD)
    manager.goto(f"/reviews/{review.pk}/")
    sections = manager.get_by_role("navigation", name="Review sections")
    sections.get_by_role("link", name="Action plans").click()
    expect_title(manager, f"Action plans of {review.reference}")
    assert_accessible(manager)
    manager.get_by_role("link", name="Add a recommendation").click()
    manager.get_by_label("What will be done").fill("Review the policy and train the staff")
    expect(manager.locator("#smart-check")).to_contain_text("and train")
    manager.get_by_role("button", name="Add the recommendation").click()
    summary = manager.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Choose where the recommendation comes from")
    expect(summary).to_contain_text("The action must say one thing")
    assert_accessible(manager)
    manager.goto(f"/reviews/{review.pk}/action-plans/")
    _add_recommendation(
        manager,
        "An agency's own report (single agency)",
        police.name,
        "Officers record every child living at an address they attend.",
        "Add a question on children present to the incident form",
        "Pat Lowe",
    )
    _add_recommendation(
        manager,
        "The review panel, for one agency",
        health.name,
        "Emergency staff ask who cares for a child at every attendance.",
        "Train emergency department nurses in asking who cares for the child",
        "Ruth Adeyemi",
    )
    _add_recommendation(
        manager,
        "An agency's own report (single agency)",
        police.name,
        "Domestic abuse referrals reach children's services within a day.",
        "Set up a daily check of domestic abuse referrals",
        "Pat Lowe",
    )
    expect(manager.get_by_role("row", name=re.compile(f"^{police.name} 2 "))).to_be_visible()
    assert Action.objects.filter(plan__review=review).count() == 3
    assert_accessible(manager)
    manager.get_by_role("link", name="Ask agencies for progress").click()
    assert_accessible(manager)
    fill_date(manager, "due_on", today + timedelta(days=7))
    manager.get_by_role("button", name="Ask for progress").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("Progress asked of 2")

    # The police report progress on their own plan only.
    author = new_page()
    sign_in(author, people["author.police"].email, PASSWORD)
    author.get_by_role("link", name=re.compile("Report progress on Bedfordshire Police")).click()
    expect_title(author, "Bedfordshire Police action plan")
    assert_accessible(author)
    author.get_by_role(
        "link", name=re.compile("Add progress on the action: Add a question")
    ).click()
    assert_accessible(author)
    author.get_by_label("Progress made").fill("The new question is drafted and with IT.")
    author.get_by_label(re.compile(r"^\s*Green")).check()
    author.get_by_role("button", name="Send the update").click()
    expect(author.locator(".govuk-notification-banner")).to_contain_text("Your update is saved")
    health_plan = ActionPlan.objects.get(review=review, agency=health)
    response = author.goto(f"/reviews/{review.pk}/action-plans/{health_plan.pk}/")
    assert response.status == 404

    # The health trust completes its action: Blue is refused until the evidence is attached.
    nurse = new_page()
    sign_in(nurse, people["author.health"].email, PASSWORD)
    nurse.goto(f"/reviews/{review.pk}/action-plans/{health_plan.pk}/")
    assert_accessible(nurse)
    nurse.get_by_role("link", name=re.compile("Add progress on the action")).click()
    nurse.get_by_label("Progress made").fill("Every emergency department nurse is trained.")
    nurse.get_by_label(re.compile(r"^\s*Blue")).check()
    nurse.get_by_role("button", name="Send the update").click()
    expect(nurse.locator(".govuk-error-summary")).to_contain_text("can only be Blue with evidence")
    assert_accessible(nurse)
    register = tmp_path / "training-register.pdf"
    register.write_bytes(PDF)
    nurse.get_by_label(re.compile(r"^\s*Blue")).check()
    nurse.get_by_label("Evidence (optional)").set_input_files(str(register))
    nurse.get_by_role("button", name="Send the update").click()
    expect(nurse.locator(".govuk-notification-banner")).to_contain_text("Your update is saved")
    expect(nurse.get_by_role("row", name=re.compile("^R2. Emergency staff"))).to_contain_text(
        "Blue"
    )

    # Time passes: the police's second action is past its date, and Red is proposed.
    late = Action.objects.get(plan__review=review, description__startswith="Set up a daily")
    ActionPlan.objects.filter(pk=late.plan_id).update(created_on=today - timedelta(days=60))
    Action.objects.filter(pk=late.pk).update(target_date=today - timedelta(days=3))
    manager.goto(f"/reviews/{review.pk}/action-plans/{late.plan_id}/")
    row = manager.get_by_role("row", name=re.compile("^R3. Domestic abuse"))
    expect(row).to_contain_text("Overdue")
    expect(row).to_contain_text("Red proposed")
    row.get_by_role("link", name=re.compile("Details and history")).click()
    expect(manager.locator(".govuk-warning-text")).to_contain_text("Red is proposed")
    assert_accessible(manager)
    manager.get_by_role("button", name="Set the rating").click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text("Give the reason")
    assert_accessible(manager)
    manager.get_by_label("Reason").fill("Past its target date with no progress reported")
    manager.get_by_role("button", name="Set the rating").click()
    expect(manager.locator(".govuk-notification-banner")).to_contain_text("The rating is set")
    assert RagChange.objects.filter(action=late, to_rag="red", reason="overdue").exists()

    # Across the board's reviews, and the report for the board meeting.
    menu = manager.get_by_role("navigation", name="Menu")
    menu.get_by_role("link", name="Action plans").click()
    expect_title(manager, "Action plans across the board's reviews")
    expect(manager.locator("svg[role=img] title")).to_have_text(re.compile("RAG rating"))
    assert_accessible(manager)
    manager.get_by_label("RAG rating", exact=True).select_option(label="Red")
    manager.get_by_role("button", name="Filter").click()
    expect(manager.get_by_text("1 action, soonest target date first.")).to_be_visible()
    assert_accessible(manager)
    manager.get_by_role("link", name="Download the RAG report for a board meeting").click()
    assert_accessible(manager)
    fill_date(manager, "on", today + timedelta(days=1))
    manager.get_by_role("button", name="Download the report").click()
    expect(manager.locator(".govuk-error-summary")).to_contain_text("today or in the past")
    assert_accessible(manager)
    fill_date(manager, "on", today)
    expected = [
        "Red (Poor progress or not started): 1",
        "Amber (On target): 0",
        "Green (Good progress): 1",
        "Blue (Completed): 1",
    ]
    with manager.expect_download() as download:
        manager.get_by_role("button", name="Download the report").click()
    text = pdf_text(open(download.value.path(), "rb").read(), tmp_path)
    for line in expected:
        assert line in text, line
    assert review.reference in text
    manager.get_by_label("Word (.docx)").check()
    with manager.expect_download() as download:
        manager.get_by_role("button", name="Download the report").click()
    assert download.value.suggested_filename.endswith(".docx")
    text = docx_text(open(download.value.path(), "rb").read())
    for line in expected:
        assert line in text, line

    # The health trust's senior manager signs its plan off.
    senior = new_page()
    sign_in(senior, people["senior.health"].email, PASSWORD)
    senior.get_by_role("link", name=re.compile("Sign off Bedford Hospital NHS Trust")).click()
    assert_accessible(senior)
    senior.get_by_role("button", name="Sign off the plan").click()
    expect(senior.locator(".govuk-error-summary")).to_contain_text("Confirm that every action")
    assert_accessible(senior)
    senior.get_by_label(re.compile("I confirm")).check()
    senior.get_by_role("button", name="Sign off the plan").click()
    expect(senior.locator(".govuk-notification-banner")).to_contain_text("is signed off")
    expect(senior.locator(".govuk-panel")).to_contain_text(people["senior.health"].full_name)
    assert_accessible(senior)
    health_plan.refresh_from_db()
    assert health_plan.signed_off_by == people["senior.health"]
