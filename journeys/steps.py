"""The steps of a review's story (see ``journeys.story``): each calls the services a person would
reach through the pages, as that person, on the case's day."""

from datetime import timedelta

from actionplans import services as plans
from chronology import demo as chronology_demo
from imr import services as imr
from imr.rules import EVALUATION_CHECKLIST
from referrals import services as referrals
from scr import learning, lifecycle, publication
from scr import services as core
from scr.models import Agency, ExtensionStatus, ReviewRole, ReviewRoleKind
from scr.models.overview import EVALUATION_AREAS, EvaluationGrade, Proceedings

KEY_ISSUES = (
    "Why the review is held: the child was seriously harmed while known to several agencies.\n"
    "- How well agencies shared what they knew about the adults in the household\n"
    "- Whether the child was seen, and their views heard\n"
    "- How concerns about neglect were escalated"
)
REPORT_TEXT = {
    "introduction": "This report sets out the agency's contact with the family during the period "
    "under review, and what the agency learns from it.",
    "analysis": "The call was logged but **not shared** with children's social care. Officers "
    "did not ask to see the children.",
    "learning": "Domestic abuse calls where children live in the home should be shared.",
}
# The review panel's members and the agency each sits for.
PANEL = {
    "panel": "health",
    "panel.police": "police",
    "panel.social": "social_care",
    "panel.education": "education",
    "panel.probation": "probation",
}


def _agency(case, discipline: str) -> Agency:
    return Agency.objects.filter(board=case.board, discipline=discipline).order_by("pk").first()


# Referral and decision ---------------------------------------------------------------------------


def refer(case) -> None:
    referrer, day = case.people["referrer"], case.day
    referral = referrals.referral_start(board=case.board, by=referrer)
    referrals.referral_save(
        referral=referral,
        by=referrer,
        fields={
            "child_name": "Riley Demo",
            "child_date_of_birth": day - timedelta(days=700),
            "incident_date": day - timedelta(days=4),
            "incident_place": "Family home",
            "circumstances": "The family moved into the area this year.",
            "incident_summary": case.summary,
            "reason_for_referral": "Several agencies were involved and may have lessons to share.",
        },
    )
    referrals.family_member_add(
        referral=referral, by=referrer, name="Morgan Demo", relationship="Mother"
    )
    case.referral = referrals.referral_submit(referral=referral, by=referrer)


def ask_agencies(case) -> None:
    referrals.information_requests_send(
        referral=case.referral, by=case.people["manager"], due_on=case.day + timedelta(days=7)
    )


def agencies_answer(case) -> None:
    for request in case.referral.requests.select_related("agency"):
        knew = request.agency.discipline in ("police", "health")
        referrals.information_request_answer(
            request=request,
            by=case.people["manager"],
            knew_family=knew,
            summary="Contact with the family during the last year." if knew else "",
            involvement="",
            records_secured=True,
        )


def call_meeting(case) -> None:
    manager = case.people["manager"]
    case.meeting = referrals.meetings_schedule(
        board=case.board,
        first=case.at(10) + timedelta(days=3),
        place="Board office",
        count=1,
        is_extra=True,
        by=manager,
    )[0]
    referrals.meeting_add_referral(meeting=case.meeting, referral=case.referral, by=manager)


def _option(case) -> str:
    codes = {t["code"] for t in case.board.review_types}
    for option in case.board.decision_options:
        if case.lighter and option["outcome"] == "alternative" and option.get("review_type") in codes:
            return option["code"]
        if not case.lighter and option["outcome"] == "scr":
            return option["code"]
    raise LookupError("The board offers no such outcome")


def recommend(case) -> None:
    from scr.models import BoardMembership, BoardRole

    people, chair = case.people, case.people["panel-chair"]
    members = [
        m.user
        for m in BoardMembership.objects.filter(
            board=case.board, role__in=[BoardRole.DECISION_CHAIR, BoardRole.DECISION_MEMBER]
        ).select_related("user")
    ]
    extra = [people["senior.police"], people["referrer"], people["manager"]]
    referrals.attendance_record(
        meeting=case.meeting, by=people["manager"], chair=chair, attendees=[*members, *extra]
    )
    referrals.recommendation_make(
        referral=case.referral,
        meeting=case.meeting,
        by=chair,
        option_code=_option(case),
        reasons="Agencies held information that was not shared.",
        made_on=case.day,
    )


def decide(case) -> None:
    decision = referrals.chair_decide(
        referral=case.referral,
        by=case.people["chair"],
        agrees=True,
        option_code="",
        reasons="I agree with the panel: agencies have lessons to learn together.",
        decided_on=case.day,
    )
    case.review = decision.referral.review


def notify(case) -> None:
    for notification in case.referral.notifications.all():
        referrals.notification_mark_sent(
            notification=notification, by=case.people["manager"], sent_on=case.day, method="Email"
        )


# Set-up and terms ----------------------------------------------------------------------------------


def set_up(case) -> None:
    review, people, day = case.review, case.people, case.day
    manager = people["manager"]
    core.setup_requests_send(review=review, by=manager, due_on=day + timedelta(days=7), today=day)
    authors = {"police": people["author.police"], "health": people["author.health"]}
    for involvement in review.involvements.select_related("agency").order_by("agency__pk"):
        discipline = involvement.agency.discipline
        author = authors.pop(discipline, None)
        core.involvement_answer(
            involvement=involvement,
            by=manager,
            involved=author is not None,
            author=author,
            today=day,
        )
    lead = ReviewRoleKind.LEAD_REVIEWER if case.lighter else ReviewRoleKind.OVERVIEW_AUTHOR
    assignments = [
        ("senior.police", ReviewRoleKind.SENIOR_MANAGER, _agency(case, "police")),
        ("senior.health", ReviewRoleKind.SENIOR_MANAGER, _agency(case, "health")),
        ("overview", lead, None),
        *[
            (login, ReviewRoleKind.PANEL_MEMBER, _agency(case, discipline))
            for login, discipline in PANEL.items()
        ],
        ("panel-chair", ReviewRoleKind.PANEL_CHAIR, None),
    ]
    for login, role, agency in assignments:
        core.review_role_assign(review=review, user=people[login], role=role, agency=agency, by=manager)
    for role in ReviewRole.objects.filter(review=review).select_related("user"):
        if ReviewRoleKind.declares_independence(role.role):
            core.independence_declare(review_role=role, by=role.user, on=day)


def send_letters(case) -> None:
    review, manager, day = case.review, case.people["manager"], case.day
    core.setup_letters_prepare(
        review=review, by=manager, family_contact="Ms M Demo (mother)", cps=True
    )
    for letter in review.setup_letters.all():
        core.setup_letter_generated(letter=letter, by=manager, on=day)
        core.setup_letter_sent(letter=letter, by=manager, sent_on=day, method="Secure email", today=day)


def agree_terms(case) -> None:
    review, people, day = case.review, case.people, case.day
    police, health = _agency(case, "police"), _agency(case, "health")
    form = "chronology" if case.lighter else "imr"
    terms = core.terms_save(
        review=review,
        by=people["manager"],
        today=day,
        version=None,
        fields={
            "reason_and_key_issues": KEY_ISSUES,
            "period_start": day - timedelta(days=500),
            "period_end": day - timedelta(days=30),
            "family_involvement": "The mother will be invited to meet the author.",
            "parallel_processes": "A police investigation; no inquest.",
            "contributions": {str(police.pk): form, str(health.pk): form},
        },
    )
    core.terms_approve(terms=terms, by=people["manager"], approved_on=day, today=day)
    core.terms_sign(terms=terms, by=people["panel-chair"], today=day)


# Chronologies and agency reports ----------------------------------------------------------------


def submit_chronologies(case) -> None:
    chronology_demo.write(case.review, case.people, case.day)


def merge_chronology(case) -> None:
    lifecycle.record_by_hand(
        review=case.review, key="chronology_merged", on=case.day, by=case.people["manager"]
    )


def _reports(case):
    for discipline in ("police", "health"):
        agency = _agency(case, discipline)
        author = case.people[f"author.{discipline}"]
        yield discipline, imr.report_for(review=case.review, agency=agency, by=author), author


def write_reports(case) -> None:
    day = case.day
    for discipline, report, author in _reports(case):
        for section in report.sections.all():
            if section.key in REPORT_TEXT or section.key == report.sections.first().key:
                imr.section_save(
                    section=section,
                    by=author,
                    text=REPORT_TEXT.get(section.key, REPORT_TEXT["introduction"]),
                    revision=section.revision,
                    answers=[1, 2, 3, 4] if section.key in ("analysis", "introduction") else None,
                )
        imr.recommendation_add(
            report=report,
            by=author,
            today=day,
            text=f"Share every {discipline} contact about domestic abuse with social care",
            action="Add a prompt to the agency's recording system",
            lead_name=f"{discipline.title()} Lead",
            lead_role="Head of safeguarding",
            target_date=day + timedelta(days=120),
            success_measure="An audit of 30 records shows each was shared",
            intended_outcome="Children living with domestic abuse are known to social care",
        )
        imr.declare(report=report, by=author, on=day)
        imr.submit(report=report, by=author)


def sign_off_reports(case) -> None:
    for discipline, report, _ in _reports(case):
        imr.manager_sign_off(
            report=report,
            by=case.people[f"senior.{discipline}"],
            checklist={key: True for key, _ in EVALUATION_CHECKLIST},
            comments="",
            name=f"{discipline.title()} Senior Manager",
            title="Head of service",
            on=case.day,
            today=case.day,
        )


def accept_reports(case) -> None:
    for _, report, _ in _reports(case):
        version = report.versions.order_by("-number").first()
        imr.version_accept(version=version, by=case.people["panel-chair"])


# The end of the review ----------------------------------------------------------------------------


def draft_overview(case) -> None:
    report = publication.overview_for(case.review)
    for section in report.sections.all():
        publication.overview_section_save(
            section=section,
            by=case.people["overview"],
            text=f"{section.title}: the panel's findings, drawn from the agency reports.",
            revision=section.revision,
        )


def recommend_overview(case) -> None:
    report = publication.overview_for(case.review)
    publication.overview_recommend(report=report, by=case.people["panel-chair"], today=case.day)


def accept_overview(case) -> None:
    report = publication.overview_for(case.review)
    publication.overview_accept(
        report=report,
        by=case.people["manager"],
        on=case.day,
        meeting="Board meeting",
        amendments="",
        today=case.day,
    )


def assure_plans(case) -> None:
    if case.lighter:
        plans.recommendation_add(
            review=case.review,
            by=case.people["manager"],
            today=case.day,
            source="panel_single",
            agency=_agency(case, "police"),
            text="Officers refer every child present at a domestic incident to social care.",
            theme="information_sharing",
            agreed_by_panel=True,
            action={
                "description": "Brief every response officer on referring children present",
                "lead_name": "Police Lead",
                "lead_role": "Detective Chief Inspector",
                "target_date": case.day + timedelta(days=90),
                "intended_outcome": "Children at risk from domestic abuse are helped sooner",
                "success_measure": "Referrals of children present match incidents attended",
            },
        )
    lifecycle.record_by_hand(
        review=case.review,
        key="action_plans_quality_assured",
        on=case.day,
        by=case.people["manager"],
    )


def hold_debrief(case) -> None:
    learning.debrief_add(
        review=case.review,
        by=case.people["manager"],
        title="Debrief with the practitioners",
        held_on=case.day,
        invited="The agencies' practitioners\nThe report authors",
        notes="",
    )


def prepare_summary(case) -> None:
    manager, day = case.people["manager"], case.day
    summary = publication.summary_for(case.review)
    summary = publication.summary_save(
        summary=summary,
        by=case.people["overview"],
        revision=summary.revision,
        text="The child was harmed while several agencies knew of concerns they did not share.",
        recommendations="1. Agencies share what they know of adults in a child's household.",
    )
    publication.summary_leak_check(summary=summary, by=manager)
    publication.summary_data_protection(summary=summary, by=manager, on=day, today=day)
    publication.summary_shared(
        summary=summary, by=manager, on=day, shared_by="The family liaison officer", today=day
    )
    publication.summary_proceedings(
        summary=summary, by=manager, proceedings=Proceedings.CONCLUDED, ended_on=day, today=day
    )


def send_to_ofsted(case) -> None:
    lifecycle.record_by_hand(
        review=case.review, key="summary_to_ofsted", on=case.day, by=case.people["manager"]
    )


def sign_off(case) -> None:
    if case.lighter:
        lifecycle.record_by_hand(
            review=case.review, key="review_closed", on=case.day, by=case.people["manager"]
        )
        return
    report = publication.overview_for(case.review)
    publication.review_sign_off(report=report, by=case.people["chair"], today=case.day)


def publish(case) -> None:
    manager, day = case.people["manager"], case.day
    publication.evaluation_record(
        review=case.review,
        by=manager,
        received_on=day,
        grades={key: EvaluationGrade.GOOD for key, _ in EVALUATION_AREAS},
        overall=EvaluationGrade.GOOD,
        letter_reference="Ofsted evaluation letter",
        letter_text="",
        today=day,
    )
    summary = publication.summary_for(case.review)
    publication.summary_publish(summary=summary, by=manager, today=day)


# An extension, agreed part-way ----------------------------------------------------------------------


def extension_asker(extra_days: int):
    def ask(case) -> None:
        core.extension_request(
            review=case.review,
            by=case.people["manager"],
            reasons="The criminal trial delayed the interviews.",
            proposed_date=case.review.completion_due + timedelta(days=extra_days),
            today=case.day,
        )

    return ask


def extension_agree(case) -> None:
    extension = case.review.extensions.filter(status=ExtensionStatus.REQUESTED).first()
    core.extension_decide(
        extension=extension,
        by=case.people["manager"],
        agreed=True,
        decided_on=case.day,
        letter_reference="Letter from the authority",
        today=case.day,
    )
    case.review.refresh_from_db()



def complete_plans(case) -> None:
    """Months later every action is done, with evidence, and each plan is signed off by its
    agency's senior manager (the board's plan by the business manager)."""
    from django.core.files.base import ContentFile

    from actionplans.models import ActionPlan, Rag

    seniors = {"police": case.people["senior.police"], "health": case.people["senior.health"]}
    for plan in ActionPlan.objects.filter(review=case.review).select_related("agency"):
        owner = seniors.get(plan.agency.discipline if plan.agency else "", case.people["manager"])
        for action in plan.actions.all():
            plans.progress_add(
                action=action,
                by=owner,
                today=case.day,
                on=case.day,
                text="Done, and checked by an audit.",
                rag=Rag.BLUE,
                files=[ContentFile(b"Audit results (demo).\n", name="audit.txt")],
            )
        plans.plan_sign_off(plan=plan, by=owner, today=case.day)


def tick_off_by_hand(case) -> None:
    """The business manager marks done the milestones no event completes (Rotherham's first
    progress check on the action plans, say)."""
    for deadline in case.review.deadlines.filter(completed_on__isnull=True):
        if deadline.key in {m["key"] for m in case.board.milestones} and not (
            lifecycle.milestone_rule(case.review, deadline)
        ):
            lifecycle.milestone_mark_done(
                review=case.review, deadline=deadline, on=case.day, by=case.people["manager"]
            )
