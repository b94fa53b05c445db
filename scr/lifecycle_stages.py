"""The stages that still live in the core (set-up, terms of reference, the overview report,
publication and the board chair's sign-off) register with the lifecycle as any stage app does."""

from django.urls import reverse

from scr import registry
from scr.alternative import is_lighter
from scr.registry import LifecycleEvent, LifecycleStage, ReviewNavEntry, StageTask


def _url(name: str):
    return lambda review: reverse(name, args=[review.pk])


def _record(key: str):
    return lambda review: reverse("review_event_record", args=[review.pk, key])


def _full_review(review) -> bool:
    return not is_lighter(review)


def _sign_off_url(review) -> str:
    """Where the board chair signs off: the overview report, or for a lighter review the page
    recording the sign-off given outside the product."""
    if is_lighter(review):
        return reverse("review_event_record", args=[review.pk, "review_closed"])
    return reverse("overview_detail", args=[review.pk])


def _close(review, on, by) -> None:
    from scr.services import review_close

    review_close(review=review, by=by, on=on)


registry.lifecycle_event(
    LifecycleEvent("agencies_asked", "Agencies asked whether they were involved", "setup"),
    LifecycleEvent("panel_appointed", "Review panel appointed", "setup"),
    LifecycleEvent("setup_letters_sent", "Every set-up letter sent", "setup"),
    LifecycleEvent("terms_signed", "Terms of reference signed", "terms_of_reference"),
    LifecycleEvent("overview_drafted", "Overview report drafted", "overview"),
    LifecycleEvent("overview_to_board", "Overview report recommended to the board", "overview"),
    LifecycleEvent("overview_accepted", "Overview report accepted by the board", "overview"),
    LifecycleEvent(
        "summary_to_ofsted",
        "Executive summary and documents sent to Ofsted and the national bodies",
        "publication",
        recordable=True,
        requires="overview_accepted",
    ),
    LifecycleEvent("summary_published", "Executive summary published", "publication"),
    LifecycleEvent("debrief_held", "Debrief held", "action_plans"),
    LifecycleEvent(
        "review_closed",
        "Review signed off and closed",
        "monitoring",
        # A serious case review is signed off by the board chair on its overview report; a
        # lighter review's sign-off, given outside the product, is recorded with its date.
        recordable=lambda review: is_lighter(review),
        on_record=lambda *, review, on, by: _close(review, on, by),
    ),
)

registry.lifecycle_stage(
    LifecycleStage(
        "setup",
        "Set-up",
        20,
        "agencies_asked + panel_appointed + setup_letters_sent",
        (
            StageTask(
                "Ask the agencies whether they were involved",
                "agencies_asked",
                "Business manager",
                _url("review_setup"),
            ),
            StageTask(
                "Appoint the review panel", "panel_appointed", "Business manager", _url("review_people")
            ),
            StageTask(
                "Send the set-up letters",
                "setup_letters_sent",
                "Business manager",
                _url("review_letters"),
            ),
        ),
    )
)
registry.lifecycle_stage(
    LifecycleStage(
        "terms_of_reference",
        "Terms of reference",
        30,
        "terms_signed",
        (
            StageTask(
                "Agree and sign the terms of reference",
                "terms_signed",
                "Panel chair",
                _url("terms_detail"),
            ),
        ),
    )
)
registry.lifecycle_stage(
    LifecycleStage(
        "overview",
        "Overview report",
        60,
        "overview_accepted",
        (
            StageTask(
                "Draft the overview report",
                "overview_drafted",
                "Overview author",
                _url("overview_detail"),
            ),
            StageTask(
                "Recommend it to the board",
                "overview_to_board",
                "Panel chair",
                _url("overview_detail"),
            ),
            StageTask(
                "Record the board's acceptance",
                "overview_accepted",
                "Business manager",
                _url("overview_detail"),
            ),
        ),
        applies=_full_review,
    )
)
registry.lifecycle_stage(
    LifecycleStage(
        "publication",
        "Executive summary and publication",
        80,
        "summary_to_ofsted + summary_published",
        (
            StageTask(
                "Send the summary and documents to Ofsted and the national bodies",
                "summary_to_ofsted",
                "Business manager",
                _record("summary_to_ofsted"),
            ),
            StageTask(
                "Publish the executive summary",
                "summary_published",
                "Business manager",
                _url("summary_detail"),
            ),
        ),
        applies=_full_review,
    )
)
registry.lifecycle_stage(
    LifecycleStage(
        "monitoring",
        "Sign-off",
        90,
        "review_closed",
        (
            StageTask("Sign the review off", "review_closed", "Board chair", _sign_off_url),
        ),
    )
)


def _manager(review, user) -> bool:
    from scr.access import Perm, can

    return can(user, Perm.MANAGE_REVIEW, review)


def _managed(name: str):
    return lambda review, user: reverse(name, args=[review.pk]) if _manager(review, user) else None


def _reader(review, user) -> bool:
    from scr.templatetags.scr_tags import reads_overview

    return reads_overview(review, user)


for entry in (
    ReviewNavEntry(
        "Progress", 0, lambda r, u: reverse("review_detail", args=[r.pk]), frozenset({"summary"})
    ),
    ReviewNavEntry(
        "Timetable",
        10,
        lambda r, u: reverse("review_timetable", args=[r.pk]),
        frozenset({"timetable"}),
    ),
    ReviewNavEntry(
        "Set-up",
        20,
        lambda r, u: reverse("review_setup", args=[r.pk])
        if _manager(r, u)
        else reverse("terms_detail", args=[r.pk]),
        frozenset({"setup", "letters", "meetings", "people", "terms", "tracker"}),
        pages=(
            ("Agencies", "setup", _managed("review_setup")),
            ("People", "people", _managed("review_people")),
            ("Letters", "letters", _managed("review_letters")),
            ("Panel meetings", "meetings", _managed("review_meetings")),
            ("Terms of reference", "terms", lambda r, u: reverse("terms_detail", args=[r.pk])),
            ("Tracker", "tracker", _managed("review_tracker")),
        ),
    ),
    ReviewNavEntry(
        "Overview and publication",
        60,
        lambda r, u: reverse("overview_detail", args=[r.pk]) if _reader(r, u) else None,
        frozenset({"overview"}),
    ),
    ReviewNavEntry(
        "Audit trail",
        90,
        lambda r, u: reverse("review_audit", args=[r.pk]) if _manager(r, u) else None,
        frozenset({"audit"}),
    ),
):
    registry.review_nav(entry)
