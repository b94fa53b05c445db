"""The submission bundle: the overview report, the executive summary and every stage's documents
(agency reports, the integrated chronology, the action plans) in one indexed PDF, and a .zip of
the parts, built in the background with its progress recorded."""

import zipfile
from io import BytesIO

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify

from scr import registry
from scr.models import Bundle, Review
from scr.models.overview import BundleStatus
from scr.storage import private_folder
from scr.storage import record_progress as _step
from scr.text import to_html


def core_parts(review: Review) -> list[registry.BundlePart]:
    from scr.publication import overview_for, quotes, summary_for, with_quotes

    report = overview_for(review)
    found = quotes(review)
    latest = report.versions.order_by("-number").first()
    sections = (
        latest.content["sections"]
        if latest
        else [{"title": s.title, "text": s.text} for s in report.sections.all()]
    )
    overview = "".join(
        f"<h3>{s['title']}</h3>{to_html(with_quotes(s['text'], found))}" for s in sections
    )
    summary = summary_for(review)
    return [
        registry.BundlePart("Overview report", overview),
        registry.BundlePart(
            "Executive summary",
            to_html(summary.text) + "<h3>Recommendations</h3>" + to_html(summary.recommendations),
        ),
    ]


def parts(review: Review) -> list[registry.BundlePart]:
    found = core_parts(review)
    for source in registry.bundle_sources:
        found += source(review)
    return found


def _pdf(title: str, review: Review, body_parts, contents=None) -> tuple[bytes, int]:
    from weasyprint import HTML

    html = render_to_string(
        "scr/bundle_pdf.html",
        {"title": title, "review": review, "parts": body_parts, "contents": contents},
    )
    document = HTML(string=html).render()
    return document.write_pdf(), len(document.pages)


def _contents(title: str, review: Review, rendered) -> tuple[bytes, int]:
    """The front page: every part with the bundle page it starts on. (Rendered twice only if the
    contents run to more pages than first thought, which moves every start.)"""
    front_pages = 1
    while True:
        page, starts = front_pages + 1, []
        for part, _, pages in rendered:
            starts.append((part.title, page))
            page += pages
        content, pages = _pdf(title, review, [], contents=starts)
        if pages == front_pages:
            return content, pages
        front_pages = pages


def build(bundle: Bundle) -> None:
    """Each part is made once as its own PDF (those go in the .zip); the bundle is a contents
    page followed by the parts, with a bookmark for each."""
    from pypdf import PdfWriter

    review = Review.objects.select_related("board").get(pk=bundle.review_id)
    found = parts(review)
    _step(bundle, 10, parts=[part.title for part in found])
    rendered = []
    for n, part in enumerate(found, start=1):
        content, pages = _pdf(part.title, review, [part])
        rendered.append((part, content, pages))
        _step(bundle, 10 + int(80 * n / len(found)))
    title = f"Serious case review {review.reference}: documents for Ofsted and the national bodies"
    front, front_pages = _contents(title, review, rendered)
    writer = PdfWriter()
    writer.append(BytesIO(front))
    page = front_pages
    for part, content, pages in rendered:
        writer.append(BytesIO(content))
        writer.add_outline_item(part.title, page)
        page += pages
    writer.add_metadata({"/Title": title, "/Author": review.board.name})
    combined = BytesIO()
    writer.write(combined)
    archive = BytesIO()
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as parts_zip:
        parts_zip.writestr(f"00-{review.reference}-bundle.pdf", combined.getvalue())
        for n, (part, content, _) in enumerate(rendered, start=1):
            parts_zip.writestr(f"{n:02d}-{slugify(part.title)[:60]}.pdf", content)
    folder = private_folder("bundles")
    _step(
        bundle,
        100,
        status=BundleStatus.DONE,
        pages=page,
        pdf_name=folder.write(combined.getvalue(), "pdf"),
        zip_name=folder.write(archive.getvalue(), "zip"),
        finished_at=timezone.now(),
    )


def build_claimed(bundle_id: int) -> None:
    """Build the bundle if this worker is the one that claims it."""
    claimed = Bundle.objects.filter(pk=bundle_id, status=BundleStatus.QUEUED).update(
        status=BundleStatus.RUNNING, progress=5
    )
    if not claimed:
        return
    bundle = Bundle.objects.get(pk=bundle_id)
    try:
        build(bundle)
    except Exception as error:  # a failed build must say so rather than spin for ever
        _step(
            bundle,
            100,
            status=BundleStatus.FAILED,
            message=str(error)[:400],
            finished_at=timezone.now(),
        )
        raise
