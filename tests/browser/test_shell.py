"""Journeys through the platform shell, each page checked by axe-core."""

import re

from django.core import mail
from playwright.sync_api import expect

from scr.models import Agency, BoardMembership, BoardRole, ReviewRole
from tests.browser.conftest import assert_accessible, assert_fits, expect_title, sign_in
from tests.factories import PASSWORD
from tests.personas import build_world


def _manager_with_admin(world):
    user = world.users["manager"]
    BoardMembership.objects.create(user=user, board=world.luton, role=BoardRole.ADMINISTRATOR)
    return user


def test_every_shell_page_is_accessible_and_fits_a_small_screen(transactional_db, new_page):
    world = build_world()
    user = _manager_with_admin(world)
    review, role = world.review, world.role
    page = new_page()
    for url, title in [
        ("/sign-in/", "Sign in"),
        ("/password-reset/", "Set a new password"),
        ("/password-reset/sent/", "Check your email"),
        ("/password-reset/MQ/not-a-token/", "Link no longer works"),
        ("/password-reset/done/", "Password changed"),
        ("/no-such-page/", "Page not found"),
    ]:
        page.goto(url)
        expect_title(page, title)
        assert_accessible(page)
    sign_in(page, user.email, PASSWORD)
    expect_title(page, "My tasks and deadlines")
    pages = [
        ("/", "My tasks and deadlines"),
        ("/reviews/", "Reviews"),
        ("/reviews/?stage=setup&status=open", "Reviews"),
        ("/reviews/?timeliness=overdue", "Reviews"),
        (f"/reviews/{review.pk}/timetable/", f"Timetable of {review.reference}"),
        ("/account/calendar/", "Your calendar feed"),
        (f"/reviews/{review.pk}/", f"{review.reference} summary"),
        (f"/reviews/{review.pk}/people/", f"People in {review.reference}"),
        (f"/reviews/{review.pk}/people/{role.pk}/remove/", "Remove"),
        (f"/reviews/{review.pk}/audit/", f"Audit trail of {review.reference}"),
        ("/boards/luton/", "Board rules"),
        ("/boards/luton/edit/", "Change the board's rules"),
        ("/boards/luton/agencies/", "Agencies"),
        ("/boards/luton/agencies/new/", "Add an agency"),
        (f"/boards/luton/agencies/{world.agency.pk}/edit/", "Change"),
        ("/boards/luton/people/", "People"),
        ("/boards/luton/people/new/", "Add a person"),
        ("/two-factor/setup/", "Set up two-factor authentication"),
        ("/sign-out/", "Sign out"),
        (f"/reviews/{world.other_review.pk}/", "Page not found"),
    ]
    for url, title in pages:
        page.goto(url)
        expect_title(page, title)
        assert_accessible(page)
    small = new_page(width=320)
    sign_in(small, user.email, PASSWORD)
    for url, _ in pages:
        small.goto(url)
        assert_fits(small)
    small.get_by_role("button", name="Menu").click()
    expect(small.get_by_role("link", name="Reviews", exact=True)).to_be_visible()


def test_forms_show_the_error_summary_and_keep_what_was_typed(transactional_db, page):
    world = build_world()
    user = _manager_with_admin(world)
    sign_in(page, user.email, PASSWORD)

    page.goto("/boards/luton/edit/")
    page.get_by_label("Board name").fill("")
    page.get_by_label("Months allowed to complete a review").fill("99")
    page.get_by_label("Short name").fill("Luton board (renamed)")
    page.get_by_role("button", name="Save").click()
    expect_title(page, "Error: Change the board's rules")
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the board's name")
    expect(summary).to_contain_text("between 1 and 24")
    expect(page.get_by_label("Short name")).to_have_value("Luton board (renamed)")
    assert_accessible(page)
    summary.get_by_role("link", name="Enter the board's name").click()
    expect(page.get_by_label("Board name")).to_be_focused()
    world.luton.refresh_from_db()
    assert world.luton.short_name == "Luton LSCB"

    page.goto("/boards/luton/agencies/new/")
    page.get_by_label("Agency name").fill(world.agency.name.upper())
    page.get_by_label("Discipline").select_option("police")
    page.get_by_role("button", name="Save agency").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("already has an agency")
    assert_accessible(page)

    page.goto("/boards/luton/people/new/")
    page.get_by_label("Full name").fill("Sam Example")
    page.get_by_label("Email address").fill("not-an-email")
    page.get_by_role("radio", name="Agency staff").check()
    page.get_by_role("button", name="Add person").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter an email address like name@example.org")
    expect(summary).to_contain_text("Select the agency this person works for")
    expect(page.get_by_label("Full name")).to_have_value("Sam Example")
    assert_accessible(page)


def test_the_manager_sets_up_agencies_people_and_review_roles(transactional_db, page):
    world = build_world()
    user = _manager_with_admin(world)
    sign_in(page, user.email, PASSWORD)

    page.get_by_role("link", name="Agencies", exact=True).click()
    page.get_by_role("link", name="Add an agency").click()
    page.get_by_label("Agency name").fill("Luton Youth Offending Service")
    page.get_by_label("Discipline").select_option("social_care")
    page.get_by_role("button", name="Save agency").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("is saved")
    agency = Agency.objects.get(board=world.luton, name="Luton Youth Offending Service")

    page.get_by_role("link", name="People", exact=True).click()
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Full name").fill("Jo Newcomer")
    page.get_by_label("Email address").fill("Jo.Newcomer@luton.example.org")
    page.get_by_role("radio", name="Agency staff").check()
    page.get_by_label("Agency (for agency staff").select_option(str(agency.pk))
    page.get_by_role("button", name="Add person").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Jo Newcomer added")
    expect(page.get_by_role("cell", name="jo.newcomer@luton.example.org")).to_be_visible()

    page.goto(f"/reviews/{world.review.pk}/people/")
    page.get_by_label("Person").select_option(label="Jo Newcomer")
    page.get_by_label("Role in this review").select_option("imr_author")
    page.get_by_role("button", name="Add to review").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose the agency")
    page.get_by_label("Agency they act for").select_option(str(agency.pk))
    page.get_by_role("button", name="Add to review").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Jo Newcomer added")
    newcomer_role = ReviewRole.objects.get(review=world.review, user__full_name="Jo Newcomer")

    # The panel chair cannot also write the overview report.
    chair = world.users["panel_chair"]
    page.get_by_label("Person").select_option(label=chair.full_name)
    page.get_by_label("Role in this review").select_option("overview_author")
    page.get_by_role("button", name="Add to review").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "cannot also be the overview author"
    )
    assert_accessible(page)

    page.goto(f"/reviews/{world.review.pk}/people/{newcomer_role.pk}/remove/")
    page.get_by_role("button", name="Remove").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("removed")

    page.get_by_role("link", name=world.review.reference).click()
    expect_title(page, f"{world.review.reference} summary")
    page.get_by_role("link", name="Audit trail").click()
    trail = page.locator("table").first
    expect(trail).to_contain_text("Deleted review role")
    expect(trail).to_contain_text("Created review role")
    expect(page.locator("table").nth(1)).to_contain_text("Viewed")
    assert_accessible(page)


def test_a_review_role_opens_the_review_and_removing_it_closes_it(transactional_db, new_page):
    world = build_world()
    manager = _manager_with_admin(world)
    outsider = world.users["decision_member"]
    theirs = new_page()
    sign_in(theirs, outsider.email, PASSWORD)
    theirs.goto(f"/reviews/{world.review.pk}/")
    expect_title(theirs, "Page not found")

    ours = new_page()
    sign_in(ours, manager.email, PASSWORD)
    ours.goto(f"/reviews/{world.review.pk}/people/")
    ours.get_by_label("Person").select_option(label=outsider.full_name)
    ours.get_by_label("Role in this review").select_option("specialist_adviser")
    ours.get_by_role("button", name="Add to review").click()
    expect(ours.locator(".govuk-notification-banner")).to_contain_text("added")

    theirs.goto("/")
    expect(theirs.get_by_role("link", name=re.compile(world.review.reference))).to_be_visible()
    theirs.goto(f"/reviews/{world.review.pk}/")
    expect_title(theirs, f"{world.review.reference} summary")


def test_two_people_editing_the_board_never_overwrite_each_other(transactional_db, new_page):
    world = build_world()
    first_user = _manager_with_admin(world)
    second_user = world.users["administrator"]
    first, second = new_page(), new_page()
    sign_in(first, first_user.email, PASSWORD)
    sign_in(second, second_user.email, PASSWORD)
    first.goto("/boards/luton/edit/")
    second.goto("/boards/luton/edit/")

    first.get_by_label("Who monitors action plans").fill("the Quality Assurance sub-group")
    first.get_by_role("button", name="Save").click()
    expect(first.locator(".govuk-notification-banner")).to_contain_text("saved")

    second.get_by_label("Who agrees an extension").fill("Ofsted")
    second.get_by_role("button", name="Save").click()
    expect(second.locator(".govuk-error-summary")).to_contain_text("Someone else saved a change")
    expect(second.get_by_label("Who agrees an extension")).to_have_value("Ofsted")
    world.luton.refresh_from_db()
    assert world.luton.action_plan_monitored_by == "the Quality Assurance sub-group"
    assert world.luton.extension_authority == "Government Office"


def test_keyboard_alone_is_enough_to_add_an_agency(transactional_db, page):
    world = build_world()
    user = world.users["manager"]
    sign_in(page, user.email, PASSWORD)

    def tab_to(text: str, limit: int = 40) -> None:
        for _ in range(limit):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                "document.activeElement.innerText || document.activeElement.value || ''"
            )
            if focused.strip().startswith(text):
                return
        raise AssertionError(f"Could not reach {text!r} with the Tab key")

    tab_to("Agencies")
    page.keyboard.press("Enter")
    expect_title(page, "Agencies")
    tab_to("Add an agency")
    page.keyboard.press("Enter")
    expect_title(page, "Add an agency")
    page.keyboard.press("Tab")
    for _ in range(40):
        if page.evaluate("document.activeElement.id") == "id_name":
            break
        page.keyboard.press("Tab")
    page.keyboard.type("Luton Families Project")
    page.keyboard.press("Tab")
    page.keyboard.press("ArrowDown")
    tab_to("Save agency")
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Luton Families Project")
    assert Agency.objects.filter(board=world.luton, name="Luton Families Project").exists()


def test_five_failed_sign_ins_lock_the_address_with_the_same_message_for_unknown_people(
    transactional_db, page
):
    world = build_world()
    user = world.users["referrer"]
    for _ in range(4):
        sign_in(page, user.email, "wrong password")
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "Enter a correct email address and password"
        )
    sign_in(page, user.email, "wrong password")
    expect_title(page, "Sign-in locked")
    assert_accessible(page)
    sign_in(page, user.email, PASSWORD)
    expect_title(page, "Sign-in locked")

    for _ in range(4):
        sign_in(page, "nobody@luton.example.org", "guess")
        expect(page.locator(".govuk-error-summary")).to_contain_text(
            "Enter a correct email address and password"
        )
    sign_in(page, "nobody@luton.example.org", "guess")
    expect_title(page, "Sign-in locked")

    # Another person signing in from the same address is not locked out.
    other = world.users["author_health"]
    sign_in(page, other.email, PASSWORD)
    expect_title(page, "My tasks and deadlines")


def test_a_password_reset_does_not_sign_anyone_in(transactional_db, page):
    world = build_world()
    user = world.users["author_health"]
    page.goto("/sign-in/")
    page.get_by_role("link", name="I have forgotten my password").click()
    page.get_by_label("Email address").fill(user.email)
    page.get_by_role("button", name="Send the link").click()
    expect_title(page, "Check your email")
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+", mail.outbox[0].body).group(0)
    page.goto(link)
    expect_title(page, "Choose a new password")
    assert_accessible(page)
    page.get_by_label("New password", exact=True).fill("a much longer new passphrase")
    page.get_by_label("New password confirmation").fill("a much longer new passphrase")
    page.get_by_role("button", name="Set password").click()
    expect_title(page, "Password changed")
    page.goto("/")
    expect_title(page, "Sign in")
    sign_in(page, user.email, "a much longer new passphrase")
    expect_title(page, "My tasks and deadlines")


def test_an_author_declares_independence_from_their_home_page(transactional_db, page):
    world = build_world()
    sign_in(page, world.users["author_police"].email, PASSWORD)
    page.get_by_role("link", name="Declare your independence as agency report author").click()
    expect_title(page, "Declare your independence")
    assert_accessible(page)
    page.get_by_role("button", name="Make the declaration").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Confirm your declaration")
    assert_accessible(page)
    page.get_by_label("I have had no involvement").check()
    page.get_by_role("button", name="Make the declaration").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("declaration is recorded")
    row = page.get_by_role("row").filter(has_text=world.users["author_police"].full_name)
    expect(row).to_contain_text("Declared")


def test_the_two_factor_code_page_is_accessible(transactional_db, page, settings):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    settings.OTP_REQUIRED = True
    world = build_world()
    user = world.users["manager"]
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    sign_in(page, user.email, PASSWORD)
    expect_title(page, "Enter your code")
    assert_accessible(page)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("6-digit code")
    assert_accessible(page)
