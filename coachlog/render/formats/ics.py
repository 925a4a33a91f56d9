"""``--format ics``: a view's calendar entries as an iCalendar feed (RFC 5545), written by the
``icalendar`` library, for a calendar app to subscribe to or import.

One all-day ``VEVENT`` an entry (``View.events``: ``core.feed.Entry``), transparent (it
reminds, it does not block the day), with the entry's UID, which stays the same from run to run,
so a subscribed calendar updates an entry instead of adding another. ``DTSTAMP`` is the start of
the run's today in UTC (render reads no clock), so the same journal on the same day gives the
same bytes. Only a view with entries (``coachlog calendar``) can be written so.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coachlog.render.formats import register
from coachlog.render.page import Envelope, Terminal, View
from coachlog.render.text import visible

PRODID = "-//coachlog//coaching calendar//EN"


@register("ics")
def render_ics(view: View, _terminal: Terminal, _envelope: Envelope | None) -> str:
    from icalendar import Calendar, Event

    if view.events is None:  # the CLI offers ics only where there are entries
        raise ValueError("this view has no calendar entries")
    feed = view.events
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", visible(feed.name))
    stamp = datetime(feed.today.year, feed.today.month, feed.today.day, tzinfo=UTC)
    for entry in feed.entries:
        event = Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("dtstart", entry.day)
        if entry.day < entry.day.max:
            event.add("dtend", entry.day + timedelta(days=1))
        event.add("summary", visible(entry.summary))
        event.add("description", visible(entry.description))
        event.add("categories", ["coaching", entry.kind])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")
