"""Demo chronologies: on each demo review past set-up, the family's people and codes, and the
police and health chronologies submitted to the panel."""

from datetime import timedelta

from django.utils import timezone

from scr.models import ReviewRole, ReviewRoleKind

from . import services

FAMILY = [
    # code, name, relationship, sex, years old, in household, subject
    ("Child", "Riley Demo", "Subject child", "male", 1, True, True),
    ("Sibling 1", "Sky Demo", "Half-sister", "female", 6, True, False),
    ("Parent 1", "Morgan Demo", "Mother", "female", 27, True, False),
    ("Parent 2", "Alex Sample", "Father", "male", 30, False, False),
    ("Adult 1", "Jordan Example", "Mother's partner", "male", 33, True, False),
]
ROWS = [
    # agency discipline, days before today, event, child seen, flag
    ("health", 400, "Antenatal booking; mother says she feels low", "", ""),
    (
        "police",
        300,
        "Call to the home after a neighbour heard shouting; no arrests",
        "no",
        "concern",
    ),
    ("health", 300, "Health visitor new-birth visit; baby seen and thriving", "yes", ""),
    ("health", 200, "Missed eight-month development check", "no", "concern"),
    ("police", 90, "Mother's partner arrested after an assault elsewhere", "", ""),
    ("health", 60, "GP saw the baby with a bruise; explanation accepted", "yes", ""),
    ("health", 30, "Health visitor saw the sibling alone at nursery", "alone", "good_practice"),
]


def write(review, people, today) -> None:
    """The family's people and codes, and each contributing agency's chronology submitted."""
    by = people["manager"]
    code_of = {}
    for code, name, relation, sex, years, household, subject in FAMILY:
        code = f"{review.child_code}" if code == "Child" else code
        code_of[code] = services.person_save(
            review=review,
            by=by,
            kind="family",
            code=code,
            name=name,
            relationship=relation,
            sex=sex,
            born_on=today - timedelta(days=365 * years + 40),
            in_household=household,
            is_subject=subject,
        )
    mother, father, child = code_of["Parent 1"], code_of["Parent 2"], code_of[review.child_code]
    services.relationship_add(review=review, by=by, a=mother, kind="transitory", b=father)
    services.relationship_add(
        review=review, by=by, a=mother, kind="enduring", b=code_of["Adult 1"]
    )
    for parent in (mother, father):
        services.relationship_add(review=review, by=by, a=parent, kind="parent", b=child)
    services.relationship_add(
        review=review, by=by, a=mother, kind="parent", b=code_of["Sibling 1"]
    )
    authors = {
        role.agency.discipline: role
        for role in ReviewRole.objects.filter(
            review=review, role=ReviewRoleKind.IMR_AUTHOR
        ).select_related("agency", "user")
    }
    for discipline, role in authors.items():
        chronology = services.chronology_for(review, role.agency)
        for agency_kind, days, event, seen, flag in ROWS:
            if agency_kind != discipline:
                continue
            services.entry_save(
                chronology=chronology,
                by=role.user,
                today=today,
                occurred_precision="exact",
                occurred_on=today - timedelta(days=days),
                event=event,
                child_seen=seen,
                good_practice=flag == "good_practice",
                concern=flag == "concern",
                people=[child] if seen else [mother],
            )
        services.chronology_submit(chronology=chronology, by=role.user, now=timezone.now())
