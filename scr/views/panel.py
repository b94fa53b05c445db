"""The review panel's meetings: schedule, attendance and quorum, minutes, action points."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from scr import services
from scr.access import PANEL, Perm, can, get_for_user_or_404, refuse
from scr.forms import ActionPointForm, MinutesForm, PanelAttendanceForm, PanelMeetingForm
from scr.models import ActionPoint, PanelMeeting, Review, ReviewRole, User
from scr.views.util import apply_errors

REVIEWS = Review.objects.select_related("board")


def _runs_panel(user, review) -> bool:
    return can(user, Perm.MANAGE_REVIEW, review) or can(user, Perm.CHAIR_PANEL, review)


def _review(request: HttpRequest, pk: int) -> Review:
    review = get_for_user_or_404(request, REVIEWS, Perm.VIEW_REVIEW, pk=pk)
    if not _runs_panel(request.user, review):
        raise refuse(request, Review, {"pk": pk})
    return review


def _meeting(request: HttpRequest, review: Review, meeting_pk: int) -> PanelMeeting:
    meeting = review.meetings.filter(pk=meeting_pk).first()
    if meeting is None:
        raise refuse(request, PanelMeeting, {"pk": meeting_pk})
    meeting.review = review
    return meeting


@require_http_methods(["GET", "POST"])
def review_meetings(request: HttpRequest, pk: int) -> HttpResponse:
    review = _review(request, pk)
    form = PanelMeetingForm(
        request.POST if request.method == "POST" and "plan" not in request.POST else None
    )
    if request.method == "POST":
        if "plan" in request.POST:
            added = services.panel_meetings_plan(review=review, by=request.user)
            messages.success(
                request,
                f"{added} meeting{'s' if added != 1 else ''} added from the timetable."
                if added
                else "The schedule already has the meetings the timetable suggests.",
            )
            return redirect("review_meetings", pk=pk)
        if form.is_valid():
            services.panel_meeting_add(
                review=review,
                by=request.user,
                starts_at=form.starts_at(),
                purpose=form.cleaned_data["purpose"],
                place=form.cleaned_data["place"],
            )
            messages.success(request, "The meeting is on the schedule.")
            return redirect("review_meetings", pk=pk)
    meetings = review.meetings.annotate(
        open_actions=Count("actions", filter=Q(actions__done_on__isnull=True))
    )
    return render(
        request,
        "scr/review_meetings.html",
        {
            "review": review,
            "form": form,
            "meetings": meetings,
            "can_manage": can(request.user, Perm.MANAGE_REVIEW, review),
            "now": timezone.now(),
        },
    )


def _owners(review: Review):
    return (
        User.objects.filter(
            Q(review_roles__review=review) | Q(memberships__board=review.board), is_active=True
        )
        .distinct()
        .order_by("full_name")
    )


@require_http_methods(["GET", "POST"])
def panel_meeting(request: HttpRequest, pk: int, meeting_pk: int) -> HttpResponse:
    review = _review(request, pk)
    meeting = _meeting(request, review, meeting_pk)
    which = request.POST.get("part") if request.method == "POST" else None
    roles = (
        ReviewRole.objects.filter(review=review, role__in=PANEL)
        .select_related("user", "agency")
        .order_by("role", "user__full_name")
    )
    version = services.version_of(meeting)
    attendance = PanelAttendanceForm(
        request.POST if which == "attendance" else None,
        roles=roles,
        version=version,
        initial={"present": [a.role_id for a in meeting.attendance.all() if a.present]},
    )
    minutes = MinutesForm(
        request.POST if which == "minutes" else None,
        version=version,
        initial={"minutes": meeting.minutes},
    )
    action = ActionPointForm(request.POST if which == "action" else None, owners=_owners(review))
    parts = {"attendance": attendance, "minutes": minutes, "action": action}
    for name, part in parts.items():
        part.fields["part"] = forms.CharField(widget=forms.HiddenInput, initial=name)
    bound, their_minutes = parts.get(which), None
    if bound is not None and bound.is_valid():
        data = bound.cleaned_data
        try:
            if which == "attendance":
                services.panel_attendance_record(
                    meeting=meeting,
                    by=request.user,
                    present=list(data["present"]),
                    version=data["version"],
                )
                done = "Attendance saved."
            elif which == "minutes":
                services.panel_minutes_save(
                    meeting=meeting,
                    by=request.user,
                    minutes=data["minutes"],
                    version=data["version"],
                )
                done = "The minutes are saved."
            else:
                services.action_point_add(
                    meeting=meeting,
                    by=request.user,
                    description=data["description"],
                    owner=data["owner"],
                    due_on=data["due_on"],
                    today=timezone.localdate(),
                )
                done = "The action is added; its owner will be reminded before it is due."
        except ValidationError as error:
            if which == "minutes" and services.STALE_MESSAGE in error.messages:
                # Someone saved the minutes meanwhile: show theirs beside this person's own, and
                # let them send a merged text over the newer version.
                meeting.refresh_from_db()
                their_minutes = meeting.minutes
                data = request.POST.copy()
                data["version"] = services.version_of(meeting)
                bound = minutes = MinutesForm(data, version=data["version"])
                minutes.fields["part"] = forms.CharField(widget=forms.HiddenInput, initial=which)
                minutes.is_valid()
                minutes.add_error(
                    None,
                    "Someone else saved the minutes while you were writing. Their text is shown "
                    "above yours: merge the two, then save again.",
                )
            else:
                apply_errors(bound, error)
        else:
            messages.success(request, done)
            return redirect("panel_meeting", pk=pk, meeting_pk=meeting.pk)
    return render(
        request,
        "scr/panel_meeting.html",
        {
            "review": review,
            "meeting": meeting,
            "attendance_form": attendance,
            "minutes_form": minutes,
            "their_minutes": their_minutes,
            "action_form": action,
            "form": bound if bound is not None and bound.errors else None,
            "quorum": services.panel_quorum(meeting) if meeting.attendance_recorded else None,
            "actions": meeting.actions.select_related("owner"),
            "today": timezone.localdate(),
            "can_manage": can(request.user, Perm.MANAGE_REVIEW, review),
        },
    )


@require_POST
def action_point_done(request: HttpRequest, pk: int, action_pk: int) -> HttpResponse:
    review = get_for_user_or_404(request, REVIEWS, Perm.VIEW_REVIEW, pk=pk)
    action = (
        ActionPoint.objects.filter(meeting__review=review, pk=action_pk)
        .select_related("meeting")
        .first()
    )
    if action is None or not (
        _runs_panel(request.user, review) or action.owner_id == request.user.pk
    ):
        raise refuse(request, ActionPoint, {"pk": action_pk})
    try:
        services.action_point_done(action=action, by=request.user, on=timezone.localdate())
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"Done: {action.description}")
    if _runs_panel(request.user, review):
        return redirect("panel_meeting", pk=pk, meeting_pk=action.meeting_id)
    return redirect("home")
