"""Chronology pages: the key of people and codes, an agency's own chronology (typed or uploaded),
and the panel's integrated chronology with its timeline and genogram."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from scr import services as core
from scr.access import Perm, get_for_user_or_404, log_access, refuse
from scr.models import Agency, Review
from scr.models.audit import AccessAction
from scr.views.util import apply_errors, posted

from . import selectors, services
from .forms import AnnotationForm, EntryForm, FilterForm, PersonForm, RelationshipForm
from .models import (
    AgencyChronology,
    ChronologyEntry,
    ChronologyStatus,
    PersonKind,
    ReviewPerson,
)
from .rules import agencies_written_by, is_panel

REVIEWS = Review.objects.select_related("board")


def _panel_review(request: HttpRequest, pk: int) -> Review:
    review = get_for_user_or_404(request, REVIEWS, Perm.VIEW_REVIEW, pk=pk)
    if not is_panel(request.user, review):
        raise refuse(request, Review, {"pk": pk})
    return review


def _agency_chronology(request: HttpRequest, pk: int, agency_pk: int) -> AgencyChronology:
    """An agency's own chronology: only its author and senior manager on this review."""
    review = get_for_user_or_404(request, REVIEWS, Perm.VIEW_REVIEW, pk=pk)
    if agency_pk not in agencies_written_by(request.user, review):
        raise refuse(request, Agency, {"pk": agency_pk})
    agency = Agency.objects.get(pk=agency_pk)
    chronology = services.chronology_for(review, agency)
    chronology.review = review
    return chronology


# People and codes ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def review_people_codes(request: HttpRequest, pk: int) -> HttpResponse:
    review = _panel_review(request, pk)
    people = ReviewPerson.objects.filter(review=review).select_related("agency")
    which = request.POST.get("part") if request.method == "POST" else None
    person_form = PersonForm(
        request.POST if which == "person" else None,
        initial={"kind": PersonKind.FAMILY, "sex": "unknown"},
    )
    relationship_form = RelationshipForm(
        request.POST if which == "relationship" else None,
        people=people.filter(kind=PersonKind.FAMILY),
    )
    bound = {"person": person_form, "relationship": relationship_form}.get(which)
    if bound is not None and bound.is_valid():
        data = dict(bound.cleaned_data)
        data.pop("version", None)
        try:
            if which == "person":
                services.person_save(review=review, by=request.user, **data)
                done = f"{data['code']} is added."
            else:
                services.relationship_add(review=review, by=request.user, **data)
                done = "The relationship is added."
        except ValidationError as error:
            apply_errors(bound, error)
        else:
            messages.success(request, done)
            return redirect("review_people_codes", pk=pk)
    log_access(request, AccessAction.VIEW, review, description="Key of codes to names")
    for form, name in ((person_form, "person"), (relationship_form, "relationship")):
        form.fields["part"] = _part_field(name)
    return render(
        request,
        "chronology/people.html",
        {
            "review": review,
            "people": people,
            "relationships": review.relationships.select_related("a", "b"),
            "person_form": person_form,
            "relationship_form": relationship_form,
            "form": bound if bound is not None and bound.errors else None,
            "can_manage": core_can_manage(request, review),
        },
    )


def _part_field(name: str):
    from django import forms

    return forms.CharField(widget=forms.HiddenInput, initial=name)


def core_can_manage(request, review) -> bool:
    from scr.access import can

    return can(request.user, Perm.MANAGE_REVIEW, review)


@require_http_methods(["GET", "POST"])
def person_edit(request: HttpRequest, pk: int, person_pk: int) -> HttpResponse:
    review = _panel_review(request, pk)
    person = review.people.filter(pk=person_pk).first()
    if person is None:
        raise refuse(request, ReviewPerson, {"pk": person_pk})
    fields = ("kind", "code", "name", "relationship", "sex", "born_on", "died_on", "ethnicity")
    initial = {name: getattr(person, name) for name in fields}
    initial.update(
        in_household=person.in_household, is_subject=person.is_subject, twin_group=person.twin_group
    )
    form = PersonForm(posted(request), initial=initial, version=core.version_of(person))
    if request.method == "POST" and form.is_valid():
        try:
            services.person_save(review=review, by=request.user, person=person, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, f"{person.code} is saved.")
            return redirect("review_people_codes", pk=pk)
    return render(
        request, "chronology/person_edit.html", {"review": review, "person": person, "form": form}
    )


# An agency's chronology --------------------------------------------------------------------------


def _entry_form(request, chronology, data=None, **kwargs):
    people = ReviewPerson.objects.filter(review=chronology.review)
    return EntryForm(
        data,
        family=people.filter(kind=PersonKind.FAMILY),
        staff=people.filter(kind=PersonKind.STAFF),
        columns=chronology.review.board.chronology_columns,
        **kwargs,
    )


@require_http_methods(["GET", "POST"])
def agency_chronology(request: HttpRequest, pk: int, agency_pk: int) -> HttpResponse:
    chronology = _agency_chronology(request, pk, agency_pk)
    form = _entry_form(request, chronology, posted(request))
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("version", None)
        try:
            services.entry_save(
                chronology=chronology, by=request.user, today=timezone.localdate(), **data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The row is added. Add the next one below.")
            return redirect(reverse("agency_chronology", args=[pk, agency_pk]) + "#add-row")
    entries = chronology.entries.prefetch_related("people", "staff")
    rows = [selectors.snapshot_row(entry, chronology.agency) for entry in entries]
    columns = chronology.review.board.chronology_columns
    latest = chronology.submissions.first()
    return render(
        request,
        "chronology/agency.html",
        {
            "review": chronology.review,
            "chronology": chronology,
            "columns": columns,
            "rows": list(zip(rows, selectors.table(rows, columns), strict=True)),
            "form": form,
            "latest": latest,
            "can_submit": bool(rows) and chronology.status != ChronologyStatus.SUBMITTED,
        },
    )


@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, pk: int, agency_pk: int, entry_pk: int) -> HttpResponse:
    chronology = _agency_chronology(request, pk, agency_pk)
    entry = chronology.entries.filter(pk=entry_pk).first()
    if entry is None:
        raise refuse(request, ChronologyEntry, {"pk": entry_pk})
    names = (
        "occurred_precision",
        "occurred_on",
        "occurred_text",
        "time",
        "learned_on",
        "contact_type",
        "event",
        "present",
        "source",
        "action",
        "child_seen",
        "views_wishes",
        "comment",
        "good_practice",
        "concern",
    )
    initial = {name: getattr(entry, name) for name in names}
    initial.update(people=list(entry.people.all()), staff=list(entry.staff.all()))
    form = _entry_form(
        request, chronology, posted(request), initial=initial, version=core.version_of(entry)
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.entry_save(
                chronology=chronology,
                by=request.user,
                today=timezone.localdate(),
                entry=entry,
                **form.cleaned_data,
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The row is saved.")
            return redirect("agency_chronology", pk=pk, agency_pk=agency_pk)
    return render(
        request,
        "chronology/entry_edit.html",
        {"review": chronology.review, "chronology": chronology, "entry": entry, "form": form},
    )


@require_POST
def entry_delete(request: HttpRequest, pk: int, agency_pk: int, entry_pk: int) -> HttpResponse:
    chronology = _agency_chronology(request, pk, agency_pk)
    entry = chronology.entries.filter(pk=entry_pk).first()
    if entry is None:
        raise refuse(request, ChronologyEntry, {"pk": entry_pk})
    services.entry_delete(entry=entry, by=request.user)
    messages.success(request, "The row is removed.")
    return redirect("agency_chronology", pk=pk, agency_pk=agency_pk)


@require_POST
def chronology_submit(request: HttpRequest, pk: int, agency_pk: int) -> HttpResponse:
    chronology = _agency_chronology(request, pk, agency_pk)
    try:
        submission = services.chronology_submit(
            chronology=chronology, by=request.user, now=timezone.now()
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            f"Submission {submission.number} is with the panel: {len(submission.rows)} rows.",
        )
    return redirect("agency_chronology", pk=pk, agency_pk=agency_pk)


# The panel's integrated chronology ------------------------------------------------------------


def _filters(request, review, merged_agencies, codes):
    form = FilterForm(request.GET or None, agencies=merged_agencies, codes=codes)
    filters = selectors.Filters()
    gap = 60
    if form.is_bound:
        form.is_valid()  # an invalid filter is shown in the error summary; the rest still apply
        data = form.cleaned_data
        filters = selectors.Filters(
            agencies={int(a) for a in data.get("agency") or ()},
            person=data.get("person"),
            child_seen=set(data.get("child_seen") or ()),
            flags=set(data.get("flags") or ()),
            start=data.get("start"),
            end=data.get("end"),
        )
        gap = data.get("gap") or gap
    return form, filters, gap


def review_chronology(request: HttpRequest, pk: int) -> HttpResponse:
    review = _panel_review(request, pk)
    # Only the agencies here: the rows themselves are read once, by the merge.
    submissions = list(selectors.latest_submissions(review).defer("rows"))
    merged_agencies = [(s.chronology.agency_id, s.chronology.agency.name) for s in submissions]
    codes = list(review.people.values_list("code", flat=True))
    form, filters, gap = _filters(request, review, merged_agencies, codes)
    merged = selectors.integrated(review, filters, gap_days=gap)
    columns = review.board.chronology_columns
    notes = selectors.annotations_by_entry(review)
    page = Paginator(merged.rows, ROWS_PER_PAGE).get_page(_page_holding(request, merged.rows))
    rows = [
        (row, cells, notes.get(row["id"], []))
        for row, cells in zip(
            page.object_list, selectors.table(page.object_list, columns), strict=True
        )
    ]
    kept = request.GET.copy()
    for name in ("page", "entry", "day"):
        kept.pop(name, None)
    chronologies = AgencyChronology.objects.filter(review=review).select_related("agency")
    log_access(request, AccessAction.VIEW, review, description="Integrated chronology")
    return render(
        request,
        "chronology/integrated.html",
        {
            "review": review,
            "merged": merged,
            "rows": rows,
            "columns": columns,
            "filter_form": form,
            "gap": gap,
            "chronologies": chronologies,
            "query": kept.urlencode(),
            "page": page,
            "can_manage": core_can_manage(request, review),
        },
    )


# The panel reads a long chronology a page at a time; counts, gaps and shared days are always
# worked out over every row.
ROWS_PER_PAGE = 100


def _page_holding(request: HttpRequest, rows: list[dict]):
    """The page asked for, or the page that holds the row (``entry``) or day (``day``) a link
    points at."""
    entry, day = request.GET.get("entry"), request.GET.get("day")
    for index, row in enumerate(rows):
        if (entry and str(row["id"]) == entry) or (day and row["sort_date"] == day):
            return index // ROWS_PER_PAGE + 1
    return request.GET.get("page")


@require_http_methods(["GET", "POST"])
def annotate(request: HttpRequest, pk: int, entry_id: int) -> HttpResponse:
    review = _panel_review(request, pk)
    row = next(
        (r for s in selectors.latest_submissions(review) for r in s.rows if r["id"] == entry_id),
        None,
    )
    if row is None:
        raise refuse(request, ChronologyEntry, {"pk": entry_id})
    form = AnnotationForm(posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.annotate(
                review=review, by=request.user, entry_id=entry_id, **form.cleaned_data
            )
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "The note is added.")
            return redirect(
                reverse("review_chronology", args=[pk]) + f"?entry={entry_id}#entry-{entry_id}"
            )
    return render(request, "chronology/annotate.html", {"review": review, "row": row, "form": form})


def submission_changes(request: HttpRequest, pk: int, agency_pk: int) -> HttpResponse:
    """What an agency changed between two of its submissions (the latest two unless chosen)."""
    review = _panel_review(request, pk)
    chronology = review.chronologies.filter(agency_id=agency_pk).select_related("agency").first()
    if chronology is None:
        raise refuse(request, AgencyChronology, {"agency_id": agency_pk})
    submissions = list(chronology.submissions.all())
    by_number = {s.number: s for s in submissions}
    try:
        newer = by_number.get(int(request.GET.get("to", 0))) or (
            submissions[0] if submissions else None
        )
        older = by_number.get(int(request.GET.get("from", 0))) or (
            submissions[1] if len(submissions) > 1 else None
        )
    except ValueError:
        newer, older = (submissions[0] if submissions else None), None
    diff = selectors.submission_diff(older.rows if older else [], newer.rows if newer else [])
    return render(
        request,
        "chronology/changes.html",
        {
            "review": review,
            "chronology": chronology,
            "submissions": submissions,
            "older": older,
            "newer": newer,
            "diff": diff,
        },
    )
