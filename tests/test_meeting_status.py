"""What became of a 1:1 (planned, held, cancelled) and reports as of their window, end to end.

The month (November 2026), today 2026-11-24, manager dana:

alice  1:1s Nov 3 (40 min, held as planned), Nov 10 (40 planned, held in 25), Nov 17
       (cancelled), Nov 26 (written on Nov 24: planned)
       #1 behaviour "Open with the agenda" set Oct 5, replaced by "Ask for the next step"
       on Nov 20
       1:1 Oct 27 (40), rated 4 on Nov 5 (after October ended)
       goal set Oct 27, done Nov 6
bob    nothing
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from coachlog.model import OneOnOne
from tests.conftest import Cli, from_template, snapshot

CANARY = "CANARY-7c1f cancelled for a private reason"


def new_1on1(cli: Cli, rep: str, day: str, today: str | None = None) -> tuple[str, Result]:  # noqa: F821
    result = cli.ok(
        "new", "1on1", "--rep", rep, "--no-edit", "--date", day, "--today", today or day
    )
    return Path(result.stdout.strip()).stem, result


def build_month(cli: Cli) -> dict[str, str]:
    ids: dict[str, str] = {}
    cli.ok("focus", "set", "--rep", "alice", "Open with the agenda", "--today", "2026-10-05")
    ids["oct27"], _ = new_1on1(cli, "alice", "2026-10-27")
    goal = cli.ok(
        "goals",
        "add",
        "Book two discovery calls",
        "--rep",
        "alice",
        "--kind",
        "opportunity",
        "--due",
        "2026-11-20",
        "--target",
        "2",
        "--measure",
        "calls",
        "--today",
        "2026-10-27",
    ).stdout.strip()
    cli.ok("rate", "--rep", "alice", "4", "--date", "2026-10-27", "--today", "2026-11-05")
    cli.ok("goals", "done", goal, "--today", "2026-11-06")
    ids["nov03"], _ = new_1on1(cli, "alice", "2026-11-03")
    ids["nov10"], _ = new_1on1(cli, "alice", "2026-11-10")
    cli.ok("held", ids["nov10"], "--minutes", "25", "--today", "2026-11-10")
    ids["nov17"], _ = new_1on1(cli, "alice", "2026-11-17")
    cli.ok("cancel", ids["nov17"], "--note", CANARY, "--today", "2026-11-17")
    cli.ok("focus", "set", "--rep", "alice", "Ask for the next step", "--today", "2026-11-20")
    ids["nov26"], _ = new_1on1(cli, "alice", "2026-11-26", today="2026-11-24")
    return ids


@pytest.fixture
def month(journal: Path, templates: Path) -> dict[str, str]:
    return from_template("meeting-status", journal, templates, build_month)


def report(cli: Cli, *args: str) -> dict[str, Any]:
    return json.loads(cli.ok("report", "--format", "json", *args).stdout)


def row(data: dict[str, Any], rep: str = "alice") -> dict[str, Any]:
    return next(r for r in data["reps"] if r["rep"] == rep)


def front(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    return text.split("---\n", 2)[1]


def test_a_month_with_planned_held_short_and_cancelled_1on1s(month, cli: Cli) -> None:
    alice = row(report(cli, "--month", "2026-11"))
    # counted: Nov 3 (40) and Nov 10 (25); not Nov 17 (cancelled) nor Nov 26 (after today)
    assert alice["one_on_ones"] == 2
    assert alice["coaching_minutes"] == 40 + 25
    assert alice["last_one_on_one"] == "2026-11-10"
    assert alice["days_since"] == 14
    assert "1on1-cadence" in alice["flags"]
    assert alice["target_minutes"] == 180
    # the month once it has ended: the planned 1:1 of Nov 26 has come, at its planned 40
    after = row(report(cli, "--month", "2026-11", "--today", "2026-12-02"))
    assert after["one_on_ones"] == 3
    assert after["coaching_minutes"] == 40 + 25 + 40
    assert after["last_one_on_one"] == "2026-11-26"
    assert after["days_since"] == 4


def test_the_timeline_shows_each_status_and_the_minutes_it_counts(month, cli: Cli) -> None:
    detail = report(cli, "--rep", "alice", "--month", "2026-11")["detail"]
    meetings = {e["id"]: e for e in detail["timeline"] if e["kind"] == "1on1"}
    assert {k: (e["facts"]["status"], e["minutes"]) for k, e in meetings.items()} == {
        month["nov03"]: ("held", 40),
        month["nov10"]: ("held", 25),
        month["nov17"]: ("cancelled", 0),
        month["nov26"]: ("planned", 40),
    }
    november = next(p for p in detail["trend"] if p["month"] == "2026-11")
    assert (november["one_on_ones"], november["coaching_minutes"]) == (2, 65)


def test_the_files_say_what_happened_and_the_note_reaches_no_report(
    month, journal: Path, cli: Cli
) -> None:
    folder = journal / "1on1" / "2026"
    assert "status: held\n" in front(folder / f"{month['nov03']}.md")
    held = front(folder / f"{month['nov10']}.md")
    assert "minutes: 40\nstatus: held\nheld_minutes: 25\n" in held
    cancelled = front(folder / f"{month['nov17']}.md")
    assert "status: cancelled\ncancel_note:" in cancelled
    assert "status: planned\n" in front(folder / f"{month['nov26']}.md")
    for fmt in ("json", "markdown", "csv"):
        out = cli.ok("report", "--rep", "alice", "--month", "2026-11", "--format", fmt).stdout
        assert "CANARY" not in out


def test_a_past_window_is_as_it_was_then(month, cli: Cli) -> None:
    october = row(report(cli, "--month", "2026-10"))
    assert october["focus"]["behaviour"] == "Open with the agenda"
    assert october["focus"]["since"] == "2026-10-05"
    assert october["goals"]["open"] == 1 and october["goals"]["done"] == 0
    # rated on Nov 5, after October ended: not a rating October had
    assert (october["helpful_mean"], october["helpful_ratings"]) == (None, 0)
    november = row(report(cli, "--month", "2026-11"))
    assert november["focus"]["behaviour"] == "Ask for the next step"
    assert november["goals"]["done"] == 1
    # before any #1 behaviour was set, there was none
    september = row(report(cli, "--month", "2026-09"))
    assert september["focus"] is None and "no-focus" in september["flags"]


def test_a_second_1on1_the_same_day_is_written_with_a_warning(month, cli: Cli) -> None:
    _, result = new_1on1(cli, "alice", "2026-11-03")
    assert f"warning: alice already has a 1:1 on 2026-11-03 ({month['nov03']})" in result.stderr
    assert "coachlog cancel" in result.stderr
    # a cancelled 1:1 that day is no reason to warn
    _, again = new_1on1(cli, "alice", "2026-11-17")
    assert "already has a 1:1" not in again.stderr


def test_held_and_cancel_by_prefix_and_what_they_say(month, cli: Cli) -> None:
    result = cli.ok("held", month["nov26"][:15], "--today", "2026-11-26")
    assert result.stdout.strip().endswith(f"{month['nov26']}.md")
    assert "held, 40 minutes" in result.stderr
    result = cli.ok("cancel", month["nov03"])
    assert "cancelled (was held)" in result.stderr
    alice = row(report(cli, "--month", "2026-11", "--today", "2026-11-30"))
    assert (alice["one_on_ones"], alice["coaching_minutes"]) == (2, 25 + 40)


def test_a_1on1_without_a_status_reads_sensibly(month, journal: Path, cli: Cli) -> None:
    folder = journal / "1on1" / "2026"
    for key in ("nov03", "nov26"):
        path = folder / f"{month[key]}.md"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("status: held\n", "").replace("status: planned\n", ""))
    detail = report(cli, "--rep", "alice", "--month", "2026-11")["detail"]
    status = {e["id"]: e["facts"]["status"] for e in detail["timeline"] if e["kind"] == "1on1"}
    assert status[month["nov03"]] == "held" and status[month["nov26"]] == "planned"
    # held gives it its status line back, under minutes
    cli.ok("held", month["nov03"], "--minutes", "30")
    assert "minutes: 40\nstatus: held\nheld_minutes: 30\n" in front(folder / f"{month['nov03']}.md")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("held", "2026-11-26-alice"), "ID: the 1:1 2026-11-26-alice-"),
        (("held", "2026-11"), "is ambiguous"),
        (("held", "2099-01-01-zed"), "no 1:1 id starts with '2099-01-01-zed'"),
        (("held", "2026-11-03-alice", "--minutes", "0"), "--minutes: must be 1 to 1440"),
        (("held", "2026-11-03-alice", "--minutes", "2000"), "--minutes: must be 1 to 1440"),
        (("held", "2026-11-03-alice", "--minutes", "lots"), "'lots' is not a whole number"),
        (("cancel", "2026-11-03-alice", "--note", " "), "--note: the note is empty"),
        (("cancel", ""), "ID: give a 1:1 id"),
        (("held", "2026-11-03-alice", "--today", "2026-13-01"), "--today"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(month, journal, cli: Cli, args, words) -> None:
    before = snapshot(journal)
    result = cli.fails(*args)
    assert words in result.stderr, result.stderr
    assert snapshot(journal) == before


def test_a_hand_broken_1on1_is_named_not_rewritten(month, journal: Path, cli: Cli) -> None:
    path = journal / "1on1" / "2026" / f"{month['nov03']}.md"
    path.write_text(path.read_text().replace("minutes: 40", "minutes: lots", 1))
    before = snapshot(journal)
    result = cli.fails("held", month["nov03"])
    assert f"{month['nov03']}.md:" in result.stderr
    assert snapshot(journal) == before


# --- the rules, directly ----------------------------------------------------------------------


def meeting(day: str, **fields: Any) -> OneOnOne:
    return OneOnOne.model_validate(
        {"id": f"{day}-alice", "rep": "alice", "date": day, "created": f"{day}T09:00:00Z"}
        | {"minutes": 40}
        | fields
    )


@pytest.mark.parametrize(
    ("fields", "today", "status", "counts", "minutes"),
    [
        ({}, "2026-11-10", "held", True, 40),
        ({}, "2026-11-09", "planned", False, 40),
        ({"status": "planned"}, "2026-11-10", "held", True, 40),
        ({"status": "planned"}, "2026-11-09", "planned", False, 40),
        ({"status": "held", "held_minutes": 25}, "2026-11-10", "held", True, 25),
        ({"status": "cancelled"}, "2026-11-10", "cancelled", False, 0),
        ({"status": "cancelled", "held_minutes": 25}, "2026-12-31", "cancelled", False, 0),
    ],
)
def test_status_counting_and_minutes(fields, today, status, counts, minutes) -> None:
    record = meeting("2026-11-10", **fields)
    day = date.fromisoformat(today)
    assert record.status_on(day) == status
    assert record.counts_on(day) is counts
    assert record.coaching_minutes == minutes


def test_a_rating_counts_from_the_day_it_was_given() -> None:
    record = meeting("2026-11-10", helpful=4, rated="2026-11-20")
    assert record.rated_by(date(2026, 11, 19)) is None
    assert record.rated_by(date(2026, 11, 20)) == 4
    assert meeting("2026-11-10", helpful=3).rated_by(date(2026, 11, 10)) == 3
