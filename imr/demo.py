"""Demo agency reports: on each demo review at the agency report stage or later, the terms of
reference name three key issues; the police report is written, signed off and with the panel, and
the health report is half written."""

from datetime import timedelta

from scr import services as core
from scr.models import Review, ReviewRole, ReviewRoleKind, Stage

from . import services

LATER = (Stage.AGENCY_REPORTS, Stage.OVERVIEW, Stage.ACTION_PLANS, Stage.MONITORING)
KEY_ISSUES = (
    "Why the review is held: the child was seriously harmed while known to several agencies.\n"
    "- How well agencies shared what they knew about the adults in the household\n"
    "- Whether the child was seen, and their views heard\n"
    "- How concerns about neglect were escalated"
)
TEXT = {
    "introduction": "This report sets out the agency's contact with the family during the period "
    "under review, and what the agency learns from it.",
    "involvement": "## Contact with the family\n\n- A call to the home after shouting was heard\n"
    "- An arrest of the mother's partner after an assault elsewhere",
    "analysis": "The call was logged but **not shared** with children's social care. Officers did "
    "not ask to see the children.\n\n| Decision | Made by | Shared |\n| --- | --- | --- |\n"
    "| No further action | Response officer | No |",
    "learning": "Domestic abuse calls where children live in the home should be shared.",
}


def seed(board, people, today) -> None:
    for review in Review.objects.filter(board=board, stage__in=LATER):
        terms = core.terms_for(review)
        if not terms.reason_and_key_issues:
            core.terms_save(
                review=review,
                by=people["manager"],
                fields={"reason_and_key_issues": KEY_ISSUES},
                version=None,
                today=today,
            )
        for role in ReviewRole.objects.filter(
            review=review, role=ReviewRoleKind.IMR_AUTHOR
        ).select_related("agency", "user"):
            _report(review, role, people, today)


def _report(review, role, people, today) -> None:
    report = services.report_for(review=review, agency=role.agency, by=role.user)
    sections = {s.key: s for s in report.sections.all()}
    written = TEXT if role.agency.discipline == "police" else dict(list(TEXT.items())[:1])
    for key, text in written.items():
        section = sections.get(key) or next(iter(sections.values()))
        answers = [1, 2, 3, 4] if key in ("analysis", "introduction") else None
        section = services.section_save(
            section=section, by=role.user, text=text, revision=section.revision, answers=answers
        )
        sections[section.key] = section
    if role.agency.discipline != "police":
        return
    services.consultation_add(
        report=report,
        by=role.user,
        kind="document",
        description="Command and control log",
        dates="",
        role="",
        agency_name="",
        nature="",
        reason="",
    )
    services.interview_add(
        report=report,
        by=role.user,
        role="Response officer",
        qualifications="",
        time_in_post="4 years",
        involvement="Attended the call",
        matters="The call",
        summary="The officer did not know children lived at the address.",
        interviewed_on=today - timedelta(days=20),
    )
    services.recommendation_add(
        report=report,
        by=role.user,
        today=today,
        text="Share every domestic abuse call at an address where children live",
        action="Add a prompt to the call-handling system",
        lead_name="Police Senior Manager",
        lead_role="Head of public protection",
        target_date=today + timedelta(days=90),
        success_measure="An audit of 30 calls shows each was shared",
        intended_outcome="Children living with domestic abuse are known to social care",
    )
    services.declare(report=report, by=role.user, on=today - timedelta(days=3))
    services.submit(report=report, by=role.user)
    services.manager_sign_off(
        report=report,
        by=people["senior.police"],
        checklist={key: True for key, _ in services.EVALUATION_CHECKLIST},
        comments="",
        name="Police Senior Manager",
        title="Detective Chief Superintendent",
        on=today - timedelta(days=1),
        today=today,
    )
