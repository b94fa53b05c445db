"""From accepted agency reports to a published executive summary, the bundle, the evaluation and
the readiness check."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from scr import bundle, publication, readiness
from scr.models import Deadline, OverviewStatus
from scr.models.overview import EVALUATION_AREAS, Proceedings
from tests.documents import pdf_text
from tests.scr.end_world import build_end_world, write_overview

pytestmark = pytest.mark.django_db


@pytest.fixture
def ew():
    return build_end_world()


def _evaluate(ew, overall="good"):
    today = timezone.localdate()
    return publication.evaluation_record(
        review=ew.review,
        by=ew.users["manager"],
        received_on=today,
        grades={key: overall for key, _ in EVALUATION_AREAS},
        overall=overall,
        letter_reference="OF/123",
        letter_text="",
        today=today,
    )


def test_the_overview_report_is_recommended_only_when_every_section_is_written(ew):
    write_overview(ew, skip=("parallel",))
    report = publication.overview_for(ew.review)
    with pytest.raises(ValidationError) as error:
        publication.overview_recommend(
            report=report, by=ew.users["panel.chair"], today=timezone.localdate()
        )
    assert error.value.messages == ["Write the section “Parallel processes”"]
    write_overview(ew)
    version = publication.overview_recommend(
        report=report, by=ew.users["panel.chair"], today=timezone.localdate()
    )
    assert version.number == 1 and len(version.content["sections"]) == 10
    section = report.sections.get(key="analysis")
    with pytest.raises(ValidationError):
        publication.overview_section_save(
            section=section, by=ew.users["overview.author"], text="late", revision=section.revision
        )


def test_the_board_accepts_at_a_meeting_not_before_the_recommendation(ew):
    write_overview(ew)
    report = publication.overview_for(ew.review)
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        publication.overview_accept(
            report=report,
            by=ew.users["manager"],
            on=today,
            meeting="Board",
            amendments="",
            today=today,
        )
    publication.overview_recommend(report=report, by=ew.users["panel.chair"], today=today)
    with pytest.raises(ValidationError) as error:
        publication.overview_accept(
            report=report,
            by=ew.users["manager"],
            on=today - timedelta(days=3),
            meeting="",
            amendments="",
            today=today,
        )
    assert set(error.value.error_dict) == {"accepted_on", "accepted_at"}
    publication.overview_accept(
        report=report,
        by=ew.users["manager"],
        on=today,
        meeting="Board meeting",
        amendments="Shorten section 4",
        today=today,
    )
    report.refresh_from_db()
    assert report.status == OverviewStatus.ACCEPTED and report.versions.count() == 2


def test_quotes_by_reference_expand_to_the_quoted_passage(ew):
    found = publication.quotes(ew.review)
    ref = f"R{ew.police.pk}.analysis"
    assert ref in found
    text = publication.with_quotes(f"As the police found: [[{ref}]] [[nope]]", found)
    assert "> The call was not shared with social care." in text and "[[nope]]" in text


def test_the_leak_check_finds_names_staff_addresses_and_postcodes(ew):
    summary = publication.summary_for(ew.review)
    author = ew.users["author.police"]
    summary = publication.summary_save(
        summary=summary,
        by=ew.users["overview.author"],
        revision=summary.revision,
        text=f"Wren lived at 14 Acacia Road, London E17 4AB. {author.full_name} wrote a report.",
        recommendations="",
    )
    problems = publication.summary_leak_check(summary=summary, by=ew.users["manager"])
    joined = " ".join(problems)
    assert "a real name of Child W" in joined and "a staff member's name" in joined
    assert "E17 4AB" in joined and "14 Acacia Road" in joined
    summary.refresh_from_db()
    summary = publication.summary_save(
        summary=summary,
        by=ew.users["overview.author"],
        revision=summary.revision,
        text="Child W lived with Parent 1. Agencies did not share what they knew.",
        recommendations="1. Agencies share calls.",
    )
    assert publication.summary_leak_check(summary=summary, by=ew.users["manager"]) == []


def test_publishing_waits_for_every_check_and_the_boards_rule(ew, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    today = timezone.localdate()
    summary = publication.summary_for(ew.review)
    summary = publication.summary_save(
        summary=summary,
        by=ew.users["overview.author"],
        revision=summary.revision,
        text="Child W was harmed. Agencies did not share what they knew.",
        recommendations="",
    )
    with pytest.raises(ValidationError) as error:
        publication.summary_publish(summary=summary, by=ew.users["manager"], today=today)
    assert len(error.value.messages) == 4
    manager = ew.users["manager"]
    publication.summary_leak_check(summary=summary, by=manager)
    publication.summary_data_protection(summary=summary, by=manager, on=today, today=today)
    publication.summary_shared(
        summary=summary, by=manager, on=today, shared_by="Family liaison", today=today
    )
    publication.summary_proceedings(
        summary=summary, by=manager, proceedings=Proceedings.ONGOING, ended_on=None, today=today
    )
    _evaluate(ew)
    summary.refresh_from_db()
    assert publication.publication_problems(summary) == [
        "The board publishes only once related criminal proceedings have ended"
    ]
    publication.summary_proceedings(
        summary=summary, by=manager, proceedings=Proceedings.CONCLUDED, ended_on=today, today=today
    )
    summary.refresh_from_db()
    published = publication.summary_publish(summary=summary, by=manager, today=today)
    path = tmp_path / "published" / published.published_file
    assert "Agencies did not share what they knew." in pdf_text(path.read_bytes(), tmp_path)
    assert not any("Example" in v for v in publication.pdf_metadata(path.read_bytes()))


def test_a_change_after_the_leak_check_needs_the_check_again(ew):
    summary = publication.summary_for(ew.review)
    publication.summary_leak_check(summary=summary, by=ew.users["manager"])
    summary.refresh_from_db()
    publication.summary_save(
        summary=summary,
        by=ew.users["overview.author"],
        revision=summary.revision,
        text="Changed",
        recommendations=None,
    )
    summary.refresh_from_db()
    assert "Run the leak check on the summary as it now stands" in publication.publication_problems(
        summary
    )


def test_an_inadequate_evaluation_puts_a_follow_up_on_the_managers_deadlines(ew):
    with pytest.raises(ValidationError) as error:
        publication.evaluation_record(
            review=ew.review,
            by=ew.users["manager"],
            received_on=None,
            grades={},
            overall="",
            letter_reference="",
            letter_text="",
            today=timezone.localdate(),
        )
    assert len(error.value.error_dict) == len(EVALUATION_AREAS) + 2
    evaluation = _evaluate(ew, overall="inadequate")
    deadline = Deadline.objects.get(key=publication.FOLLOW_UP_KEY)
    assert deadline.object_id == evaluation.pk and deadline.responsible_role == "business_manager"


def test_the_bundle_holds_every_part_in_one_indexed_pdf_and_a_zip(ew, settings, tmp_path):
    import zipfile

    from scr.models import Bundle

    settings.MEDIA_ROOT = tmp_path
    write_overview(ew)
    made = Bundle.objects.create(review=ew.review, requested_by=ew.users["manager"])
    bundle.build_claimed(made.pk)
    made.refresh_from_db()
    assert made.status == "done" and made.pages >= 6
    assert made.parts[:2] == ["Overview report", "Executive summary"]
    assert any("Bedfordshire" in p or "Police" in p for p in made.parts)
    assert "Integrated chronology" in made.parts and "Action plans" in made.parts
    text = pdf_text((tmp_path / "bundles" / made.pdf_name).read_bytes(), tmp_path)
    assert "Contents" in text and "Share domestic abuse calls with social care" in text
    with zipfile.ZipFile(tmp_path / "bundles" / made.zip_name) as parts:
        assert len(parts.namelist()) == len(made.parts) + 1
    bundle.build_claimed(made.pk)  # a second worker claims nothing


def test_readiness_says_what_is_missing_then_every_area_is_met(ew):
    areas = {a.title: a for a in readiness.readiness(ew.review)}
    assert not areas["Executive summary anonymised"].met
    assert not areas["Family involvement"].met
    assert areas["Scope, and the terms of reference signed"].met
    assert areas["Independence of the chair, the overview author and the report authors"].met
    assert areas["Every contributing agency's report in, signed off and accepted"].met
    assert areas["Recommendations SMART"].met
    today = timezone.localdate()
    summary = publication.summary_for(ew.review)
    publication.summary_leak_check(summary=summary, by=ew.users["manager"])
    publication.summary_shared(
        summary=summary, by=ew.users["manager"], on=today, shared_by="Liaison", today=today
    )
    assert all(a.met for a in readiness.readiness(ew.review)), [
        a for a in readiness.readiness(ew.review) if not a.met
    ]


def test_the_board_chair_signs_the_review_off_when_everything_is_complete(ew):
    today = timezone.localdate()
    write_overview(ew)
    report = publication.overview_for(ew.review)
    publication.overview_recommend(report=report, by=ew.users["panel.chair"], today=today)
    publication.overview_accept(
        report=report, by=ew.users["manager"], on=today, meeting="Board", amendments="", today=today
    )
    with pytest.raises(ValidationError) as error:
        publication.review_sign_off(report=report, by=ew.users["chair"], today=today)
    assert "Not yet complete: Executive summary anonymised" in error.value.messages
    summary = publication.summary_for(ew.review)
    publication.summary_leak_check(summary=summary, by=ew.users["manager"])
    publication.summary_shared(
        summary=summary, by=ew.users["manager"], on=today, shared_by="L", today=today
    )
    publication.review_sign_off(report=report, by=ew.users["chair"], today=today)
    ew.review.refresh_from_db()
    assert not ew.review.is_open and ew.review.completed_on == today


def test_an_out_of_area_contribution_records_what_was_sent_on(ew):
    today = timezone.localdate()
    manager = ew.users["manager"]
    documents = publication.sendable_documents(ew.review)
    police = next(d for d in documents if "Metropolitan Police" in d)
    with pytest.raises(ValidationError):
        publication.out_of_area_send(
            review=ew.review, by=manager, documents=[police], sent_to="Essex", on=today, today=today
        )
    publication.commissioning_save(
        review=ew.review, by=manager, commissioned_by="Essex SCB", reference="ESCB-12"
    )
    with pytest.raises(ValidationError) as error:
        publication.out_of_area_send(
            review=ew.review, by=manager, documents=["Made up"], sent_to="", on=None, today=today
        )
    assert set(error.value.error_dict) == {"documents", "sent_to", "sent_on"}
    sending = publication.out_of_area_send(
        review=ew.review, by=manager, documents=[police], sent_to="Essex SCB", on=today, today=today
    )
    assert sending.documents == [police]


def test_end_of_review_pages_run_the_same_queries_as_the_review_grows(ew, client):
    from bench._harness import count_queries
    from scr import learning

    client.force_login(ew.users["manager"], backend="django.contrib.auth.backends.ModelBackend")
    pk = ew.review.pk
    urls = [
        f"/reviews/{pk}/overview/",
        f"/reviews/{pk}/overview/sections/analysis/",
        f"/reviews/{pk}/summary/",
        f"/reviews/{pk}/readiness/",
        f"/reviews/{pk}/learning/",
        f"/reviews/{pk}/bundles/",
        f"/reviews/{pk}/out-of-area/",
        "/learning/themes/",
    ]
    for url in urls:
        client.get(url)
    before = {url: count_queries(lambda url=url: client.get(url)) for url in urls}
    report = publication.overview_for(ew.review)
    for n, section in enumerate(report.sections.all()):
        publication.section_comment_add(section=section, by=ew.users["panel.chair"], text=f"C{n}")
        learning.lesson_add(
            review=ew.review, by=ew.users["manager"], text=f"L{n}", themes=["Neglect"]
        )
        learning.debrief_add(
            review=ew.review,
            by=ew.users["manager"],
            title=f"E{n}",
            held_on=timezone.localdate(),
            invited="Police",
            notes="",
        )
    after = {url: count_queries(lambda url=url: client.get(url)) for url in urls}
    assert after == before
