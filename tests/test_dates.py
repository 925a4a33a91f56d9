"""Dates as people type them: every form, at the calendar's ends, and through a date option."""

from __future__ import annotations

import json
from datetime import date

import pytest

from coachlog.core.calendar import FiscalCalendar
from coachlog.core.dates import end_of_quarter, parse_day

TUESDAY = date(2026, 11, 24)
FEBRUARY = FiscalCalendar(period="quarter", start_month=2, start_day=1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2026-12-04", date(2026, 12, 4)),
        ("today", TUESDAY),
        ("Tomorrow", date(2026, 11, 25)),
        ("yesterday", date(2026, 11, 23)),
        ("+3d", date(2026, 11, 27)),
        ("-3d", date(2026, 11, 21)),
        ("+2w", date(2026, 12, 8)),
        ("+1m", date(2026, 12, 24)),
        ("+3m", date(2027, 2, 24)),
        ("-1m", date(2026, 10, 24)),
        ("friday", date(2026, 11, 27)),
        ("Fri", date(2026, 11, 27)),
        ("tuesday", date(2026, 12, 1)),  # the next one after today, not today
        ("monday", date(2026, 11, 30)),
        ("wednesday", date(2026, 11, 25)),
        ("eom", date(2026, 11, 30)),
        ("eoq", date(2027, 1, 31)),  # Q4 of a year from February: November to January
    ],
)
def test_every_form_a_date_option_takes(text: str, expected: date) -> None:
    assert parse_day(text, TUESDAY, FEBRUARY) == expected


@pytest.mark.parametrize(
    ("today", "calendar", "expected"),
    [
        (date(2026, 1, 31), FEBRUARY, date(2026, 1, 31)),  # the quarter's last day is itself
        (date(2026, 2, 1), FEBRUARY, date(2026, 4, 30)),
        (date(2026, 5, 15), FEBRUARY, date(2026, 7, 31)),
        (date(2026, 11, 24), FiscalCalendar(), date(2026, 12, 31)),
        (date(2026, 2, 10), FiscalCalendar(), date(2026, 3, 31)),
        # a journal counting months still has fiscal quarters for eoq
        (date(2026, 3, 3), FiscalCalendar("month", 2, 1), date(2026, 4, 30)),
        (date(2026, 8, 20), FiscalCalendar("quarter", 7, 15), date(2026, 10, 14)),
    ],
)
def test_eoq_is_the_end_of_the_fiscal_quarter(
    today: date, calendar: FiscalCalendar, expected: date
) -> None:
    assert end_of_quarter(today, calendar) == expected
    assert parse_day("eoq", today, calendar) == expected


def test_months_count_as_dateutil_counts_them() -> None:
    assert parse_day("+1m", date(2027, 1, 31)) == date(2027, 2, 28)
    assert parse_day("+1m", date(2028, 1, 31)) == date(2028, 2, 29)
    assert parse_day("eom", date(2028, 2, 3)) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("text", "today", "says"),
    [
        ("+1d", date(9999, 12, 31), "past the calendar's ends"),
        ("-1d", date(1, 1, 1), "past the calendar's ends"),
        ("+1m", date(9999, 12, 15), "past the calendar's ends"),
        ("friday", date(9999, 12, 31), "past the calendar's ends"),
        ("eoq", date(9999, 12, 15), "past the calendar's ends"),
        ("+99999m", TUESDAY, "past the calendar's ends"),
        ("fryday", TUESDAY, "is not a date; use YYYY-MM-DD, today, tomorrow"),
        ("+2y", TUESDAY, "is not a date"),
        ("2026-02-30", TUESDAY, "not a real day"),
        ("", TUESDAY, "is not a date"),
    ],
)
def test_a_date_that_is_not_one_says_why(text: str, today: date, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        parse_day(text, today, FEBRUARY)


def test_without_today_only_a_day_is_taken() -> None:
    assert parse_day("2026-11-24") == TUESDAY
    with pytest.raises(ValueError, match="use YYYY-MM-DD"):
        parse_day("friday")


def test_date_options_take_the_words_and_eoq_follows_the_journals_fiscal_year(cli, journal):
    cli.ok("new", "1on1", "--rep", "alice", "--no-edit")
    goal = cli.ok(
        "goals", "add", "Book a demo", "--rep", "alice", "--kind", "action", "--due", "eoq"
    ).stdout.strip()
    cli.ok("goals", "edit", goal, "--due", "friday")
    found = json.loads(cli.ok("goals", "open", "--format", "json").stdout)
    assert [g["due"] for g in found] == ["2026-11-27"]
    cli.ok("goals", "edit", goal, "--due", "EOQ")
    found = json.loads(cli.ok("goals", "open", "--format", "json").stdout)
    assert [g["due"] for g in found] == ["2027-01-31"]  # the journal's year starts February 1
    agenda = json.loads(cli.ok("agenda", "--rep", "bob", "--date", "+1m", "-f", "json").stdout)
    assert agenda["date"] == "2026-12-24"


def test_a_wrong_date_word_is_one_line_naming_the_flag(cli, journal):
    cli.ok("new", "1on1", "--rep", "alice", "--no-edit")
    err = cli.fails("goals", "add", "x", "--rep", "alice", "--kind", "action", "--due", "fryday")
    assert err.stderr.startswith("coachlog: error: --due: 'fryday' is not a date; use YYYY-MM-DD")
    err = cli.fails("report", "--since", "+1m", "--today", "9999-12-20")
    assert "--since" in err.stderr and "past the calendar's ends" in err.stderr
