from django.urls import include, path

from scr.views import (
    auth,
    boards,
    calendar,
    home,
    letters,
    panel,
    reviews,
    setup,
    terms,
    timetable,
)

urlpatterns = [
    path("", home.home, name="home"),
    path("sign-in/", auth.SignInView.as_view(), name="login"),
    path("sign-out/", auth.sign_out, name="logout"),
    path("password-reset/", auth.ResetRequestView.as_view(), name="password_reset"),
    path("password-reset/sent/", auth.ResetDoneView.as_view(), name="password_reset_done"),
    path(
        "password-reset/<uidb64>/<token>/",
        auth.ResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("password-reset/done/", auth.ResetCompleteView.as_view(), name="password_reset_complete"),
    path("two-factor/setup/", auth.two_factor_setup, name="two_factor_setup"),
    path("two-factor/verify/", auth.two_factor_verify, name="two_factor_verify"),
    path("healthz", auth.healthz, name="healthz"),
    path("account/calendar/", calendar.calendar_settings, name="calendar_settings"),
    path("calendar/<uuid:token>.ics", calendar.calendar_feed, name="calendar_feed"),
    path("reviews/", reviews.review_list, name="review_list"),
    path("reviews/<int:pk>/", reviews.review_detail, name="review_detail"),
    path("reviews/<int:pk>/people/", reviews.review_people_edit, name="review_people"),
    path(
        "reviews/<int:pk>/people/<int:role_pk>/remove/",
        reviews.review_role_remove,
        name="review_role_remove",
    ),
    path(
        "reviews/<int:pk>/roles/<int:role_pk>/declare/",
        reviews.independence_declare,
        name="independence_declare",
    ),
    path("reviews/<int:pk>/setup/", setup.review_setup, name="review_setup"),
    path("reviews/<int:pk>/letters/", letters.review_letters, name="review_letters"),
    path(
        "reviews/<int:pk>/letters/<int:letter_pk>.<str:fmt>",
        letters.setup_letter_download,
        name="setup_letter_download",
    ),
    path(
        "reviews/<int:pk>/letters/<int:letter_pk>/sent/",
        letters.setup_letter_sent,
        name="setup_letter_sent",
    ),
    path("reviews/<int:pk>/meetings/", panel.review_meetings, name="review_meetings"),
    path("reviews/<int:pk>/meetings/<int:meeting_pk>/", panel.panel_meeting, name="panel_meeting"),
    path(
        "reviews/<int:pk>/actions/<int:action_pk>/done/",
        panel.action_point_done,
        name="action_point_done",
    ),
    path("reviews/<int:pk>/tracker/", setup.review_tracker, name="review_tracker"),
    path("reviews/<int:pk>/tracker.<str:fmt>", setup.review_tracker, name="review_tracker_file"),
    path("involvement/<int:pk>/", setup.involvement_answer, name="involvement_answer"),
    path("reviews/<int:pk>/audit/", reviews.review_audit, name="review_audit"),
    path("reviews/<int:pk>/timetable/", timetable.review_timetable, name="review_timetable"),
    path(
        "reviews/<int:pk>/timetable/<int:deadline_pk>/",
        timetable.deadline_edit,
        name="deadline_edit",
    ),
    path("reviews/<int:pk>/extensions/new/", timetable.extension_request, name="extension_request"),
    path(
        "reviews/<int:pk>/extensions/<int:extension_pk>/",
        timetable.extension_decide,
        name="extension_decide",
    ),
    path("reviews/<int:pk>/terms/", terms.terms_detail, name="terms_detail"),
    path("reviews/<int:pk>/terms/edit/", terms.terms_edit, name="terms_edit"),
    path("reviews/<int:pk>/terms/approve/", terms.terms_approve, name="terms_approve"),
    path("reviews/<int:pk>/terms/sign/", terms.terms_sign, name="terms_sign"),
    path("reviews/<int:pk>/terms/pdf/", terms.terms_pdf, name="terms_pdf"),
    path("boards/<slug:slug>/", boards.board_detail, name="board_detail"),
    path("boards/<slug:slug>/edit/", boards.board_edit, name="board_edit"),
    path(
        "boards/<slug:slug>/setup-letters/<str:kind>/",
        letters.setup_letter_template_edit,
        name="setup_letter_template_edit",
    ),
    path("boards/<slug:slug>/agencies/", boards.agency_list, name="agency_list"),
    path("boards/<slug:slug>/agencies/new/", boards.agency_edit, name="agency_create"),
    path("boards/<slug:slug>/agencies/<int:pk>/edit/", boards.agency_edit, name="agency_edit"),
    path("boards/<slug:slug>/people/", boards.people_list, name="people_list"),
    path("boards/<slug:slug>/people/new/", boards.person_add, name="person_add"),
    # The stages' own pages.
    path("", include("referrals.urls")),
]

handler404 = "scr.views.errors.not_found"
handler500 = "scr.views.errors.server_error"
