"""The demo's reviews: five stories per board, each started from a fresh referral and driven
through the real services on the days things happened, stopped at a different point."""

from datetime import date, timedelta

from scr import registry

from .clock import on_day
from .story import Case, drive

# (child, lighter review?, days since the referral, last step taken, summary)
DEMO_STORIES = [
    (
        "Child A",
        False,
        18,
        "letters",
        "Infant admitted to hospital with unexplained fractures; parents known to adult services.",
    ),
    (
        "Child B",
        False,
        57,
        "reports_signed_off",
        "Teenager died by suicide after a period of missing episodes and school exclusion.",
    ),
    (
        "Child C",
        False,
        110,
        "debrief",
        "Toddler suffered serious neglect over a long period while the family moved between areas.",
    ),
    (
        "Child D",
        True,
        36,
        "chronologies",
        "Near miss: a baby left with an unassessed carer; learning sought on information sharing.",
    ),
    (
        "Child E",
        False,
        420,
        None,
        "Child harmed by a parent's partner; review completed and action plan signed off.",
    ),
]


@registry.demo_seeder
def seed(board, people, today: date) -> None:
    from actionplans import demo as plans_demo
    from scr.models import Agency

    for child, lighter, days, until, summary in DEMO_STORIES:
        case = Case(
            board,
            people,
            today - timedelta(days=days),
            child=child,
            summary=summary,
            lighter=lighter,
        )
        drive(case, until=until, today=today)
        if child == "Child C":
            # Being monitored: the action plans carry a spread of RAG ratings as of today.
            agencies = {
                d: Agency.objects.filter(board=board, discipline=d).order_by("pk").first()
                for d in ("police", "health", "social_care")
            }
            with on_day(today):
                plans_demo.monitored(case.review, people, agencies, today)
