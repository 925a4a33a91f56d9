"""Coaching goals end to end, through the CLI: set, roll forward, progress, close, list, warn,
refuse bad input, and leave hand edits alone."""

from __future__ import annotations

import csv
import difflib
import io
import json
import re
from datetime import date
from pathlib import Path

import frontmatter
import pytest

from tests.conftest import Cli, Result, add_goal, as_written_by_0_1, from_template, snapshot

ANSI = re.compile(r"\x1b\[")
GOOD = ("--due", "2026-12-15", "--target", "2", "--measure", "meetings", "--why", "Acme moves on")


# --- helpers ----------------------------------------------------------------------------------


def new_1on1(cli: Cli, rep: str, today: str) -> Path:
    result = cli.ok("new", "1on1", "--rep", rep, "--no-edit", "--today", today)
    return cli.cwd / result.stdout.strip()


def front(path: Path) -> dict:
    """The front matter as python-frontmatter (PyYAML) reads it."""
    return frontmatter.load(str(path)).metadata


def goal_in(path: Path, goal_id: str) -> dict:
    found = [g for g in front(path).get("goals") or [] if g["id"] == goal_id]
    assert len(found) == 1, f"{goal_id} in {path.name}: {found}"
    return found[0]


def goal_ids(path: Path) -> list[str]:
    return [g["id"] for g in front(path).get("goals") or []]


def warnings_of(result: Result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("warning:")]


def open_json(cli: Cli, *args: str) -> list[dict]:
    return json.loads(cli.ok("goals", "open", "--format", "json", *args).stdout)


def set_created(path: Path, stamp: str) -> None:
    text = path.read_text()
    new = re.sub(r"(?m)^created: .*$", f"created: {stamp}", text, count=1)
    assert new != text
    path.write_text(new)


def replace_once(path: Path, old: str, new: str) -> None:
    """Replace ``old`` where it is a whole line of front matter (a key and value, or a list
    item), as a person editing the file would; it must be there once."""
    text = path.read_text()
    pattern = re.compile(r"(?m)^([ \t]*(?:-[ \t]+)?)" + re.escape(old) + r"(?=[ \t]*(?:#.*)?$)")
    assert len(pattern.findall(text)) == 1, (old, text)
    path.write_text(pattern.sub(lambda m: m.group(1) + new, text))


def line_number(path: Path, text: str, occurrence: int = 1) -> int:
    hits = [n for n, line in enumerate(path.read_text().splitlines(), 1) if line == text]
    return hits[occurrence - 1]


@pytest.fixture
def alice_1on1(journal: Path, cli: Cli) -> Path:
    return new_1on1(cli, "alice", "2026-11-24")


# --- the life of a goal -----------------------------------------------------------------------


def test_goal_set_rolled_forward_progressed_and_closed_tells_its_story(journal, cli: Cli) -> None:
    first = new_1on1(cli, "alice", "2026-11-03")
    goal_id = add_goal(
        cli,
        "Book the technical validation call with Acme's CTO",
        "--rep",
        "alice",
        "--kind",
        "opportunity",
        "--verifier",
        "advance",
        "--deal",
        "Acme",
        "--due",
        "2026-11-30",
        "--target",
        "3",
        "--measure",
        "calls",
        today="2026-11-03",
    )
    assert goal_ids(first) == [goal_id]
    written = goal_in(first, goal_id)
    assert written["status"] == "open"
    assert written["set"] == date(2026, 11, 3)
    assert written["due"] == date(2026, 11, 30)
    assert (written["kind"], written["verifier"], written["deal"]) == (
        "opportunity",
        "advance",
        "Acme",
    )

    second = new_1on1(cli, "alice", "2026-11-10")
    cli.ok(
        "goals",
        "progress",
        goal_id,
        "--value",
        "2",
        "--note",
        "two booked",
        "--today",
        "2026-11-12",
    )
    third = new_1on1(cli, "alice", "2026-11-17")
    for later in (second, third):
        carried = goal_in(later, goal_id)
        assert carried["status"] == "open"
        assert carried["set"] == date(2026, 11, 3)
        assert carried["title"] == "Book the technical validation call with Acme's CTO"
    # the progress was written where the goal stood then, and travelled on with it
    assert goal_in(first, goal_id).get("progress") is None
    assert goal_in(second, goal_id)["progress"] == 2
    assert goal_in(third, goal_id)["progress"] == 2

    result = cli.ok("goals", "progress", goal_id[:4], "--value", "3", "--today", "2026-11-18")
    assert "3 of 3" in result.stdout
    assert goal_in(third, goal_id)["progress"] == 3
    assert goal_in(second, goal_id)["progress"] == 2

    result = cli.ok(
        "goals", "done", goal_id[:3], "--note", "CTO call on Tuesday", "--today", "2026-11-20"
    )
    assert goal_id in result.stdout and "done" in result.stdout
    closed = goal_in(third, goal_id)
    assert closed["status"] == "done"
    assert closed["closed"] == date(2026, 11, 20)
    # the earlier records keep what they said at the time
    assert goal_in(first, goal_id)["status"] == "open"
    assert goal_in(second, goal_id)["status"] == "open"

    story = json.loads(cli.ok("goals", "show", goal_id, "--format", "json").stdout)
    assert story["id"] == goal_id
    assert story["rep"] == "alice"
    assert story["status"] == "done"
    assert story["closed"] == "2026-11-20"
    assert story["set"] == "2026-11-03"
    assert story["record"] == str(third.relative_to(journal))
    assert any("CTO call on Tuesday" in n and "2026-11-20" in n for n in story["notes"])
    assert any("two booked" in n for n in story["notes"])
    history = story["history"]
    assert [h["record"] for h in history] == [
        str(p.relative_to(journal)) for p in (first, second, third)
    ]
    assert [h["date"] for h in history] == ["2026-11-03", "2026-11-10", "2026-11-17"]
    assert [h["status"] for h in history] == ["open", "open", "done"]
    assert [h["progress"] for h in history] == [None, 2, 3]

    fourth = new_1on1(cli, "alice", "2026-11-24")
    assert goal_id not in goal_ids(fourth)
    assert open_json(cli, "--rep", "alice") == []


def test_new_1on1_rolls_forward_once_only(alice_1on1: Path, cli: Cli) -> None:
    goal_id = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    again = new_1on1(cli, "alice", "2026-11-24")
    third = new_1on1(cli, "alice", "2026-11-25")
    assert goal_ids(again) == [goal_id]
    assert goal_ids(third) == [goal_id]
    assert [g["id"] for g in open_json(cli)] == [goal_id]


def test_goal_set_later_is_not_rolled_into_a_back_filled_earlier_1on1(alice_1on1, cli) -> None:
    goal_id = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    earlier = new_1on1(cli, "alice", "2026-11-17")  # back-filled, before the goal was set
    assert goal_id not in goal_ids(earlier)


def test_other_reps_goals_are_not_rolled_forward(alice_1on1, cli: Cli) -> None:
    add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    bob = new_1on1(cli, "bob", "2026-11-24")
    assert goal_ids(bob) == []


def test_missed_and_dropped_goals_close_too(alice_1on1: Path, cli: Cli) -> None:
    missed = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    dropped = add_goal(cli, "Map the Acme org chart", "--rep", "alice", "--kind", "action", *GOOD)
    cli.ok("goals", "miss", missed, "--note", "CTO on leave")
    cli.ok("goals", "drop", dropped)
    assert goal_in(alice_1on1, missed)["status"] == "missed"
    assert goal_in(alice_1on1, dropped)["status"] == "dropped"
    assert goal_in(alice_1on1, dropped)["closed"] == date(2026, 11, 24)
    assert open_json(cli) == []
    later = new_1on1(cli, "alice", "2026-12-01")
    assert goal_ids(later) == []


# --- two 1:1s on one day ------------------------------------------------------------------------


def test_later_created_1on1_of_the_same_day_holds_the_goal(journal, cli: Cli) -> None:
    morning = new_1on1(cli, "alice", "2026-11-24")
    goal_id = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    afternoon = new_1on1(cli, "alice", "2026-11-24")
    assert morning != afternoon
    # `created` is to the second; name the hours so the order does not rest on the clock
    set_created(morning, "2026-11-24T09:00:00Z")
    set_created(afternoon, "2026-11-24T15:30:00Z")
    assert goal_in(afternoon, goal_id)["status"] == "open"

    cli.ok("goals", "progress", goal_id, "--value", "1")
    assert goal_in(afternoon, goal_id)["progress"] == 1
    assert goal_in(morning, goal_id).get("progress") is None

    # a new goal goes into the newest 1:1 of the day
    other = add_goal(cli, "Map the Acme org chart", "--rep", "alice", "--kind", "action", *GOOD)
    assert other in goal_ids(afternoon) and other not in goal_ids(morning)

    cli.ok("goals", "done", goal_id)
    assert goal_in(afternoon, goal_id)["status"] == "done"
    assert goal_in(morning, goal_id)["status"] == "open"
    assert [g["id"] for g in open_json(cli)] == [other]
    story = json.loads(cli.ok("goals", "show", goal_id, "--format", "json").stdout)
    assert story["status"] == "done"
    assert story["record"] == str(afternoon.relative_to(journal))
    assert [h["record"] for h in story["history"]] == [
        str(morning.relative_to(journal)),
        str(afternoon.relative_to(journal)),
    ]


def test_the_later_created_record_wins_even_when_its_file_sorts_first(journal, cli) -> None:
    one = new_1on1(cli, "alice", "2026-11-24")
    goal_id = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    two = new_1on1(cli, "alice", "2026-11-24")
    # whichever file name sorts last, make the other one the later-created
    early, late = sorted([one, two], key=lambda p: p.name, reverse=True)
    set_created(early, "2026-11-24T08:00:00Z")
    set_created(late, "2026-11-24T17:00:00Z")
    replace_once(late, "status: open", "status: missed")  # the newest record says missed
    assert open_json(cli) == []
    story = json.loads(cli.ok("goals", "show", goal_id, "--format", "json").stdout)
    assert story["status"] == "missed"
    assert story["record"] == str(late.relative_to(journal))


# --- goals open -----------------------------------------------------------------------------------


def build_many_goals(cli: Cli) -> dict[str, str]:
    """Alice with four open goals of every sort, Bob with one."""
    new_1on1(cli, "alice", "2026-11-24")
    new_1on1(cli, "bob", "2026-11-24")
    a = ("--rep", "alice")
    ids = {
        "overdue": add_goal(
            cli, "Run 5 discovery calls", *a, "--kind", "action",
            "--due", "2026-11-23", "--target", "5",
        ),
        "due_today": add_goal(
            cli, "Map the Acme org chart", *a, "--kind", "opportunity",
            "--due", "2026-11-24", "--target", "1",
        ),
        "no_due": add_goal(
            cli, "Shadow a senior AE on two demos", *a, "--kind", "career", "--target", "2"
        ),
        "manager": add_goal(
            cli, "Join Alice on the Initech demo", *a, "--kind", "action",
            "--owner", "manager", "--due", "2026-11-20",
        ),
        "bob": add_goal(
            cli, "Raise average deal size 10%", "--rep", "bob", "--kind", "performance", *GOOD
        ),
    }  # fmt: skip
    return ids


@pytest.fixture
def many_goals(journal: Path, templates: Path) -> dict[str, str]:
    return from_template("many-goals", journal, templates, build_many_goals)


PROMISED = ("id", "rep", "title", "kind", "owner", "status", "set", "due", "overdue", "record")


def test_goals_open_json_has_the_promised_fields(many_goals, cli: Cli) -> None:
    rows = open_json(cli)
    assert sorted(r["id"] for r in rows) == sorted(many_goals.values())
    for row in rows:
        for key in PROMISED:
            assert key in row, key
        assert row["status"] == "open"
        assert isinstance(row["overdue"], bool)
        assert row["set"] == "2026-11-24"
        assert (cli.cwd / row["record"]).is_file()
        assert goal_in(cli.cwd / row["record"], row["id"])["title"] == row["title"]
    by_id = {r["id"]: r for r in rows}
    manager = by_id[many_goals["manager"]]
    assert (manager["rep"], manager["owner"], manager["kind"]) == ("alice", "manager", "action")
    assert by_id[many_goals["bob"]]["rep"] == "bob"
    assert by_id[many_goals["no_due"]]["due"] is None
    assert by_id[many_goals["due_today"]]["due"] == "2026-11-24"


def test_goals_open_filters(many_goals, cli: Cli) -> None:
    def ids(*args: str) -> set[str]:
        return {r["id"] for r in open_json(cli, *args)}

    g = many_goals
    assert ids("--rep", "bob") == {g["bob"]}
    assert ids("--rep", "alice") == {g["overdue"], g["due_today"], g["no_due"], g["manager"]}
    assert ids("--owner", "manager") == {g["manager"]}
    assert ids("--owner", "rep") == set(g.values()) - {g["manager"]}
    assert ids("--kind", "career") == {g["no_due"]}
    assert ids("--kind", "action") == {g["overdue"], g["manager"]}
    # due before today; due today is not overdue yet, and no due date never is
    assert ids("--overdue") == {g["overdue"], g["manager"]}
    assert ids("--overdue", "--owner", "manager") == {g["manager"]}
    assert ids("--rep", "bob", "--kind", "career") == set()
    assert all(r["overdue"] for r in open_json(cli, "--overdue"))
    # a day later (COACHLOG_TODAY this time), what was due today is overdue too
    result = cli.ok(
        "goals", "open", "--overdue", "--format", "json", env={"COACHLOG_TODAY": "2026-11-25"}
    )
    later = {r["id"] for r in json.loads(result.stdout)}
    assert later == {g["overdue"], g["manager"], g["due_today"]}


def test_goals_open_csv_and_markdown(many_goals, cli: Cli) -> None:
    text = cli.ok("goals", "open", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert {r["id"] for r in rows} == set(many_goals.values())
    for key in PROMISED:
        assert key in rows[0], key
    overdue = {r["id"]: r["overdue"] for r in rows}
    assert overdue[many_goals["overdue"]] == "true"
    assert overdue[many_goals["due_today"]] == "false"

    md = cli.ok("goals", "open", "--format", "markdown").stdout
    table = [line for line in md.splitlines() if line.startswith("|")]
    assert len(table) == 2 + len(many_goals)  # header, rule, one row per goal
    assert "Run 5 discovery calls" in md and "Raise average deal size 10%" in md
    overdue_row = next(line for line in table if many_goals["overdue"] in line)
    assert "overdue" in overdue_row


NO_COLOR_UNSET = {"NO_COLOR": None, "FORCE_COLOR": None, "TERM": "xterm-256color"}


def test_output_in_a_pipe_has_no_ansi_codes(many_goals, cli: Cli) -> None:
    for args in (
        ("goals", "open"),
        ("goals", "open", "--format", "markdown"),
        ("goals", "open", "--overdue"),
        ("goals", "show", many_goals["overdue"]),
        ("goals", "show", many_goals["overdue"], "--format", "markdown"),
        ("goals", "open", "--format", "table"),  # asked for, yet still no escape codes
        ("goals", "show", many_goals["overdue"], "--format", "table"),
    ):
        result = cli.ok(*args, env=NO_COLOR_UNSET)  # type: ignore[arg-type]
        assert result.stdout.strip(), args
        assert not ANSI.search(result.stdout), args
        assert not ANSI.search(result.stderr), args


def test_goals_open_exit_code_says_whether_anything_is_listed(many_goals, cli: Cli) -> None:
    # as `git diff --exit-code`: 1 when the list has a goal, with the list still printed
    found = cli("goals", "open", "--overdue", "--exit-code", "--format", "json")
    assert found.exit_code == 1, found.output
    assert found.exception is None and found.stderr == ""
    assert {r["id"] for r in json.loads(found.stdout)} == {
        many_goals["overdue"],
        many_goals["manager"],
    }
    # nothing listed: 0, and the empty list printed as ever
    empty = cli.ok("goals", "open", "--rep", "carol", "--exit-code", "--format", "json")
    assert json.loads(empty.stdout) == []
    # without the flag, a list with goals in it is a success
    cli.ok("goals", "open", "--overdue")
    # an error is still an error line, not a quiet 1
    cli.fails("goals", "open", "--rep", "nobody", "--exit-code")


def test_no_open_goals_is_an_empty_list(alice_1on1, cli: Cli) -> None:
    assert open_json(cli) == []
    assert cli.ok("goals", "open", "--format", "csv").stdout.startswith("id,")


# --- warnings: the method's guard rails ---------------------------------------------------------


def switch_off(journal: Path, name: str) -> None:
    replace_once(journal / "coachlog.yaml", f"  {name}: true", f"  {name}: false")


def quiet_new_rules(journal: Path) -> None:
    """The horizon and the opportunity mix off, for tests of the other warnings alone."""
    switch_off(journal, "horizon")
    switch_off(journal, "opportunity_mix")


def test_a_well_formed_goal_draws_no_warning(alice_1on1, cli: Cli) -> None:
    first = cli.ok(
        "goals", "add", "Book a demo with the Initech buyer", "--rep", "alice", "--kind",
        "opportunity", *GOOD,
    )  # fmt: skip
    assert [w for w in warnings_of(first) if "only open opportunity goal" in w]  # one of two
    result = cli.ok(
        "goals",
        "add",
        "Book the technical validation call with Acme's CTO",
        "--rep",
        "alice",
        "--kind",
        "opportunity",
        *GOOD,
    )
    assert warnings_of(result) == []


SALES_GOALS = ("Close the Acme deal", "Sign the contract", "Win the Initech account")


def test_sales_goal_warns_and_is_still_written(alice_1on1, journal, cli: Cli) -> None:
    for title in SALES_GOALS:
        result = cli.ok("goals", "add", title, "--rep", "alice", "--kind", "action", *GOOD)
        assert goal_in(alice_1on1, result.stdout.strip())["title"] == title
        found = warnings_of(result)
        assert len(found) == 1 and "sales goal" in found[0], (title, result.stderr)

    switch_off(journal, "sales_goal")
    switch_off(journal, "opportunity_mix")
    result = cli.ok(
        "goals", "add", SALES_GOALS[0], "--rep", "alice", "--kind", "opportunity", *GOOD
    )
    assert warnings_of(result) == []
    assert len(goal_ids(alice_1on1)) == 4


def test_coaching_goals_about_deals_are_not_sales_goals(alice_1on1, journal, cli) -> None:
    quiet_new_rules(journal)
    for title, kind in (
        ("Raise win rate on enterprise deals from 25% to 28%", "performance"),
        ("Book the technical validation call with Acme's CTO", "opportunity"),
        ("Book a demo with the Initech buyer", "opportunity"),
    ):
        result = cli.ok("goals", "add", title, "--rep", "alice", "--kind", kind, *GOOD)
        assert warnings_of(result) == [], (title, result.stderr)


def test_no_due_date_warns_and_can_be_switched_off(alice_1on1, journal, cli: Cli) -> None:
    args = ("--rep", "alice", "--kind", "action", "--target", "5", "--why", "Pipeline")
    result = cli.ok("goals", "add", "Run 5 discovery calls", *args)
    assert goal_in(alice_1on1, result.stdout.strip()).get("due") is None
    found = warnings_of(result)
    assert len(found) == 1 and "due date" in found[0] and "--due" in found[0]
    switch_off(journal, "no_due_date")
    result = cli.ok("goals", "add", "Run 5 discovery calls", *args)
    assert warnings_of(result) == []
    assert len(goal_ids(alice_1on1)) == 2


def test_no_target_warns_and_can_be_switched_off(alice_1on1, journal, cli: Cli) -> None:
    args = ("--rep", "alice", "--kind", "action", "--due", "2026-12-01", "--why", "Pricing")
    result = cli.ok("goals", "add", "Practise the pricing objection", *args)
    assert result.stdout.strip() in goal_ids(alice_1on1)
    found = warnings_of(result)
    assert len(found) == 1 and "target" in found[0] and "--target" in found[0]
    switch_off(journal, "no_target")
    result = cli.ok("goals", "add", "Practise the pricing objection", *args)
    assert warnings_of(result) == []
    assert len(goal_ids(alice_1on1)) == 2


@pytest.mark.parametrize(("kind", "limit"), [("opportunity", 3), ("performance", 1), ("career", 1)])
def test_more_goals_of_a_kind_than_the_recipe_warns(alice_1on1, journal, cli, kind, limit) -> None:
    quiet_new_rules(journal)
    for n in range(limit):
        result = cli.ok("goals", "add", f"Goal number {n}", "--rep", "alice", "--kind", kind, *GOOD)
        assert warnings_of(result) == [], result.stderr
    result = cli.ok("goals", "add", "One too many", "--rep", "alice", "--kind", kind, *GOOD)
    found = warnings_of(result)
    assert len(found) == 1, result.stderr
    assert f"{limit + 1} open {kind} goals" in found[0] and f"at most {limit}" in found[0]
    assert len(goal_ids(alice_1on1)) == limit + 1
    # a goal of another kind is not counted against this one
    assert (
        warnings_of(cli.ok("goals", "add", "Other", "--rep", "alice", "--kind", "action", *GOOD))
        == []
    )
    switch_off(journal, "too_many_goals")
    result = cli.ok("goals", "add", "Still more", "--rep", "alice", "--kind", kind, *GOOD)
    assert warnings_of(result) == []
    assert len(open_json(cli, "--kind", kind)) == limit + 2


def test_closed_goals_do_not_count_against_the_recipe(alice_1on1, journal, cli: Cli) -> None:
    switch_off(journal, "horizon")
    first = add_goal(
        cli, "Raise win rate from 25% to 28%", "--rep", "alice", "--kind", "performance", *GOOD
    )
    cli.ok("goals", "done", first)
    result = cli.ok(
        "goals",
        "add",
        "Cut the sales cycle by 10%",
        "--rep",
        "alice",
        "--kind",
        "performance",
        *GOOD,
    )
    assert warnings_of(result) == []


def test_warnings_add_up(alice_1on1, cli: Cli) -> None:
    result = cli.ok(
        "goals", "add", "Close the Acme deal", "--rep", "alice", "--kind", "opportunity"
    )
    found = warnings_of(result)
    # a sales goal, no due date, no target, the only opportunity goal, no why
    assert len(found) == 5, result.stderr
    assert result.stdout.strip() in goal_ids(alice_1on1)


def test_new_1on1_after_one_with_no_goal_warns(journal, cli: Cli) -> None:
    first = cli.ok("new", "1on1", "--rep", "alice", "--no-edit", "--today", "2026-11-10")
    assert warnings_of(first) == []  # nothing before it
    second = cli.ok("new", "1on1", "--rep", "alice", "--no-edit", "--today", "2026-11-17")
    found = warnings_of(second)
    assert len(found) == 1 and "no coaching goal" in found[0] and "2026-11-10" in found[0]
    assert (cli.cwd / second.stdout.strip()).is_file()

    add_goal(
        cli,
        "Run 5 discovery calls",
        "--rep",
        "alice",
        "--kind",
        "action",
        *GOOD,
        today="2026-11-17",
    )
    third = cli.ok("new", "1on1", "--rep", "alice", "--no-edit", "--today", "2026-11-24")
    assert warnings_of(third) == []

    fourth = cli.ok("new", "1on1", "--rep", "alice", "--no-edit", "--today", "2026-12-01")
    assert len(warnings_of(fourth)) == 1  # the 11-24 1:1 only carried the goal on

    switch_off(journal, "no_coaching_goal")
    fifth = cli.ok("new", "1on1", "--rep", "alice", "--no-edit", "--today", "2026-12-08")
    assert warnings_of(fifth) == []
    assert (cli.cwd / fifth.stdout.strip()).is_file()


# --- bad input ------------------------------------------------------------------------------------


@pytest.fixture
def with_goal(alice_1on1: Path, cli: Cli) -> str:
    return add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)


def refuse(cli: Cli, root: Path, *args: str) -> str:
    before = snapshot(root)
    result = cli.fails(*args)
    assert snapshot(root) == before, "a refused command wrote a file"
    return result.stderr


BAD_INPUT = [
    (("goals", "done", "zzzz"), "zzzz"),
    (("goals", "show", "zzzz"), "zzzz"),
    (("goals", "progress", "zzzz", "--value", "1"), "zzzz"),
    (
        ("goals", "add", "X", "--rep", "alice", "--kind", "action", "--due", "2026-02-30"),
        "--due",
    ),
    (("goals", "add", "X", "--rep", "alice", "--kind", "action", "--due", "soon"), "--due"),
    (("goals", "add", "X", "--rep", "alice", "--kind", "chore"), "--kind"),
    (("goals", "add", "X", "--rep", "alice", "--kind", "action", "--owner", "boss"), "--owner"),
    (
        ("goals", "add", "X", "--rep", "alice", "--kind", "career", "--verifier", "win"),
        "--verifier",
    ),
    (
        ("goals", "add", "X", "--rep", "alice", "--kind", "opportunity", "--verifier", "maybe"),
        "--verifier",
    ),
    (("goals", "add", "X", "--rep", "alice", "--kind", "action", "--target", "-3"), "--target"),
    (
        ("goals", "add", "X", "--rep", "alice", "--kind", "action", "--target", "nan"),
        "--target",
    ),
    (("goals", "add", "x" * 301, "--rep", "alice", "--kind", "action"), "title"),
    (
        ("goals", "add", "X", "--rep", "alice", "--kind", "action", "--measure", "m" * 2001),
        "--measure",
    ),
    (("goals", "add", "  ", "--rep", "alice", "--kind", "action"), "title"),
    (("goals", "add", "X", "--rep", "zed", "--kind", "action"), "zed"),
    (("goals", "add", "X", "--rep", "Not A Handle", "--kind", "action"), "handle"),
    (("goals", "open", "--rep", "zed"), "zed"),
    (("goals", "open", "--kind", "chore"), "--kind"),
    (("goals", "open", "--owner", "boss"), "--owner"),
    (("goals", "open", "--format", "yaml"), "yaml"),
    (("goals", "progress", "GOAL", "--value", "-1"), "--value"),
    (("goals", "progress", "GOAL", "--value", "lots"), "--value"),
    (("goals", "progress", "GOAL", "--value", "inf"), "--value"),
    (("goals", "progress", "GOAL", "--value", "nan"), "--value"),
    (("goals", "done", ""), "goal id"),
    (("goals", "done", "GOAL", "--today", "2026-13-01"), "--today"),
]


def test_bad_input_is_one_line_and_writes_nothing(journal, with_goal, cli: Cli) -> None:
    # every case is refused and leaves the journal as it was, so one journal serves them all
    for case, expected in BAD_INPUT:
        args = tuple(with_goal if a == "GOAL" else a for a in case)
        try:
            stderr = refuse(cli, journal, *args)
        except AssertionError as exc:
            raise AssertionError(f"{args}: {exc}") from None
        assert expected.lower() in stderr.lower(), (args, stderr)


def test_unknown_rep_names_the_known_ones(journal, cli: Cli) -> None:
    stderr = refuse(cli, journal, "goals", "add", "X", "--rep", "zed", "--kind", "action")
    assert "unknown rep 'zed'" in stderr and "alice" in stderr


def test_goals_add_without_a_1on1_says_to_write_one(journal, cli: Cli) -> None:
    stderr = refuse(
        cli,
        journal,
        "goals",
        "add",
        "Run 5 discovery calls",
        "--rep",
        "bob",
        "--kind",
        "action",
        *GOOD,
    )
    assert "coachlog new 1on1" in stderr and "bob" in stderr


def test_goals_add_ignores_1on1s_dated_after_today(journal, cli: Cli) -> None:
    new_1on1(cli, "bob", "2026-12-01")
    stderr = refuse(
        cli,
        journal,
        "goals",
        "add",
        "Run 5 discovery calls",
        "--rep",
        "bob",
        "--kind",
        "action",
        *GOOD,
    )
    assert "coachlog new 1on1" in stderr


def test_closing_a_closed_goal_is_refused(journal, with_goal, cli) -> None:
    cli.ok("goals", "done", with_goal, "--today", "2026-11-25")
    for verb in ("done", "miss", "drop"):
        stderr = refuse(cli, journal, "goals", verb, with_goal)
        assert with_goal in stderr and "already done" in stderr and "2026-11-25" in stderr
    refuse(cli, journal, "goals", "progress", with_goal, "--value", "3")


def test_ambiguous_prefix_lists_both_candidates(journal, alice_1on1: Path, cli: Cli) -> None:
    one = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    two = add_goal(cli, "Map the Acme org chart", "--rep", "alice", "--kind", "action", *GOOD)
    replace_once(alice_1on1, f"id: {one}", "id: abc111")
    replace_once(alice_1on1, f"id: {two}", "id: abc222")
    for args in (
        ("goals", "done", "abc"),
        ("goals", "show", "ab"),
        ("goals", "progress", "a", "--value", "1"),
    ):
        stderr = refuse(cli, journal, *args)
        assert "ambiguous" in stderr and "abc111" in stderr and "abc222" in stderr
    # a prefix that is unique is enough, in either case
    cli.ok("goals", "done", "ABC2")
    assert goal_in(alice_1on1, "abc222")["status"] == "done"
    assert goal_in(alice_1on1, "abc111")["status"] == "open"
    # a full id that is also a prefix of another picks itself
    replace_once(alice_1on1, "id: abc222", "id: abc1112")
    cli.ok("goals", "done", "abc111")
    assert goal_in(alice_1on1, "abc111")["status"] == "done"


def test_an_id_copied_within_a_record_hides_no_goal_and_blocks_nothing_else(
    journal, alice_1on1, cli
) -> None:
    one = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    two = add_goal(cli, "Map the Acme org chart", "--rep", "alice", "--kind", "action", *GOOD)
    replace_once(alice_1on1, f"id: {two}", f"id: {one}")
    # a command that names the id says it is ambiguous, names both goals and the way out
    for args in (
        ("goals", "done", one),
        ("goals", "show", one),
        ("goals", "progress", one, "--value", "1"),
    ):
        stderr = refuse(cli, journal, *args)
        assert f"goal id {one} is ambiguous" in stderr, stderr
        assert "Run 5 discovery calls" in stderr and "Map the Acme org chart" in stderr
        assert f"coachlog goals reid {one} --rep alice" in stderr
    # the rest works: both goals are listed, a new one is added, check names the clash
    listed = open_json(cli)
    assert sorted(g["title"] for g in listed) == ["Map the Acme org chart", "Run 5 discovery calls"]
    add_goal(cli, "Another", "--rep", "alice", "--kind", "action", *GOOD)
    result = cli("check")
    line = line_number(alice_1on1, f"  - id: {one}", occurrence=2)
    assert (
        f"{alice_1on1.relative_to(journal)}:{line}: error: goal id '{one}' appears twice in "
        f"this record; give the copy an id of its own: 'coachlog goals reid {one} --rep alice'"
        in result.stdout
    )
    # reid gives the goal set later a new id, everywhere; then each id names one goal
    new = cli.ok("goals", "reid", one, "--rep", "alice").stdout.strip()
    assert re.fullmatch(r"[0-9a-z]{8}", new) and new != one
    shown = json.loads(cli.ok("goals", "show", new, "--format", "json").stdout)
    assert shown["title"] == "Map the Acme org chart"
    cli.ok("goals", "done", one)
    assert json.loads(cli.ok("goals", "show", one, "--format", "json").stdout)["status"] == "done"
    assert "appears twice" not in cli("check").stdout


def test_one_id_in_two_reps_records_is_two_goals(journal, alice_1on1, cli) -> None:
    one = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    bob = new_1on1(cli, "bob", "2026-11-25")
    other = add_goal(
        cli, "Map the Initech org chart", "--rep", "bob", "--kind", "action", *GOOD,
        today="2026-11-25",
    )  # fmt: skip
    replace_once(bob, f"id: {other}", f"id: {one}")
    for args in (("goals", "done", one), ("goals", "show", one)):
        stderr = refuse(cli, journal, *args)
        assert f"goal id {one} is ambiguous" in stderr and "alice:" in stderr and "bob:" in stderr
    assert [g["title"] for g in open_json(cli, "--rep", "alice")] == ["Run 5 discovery calls"]
    assert [g["title"] for g in open_json(cli, "--rep", "bob")] == ["Map the Initech org chart"]
    where = f"{bob.relative_to(journal)}:{line_number(bob, f'  - id: {one}')}"
    assert f"{where}: error: goal id '{one}' also names a goal of alice" in cli("check").stdout
    new = cli.ok("goals", "reid", one, "--rep", "bob").stdout.strip()
    assert f"`{new}`" not in bob.read_text() or True  # the agenda line names it where it did
    assert json.loads(cli.ok("goals", "show", new, "--format", "json").stdout)["rep"] == "bob"
    assert json.loads(cli.ok("goals", "show", one, "--format", "json").stdout)["rep"] == "alice"
    stderr = refuse(cli, journal, "goals", "reid", one, "--rep", "carol")
    assert "carol" in stderr


# --- hand edits survive a CLI change --------------------------------------------------------------


def test_goals_done_changes_only_the_goals_lines(journal, alice_1on1: Path, cli: Cli) -> None:
    goal_id = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    other = add_goal(cli, "Map the Acme org chart", "--rep", "alice", "--kind", "action", *GOOD)
    text = alice_1on1.read_text()
    # by hand: a comment, key order, an explicit null, a note in the body
    text = text.replace("rep: alice\n", "rep: alice\n# agreed on the phone, see email thread\n", 1)
    minutes = re.search(r"(?m)^minutes: \d+\n", text)
    assert minutes
    text = text.replace(minutes.group(0), "", 1)
    text = text.replace("rep: alice\n", minutes.group(0) + "rep: alice\n", 1)
    assert re.search(r"(?m)^helpful:$", text)
    text = re.sub(r"(?m)^helpful:$", "helpful: null", text, count=1)
    text = text.replace("## Notes\n", "## Notes\n\nAlice wants to shadow Bob on a demo.\n", 1)
    alice_1on1.write_text(text)
    edited = alice_1on1.read_bytes()

    cli.ok("goals", "done", goal_id, "--note", "all five run")

    after = alice_1on1.read_bytes()
    assert b"\r" not in after
    old_lines = edited.decode().splitlines(keepends=True)
    new_lines = after.decode().splitlines(keepends=True)
    removed, added = [], []
    matcher = difflib.SequenceMatcher(a=old_lines, b=new_lines, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            removed += old_lines[i1:i2]
            added += [(j, new_lines[j]) for j in range(j1, j2)]
    assert removed == ["    status: open\n"], removed
    start = new_lines.index(f"  - id: {goal_id}\n")
    end = new_lines.index(f"  - id: {other}\n")
    assert all(start < j < end for j, _ in added), added  # all inside this goal's entry
    added_text = [line for _, line in added]
    assert "    status: done\n" in added_text
    assert "    closed: 2026-11-24\n" in added_text
    assert any("notes:" in line for line in added_text)
    assert any("all five run" in line for line in added_text)
    assert len(added_text) <= 5, added_text
    # and the file still reads as the user wrote it, plus the change
    data = front(alice_1on1)
    assert data["helpful"] is None
    assert list(data)[:4] == ["kind", "id", "minutes", "rep"]
    goal = goal_in(alice_1on1, goal_id)
    assert goal["notes"] == ["2026-11-24: all five run"]
    assert goal["status"] == "done" and goal["closed"] == date(2026, 11, 24)
    assert goal_in(alice_1on1, other)["status"] == "open"


def test_progress_without_note_changes_one_line(journal, alice_1on1: Path, cli: Cli) -> None:
    goal_id = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    cli.ok("goals", "progress", goal_id, "--value", "1")
    before = alice_1on1.read_text().splitlines()
    cli.ok("goals", "progress", goal_id, "--value", "2")
    after = alice_1on1.read_text().splitlines()
    removed = [line for line in before if line not in after]
    added = [line for line in after if line not in before]
    assert removed == ["    progress: 1"]
    assert added[0] == "    progress: 2" and len(added) == 2
    assert re.fullmatch(r"      - \{at: [0-9T:.+Z-]+, progress: 2\}", added[1])  # its history


def test_second_1on1_in_the_same_second_is_still_the_newest(cli, journal) -> None:
    """Two 1:1s written back to back: the second is newer, so goals go into it."""
    import re

    first = cli.ok("new", "1on1", "--rep", "alice", "--no-edit").stdout.strip()
    second = cli.ok("new", "1on1", "--rep", "alice", "--no-edit").stdout.strip()
    created = [
        re.search(r"^created: (\S+)$", (journal / p).read_text(), re.M).group(1)
        for p in (first, second)
    ]
    assert created[0] < created[1]
    cli.ok(
        "goals",
        "add",
        "Run 5 discovery calls",
        "--rep",
        "alice",
        "--kind",
        "performance",
        "--due",
        "+7d",
        "--target",
        "5",
    )
    assert "Run 5 discovery calls" in (journal / second).read_text()
    assert "Run 5 discovery calls" not in (journal / first).read_text()


# --- goals edit and reopen ----------------------------------------------------------------------


def test_goals_edit_is_a_recommit_kept_in_the_history(journal, alice_1on1, cli) -> None:
    goal = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    out = cli.ok(
        "goals", "edit", goal[:5], "--due", "2026-12-22", "--title", "Run 6 discovery calls",
        "--target", "6", "--note", "CTO back on the 9th", "--today", "2026-11-25",
    ).stdout  # fmt: skip
    assert out.strip() == f"{goal} open, due 2026-12-22: Run 6 discovery calls"
    shown = json.loads(cli.ok("goals", "show", goal, "--format", "json").stdout)
    assert (shown["title"], shown["due"], shown["target"]) == (
        "Run 6 discovery calls",
        "2026-12-22",
        6,
    )
    last = shown["events"][-1]
    assert last["day"] == "2026-11-25"
    assert last["before"] == {"title": "Run 5 discovery calls", "due": "2026-12-15", "target": 2}
    text = cli.ok("goals", "show", goal, "--format", "markdown").stdout
    assert (
        "- 2026-11-25: title Run 5 discovery calls -> Run 6 discovery calls, "
        "due 2026-12-15 -> 2026-12-22, target 2 -> 6" in text
    )
    assert "2026-11-25: CTO back on the 9th" in shown["notes"]


def test_goals_reopen_undoes_a_mistaken_done(journal, alice_1on1, cli) -> None:
    goal = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    cli.ok("goals", "done", goal)
    assert open_json(cli) == []
    assert cli.ok("goals", "reopen", goal, "--note", "done by mistake").stdout.strip() == (
        f"{goal} open: Run 5 discovery calls"
    )
    assert [g["id"] for g in open_json(cli)] == [goal]
    assert "closed:" not in alice_1on1.read_text()
    cli.ok("goals", "miss", goal)
    assert (
        json.loads(cli.ok("goals", "show", goal, "--format", "json").stdout)["status"] == "missed"
    )


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("goals", "edit", "GOAL"), "say what to change: the title, due date, target or measure"),
        (("goals", "edit", "GOAL", "--due", "2026-02-30"), "--due: '2026-02-30' is not a real day"),
        (
            ("goals", "edit", "GOAL", "--due", "2026-11-01"),
            "--due: the due date 2026-11-01 is before",
        ),
        (("goals", "edit", "GOAL", "--target", "-1"), "--target: must be zero or more"),
        (("goals", "edit", "GOAL", "--title", "   "), "--title: a goal needs a title"),
        (("goals", "edit", "GOAL", "--due", "2026-12-15"), "already reads so; nothing to change"),
        (("goals", "edit", "zzzz", "--due", "+7d"), "no goal id starts with 'zzzz'"),
        (("goals", "reopen", "GOAL"), "is open; there is nothing to reopen"),
        (("goals", "reopen", "zzzz"), "no goal id starts with 'zzzz'"),
    ],
)
def test_goals_edit_and_reopen_refuse_bad_input_and_write_nothing(
    journal, alice_1on1, cli, args, says
) -> None:
    goal = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    stderr = refuse(cli, journal, *(goal if a == "GOAL" else a for a in args))
    assert says in stderr, stderr


def test_closing_a_closed_goal_says_how_to_change_the_decision(journal, alice_1on1, cli) -> None:
    goal = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    cli.ok("goals", "done", goal)
    stderr = refuse(cli, journal, "goals", "miss", goal)
    assert f"goal {goal} is already done" in stderr and f"coachlog goals reopen {goal}" in stderr


def test_a_back_filled_close_keeps_its_own_day(journal, alice_1on1, cli) -> None:
    goal = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    cli.ok("goals", "progress", goal, "--value", "2", "--today", "2026-11-30")
    cli.ok("goals", "done", goal, "--note", "all five", "--today", "2026-11-26")
    shown = json.loads(cli.ok("goals", "show", goal, "--format", "json").stdout)
    assert (shown["status"], shown["closed"]) == ("done", "2026-11-26")
    assert "2026-11-26: all five" in shown["notes"]


def test_a_closing_day_changed_by_hand_is_taken(journal, alice_1on1, cli) -> None:
    goal = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    cli.ok("goals", "done", goal)
    replace_once(alice_1on1, "closed: 2026-11-24", "closed: 2026-11-27")
    shown = json.loads(cli.ok("goals", "show", goal, "--format", "json").stdout)
    assert (shown["status"], shown["closed"]) == ("done", "2026-11-27")
    assert f"warning: goal {goal} was changed by hand here (status)" in cli("check").stdout


def test_an_event_dated_by_day_alone_reads_as_its_midnight(journal, alice_1on1, cli) -> None:
    goal = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action", *GOOD)
    text = alice_1on1.read_text()
    alice_1on1.write_text(
        text.rstrip("\n").split("\n---\n")[0]
        + "\n"
        + "      - {at: 2026-11-25, progress: 1}\n---\n"
        + text.split("\n---\n", 1)[1]
    )
    assert json.loads(cli.ok("goals", "show", goal, "--format", "json").stdout)["progress"] == 1
    cli.ok("goals", "progress", goal, "--value", "2")
    assert json.loads(cli.ok("goals", "show", goal, "--format", "json").stdout)["progress"] == 2


def test_two_goals_of_one_id_written_before_events_are_both_listed(
    journal, alice_1on1, cli
) -> None:
    one = add_goal(cli, "Call Acme", "--rep", "alice", "--kind", "action", *GOOD)
    two = add_goal(cli, "Call Globex", "--rep", "alice", "--kind", "action", *GOOD)
    as_written_by_0_1(alice_1on1)
    alice_1on1.write_text(alice_1on1.read_text().replace(f"id: {two}", f"id: {one}"))
    assert sorted(g["title"] for g in open_json(cli)) == ["Call Acme", "Call Globex"]
    assert "ambiguous" in refuse(cli, journal, "goals", "done", one)
    new = cli.ok("goals", "reid", one, "--rep", "alice").stdout.strip()
    titles = {g["id"]: g["title"] for g in open_json(cli)}
    assert titles == {one: "Call Acme", new: "Call Globex"}
    assert "error" not in cli.ok("check").stdout


def test_goals_from_before_events_closed_then_open_again_are_an_error(journal, cli) -> None:
    first = new_1on1(cli, "alice", "2026-11-17")
    goal = add_goal(
        cli, "Call Acme", "--rep", "alice", "--kind", "action", *GOOD, today="2026-11-17"
    )
    second = new_1on1(cli, "alice", "2026-11-24")
    for path in (first, second):
        as_written_by_0_1(path)
    replace_once(first, "status: open", "status: done\n    closed: 2026-11-18")
    result = cli("check")
    assert result.exit_code == 1
    assert f"goal {goal} is open here but was closed in {first.stem}" in result.stdout


def test_copies_of_one_goal_keep_their_order_and_identity_when_rolled_forward(
    journal, alice_1on1, cli
) -> None:
    goal = add_goal(cli, "Send two follow-up emails", "--rep", "alice", "--kind", "action", *GOOD)
    text = alice_1on1.read_text()
    start = text.index(f"  - id: {goal}")
    end = text.index("\n---\n", start) + 1
    block = text[start:end]
    copy = block.replace("Send two follow-up emails", "Book a demo").replace(
        "    due: 2026-12-15", "    due: 2026-12-01"
    )  # a hand-made copy, due earlier
    alice_1on1.write_text(text[:end] + copy + text[end:])
    before = sorted(g["title"] for g in open_json(cli))
    assert before == ["Book a demo", "Send two follow-up emails"]
    new_1on1(cli, "alice", "2026-11-25")
    assert sorted(g["title"] for g in open_json(cli)) == before
