"""Writes for the end of a review: the overview report (drafted, commented on, recommended to the
board, accepted, signed off), the executive summary and its publication, the submission bundle
and Ofsted's evaluation. Each is atomic, validates, and names who acted (``by``)."""

import re
from datetime import date
from html import unescape
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from scr import lifecycle, registry
from scr.dates import PeriodUnit, add_period
from scr.drafting import save_section
from scr.models import (
    Agency,
    BoardRole,
    Bundle,
    BundleSending,
    Evaluation,
    ExecutiveSummary,
    OverviewReport,
    OverviewSection,
    OverviewStatus,
    OverviewVersion,
    Review,
    ReviewRole,
    SectionComment,
    User,
)
from scr.models.overview import EVALUATION_AREAS, OVERVIEW_SECTIONS, EvaluationGrade, Proceedings
from scr.services import _save, deadline_set, review_close
from scr.text import to_html, to_plain

FOLLOW_UP_KEY = "evaluation_follow_up"


def _not_editable(what: str, status: str) -> ValidationError:
    return ValidationError(f"The {what} is {status.lower()}: it cannot be changed now.")


# The overview report ---------------------------------------------------------------------------


@transaction.atomic
def overview_for(review: Review) -> OverviewReport:
    report, created = OverviewReport.objects.get_or_create(review=review)
    if created:
        OverviewSection.objects.bulk_create(
            OverviewSection(report=report, key=key, title=title, position=n)
            for n, (key, title) in enumerate(OVERVIEW_SECTIONS, start=1)
        )
    return report


def _lock(report: OverviewReport) -> OverviewReport:
    return OverviewReport.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def overview_section_save(
    *, section: OverviewSection, by: User, text: str, revision: int
) -> OverviewSection:
    report = _lock(section.report)
    if not report.is_editable:
        raise _not_editable("overview report", report.get_status_display())
    saved = save_section(section, by=by, text=text, revision=revision)
    if not report.sections.filter(text="").exists():
        # Every section has text for the first time: the draft exists.
        lifecycle.record(
            review=report.review, key="overview_drafted", on=timezone.localdate(), by=by, check=False
        )
    return saved


@transaction.atomic
def section_comment_add(*, section: OverviewSection, by: User, text: str) -> SectionComment:
    if not (text or "").strip():
        raise ValidationError({"text": "Enter your comment"})
    comment = SectionComment(section=section, by=by, text=text.strip())
    _save(comment, by)
    return comment


def _snapshot(report: OverviewReport) -> dict:
    return {
        "sections": [
            {"key": s.key, "title": s.title, "text": s.text} for s in report.sections.all()
        ]
    }


def _version(report: OverviewReport, reason: str, by: User) -> OverviewVersion:
    last = report.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = OverviewVersion(
        report=report, number=last + 1, reason=reason, content=_snapshot(report)
    )
    _save(version, by)
    return version


@transaction.atomic
def overview_recommend(*, report: OverviewReport, by: User, today: date) -> OverviewVersion:
    """The panel recommends the report to the board: it is frozen as a version."""
    report = _lock(report)
    if report.status != OverviewStatus.DRAFTING:
        raise ValidationError("The report has already gone to the board.")
    empty = [s.title for s in report.sections.all() if not s.text.strip()]
    if empty:
        raise ValidationError([f"Write the section “{title}”" for title in empty])
    report.status, report.recommended_on = OverviewStatus.RECOMMENDED, today
    _save(report, by)
    lifecycle.record(review=report.review, key="overview_drafted", on=today, by=by, check=False)
    lifecycle.record(review=report.review, key="overview_to_board", on=today, by=by, check=False)
    return _version(report, "Recommended to the board by the panel", by)


@transaction.atomic
def overview_reopen(*, report: OverviewReport, by: User) -> OverviewReport:
    report = _lock(report)
    if report.status != OverviewStatus.RECOMMENDED:
        raise ValidationError("Only a report recommended to the board can be reopened.")
    report.status, report.recommended_on = OverviewStatus.DRAFTING, None
    _save(report, by)
    return report


@transaction.atomic
def overview_accept(
    *,
    report: OverviewReport,
    by: User,
    on: date | None,
    meeting: str,
    amendments: str,
    today: date,
) -> OverviewReport:
    """The board accepts the report at a meeting, with any amendments it asked for."""
    report = _lock(report)
    errors = {}
    if report.status != OverviewStatus.RECOMMENDED:
        raise ValidationError("The panel has not recommended the report to the board yet.")
    if on is None:
        errors["accepted_on"] = "Enter the date of the board meeting"
    elif on > today:
        errors["accepted_on"] = "The date cannot be in the future"
    elif report.recommended_on and on < report.recommended_on:
        errors["accepted_on"] = "The board cannot accept the report before the panel recommended it"
    if not (meeting or "").strip():
        errors["accepted_at"] = "Enter the meeting that accepted it"
    if errors:
        raise ValidationError(errors)
    report.status, report.accepted_on = OverviewStatus.ACCEPTED, on
    report.accepted_at, report.amendments = meeting.strip(), (amendments or "").strip()
    _save(report, by)
    _version(report, f"Accepted by the board at {report.accepted_at}", by)
    lifecycle.record(review=report.review, key="overview_accepted", on=on, by=by, check=False)
    return report


@transaction.atomic
def review_sign_off(*, report: OverviewReport, by: User, today: date) -> OverviewReport:
    """The board chair signs the review off once everything is complete."""
    from scr.readiness import readiness

    report = _lock(report)
    if report.status != OverviewStatus.ACCEPTED:
        raise ValidationError("The board has not accepted the overview report yet.")
    unmet = [area.title for area in readiness(report.review) if not area.met]
    if unmet:
        raise ValidationError([f"Not yet complete: {title}" for title in unmet])
    report.status = OverviewStatus.SIGNED_OFF
    report.signed_off_by, report.signed_off_on = by, today
    _save(report, by)
    review_close(review=report.review, by=by, on=today)
    return report


def quotes(review: Review) -> dict[str, registry.Quote]:
    found = {}
    for source in registry.quote_sources:
        for quote in source(review):
            found[quote.ref] = quote
    return found


_QUOTE = re.compile(r"\[\[([A-Za-z0-9.:_-]{1,60})\]\]")


def with_quotes(text: str, found: dict[str, registry.Quote]) -> str:
    """The text with each ``[[ref]]`` replaced by the quoted passage (as a Markdown quote)."""

    def expand(match: re.Match) -> str:
        quote = found.get(match.group(1))
        if quote is None:
            return match.group(0)
        body = "\n".join(f"> {line}" for line in quote.text.splitlines() if line.strip())
        return f"\n\n> **{quote.label}**\n>\n{body}\n\n"

    return _QUOTE.sub(expand, text or "")


# The executive summary -------------------------------------------------------------------------


@transaction.atomic
def summary_for(review: Review) -> ExecutiveSummary:
    """The review's executive summary, first drafted from the overview report."""
    found = ExecutiveSummary.objects.filter(review=review).first()
    if found is not None:
        return found
    overview = {s.key: s.text for s in overview_for(review).sections.all()}
    summary = ExecutiveSummary(
        review=review,
        key="summary",
        title="Executive summary",
        position=1,
        text="\n\n".join(
            part for part in (overview.get("introduction"), overview.get("lessons")) if part
        ),
        recommendations=overview.get("recommendations", ""),
    )
    summary.save()
    return summary


def _lock_summary(summary: ExecutiveSummary) -> ExecutiveSummary:
    return ExecutiveSummary.objects.select_for_update().get(pk=summary.pk)


@transaction.atomic
def summary_save(
    *, summary: ExecutiveSummary, by: User, text: str, revision: int, recommendations: str | None
) -> ExecutiveSummary:
    if summary.published_on:
        raise ValidationError("The executive summary is published: it cannot be changed now.")
    saved = save_section(
        summary, by=by, text=text, revision=revision, recommendations=recommendations
    )
    return saved


_POSTCODE = re.compile(r"\b[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}\b", re.IGNORECASE)
_STREET = re.compile(
    r"\b\d{1,4}[a-z]?,?\s+(?:[A-Z][a-z]+\s+){1,3}(?:Road|Street|Avenue|Lane|Close|Drive|Way|"
    r"Crescent|Court|Place|Gardens|Grove|Terrace|Rise|Walk|Square|Hill|Park)\b"
)


# Words that never count as a name on their own, however someone is called: titles, the roles
# and organisations that staff logins are named after ("Panel Chair (Waltham Forest LSCB)"), and
# ordinary words that are also names. A person's full name still counts as a whole: "Will Young"
# is found, "young people" is not. Each review adds its board's and agencies' own words.
_TITLES = frozenset(
    "mr mrs ms miss mx dr doctor prof professor sir dame lady lord rev revd reverend cllr "
    "councillor dc ds di dci dcs pc sgt sergeant inspector constable nurse sister".split()
)
_ROLE_WORDS = frozenset(
    "panel chair chairman chairperson member members manager management business independent "
    "author authors report reports police health senior social worker workers referring referrer "
    "overview board forest safeguarding children child local council service services trust "
    "officer lead reviewer adviser advisor specialist designated named agency agencies head "
    "director deputy assistant chief principal team practitioner consultant visitor family "
    "families parent carer school schools hospital housing probation education care adult "
    "adults nhs gp lscb scb review serious case executive summary administrator admin staff "
    "group committee partnership unit department office borough county city district "
    "metropolitan university foundation national the and for with from".split()
)
_COMMON_WORDS = frozenset(
    "may will mark bill hope grace faith joy rose summer dawn april june august young little "
    "long small short white black brown green grey gray north south east west hill wood house "
    "home hall street lane field ward bank page price cross church key law love story "
    "english french welsh irish van von der den del della des dos das".split()
)
_NOT_NAMES = _TITLES | _ROLE_WORDS | _COMMON_WORDS
_BRACKETED = re.compile(r"\([^)]*\)|\[[^\]]*\]")


def _word(word: str) -> str:
    return re.sub(r"['’]s$", "", word.strip(".,;:!?'’\"“”")).casefold()


def _organisations(review: Review) -> list[str]:
    """The names of the board, its bodies and its agencies, longest first: not personal data."""
    board = review.board
    names = [board.name, board.short_name, board.decision_body_name, board.review_panel_name]
    names += [board.author_group_name, board.decision_body_abbreviation]
    names += list(Agency.objects.filter(board=board).values_list("name", flat=True))
    return sorted({n.strip() for n in names if n and n.strip()}, key=len, reverse=True)


def _not_names(review: Review) -> tuple[frozenset[str], frozenset[str]]:
    """(words never a name alone, words that make a name only a label) on this review: the
    second are titles, roles and the board's and its agencies' own words ("Waltham", "Forest")."""
    organisation = {
        _word(part)
        for name in _organisations(review)
        for word in name.split()
        for part in [word, *word.split("-")]
    } - {""}
    labels = _TITLES | _ROLE_WORDS | organisation
    return _NOT_NAMES | labels, labels


def _names(review: Review) -> list[tuple[str, str]]:
    """(what, name) for the review's people and for the staff who worked on the review."""
    found = []
    for source in registry.name_sources:
        found += [(f"a real name of {code}", name) for code, name in source(review)]
    for full_name in ReviewRole.objects.filter(review=review).values_list(
        "user__full_name", flat=True
    ):
        found.append(("a staff member's name", full_name))
    return found


def _name_patterns(
    name: str, not_names: frozenset[str], labels: frozenset[str]
) -> list[tuple[str, re.Pattern]]:
    """(shown, pattern) for one name, most telling first: the full name as whole words, however
    spaced, possessive or not ("Jane  Smith's"), then each distinctive word of it alone (a part
    of a double-barrelled name too). Bracketed text and titles are left out; a name made only of
    titles, roles and organisation words (a demo login's "Panel Chair") is a label and gives
    nothing."""
    words = [w.strip('.,;:"“”') for w in _BRACKETED.sub(" ", name).split()]
    words = [w for w in words if w and _word(w) not in _TITLES]
    parts = [part for word in words for part in dict.fromkeys([word, *word.split("-")]) if part]
    long_parts = [part for part in parts if len(part) > 2]
    if long_parts and all(_word(part) in labels for part in long_parts):
        return []
    found = []
    if len(words) > 1:
        found.append((" ".join(words), r"\s+".join(re.escape(w) for w in words)))
    for part in dict.fromkeys(parts):
        if len(part) > 2 and _word(part) not in not_names:
            found.append((part, re.escape(part)))
    return [(shown, re.compile(rf"(?<!\w){p}(?!\w)", re.IGNORECASE)) for shown, p in found]


def _name_hits(
    text: str,
    names: list[tuple[str, str]],
    not_names: tuple[frozenset[str], frozenset[str]] = (_NOT_NAMES, _TITLES | _ROLE_WORDS),
) -> list[str]:
    """A hit, "what (“words found”)", for each name that ``text`` holds as a name."""
    text = unescape(text)
    hits = []
    for what, name in names:
        for shown, pattern in _name_patterns(name, *not_names):
            if pattern.search(text):
                hits.append(f"{what} (“{shown}”)")
                break
    return hits


def summary_pdf(summary: ExecutiveSummary) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "scr/summary_pdf.html",
        {
            "review": summary.review,
            "board": summary.review.board,
            "text": to_html(summary.text),
            "recommendations": to_html(summary.recommendations),
        },
    )
    return HTML(string=html).write_pdf()


def pdf_metadata(content: bytes) -> list[str]:
    from pypdf import PdfReader

    info = PdfReader(BytesIO(content)).metadata or {}
    return [str(value) for value in info.values() if value]


def _without_organisations(value: str, review: Review) -> str:
    """A document property less the board's and agencies' names (the PDF's author is the board):
    an organisation's name is not personal data."""
    for name in _organisations(review):
        value = re.sub(rf"(?<!\w){re.escape(name)}(?!\w)", "\n", value, flags=re.IGNORECASE)
    return value


def leak_problems(summary: ExecutiveSummary) -> list[str]:
    """Everything in the summary, or in its PDF's metadata, that could identify someone."""
    review = summary.review
    names, not_names = _names(review), _not_names(review)
    text = "\n".join([to_plain(summary.text), to_plain(summary.recommendations)])
    problems = [f"The text holds {hit}" for hit in _name_hits(text, names, not_names)]
    for pattern, what in ((_POSTCODE, "a postcode"), (_STREET, "an address")):
        for match in pattern.finditer(text):
            problems.append(f"The text holds {what} (“{match.group(0)}”)")
    metadata = "\n".join(
        _without_organisations(value, review) for value in pdf_metadata(summary_pdf(summary))
    )
    problems += [
        f"The document's properties hold {hit}" for hit in _name_hits(metadata, names, not_names)
    ]
    return sorted(set(problems))


@transaction.atomic
def summary_leak_check(*, summary: ExecutiveSummary, by: User) -> list[str]:
    summary = _lock_summary(summary)
    summary.leak_problems = leak_problems(summary)
    summary.leak_checked_at = timezone.now()
    _save(summary, by)
    return summary.leak_problems


@transaction.atomic
def summary_data_protection(*, summary: ExecutiveSummary, by: User, on: date | None, today: date):
    summary = _lock_summary(summary)
    if on is None or on > today:
        raise ValidationError({"checked_on": "Enter the date of the check, today or earlier"})
    summary.data_protection_checked_on, summary.data_protection_checked_by = on, by
    _save(summary, by)
    return summary


@transaction.atomic
def summary_shared(
    *, summary: ExecutiveSummary, by: User, on: date | None, shared_by: str, today: date
):
    summary = _lock_summary(summary)
    errors = {}
    if on is None or on > today:
        errors["shared_on"] = "Enter the date the family was shown the summary, today or earlier"
    if not (shared_by or "").strip():
        errors["shared_by"] = "Enter who shared it with the family"
    if errors:
        raise ValidationError(errors)
    summary.shared_with_family_on, summary.shared_with_family_by = on, shared_by.strip()
    _save(summary, by)
    return summary


@transaction.atomic
def summary_proceedings(
    *, summary: ExecutiveSummary, by: User, proceedings: str, ended_on: date | None, today: date
):
    summary = _lock_summary(summary)
    if proceedings not in Proceedings.values:
        raise ValidationError({"proceedings": "Say whether there are criminal proceedings"})
    if proceedings == Proceedings.CONCLUDED and (ended_on is None or ended_on > today):
        raise ValidationError({"ended_on": "Enter the date the proceedings ended"})
    summary.proceedings = proceedings
    summary.proceedings_ended_on = ended_on if proceedings == Proceedings.CONCLUDED else None
    _save(summary, by)
    return summary


def publication_problems(summary: ExecutiveSummary) -> list[str]:
    """Why the summary may not be published yet; empty when it may."""
    board = summary.review.board
    problems = []
    if summary.leak_checked_at is None or (
        summary.saved_at and summary.saved_at > summary.leak_checked_at
    ):
        problems.append("Run the leak check on the summary as it now stands")
    elif summary.leak_problems:
        problems.append("The leak check found something that could identify someone")
    if not summary.data_protection_checked_on:
        problems.append("Record the data protection check")
    if not summary.shared_with_family_on:
        problems.append("Share the summary with the family first, and record when")
    if (
        board.publish_after_evaluation
        and not Evaluation.objects.filter(review=summary.review).exists()
    ):
        problems.append("The board publishes only after Ofsted's evaluation: record it first")
    if board.publish_after_proceedings and summary.proceedings == Proceedings.ONGOING:
        problems.append("The board publishes only once related criminal proceedings have ended")
    return problems


@transaction.atomic
def summary_publish(*, summary: ExecutiveSummary, by: User, today: date) -> ExecutiveSummary:
    from scr.storage import private_folder

    summary = _lock_summary(summary)
    if summary.published_on:
        raise ValidationError("The executive summary is already published.")
    problems = publication_problems(summary)
    if problems:
        raise ValidationError(problems)
    name = private_folder("published").write(summary_pdf(summary), "pdf")
    summary.published_on, summary.published_by, summary.published_file = today, by, name
    _save(summary, by)
    lifecycle.record(review=summary.review, key="summary_published", on=today, by=by, check=False)
    return summary


# The bundle and the evaluation -----------------------------------------------------------------


@transaction.atomic
def bundle_sent(*, bundle: Bundle, by: User, recipient: str, on: date | None, today: date):
    errors = {}
    if not (recipient or "").strip():
        errors["recipient"] = "Enter who the bundle went to"
    if on is None or on > today:
        errors["sent_on"] = "Enter the date it was sent, today or earlier"
    if on and on < timezone.localtime(bundle.created_at).date():
        errors["sent_on"] = "The bundle cannot have been sent before it was made"
    if errors:
        raise ValidationError(errors)
    sending = BundleSending(bundle=bundle, recipient=recipient.strip(), sent_on=on, by=by)
    _save(sending, by)
    lifecycle.record(review=bundle.review, key="summary_to_ofsted", on=on, by=by, check=False)
    return sending


@transaction.atomic
def evaluation_record(
    *,
    review: Review,
    by: User,
    received_on: date | None,
    grades: dict,
    overall: str,
    letter_reference: str,
    letter_text: str,
    today: date,
) -> Evaluation:
    """Ofsted's grades, area by area. An inadequate evaluation puts a follow-up review of the
    action plan on the business manager's deadlines."""
    errors = {}
    if received_on is None or received_on > today:
        errors["received_on"] = "Enter the date the evaluation arrived, today or earlier"
    for key, label in EVALUATION_AREAS:
        if grades.get(key) not in EvaluationGrade.values:
            errors[f"area_{key}"] = f"Grade “{label}”"
    if overall not in EvaluationGrade.values:
        errors["overall"] = "Give the overall grade"
    if errors:
        raise ValidationError(errors)
    evaluation = Evaluation.objects.filter(review=review).first() or Evaluation(review=review)
    evaluation.received_on, evaluation.overall = received_on, overall
    evaluation.grades = {key: grades[key] for key, _ in EVALUATION_AREAS}
    evaluation.letter_reference = (letter_reference or "").strip()
    evaluation.letter_text = (letter_text or "").strip()
    evaluation.recorded_by = by
    _save(evaluation, by)
    if overall == EvaluationGrade.INADEQUATE or EvaluationGrade.INADEQUATE in grades.values():
        deadline_set(
            subject=evaluation,
            board=review.board,
            review=review,
            key=FOLLOW_UP_KEY,
            label="Follow-up review of the action plan after an inadequate evaluation",
            due_on=add_period(received_on, 1, PeriodUnit.MONTHS),
            by=by,
            responsible_role=BoardRole.BUSINESS_MANAGER,
        )
    return evaluation


# Out-of-area contributions ---------------------------------------------------------------------


@transaction.atomic
def commissioning_save(*, review: Review, by: User, commissioned_by: str, reference: str) -> Review:
    review.commissioned_by = (commissioned_by or "").strip()
    review.commissioning_reference = (reference or "").strip()
    _save(review, by)
    return review


def sendable_documents(review: Review) -> list[str]:
    """What the stages hold that could go to the commissioning board (by title)."""
    return [part.title for source in registry.bundle_sources for part in source(review)]


@transaction.atomic
def out_of_area_send(
    *, review: Review, by: User, documents: list[str], sent_to: str, on: date | None, today: date
):
    from scr.models import OutOfAreaSending

    errors = {}
    if not review.commissioned_by:
        raise ValidationError("Record which board commissioned the review first.")
    known = set(sendable_documents(review))
    if not documents or not set(documents) <= known:
        errors["documents"] = "Choose the documents that were sent"
    if not (sent_to or "").strip():
        errors["sent_to"] = "Enter who they were sent to"
    if on is None or on > today:
        errors["sent_on"] = "Enter the date they were sent, today or earlier"
    if errors:
        raise ValidationError(errors)
    sending = OutOfAreaSending(
        review=review, documents=list(documents), sent_to=sent_to.strip(), sent_on=on, by=by
    )
    _save(sending, by)
    return sending
