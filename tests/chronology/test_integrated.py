"""Agency chronologies merged into the integrated chronology: order, approximate dates, gaps,
shared days, counts, filters, submissions and their differences, and anonymised exports."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from chronology import exports, selectors, services
from chronology.models import ChronologyStatus
from scr.models import AccessLog
from tests.documents import docx_text, pdf_text

D = date(2025, 3, 10)


@pytest.fixture
def setup(world):
    review = world.review
    by = world.users["manager"]
    child = services.person_save(
        review=review, by=by, kind="family", code="Child A", name="Ava Ray", is_subject=True
    )
    mother = services.person_save(
        review=review, by=by, kind="family", code="Parent 1", name="Jo Bloggs"
    )
    police_agency = world.review.roles.get(user=world.users["author_police"]).agency
    health_agency = world.review.roles.get(user=world.users["author_health"]).agency
    police = services.chronology_for(review, police_agency)
    health = services.chronology_for(review, health_agency)
    return world, child, mother, police, health


def add(chronology, by, day, event, **extra):
    values = {"occurred_precision": "exact", "occurred_on": day, "event": event}
    values.update(extra)
    return services.entry_save(chronology=chronology, by=by, today=timezone.localdate(), **values)


def test_merged_in_date_order_with_gaps_shared_days_and_counts(setup):
    world, child, mother, police, health = setup
    cop, nurse = world.users["author_police"], world.users["author_health"]
    add(police, cop, D, "Domestic incident at home", child_seen="yes", people=[mother])
    add(police, cop, D + timedelta(days=200), "Arrest of Parent 1", people=[mother])
    add(
        police,
        cop,
        date(2025, 6, 20),
        "Concern raised by neighbour",
        occurred_precision="month",
        occurred_text="June 2025",
    )
    add(health, nurse, D, "Health visitor saw Child A alone", child_seen="alone", people=[child])
    add(
        health,
        nurse,
        None,
        "Missed appointment, date not recorded",
        occurred_precision="unknown",
        concern=True,
    )
    for chronology, by in ((police, cop), (health, nurse)):
        services.chronology_submit(chronology=chronology, by=by, now=timezone.now())

    merged = selectors.integrated(world.review, gap_days=60)
    events = [row["event"] for row in merged.rows]
    assert events[:2] == [
        "Domestic incident at home",
        "Health visitor saw Child A alone",
    ] or events[:2] == ["Health visitor saw Child A alone", "Domestic incident at home"]
    month = next(row for row in merged.rows if row["precision"] == "month")
    assert month["sort_date"] == "2025-06-01" and month["date_label"] == "Jun 2025"
    assert events[2] == "Concern raised by neighbour"
    assert events[-1] == "Missed appointment, date not recorded"
    assert merged.rows[-1]["date_label"] == "Not known"
    assert list(merged.shared_days) == [D.isoformat()]
    assert [(g[0], g[1]) for g in merged.gaps] == [
        (D + timedelta(days=1), date(2025, 5, 31)),
        (date(2025, 6, 2), D + timedelta(days=199)),
    ]
    counts = {name: (contacts, seen, alone) for name, contacts, seen, alone in merged.per_agency}
    assert counts[police.agency.name] == (3, 1, 0)
    assert counts[health.agency.name] == (2, 1, 1)

    only_mother = selectors.integrated(world.review, selectors.Filters(person="Parent 1"))
    assert {row["event"] for row in only_mother.rows} == {
        "Domestic incident at home",
        "Arrest of Parent 1",
    }
    alone = selectors.integrated(world.review, selectors.Filters(child_seen={"alone"}))
    assert [row["agency"] for row in alone.rows] == [health.agency.name]
    flagged = selectors.integrated(world.review, selectors.Filters(flags={"concern"}))
    assert len(flagged.rows) == 1
    window = selectors.integrated(
        world.review, selectors.Filters(start=date(2025, 6, 1), end=date(2025, 12, 31))
    )
    assert [row["event"] for row in window.rows] == [
        "Concern raised by neighbour",
        "Arrest of Parent 1",
    ]
    police_only = selectors.integrated(world.review, selectors.Filters(agencies={police.agency_id}))
    assert {row["agency"] for row in police_only.rows} == {police.agency.name}


def test_the_panel_sees_only_what_was_submitted_and_the_changes(setup):
    world, child, mother, police, health = setup
    cop = world.users["author_police"]
    first = add(police, cop, D, "First visit")
    assert selectors.integrated(world.review).rows == []
    with pytest.raises(ValidationError, match="at least one row"):
        services.chronology_submit(
            chronology=health, by=world.users["author_health"], now=timezone.now()
        )
    services.chronology_submit(chronology=police, by=cop, now=timezone.now())
    police.refresh_from_db()
    assert police.status == ChronologyStatus.SUBMITTED
    with pytest.raises(ValidationError, match="Nothing has changed"):
        services.chronology_submit(chronology=police, by=cop, now=timezone.now())

    services.entry_save(
        chronology=police,
        by=cop,
        today=timezone.localdate(),
        entry=first,
        occurred_precision="exact",
        occurred_on=D,
        event="First visit: nobody answered the door",
    )
    add(police, cop, D + timedelta(days=3), "Second visit")
    police.refresh_from_db()
    assert police.status == ChronologyStatus.REVISING
    assert [r["event"] for r in selectors.integrated(world.review).rows] == ["First visit"]

    services.chronology_submit(chronology=police, by=cop, now=timezone.now())
    older, newer = list(police.submissions.order_by("number"))
    diff = selectors.submission_diff(older.rows, newer.rows)
    assert [r["event"] for r in diff["added"]] == ["Second visit"]
    assert [fields for _, _, fields in diff["changed"]] == [["event"]]
    assert diff["removed"] == []
    assert [r["event"] for r in selectors.integrated(world.review).rows] == [
        "First visit: nobody answered the door",
        "Second visit",
    ]


def test_dates_that_cannot_be_right_are_refused(setup):
    world, child, mother, police, health = setup
    cop = world.users["author_police"]
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        add(police, cop, today + timedelta(days=1), "Tomorrow")
    assert "occurred_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        add(police, cop, D, "Learned before it happened", learned_on=D - timedelta(days=1))
    assert "learned_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        add(police, cop, None, "No date")
    assert "occurred_on" in error.value.message_dict
    assert not police.entries.exists()


def test_codes_are_unique_and_people_are_consistent(setup):
    world, child, mother, police, health = setup
    with pytest.raises(ValidationError) as error:
        services.person_save(
            review=world.review, by=world.users["manager"], kind="family", code="child a", name="X"
        )
    assert "code" in error.value.message_dict
    with pytest.raises(ValidationError):
        services.relationship_add(
            review=world.review, by=world.users["manager"], a=child, kind="parent", b=child
        )
    services.relationship_add(
        review=world.review, by=world.users["manager"], a=mother, kind="parent", b=child
    )
    with pytest.raises(ValidationError, match="already recorded"):
        services.relationship_add(
            review=world.review, by=world.users["manager"], a=child, kind="parent", b=mother
        )


def test_anonymised_exports_carry_codes_and_no_names(setup, client_for, tmp_path):
    world, child, mother, police, health = setup
    cop = world.users["author_police"]
    add(police, cop, D, "Jo Bloggs said Ava was asleep; Ms Bloggs refused entry", people=[mother])
    services.chronology_submit(chronology=police, by=cop, now=timezone.now())
    client = client_for("panel_chair")

    named = client.get(reverse("chronology_export", args=[world.review.pk, "pdf"]))
    assert "Jo Bloggs said Ava" in pdf_text(named.content, tmp_path)

    url = reverse("chronology_export", args=[world.review.pk, "pdf"]) + "?anonymised=1"
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content, tmp_path)
    assert "Parent 1 said Child A was asleep; Ms Parent 1 refused entry" in text
    assert world.review.reference in text and "Page 1 of 1" in text
    for name in ("Bloggs", "Ava", "Jo "):
        assert name not in text

    docx = client.get(
        reverse("chronology_export", args=[world.review.pk, "docx"]) + "?anonymised=1"
    )
    assert "Bloggs" not in docx_text(docx.content)
    assert (
        AccessLog.objects.filter(
            user=world.users["panel_chair"], action="export", review=world.review
        ).count()
        == 3
    )


def test_a_name_that_survives_anonymising_stops_the_export(setup):
    world, child, mother, police, health = setup
    assert exports.leaks(["Parent 1 met the health visitor"], world.review) == []
    assert exports.leaks(["A note about BLOGGS"], world.review) == ["Parent 1"]
    patterns = exports._name_patterns(world.review)
    assert exports.anonymise("jo bloggs and Ava", patterns) == "Parent 1 and Child A"


def test_a_long_pdf_is_built_in_the_background_for_its_requester_only(
    setup, client_for, monkeypatch, tmp_path, django_capture_on_commit_callbacks
):
    world, child, mother, police, health = setup
    cop = world.users["author_police"]
    for n in range(3):
        add(police, cop, D + timedelta(days=n), f"Visit {n} with Jo Bloggs")
    services.chronology_submit(chronology=police, by=cop, now=timezone.now())
    monkeypatch.setattr(exports, "BACKGROUND_ROWS", 2)
    client = client_for("panel_chair")
    url = reverse("chronology_export", args=[world.review.pk, "pdf"]) + "?anonymised=1"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(url)
    assert response.status_code == 302
    page = client.get(response["Location"])
    assert page.status_code == 200 and "Ready" in page.content.decode()
    job = page.context["job"]
    download = reverse("chronology_export_download", args=[world.review.pk, job.pk])
    pdf = b"".join(client.get(download).streaming_content)
    text = pdf_text(pdf, tmp_path)
    assert "Visit 2 with Parent 1" in text and "Bloggs" not in text
    assert client_for("panel_member").get(download).status_code == 404
    assert client_for("panel_member").get(response["Location"]).status_code == 404


def test_a_long_chronology_is_read_a_page_at_a_time_and_links_find_their_page(world, client_for):
    from bench.chronology import _submit_rows

    review = world.review
    agencies = list(world.luton.agencies.all()[:3])
    _submit_rows(review, agencies, world.users["manager"], 450)
    rows = selectors.integrated(review).rows
    client = client_for("manager")
    url = f"/reviews/{review.pk}/chronology/"
    first = client.get(url).content.decode()
    assert first.count('id="entry-') == 100 and "rows 1 to 100 are on this page" in first
    wanted = rows[320]
    page = client.get(f"{url}?entry={wanted['id']}").content.decode()
    assert f'id="entry-{wanted["id"]}"' in page and "rows 301 to 400" in page
    assert f"{len(rows)} of {len(rows)} rows match" in page
    last = client.get(f"{url}?page=5").content.decode()
    assert last.count('id="entry-') == len(rows) - 400
    assert date.fromisoformat(rows[0]["sort_date"]) <= date.fromisoformat(rows[-1]["sort_date"])
