"""Every URL pattern, every role: what each of them gets. A new URL without a row here fails."""

from datetime import timedelta

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.personas import ALL_PERSONAS, build_referrals

LOGIN = "→login"
HOME = "→home"
SETUP = "→two_factor_setup"

MANAGERS = {"manager", "administrator"}
REVIEW_VIEWERS = MANAGERS | {
    "board_chair",
    "panel_chair",
    "panel_member",
    "referrer",
    "senior_police",
    "author_police",
    "author_health",
}
LUTON = set(ALL_PERSONAS) - {"other_board", "deactivated", "anonymous"}
SIGNED_IN = LUTON | {"other_board"}
OVERSIGHT = MANAGERS | {"board_chair", "decision_member", "panel_chair", "panel_member"}
POLICE = {"senior_police", "author_police"}
PLAN_MONITORS = MANAGERS | {"board_chair", "subgroup_member"}
PLAN_VIEWERS = PLAN_MONITORS | {"panel_chair", "panel_member"}
PANEL = MANAGERS | {"panel_chair", "panel_member"}
END_READERS = PANEL | {"board_chair"}


def only(allowed: set[str], elsewhere=404) -> dict[str, object]:
    """200 for the allowed personas, ``elsewhere`` for other signed-in ones, sign-in for others."""
    outcome = {p: (200 if p in allowed else elsewhere) for p in SIGNED_IN}
    outcome.update({"anonymous": LOGIN, "deactivated": LOGIN})
    return outcome


def everyone(status=200) -> dict[str, object]:
    return {p: status for p in ALL_PERSONAS}


# route name -> (kwargs from the world, {persona: expected outcome})
ROUTES = {
    "home": (lambda w: {}, only(SIGNED_IN)),
    "login": (lambda w: {}, {**{p: HOME for p in SIGNED_IN}, "anonymous": 200, "deactivated": 200}),
    "logout": (lambda w: {}, only(SIGNED_IN)),
    "password_reset": (lambda w: {}, everyone()),
    "password_reset_done": (lambda w: {}, everyone()),
    "password_reset_confirm": (lambda w: {"uidb64": "MQ", "token": "set-password"}, everyone()),
    "password_reset_complete": (lambda w: {}, everyone()),
    "two_factor_setup": (lambda w: {}, only(SIGNED_IN)),
    "two_factor_verify": (lambda w: {}, {**only(set()), **{p: SETUP for p in SIGNED_IN}}),
    "healthz": (lambda w: {}, everyone()),
    "calendar_settings": (lambda w: {}, only(SIGNED_IN)),
    # The feed's secret address is its key: anyone holding it can read it, signed in or not.
    "calendar_feed": (lambda w: {"token": w.users["manager"].calendar_token}, everyone()),
    "review_list": (lambda w: {}, only(SIGNED_IN)),
    "review_detail": (lambda w: {"pk": w.review.pk}, only(REVIEW_VIEWERS)),
    "review_people": (lambda w: {"pk": w.review.pk}, only(MANAGERS)),
    "review_role_remove": (lambda w: {"pk": w.review.pk, "role_pk": w.role.pk}, only(MANAGERS)),
    "review_audit": (lambda w: {"pk": w.review.pk}, only(MANAGERS)),
    "review_timetable": (lambda w: {"pk": w.review.pk}, only(REVIEW_VIEWERS)),
    "review_setup": (lambda w: {"pk": w.review.pk}, only(MANAGERS)),
    "review_tracker": (lambda w: {"pk": w.review.pk}, only(MANAGERS)),
    "review_letters": (lambda w: {"pk": w.review.pk}, only(MANAGERS)),
    "setup_letter_download": (
        lambda w: {"pk": w.review.pk, "letter_pk": _letter(w.review).pk, "fmt": "docx"},
        only(MANAGERS),
    ),
    "setup_letter_sent": (
        lambda w: {"pk": w.review.pk, "letter_pk": _letter(w.review).pk},
        only(MANAGERS),
    ),
    "review_meetings": (lambda w: {"pk": w.review.pk}, only(MANAGERS | {"panel_chair"})),
    "panel_meeting": (
        lambda w: {"pk": w.review.pk, "meeting_pk": _meeting(w.review).pk},
        only(MANAGERS | {"panel_chair"}),
    ),
    "action_point_done": (
        lambda w: {"pk": w.review.pk, "action_pk": _action(w.review).pk},
        only(set(), elsewhere=405),
    ),
    # Chronologies: the panel sees the integrated chronology and the key of codes; an agency's
    # author and senior manager see that agency's own chronology only.
    "review_chronology": (lambda w: {"pk": w.review.pk}, only(PANEL)),
    "chronology_export": (lambda w: {"pk": w.review.pk, "fmt": "xlsx"}, only(PANEL)),
    "chronology_timeline": (lambda w: {"pk": w.review.pk}, only(PANEL)),
    # A background export belongs to whoever asked for it.
    "chronology_export_job": (
        lambda w: {"pk": w.review.pk, "job_pk": _export_job(w).pk},
        only({"manager"}),
    ),
    "chronology_export_download": (
        lambda w: {"pk": w.review.pk, "job_pk": _export_job(w).pk},
        only({"manager"}),
    ),
    "chronology_genogram": (lambda w: {"pk": w.review.pk}, only(PANEL)),
    "chronology_annotate": (
        lambda w: {"pk": w.review.pk, "entry_id": _chronology(w).entries.first().pk},
        only(PANEL),
    ),
    "chronology_changes": (
        lambda w: {"pk": w.review.pk, "agency_pk": _chronology(w).agency_id},
        only(PANEL),
    ),
    "review_people_codes": (lambda w: {"pk": w.review.pk}, only(PANEL)),
    "review_person_edit": (
        lambda w: {"pk": w.review.pk, "person_pk": _person(w.review).pk},
        only(PANEL),
    ),
    "agency_chronology": (
        lambda w: {"pk": w.review.pk, "agency_pk": _police(w).pk},
        only(POLICE),
    ),
    "chronology_entry_edit": (
        lambda w: {
            "pk": w.review.pk,
            "agency_pk": _police(w).pk,
            "entry_pk": _chronology(w).entries.first().pk,
        },
        only(POLICE),
    ),
    "chronology_entry_delete": (
        lambda w: {
            "pk": w.review.pk,
            "agency_pk": _police(w).pk,
            "entry_pk": _chronology(w).entries.first().pk,
        },
        only(set(), elsewhere=405),
    ),
    "chronology_submit": (
        lambda w: {"pk": w.review.pk, "agency_pk": _police(w).pk},
        only(set(), elsewhere=405),
    ),
    "chronology_import": (
        lambda w: {"pk": w.review.pk, "agency_pk": _police(w).pk},
        only(POLICE),
    ),
    "chronology_template": (lambda w: {"slug": "luton", "fmt": "xlsx"}, only(LUTON)),
    "setup_letter_template_edit": (
        lambda w: {"slug": "luton", "kind": "family"},
        only({"administrator"}),
    ),
    "review_tracker_file": (lambda w: {"pk": w.review.pk, "fmt": "xlsx"}, only(MANAGERS)),
    "involvement_answer": (lambda w: {"pk": _involvement(w, "police").pk}, only(MANAGERS | POLICE)),
    # Only the holder of the role declares, for their own role.
    "independence_declare": (
        lambda w: {
            "pk": w.review.pk,
            "role_pk": w.review.roles.get(user=w.users["author_police"]).pk,
        },
        only({"author_police"}),
    ),
    "terms_detail": (lambda w: {"pk": w.review.pk}, only(REVIEW_VIEWERS)),
    "terms_pdf": (lambda w: {"pk": w.review.pk}, only(REVIEW_VIEWERS)),
    "terms_edit": (lambda w: {"pk": w.review.pk}, only(MANAGERS)),
    "terms_approve": (lambda w: {"pk": w.review.pk}, only(set(), elsewhere=405)),
    "terms_sign": (lambda w: {"pk": w.review.pk}, only(set(), elsewhere=405)),
    "deadline_edit": (
        lambda w: {"pk": w.review.pk, "deadline_pk": w.review.deadlines.first().pk},
        only(MANAGERS),
    ),
    # The office marks done the milestones no stage records, and records by hand what happened
    # outside the service.
    "milestone_done": (lambda w: _milestone_args(w), only(MANAGERS)),
    "milestone_undo": (lambda w: _milestone_args(w), only(MANAGERS)),
    "review_event_record": (
        lambda w: {"pk": w.review.pk, "key": "action_plans_quality_assured"},
        only(MANAGERS),
    ),
    "extension_request": (lambda w: {"pk": w.review.pk}, only(MANAGERS)),
    "extension_decide": (
        lambda w: {"pk": w.review.pk, "extension_pk": _extension(w.review).pk},
        only(MANAGERS),
    ),
    "board_detail": (lambda w: {"slug": "luton"}, only(LUTON)),
    "board_edit": (lambda w: {"slug": "luton"}, only({"administrator"})),
    "agency_list": (lambda w: {"slug": "luton"}, only(MANAGERS)),
    "agency_create": (lambda w: {"slug": "luton"}, only(MANAGERS)),
    "agency_edit": (lambda w: {"slug": "luton", "pk": w.agency.pk}, only(MANAGERS)),
    "people_list": (lambda w: {"slug": "luton"}, only(MANAGERS)),
    "person_add": (lambda w: {"slug": "luton"}, only(MANAGERS)),
    # Referral and decision
    "referral_list": (lambda w: {}, only(SIGNED_IN)),
    "referral_create": (lambda w: {}, only(SIGNED_IN)),
    "referral_detail": (lambda w: {"pk": w.r.decided.pk}, only(OVERSIGHT | {"referrer"})),
    "referral_edit": (lambda w: {"pk": w.r.draft.pk}, only(MANAGERS | {"referrer"})),
    "referral_family": (lambda w: {"pk": w.r.draft.pk}, only(MANAGERS | {"referrer"})),
    "family_member_remove": (
        lambda w: {"pk": w.r.draft.pk, "member_pk": w.r.draft.family.first().pk},
        only(MANAGERS | {"referrer"}),
    ),
    "requests_send": (lambda w: {"pk": w.r.pending.pk}, only(MANAGERS)),
    "chair_decision": (lambda w: {"pk": w.r.pending.pk}, only({"board_chair"})),
    "letter_download": (
        lambda w: {"pk": w.r.decided.pk, "kind": "referrer_outcome", "fmt": "pdf"},
        only(MANAGERS),
    ),
    "request_answer": (
        lambda w: {"pk": w.r.pending.requests.get(agency__discipline="police").pk},
        only(MANAGERS | POLICE),
    ),
    "request_chase": (
        lambda w: {"pk": w.r.pending.requests.get(agency__discipline="police").pk},
        only(MANAGERS),
    ),
    "notification_sent": (lambda w: {"pk": w.r.decided.notifications.first().pk}, only(MANAGERS)),
    "meeting_list": (lambda w: {}, only(SIGNED_IN)),
    # Another board's manager schedules meetings for their own board.
    "meeting_create": (lambda w: {}, only(MANAGERS | {"other_board"})),
    "meeting_detail": (lambda w: {"pk": w.r.meeting.pk}, only(OVERSIGHT)),
    "meeting_agenda": (lambda w: {"pk": w.r.meeting.pk}, only(set(), elsewhere=405)),
    "meeting_attendance": (lambda w: {"pk": w.r.meeting.pk}, only(MANAGERS)),
    "member_view": (
        lambda w: {"pk": w.r.meeting.pk, "referral_pk": w.r.pending.pk},
        only({"decision_member", "panel_chair"}),
    ),
    "recommendation": (
        lambda w: {"pk": w.r.meeting.pk, "referral_pk": w.r.pending.pk},
        only({"panel_chair"}),
    ),
    "letter_template_edit": (
        lambda w: {"slug": "luton", "kind": "agency_outcome"},
        only({"administrator"}),
    ),
    # Action plans: an agency's people see their own agency's plan only; the office, the board
    # chair and the sub-group see every plan, the review's panel its review's plans.
    "plans_review": (lambda w: {"pk": w.review.pk}, only(REVIEW_VIEWERS | {"subgroup_member"})),
    "plan_recommendation_add": (lambda w: {"pk": w.review.pk}, only(MANAGERS | {"panel_chair"})),
    "plan_recommendation_agree": (
        lambda w: {"pk": w.review.pk, "rec_pk": _plans(w).recommendation.pk},
        only(set(), elsewhere=405),
    ),
    "plan_action_add": (
        lambda w: {"pk": w.review.pk, "rec_pk": _plans(w).recommendation.pk},
        only(MANAGERS | {"panel_chair", "senior_police"}),
    ),
    "plan_request_updates": (lambda w: {"pk": w.review.pk}, only(MANAGERS)),
    "plan_detail": (
        lambda w: {"pk": w.review.pk, "plan_pk": _plans(w).police.pk},
        only(PLAN_VIEWERS | POLICE),
    ),
    "plan_sign_off": (
        lambda w: {"pk": w.review.pk, "plan_pk": _plans(w).police.pk},
        only({"senior_police"}),
    ),
    "plan_document_control": (
        lambda w: {"pk": w.review.pk, "plan_pk": _plans(w).police.pk},
        only(MANAGERS | {"senior_police"}),
    ),
    "plan_action": (
        lambda w: {"pk": w.review.pk, "action_pk": _plans(w).action.pk},
        only(PLAN_VIEWERS | POLICE),
    ),
    "plan_action_edit": (
        lambda w: {"pk": w.review.pk, "action_pk": _plans(w).action.pk},
        only(MANAGERS | {"senior_police"}),
    ),
    "plan_action_update": (
        lambda w: {"pk": w.review.pk, "action_pk": _plans(w).action.pk},
        only(MANAGERS | POLICE),
    ),
    "plan_evidence": (
        lambda w: {"pk": w.review.pk, "evidence_pk": _plans(w).evidence.pk},
        only(PLAN_VIEWERS | POLICE),
    ),
    # Another board's monitors see their own board's plans on the same page.
    # Agency reports: the agency's author and senior manager work on its draft; the panel reads,
    # grades and returns the versions the senior manager signed off.
    "imr_index": (lambda w: {"pk": w.review.pk}, only(PANEL)),
    "imr_report": (lambda w: _imr_args(w), only(POLICE)),
    "imr_section": (lambda w: {**_imr_args(w), "key": "analysis"}, only(POLICE)),
    "imr_methodology": (lambda w: _imr_args(w), only(POLICE)),
    "imr_consultation_remove": (
        lambda w: {**_imr_args(w), "row_pk": 1},
        only(set(), elsewhere=405),
    ),
    "imr_interviews": (lambda w: _imr_args(w), only(POLICE)),
    "imr_interview": (
        lambda w: {**_imr_args(w), "row_pk": _imr(w).interviews.get().pk},
        only(POLICE),
    ),
    "imr_recommendations": (lambda w: _imr_args(w), only(POLICE)),
    "imr_recommendation_remove": (
        lambda w: {**_imr_args(w), "row_pk": 1},
        only(set(), elsewhere=405),
    ),
    "imr_declare": (lambda w: _imr_args(w), only(set(), elsewhere=405)),
    "imr_submit": (lambda w: _imr_args(w), only(set(), elsewhere=405)),
    "imr_quality": (lambda w: _imr_args(w), only({"senior_police"})),
    "imr_compare": (lambda w: _imr_args(w, versions=2), only(PANEL | POLICE)),
    "imr_version": (lambda w: {**_imr_args(w, versions=1), "number": 1}, only(PANEL | POLICE)),
    "imr_grade": (
        lambda w: {**_imr_args(w, versions=1), "number": 1},
        only({"panel_chair", "panel_member"}),
    ),
    "imr_return": (lambda w: {**_imr_args(w, versions=1), "number": 1}, only(PANEL)),
    "imr_accept": (lambda w: {**_imr_args(w, versions=1), "number": 1}, only(set(), elsewhere=405)),
    "imr_received": (
        lambda w: {**_imr_args(w, versions=1), "number": 1},
        only(set(), elsewhere=405),
    ),
    "imr_export": (
        lambda w: {**_imr_args(w, versions=1), "number": 1, "fmt": "docx"},
        only(PANEL | POLICE),
    ),
    # A background PDF belongs to whoever asked for it.
    "imr_export_job": (lambda w: _imr_job_args(w), only({"manager"})),
    "imr_export_download": (lambda w: _imr_job_args(w), only({"manager"})),
    # The end of a review: the overview report and summary are read by the office, the board
    # chair and the panel; the office runs the checks, the bundle, the evaluation and retention.
    "overview_detail": (lambda w: {"pk": w.review.pk}, only(END_READERS)),
    "overview_section": (lambda w: {"pk": w.review.pk, "key": "analysis"}, only(END_READERS)),
    "overview_comment": (
        lambda w: {"pk": w.review.pk, "key": "analysis"},
        only(set(), elsewhere=405),
    ),
    "overview_recommend": (lambda w: {"pk": w.review.pk}, only(set(), elsewhere=405)),
    "overview_reopen": (lambda w: {"pk": w.review.pk}, only(set(), elsewhere=405)),
    "overview_accept": (lambda w: {"pk": w.review.pk}, only(MANAGERS)),
    "review_sign_off": (lambda w: {"pk": w.review.pk}, only(set(), elsewhere=405)),
    "summary_detail": (lambda w: {"pk": w.review.pk}, only(END_READERS)),
    "summary_check": (lambda w: {"pk": w.review.pk}, only(set(), elsewhere=405)),
    "summary_data_protection": (lambda w: {"pk": w.review.pk}, only(set(), elsewhere=405)),
    "summary_shared": (lambda w: {"pk": w.review.pk}, only(set(), elsewhere=405)),
    "summary_proceedings": (lambda w: {"pk": w.review.pk}, only(set(), elsewhere=405)),
    "summary_publish": (lambda w: {"pk": w.review.pk}, only(set(), elsewhere=405)),
    # A published summary is for anyone who may see the review.
    "summary_published": (lambda w: _published(w), only(REVIEW_VIEWERS)),
    "review_readiness": (
        lambda w: {"pk": w.review.pk},
        only(MANAGERS | {"board_chair", "panel_chair"}),
    ),
    "review_bundles": (lambda w: {"pk": w.review.pk}, only(MANAGERS)),
    "review_bundle": (lambda w: _bundle_args(w), only(MANAGERS)),
    "bundle_file": (lambda w: {**_bundle_args(w), "fmt": "zip"}, only(MANAGERS)),
    "review_evaluation": (lambda w: {"pk": w.review.pk}, only(MANAGERS)),
    "review_hold": (lambda w: {"pk": w.review.pk}, only(MANAGERS)),
    "retention_destroy": (
        lambda w: {"pk": w.review.pk, "kind": "interview_notes"},
        only(set(), elsewhere=405),
    ),
    "board_retention": (lambda w: {"slug": "luton"}, only(MANAGERS)),
    # Learning: lessons and debriefs on a review; the themes report is of the reviews a user
    # may see; the annual figures are the office's and the board chair's.
    "review_learning": (lambda w: {"pk": w.review.pk}, only(END_READERS)),
    "themes_report": (lambda w: {}, only(SIGNED_IN)),
    "annual_report": (lambda w: {"slug": "luton"}, only(MANAGERS | {"board_chair"})),
    "board_themes": (lambda w: {"slug": "luton"}, only({"administrator"})),
    "learning_summary": (lambda w: {"pk": w.review.pk}, only(END_READERS)),
    "learning_summary_pdf": (lambda w: {"pk": w.review.pk}, only(END_READERS)),
    "out_of_area": (lambda w: {"pk": w.review.pk}, only(MANAGERS)),
    "plans_monitoring": (lambda w: {}, only(PLAN_MONITORS | {"other_board"})),
    "plans_report": (lambda w: {}, only(PLAN_MONITORS | {"other_board"})),
    "plans_settings": (lambda w: {"slug": "luton"}, only({"administrator"})),
}
REFERRAL_ROUTES = {
    name
    for name in ROUTES
    if name.startswith(
        (
            "referral",
            "request",
            "meeting",
            "member",
            "recommendation",
            "chair",
            "letter",
            "notification",
            "family",
        )
    )
}


def _extension(review):
    from django.utils import timezone

    from scr import services

    return services.extension_request(
        review=review,
        by=services.system_user(),
        reasons="Trial dates",
        proposed_date=review.completion_due + timezone.timedelta(days=60),
        today=timezone.localdate(),
    )


def _milestone_args(world) -> dict:
    return {"pk": world.review.pk, "deadline_pk": world.review.deadlines.get(key="terms_agreed").pk}


def _meeting(review):
    from datetime import UTC, datetime

    from scr import services

    return services.panel_meeting_add(
        review=review,
        by=services.system_user(),
        starts_at=datetime(2026, 12, 1, 10, tzinfo=UTC),
        purpose="First panel meeting",
    )


def _action(review):
    from django.utils import timezone

    from scr import services

    owner = review.roles.order_by("pk").first().user
    return services.action_point_add(
        meeting=_meeting(review),
        by=services.system_user(),
        description="Send the terms of reference to the coroner",
        owner=owner,
        due_on=timezone.localdate(),
        today=timezone.localdate(),
    )


def _police(world):
    return world.review.roles.get(user=world.users["author_police"]).agency


def _person(review):
    from chronology import services as chronology
    from scr import services

    found = review.people.filter(code="Child A").first()
    return found or chronology.person_save(
        review=review, by=services.system_user(), kind="family", code="Child A", name="Ava Ray"
    )


def _chronology(world, review=None):
    """The police's chronology on the review, with one submitted row."""
    from django.utils import timezone

    from chronology import services as chronology
    from chronology.models import AgencyChronology

    review = review or world.review
    agency = _police(world) if review == world.review else review.board.agencies.first()
    found = AgencyChronology.objects.filter(review=review, agency=agency).first()
    if found is not None and found.entries.exists():
        return found
    found = chronology.chronology_for(review, agency)
    by = world.users["author_police"]
    chronology.entry_save(
        chronology=found,
        by=by,
        today=timezone.localdate(),
        occurred_precision="exact",
        occurred_on=timezone.localdate(),
        event="Home visit",
        people=[_person(review)],
    )
    chronology.chronology_submit(chronology=found, by=by, now=timezone.now())
    return found


def _export_job(world):
    from chronology.models import ExportJob
    from chronology.tasks import build_export

    _chronology(world)
    job = ExportJob.objects.filter(review=world.review).first()
    if job is None:
        job = ExportJob.objects.create(
            review=world.review, requested_by=world.users["manager"], fmt="xlsx"
        )
        build_export(job.pk)
    return job


def _letter(review):
    from scr import services

    services.setup_letters_prepare(review=review, by=services.system_user())
    return review.setup_letters.order_by("pk").first()


def _involvement(world, discipline, review=None):
    from django.utils import timezone

    from scr import services

    review = review or world.review
    services.setup_requests_send(
        review=review,
        by=services.system_user(),
        due_on=timezone.localdate(),
        today=timezone.localdate(),
    )
    return review.involvements.filter(agency__discipline=discipline).first()


def _plans(world):
    from tests.actionplans.world import build_plans

    return build_plans(world)


def _rotherham_plans(world):
    from tests.actionplans.world import build_other_board_plans

    return build_other_board_plans(world)


def _imr(world, versions: int = 0):
    """The police's agency report on the review, with an interview and ``versions`` versions
    signed off (the latest with the panel)."""
    from django.utils import timezone

    from imr import services as imr
    from imr.models import AgencyReport
    from tests.imr.world import build, ready_and_submitted, sign_off, write

    report = AgencyReport.objects.filter(review=world.review).first()
    if report is None:
        rw = build(world)
        report = rw.report
        imr.interview_add(
            report=report,
            by=world.users["author_police"],
            role="Response officer",
            summary="Attended the call",
        )
        for n in range(versions):
            if n == 0:
                ready_and_submitted(rw)
            else:
                write(report, world.users["author_police"], {"analysis": f"Revision {n}"})
                imr.submit(report=report, by=world.users["author_police"])
            version = sign_off(rw)
            if n < versions - 1:
                imr.version_return(
                    version=version,
                    by=world.users["panel_member"],
                    guidance="More analysis",
                    due_on=timezone.localdate() + timedelta(days=7),
                    today=timezone.localdate(),
                )
            report.refresh_from_db()
    return report


def _imr_args(world, versions: int = 0) -> dict:
    report = _imr(world, versions)
    return {"pk": world.review.pk, "agency_pk": report.agency_id}


def _imr_job_args(world) -> dict:
    from imr.exports import build as build_pdf
    from imr.models import ReportExport

    args = _imr_args(world, versions=1)
    version = _imr(world).versions.get()
    job = ReportExport.objects.create(version=version, requested_by=world.users["manager"])
    build_pdf(job)
    return {**args, "number": 1, "job_pk": job.pk}


def _published(world) -> dict:
    from scr.publication import summary_for
    from scr.storage import private_folder

    summary = summary_for(world.review)
    summary.published_file = private_folder("published").write(b"%PDF-1.4 test", "pdf")
    summary.save()
    return {"pk": world.review.pk}


def _bundle_args(world) -> dict:
    from scr.bundle import build_claimed
    from scr.models import Bundle

    made = Bundle.objects.filter(review=world.review).first()
    if made is None:
        made = Bundle.objects.create(review=world.review, requested_by=world.users["manager"])
        build_claimed(made.pk)
    return {"pk": world.review.pk, "bundle_pk": made.pk}


def _route_names(patterns, prefix="") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            names |= _route_names(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(pattern.name)
    return names


def test_every_route_has_an_expected_outcome_for_every_persona():
    assert _route_names(get_resolver().url_patterns) == set(ROUTES)
    for name, (_, outcomes) in ROUTES.items():
        assert set(outcomes) == set(ALL_PERSONAS), name


def _outcome(response):
    if response.status_code in (301, 302):
        location = response["Location"].split("?")[0]
        for label, route in ((LOGIN, "login"), (HOME, "home"), (SETUP, "two_factor_setup")):
            if location == reverse(route):
                return label
        return f"→{location}"
    return response.status_code


@pytest.mark.parametrize("route", sorted(ROUTES))
def test_route_answers_each_persona_as_expected(route, world, client_for):
    kwargs_for, outcomes = ROUTES[route]
    if route in REFERRAL_ROUTES:
        world.r = build_referrals(world)
    url = reverse(route, kwargs=kwargs_for(world))
    got = {}
    for persona in ALL_PERSONAS:
        got[persona] = _outcome(client_for(persona).get(url))
    assert got == outcomes


def test_another_boards_user_gets_404_for_each_of_its_objects(world, client_for):
    world.r = build_referrals(world)
    client = client_for("other_board")
    r = world.r
    for url in [
        reverse("referral_detail", args=[r.decided.pk]),
        reverse("referral_edit", args=[r.draft.pk]),
        reverse("referral_family", args=[r.draft.pk]),
        reverse("requests_send", args=[r.pending.pk]),
        reverse("chair_decision", args=[r.pending.pk]),
        reverse("letter_download", args=[r.decided.pk, "referrer_outcome", "docx"]),
        reverse("request_answer", args=[r.pending.requests.first().pk]),
        reverse("request_chase", args=[r.pending.requests.first().pk]),
        reverse("notification_sent", args=[r.decided.notifications.first().pk]),
        reverse("meeting_detail", args=[r.meeting.pk]),
        reverse("meeting_attendance", args=[r.meeting.pk]),
        reverse("member_view", args=[r.meeting.pk, r.pending.pk]),
        reverse("recommendation", args=[r.meeting.pk, r.pending.pk]),
    ]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    assert (
        client.post(
            reverse("meeting_agenda", args=[r.meeting.pk]), {"referral": r.pending.pk}
        ).status_code
        == 404
    )
    client = client_for("manager")
    for url in [
        reverse("review_detail", args=[world.other_review.pk]),
        reverse("review_people", args=[world.other_review.pk]),
        reverse("review_audit", args=[world.other_review.pk]),
        reverse("review_timetable", args=[world.other_review.pk]),
        reverse("review_setup", args=[world.other_review.pk]),
        reverse("review_tracker", args=[world.other_review.pk]),
        reverse("review_tracker_file", args=[world.other_review.pk, "pdf"]),
        reverse("review_letters", args=[world.other_review.pk]),
        reverse("review_meetings", args=[world.other_review.pk]),
        reverse("review_chronology", args=[world.other_review.pk]),
        reverse("chronology_export", args=[world.other_review.pk, "pdf"]),
        reverse("chronology_timeline", args=[world.other_review.pk]),
        reverse("chronology_genogram", args=[world.other_review.pk]),
        reverse("review_people_codes", args=[world.other_review.pk]),
        reverse("review_person_edit", args=[world.other_review.pk, _person(world.other_review).pk]),
        reverse(
            "chronology_annotate",
            args=[world.other_review.pk, _chronology(world, world.other_review).entries.first().pk],
        ),
        reverse(
            "agency_chronology",
            args=[world.other_review.pk, _chronology(world, world.other_review).agency_id],
        ),
        reverse(
            "chronology_import",
            args=[world.other_review.pk, _chronology(world, world.other_review).agency_id],
        ),
        reverse("chronology_template", args=["rotherham", "docx"]),
        reverse("panel_meeting", args=[world.other_review.pk, _meeting(world.other_review).pk]),
        reverse(
            "setup_letter_download",
            args=[world.other_review.pk, _letter(world.other_review).pk, "pdf"],
        ),
        reverse("setup_letter_sent", args=[world.other_review.pk, _letter(world.other_review).pk]),
        reverse("setup_letter_template_edit", args=["rotherham", "agency"]),
        reverse("involvement_answer", args=[_involvement(world, "police", world.other_review).pk]),
        reverse("terms_detail", args=[world.other_review.pk]),
        reverse("terms_edit", args=[world.other_review.pk]),
        reverse("terms_pdf", args=[world.other_review.pk]),
        reverse("extension_request", args=[world.other_review.pk]),
        reverse(
            "extension_decide", args=[world.other_review.pk, _extension(world.other_review).pk]
        ),
        reverse(
            "deadline_edit", args=[world.other_review.pk, world.other_review.deadlines.first().pk]
        ),
        reverse(
            "milestone_done",
            args=[world.other_review.pk, world.other_review.deadlines.get(key="progress_check").pk],
        ),
        reverse(
            "milestone_undo",
            args=[world.other_review.pk, world.other_review.deadlines.get(key="progress_check").pk],
        ),
        reverse(
            "review_event_record", args=[world.other_review.pk, "action_plans_quality_assured"]
        ),
        reverse("plans_review", args=[world.other_review.pk]),
        reverse("plan_recommendation_add", args=[world.other_review.pk]),
        reverse("plan_request_updates", args=[world.other_review.pk]),
        reverse(
            "plan_action_add",
            args=[world.other_review.pk, _rotherham_plans(world).recommendation.pk],
        ),
        reverse("plan_detail", args=[world.other_review.pk, _rotherham_plans(world).plan.pk]),
        reverse("plan_sign_off", args=[world.other_review.pk, _rotherham_plans(world).plan.pk]),
        reverse(
            "plan_document_control", args=[world.other_review.pk, _rotherham_plans(world).plan.pk]
        ),
        reverse("plan_action", args=[world.other_review.pk, _rotherham_plans(world).action.pk]),
        reverse(
            "plan_action_edit", args=[world.other_review.pk, _rotherham_plans(world).action.pk]
        ),
        reverse(
            "plan_action_update", args=[world.other_review.pk, _rotherham_plans(world).action.pk]
        ),
        reverse("plan_evidence", args=[world.other_review.pk, _rotherham_plans(world).evidence.pk]),
        # A Luton object under a Rotherham review's address is no way round.
        reverse("plan_detail", args=[world.other_review.pk, _plans(world).police.pk]),
        reverse("plans_settings", args=["rotherham"]),
        reverse("board_detail", args=["rotherham"]),
        reverse("board_edit", args=["rotherham"]),
        reverse("agency_list", args=["rotherham"]),
        reverse("agency_edit", args=["rotherham", world.rotherham.agencies.first().pk]),
        reverse("people_list", args=["rotherham"]),
        reverse("letter_template_edit", args=["rotherham", "agency_outcome"]),
    ]:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    from django.utils import timezone

    from scr import services

    elsewhere = services.action_point_add(
        meeting=_meeting(world.other_review),
        by=services.system_user(),
        description="Brief the panel",
        owner=world.users["other_board"],
        due_on=timezone.localdate(),
        today=timezone.localdate(),
    )
    for pk in (world.other_review.pk, world.review.pk):
        url = reverse("action_point_done", args=[pk, elsewhere.pk])
        assert client.post(url).status_code == 404, url
    elsewhere.refresh_from_db()
    assert elsewhere.done_on is None
