import io
import subprocess

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from scr import services
from scr.models import AccessLog


def test_the_tracker_downloads_as_excel_and_pdf_built_from_the_records(world, client_for, tmp_path):
    today = timezone.localdate()
    manager = world.users["manager"]
    services.setup_requests_send(review=world.review, by=manager, due_on=today, today=today)
    police = world.review.involvements.get(agency__name="Bedfordshire Police")
    services.involvement_answer(
        involvement=police,
        by=manager,
        involved=True,
        author=world.users["author_police"],
        today=today,
    )
    client = client_for("manager")
    response = client.get(reverse("review_tracker_file", args=[world.review.pk, "xlsx"]))
    book = load_workbook(io.BytesIO(response.content))
    front = {row[0]: row[1] for row in book["Front sheet"].iter_rows(values_only=True)}
    assert front["Case reference"] == world.review.reference
    assert front["Panel chair"] == world.users["panel_chair"].full_name
    rows = {row[0]: row for row in book["Agencies"].iter_rows(values_only=True)}
    assert rows["Bedfordshire Police"][1] == (
        f"Involved; author {world.users['author_police'].full_name}"
    )
    assert rows["CAFCASS"][1].startswith("Asked")
    pdf = tmp_path / "tracker.pdf"
    pdf.write_bytes(
        client.get(reverse("review_tracker_file", args=[world.review.pk, "pdf"])).content
    )
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert world.review.reference in text and "Bedfordshire Police" in text
    assert AccessLog.objects.filter(review=world.review, action="export").count() == 2
    assert (
        client.get(reverse("review_tracker_file", args=[world.review.pk, "csv"])).status_code == 404
    )
