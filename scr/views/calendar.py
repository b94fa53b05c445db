import uuid
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods
from icalendar import Calendar, Event

from scr import registry
from scr.models import User


@require_http_methods(["GET", "POST"])
def calendar_settings(request: HttpRequest) -> HttpResponse:
    """The address of the user's calendar feed, and a way to make a new one if it leaks."""
    if request.method == "POST":
        request.user.calendar_token = uuid.uuid4()
        request.user.save(update_fields=["calendar_token"])
        messages.success(request, "Your calendar address has changed. The old one no longer works.")
        return redirect("calendar_settings")
    feed = request.build_absolute_uri(reverse("calendar_feed", args=[request.user.calendar_token]))
    return render(request, "scr/calendar_settings.html", {"feed": feed})


@login_not_required
def calendar_feed(request: HttpRequest, token: uuid.UUID) -> HttpResponse:
    """An iCalendar feed of the user's deadlines and meetings. The secret address is the key, so
    calendar apps can read it without signing in."""
    user = User.objects.filter(calendar_token=token, is_active=True).first()
    if user is None:
        raise Http404("Not found")
    calendar = Calendar()
    calendar.add("prodid", "-//Safeguarding case reviews//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Case review deadlines")
    stamp = datetime.now().astimezone()
    for source in registry.calendar_sources:
        for item in source(user):
            event = Event()
            event.add("uid", item.uid)
            event.add("summary", item.title)
            event.add("dtstamp", stamp)
            event.add("dtstart", item.start)
            if isinstance(item.start, datetime):
                event.add("dtend", item.start + timedelta(hours=2))
            elif isinstance(item.start, date):
                event.add("dtend", item.start + timedelta(days=1))
            if item.url:
                event.add("url", request.build_absolute_uri(item.url))
            calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="case-reviews.ics"'
    return response
