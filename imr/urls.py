from django.urls import path

from . import exports, views

report = "reviews/<int:pk>/reports/<int:agency_pk>/"
version = report + "versions/<int:number>/"

urlpatterns = [
    path("reviews/<int:pk>/reports/", views.reports_index, name="imr_index"),
    path(report, views.report_detail, name="imr_report"),
    path(report + "sections/<slug:key>/", views.section_edit, name="imr_section"),
    path(report + "methodology/", views.methodology, name="imr_methodology"),
    path(
        report + "methodology/<int:row_pk>/remove/",
        views.consultation_remove,
        name="imr_consultation_remove",
    ),
    path(report + "interviews/", views.interviews, name="imr_interviews"),
    path(report + "interviews/<int:row_pk>/", views.interview_agreement, name="imr_interview"),
    path(report + "recommendations/", views.recommendations, name="imr_recommendations"),
    path(
        report + "recommendations/<int:row_pk>/remove/",
        views.recommendation_remove,
        name="imr_recommendation_remove",
    ),
    path(report + "declare/", views.declare, name="imr_declare"),
    path(report + "submit/", views.submit, name="imr_submit"),
    path(report + "check/", views.quality, name="imr_quality"),
    path(report + "compare/", views.version_compare, name="imr_compare"),
    path(version, views.version_detail, name="imr_version"),
    path(version + "grade/", views.version_grade, name="imr_grade"),
    path(version + "return/", views.version_return, name="imr_return"),
    path(version + "accept/", views.version_accept, name="imr_accept"),
    path(version + "received/", views.version_received, name="imr_received"),
    path(version + "export.<str:fmt>", exports.version_export, name="imr_export"),
    path(version + "exports/<int:job_pk>/", exports.export_job, name="imr_export_job"),
    path(
        version + "exports/<int:job_pk>/file/",
        exports.export_download,
        name="imr_export_download",
    ),
]
