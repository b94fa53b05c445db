"""Lighter reviews (SILP, multi-agency and single-agency reviews, audits, practice and near miss
reviews): a path the board configures per review type, from terms of reference and a lead
reviewer through the events, chronologies without agency reports, a learning summary and
actions. Each step is judged from the review's own data."""

from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse

from scr import registry
from scr.drafting import save_section
from scr.models import DebriefEvent, EventKind, LearningSummary, Review, ReviewRole, ReviewRoleKind
from scr.models.terms import TermsOfReference, TermsStatus

DEFAULT_STEPS = ["terms", "lead", "scoping", "practitioner", "chronologies", "summary", "actions"]


@dataclass(frozen=True)
class Step:
    label: str
    done: bool
    detail: str
    url: str


def is_lighter(review: Review) -> bool:
    kinds = {t["code"]: t.get("kind") for t in review.board.review_types}
    return kinds.get(review.review_type) == "alternative"


def steps_for(review: Review) -> list[str]:
    for kind in review.board.review_types:
        if kind["code"] == review.review_type:
            return list(kind.get("steps") or DEFAULT_STEPS)
    return list(DEFAULT_STEPS)


@registry.path_step("terms", "Terms of reference signed")
def _terms(review):
    terms = TermsOfReference.objects.filter(review=review).first()
    done = terms is not None and terms.status == TermsStatus.SIGNED
    return (
        done,
        terms.get_status_display() if terms else "Not started",
        reverse("terms_detail", args=[review.pk]),
    )


@registry.path_step("lead", "Facilitator or lead reviewer appointed")
def _lead(review):
    lead = ReviewRole.objects.filter(review=review, role=ReviewRoleKind.LEAD_REVIEWER).first()
    return (
        bool(lead),
        lead.user.full_name if lead else "Not appointed",
        reverse("review_people", args=[review.pk]),
    )


def _event(kind: str):
    def check(review):
        events = list(DebriefEvent.objects.filter(review=review, kind=kind))
        detail = ", ".join(f"{e.held_on:%d %b %Y}" for e in events) or "Not held"
        return bool(events), detail, reverse("review_learning", args=[review.pk])

    return check


for _kind, _label in (
    (EventKind.SCOPING, "Scoping meeting held"),
    (EventKind.PRACTITIONER, "Practitioner event held"),
    (EventKind.RECALL, "Recall event held"),
):
    registry.path_step(_kind.value, _label)(_event(_kind.value))


@registry.path_step("summary", "Learning summary report written")
def _summary(review):
    summary = LearningSummary.objects.filter(review=review).first()
    words = len(summary.text.split()) if summary else 0
    return (
        words > 0,
        f"{words} words" if words else "Not started",
        reverse("learning_summary", args=[review.pk]),
    )


def lighter_path(review: Review) -> list[Step]:
    found = []
    for key in steps_for(review):
        if key in registry.path_steps:
            label, check = registry.path_steps[key]
            done, detail, url = check(review)
            found.append(Step(label, done, detail, url))
    return found


@transaction.atomic
def summary_for(review: Review) -> LearningSummary:
    found = LearningSummary.objects.filter(review=review).first()
    if found is None:
        found = LearningSummary(review=review, key="learning", title="Learning summary", position=1)
        found.save()
    return found


@transaction.atomic
def summary_save(*, summary: LearningSummary, by, text: str, revision: int) -> LearningSummary:
    LearningSummary.objects.select_for_update().filter(pk=summary.pk).first()
    return save_section(summary, by=by, text=text, revision=revision)
