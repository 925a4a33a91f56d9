"""``coachlog calendar``: the coaching calendar, as an iCalendar feed or a listing."""

from __future__ import annotations

import typer

from coachlog.cli.common import (
    FROM,
    SUBJECT,
    TO,
    EmailOptions,
    format_option,
    print_view,
    resolve_format,
    state,
)
from coachlog.render.formats import CALENDAR


def calendar(
    ctx: typer.Context,
    fmt: str = format_option(CALENDAR),
    to: str = TO,
    sender: str = FROM,
    subject: str = SUBJECT,
) -> None:
    """The coaching calendar: next 1:1s, field dates, goal due dates.

    Each rep's next 1:1 (every 1:1 planned from today on, else the day the cadence makes it
    due), your field-coaching dates, and every open goal's due date, one all-day entry each.
    --format ics writes an iCalendar feed (RFC 5545) whose entries keep their UIDs from run to
    run, so a calendar app subscribed to the file updates them instead of adding copies.
    --journal may be given several times: one feed of every team's entries.

    \b
    Example: coachlog calendar --format ics > ~/coaching.ics
    Example: coachlog calendar --format json | jq '.[] | select(.kind == "1on1-due")'
    """
    from coachlog.ops.calendar import gather_calendars
    from coachlog.render.calendar import calendar_view

    fmt = resolve_format(fmt, CALENDAR)
    email = EmailOptions(to, sender, subject)
    email.check(fmt)
    st = state(ctx)
    today = st.today
    teams, entries = gather_calendars(st.journals(), today)
    print_view(st, calendar_view(entries, teams, today), fmt, email)
