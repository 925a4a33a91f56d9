"""``coachlog calendar``: the coaching calendar as an iCalendar feed (parsed back by the
``icalendar`` library) and as a listing; UIDs that stay the same from run to run, and as the
journal changes, so a subscribed calendar app updates its entries instead of copying them.

The journal is the digest's week (``tests/test_digest.py``), seen on Tuesday 2026-11-24."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import icalendar

from tests.conftest import Cli
from tests.test_digest import CANARY, TODAY, week  # noqa: F401 - the fixture


def feed(cli: Cli, *args: str) -> dict[str, icalendar.Event]:
    """The feed's events by UID (each UID once)."""
    text = cli.ok("calendar", "--format", "ics", *args).stdout
    calendar = icalendar.Calendar.from_ical(text)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = list(calendar.walk("VEVENT"))
    found = {str(e["UID"]): e for e in events}
    assert len(found) == len(events), "a UID twice"
    return found


def day(event: icalendar.Event) -> date:
    return event.decoded("DTSTART")


def test_the_feed_holds_next_1on1s_field_dates_and_due_dates(week, cli: Cli) -> None:  # noqa: F811
    events = feed(cli)
    assert sorted((day(e), str(e["SUMMARY"])) for e in events.values()) == [
        (date(2026, 11, 20), "Due: Book the Acme CTO call (alice)"),  # late, still shown
        (date(2026, 11, 24), "1:1 due with Alice Moreno (1 day late)"),  # due the 23rd
        (date(2026, 11, 24), "1:1 due with Dev Patel"),  # never met
        (date(2026, 11, 25), "Field coaching with Alice Moreno"),
        (date(2026, 11, 26), "1:1 with Carol Diaz"),  # planned: written ahead
        (date(2026, 11, 26), "Due: Get Alice a pricing desk slot (alice)"),  # the manager's
        (date(2026, 11, 27), "1:1 due with Bob Chen"),  # last on the 20th, every 7 days
        (date(2026, 11, 27), "Due: Send the Initech proposal (alice)"),
        (date(2026, 12, 10), "Field coaching with Alice Moreno"),
        (date(2026, 12, 15), "Due: Map Globex's buyers (alice)"),
    ]  # the goal done on the 18th is not there
    said = {str(e["SUMMARY"]): str(e["DESCRIPTION"]) for e in events.values()}
    assert said["Due: Get Alice a pricing desk slot (alice)"].startswith("Your commitment ")
    assert "Due since 2026-11-23" in said["1:1 due with Alice Moreno (1 day late)"]


def test_uids_are_the_same_from_run_to_run_and_follow_their_entry(week, cli: Cli) -> None:  # noqa: F811
    first = cli.ok("calendar", "--format", "ics").stdout
    assert cli.ok("calendar", "--format", "ics").stdout == first  # byte for byte
    before = feed(cli)
    # the goal's due date moves: the same UID, the new day
    cli.ok("goals", "edit", week["due"], "--due", "2026-12-02", "--today", TODAY)
    # alice's 1:1 is held today: her cadence entry moves a week on, under the same UID
    cli.ok("new", "1on1", "--rep", "alice", "--no-edit", "--today", TODAY)
    after = feed(cli)
    moved = {uid: (day(before[uid]), day(after[uid])) for uid in before if uid in after}
    assert set(after) == set(before)
    changed = {uid: days for uid, days in moved.items() if days[0] != days[1]}
    assert sorted(changed.values()) == [
        (date(2026, 11, 24), date(2026, 12, 1)),
        (date(2026, 11, 27), date(2026, 12, 2)),
    ]
    # a closed goal leaves the feed; nothing else changes
    cli.ok("goals", "done", week["overdue"], "--today", TODAY)
    assert set(feed(cli)) == set(after) - {
        uid for uid, e in after.items() if "Acme CTO" in str(e["SUMMARY"])
    }


def test_each_entry_is_an_all_day_reminder_with_no_private_text(week, cli: Cli) -> None:  # noqa: F811
    text = cli.ok("calendar", "--format", "ics").stdout
    assert CANARY not in text
    for event in feed(cli).values():
        assert isinstance(day(event), date) and not hasattr(day(event), "hour")
        assert (event.decoded("DTEND") - day(event)).days == 1
        assert str(event["TRANSP"]) == "TRANSPARENT"
        assert str(event["UID"]).endswith("@enterprise-west.coachlog")
        assert event.decoded("DTSTAMP").isoformat() == "2026-11-24T00:00:00+00:00"


def test_the_calendar_lists_by_day_in_other_formats(week, cli: Cli) -> None:  # noqa: F811
    rows = json.loads(cli.ok("calendar", "--format", "json").stdout)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert {r["kind"] for r in rows} == {"1on1", "1on1-due", "field", "goal"}
    assert all(r["uid"] for r in rows)
    text = cli.ok("calendar").stdout
    assert "| 2026-11-25 | field coaching | alice | Field coaching with Alice Moreno |" in text
    assert CANARY not in text + json.dumps(rows)


def test_the_calendar_refuses_in_one_line(journal: Path, cli: Cli) -> None:
    cli.fails("calendar", "--format", "pdf")
    cli.fails("calendar", "--today", "2026-13-01")
    cli.fails("calendar", "--to", "me@example.com")  # only with --format email
    # at the calendar's last day, every entry still fits
    events = feed(cli, "--today", "9999-12-31")
    assert {day(e) for e in events.values()} == {date(9999, 12, 31)}


def test_the_feed_ends_its_lines_as_rfc_5545_says_and_shows_controls_escaped() -> None:
    from coachlog.core.feed import Entry
    from coachlog.render.calendar import calendar_view
    from coachlog.render.formats.ics import render_ics
    from coachlog.render.page import Terminal

    entry = Entry(
        "T", "goal-1@t.coachlog", date(2026, 11, 24), "goal", "alice", "Due: a\x1b", "", ""
    )
    text = render_ics(calendar_view([entry], ["T"], date(2026, 11, 24)), Terminal(), None)
    assert text.endswith("END:VCALENDAR\r\n") and "\n" not in text.replace("\r\n", "")
    assert "\x1b" not in text
    event = next(iter(icalendar.Calendar.from_ical(text).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "Due: a\\x1b"  # shown, not obeyed


def test_a_uid_names_its_entry_and_its_team() -> None:
    from coachlog.core.feed import uid

    assert uid("1on1-due", "alice", "Enterprise West") == uid(
        "1on1-due", "alice", "Enterprise West"
    )
    assert uid("1on1-due", "alice", "Enterprise West") != uid("1on1-due", "alice", "Mid-Market")
    assert uid("1on1-due", "alice", "").endswith("@journal.coachlog")
    assert uid("goal", "alice", "T") != uid("field", "alice", "T")
