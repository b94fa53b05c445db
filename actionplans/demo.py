"""Demo action plans for the review being monitored (see ``journeys.stage``)."""

from datetime import timedelta

from django.core.files.base import ContentFile

from . import services
from .models import Rag, Source, Theme


def _action(lead: str, role: str, description: str, target, outcome: str, measure: str) -> dict:
    return {
        "description": description,
        "lead_name": lead,
        "lead_role": role,
        "target_date": target,
        "intended_outcome": outcome,
        "success_measure": measure,
    }


def _evidence(name: str, text: str) -> ContentFile:
    return ContentFile(text.encode(), name=name)


def monitored(review, people, agencies, today) -> None:
    """Recommendations whose actions are in every RAG state (one overdue), and a progress
    request out to the agencies."""
    manager = people["manager"]
    started = today - timedelta(days=90)
    police = services.recommendation_add(
        review=review,
        by=people["author.police"],
        today=started,
        source=Source.AGENCY_REPORT,
        agency=agencies["police"],
        text="Officers attending domestic incidents record whether children live at the address.",
        theme=Theme.RECORDS,
        agreed_by_panel=True,
        action=_action(
            "Police Senior Manager",
            "Detective Chief Inspector, safeguarding",
            "Add a mandatory question on children present to the incident form",
            today - timedelta(days=10),
            "Children living with domestic abuse are known to children's services sooner",
            "Audit of 50 incident forms shows the question answered in 95% of them",
        ),
    )
    health = services.recommendation_add(
        review=review,
        by=manager,
        today=started,
        source=Source.PANEL_SINGLE,
        agency=agencies["health"],
        text="Health visitors see the child alone at every home visit where there are concerns.",
        theme=Theme.CHILDS_VOICE,
        agreed_by_panel=True,
        action=_action(
            "Named Nurse",
            "Named nurse for safeguarding",
            "Train every health visitor in seeing the child alone",
            today + timedelta(days=45),
            "Children's own views are heard and recorded",
            "Training register shows every health visitor trained",
        ),
    )
    shared = services.recommendation_add(
        review=review,
        by=manager,
        today=started,
        source=Source.PANEL_MULTI,
        agency=agencies["social_care"],
        text="Agencies share concerns about a family moving between areas within one week.",
        theme=Theme.INFORMATION_SHARING,
        agreed_by_panel=True,
        action=_action(
            "Head of Service",
            "Head of safeguarding and quality assurance",
            "Agree a transfer protocol with neighbouring boards",
            today + timedelta(days=20),
            "Families who move keep the help they need",
            "Protocol signed by all neighbouring boards",
        ),
    )
    board_rec = services.recommendation_add(
        review=review,
        by=manager,
        today=started,
        source=Source.BOARD,
        agency=None,
        text="The board audits neglect cases annually.",
        theme=Theme.MULTI_AGENCY,
        agreed_by_panel=True,
        action=_action(
            "Business Manager",
            "Board business manager",
            "Hold a multi-agency audit of ten neglect cases",
            today + timedelta(days=120),
            "Neglect is recognised earlier across agencies",
            "Audit report to the board with findings acted on",
        ),
    )
    # Ratings over the weeks since the plans were agreed.
    police_action = police.actions.get()
    services.progress_add(
        action=police_action,
        by=people["author.police"],
        today=today,
        on=today - timedelta(days=40),
        text="Form change drafted; waiting for the IT release date.",
        rag=Rag.GREEN,
    )
    services.progress_add(
        action=police_action,
        by=people["author.police"],
        today=today,
        on=today - timedelta(days=5),
        text="The IT release slipped; the form is not yet changed.",
        rag=Rag.RED,
    )
    health_action = health.actions.get()
    services.progress_add(
        action=health_action,
        by=people["author.health"],
        today=today,
        on=today - timedelta(days=20),
        text="Half of the health visitors are trained; sessions booked for the rest.",
        rag=Rag.GREEN,
    )
    services.progress_add(
        action=shared.actions.get(),
        by=manager,
        today=today,
        on=today - timedelta(days=30),
        text="Protocol signed by all neighbouring boards and circulated.",
        rag=Rag.BLUE,
        files=[_evidence("transfer-protocol.txt", "Signed transfer protocol (demo).\n")],
    )
    services.progress_add(
        action=board_rec.actions.get(),
        by=manager,
        today=today,
        on=today - timedelta(days=15),
        text="Cases chosen; audit day set.",
        rag=Rag.AMBER,
    )
    police_plan = police_action.plan
    services.updates_request(
        plans=[police_plan, health_action.plan],
        by=manager,
        due_on=today + timedelta(days=10),
        today=today,
    )
