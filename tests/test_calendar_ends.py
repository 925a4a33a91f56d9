"""Dates at the calendar's ends (0001-01-01, 9999-12-31) give an answer or one line, never a
traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import Cli

FORMATS = ("markdown", "json", "csv", "table", "slack")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "args",
    [
        ("--today", "9999-12-31", "report"),
        ("report", "--since", "0001-01-01", "--until", "9999-12-31"),
        ("--today", "9999-12-31", "report", "--month", "9999-12"),
        ("--today", "9999-12-31", "report", "--rep", "alice"),
        ("--today", "0001-01-20", "report", "--rep", "alice"),
        ("report", "--month", "0001-01", "--rep", "bob"),
        ("--today", "9999-12-31", "goals", "open"),
    ],
)
def test_a_report_at_the_calendars_ends_answers(
    journal: Path, cli: Cli, args: tuple[str, ...], fmt: str
) -> None:
    cli.ok("new", "1on1", "--rep", "alice")
    cli.ok(*args, "--format", fmt)


def test_months_at_the_calendars_start_are_written_in_full(journal: Path, cli: Cli) -> None:
    report = json.loads(
        cli.ok("--today", "0001-03-10", "report", "--rep", "alice", "--format", "json").stdout
    )
    assert [p["month"] for p in report["detail"]["trend"]][-1] == "0001-03"


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("--today", "9999-12-31", "agenda", "--rep", "alice"), "the calendar's last day"),
        (("--today", "0001-01-01", "agenda", "--rep", "alice"), "the calendar's first day"),
        (("--today", "10000-01-01", "goals", "open"), "--today"),
        (("report", "--since", "0000-12-31"), "--since"),
    ],
)
def test_a_day_the_calendar_cannot_hold_is_one_line(
    journal: Path, cli: Cli, args: tuple[str, ...], says: str
) -> None:
    assert says in cli.fails(*args).stderr
