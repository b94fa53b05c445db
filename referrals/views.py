from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from scr import services as core
from scr.access import (
    Perm,
    board_ids_for,
    can,
    get_board_or_404,
    get_for_user_or_404,
    log_access,
    refuse,
)
from scr.dates import PeriodUnit, add_period
from scr.models import Agency, Board
from scr.models.audit import AccessAction
from scr.views.letters import edit_template
from scr.views.util import apply_errors, posted

from . import letters, services
from .forms import (
    AgendaForm,
    AnswerForm,
    AttendanceForm,
    DecisionForm,
    FamilyMemberForm,
    MeetingForm,
    NotificationForm,
    OptionForm,
    RecommendationForm,
    ReferralForm,
    RequestsForm,
)
from .models import (
    DecisionMeeting,
    FamilyMember,
    InformationRequest,
    LetterKind,
    Notification,
    Referral,
    ReferralStatus,
)
from .rules import ReferralPerm
from .selectors import (
    meeting_page,
    possible_duplicates,
    referral_page,
    referral_steps,
    referrals_for_user,
)

REFERRALS = Referral.objects.select_related("board")


def _referral(request, pk: int, perm: str) -> Referral:
    return get_for_user_or_404(request, REFERRALS, perm, pk=pk)


def _meeting(request, pk: int, perm: str) -> DecisionMeeting:
    return get_for_user_or_404(
        request, DecisionMeeting.objects.select_related("board"), perm, pk=pk
    )


def referral_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(referrals_for_user(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "referrals/referral_list.html", {"page": page})


@require_http_methods(["GET", "POST"])
def referral_create(request: HttpRequest) -> HttpResponse:
    boards = list(Board.objects.filter(pk__in=board_ids_for(request.user)))
    if request.method == "POST":
        chosen = next((b for b in boards if b.slug == request.POST.get("board")), None)
        board = chosen or (boards[0] if len(boards) == 1 else None)
        if board is not None:
            referral = services.referral_start(board=board, by=request.user)
            return redirect("referral_edit", pk=referral.pk)
        messages.error(request, "Choose the board you are referring to.")
    return render(request, "referrals/referral_create.html", {"boards": boards})


@require_http_methods(["GET", "POST"])
def referral_edit(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk, ReferralPerm.EDIT)
    form = ReferralForm(posted(request), instance=referral, version=core.version_of(referral))
    if request.method == "POST" and form.is_valid():
        fields = {n: form.cleaned_data[n] for n in form.Meta.fields if n != "agencies_involved"}
        try:
            services.referral_save(
                version=form.cleaned_data["version"],
                referral=referral,
                by=request.user,
                fields=fields,
                agencies=form.cleaned_data["agencies_involved"],
            )
            if "submit_referral" in request.POST:
                referral = services.referral_submit(referral=referral, by=request.user)
        except ValidationError as error:
            apply_errors(form, error)
            # The draft may have been saved before submitting failed: carry on from that version.
            form.data = form.data.copy()
            form.data["version"] = core.version_of(Referral.objects.get(pk=referral.pk))
        else:
            if referral.is_draft:
                messages.success(request, "Your draft is saved. You can come back to it later.")
                return redirect("referral_detail", pk=referral.pk)
            messages.success(
                request, f"Referral submitted. The case reference is {referral.reference}."
            )
            return redirect("referral_detail", pk=referral.pk)
    return render(request, "referrals/referral_edit.html", {"referral": referral, "form": form})


@require_http_methods(["GET", "POST"])
def referral_family(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk, ReferralPerm.EDIT)
    form = FamilyMemberForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            member = services.family_member_add(
                referral=referral, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{member.name} added.")
            return redirect("referral_family", pk=referral.pk)
    return render(
        request,
        "referrals/referral_family.html",
        {"referral": referral, "form": form, "family": referral.family.all()},
    )


@require_http_methods(["GET", "POST"])
def family_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    referral = _referral(request, pk, ReferralPerm.EDIT)
    member = referral.family.filter(pk=member_pk).first()
    if member is None:
        raise refuse(request, FamilyMember, {"pk": member_pk})
    if request.method == "POST":
        services.family_member_remove(member=member, by=request.user)
        messages.success(request, f"{member.name} removed.")
        return redirect("referral_family", pk=referral.pk)
    return render(
        request, "referrals/family_member_remove.html", {"referral": referral, "member": member}
    )


def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_page(_referral(request, pk, ReferralPerm.VIEW))
    log_access(request, AccessAction.VIEW, referral, review=referral.review, description="Referral")
    user = request.user
    return render(
        request,
        "referrals/referral_detail.html",
        {
            "referral": referral,
            "duplicates": possible_duplicates(referral),
            "steps": referral_steps(referral),
            "can_edit": can(user, ReferralPerm.EDIT, referral),
            "can_manage": can(user, ReferralPerm.MANAGE, referral),
            "can_decide": can(user, ReferralPerm.DECIDE, referral),
            "options": {o["code"]: o["label"] for o in referral.board.decision_options},
            "agencies": Agency.objects.filter(board=referral.board, is_active=True),
            "today": timezone.localdate(),
            "can_edit_letters": can(user, Perm.EDIT_BOARD, referral.board),
        },
    )


@require_http_methods(["GET", "POST"])
def referral_requests_send(request: HttpRequest, pk: int) -> HttpResponse:
    referral = _referral(request, pk, ReferralPerm.MANAGE)
    form = RequestsForm(
        posted(request),
        initial={"due_on": add_period(timezone.localdate(), 5, PeriodUnit.WORKING_DAYS)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            sent = services.information_requests_send(
                referral=referral, by=request.user, due_on=form.cleaned_data["due_on"]
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Requests sent to {sent} agencies.")
            return redirect("referral_detail", pk=referral.pk)
    return render(request, "referrals/requests_send.html", {"referral": referral, "form": form})


@require_http_methods(["GET", "POST"])
def request_chase(request: HttpRequest, pk: int) -> HttpResponse:
    info = get_for_user_or_404(
        request, InformationRequest.objects.select_related("referral__board", "agency"), pk=pk
    )
    referral = info.referral
    if not can(request.user, ReferralPerm.MANAGE, referral):
        raise refuse(request, InformationRequest, {"pk": pk})
    if request.method == "POST":
        try:
            services.information_request_chase(request=info, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, f"{info.agency.name} has been reminded.")
        return redirect("referral_detail", pk=referral.pk)
    return render(request, "referrals/request_chase.html", {"info": info, "referral": referral})


@require_http_methods(["GET", "POST"])
def request_answer(request: HttpRequest, pk: int) -> HttpResponse:
    info = get_for_user_or_404(
        request,
        InformationRequest.objects.select_related("referral__board", "agency"),
        ReferralPerm.ANSWER,
        pk=pk,
    )
    log_access(request, AccessAction.VIEW, info.referral, description=f"Request to {info.agency}")
    form = AnswerForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.information_request_answer(request=info, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Thank you. Your agency's answer has been sent to the board.")
            return redirect("home")
    return render(request, "referrals/request_answer.html", {"info": info, "form": form})


def meeting_list(request: HttpRequest) -> HttpResponse:
    meetings = DecisionMeeting.objects.for_user(request.user).select_related("board")
    boards = [
        b
        for b in Board.objects.for_user(request.user)
        if can(request.user, Perm.MANAGE_AGENCIES, b)
    ]
    upcoming = meetings.filter(starts_at__gte=timezone.now() - timezone.timedelta(days=1))
    return render(
        request,
        "referrals/meeting_list.html",
        {"meetings": upcoming[:50], "can_schedule": bool(boards)},
    )


@require_http_methods(["GET", "POST"])
def meeting_create(request: HttpRequest) -> HttpResponse:
    boards = [
        b
        for b in Board.objects.for_user(request.user)
        if can(request.user, Perm.MANAGE_AGENCIES, b)
    ]
    if not boards:
        raise refuse(request, DecisionMeeting, {})
    board = boards[0]
    form = MeetingForm(posted(request), board=board)
    if request.method == "POST" and form.is_valid():
        try:
            meetings = services.meetings_schedule(
                board=board,
                first=form.starts_at(),
                place=form.cleaned_data["place"],
                count=form.cleaned_data.get("count") or 1,
                is_extra=form.cleaned_data["is_extra"],
                by=request.user,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(
                request, f"{len(meetings)} meeting{'s' if len(meetings) > 1 else ''} scheduled."
            )
            return redirect("meeting_list")
    return render(request, "referrals/meeting_create.html", {"form": form, "board": board})


def meeting_detail(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = meeting_page(_meeting(request, pk, ReferralPerm.VIEW_MEETING))
    can_manage = can(request.user, ReferralPerm.MANAGE_MEETING, meeting)
    agenda_form = None
    if can_manage:
        waiting = (
            Referral.objects.filter(
                board=meeting.board,
                status__in=[
                    ReferralStatus.SUBMITTED,
                    ReferralStatus.GATHERING,
                    ReferralStatus.RECOMMENDED,
                ],
            )
            .exclude(meetings=meeting)
            .order_by("submitted_at")
        )
        agenda_form = AgendaForm(referrals=waiting)
    attended = {a.user_id for a in meeting.attendance.all()}
    return render(
        request,
        "referrals/meeting_detail.html",
        {
            "meeting": meeting,
            "quorum": services.meeting_quorum(meeting),
            "agenda_form": agenda_form,
            "can_manage": can_manage,
            "attended": request.user.pk in attended,
            "is_chair": any(
                a.is_chair and a.user_id == request.user.pk for a in meeting.attendance.all()
            ),
            "options": {o["code"]: o["label"] for o in meeting.board.decision_options},
        },
    )


@require_POST
def meeting_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, ReferralPerm.MANAGE_MEETING)
    referrals = Referral.objects.filter(board=meeting.board).exclude(status=ReferralStatus.DRAFT)
    form = AgendaForm(request.POST, referrals=referrals)
    if form.is_valid():
        try:
            services.meeting_add_referral(
                meeting=meeting, referral=form.cleaned_data["referral"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, "Added to the agenda.")
    else:
        messages.error(request, "Choose a referral to add to the agenda.")
    return redirect("meeting_detail", pk=meeting.pk)


@require_http_methods(["GET", "POST"])
def meeting_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    meeting = _meeting(request, pk, ReferralPerm.MANAGE_MEETING)
    present = list(meeting.attendance.values_list("user_id", flat=True))
    chair = meeting.attendance.filter(is_chair=True).values_list("user_id", flat=True).first()
    form = AttendanceForm(
        posted(request), board=meeting.board, initial={"attendees": present, "chair": chair}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.attendance_record(
                meeting=meeting,
                by=request.user,
                attendees=list(form.cleaned_data["attendees"]),
                chair=form.cleaned_data["chair"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Attendance saved.")
            return redirect("meeting_detail", pk=meeting.pk)
    return render(request, "referrals/meeting_attendance.html", {"meeting": meeting, "form": form})


def _agenda_item(request, pk: int, referral_pk: int):
    meeting = _meeting(request, pk, ReferralPerm.VIEW_MEETING)
    referral = meeting.referrals.filter(pk=referral_pk).first()
    if referral is None:
        raise refuse(request, Referral, {"pk": referral_pk})
    return meeting, referral


@require_http_methods(["GET", "POST"])
def member_view(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    meeting, referral = _agenda_item(request, pk, referral_pk)
    if not meeting.attendance.filter(user=request.user).exists():
        raise refuse(request, Referral, {"pk": referral_pk})
    form = OptionForm(posted(request), board=meeting.board)
    form.helper.inputs[0].value = "Record my view"
    if request.method == "POST" and form.is_valid():
        try:
            services.member_view_record(
                meeting=meeting,
                referral=referral,
                member=request.user,
                by=request.user,
                option_code=form.cleaned_data["option"],
                reasons=form.cleaned_data["reasons"],
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Your view on {referral.reference} is recorded.")
            return redirect("meeting_detail", pk=meeting.pk)
    return render(
        request,
        "referrals/member_view.html",
        {"meeting": meeting, "referral": referral, "form": form},
    )


@require_http_methods(["GET", "POST"])
def recommendation(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    meeting, referral = _agenda_item(request, pk, referral_pk)
    if not can(request.user, ReferralPerm.RECOMMEND, referral):
        raise refuse(request, Referral, {"pk": referral_pk})
    form = RecommendationForm(posted(request), board=meeting.board)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.recommendation_make(
                referral=referral,
                meeting=meeting,
                by=request.user,
                option_code=data["option"],
                reasons=data["reasons"],
                alternative=data["alternative"],
                alternative_reasons=data["alternative_reasons"],
                made_on=data.get("made_on"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"The recommendation on {referral.reference} is recorded.")
            return redirect("meeting_detail", pk=meeting.pk)
    views = meeting.views.filter(referral=referral).select_related("member")
    return render(
        request,
        "referrals/recommendation.html",
        {
            "meeting": meeting,
            "referral": referral,
            "form": form,
            "views": views,
            "options": {o["code"]: o["label"] for o in meeting.board.decision_options},
        },
    )


@require_http_methods(["GET", "POST"])
def chair_decision(request: HttpRequest, pk: int) -> HttpResponse:
    referral = referral_page(_referral(request, pk, ReferralPerm.DECIDE))
    if hasattr(referral, "decision"):
        messages.info(request, "This referral has already been decided.")
        return redirect("referral_detail", pk=referral.pk)
    form = DecisionForm(posted(request), board=referral.board)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.chair_decide(
                referral=referral,
                by=request.user,
                agrees=data["agrees"],
                option_code=data["option"],
                reasons=data["reasons"],
                peer_challenge=data["peer_challenge"],
                terms_of_reference_issues=data["terms_of_reference_issues"],
                decided_on=data.get("decided_on"),
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"Your decision on {referral.reference} is recorded.")
            return redirect("referral_detail", pk=referral.pk)
    latest = referral.recommendations.order_by("-pk").first()
    return render(
        request,
        "referrals/chair_decision.html",
        {
            "referral": referral,
            "form": form,
            "recommendation": latest,
            "options": {o["code"]: o["label"] for o in referral.board.decision_options},
        },
    )


@require_http_methods(["GET", "POST"])
def notification_sent(request: HttpRequest, pk: int) -> HttpResponse:
    notification = get_for_user_or_404(
        request,
        Notification.objects.select_related("referral__board", "referral__decision"),
        pk=pk,
    )
    referral = notification.referral
    if not can(request.user, ReferralPerm.MANAGE, referral):
        raise refuse(request, Notification, {"pk": pk})
    form = NotificationForm(posted(request), initial={"sent_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            services.notification_mark_sent(
                notification=notification, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{notification.recipient} marked as told.")
            return redirect("referral_detail", pk=referral.pk)
    return render(
        request,
        "referrals/notification_sent.html",
        {"notification": notification, "referral": referral, "form": form},
    )


def letter_download(request: HttpRequest, pk: int, kind: str, fmt: str) -> HttpResponse:
    referral = _referral(request, pk, ReferralPerm.MANAGE)
    if (
        kind not in LetterKind.values
        or fmt not in ("pdf", "docx")
        or not hasattr(referral, "decision")
    ):
        raise refuse(request, Referral, {"pk": pk})
    if kind == LetterKind.AGENCY_OUTCOME:
        agency = Agency.objects.filter(board=referral.board, pk=request.GET.get("agency")).first()
        if agency is None:
            raise refuse(request, Agency, {"pk": request.GET.get("agency")})
        recipient = agency.name
    else:
        recipient = referral.referred_by.full_name
    render_file = letters.letter_pdf if fmt == "pdf" else letters.letter_docx
    content = render_file(referral, kind, recipient)
    log_access(
        request,
        AccessAction.DOWNLOAD,
        referral,
        review=referral.review,
        description=f"{LetterKind(kind).label} to {recipient} ({fmt})",
    )
    content_type = (
        "application/pdf"
        if fmt == "pdf"
        else "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    response = HttpResponse(content, content_type=content_type)
    name = f"{referral.reference}-{kind.replace('_', '-')}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
def letter_template_edit(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    board = get_board_or_404(request, slug, Perm.EDIT_BOARD)
    if kind not in LetterKind.values:
        raise refuse(request, Board, {"slug": slug})
    template = letters.template_for(board, kind)
    return edit_template(request, board, template, LetterKind(kind).label, letters.PLACEHOLDERS)
