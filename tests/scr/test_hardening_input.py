"""Odd input is a form error in GOV.UK's words, never a server error: dates typed into any date
input or a query string, ids edited in a multi-select, and filters that are not among their
options."""

import html
import inspect
import re
from datetime import date, timedelta

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from scr.forms import date_field
from tests.actionplans.world import build_plans

pytestmark = pytest.mark.django_db

HUGE_ID = "99999999999999999999999"


def _summary(response) -> str:
    """The text of the page's GOV.UK error summary ("" if there is none)."""
    page = response.content.decode()
    match = re.search(r'class="govuk-error-summary".*?</ul>', page, re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", match.group(0))) if match else ""


def _boxes(prefix: str, day, month, year) -> dict:
    return {f"{prefix}_0": day, f"{prefix}_1": month, f"{prefix}_2": year}


# What each date becomes, in the words GOV.UK's date input pattern uses.
BAD_DATES = [
    (("1", "1", "9999999999"), "{name} must include a year with 4 numbers"),
    (("1", "1", "0"), "{name} must include a year with 4 numbers"),
    (("31", "2", "2026"), "{name} must be a real date"),
    (("1", "13", "2026"), "{name} must be a real date"),
    (("1", "1", ""), "{name} must include a year"),
    (("", "", "2026"), "{name} must include a day and month"),
    (("1", "1", "1850"), "{name} must be between 1 January 1900 and 31 December 2100"),
]


def _date_forms(world):
    """(persona, url, field, the name the messages use, the rest of a valid post) for real
    date inputs across the product."""
    plans = build_plans(world)
    review = world.review.pk
    return [
        (
            "manager",
            reverse("extension_request", args=[review]),
            "proposed_date",
            "The new completion date",
            {"reasons": "The police report is late."},
        ),
        (
            "manager",
            reverse("review_setup", args=[review]),
            "due_on",
            "The date answers are due",
            {},
        ),
        (
            "manager",
            reverse("review_meetings", args=[review]),
            "date",
            "The date",
            {"purpose": "Agency reports", "time": "10:00"},
        ),
        (
            "author_police",
            reverse("plan_action_update", args=[review, plans.action.pk]),
            "on",
            "Date of the update",
            {"text": "Training booked.", "rag": "green"},
        ),
        (
            "manager",
            reverse("plan_request_updates", args=[review]),
            "due_on",
            "The date progress is due",
            {"plans": [plans.police.pk]},
        ),
    ]


def test_bad_dates_get_gov_uk_messages_in_the_error_summary_on_every_form(world, client_for):
    for persona, url, field, name, rest in _date_forms(world):
        client = client_for(persona)
        for parts, message in BAD_DATES:
            response = client.post(url, {**rest, **_boxes(field, *parts)})
            assert response.status_code == 200, (url, parts)
            summary = _summary(response)
            assert message.format(name=name) in summary, (url, parts, summary)
            assert "out of range" not in summary and "is out of" not in summary


def test_an_empty_required_date_asks_for_it_by_name(world, client_for):
    url = reverse("extension_request", args=[world.review.pk])
    response = client_for("manager").post(
        url, {"reasons": "Late.", **_boxes("proposed_date", "", "", "")}
    )
    assert "Enter the new completion date" in _summary(response)


def test_a_bad_date_highlights_its_box_and_the_summary_links_to_it(world, client_for):
    url = reverse("extension_request", args=[world.review.pk])
    response = client_for("manager").post(
        url, {"reasons": "Late.", **_boxes("proposed_date", "1", "1", "12345")}
    )
    page = response.content.decode()
    assert 'href="#id_proposed_date_2"' in page
    year_box = re.search(r'<input[^>]*name="proposed_date_2"[^>]*>', page).group(0)
    day_box = re.search(r'<input[^>]*name="proposed_date_0"[^>]*>', page).group(0)
    assert "govuk-input--error" in year_box and "govuk-input--error" not in day_box


def test_the_date_field_reads_what_gov_uk_asks_services_to_accept():
    class Form(forms.Form):
        born = date_field("Date of birth (if known)")

    def read(data):
        form = Form(data)
        assert form.is_valid(), form.errors
        return form.cleaned_data["born"]

    assert read(_boxes("born", " 3 ", "Mar", "2020")) == date(2020, 3, 3)
    assert read(_boxes("born", "03", "sept", "2020")) == date(2020, 9, 3)
    assert read({"born": "2020-09-03"}) == date(2020, 9, 3)
    assert read(_boxes("born", "", "", "")) is None
    for parts, message in [
        (("١", "1", "2020"), "Date of birth must be a real date"),
        (("1" * 5000, "1", "2020"), "Date of birth must be a real date"),
        (("1", "1", "２０２０"), "Date of birth must include a year with 4 numbers"),
    ]:
        assert Form(_boxes("born", *parts)).errors["born"] == [message]
    assert Form({"born": "garbage"}).errors["born"] == ["Date of birth must be a real date"]


class TestTheRagReportQuery:
    def test_a_date_it_cannot_read_is_an_error_not_a_server_error(self, world, client_for):
        client = client_for("manager")
        for query, message in [
            ("?on=99999999999-01-01", "The report date must include a year with 4 numbers"),
            ("?on=garbage&fmt=pdf", "The report date must be a real date"),
            ("?on=2026-02-31&fmt=pdf", "The report date must be a real date"),
            ("?on_0=1&on_1=1&on_2=9999999999&fmt=pdf", "must include a year with 4 numbers"),
            ("?on_0=1&on_1=1&on_2=0&fmt=docx", "must include a year with 4 numbers"),
        ]:
            response = client.get(reverse("plans_report") + query)
            assert response.status_code == 200, query
            assert message in _summary(response), query

    def test_a_whole_date_in_the_link_still_downloads(self, world, client_for):
        yesterday = timezone.localdate() - timedelta(days=1)
        response = client_for("manager").get(
            reverse("plans_report") + f"?on={yesterday:%Y-%m-%d}&fmt=pdf"
        )
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"


class TestTamperedIds:
    def test_an_id_too_big_for_the_database_is_a_form_error_and_never_queried(
        self, world, client_for
    ):
        build_plans(world)
        today = timezone.localdate() + timedelta(days=7)
        url = reverse("plan_request_updates", args=[world.review.pk])
        client = client_for("manager")
        with CaptureQueriesContext(connection) as queries:
            response = client.post(url, {"plans": [HUGE_ID], **_boxes("due_on", *_parts(today))})
        assert response.status_code == 200
        assert "Select a valid choice" in _summary(response)
        assert not any(HUGE_ID in q["sql"] for q in queries.captured_queries)

    @pytest.mark.parametrize("value", [HUGE_ID, "-" + HUGE_ID, "9223372036854775808", "1" * 5000])
    def test_the_safe_fields_refuse_ids_outside_the_bigint_range(self, world, value):
        from scr.forms import SafeModelChoiceField, SafeModelMultipleChoiceField
        from scr.models import Agency

        class Form(forms.Form):
            one = SafeModelChoiceField(queryset=Agency.objects.all(), required=False)
            many = SafeModelMultipleChoiceField(queryset=Agency.objects.all(), required=False)

        agency = world.agency
        with CaptureQueriesContext(connection) as queries:
            form = Form({"one": value, "many": [str(agency.pk), value]})
            assert not form.is_valid()
        assert set(form.errors) == {"one", "many"}
        assert all(len(e) < 120 for errors in form.errors.values() for e in errors)
        assert not queries.captured_queries
        good = Form({"one": str(agency.pk), "many": [str(agency.pk)]})
        assert good.is_valid() and good.cleaned_data["one"] == agency

    def test_every_form_chooses_rows_through_the_safe_fields(self):
        import actionplans.forms
        import chronology.forms
        import imr.forms
        import referrals.forms
        import scr.forms
        import scr.overview_forms
        from scr.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

        unsafe = []
        for module in (
            chronology.forms,
            scr.forms,
            scr.overview_forms,
            referrals.forms,
            actionplans.forms,
            imr.forms,
        ):
            for name, form in inspect.getmembers(module, inspect.isclass):
                for field_name, field in getattr(form, "base_fields", {}).items():
                    if isinstance(field, forms.ModelChoiceField) and not isinstance(
                        field, SafeModelChoiceField | SafeModelMultipleChoiceField
                    ):
                        unsafe.append(f"{module.__name__}.{name}.{field_name}")
        assert not unsafe


def _parts(day: date) -> tuple[str, str, str]:
    return str(day.day), str(day.month), str(day.year)


class TestFilters:
    def test_a_review_list_filter_not_among_the_options_is_in_the_error_summary(
        self, world, client_for
    ):
        response = client_for("manager").get(reverse("review_list") + "?stage=bogus&status=open")
        assert response.status_code == 200
        summary = _summary(response)
        assert "Select a stage from the list" in summary
        assert 'href="#id_stage"' in response.content.decode()

    def test_the_integrated_chronology_refuses_dates_and_choices_it_cannot_use(
        self, world, client_for
    ):
        url = reverse("review_chronology", args=[world.review.pk])
        client = client_for("manager")
        for query, message in [
            ("?start=99999999999-01-01", "The start date must be a real date"),
            ("?end=2026-02-31", "The end date must be a real date"),
            ("?start=0001-01-01", "The start date must be a real date"),
            ("?start=2026-03-01&end=2026-01-01", "The end date must be the same as or after"),
            ("?child_seen=sometimes", "Select whether the child was seen from the list"),
            ("?agency=" + HUGE_ID, "Select agencies from the list"),
            ("?gap=0", "Enter the gap as a whole number of days from 1 to 3650"),
            ("?gap=" + "9" * 30, "Enter the gap as a whole number of days from 1 to 3650"),
        ]:
            response = client.get(url + query)
            assert response.status_code == 200, query
            assert message in _summary(response), query

    def test_the_timeline_says_when_it_cannot_read_a_date(self, world, client_for):
        url = reverse("chronology_timeline", args=[world.review.pk])
        client = client_for("manager")
        response = client.get(url + "?start=99999999999-01-01&end=2026-02-31")
        assert response.status_code == 200
        summary = _summary(response)
        assert "The start date must be a real date" in summary
        assert "The end date must be a real date" in summary
        assert _summary(client.get(url + "?start=2026-01-01")) == ""

    def test_the_action_plan_monitoring_filter_reports_a_rating_not_among_the_options(
        self, world, client_for
    ):
        build_plans(world)
        response = client_for("manager").get(reverse("plans_monitoring") + "?rag=pink&review=abc")
        assert response.status_code == 200
        summary = _summary(response)
        assert "Select a rating from the list" in summary
        assert "Select a review from the list" in summary


def test_one_bad_filter_is_reported_and_the_others_still_apply(world, client_for):
    from scr.models import Review

    review = Review.objects.filter(board=world.luton).first()
    page = client_for("manager").get(
        reverse("review_list"), {"stage": "no-such-stage", "status": "closed"}
    )
    html = page.content.decode()
    assert page.status_code == 200 and "govuk-error-summary" in html
    assert review.reference not in html  # still filtered to closed reviews
