"""``coachlog digest``: the week ahead, checked item by item in JSON and read in every other
format; and the cadence rules under it (``core.cadence``, ``core.digest``) directly.

The week (today Tuesday 2026-11-24, so 11-24 to 11-30):

- alice: last 1:1 on 11-16 (cadence 7: due 11-23, a day late); goals due 11-20 (overdue),
  11-27 (due), 12-15 (later), one due 11-22 done; the manager's commitment due 11-26; field
  dates 11-25 (this week) and 12-10.
- bob: last 1:1 on 11-20 (due 11-27); a review he commented on (waiting), one both commented
  on, one he did not comment on, one from October (too old).
- carol: a 1:1 planned on 11-26 (written ahead), so none is due.
- dev: never met: due today.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

import pytest

from coachlog.core.cadence import held, next_one_on_one, planned
from coachlog.core.digest import week_of
from coachlog.model import OneOnOne
from tests.conftest import Cli, from_template
from tests.test_loops import comment
from tests.test_report import add_goal, close, new_1on1

TODAY = "2026-11-24"
CANARY = "QZX9DIGESTSECRET"


def review(cli: Cli, rep: str, day: str, call: str) -> Path:
    result = cli.ok(
        "new", "review", "--rep", rep, "--call", call, "--pick", "struggled",
        "--date", day, "--no-edit", "--today", day,
    )  # fmt: skip
    return cli.cwd / result.stdout.strip()


def build_week(cli: Cli) -> dict[str, str]:
    cli.ok("reps", "add", "dev", "--name", "Dev Patel")
    ids: dict[str, str] = {}
    first = new_1on1(cli, "alice", "2026-11-16")
    ids["overdue"] = add_goal(cli, "alice", "2026-11-16", "Book the Acme CTO call", "2026-11-20")
    ids["due"] = add_goal(cli, "alice", "2026-11-16", "Send the Initech proposal", "2026-11-27")
    ids["later"] = add_goal(cli, "alice", "2026-11-16", "Map Globex's buyers", "2026-12-15")
    ids["done"] = add_goal(cli, "alice", "2026-11-16", "Call Hooli's champion", "2026-11-22")
    close(cli, "done", ids["done"], "2026-11-18")
    ids["mine"] = add_goal(
        cli, "alice", "2026-11-16", "Get Alice a pricing desk slot", "2026-11-26", "action",
        "manager",
    )  # fmt: skip
    cli.ok("goals", "progress", ids["due"], "--value", "0", "--note", CANARY, "--today", TODAY)
    text = first.read_text()
    first.write_text(text.replace("## Private\n", f"## Private\n\n{CANARY}\n", 1))
    cli.ok(
        "focus", "set", "--rep", "alice", "Ask for the next step",
        "--field-dates", "2026-11-25,2026-12-10", "--today", "2026-11-16",
    )  # fmt: skip
    new_1on1(cli, "bob", "2026-11-20")
    comment(review(cli, "bob", "2026-11-21", "Initech pricing"), rep=f"Lost them. {CANARY}")
    both = review(cli, "bob", "2026-11-22", "Umbrella demo")
    comment(both, rep="Good pace.", manager="Agreed.")
    review(cli, "bob", "2026-11-23", "Globex intro")  # not commented on by bob yet
    comment(review(cli, "bob", "2026-10-01", "Hooli intro"), rep="Old one.")
    cli.ok("new", "1on1", "--rep", "carol", "--date", "2026-11-26", "--no-edit", "--today", TODAY)
    ids["field"] = next(
        g["id"]
        for g in json.loads(cli.ok("goals", "open", "--format", "json", "--today", TODAY).stdout)
        if g["due"] == "2026-11-25"
    )
    return ids


@pytest.fixture
def week(journal: Path, templates: Path) -> dict[str, str]:
    return from_template("digest-week", journal, templates, build_week)


def digest_json(cli: Cli, *args: str) -> dict:
    return json.loads(cli.ok("digest", "--format", "json", *args).stdout)


def test_the_digest_json_holds_the_week_item_by_item(week, cli: Cli) -> None:
    data = digest_json(cli)
    assert data["week"] == {"start": "2026-11-24", "end": "2026-11-30"}
    assert [g["id"] for g in data["overdue"]] == [week["overdue"]]
    overdue = data["overdue"][0]
    assert (overdue["rep"], overdue["due"], overdue["overdue"], overdue["status"]) == (
        "alice",
        "2026-11-20",
        True,
        "open",
    )
    # goal objects as `goals open` gives them
    listed = {g["id"]: g for g in json.loads(cli.ok("goals", "open", "--format", "json").stdout)}
    assert overdue.pop("team") == "Enterprise West"  # every item names its team
    assert overdue == listed[week["overdue"]]
    # due this week, soonest first: the field date, the manager's commitment, alice's goal
    assert [g["id"] for g in data["due"]] == [week["field"], week["mine"], week["due"]]
    assert [g["owner"] for g in data["due"]] == ["manager", "manager", "rep"]
    assert [g["id"] for g in data["field_dates"]] == [week["field"]]
    # reps whose 1:1 is due by the week's end, with none planned: carol has one on the 26th
    assert data["reps_due"] == [
        {
            "team": "Enterprise West",
            "rep": "alice",
            "name": "Alice Moreno",
            "last_one_on_one": "2026-11-16",
            "due": "2026-11-23",
            "days_late": 1,
        },
        {
            "team": "Enterprise West",
            "rep": "dev",
            "name": "Dev Patel",
            "last_one_on_one": None,
            "due": TODAY,
            "days_late": 0,
        },
        {
            "team": "Enterprise West",
            "rep": "bob",
            "name": "Bob Chen",
            "last_one_on_one": "2026-11-20",
            "due": "2026-11-27",
            "days_late": 0,
        },
    ]
    assert [(p["rep"], p["date"], p["minutes"]) for p in data["planned"]] == [
        ("carol", "2026-11-26", 40)
    ]
    assert (cli.cwd / data["planned"][0]["record"]).is_file()
    # bob commented on the 21st's call; the 22nd's has both comments, the 23rd's none yet,
    # October's is past four weeks
    assert [
        (r["rep"], r["date"], r["call"], r["days_waiting"]) for r in data["reviews_waiting"]
    ] == [("bob", "2026-11-21", "Initech pricing", 3)]


def test_the_week_moves_with_today_and_a_goal_falls_due_then_late(week, cli: Cli) -> None:
    data = digest_json(cli, "--today", "2026-11-28")
    assert data["week"] == {"start": "2026-11-28", "end": "2026-12-04"}
    assert [g["id"] for g in data["overdue"]] == [
        week["overdue"],
        week["field"],
        week["mine"],
        week["due"],
    ]
    assert data["due"] == [] and data["field_dates"] == []
    # carol's planned 1:1 (the 26th) is past: held, so her next is due on 12-03
    carol = next(r for r in data["reps_due"] if r["rep"] == "carol")
    assert (carol["last_one_on_one"], carol["due"], carol["days_late"]) == (
        "2026-11-26",
        "2026-12-03",
        0,
    )


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "html", "email", "slack"])
def test_the_digest_reads_in_every_format_with_no_private_text(week, cli: Cli, fmt: str) -> None:
    extra = ("--to", "me@example.com", "--from", "me@example.com") if fmt == "email" else ()
    out = cli.ok("digest", "--format", fmt, *extra).stdout
    assert CANARY not in out
    for word in ("Book the Acme CTO call", "Initech pricing", "dev"):
        assert word in out, (fmt, word)
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(out)))
        assert {r["section"] for r in rows} == {
            "overdue",
            "due",
            "field_dates",
            "reps_due",
            "planned",
            "reviews_waiting",
        }
    if fmt == "email":
        assert "Subject: Week ahead, 2026-11-24" in out
    assert CANARY not in cli.ok("digest", "--format", "json").stdout


def test_several_journals_make_one_week_each_item_naming_its_team(week, cli: Cli) -> None:
    import shutil

    other = cli.cwd.parent / f"{cli.cwd.name}-west"
    shutil.copytree(cli.cwd, other, ignore=shutil.ignore_patterns(".coachlog"))
    config = other / "coachlog.yaml"
    config.write_text(config.read_text().replace("Enterprise West", "Mid-Market", 1))
    both = ("--journal", str(cli.cwd), "--journal", str(other))
    data = digest_json(cli, *both)
    assert data["teams"] == ["Enterprise West", "Mid-Market"]
    one = digest_json(cli)
    for key in ("overdue", "due", "reps_due", "planned", "reviews_waiting", "field_dates"):
        assert len(data[key]) == 2 * len(one[key]), key
        assert {item["team"] for item in data[key]} == {"Enterprise West", "Mid-Market"}, key
    assert "| Team |" in cli.ok("digest", *both).stdout
    # the calendar too: one feed, every entry once, the teams' UIDs apart
    from tests.test_calendar_feed import feed

    assert len(feed(cli, *both)) == 2 * len(feed(cli))


def test_the_digest_of_an_empty_journal_says_there_is_nothing(journal: Path, cli: Cli) -> None:
    data = digest_json(cli)
    assert (data["overdue"], data["due"], data["planned"], data["reviews_waiting"]) == ([],) * 4
    assert [r["rep"] for r in data["reps_due"]] == ["alice", "bob", "carol"]  # never met
    text = cli.ok("digest").stdout
    assert "Nothing overdue." in text and "No call review waiting." in text


def test_the_digest_refuses_a_bad_day_in_one_line(journal: Path, cli: Cli) -> None:
    cli.fails("digest", "--today", "2026-02-30")
    cli.fails("digest", "--format", "ics")
    data = digest_json(cli, "--today", "9999-12-30")  # the calendar's last days
    assert data["week"] == {"start": "9999-12-30", "end": "9999-12-31"}


# --- the rules, directly ----------------------------------------------------------------------


def one_on_one(day: date, status: str | None = None, rep: str = "alice") -> OneOnOne:
    return OneOnOne.model_validate(
        {"id": f"{day}-{rep}", "rep": rep, "date": day, "created": f"{day}T09:00:00Z"}
        | ({"status": status} if status else {})
    )


D = date(2026, 11, 24)


@pytest.mark.parametrize(
    ("day", "status", "found"),
    [
        (date(2026, 11, 23), None, "held"),
        (D, None, "held"),  # today's 1:1, no word: being held
        (D, "planned", "held planned"),  # planned for later today: held as reports count it
        (date(2026, 11, 25), None, "planned"),  # written ahead
        (date(2026, 11, 25), "planned", "planned"),
        (date(2026, 11, 25), "cancelled", ""),
        (date(2026, 11, 20), "cancelled", ""),
        (date(2026, 11, 23), "planned", "held"),  # its day passed without a word: held
        (date(2026, 11, 20), "held", "held"),
    ],
)
def test_a_1on1_is_held_planned_or_neither(day: date, status, found: str) -> None:
    record = one_on_one(day, status)
    said = ["held"] * bool(held([record], D)) + ["planned"] * bool(planned([record], D))
    assert " ".join(said) == found


def test_the_next_1on1_is_the_planned_one_else_the_cadence() -> None:
    held = one_on_one(date(2026, 11, 20))
    cancelled = one_on_one(date(2026, 11, 22), "cancelled")
    found = next_one_on_one("alice", [held, cancelled], 7, D)
    assert (found.day, found.last, found.is_planned, found.days_late(D)) == (
        date(2026, 11, 27),
        date(2026, 11, 20),
        False,
        0,
    )
    ahead = one_on_one(date(2026, 12, 1))
    found = next_one_on_one("alice", [held, ahead, one_on_one(date(2026, 11, 29))], 7, D)
    assert (found.day, found.is_planned) == (date(2026, 11, 29), True)
    assert next_one_on_one("dev", [], 7, D).day == D
    late = next_one_on_one("alice", [one_on_one(date(2026, 11, 1))], 7, D)
    assert late.days_late(D) == 16
    end = next_one_on_one("alice", [one_on_one(date(9999, 12, 30))], 7, date(9999, 12, 31))
    assert end.day == date.max


def test_the_week_is_today_and_six_more_days() -> None:
    week = week_of(D)
    assert (week.start, week.end, week.days) == (D, date(2026, 11, 30), 7)
    assert week_of(date(9999, 12, 29)).end == date.max
