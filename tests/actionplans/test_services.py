"""Recommendations become action plans; progress, ratings, evidence, requests and sign-off follow
the rules whatever order people act in."""

import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone

from actionplans import services
from actionplans.models import (
    Action,
    ActionPlan,
    ProgressUpdate,
    Rag,
    RagChange,
    RagReason,
    Recommendation,
    Source,
    Theme,
)
from actionplans.selectors import board_report, ratings_on, trend_days
from actionplans.smart import joined_actions, smart_problems
from scr import deadlines
from scr.models import Deadline
from scr.services import version_of
from tests.actionplans.world import build_plans, evidence_file, recommend, smart

pytestmark = pytest.mark.django_db


def police(world):
    return world.users["author_police"].review_roles.get(review=world.review).agency


def health(world):
    return world.users["author_health"].review_roles.get(review=world.review).agency


# SMART ------------------------------------------------------------------------------------------


def test_smart_check_names_each_missing_part():
    problems = smart_problems(
        description="Review the policy and train the staff",
        lead_name="",
        lead_role="",
        target_date=None,
        success_measure=" ",
        intended_outcome="",
    )
    assert set(problems) == {
        "description",
        "lead_name",
        "lead_role",
        "target_date",
        "success_measure",
        "intended_outcome",
    }
    assert "and train" in problems["description"]


def test_and_between_nouns_is_one_action():
    assert joined_actions("Train health visitors and school nurses in seeing the child") == []
    assert joined_actions("Audit the files and then report to the board") == ["report"]
    assert not smart_problems(**smart())


# Recommendations and plans ----------------------------------------------------------------------


def test_a_recommendation_becomes_an_action_in_its_agencys_plan(world):
    rec = recommend(world, agency=police(world))
    assert rec.number == 1 and rec.label == "R1"
    assert not rec.agreed_by_panel  # an agency's own until the panel agrees it
    action = rec.actions.get()
    assert action.plan.agency == police(world)
    assert action.rag == Rag.AMBER
    assert action.rag_changes.get().reason == RagReason.CREATED
    second = recommend(world, agency=police(world), source=Source.PANEL_SINGLE)
    assert second.number == 2 and second.agreed_by_panel
    assert ActionPlan.objects.filter(review=world.review).count() == 1
    services.recommendation_agree(recommendation=rec, by=world.users["panel_chair"])
    rec.refresh_from_db()
    assert rec.agreed_by_panel


def test_board_and_multi_agency_recommendations_go_to_the_right_plans(world):
    board_rec = recommend(world, source=Source.BOARD, agency=police(world))
    assert board_rec.agency is None
    assert board_rec.actions.get().plan.is_board_plan
    multi = recommend(world, source=Source.PANEL_MULTI, agency=health(world))
    assert multi.agency is None
    assert multi.actions.get().plan.agency == health(world)
    plan = services.plan_for_action(
        recommendation=multi,
        agency=police(world),
        by=world.users["manager"],
        today=timezone.localdate(),
    )
    services.action_add(
        recommendation=multi,
        plan=plan,
        by=world.users["manager"],
        today=timezone.localdate(),
        **smart(description="Brief every custody sergeant on the new referral route"),
    )
    assert set(multi.actions.values_list("plan__agency", flat=True)) == {
        police(world).pk,
        health(world).pk,
    }
    with pytest.raises(ValidationError) as error:
        services.plan_for_action(
            recommendation=multi,
            agency=None,
            by=world.users["manager"],
            today=timezone.localdate(),
        )
    assert "agency" in error.value.error_dict


def test_a_recommendation_that_is_not_smart_is_refused_with_every_reason(world):
    with pytest.raises(ValidationError) as error:
        services.recommendation_add(
            review=world.review,
            by=world.users["manager"],
            today=timezone.localdate(),
            source=Source.AGENCY_REPORT,
            agency=None,
            text="Update the policy and train all staff",
            theme=Theme.POLICY,
            agreed_by_panel=False,
            action=smart(lead_name="", success_measure=""),
        )
    assert set(error.value.error_dict) == {"agency", "text", "lead_name", "success_measure"}
    assert not Recommendation.objects.exists() and not ActionPlan.objects.exists()


def test_another_boards_agency_is_refused(world):
    with pytest.raises(ValidationError) as error:
        recommend(world, agency=world.rotherham.agencies.first())
    assert "agency" in error.value.error_dict


def test_target_date_before_the_plan_exists_is_refused(world):
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        recommend(world, agency=police(world), target_date=today - timedelta(days=1))
    assert "when the action plan was started" in error.value.message_dict["target_date"][0]
    rec = recommend(world, agency=police(world))
    action = rec.actions.get()
    with pytest.raises(ValidationError) as error:
        services.action_edit(
            action=action,
            by=world.users["manager"],
            version=version_of(action),
            fields={"target_date": action.plan.created_on - timedelta(days=3)},
        )
    assert "target_date" in error.value.error_dict


def test_editing_an_action_from_an_old_copy_is_refused(world):
    action = recommend(world, agency=police(world)).actions.get()
    seen = version_of(action)
    services.action_edit(
        action=action, by=world.users["manager"], version=seen, fields={"lead_name": "Jo Bloggs"}
    )
    stale = Action.objects.get(pk=action.pk)
    with pytest.raises(ValidationError) as error:
        services.action_edit(
            action=stale,
            by=world.users["senior_police"],
            version=seen,
            fields={"lead_name": "Kim Lee"},
        )
    assert "Someone else saved" in error.value.messages[0]
    assert Action.objects.get(pk=action.pk).lead_name == "Jo Bloggs"


# Progress, ratings, evidence ---------------------------------------------------------------------


def test_blue_without_evidence_is_refused(world):
    action = recommend(world, agency=police(world)).actions.get()
    today = timezone.localdate()
    with pytest.raises(ValidationError) as error:
        services.progress_add(
            action=action,
            by=world.users["author_police"],
            today=today,
            on=today,
            text="Done.",
            rag=Rag.BLUE,
        )
    assert "evidence" in error.value.message_dict["files"][0]
    assert not ProgressUpdate.objects.exists()
    services.progress_add(
        action=action,
        by=world.users["author_police"],
        today=today,
        on=today,
        text="Done; the register is attached.",
        rag=Rag.BLUE,
        files=[evidence_file()],
    )
    action.refresh_from_db()
    assert action.rag == Rag.BLUE and action.completed_on == today
    stored = ProgressUpdate.objects.get().evidence.get()
    assert stored.name == "register.pdf" and stored.file.read().startswith(b"%PDF")
    assert "register" not in stored.file.name  # stored under a name of our own


def test_the_monitors_cannot_rate_blue_without_evidence_either(world):
    action = recommend(world, agency=police(world)).actions.get()
    with pytest.raises(ValidationError):
        services.rag_set(
            action=action,
            by=world.users["subgroup_member"],
            today=timezone.localdate(),
            rag=Rag.BLUE,
            note="Told it is done",
        )


def test_update_dates_must_fall_within_the_plans_life(world):
    action = recommend(world, agency=police(world)).actions.get()
    today = timezone.localdate()
    for on in (today + timedelta(days=1), today - timedelta(days=1)):
        with pytest.raises(ValidationError) as error:
            services.progress_add(
                action=action,
                by=world.users["author_police"],
                today=today,
                on=on,
                text="Progress.",
                rag=Rag.GREEN,
            )
        assert "on" in error.value.error_dict


def test_an_overdue_action_is_proposed_red_and_the_monitors_confirm_it(world, time_machine):
    action = recommend(world, agency=police(world)).actions.get()
    later = action.target_date + timedelta(days=3)
    assert action.proposed_rag(action.target_date) == ""
    assert action.is_overdue(later) and action.proposed_rag(later) == Rag.RED
    services.rag_set(
        action=action,
        by=world.users["subgroup_member"],
        today=later,
        rag=Rag.RED,
        note="Past its date with no progress",
    )
    action.refresh_from_db()
    assert action.rag == Rag.RED and action.proposed_rag(later) == ""
    change = action.rag_changes.order_by("-pk").first()
    assert (change.from_rag, change.to_rag, change.reason) == (
        Rag.AMBER,
        Rag.RED,
        RagReason.OVERDUE,
    )


def test_an_update_on_a_signed_off_plan_is_refused(world):
    plans = build_plans(world)
    today = timezone.localdate()
    with pytest.raises(ValidationError):  # not every action is complete
        services.plan_sign_off(plan=plans.police, by=world.users["senior_police"], today=today)
    services.progress_add(
        action=plans.action,
        by=world.users["author_police"],
        today=today,
        on=today,
        text="All trained.",
        rag=Rag.BLUE,
    )  # the evidence sent with the earlier update counts
    services.plan_sign_off(plan=plans.police, by=world.users["senior_police"], today=today)
    plans.police.refresh_from_db()
    assert plans.police.signed_off_by == world.users["senior_police"]
    refused = [
        lambda: services.progress_add(
            action=plans.action,
            by=world.users["author_police"],
            today=today,
            on=today,
            text="More.",
            rag=Rag.GREEN,
        ),
        lambda: services.rag_set(
            action=plans.action, by=world.users["manager"], today=today, rag=Rag.RED, note="x"
        ),
        lambda: services.action_edit(
            action=plans.action,
            by=world.users["manager"],
            version=None,
            fields={"lead_name": "X"},
        ),
        lambda: recommend(world, agency=police(world)),
        lambda: services.plan_sign_off(
            plan=plans.police, by=world.users["senior_police"], today=today
        ),
    ]
    for attempt in refused:
        with pytest.raises(ValidationError) as error:
            attempt()
        assert "signed off" in " ".join(error.value.messages)


@pytest.mark.django_db(transaction=True)
def test_two_updates_to_one_action_at_once_are_both_kept(world):
    action = recommend(world, agency=police(world)).actions.get()
    today = timezone.localdate()
    barrier = threading.Barrier(2)
    errors = []

    def report(user, text, rag):
        try:
            barrier.wait(timeout=5)
            services.progress_add(
                action=Action.objects.get(pk=action.pk),
                by=user,
                today=today,
                on=today,
                text=text,
                rag=rag,
            )
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [
        threading.Thread(
            target=report, args=(world.users["author_police"], "Police view", "green")
        ),
        threading.Thread(target=report, args=(world.users["senior_police"], "Manager view", "red")),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert set(action.updates.values_list("text", flat=True)) == {"Police view", "Manager view"}
    action.refresh_from_db()
    last = action.updates.order_by("-pk").first()
    assert action.rag == last.rag
    # Every rating the action passed through is in its history, in order.
    chain = list(action.rag_changes.order_by("pk").values_list("from_rag", "to_rag"))
    for (_, before), (after, _) in zip(chain, chain[1:], strict=False):
        assert before == after


# Requests for progress ---------------------------------------------------------------------------


def test_asking_for_progress_sets_a_deadline_that_the_answer_completes(world):
    plans = build_plans(world)
    today = timezone.localdate()
    mail.outbox.clear()
    (request,) = services.updates_request(
        plans=[plans.police],
        by=world.users["manager"],
        due_on=today + timedelta(days=7),
        today=today,
    )
    deadline = Deadline.objects.get(object_id=request.pk, key=services.UPDATE_KEY)
    assert deadline.responsible_user == world.users["senior_police"]
    assert deadline.review == world.review and deadline.due_on == today + timedelta(days=7)
    assert sorted(mail.outbox[0].to) == sorted(
        [world.users["senior_police"].email, world.users["author_police"].email]
    )
    # Asking again moves the same request's date.
    services.updates_request(
        plans=[plans.police],
        by=world.users["manager"],
        due_on=today + timedelta(days=9),
        today=today,
    )
    assert plans.police.requests.count() == 1
    deadline.refresh_from_db()
    assert deadline.due_on == today + timedelta(days=9)
    services.progress_add(
        action=plans.action,
        by=world.users["author_police"],
        today=today,
        on=today,
        text="Three quarters trained.",
        rag=Rag.GREEN,
    )
    request.refresh_from_db()
    deadline.refresh_from_db()
    assert request.answered_on == today and deadline.completed_on == today


def test_an_unanswered_request_is_reminded_and_escalated(world):
    plans = build_plans(world)
    today = timezone.localdate()
    (request,) = services.updates_request(
        plans=[plans.police],
        by=world.users["manager"],
        due_on=today,
        today=today,
    )
    mail.outbox.clear()
    deadlines.sweep(today + timedelta(days=1))
    overdue = [m for m in mail.outbox if "Action plan progress from" in m.subject]
    assert overdue and "overdue" in overdue[0].subject
    assert world.users["senior_police"].email in overdue[0].to
    assert world.users["manager"].email in overdue[0].to


def test_requests_need_a_date_today_or_later_and_no_board_plan(world):
    plans = build_plans(world)
    today = timezone.localdate()
    with pytest.raises(ValidationError):
        services.updates_request(
            plans=[plans.police],
            by=world.users["manager"],
            due_on=today - timedelta(days=1),
            today=today,
        )
    with pytest.raises(ValidationError):
        services.updates_request(
            plans=[plans.board_plan], by=world.users["manager"], due_on=today, today=today
        )


# History and the board's report -----------------------------------------------------------------


def test_the_report_counts_ratings_as_they_stood_on_the_day(world):
    today = timezone.localdate()
    plans = build_plans(world)  # police: green today, with evidence; board: amber
    RagChange.objects.filter(action=plans.action).update(on=today - timedelta(days=10))
    Action.objects.filter(pk=plans.action.pk).update(created_on=today - timedelta(days=10))
    services.progress_add(
        action=plans.action,
        by=world.users["author_police"],
        today=today,
        on=today,
        text="All trained.",
        rag=Rag.BLUE,
    )
    now = board_report(world.luton, today)
    assert now.total.counts == {Rag.BLUE: 1, Rag.AMBER: 1}
    before = board_report(world.luton, today - timedelta(days=1))
    assert before.total.counts == {Rag.GREEN: 1}  # the board's action did not exist yet
    assert [r.label for r in now.by_review] == [world.review.reference]
    assert [r.label for r in now.by_agency] == [police(world).name, "Board"]
    later = board_report(world.luton, plans.board_action.target_date + timedelta(days=1))
    assert [a.pk for a in later.overdue] == [plans.board_action.pk]
    assert board_report(world.rotherham, today).total.total == 0


def test_the_trend_rebuilds_each_month_end(world):
    today = timezone.localdate()
    plans = build_plans(world)
    RagChange.objects.filter(action=plans.action, reason=RagReason.CREATED).update(
        on=today - timedelta(days=70)
    )
    days = trend_days(today)
    assert len(days) == 12 and days[-1] == today and days[0] < days[1]
    points = ratings_on(Action.objects.filter(plan__review=world.review), days)
    assert points[-1].counts == {Rag.GREEN: 1, Rag.AMBER: 1}
    assert sum(p.total for p in points[:-3]) == 0
