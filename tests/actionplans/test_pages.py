"""The action plan pages: who sees what, GOV.UK errors for bad input and bad files, downloads that
are logged, and home-page tasks."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from actionplans import services
from actionplans.models import Action, ActionPlan, ProgressUpdate, Rag, Recommendation
from scr.models import AccessLog
from scr.models.audit import AccessAction
from scr.services import version_of
from tests.actionplans.world import PDF_BYTES, build_plans, evidence_file
from tests.documents import docx_text, pdf_text

pytestmark = pytest.mark.django_db


def _date(prefix: str, day) -> dict:
    return {f"{prefix}_0": day.day, f"{prefix}_1": day.month, f"{prefix}_2": day.year}


def test_every_page_renders_for_the_business_manager(world, client_for):
    plans = build_plans(world)
    review = world.review.pk
    client = client_for("manager")
    urls = [
        reverse("plans_review", args=[review]),
        reverse("plan_recommendation_add", args=[review]),
        reverse("plan_action_add", args=[review, plans.recommendation.pk]),
        reverse("plan_request_updates", args=[review]),
        reverse("plan_detail", args=[review, plans.police.pk]),
        reverse("plan_detail", args=[review, plans.board_plan.pk]),
        reverse("plan_document_control", args=[review, plans.police.pk]),
        reverse("plan_action", args=[review, plans.action.pk]),
        reverse("plan_action_edit", args=[review, plans.action.pk]),
        reverse("plan_action_update", args=[review, plans.action.pk]),
        reverse("plans_monitoring"),
        reverse("plans_report"),
        reverse("review_tracker", args=[review]),
        reverse("review_audit", args=[review]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get(reverse("plan_detail", args=[review, plans.police.pk])).content.decode()
    # Luton's own columns, and its document control.
    assert "Agency responsible (role and name)" in page and "Board evidence audit" in page
    assert "Document control" in page
    tracker = client.get(reverse("review_tracker", args=[review])).content.decode()
    assert "Action plan" in tracker and "Updated" in tracker
    audit = client.get(reverse("review_audit", args=[review])).content.decode()
    assert "progress update" in audit.lower()


def test_an_author_sees_only_their_own_agencys_plan(world, client_for):
    plans = build_plans(world)
    review = world.review.pk
    client = client_for("author_health")
    page = client.get(reverse("plans_review", args=[review])).content.decode()
    assert plans.police.agency.name not in page
    for url in [
        reverse("plan_detail", args=[review, plans.police.pk]),
        reverse("plan_action", args=[review, plans.action.pk]),
        reverse("plan_action_update", args=[review, plans.action.pk]),
        reverse("plan_evidence", args=[review, plans.evidence.pk]),
        reverse("plan_detail", args=[review, plans.board_plan.pk]),
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(
        reverse("plan_action_update", args=[review, plans.action.pk]),
        {**_date("on", timezone.localdate()), "text": "Sneaky", "rag": "blue"},
    )
    assert response.status_code == 404
    assert not ProgressUpdate.objects.filter(text="Sneaky").exists()
    assert AccessLog.objects.filter(
        user=world.users["author_health"], action=AccessAction.REFUSED
    ).exists()
    police = client_for("author_police")
    page = police.get(reverse("plans_review", args=[review])).content.decode()
    assert plans.police.agency.name in page and "The board&#x27;s plan" not in page


def test_progress_with_bad_files_is_refused_with_gov_uk_errors(world, client_for):
    plans = build_plans(world)
    url = reverse("plan_action_update", args=[world.review.pk, plans.action.pk])
    client = client_for("author_police")
    today = timezone.localdate()
    cases = [
        (SimpleUploadedFile("run.exe", b"MZ\x90\x00"), "must be a PDF, Word"),
        (SimpleUploadedFile("fake.pdf", b"MZ\x90\x00 not a pdf"), "is not the kind of file"),
        (SimpleUploadedFile("empty.pdf", b""), "empty"),
        (SimpleUploadedFile("big.txt", b"x" * (10 * 1024 * 1024 + 1)), "smaller than 10 MB"),
        (SimpleUploadedFile("notes.txt", b"\x00\x01binary"), "not a text file"),
    ]
    for upload, message in cases:
        response = client.post(
            url,
            {**_date("on", today), "text": "Progress", "rag": "green", "files": [upload]},
        )
        assert response.status_code == 200, message
        page = response.content.decode()
        assert "govuk-error-summary" in page and message in page, message
    too_many = [evidence_file(f"{n}.pdf") for n in range(6)]
    response = client.post(
        url, {**_date("on", today), "text": "Progress", "rag": "green", "files": too_many}
    )
    assert "Attach up to 5 files" in response.content.decode()
    assert plans.action.updates.count() == 1  # only the one the world made


def test_blue_without_evidence_and_a_signed_off_plan_show_errors(world, client_for):
    plans = build_plans(world)
    review = world.review.pk
    today = timezone.localdate()
    rec = Recommendation.objects.create(
        review=world.review,
        number=9,
        source="panel_single",
        agency=plans.police.agency,
        text="Another",
        agreed_by_panel=True,
    )
    bare = services.action_add(
        recommendation=rec,
        plan=plans.police,
        by=world.users["manager"],
        today=today,
        description="Brief the custody team",
        lead_name="A",
        lead_role="B",
        target_date=today + timedelta(days=5),
        success_measure="C",
        intended_outcome="D",
    )
    client = client_for("author_police")
    response = client.post(
        reverse("plan_action_update", args=[review, bare.pk]),
        {**_date("on", today), "text": "Finished", "rag": "blue"},
    )
    assert "can only be Blue with evidence" in response.content.decode()
    for action in (plans.action, bare):
        services.progress_add(
            action=action,
            by=world.users["author_police"],
            today=today,
            on=today,
            text="Done",
            rag=Rag.BLUE,
            files=[evidence_file()],
        )
    senior = client_for("senior_police")
    sign = reverse("plan_sign_off", args=[review, plans.police.pk])
    assert "govuk-error-summary" in senior.post(sign, {}).content.decode()
    response = senior.post(sign, {"confirm": "on"})
    assert response.status_code == 302
    client = client_for("author_police")
    response = client.post(
        reverse("plan_action_update", args=[review, plans.action.pk]),
        {**_date("on", today), "text": "After sign-off", "rag": "green"},
    )
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "signed off" in page
    assert not ProgressUpdate.objects.filter(text="After sign-off").exists()


def test_a_recommendation_that_is_not_smart_shows_each_problem(world, client_for):
    client = client_for("manager")
    url = reverse("plan_recommendation_add", args=[world.review.pk])
    response = client.post(
        url,
        {
            "source": "agency_report",
            "text": "Review the policy and train the staff",
            "description": "Audit the files and report to the board",
            "theme": "policy",
            **_date("target_date", timezone.localdate() - timedelta(days=2)),
        },
    )
    page = response.content.decode()
    for message in [
        "Choose the agency the recommendation is for",
        "The recommendation must say one thing",
        "The action must say one thing",
        "Enter the name of the person who leads the action",
        "Say how you will know the action has worked",
        "Say what the action will change for children",
    ]:
        assert message in page, message
    agency = world.users["author_police"].review_roles.get(review=world.review).agency
    response = client.post(
        url,
        {
            "source": "agency_report",
            "agency": agency.pk,
            "text": "Officers record who lives at the address",
            "description": "Add the question to the incident form",
            "lead_name": "Sam Patel",
            "lead_role": "Inspector",
            "success_measure": "Audit of forms",
            "intended_outcome": "Children are known sooner",
            "theme": "records",
            **_date("target_date", timezone.localdate() - timedelta(days=2)),
        },
    )
    assert "when the action plan was started" in response.content.decode()
    response = client.post(
        url,
        {
            "source": "agency_report",
            "agency": agency.pk,
            "text": "Officers record who lives at the address",
            "description": "Add the question to the incident form",
            "lead_name": "Sam Patel",
            "lead_role": "Inspector",
            "success_measure": "Audit of forms",
            "intended_outcome": "Children are known sooner",
            "theme": "records",
            **_date("target_date", timezone.localdate() + timedelta(days=30)),
        },
    )
    assert response.status_code == 302
    assert Action.objects.get().plan.agency == agency


def test_nonsense_input_never_breaks_a_page(world, client_for):
    plans = build_plans(world)
    client = client_for("manager")
    review = world.review.pk
    for url, data in [
        (
            reverse("plan_action_update", args=[review, plans.action.pk]),
            {"on_0": "99", "on_1": "x", "on_2": "-1", "rag": "purple", "text": ""},
        ),
        (
            reverse("plan_request_updates", args=[review]),
            {"plans": ["x", "999999"], "due_on_0": "a"},
        ),
        (reverse("plan_action", args=[review, plans.action.pk]), {"part": "rag", "rag": "pink"}),
        (reverse("plan_action", args=[review, plans.action.pk]), {"part": "audit", "version": "1"}),
        (
            reverse("plan_document_control", args=[review, plans.police.pk]),
            {"approved_on_0": "31", "approved_on_1": "2", "approved_on_2": "2027"},
        ),
        (reverse("plan_action_add", args=[review, plans.recommendation.pk]), {}),
        (reverse("plan_recommendation_add", args=[review]), {"source": "nowhere", "agency": "x"}),
        (reverse("plan_sign_off", args=[review, plans.board_plan.pk]), {}),
    ]:
        response = client.post(url, data)
        assert response.status_code in (200, 404), url
    for query in [
        "?review=abc&agency=zzz&rag=pink&theme=none&overdue=maybe&page=-4",
        "?board=rotherham&review=99999999999999999999",
    ]:
        assert client.get(reverse("plans_monitoring") + query).status_code == 200
    for query in ["?on_0=40&on_1=13&on_2=2026&fmt=pdf", "?fmt=exe", "?on_0=1&on_1=1&on_2=2999"]:
        response = client.get(reverse("plans_report") + query)
        assert response.status_code == 200 and b"govuk-error-summary" in response.content


def test_the_board_report_opens_with_the_right_counts_and_is_logged(world, client_for, tmp_path):
    plans = build_plans(world)  # police action green, board action amber
    client = client_for("board_chair")
    today = timezone.localdate()
    query = "&".join(f"{k}={v}" for k, v in _date("on", today).items())
    response = client.get(f"{reverse('plans_report')}?{query}&fmt=pdf")
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "RAG report as at" in text
    assert "Red (Poor progress or not started): 0" in text
    assert "Amber (On target): 1" in text
    assert "Green (Good progress): 1" in text
    assert "Blue (Completed): 0" in text
    assert world.review.reference in text and plans.police.agency.name in text
    response = client.get(f"{reverse('plans_report')}?{query}&fmt=docx")
    text = docx_text(response.content)
    assert "Amber (On target): 1" in text and "Green (Good progress): 1" in text
    assert (
        AccessLog.objects.filter(
            user=world.users["board_chair"], action=AccessAction.DOWNLOAD, board=world.luton
        ).count()
        == 2
    )


def test_evidence_downloads_are_logged(world, client_for):
    plans = build_plans(world)
    client = client_for("senior_police")
    response = client.get(reverse("plan_evidence", args=[world.review.pk, plans.evidence.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF_BYTES
    assert 'filename="register.pdf"' in response["Content-Disposition"]
    log = AccessLog.objects.get(action=AccessAction.DOWNLOAD, user=world.users["senior_police"])
    assert log.review == world.review and "register.pdf" in log.description


def test_home_tasks_ask_agencies_for_progress_and_senior_managers_to_sign_off(world, client_for):
    plans = build_plans(world)
    today = timezone.localdate()
    services.updates_request(
        plans=[plans.police],
        by=world.users["manager"],
        due_on=today + timedelta(days=3),
        today=today,
    )
    home = client_for("author_police").get(reverse("home")).content.decode()
    assert "Report progress on" in home and plans.police.agency.name in home
    assert (
        "Report progress on"
        not in client_for("author_health").get(reverse("home")).content.decode()
    )
    services.progress_add(
        action=plans.action,
        by=world.users["author_police"],
        today=today,
        on=today,
        text="All done",
        rag=Rag.BLUE,
    )
    home = client_for("senior_police").get(reverse("home")).content.decode()
    assert "Sign off" in home and "Report progress on" not in home
    services.progress_add(
        action=plans.board_action,
        by=world.users["manager"],
        today=today,
        on=today,
        text="Audit held",
        rag=Rag.BLUE,
        files=[evidence_file()],
    )
    home = client_for("board_chair").get(reverse("home")).content.decode()
    assert "Sign off the board&#x27;s action plan" in home


def test_document_control_is_kept_where_the_board_configures_it(world, client_for):
    plans = build_plans(world)
    client = client_for("manager")
    url = reverse("plan_document_control", args=[world.review.pk, plans.police.pk])
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "document_title": "Police action plan",
            "document_version": "1.0",
            "approved_by": "Chief Superintendent",
            **_date("approved_on", today),
            "responsible_subgroup": "Quality assurance sub-group",
            **_date("issued_on", today - timedelta(days=1)),
            "version": version_of(plans.police),
        },
    )
    assert "on or after its approval" in response.content.decode()
    settings_url = reverse("plans_settings", args=["luton"])
    assert client_for("administrator").post(settings_url, {}).status_code == 302
    assert client_for("manager").get(url).status_code == 404
    client_for("administrator").post(settings_url, {"document_control": "on"})
    assert client_for("manager").get(url).status_code == 200


def test_the_monitoring_page_filters_and_counts(world, client_for):
    plans = build_plans(world)
    client = client_for("subgroup_member")
    page = client.get(reverse("plans_monitoring")).content.decode()
    assert world.review.reference in page and "<svg" in page and "Ratings over time" in page
    page = client.get(reverse("plans_monitoring") + "?agency=board").content.decode()
    assert f"R{plans.board_action.recommendation.number}: " in page
    assert f"R{plans.action.recommendation.number}: " not in page
    page = client.get(reverse("plans_monitoring") + "?rag=red").content.decode()
    assert "0 actions" in page
    assert client_for("author_police").get(reverse("plans_monitoring")).status_code == 404
    assert ActionPlan.objects.count() == 2
