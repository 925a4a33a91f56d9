"""A past window's goals as they stood at its end: ``report`` end to end, and
``GoalState.as_of`` (``core``) directly.

The journal (alice, manager dana), written through the CLI on the days given:

P  set Oct 5 due Oct 20; re-dated Oct 10 to Oct 15; re-dated Nov 5 to Dec 20; done Dec 3
Q  set Oct 5 due Oct 25; missed Oct 20; reopened Nov 2; done Nov 20
R  set Oct 5 due Nov 30; dropped Dec 2
M  the manager's, set Oct 5 due Oct 12; re-dated Nov 2 to Nov 20; done Nov 10
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import Any

import pytest

from coachlog.core.goals import GoalEntry, GoalState, RecordRef
from coachlog.core.history import Event
from coachlog.core.report import count_goals, month_window
from tests.conftest import Cli, make_journal

TODAY = "2026-12-10"
GOOD = ("--target", "1", "--measure", "calls", "--kind", "opportunity")


def add(cli: Cli, title: str, due: str, *extra: str) -> str:
    args = ("goals", "add", title, "--rep", "alice", "--due", due, *GOOD, *extra)
    return cli.ok(*args, "--today", "2026-10-05").stdout.strip()


def change(cli: Cli, day: str, *args: str) -> None:
    cli.ok("goals", *args, "--today", day)


@pytest.fixture(scope="module")
def goals(tmp_path_factory: pytest.TempPathFactory) -> tuple[Cli, dict[str, str]]:
    cli = Cli(tmp_path_factory.mktemp("as-of"), today=TODAY)
    make_journal(cli)
    cli.ok("new", "1on1", "--rep", "alice", "--no-edit", "--today", "2026-10-05")
    g = {
        "P": add(cli, "Book the CTO call at Acme", "2026-10-20"),
        "Q": add(cli, "Two discovery calls a week", "2026-10-25"),
        "R": add(cli, "Map the buying committee at Globex", "2026-11-30"),
        "M": add(cli, "Get Alice a pricing desk slot", "2026-10-12", "--owner", "manager"),
    }
    change(cli, "2026-10-10", "edit", g["P"], "--due", "2026-10-15")
    change(cli, "2026-10-20", "miss", g["Q"])
    change(cli, "2026-11-02", "reopen", g["Q"])
    change(cli, "2026-11-02", "edit", g["M"], "--due", "2026-11-20")
    change(cli, "2026-11-05", "edit", g["P"], "--due", "2026-12-20")
    change(cli, "2026-11-10", "done", g["M"])
    change(cli, "2026-11-20", "done", g["Q"])
    change(cli, "2026-12-02", "drop", g["R"])
    change(cli, "2026-12-03", "done", g["P"])
    return cli, g


def report(cli: Cli, *args: str) -> dict[str, Any]:
    return json.loads(cli.ok("report", "--format", "json", *args).stdout)


def alice(data: dict[str, Any]) -> dict[str, Any]:
    return next(row for row in data["reps"] if row["rep"] == "alice")


def counts(goals: dict[str, Any]) -> tuple[int, ...]:
    return tuple(goals[k] for k in ("set", "done", "missed", "dropped", "open", "overdue"))


@pytest.mark.parametrize(
    ("month", "rep", "rate", "commitments", "overdue"),
    [
        # P open and overdue by its October due date (Oct 15), not done; Q missed (reopened in
        # November); R open (dropped in December); M overdue by its October due date (Oct 12),
        # though re-dated and done in November
        ("2026-10", (3, 0, 1, 0, 2, 1), 0.0, (1, 0, 0, 0, 1, 1), "2026-10-12"),
        # Q done Nov 20; P open, due Dec 20 by then; R open, due Nov 30 (not before it)
        ("2026-11", (0, 1, 0, 0, 2, 0), 1.0, (0, 1, 0, 0, 0, 0), None),
        # as they are now: R dropped, P done
        ("2026-12", (0, 1, 0, 1, 0, 0), 1.0, (0, 0, 0, 0, 0, 0), None),
    ],
)
def test_each_month_counts_each_goal_as_it_stood_at_the_months_end(
    goals, month, rep, rate, commitments, overdue
) -> None:
    cli, g = goals
    data = report(cli, "--month", month)
    row = alice(data)
    assert counts(row["goals"]) == rep
    assert row["completion_rate"] == rate
    assert ("goals-overdue" in row["flags"]) == bool(rep[-1])
    manager = data["manager"]
    assert counts(manager["commitments"]) == commitments
    late = [(c["id"], c["due"]) for c in manager["overdue"]]
    assert late == ([(g["M"], overdue)] if overdue else [])
    assert ("commitments-overdue" in manager["flags"]) == bool(overdue)


def test_a_window_of_days_is_read_as_of_its_last_day(goals) -> None:
    cli, _ = goals
    row = alice(report(cli, "--since", "2026-10-01", "--until", "2026-10-20"))
    # on Oct 20: P due Oct 15 overdue; Q missed that day; R open
    assert counts(row["goals"]) == (3, 0, 1, 0, 2, 1)


def test_the_timeline_and_trend_of_one_rep_show_each_month_as_it_was(goals) -> None:
    cli, g = goals
    detail = report(cli, "--rep", "alice", "--month", "2026-10")["detail"]
    closes = [(e["date"], e["kind"], e["id"]) for e in detail["timeline"] if e["kind"] != "1on1"]
    assert ("2026-10-20", "goal-missed", g["Q"]) in closes
    assert not any(kind in ("goal-done", "goal-dropped") for _, kind, _ in closes)
    trend = {
        p["month"]: p
        for p in report(cli, "--rep", "alice", "--month", "2026-12")["detail"]["trend"]
    }
    assert counts(trend["2026-10"]["goals"]) == (3, 0, 1, 0, 2, 1)
    assert counts(trend["2026-11"]["goals"]) == (0, 1, 0, 0, 2, 0)
    assert counts(trend["2026-12"]["goals"]) == (0, 1, 0, 1, 0, 0)


# --- core: GoalState.as_of --------------------------------------------------------------------


def at(day: str, hour: int = 10) -> datetime:
    return datetime.fromisoformat(day).replace(hour=hour, tzinfo=UTC)


def state(*events: Event, status: str = "open", closed: date | None = None) -> GoalState:
    played = {k: v for e in events for k, v in e.changes().items()}
    goal = GoalEntry(
        "abcd1234",
        played.get("title", "Two discovery calls a week"),
        "opportunity",
        "rep",
        status,
        date(2026, 10, 5),
        played.get("due"),
        closed,
        None,
        played.get("target"),
        None,
        None,
        None,
        (),
        tuple(events),
    )
    record = RecordRef("1on1", "2026-10-05-alice", "alice", date(2026, 10, 5))
    return GoalState(goal, "alice", record, ((record, goal),), record.id, closed, tuple(events))


SET = Event(
    at("2026-10-05"), status="open", title="Two discovery calls a week", due=date(2026, 10, 25)
)


@pytest.mark.parametrize(
    ("day", "status", "closed", "due"),
    [
        ("2026-10-19", "open", None, date(2026, 10, 25)),
        ("2026-10-20", "missed", date(2026, 10, 20), date(2026, 10, 25)),
        ("2026-11-01", "missed", date(2026, 10, 20), date(2026, 10, 25)),
        ("2026-11-02", "open", None, date(2026, 11, 15)),  # reopened and re-dated that day
        ("2026-11-20", "done", date(2026, 11, 20), date(2026, 11, 15)),
    ],
)
def test_as_of_folds_the_events_made_by_the_end_of_the_day(day, status, closed, due) -> None:
    now = state(
        SET,
        Event(at("2026-10-20"), status="missed"),
        Event(at("2026-11-02"), status="open"),
        Event(at("2026-11-02", 11), due=date(2026, 11, 15)),
        Event(at("2026-11-20"), status="done"),
        status="done",
        closed=date(2026, 11, 20),
    )
    then = now.as_of(date.fromisoformat(day))
    assert (then.goal.status, then.closed_on, then.goal.closed, then.goal.due) == (
        status,
        closed,
        closed,
        due,
    )
    assert then.goal.id == now.goal.id and then.key == now.key


def test_as_of_a_day_after_every_event_or_before_the_first_is_the_state_itself() -> None:
    now = state(
        SET, Event(at("2026-10-20"), status="done"), status="done", closed=date(2026, 10, 20)
    )
    assert now.as_of(date(2026, 10, 20)) is now
    assert now.as_of(date(2026, 12, 31)) is now
    assert now.as_of(date(2026, 10, 4)) is now  # not set yet: nothing to count it by


def test_a_goal_without_history_is_read_as_it_is() -> None:
    legacy = state(status="done", closed=date(2026, 10, 20))
    assert legacy.as_of(date(2026, 10, 10)) is legacy


def test_a_field_set_only_later_had_no_value_before() -> None:
    now = state(
        Event(at("2026-10-05"), status="open", title="Two discovery calls a week"),
        Event(at("2026-11-02"), due=date(2026, 11, 15), target=2.0),
    )
    then = now.as_of(date(2026, 10, 31))
    assert (then.goal.due, then.goal.target) == (None, None)


def test_count_goals_counts_each_goal_as_of_the_window_end() -> None:
    now = state(
        SET,
        Event(at("2026-10-20"), status="missed"),
        Event(at("2026-11-02"), status="open"),
        Event(at("2026-11-20"), status="done"),
        status="done",
        closed=date(2026, 11, 20),
    )
    october = count_goals([now], month_window(date(2026, 10, 1)), date(2026, 10, 31))
    november = count_goals([now], month_window(date(2026, 11, 1)), date(2026, 11, 30))
    assert (october.missed, october.done, october.open) == (1, 0, 0)
    assert (november.missed, november.done, november.open) == (0, 1, 0)
    assert november.completion_rate == 1.0
