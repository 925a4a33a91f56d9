"""``focus set`` for a rep with no 1:1 yet: the action plan and its field-coaching dates are
kept in a record of their own (``plans/``), which the goal rules read as they read a 1:1's:
``goals open`` lists the dates, an observation on one keeps it, running it again changes
nothing more, other dates replace the open ones, and the next 1:1 rolls the rest forward."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli, snapshot

BEHAVIOUR = "Ask for the next step before hanging up"
PLAN = "Write the ask into every call plan"
DATES = "2026-11-27,2026-12-03,2026-12-10"


def open_dates(cli: Cli, today: str) -> dict[str, str]:
    listed = json.loads(cli.ok("goals", "open", "--rep", "alice", "--format", "json",
                               "--today", today).stdout)  # fmt: skip
    assert all(g["owner"] == "manager" and g["kind"] == "action" for g in listed)
    return {g["due"]: g["id"] for g in listed}


def test_field_dates_of_a_rep_with_no_1on1_live_in_an_action_plan_until_the_first_1on1(
    journal: Path,
) -> None:
    cli = Cli(journal)
    focus = ("focus", "set", "--rep", "alice", BEHAVIOUR, "--plan", PLAN)
    cli.ok(*focus, "--field-dates", DATES)
    plans = sorted((journal / "plans").rglob("*.md"))
    assert [p.parent.name for p in plans] == ["2026"]
    text = plans[0].read_text(encoding="utf-8")
    assert "kind: plan\n" in text and f"behaviour: {BEHAVIOUR}\n" in text
    assert f"plan: {PLAN}\n" in text
    dates = open_dates(cli, "2026-11-24")
    assert list(dates) == ["2026-11-27", "2026-12-03", "2026-12-10"]
    assert not (journal / "1on1").exists()
    # the same command again changes nothing more
    before = snapshot(journal)
    again = cli.ok(*focus, "--field-dates", DATES)
    assert snapshot(journal) == before
    assert "already so; nothing changed" in again.stderr
    # an observation on a field date keeps that commitment
    seen = cli.ok("new", "observation", "--rep", "alice", "--outcome", "seen", "--no-edit",
                  "--today", "2026-11-27")  # fmt: skip
    assert f"Your field date 2026-11-27 ({dates['2026-11-27']}) is done." in seen.stderr
    shown = json.loads(cli.ok("goals", "show", dates["2026-11-27"], "--format", "json").stdout)
    assert shown["status"] == "done"
    # other dates replace the open ones, in the same action plan
    cli.ok(*focus, "--field-dates", "2026-12-03,2026-12-17", "--today", "2026-11-28")
    assert sorted((journal / "plans").rglob("*.md")) == plans
    now = open_dates(cli, "2026-11-28")
    assert list(now) == ["2026-12-03", "2026-12-17"]
    assert now["2026-12-03"] == dates["2026-12-03"]
    dropped = json.loads(cli.ok("goals", "show", dates["2026-12-10"], "--format", "json").stdout)
    assert dropped["status"] == "dropped"
    # the first 1:1 rolls the open ones forward, as it does every open goal
    made = cli.ok("new", "1on1", "--rep", "alice", "--no-edit", "--today", "2026-12-01")
    body = (journal / made.stdout.strip()).read_text(encoding="utf-8")
    for goal_id in now.values():
        assert f"- [ ] `{goal_id}` Field coaching with alice" in body
    assert dates["2026-11-27"] not in body and dates["2026-12-10"] not in body
    assert open_dates(cli, "2026-12-01") == now
    # the action plan is no 1:1: reports count the 1:1 alone, check finds nothing wrong
    report = json.loads(cli.ok("report", "--rep", "alice", "--since", "2026-11-01",
                               "--format", "json", "--today", "2026-12-01").stdout)  # fmt: skip
    assert report["reps"][0]["one_on_ones"] == 1
    checked = cli.ok("check", "--today", "2026-12-01")
    assert checked.stderr.startswith("0 errors"), checked.output


def test_field_dates_go_into_the_1on1_when_there_is_one(journal: Path) -> None:
    cli = Cli(journal)
    cli.ok("new", "1on1", "--rep", "bob", "--no-edit", "--today", "2026-11-23")
    cli.ok("focus", "set", "--rep", "bob", BEHAVIOUR, "--field-dates", "2026-12-03")
    assert not (journal / "plans").exists()


def test_field_dates_set_together_stay_apart_once_one_is_closed(journal: Path) -> None:
    """Dates set by one ``focus set`` are told apart by the moment each was set: when the
    first is kept and the others roll into the next 1:1 without it, each id still names one
    goal (no clash in ``check``, ``goals show`` answers)."""
    cli = Cli(journal)
    cli.ok("new", "1on1", "--rep", "bob", "--no-edit", "--today", "2026-11-23")
    cli.ok("focus", "set", "--rep", "bob", BEHAVIOUR, "--field-dates", DATES)
    listed = json.loads(cli.ok("goals", "open", "--rep", "bob", "--format", "json").stdout)
    ids = {g["due"]: g["id"] for g in listed}
    cli.ok("goals", "done", ids["2026-11-27"], "--today", "2026-11-27")
    cli.ok("new", "1on1", "--rep", "bob", "--no-edit", "--today", "2026-12-01")
    for due in ("2026-12-03", "2026-12-10"):
        shown = json.loads(cli.ok("goals", "show", ids[due], "--format", "json").stdout)
        assert (shown["due"], shown["status"]) == (due, "open")
    checked = cli.ok("check", "--today", "2026-12-01")
    assert "also names" not in checked.output, checked.output
