"""The review's progress page, its navigation, recording by hand what happened outside the
service, the timetable's milestones marked done by hand, and the lists and home page that flag
reviews past the time Ofsted judges against."""

import importlib
import re
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.urls import URLPattern, reverse
from django.utils import timezone

from bench._harness import count_queries
from scr import lifecycle, services
from scr.models import Deadline, ReviewEvent
from tests.factories import make_review

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def _text(response) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def _started(world, days: int = 40, **overrides):
    today = timezone.localdate()
    return make_review(world.luton, started_on=today - timedelta(days=days), **overrides)


def _section(text: str, heading: str) -> str:
    """The page text from a stage's heading to the next stage's."""
    start = text.index(heading)
    return text[start : start + 600]


# Navigation ---------------------------------------------------------------------------------


def test_the_core_templates_name_no_stage_apps_pages_or_tags():
    stage_names = set()
    for app in ("chronology", "imr", "actionplans", "referrals"):
        module = importlib.import_module(f"{app}.urls")
        stage_names |= {p.name for p in module.urlpatterns if isinstance(p, URLPattern) and p.name}
    assert "review_chronology" in stage_names
    for name in ("includes/review_nav.html", "scr/review_detail.html"):
        source = (TEMPLATES / name).read_text()
        named = set(re.findall(r"{%\s*url\s+['\"]([\w-]+)['\"]", source))
        assert not named & stage_names, (name, named & stage_names)
        for app in ("chronology", "actionplans", "imr", "referrals"):
            assert f"{app}_tags" not in source, name


def test_the_review_navigation_comes_from_the_registry_with_the_current_groups_pages(
    world, client_for
):
    manager = client_for("manager")
    setup = manager.get(reverse("review_people", args=[world.review.pk])).content.decode()
    sections = setup.split('aria-label="Review sections"')[1].split("</nav>")[0]
    for label in ("Progress", "Timetable", "Set-up", "Chronology and reports", "Audit trail"):
        assert f">{label}</a>" in sections
    assert 'aria-current="page" href="' + reverse("review_setup", args=[world.review.pk]) in (
        sections
    )
    pages = setup.split('aria-label="Pages in Set-up"')[1].split("</nav>")[0]
    assert 'aria-current="page" href="' + reverse("review_people", args=[world.review.pk]) in pages
    for label in ("Agencies", "Letters", "Panel meetings", "Terms of reference", "Tracker"):
        assert f">{label}</a>" in pages

    # An agency's author sees their agency's pages, not the panel's or the office's.
    author = client_for("author_police")
    page = author.get(reverse("review_detail", args=[world.review.pk])).content.decode()
    sections = page.split('aria-label="Review sections"')[1].split("</nav>")[0]
    assert ">Your agency</a>" in sections
    assert "Chronology and reports" not in sections
    assert "Audit trail" not in sections
    assert "Pages in" not in page  # the progress page is a group of one


# Progress page --------------------------------------------------------------------------------


def test_the_progress_page_shows_each_stage_and_its_tasks_as_events_are_recorded(world, client_for):
    review, manager = _started(world), world.users["manager"]
    today = timezone.localdate()
    client = client_for("manager")
    url = reverse("review_detail", args=[review.pk])

    text = _text(client.get(url))
    assert "Referral and decision Not started" in text
    assert "Set-up Cannot start yet" in text
    assert "Done by business manager" in text

    decided = today - timedelta(days=30)
    for key in ("referral_received", "decision_meeting", "recommendation_made"):
        lifecycle.record(review=review, key=key, on=decided, by=manager)
    lifecycle.record(review=review, key="chair_decision", on=decided, by=manager)
    lifecycle.record(review=review, key="agencies_asked", on=today - timedelta(days=2), by=manager)

    response = client.get(url)
    text = _text(response)
    assert f"Referral and decision Completed on {decided:%-d %B %Y}" in text
    setup = _section(text, "Set-up In progress")
    asked = f"{today - timedelta(days=2):%-d %b %Y}"
    assert (
        f"Ask the agencies whether they were involved Done by business manager Completed {asked}"
        in (setup)
    )
    assert "Appoint the review panel Done by business manager Not started" in setup
    assert "Terms of reference Cannot start yet" in text
    review.refresh_from_db()
    assert f"Stage {review.stage_label}" in text
    assert review.stage_label == "Set-up"
    html = response.content.decode()
    assert 'class="govuk-task-list"' in html
    # A task waiting on another (the merge waits on every chronology) is not linked.
    record_merge = reverse("review_event_record", args=[review.pk, "chronology_merged"])
    assert record_merge not in html


def test_only_managers_get_the_links_to_record_by_hand(world, client_for):
    review = world.review
    record_qa = reverse("review_event_record", args=[review.pk, "action_plans_quality_assured"])
    setup = reverse("review_setup", args=[review.pk])
    # Every earlier stage done, so the action plans' tasks are open.
    for stage in lifecycle.path_of(review)[:-2]:
        for ref in lifecycle.rule_refs(stage.done_when):
            if not ref.startswith("all:"):
                lifecycle.record(
                    review=review,
                    key=lifecycle.ref_key(ref),
                    part=ref.split(":", 1)[1] if ":" in ref else "",
                    on=review.started_on,
                    by=world.users["manager"],
                    check=False,
                )
    manager = client_for("manager").get(reverse("review_detail", args=[review.pk]))
    assert record_qa in manager.content.decode()
    assert setup in manager.content.decode()
    author = client_for("author_police").get(reverse("review_detail", args=[review.pk]))
    assert record_qa not in author.content.decode()
    assert f'href="{setup}"' not in author.content.decode()
    assert "Quality assure the agencies" in author.content.decode()


def test_the_progress_page_flags_a_review_past_the_time_ofsted_judges_against(world, client_for):
    review = _started(world, days=200)  # Luton: 6 months to complete, Ofsted judges against 4
    client = client_for("manager")
    page = _text(client.get(reverse("review_detail", args=[review.pk])))
    assert "Past the 4 months Ofsted judges against, with no agreed extension" in page
    assert f"Ofsted judges against 4 months: {lifecycle.ofsted_date(review):%-d %B %Y}" in page
    fresh = _text(client.get(reverse("review_detail", args=[world.review.pk])))
    assert "Past the 4 months" not in fresh


def test_the_progress_page_keeps_the_lighter_path_and_the_people(world, client_for):
    review = _started(world, review_type="ipr")
    services.review_role_assign(
        review=review,
        user=world.users["panel_chair"],
        role="panel_chair",
        agency=None,
        by=world.users["manager"],
    )
    text = _text(client_for("manager").get(reverse("review_detail", args=[review.pk])))
    assert "The review's path" in text
    assert "People in this review" in text
    assert world.users["panel_chair"].full_name in text
    assert "Overview report" not in text.split("The review's path")[0].split("Completion due")[1]


# Bounded queries --------------------------------------------------------------------------------


def test_the_progress_page_runs_as_many_queries_however_many_events(world, client_for):
    review, manager = world.review, world.users["manager"]
    client = client_for("manager")
    url = reverse("review_detail", args=[review.pk])
    client.get(url)
    before = count_queries(lambda: client.get(url))
    today = timezone.localdate()
    for key in ("referral_received", "decision_meeting", "recommendation_made", "chair_decision"):
        lifecycle.record(review=review, key=key, on=today, by=manager)
    for agency in world.luton.agencies.all()[:4]:
        lifecycle.record(
            review=review, key="chronology_submitted", part=agency.pk, on=today, by=manager
        )
    services.setup_requests_send(review=review, by=manager, due_on=today, today=today)
    assert count_queries(lambda: client.get(url)) == before


def test_the_review_list_and_home_page_run_as_many_queries_however_many_reviews(world, client_for):
    manager = world.users["manager"]

    def add_review(n: int) -> None:
        review = _started(world, days=20 * n, child_code=f"Child {n}")
        lifecycle.record(review=review, key="referral_received", on=review.started_on, by=manager)
        services.review_role_assign(
            review=review, user=manager, role="panel_member", agency=None, by=manager
        )

    add_review(0)
    client = client_for("manager")
    urls = [reverse("review_list"), reverse("home")]
    for url in urls:
        client.get(url)
    before = {url: count_queries(lambda url=url: client.get(url)) for url in urls}
    for n in range(1, 9):
        add_review(n)
    after = {url: count_queries(lambda url=url: client.get(url)) for url in urls}
    assert after == before


# Recording by hand ------------------------------------------------------------------------------


def _record_url(review, key="action_plans_quality_assured"):
    return reverse("review_event_record", args=[review.pk, key])


def _date(day) -> dict:
    return {"on_0": day.day, "on_1": day.month, "on_2": day.year}


def test_a_manager_records_what_happened_with_its_date(world, client_for):
    review = _started(world)
    client = client_for("manager")
    assert client.get(_record_url(review)).status_code == 200
    on = timezone.localdate() - timedelta(days=3)
    response = client.post(_record_url(review), _date(on))
    assert response.status_code == 302
    assert response["Location"] == reverse("review_detail", args=[review.pk])
    event = ReviewEvent.objects.get(review=review, key="action_plans_quality_assured")
    assert event.happened_on == on
    assert event.recorded_by == world.users["manager"]
    page = _text(client.get(response["Location"]))
    assert "Action plans received and quality assured: recorded" in page
    # Recorded once: the page now says when.
    again = _text(client.get(_record_url(review)))
    assert f"recorded as done on {on:%-d %B %Y}" in again


def test_a_blank_date_means_today(world, client_for):
    review = _started(world)
    response = client_for("manager").post(_record_url(review), {"on_0": "", "on_1": "", "on_2": ""})
    assert response.status_code == 302
    event = ReviewEvent.objects.get(review=review, key="action_plans_quality_assured")
    assert event.happened_on == timezone.localdate()


def test_a_date_in_the_future_is_refused_in_the_error_summary(world, client_for):
    review = _started(world)
    response = client_for("manager").post(
        _record_url(review), _date(timezone.localdate() + timedelta(days=1))
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "The date must be today or in the past" in html
    assert not ReviewEvent.objects.filter(review=review, key="action_plans_quality_assured")


def test_a_date_before_the_review_began_is_refused(world, client_for):
    review = _started(world, days=10)
    response = client_for("manager").post(
        _record_url(review), _date(review.started_on - timedelta(days=1))
    )
    assert response.status_code == 200
    assert "The date cannot be before the review began" in response.content.decode()
    assert not ReviewEvent.objects.filter(review=review, key="action_plans_quality_assured")


def test_what_waits_on_something_else_is_refused_until_it_has_happened(world, client_for):
    review = _started(world)
    client = client_for("manager")
    url = _record_url(review, "chronology_merged")
    assert "It can be recorded once this has happened" in _text(client.get(url))
    response = client.post(url, _date(timezone.localdate()))
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "can be recorded once this has happened" in html
    assert not ReviewEvent.objects.filter(review=review, key="chronology_merged")


def test_only_what_is_recorded_by_hand_has_a_page(world, client_for):
    client = client_for("manager")
    assert client.get(_record_url(world.review, "terms_signed")).status_code == 404
    assert client.get(_record_url(world.review, "no_such_event")).status_code == 404
    assert client.post(_record_url(world.review, "terms_signed"), {}).status_code == 404


def test_another_boards_manager_and_non_managers_get_404(world, client_for):
    on = _date(timezone.localdate())
    for persona in ("other_board", "panel_chair", "author_police"):
        client = client_for(persona)
        assert client.get(_record_url(world.review)).status_code == 404, persona
        assert client.post(_record_url(world.review), on).status_code == 404, persona
    assert not ReviewEvent.objects.filter(review=world.review, key="action_plans_quality_assured")


# The timetable ----------------------------------------------------------------------------------


def _milestone(review, key) -> Deadline:
    return review.deadlines.get(key=key)


def test_the_timetable_shows_what_completes_each_milestone_and_how_it_went(world, client_for):
    review, manager = _started(world), world.users["manager"]
    client = client_for("manager")
    late = timezone.localdate() - timedelta(days=1)
    agencies_told = _milestone(review, "agencies_told")
    lifecycle.record(review=review, key="agencies_asked", on=late, by=manager)
    lifecycle.record(review=review, key="setup_letters_sent", on=late, by=manager)
    text = _text(client.get(reverse("review_timetable", args=[review.pk])))
    assert "Completed by" in text
    assert "Terms of reference signed" in text
    assert "Agency chronology submitted (every contributing agency)" in text
    agencies_told.refresh_from_db()
    assert agencies_told.completed_on == late
    state, words = lifecycle.milestone_state(agencies_told, timezone.localdate())
    assert state == "late"
    assert words in text
    assert "Overdue" in text
    assert "Mark as done" not in text  # every milestone of a full review follows its stage
    assert f"Ofsted judges {review.board.short_name} against 4 months" in text


def test_a_manager_marks_a_hand_milestone_done_and_undoes_it(world, client_for):
    review = _started(world, review_type="ipr")  # lighter: no agency reports
    imrs = _milestone(review, "imrs_due")
    client = client_for("manager")
    timetable = _text(client.get(reverse("review_timetable", args=[review.pk])))
    assert "Marked done by hand" in timetable
    done_url = reverse("milestone_done", args=[review.pk, imrs.pk])
    page = client.get(done_url)
    assert page.status_code == 200
    on = timezone.localdate() - timedelta(days=2)
    form = page.context["form"]
    response = client.post(done_url, {**_date(on), "version": form["version"].value()})
    assert response.status_code == 302
    imrs.refresh_from_db()
    assert imrs.completed_on == on

    undo_url = reverse("milestone_undo", args=[review.pk, imrs.pk])
    confirm = client.get(undo_url)
    assert "Undo “agency reports due”?" in confirm.content.decode()
    response = client.post(undo_url, {"version": confirm.context["form"]["version"].value()})
    assert response.status_code == 302
    imrs.refresh_from_db()
    assert imrs.completed_on is None


def test_marking_done_refuses_a_future_date_and_a_stale_page(world, client_for):
    review = _started(world, review_type="ipr")
    imrs = _milestone(review, "imrs_due")
    client = client_for("manager")
    url = reverse("milestone_done", args=[review.pk, imrs.pk])
    response = client.post(url, _date(timezone.localdate() + timedelta(days=1)))
    assert "The date must be today or in the past" in response.content.decode()
    assert "govuk-error-summary" in response.content.decode()
    stale = client.get(url).context["form"]["version"].value()
    services.deadline_move(
        deadline=imrs, due_on=imrs.due_on + timedelta(days=7), by=world.users["administrator"]
    )
    response = client.post(url, {**_date(timezone.localdate()), "version": stale})
    assert response.status_code == 200
    assert "govuk-error-summary" in response.content.decode()
    imrs.refresh_from_db()
    assert imrs.completed_on is None


def test_a_milestone_its_stage_completes_cannot_be_marked_done_by_hand(world, client_for):
    review = _started(world)
    terms = _milestone(review, "terms_agreed")
    client = client_for("manager")
    url = reverse("milestone_done", args=[review.pk, terms.pk])
    assert "cannot be marked as done here" in _text(client.get(url))
    response = client.post(url, _date(timezone.localdate()))
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "Record it on its own page" in html
    terms.refresh_from_db()
    assert terms.completed_on is None


def test_undo_is_refused_when_a_later_milestone_is_done(world, client_for):
    review, manager = _started(world, review_type="ipr"), world.users["manager"]
    imrs, overview = _milestone(review, "imrs_due"), _milestone(review, "draft_overview")
    today = timezone.localdate()
    lifecycle.milestone_mark_done(review=review, deadline=imrs, on=today, by=manager)
    lifecycle.milestone_mark_done(review=review, deadline=overview, on=today, by=manager)
    response = client_for("manager").post(reverse("milestone_undo", args=[review.pk, imrs.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html
    assert "comes after this step and is already done" in html
    imrs.refresh_from_db()
    assert imrs.completed_on == today


def test_only_the_boards_milestones_can_be_marked_done(world, client_for):
    review = _started(world, review_type="ipr")
    completion = _milestone(review, lifecycle.COMPLETION)
    client = client_for("manager")
    for name in ("milestone_done", "milestone_undo"):
        url = reverse(name, args=[review.pk, completion.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, _date(timezone.localdate())).status_code == 404
    imrs = _milestone(review, "imrs_due")
    for persona in ("other_board", "panel_chair"):
        url = reverse("milestone_done", args=[review.pk, imrs.pk])
        assert client_for(persona).post(url, _date(timezone.localdate())).status_code == 404


# Lists and the home page ------------------------------------------------------------------------


def test_the_review_list_and_home_flag_reviews_past_ofsteds_time(world, client_for):
    late = _started(world, days=200, child_code="Child L")
    extended = _started(world, days=200, child_code="Child E")
    manager = world.users["manager"]
    request = services.extension_request(
        review=extended,
        by=manager,
        reasons="Trial",
        proposed_date=extended.completion_due + timedelta(days=30),
        today=timezone.localdate(),
    )
    services.extension_decide(
        extension=request,
        by=manager,
        agreed=True,
        decided_on=timezone.localdate(),
        letter_reference="L1",
        today=timezone.localdate(),
    )
    client = client_for("manager")
    for url in (reverse("review_list"), reverse("home")):
        html = client.get(url).content.decode()
        rows = {
            ref: row
            for row in html.split('<tr class="govuk-table__row">')[1:]
            for ref in (late.reference, extended.reference, world.review.reference)
            if f">{ref}" in row
        }
        assert "Past Ofsted" in rows[late.reference], url
        assert "4 months" in rows[late.reference], url
        assert "Past Ofsted" not in rows[extended.reference], url
        assert "Past Ofsted" not in rows[world.review.reference], url
    home = _text(client.get(reverse("home")))
    assert "Past the time Ofsted judges against, with no agreed extension 1" in home


def test_home_lists_overdue_tasks_first_and_never_what_is_done(world, client_for):
    manager = world.users["manager"]
    review = _started(world, days=60)
    today = timezone.localdate()
    deadlines = list(review.deadlines.filter(responsible_role="business_manager"))
    overdue = [d for d in deadlines if d.due_on < today]
    assert overdue
    done = overdue[0]
    Deadline.objects.filter(pk=done.pk).update(completed_on=today)
    response = client_for("manager").get(reverse("home"))
    tasks = response.context["tasks"]
    titles = [t.title for t in tasks if t.review_reference == review.reference]
    assert done.label not in titles
    for d in overdue[1:]:
        assert titles.count(d.label) == 1
    flags = [bool(t.due and t.due < today) for t in tasks]
    assert flags == sorted(flags, reverse=True)
    due = [t.due for t in tasks if t.due and t.due < today]
    assert due == sorted(due)
    html = response.content.decode()
    assert html.count(">Overdue</strong>") >= len(overdue) - 1
    assert manager.full_name in html
