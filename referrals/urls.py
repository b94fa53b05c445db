from django.urls import path

from . import views

urlpatterns = [
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/new/", views.referral_create, name="referral_create"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
    path("referrals/<int:pk>/edit/", views.referral_edit, name="referral_edit"),
    path("referrals/<int:pk>/family/", views.referral_family, name="referral_family"),
    path(
        "referrals/<int:pk>/family/<int:member_pk>/remove/",
        views.family_member_remove,
        name="family_member_remove",
    ),
    path("referrals/<int:pk>/requests/", views.referral_requests_send, name="requests_send"),
    path("referrals/<int:pk>/decision/", views.chair_decision, name="chair_decision"),
    path(
        "referrals/<int:pk>/letters/<str:kind>/<str:fmt>/",
        views.letter_download,
        name="letter_download",
    ),
    path("requests/<int:pk>/answer/", views.request_answer, name="request_answer"),
    path("requests/<int:pk>/chase/", views.request_chase, name="request_chase"),
    path("notifications/<int:pk>/sent/", views.notification_sent, name="notification_sent"),
    path("meetings/", views.meeting_list, name="meeting_list"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/agenda/", views.meeting_agenda, name="meeting_agenda"),
    path("meetings/<int:pk>/attendance/", views.meeting_attendance, name="meeting_attendance"),
    path(
        "meetings/<int:pk>/referrals/<int:referral_pk>/view/",
        views.member_view,
        name="member_view",
    ),
    path(
        "meetings/<int:pk>/referrals/<int:referral_pk>/recommendation/",
        views.recommendation,
        name="recommendation",
    ),
    path(
        "boards/<slug:slug>/letters/<str:kind>/",
        views.letter_template_edit,
        name="letter_template_edit",
    ),
]
