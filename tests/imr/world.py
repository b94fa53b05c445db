"""An agency report on the Luton persona review, ready to draft: terms of reference with three key
issues, and the police report opened."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from imr import services
from imr.models import AgencyReport
from imr.rules import EVALUATION_CHECKLIST
from scr import services as core
from tests.personas import _agency

KEY_ISSUES = "Why the review is held\n- Information sharing\n- Hearing the child"


@dataclass
class ReportWorld:
    world: object
    report: AgencyReport

    @property
    def users(self):
        return self.world.users


def build(world) -> ReportWorld:
    today = timezone.localdate()
    core.terms_save(
        review=world.review,
        by=world.users["manager"],
        fields={"reason_and_key_issues": KEY_ISSUES},
        version=None,
        today=today,
    )
    police = _agency(world.luton, "police")
    report = services.report_for(
        review=world.review, agency=police, by=world.users["author_police"]
    )
    return ReportWorld(world, report)


def write(report, by, texts: dict[str, str], answers: dict[str, list[int]] | None = None):
    for section in report.sections.all():
        if section.key in texts:
            services.section_save(
                section=section,
                by=by,
                text=texts[section.key],
                revision=section.revision,
                answers=(answers or {}).get(section.key),
            )


def ready_and_submitted(rw: ReportWorld) -> None:
    author = rw.users["author_police"]
    write(
        rw.report, author, {"analysis": "Officers did not share the call."}, {"analysis": [1, 2, 3]}
    )
    services.declare(report=rw.report, by=author, on=timezone.localdate())
    services.submit(report=rw.report, by=author)


def sign_off(rw: ReportWorld, on: date | None = None):
    today = timezone.localdate()
    return services.manager_sign_off(
        report=rw.report,
        by=rw.users["senior_police"],
        checklist={k: True for k, _ in EVALUATION_CHECKLIST},
        comments="",
        name="Pat Senior",
        title="Chief Superintendent",
        on=on or today,
        today=today,
    )


def future(days: int = 30) -> date:
    return timezone.localdate() + timedelta(days=days)
