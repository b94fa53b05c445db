"""Uploading through the page: whatever the file, a clear answer and never a server error;
nothing is saved until the author confirms."""

from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from chronology.models import ChronologyEntry


def _url(world):
    agency = world.review.roles.get(user=world.users["author_police"]).agency
    return reverse("chronology_import", args=[world.review.pk, agency.pk])


def _xlsx(rows) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Event and who was present", "Child seen"])
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    content=st.binary(max_size=2000),
    name=st.sampled_from(["c.xlsx", "c.docx", "c.csv", "c.pdf", "c", "c.xls"]),
)
def test_any_upload_gets_an_answer_not_a_server_error(world, client_for, content, name):
    client = client_for("author_police")
    upload = SimpleUploadedFile(name, content)
    response = client.post(_url(world), {"step": "upload", "file": upload})
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        preview = client.get(_url(world))
        assert preview.status_code == 200
        client.post(_url(world), {"step": "cancel"})
    assert not ChronologyEntry.objects.exists()


@pytest.mark.django_db
def test_preview_then_confirm_saves_only_good_new_rows(world, client_for):
    client = client_for("author_police")
    data = _xlsx(
        [
            ["12/11/24", "Home visit", "Yes"],
            ["June 24 approx", "Neighbour's call", "N/K"],
            ["31/02/24", "Impossible date", "No"],
        ]
    )
    response = client.post(
        _url(world), {"step": "upload", "file": SimpleUploadedFile("c.xlsx", data)}
    )
    assert response.status_code == 302
    page = client.get(_url(world)).content.decode()
    assert "2 new rows to add" in page and "31/02/24" in page
    assert not ChronologyEntry.objects.exists()
    response = client.post(_url(world), {"step": "confirm"})
    assert response.status_code == 302
    assert sorted(ChronologyEntry.objects.values_list("event", flat=True)) == [
        "Home visit",
        "Neighbour's call",
    ]
    approx = ChronologyEntry.objects.get(event="Neighbour's call")
    assert approx.occurred_precision == "approx" and approx.occurred_on.isoformat() == "2024-06-01"

    client.post(_url(world), {"step": "upload", "file": SimpleUploadedFile("c.xlsx", data)})
    page = client.get(_url(world)).content.decode()
    assert "0 new rows to add" in page and "2 rows already in your chronology" in page
