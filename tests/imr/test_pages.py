"""Agency report pages over HTTP: saving, autosave, conflicts, what reaches the page and the
exports, the access log, and query counts that do not grow with the report."""

import pytest
from django.urls import reverse
from django.utils import timezone

from bench._harness import count_queries
from chronology import services as chronology
from imr import exports, services
from imr.models import ReportExport
from scr.models import AccessLog
from scr.models.audit import AccessAction
from tests.documents import docx_text, pdf_text
from tests.imr.world import build, ready_and_submitted, sign_off, write

pytestmark = pytest.mark.django_db


@pytest.fixture
def rw(world):
    return build(world)


def _url(rw, name, **more):
    return reverse(
        name, kwargs={"pk": rw.world.review.pk, "agency_pk": rw.report.agency_id, **more}
    )


def test_a_two_megabyte_paste_posted_from_the_form_is_saved(rw, client_for):
    client = client_for("author_police")
    text = ("Ligne accentuée — notes\n" * 90_000)[:2_100_000]
    response = client.post(
        _url(rw, "imr_section", key="facts"), {"text": text, "revision": 0, "submit": "Save"}
    )
    assert response.status_code == 302
    assert rw.report.sections.get(key="facts").text == text.replace("\r\n", "\n")


def test_autosave_answers_json_and_refuses_a_stale_revision(rw, client_for):
    client = client_for("author_police")
    url = _url(rw, "imr_section", key="analysis")
    first = client.post(url, {"text": "Tab one", "revision": 0}, HTTP_X_REQUESTED_WITH="autosave")
    assert first.status_code == 200 and first.json()["saved"] and first.json()["revision"] == 1
    stale = client.post(url, {"text": "Tab two", "revision": 0}, HTTP_X_REQUESTED_WITH="autosave")
    assert stale.status_code == 409 and stale.json()["conflict"]
    assert rw.report.sections.get(key="analysis").text == "Tab one"


def test_a_stale_save_from_the_form_shows_both_texts_and_keeps_the_users(rw, client_for):
    client = client_for("author_police")
    url = _url(rw, "imr_section", key="analysis")
    client.post(url, {"text": "Saved first", "revision": 0})
    page = client.post(url, {"text": "Typed second", "revision": 0}).content.decode()
    assert "govuk-error-summary" in page and "after you opened it" in page
    assert "Saved first</textarea>" in page and "Typed second</textarea>" in page
    assert 'name="revision" value="1"' in page


def test_typed_html_reaches_the_page_as_text(rw, client_for):
    write(rw.report, rw.users["author_police"], {"learning": "<script>alert('x')</script> *ok*"})
    ready_and_submitted(rw)
    sign_off(rw)
    page = client_for("panel_member").get(_url(rw, "imr_version", number=1)).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;" in page and "<em>ok</em>" in page


def test_submitting_too_early_shows_the_error_summary(rw, client_for):
    response = client_for("author_police").post(_url(rw, "imr_submit"))
    page = response.content.decode()
    assert response.status_code == 200 and "govuk-error-summary" in page
    assert "Declare your independence" in page and "item 2: Information sharing" in page


def test_views_and_downloads_are_in_the_access_log(
    rw, client_for, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    ready_and_submitted(rw)
    sign_off(rw)
    client = client_for("panel_member")
    client.get(_url(rw, "imr_version", number=1))
    client.get(_url(rw, "imr_export", number=1, fmt="docx"))
    with django_capture_on_commit_callbacks(execute=True):
        client.get(_url(rw, "imr_export", number=1, fmt="pdf"))
    job = ReportExport.objects.get()
    job_page = client.get(_url(rw, "imr_export_job", number=1, job_pk=job.pk))
    assert "Download the PDF" in job_page.content.decode()
    job.refresh_from_db()
    pdf = client.get(_url(rw, "imr_export_download", number=1, job_pk=job.pk))
    assert pdf["Content-Type"] == "application/pdf"
    actions = list(
        AccessLog.objects.filter(user=rw.users["panel_member"]).values_list("action", flat=True)
    )
    assert actions.count(AccessAction.VIEW) >= 1 and actions.count(AccessAction.DOWNLOAD) == 2
    assert job.pages >= 2


def test_the_anonymised_exports_carry_codes_and_refuse_a_name_left_in(rw, tmp_path, monkeypatch):
    review, by = rw.world.review, rw.users["manager"]
    chronology.person_save(review=review, by=by, kind="family", code="Child A", name="Ava Ray")
    chronology.person_save(review=review, by=by, kind="staff", code="PC1", name="Kim Officer")
    write(
        rw.report,
        rw.users["author_police"],
        {"facts": "Kim Officer saw Ava Ray at home."},
        {"analysis": [1, 2, 3]},
    )
    ready_and_submitted(rw)
    version = sign_off(rw)
    doc = exports.document(version, anonymised=True)
    word = docx_text(exports.as_docx(doc))
    assert "PC1 saw Child A at home." in word and "Ava" not in word and "Kim" not in word
    pdf, pages = exports.as_pdf(doc)
    text = pdf_text(pdf, tmp_path)
    assert "PC1 saw Child A at home." in text and "Ray" not in text and pages >= 2
    named = docx_text(exports.as_docx(exports.document(version, anonymised=False)))
    assert "Kim Officer saw Ava Ray" in named
    # Should a name survive the replacing (the safety net), the export is refused.
    monkeypatch.setattr(exports, "anonymise", lambda text, patterns: text)
    with pytest.raises(exports.NameLeak):
        exports.document(version, anonymised=True)


def test_report_pages_run_the_same_queries_whatever_the_size(rw, client_for):
    author = rw.users["author_police"]
    ready_and_submitted(rw)
    sign_off(rw)
    urls = {
        "author_police": [
            _url(rw, "imr_report"),
            _url(rw, "imr_section", key="analysis"),
            _url(rw, "imr_methodology"),
            _url(rw, "imr_interviews"),
            _url(rw, "imr_recommendations"),
        ],
        "panel_member": [
            reverse("imr_index", args=[rw.world.review.pk]),
            _url(rw, "imr_version", number=1),
        ],
    }

    def counts():
        found = {}
        for persona, pages in urls.items():
            client = client_for(persona)
            for url in pages:
                client.get(url)
                found[url] = count_queries(lambda url=url, client=client: client.get(url))
        return found

    # The report is with the panel: it comes back for revision, and grows.
    services.version_return(
        version=rw.report.versions.get(),
        by=rw.users["panel_member"],
        guidance="More",
        due_on=timezone.localdate() + timezone.timedelta(days=9),
        today=timezone.localdate(),
    )
    before = counts()
    for n in range(5):
        services.consultation_add(
            report=rw.report, by=author, kind="document", description=f"Record {n}"
        )
        services.interview_add(report=rw.report, by=author, role=f"Officer {n}", summary="Seen")
        services.recommendation_add(
            report=rw.report,
            by=author,
            today=timezone.localdate(),
            text=f"Recommendation {n}",
            action="Add a prompt",
            lead_name="Lead",
            lead_role="Head",
            target_date=timezone.localdate() + timezone.timedelta(days=30),
            success_measure="Audit",
            intended_outcome="Safer children",
        )
    after = counts()
    assert after == before
