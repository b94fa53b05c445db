"""A 2,000-row Excel chronology uploaded, parsed, checked and previewed through the page."""

import time
from datetime import date, timedelta
from io import BytesIO

ROWS = 2000


def _workbook() -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Date", "Time", "Family member(s)", "Event and who was present", "Child seen"])
    start = date(2019, 1, 1)
    for n in range(ROWS):
        day = start + timedelta(days=n)
        when = day.strftime("%d/%m/%y") if n % 10 else f"{day:%B %y} approx"
        seen = ("Yes", "Seen alone", "No", "N/K")[n % 4]
        sheet.append([when, "14:30", "Child A", f"Contact {n}: home visit by the worker", seen])
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run() -> dict:
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.test import Client

    from scr import services
    from scr.board_defaults import load_default_boards
    from scr.models import Agency, Board, BoardRole, ReviewRoleKind

    load_default_boards(Board, Agency)
    board = Board.objects.get(slug="luton")
    agency = board.agencies.get(discipline="police")
    by = services.system_user()
    author = services.person_add_to_board(
        board=board,
        email="bench.author@luton.example.org",
        full_name="Bench Author",
        role=BoardRole.AGENCY_STAFF,
        agency=agency,
        by=by,
    ).user
    review = services.review_create(
        board=board, child_code="Child A", review_type="scr", started_on=date.today(), by=by
    )
    services.review_role_assign(
        review=review, user=author, role=ReviewRoleKind.IMR_AUTHOR, agency=agency, by=by
    )
    client = Client()
    client.force_login(author, backend="django.contrib.auth.backends.ModelBackend")
    url = f"/reviews/{review.pk}/chronologies/{agency.pk}/import/"
    data = _workbook()
    timings = []
    for _ in range(3):
        start = time.perf_counter()
        upload = SimpleUploadedFile("chronology.xlsx", data)
        assert client.post(url, {"step": "upload", "file": upload}).status_code == 302
        page = client.get(url)
        assert page.status_code == 200 and f"{ROWS} new rows" in page.content.decode()
        timings.append(time.perf_counter() - start)
        client.post(url, {"step": "cancel"})
    seconds = round(sorted(timings)[1], 2)
    print(f"{ROWS} rows uploaded, parsed and previewed: {seconds} s (median of 3)")
    return {"seconds": seconds, "rows": ROWS}
