"""Agency reports, written, checked, signed off and graded: the rules a user relies on."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from actionplans.models import Recommendation, Source
from imr import selectors, services
from imr.models import Grade, Overall, ReportStatus
from imr.rules import STANDARDS_GRID
from scr.drafting import SectionConflict
from scr.models import Deadline, ReviewRole, ReviewRoleKind
from scr.text import to_html, to_plain
from tests.imr.world import build, future, ready_and_submitted, sign_off, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world):
    return build(world)


def _grade(overall=Overall.INADEQUATE, comments="Analysis is thin"):
    return services.GradeInput(
        items={key: Grade.PARTIAL for key, _ in STANDARDS_GRID}, overall=overall, comments=comments
    )


def test_a_report_opens_with_the_boards_template_sections(rw):
    titles = list(rw.report.sections.values_list("title", flat=True))
    assert titles == [s["title"] for s in rw.world.luton.imr_sections]


def test_the_terms_key_issues_are_numbered_one_a_line(rw):
    items = selectors.terms_items(rw.world.review)
    assert [(i.number, i.text) for i in items] == [
        (1, "Why the review is held"),
        (2, "Information sharing"),
        (3, "Hearing the child"),
    ]


def test_a_save_over_an_older_revision_is_refused_and_keeps_both_texts(rw):
    author = rw.users["author_police"]
    section = rw.report.sections.get(key="analysis")
    services.section_save(section=section, by=author, text="First tab", revision=0, answers=None)
    with pytest.raises(SectionConflict) as clash:
        services.section_save(
            section=section, by=author, text="Second tab", revision=0, answers=None
        )
    assert clash.value.section.text == "First tab"
    section.refresh_from_db()
    assert section.text == "First tab" and section.revision == 1
    saved = services.section_save(
        section=section, by=author, text="Merged text", revision=1, answers=None
    )
    assert saved.revision == 2 and saved.history.count() == 2


def test_a_two_megabyte_paste_is_saved_whole(rw):
    section = rw.report.sections.get(key="facts")
    text = ("A long paragraph of facts. " * 80 + "\n\n") * 1000
    assert len(text) > 2_000_000
    services.section_save(
        section=section, by=rw.users["author_police"], text=text, revision=0, answers=None
    )
    section.refresh_from_db()
    assert section.text == text


def test_a_section_too_long_is_refused_with_a_message(rw):
    section = rw.report.sections.get(key="facts")
    with pytest.raises(ValidationError) as error:
        services.section_save(
            section=section,
            by=rw.users["author_police"],
            text="x" * 3_000_001,
            revision=0,
            answers=None,
        )
    assert "too long" in str(error.value)


def test_unsafe_html_is_stripped_and_markdown_kept():
    html = to_html(
        "# Heading\n\n<script>alert(1)</script> **bold** [x](javascript:alert(1))\n\n"
        "| a | b |\n| --- | --- |\n| 1 | 2 |\n\n<img src=x onerror=alert(1)>"
    )
    # Typed markup is shown as text, never as elements or attributes.
    assert "<script" not in html and "<img" not in html and "href=" not in html
    assert "&lt;script&gt;" in html
    assert "<h3>Heading</h3>" in html and "<strong>bold</strong>" in html
    assert "<table>" in html and "<td>2</td>" in html
    assert to_plain("**Jo** said").strip() == "Jo said"


def test_submitting_lists_the_unanswered_key_issues_and_the_missing_declaration(rw):
    write(rw.report, rw.users["author_police"], {"analysis": "Text"}, {"analysis": [1]})
    with pytest.raises(ValidationError) as error:
        services.submit(report=rw.report, by=rw.users["author_police"])
    messages = error.value.messages
    assert "Declare your independence from the case" in messages
    assert any("item 2: Information sharing" in m for m in messages)
    assert any("item 3: Hearing the child" in m for m in messages)
    assert not any("item 1" in m for m in messages)
    rw.report.refresh_from_db()
    assert rw.report.status == ReportStatus.DRAFT


def test_the_declaration_is_the_authors_and_marks_their_role(rw):
    with pytest.raises(ValidationError):
        services.declare(report=rw.report, by=rw.users["senior_police"], on=timezone.localdate())
    services.declare(report=rw.report, by=rw.users["author_police"], on=timezone.localdate())
    role = ReviewRole.objects.get(
        review=rw.world.review, user=rw.users["author_police"], role=ReviewRoleKind.IMR_AUTHOR
    )
    assert role.independence_declared_on == timezone.localdate()


def test_a_submitted_report_cannot_be_edited(rw):
    ready_and_submitted(rw)
    section = rw.report.sections.get(key="analysis")
    with pytest.raises(ValidationError):
        services.section_save(
            section=section,
            by=rw.users["author_police"],
            text="Late edit",
            revision=section.revision,
            answers=None,
        )


def test_the_senior_manager_returns_with_comments_then_signs_off_a_frozen_version(rw):
    ready_and_submitted(rw)
    senior = rw.users["senior_police"]
    with pytest.raises(ValidationError):
        services.manager_return(report=rw.report, by=senior, checklist={}, comments="  ")
    services.manager_return(report=rw.report, by=senior, checklist={}, comments="Add learning")
    rw.report.refresh_from_db()
    assert rw.report.status == ReportStatus.DRAFT
    write(rw.report, rw.users["author_police"], {"learning": "We learn to share."})
    services.submit(report=rw.report, by=rw.users["author_police"])
    with pytest.raises(ValidationError) as error:
        services.manager_sign_off(
            report=rw.report,
            by=senior,
            checklist={"terms": True},
            comments="",
            name="",
            title="",
            on=None,
            today=timezone.localdate(),
        )
    assert set(error.value.error_dict) == {"checklist", "signed_name", "signed_title", "signed_on"}
    version = sign_off(rw)
    assert version.number == 1 and version.label == "Version 1 (first submission)"
    learning = next(s for s in version.content["sections"] if s["key"] == "learning")
    assert learning["text"] == "We learn to share."
    rw.report.refresh_from_db()
    assert rw.report.status == ReportStatus.WITH_PANEL


def test_sign_off_cannot_be_dated_in_the_future(rw):
    ready_and_submitted(rw)
    with pytest.raises(ValidationError) as error:
        sign_off(rw, on=future(2))
    assert "signed_on" in error.value.error_dict


def test_recommendations_are_smart_checked_and_join_the_action_plans_on_sign_off(rw):
    author = rw.users["author_police"]
    with pytest.raises(ValidationError) as error:
        services.recommendation_add(
            report=rw.report,
            by=author,
            today=timezone.localdate(),
            text="Train staff and audit files",
            action="Train staff and review the policy",
            lead_name="",
            lead_role="Lead",
            target_date=None,
            success_measure="",
            intended_outcome="",
        )
    assert {
        "text",
        "action",
        "lead_name",
        "target_date",
        "success_measure",
        "intended_outcome",
    } <= set(error.value.error_dict)
    services.recommendation_add(
        report=rw.report,
        by=author,
        today=timezone.localdate(),
        text="Share domestic abuse calls with social care",
        action="Add a prompt to the system",
        lead_name="Sam Lead",
        lead_role="Head of safeguarding",
        target_date=future(60),
        success_measure="Audit of 20 calls",
        intended_outcome="Children are known sooner",
    )
    assert not Recommendation.objects.filter(review=rw.world.review).exists()
    ready_and_submitted(rw)
    sign_off(rw)
    made = Recommendation.objects.get(review=rw.world.review)
    assert made.source == Source.AGENCY_REPORT and made.agency_id == rw.report.agency_id
    assert not made.agreed_by_panel
    assert made.actions.get().lead_name == "Sam Lead"


def test_the_panel_grades_returns_with_a_deadline_and_version_two_follows(rw):
    ready_and_submitted(rw)
    first = sign_off(rw)
    member = rw.users["panel_member"]
    with pytest.raises(ValidationError) as error:
        services.grade_save(
            version=first,
            by=member,
            grade=services.GradeInput(items={}, overall="", comments=""),
        )
    assert len(error.value.error_dict) == len(STANDARDS_GRID) + 1
    services.grade_save(version=first, by=member, grade=_grade())
    services.grade_save(version=first, by=member, grade=_grade(comments="Regraded"))
    assert first.grades.get().comments == "Regraded"
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.version_return(version=first, by=member, guidance="", due_on=today, today=today)
    services.version_return(
        version=first, by=member, guidance="Analyse the decisions", due_on=future(14), today=today
    )
    deadline = Deadline.objects.get(key=services.REVISION_KEY)
    assert deadline.due_on == future(14) and deadline.responsible_user == rw.users["author_police"]
    rw.report.refresh_from_db()
    assert rw.report.status == ReportStatus.REVISING
    write(
        rw.report,
        rw.users["author_police"],
        {"analysis": "Officers did not share the call.\nThey should have."},
    )
    services.submit(report=rw.report, by=rw.users["author_police"])
    second = sign_off(rw)
    assert second.number == 2 and second.label == "Version 2 (revision 1)"
    deadline.refresh_from_db()
    assert deadline.completed_on == today
    with pytest.raises(ValidationError):
        services.grade_save(version=first, by=member, grade=_grade())
    diffs = {d.title: d for d in selectors.section_diffs(first.content, second.content)}
    analysis = diffs["Analysis of involvement"]
    assert analysis.changed and any("They should have." in row[2] for row in analysis.rows)
    assert not diffs["Introduction"].changed
    services.version_accept(version=second, by=member)
    second.refresh_from_db()
    assert second.is_final and second.label == "Version 2 (final)"


def test_the_signed_copy_cannot_arrive_before_sign_off_or_in_the_future(rw):
    ready_and_submitted(rw)
    version = sign_off(rw, on=timezone.localdate() - timedelta(days=2))
    manager, today = rw.users["manager"], timezone.localdate()
    for bad in (today - timedelta(days=5), today + timedelta(days=1), None):
        with pytest.raises(ValidationError):
            services.signed_copy_received(version=version, by=manager, on=bad, today=today)
    services.signed_copy_received(version=version, by=manager, on=today, today=today)
    assert version.signed_copy_received_on == today
