"""Action plans on the personas' Luton review: the police's plan with one action that has an
update with evidence, and the board's plan with one action."""

from dataclasses import dataclass
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from actionplans import services
from actionplans.models import Action, ActionPlan, Evidence, Rag, Recommendation, Source, Theme

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def smart(**overrides) -> dict:
    values = {
        "description": "Train every response officer in recognising neglect",
        "lead_name": "Sam Patel",
        "lead_role": "Detective Inspector, safeguarding",
        "target_date": timezone.localdate() + timedelta(days=60),
        "success_measure": "Training register shows every officer trained",
        "intended_outcome": "Neglected children are noticed at the first visit",
    }
    values.update(overrides)
    return values


def evidence_file(name: str = "register.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@dataclass
class Plans:
    recommendation: Recommendation
    police: ActionPlan
    action: Action
    evidence: Evidence
    board_plan: ActionPlan
    board_action: Action


def recommend(world, *, agency=None, source=Source.AGENCY_REPORT, review=None, by=None, **action):
    review = review or world.review
    return services.recommendation_add(
        review=review,
        by=by or world.users["manager"],
        today=timezone.localdate(),
        source=source,
        agency=agency,
        text="Officers check who else lives at the address at every domestic incident.",
        theme=Theme.RECORDS,
        agreed_by_panel=False,
        action=smart(**action),
    )


def build_plans(world) -> Plans:
    if getattr(world, "plans", None) is not None:
        return world.plans
    police_agency = world.users["author_police"].review_roles.get(review=world.review).agency
    recommendation = recommend(world, agency=police_agency)
    action = recommendation.actions.get()
    update = services.progress_add(
        action=action,
        by=world.users["author_police"],
        today=timezone.localdate(),
        on=timezone.localdate(),
        text="Half of the officers are trained.",
        rag=Rag.GREEN,
        files=[evidence_file()],
    )
    board_rec = recommend(world, source=Source.BOARD)
    world.plans = Plans(
        recommendation=recommendation,
        police=action.plan,
        action=action,
        evidence=update.evidence.get(),
        board_plan=board_rec.actions.get().plan,
        board_action=board_rec.actions.get(),
    )
    return world.plans


@dataclass
class OtherBoardPlans:
    recommendation: Recommendation
    plan: ActionPlan
    action: Action
    evidence: Evidence


def build_other_board_plans(world) -> OtherBoardPlans:
    """A Rotherham plan on ``world.other_review``, for the board-isolation checks."""
    if getattr(world, "other_plans", None) is not None:
        return world.other_plans
    review = world.other_review
    by = world.users["other_board"]
    recommendation = recommend(
        world, agency=review.board.agencies.order_by("pk").first(), review=review, by=by
    )
    action = recommendation.actions.get()
    update = services.progress_add(
        action=action,
        by=by,
        today=timezone.localdate(),
        on=timezone.localdate(),
        text="Started.",
        rag=Rag.GREEN,
        files=[evidence_file()],
    )
    world.other_plans = OtherBoardPlans(
        recommendation=recommendation,
        plan=action.plan,
        action=action,
        evidence=update.evidence.get(),
    )
    return world.other_plans
