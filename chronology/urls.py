from django.urls import path

from . import exports, imports, views

urlpatterns = [
    path("reviews/<int:pk>/chronology/", views.review_chronology, name="review_chronology"),
    path(
        "reviews/<int:pk>/chronology/export.<str:fmt>",
        exports.chronology_export,
        name="chronology_export",
    ),
    path(
        "reviews/<int:pk>/chronology/exports/<int:job_pk>/",
        exports.export_job,
        name="chronology_export_job",
    ),
    path(
        "reviews/<int:pk>/chronology/exports/<int:job_pk>/file/",
        exports.export_job_download,
        name="chronology_export_download",
    ),
    path("reviews/<int:pk>/chronology/timeline/", exports.timeline, name="chronology_timeline"),
    path("reviews/<int:pk>/chronology/genogram/", exports.genogram, name="chronology_genogram"),
    path(
        "reviews/<int:pk>/chronology/rows/<int:entry_id>/note/",
        views.annotate,
        name="chronology_annotate",
    ),
    path(
        "reviews/<int:pk>/people-and-codes/", views.review_people_codes, name="review_people_codes"
    ),
    path(
        "reviews/<int:pk>/people-and-codes/<int:person_pk>/",
        views.person_edit,
        name="review_person_edit",
    ),
    path(
        "reviews/<int:pk>/chronologies/<int:agency_pk>/",
        views.agency_chronology,
        name="agency_chronology",
    ),
    path(
        "reviews/<int:pk>/chronologies/<int:agency_pk>/rows/<int:entry_pk>/",
        views.entry_edit,
        name="chronology_entry_edit",
    ),
    path(
        "reviews/<int:pk>/chronologies/<int:agency_pk>/rows/<int:entry_pk>/remove/",
        views.entry_delete,
        name="chronology_entry_delete",
    ),
    path(
        "reviews/<int:pk>/chronologies/<int:agency_pk>/submit/",
        views.chronology_submit,
        name="chronology_submit",
    ),
    path(
        "reviews/<int:pk>/chronologies/<int:agency_pk>/import/",
        imports.chronology_import,
        name="chronology_import",
    ),
    path(
        "reviews/<int:pk>/chronologies/<int:agency_pk>/changes/",
        views.submission_changes,
        name="chronology_changes",
    ),
    path(
        "boards/<slug:slug>/chronology-template.<str:fmt>",
        imports.blank_template,
        name="chronology_template",
    ),
]
