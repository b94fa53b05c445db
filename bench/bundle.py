"""The submission bundle of a review with 10 agency reports of about 30 pages and a 2,000-row
integrated chronology, assembled as the background task does (one indexed PDF and a .zip)."""

import time
from datetime import date

from bench.imr import PARAGRAPH


def _reports(review, agencies, by) -> None:
    from imr import services
    from imr.rules import EVALUATION_CHECKLIST
    from scr import services as core
    from scr.models import BoardRole, ReviewRoleKind

    for n, agency in enumerate(agencies):
        author = core.person_add_to_board(
            board=review.board,
            email=f"author{n}@bench.example.org",
            full_name=f"Author {n}",
            role=BoardRole.AGENCY_STAFF,
            agency=agency,
            by=by,
        ).user
        core.review_role_assign(
            review=review, user=author, role=ReviewRoleKind.IMR_AUTHOR, agency=agency, by=by
        )
        report = services.report_for(review=review, agency=agency, by=by)
        body = "\n\n".join(f"## Part {n}\n\n{PARAGRAPH * 3}" for n in range(7))
        for section in report.sections.all():
            services.section_save(
                section=section, by=author, text=body, revision=section.revision, answers=None
            )
        services.declare(report=report, by=author, on=date.today())
        services.submit(report=report, by=author)
        version = services.manager_sign_off(
            report=report,
            by=by,
            checklist={k: True for k, _ in EVALUATION_CHECKLIST},
            comments="",
            name="Bench Manager",
            title="Director",
            on=date.today(),
            today=date.today(),
        )
        services.version_accept(version=version, by=by)


def run() -> dict:
    from bench._harness import manager_client
    from bench.chronology import _submit_rows
    from scr import bundle
    from scr import services as core
    from scr.models import Bundle

    board, manager, _ = manager_client()
    review = core.review_create(
        board=board, child_code="Child A", review_type="scr", started_on=date.today(), by=manager
    )
    agencies = list(board.agencies.all()[:10])
    _reports(review, agencies, manager)
    _submit_rows(review, agencies, manager, 2000)
    made = Bundle.objects.create(review=review, requested_by=manager)
    start = time.perf_counter()
    bundle.build_claimed(made.pk)
    seconds = round(time.perf_counter() - start, 1)
    made.refresh_from_db()
    assert made.status == "done", made.message
    print(f"bundle of {len(made.parts)} parts: {made.pages} pages in {seconds} s")
    return {"seconds": seconds, "pages": made.pages, "parts": len(made.parts)}
