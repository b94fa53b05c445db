"""Writes for agency reports. Each is atomic, validates, and names who acted (``by``)."""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actionplans import services as plans
from actionplans.models import Source
from actionplans.smart import one_thing, smart_problems
from scr import lifecycle
from scr.drafting import save_section
from scr.models import Agency, Review, ReviewRole, ReviewRoleKind, User
from scr.services import _save, deadline_complete, deadline_set

from . import selectors
from .models import (
    AgencyReport,
    Agreement,
    Consultation,
    ConsultationKind,
    Grade,
    Interview,
    ManagerOutcome,
    ManagerReview,
    Overall,
    PanelGrade,
    ReportRecommendation,
    ReportSection,
    ReportStatus,
    ReportVersion,
)
from .rules import EVALUATION_CHECKLIST, STANDARDS_GRID

REVISION_KEY = "imr_revision"


def _not_editable(report: AgencyReport) -> ValidationError:
    return ValidationError(
        f"The report is {report.get_status_display().lower()}: it cannot be changed now."
    )


def _lock(report: AgencyReport) -> AgencyReport:
    """The report's row, locked for the rest of the transaction, so two status changes never
    interleave."""
    return AgencyReport.objects.select_for_update().get(pk=report.pk)


@transaction.atomic
def report_for(*, review: Review, agency: Agency, by: User) -> AgencyReport:
    """The agency's report on the review, opened with the board's template sections."""
    report, created = AgencyReport.objects.get_or_create(review=review, agency=agency)
    if created:
        ReportSection.objects.bulk_create(
            ReportSection(report=report, key=s["key"], title=s["title"], position=n)
            for n, s in enumerate(review.board.imr_sections, start=1)
        )
    return report


@transaction.atomic
def section_save(
    *, section: ReportSection, by: User, text: str, revision: int, answers: list[int] | None
) -> ReportSection:
    """Save the section typed over ``revision``. A save over an older revision is refused with
    ``SectionConflict``, so the later writer sees both texts and nothing is overwritten."""
    report = _lock(section.report)
    if not report.is_editable:
        raise _not_editable(report)
    if answers is not None:
        known = {item.number for item in selectors.terms_items(report.review)}
        answers = sorted({n for n in answers if n in known})
    return save_section(section, by=by, text=text, revision=revision, answers=answers)


def _editable(report: AgencyReport) -> AgencyReport:
    report = _lock(report)
    if not report.is_editable:
        raise _not_editable(report)
    return report


@transaction.atomic
def consultation_add(*, report: AgencyReport, by: User, **fields) -> Consultation:
    report = _editable(report)
    errors = {}
    if fields.get("kind") not in ConsultationKind.values:
        errors["kind"] = "Choose what kind of line this is"
    if not (fields.get("description") or "").strip():
        errors["description"] = "Say what was seen, who was consulted, or what was missing"
    if fields.get("kind") in (ConsultationKind.UNAVAILABLE, ConsultationKind.NOT_INTERVIEWED):
        if not (fields.get("reason") or "").strip():
            errors["reason"] = "Say why"
    if errors:
        raise ValidationError(errors)
    consultation = Consultation(report=report, **fields)
    _save(consultation, by)
    return consultation


@transaction.atomic
def consultation_remove(*, consultation: Consultation, by: User) -> None:
    _editable(consultation.report)
    consultation._history_user = by
    consultation.delete()


@transaction.atomic
def interview_add(*, report: AgencyReport, by: User, **fields) -> Interview:
    report = _editable(report)
    errors = {}
    if not (fields.get("role") or "").strip():
        errors["role"] = "Enter the role of the person interviewed"
    if not (fields.get("summary") or "").strip():
        errors["summary"] = "Enter a summary of the interview"
    if errors:
        raise ValidationError(errors)
    interview = Interview(report=report, **fields)
    _save(interview, by)
    return interview


@transaction.atomic
def interview_agreement(
    *,
    interview: Interview,
    by: User,
    agreement: str,
    on: date | None,
    disagreement: str,
    today: date,
) -> Interview:
    """Record whether the interviewee agrees the record of their interview, and when."""
    _editable(interview.report)
    errors = {}
    if agreement not in Agreement.values:
        errors["agreement"] = "Choose whether the interviewee agrees"
    elif agreement != Agreement.PENDING:
        if on is None:
            errors["agreement_on"] = "Enter the date they said so"
        elif on > today:
            errors["agreement_on"] = "The date cannot be in the future"
        if agreement == Agreement.DISAGREED and not (disagreement or "").strip():
            errors["disagreement"] = "Say what they disagree with"
    if errors:
        raise ValidationError(errors)
    interview.agreement = agreement
    interview.agreement_on = on if agreement != Agreement.PENDING else None
    interview.disagreement = (disagreement or "").strip()
    _save(interview, by)
    return interview


@transaction.atomic
def recommendation_add(
    *, report: AgencyReport, by: User, today: date, **fields
) -> ReportRecommendation:
    report = _editable(report)
    errors = smart_problems(
        description=fields.get("action", ""),
        lead_name=fields.get("lead_name", ""),
        lead_role=fields.get("lead_role", ""),
        target_date=fields.get("target_date"),
        success_measure=fields.get("success_measure", ""),
        intended_outcome=fields.get("intended_outcome", ""),
    )
    if "description" in errors:
        errors["action"] = errors.pop("description")
    text = (fields.get("text") or "").strip()
    if not text:
        errors["text"] = "Enter the recommendation"
    elif message := one_thing(text, "recommendation"):
        errors["text"] = message
    if fields.get("target_date") and fields["target_date"] < today:
        errors["target_date"] = "The target date cannot be in the past"
    if errors:
        raise ValidationError(errors)
    recommendation = ReportRecommendation(report=report, **{**fields, "text": text})
    _save(recommendation, by)
    return recommendation


@transaction.atomic
def recommendation_remove(*, recommendation: ReportRecommendation, by: User) -> None:
    _editable(recommendation.report)
    recommendation._history_user = by
    recommendation.delete()


@transaction.atomic
def declare(*, report: AgencyReport, by: User, on: date) -> AgencyReport:
    """The author declares they had no part in the case or in managing the staff who did."""
    report = _editable(report)
    role = ReviewRole.objects.filter(
        review=report.review, user=by, role=ReviewRoleKind.IMR_AUTHOR, agency=report.agency
    ).first()
    if role is None:
        raise ValidationError("Only the report's author can declare their independence.")
    report.declared_by, report.declared_on = by, on
    _save(report, by)
    if not role.independence_declared_on:
        role.independence_declared_on = on
        _save(role, by)
    return report


def missing_for_submission(report: AgencyReport) -> list[str]:
    """What stops the report going to the senior manager, in words for the error summary."""
    missing = []
    if not report.declared_on:
        missing.append("Declare your independence from the case")
    answered = {n for section in report.sections.all() for n in section.answers}
    for item in selectors.terms_items(report.review):
        if item.number not in answered:
            missing.append(f"Say which section answers item {item.number}: {item.text}")
    return missing


@transaction.atomic
def submit(*, report: AgencyReport, by: User) -> AgencyReport:
    report = _editable(report)
    missing = missing_for_submission(report)
    if missing:
        raise ValidationError(missing)
    report.status = ReportStatus.WITH_MANAGER
    report.submitted_by, report.submitted_at = by, timezone.now()
    _save(report, by)
    return report


def _checklist(checklist: dict) -> dict:
    return {key: bool(checklist.get(key)) for key, _ in EVALUATION_CHECKLIST}


@transaction.atomic
def manager_return(
    *, report: AgencyReport, by: User, checklist: dict, comments: str
) -> ManagerReview:
    report = _lock(report)
    if report.status != ReportStatus.WITH_MANAGER:
        raise ValidationError("Only a report waiting for the senior manager can be returned.")
    if not (comments or "").strip():
        raise ValidationError({"comments": "Say what the author needs to change"})
    review = ManagerReview(
        report=report,
        outcome=ManagerOutcome.RETURNED,
        checklist=_checklist(checklist),
        comments=comments.strip(),
        by=by,
    )
    _save(review, by)
    report.status = ReportStatus.REVISING if report.versions.exists() else ReportStatus.DRAFT
    _save(report, by)
    return review


@transaction.atomic
def manager_sign_off(
    *,
    report: AgencyReport,
    by: User,
    checklist: dict,
    comments: str,
    name: str,
    title: str,
    on: date | None,
    today: date,
) -> ReportVersion:
    """The senior manager signs the report off: it goes to the board as the next numbered
    version, frozen, and its recommendations join the review's action plans."""
    report = _lock(report)
    if report.status != ReportStatus.WITH_MANAGER:
        raise ValidationError("Only a report waiting for the senior manager can be signed off.")
    errors: dict[str, list[str]] = {}
    ticked = _checklist(checklist)
    unticked = [label for key, label in EVALUATION_CHECKLIST if not ticked[key]]
    if unticked:
        errors["checklist"] = [
            "Confirm every point of the checklist before signing off, or return the report. "
            "Not yet confirmed: " + "; ".join(unticked)
        ]
    if not (name or "").strip():
        errors["signed_name"] = ["Enter your name"]
    if not (title or "").strip():
        errors["signed_title"] = ["Enter your job title"]
    if on is None:
        errors["signed_on"] = ["Enter the date you signed the report off"]
    elif on > today:
        errors["signed_on"] = ["The date cannot be in the future"]
    if errors:
        raise ValidationError(errors)
    _save(
        ManagerReview(
            report=report,
            outcome=ManagerOutcome.SIGNED_OFF,
            checklist=ticked,
            comments=(comments or "").strip(),
            signed_name=name.strip(),
            signed_title=title.strip(),
            signed_on=on,
            by=by,
        ),
        by,
    )
    last = report.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = ReportVersion(
        report=report,
        number=last + 1,
        content=selectors.snapshot(report),
        signed_off_name=name.strip(),
        signed_off_title=title.strip(),
        signed_off_on=on,
    )
    _save(version, by)
    report.status = ReportStatus.WITH_PANEL
    _save(report, by)
    deadline_complete(subject=report, key=REVISION_KEY, on=today, by=by)
    _recommendations_to_plans(report, by=by, today=today)
    lifecycle.record(
        review=report.review,
        key="agency_report_signed_off",
        part=report.agency_id,
        on=on,
        by=by,
        check=False,
    )
    return version


def _recommendations_to_plans(report: AgencyReport, *, by: User, today: date) -> None:
    for recommendation in report.recommendations.filter(plan_recommendation_id__isnull=True):
        try:
            made = plans.recommendation_add(
                review=report.review,
                by=by,
                today=today,
                source=Source.AGENCY_REPORT,
                agency=report.agency,
                text=recommendation.text,
                theme="other",
                agreed_by_panel=False,
                action={
                    "description": recommendation.action,
                    "lead_name": recommendation.lead_name,
                    "lead_role": recommendation.lead_role,
                    "target_date": recommendation.target_date,
                    "success_measure": recommendation.success_measure,
                    "intended_outcome": recommendation.intended_outcome,
                },
            )
        except ValidationError:
            # The agency's plan is already signed off, or the date no longer fits it: the
            # recommendation stays in the report, and the office adds it to a plan by hand.
            continue
        recommendation.plan_recommendation_id = made.pk
        _save(recommendation, by)


def _latest_with_panel(version: ReportVersion, report: AgencyReport) -> None:
    newest = report.versions.order_by("-number").values_list("pk", flat=True).first()
    if report.status != ReportStatus.WITH_PANEL or newest != version.pk:
        raise ValidationError("Only the latest version, while it is with the panel, can be graded.")


@dataclass(frozen=True)
class GradeInput:
    items: dict[str, str]
    overall: str
    comments: str


@transaction.atomic
def grade_save(*, version: ReportVersion, by: User, grade: GradeInput) -> PanelGrade:
    _latest_with_panel(version, _lock(version.report))
    errors: dict[str, list[str]] = {}
    for key, label in STANDARDS_GRID:
        if grade.items.get(key) not in Grade.values:
            errors[f"item_{key}"] = [f"Grade “{label}”"]
    if grade.overall not in Overall.values:
        errors["overall"] = ["Say whether the report is adequate overall"]
    if grade.overall == Overall.INADEQUATE and not grade.comments.strip():
        errors["comments"] = ["Say why the report is inadequate"]
    if errors:
        raise ValidationError(errors)
    existing = PanelGrade.objects.filter(version=version, by=by).first()
    row = existing or PanelGrade(version=version, by=by)
    row.items = {key: grade.items[key] for key, _ in STANDARDS_GRID}
    row.overall, row.comments = grade.overall, grade.comments.strip()
    _save(row, by)
    return row


@transaction.atomic
def version_return(
    *, version: ReportVersion, by: User, guidance: str, due_on: date | None, today: date
) -> ReportVersion:
    """The panel returns the report for revision, with guidance and a date, which the deadline
    engine then reminds the author of."""
    report = _lock(version.report)
    _latest_with_panel(version, report)
    errors = {}
    if not (guidance or "").strip():
        errors["guidance"] = "Say what the author needs to do"
    if due_on is None:
        errors["due_on"] = "Enter the date the revised report is due"
    elif due_on <= today:
        errors["due_on"] = "The date must be in the future"
    if errors:
        raise ValidationError(errors)
    version.returned_on, version.return_guidance = today, guidance.strip()
    version.revision_due_on = due_on
    _save(version, by)
    report.status = ReportStatus.REVISING
    _save(report, by)
    deadline_set(
        subject=report,
        board=report.review.board,
        review=report.review,
        key=REVISION_KEY,
        label=f"Revised {report.review.board.agency_report_name} from {report.agency}",
        due_on=due_on,
        by=by,
        responsible_role=ReviewRoleKind.IMR_AUTHOR,
        responsible_user=report.submitted_by,
    )
    return version


@transaction.atomic
def version_accept(*, version: ReportVersion, by: User) -> ReportVersion:
    report = _lock(version.report)
    _latest_with_panel(version, report)
    version.is_final = True
    _save(version, by)
    report.status = ReportStatus.ACCEPTED
    _save(report, by)
    lifecycle.record(
        review=report.review,
        key="agency_report_accepted",
        part=report.agency_id,
        on=timezone.localdate(),
        by=by,
        check=False,
    )
    return version


@transaction.atomic
def signed_copy_received(
    *, version: ReportVersion, by: User, on: date | None, today: date
) -> ReportVersion:
    if on is None:
        raise ValidationError({"received_on": "Enter the date the signed copy arrived"})
    if on > today:
        raise ValidationError({"received_on": "The date cannot be in the future"})
    if on < version.signed_off_on:
        raise ValidationError(
            {"received_on": "The signed copy cannot arrive before the report was signed off"}
        )
    version.signed_copy_received_on = on
    _save(version, by)
    return version
