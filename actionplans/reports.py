"""The RAG report for a board meeting, for a chosen date, as PDF and as a Word document."""

from io import BytesIO

from django.template.loader import render_to_string

from scr.letters import DOCX_TYPE, long_date

from .selectors import RAG_ORDER, BoardReport, board_report

PDF_TYPE = "application/pdf"


def build(board, on) -> BoardReport:
    return board_report(board, on)


def headline(report: BoardReport) -> list[str]:
    """The report's summary lines, the same in both formats."""
    total = report.total
    lines = [f"Actions: {total.total}"]
    for code in RAG_ORDER:
        row = report.labels[code]
        meaning = f" ({row['meaning']})" if row.get("meaning") else ""
        lines.append(f"{row['label']}{meaning}: {total.counts.get(code, 0)}")
    lines.append(f"Overdue (past the target date and not complete): {len(report.overdue)}")
    lines.append(f"Action plans signed off: {report.signed_off}")
    return lines


def _context(report: BoardReport) -> dict:
    return {
        "report": report,
        "title": f"Action plans: RAG report as at {long_date(report.on)}",
        "headline": headline(report),
        "codes": RAG_ORDER,
        "labels": [report.labels[c] for c in RAG_ORDER],
    }


def as_pdf(report: BoardReport) -> tuple[bytes, str]:
    from weasyprint import HTML

    html = render_to_string("actionplans/report_pdf.html", _context(report))
    return HTML(string=html).write_pdf(), PDF_TYPE


def _table(document, headings: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(headings))
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, headings, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = str(text)


def as_docx(report: BoardReport) -> tuple[bytes, str]:
    from docx import Document

    context = _context(report)
    document = Document()
    document.core_properties.title = context["title"]
    document.core_properties.author = report.board.name
    document.add_heading(report.board.name, level=1)
    document.add_heading(context["title"], level=2)
    document.add_paragraph(
        f"Ratings as they stood at the end of {long_date(report.on)}, for every review's action "
        f"plans. Monitored by {report.board.action_plan_monitored_by}."
    )
    for line in context["headline"]:
        document.add_paragraph(line, style="List Bullet")
    labels = [report.labels[c]["label"] for c in RAG_ORDER]
    document.add_heading("By review", level=3)
    _table(
        document,
        ["Review", *labels, "Overdue", "Total"],
        [
            [f"{row.label} ({row.hint})", *row.ordered, row.overdue, row.total]
            for row in report.by_review
        ],
    )
    document.add_heading("By agency", level=3)
    _table(
        document,
        ["Agency", *labels, "Overdue", "Total"],
        [[row.label, *row.ordered, row.overdue, row.total] for row in report.by_agency],
    )
    document.add_heading("Overdue actions", level=3)
    if report.overdue:
        _table(
            document,
            ["Review", "Plan", "Action", "Lead", "Target date", "Rating"],
            [
                [
                    a.plan.review.reference,
                    a.plan.owner_name,
                    f"{a.recommendation.label}: {a.description}",
                    f"{a.lead_role}: {a.lead_name}",
                    f"{a.target_date:%d %b %Y}",
                    report.labels[a.rag_then]["label"],
                ]
                for a in report.overdue
            ],
        )
    else:
        document.add_paragraph("No action was overdue.")
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue(), DOCX_TYPE
