from django.urls import path

from . import views

urlpatterns = [
    path("reviews/<int:pk>/action-plans/", views.plans_review, name="plans_review"),
    path(
        "reviews/<int:pk>/action-plans/recommendations/new/",
        views.plan_recommendation_add,
        name="plan_recommendation_add",
    ),
    path(
        "reviews/<int:pk>/action-plans/recommendations/<int:rec_pk>/agree/",
        views.plan_recommendation_agree,
        name="plan_recommendation_agree",
    ),
    path(
        "reviews/<int:pk>/action-plans/recommendations/<int:rec_pk>/actions/new/",
        views.plan_action_add,
        name="plan_action_add",
    ),
    path(
        "reviews/<int:pk>/action-plans/progress-requests/",
        views.plan_request_updates,
        name="plan_request_updates",
    ),
    path("reviews/<int:pk>/action-plans/<int:plan_pk>/", views.plan_detail, name="plan_detail"),
    path(
        "reviews/<int:pk>/action-plans/<int:plan_pk>/sign-off/",
        views.plan_sign_off,
        name="plan_sign_off",
    ),
    path(
        "reviews/<int:pk>/action-plans/<int:plan_pk>/document-control/",
        views.plan_document_control,
        name="plan_document_control",
    ),
    path(
        "reviews/<int:pk>/action-plans/actions/<int:action_pk>/",
        views.plan_action,
        name="plan_action",
    ),
    path(
        "reviews/<int:pk>/action-plans/actions/<int:action_pk>/edit/",
        views.plan_action_edit,
        name="plan_action_edit",
    ),
    path(
        "reviews/<int:pk>/action-plans/actions/<int:action_pk>/progress/",
        views.plan_action_update,
        name="plan_action_update",
    ),
    path(
        "reviews/<int:pk>/action-plans/evidence/<int:evidence_pk>/",
        views.plan_evidence,
        name="plan_evidence",
    ),
    path("action-plans/", views.plans_monitoring, name="plans_monitoring"),
    path("action-plans/report/", views.plans_report, name="plans_report"),
    path("boards/<slug:slug>/action-plans/", views.plans_settings, name="plans_settings"),
]
