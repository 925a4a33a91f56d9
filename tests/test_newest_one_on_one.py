"""A cancelled 1:1 did not happen: ``goals add``, ``forecast``, ``rate`` and ``focus set`` write
into the rep's newest 1:1 that was not cancelled, and with none say so in one line, naming the
cancelled one, and write nothing (``focus set`` keeps its field dates in an action plan then).

The journal (today 2026-11-24): alice's 1:1s Nov 10 (held) and Nov 17 (cancelled); bob's one
1:1, Nov 17, cancelled.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli, from_template, snapshot


def build(cli: Cli) -> dict[str, str]:
    """The three 1:1s' paths, by name."""
    paths = {}
    for name, rep, day in (
        ("alice held", "alice", "2026-11-10"),
        ("alice cancelled", "alice", "2026-11-17"),
        ("bob cancelled", "bob", "2026-11-17"),
    ):
        paths[name] = cli.ok(
            "new", "1on1", "--rep", rep, "--no-edit", "--today", day
        ).stdout.strip()
    cli.ok("cancel", Path(paths["alice cancelled"]).stem, "--note", "Alice out sick")
    cli.ok("cancel", Path(paths["bob cancelled"]).stem)
    return paths


@pytest.fixture
def cancelled(journal: Path, templates: Path) -> tuple[Cli, dict[str, str]]:
    paths = from_template("cancelled-1on1s", journal, templates, build)
    return Cli(journal), paths


WRITES = {
    "goals add": (
        ("goals", "add", "Two discovery calls a week", "--kind", "opportunity", "--due", "+2w"),
        "Two discovery calls a week",
        "hold the goal",
    ),
    "forecast": (("forecast", "--commit", "120000"), "commit: 120000", "hold the forecast"),
    "rate": (("rate", "4"), "helpful: 4", "rate"),
    "focus set": (
        ("focus", "set", "Ask for the next step", "--field-dates", "2026-12-03"),
        "Field coaching",
        "hold the field-coaching commitments",
    ),
}


@pytest.mark.parametrize("command", list(WRITES))
def test_a_change_goes_into_the_newest_1on1_that_was_not_cancelled(cancelled, command) -> None:
    cli, paths = cancelled
    args, written, _ = WRITES[command]
    cli.ok(*args, "--rep", "alice")
    assert written in (cli.cwd / paths["alice held"]).read_text()
    assert written not in (cli.cwd / paths["alice cancelled"]).read_text()


def refused(cli: Cli, args: tuple[str, ...], says: str) -> None:
    """The command fails in one line that ``says`` it, and writes nothing."""
    before = snapshot(cli.cwd)
    assert says in cli.fails(*args).stderr
    assert snapshot(cli.cwd) == before


@pytest.mark.parametrize("command", [c for c in WRITES if c != "focus set"])
def test_with_only_a_cancelled_1on1_it_says_so_and_writes_nothing(cancelled, command) -> None:
    cli, paths = cancelled
    args, _, to = WRITES[command]
    newest = Path(paths["bob cancelled"]).stem
    says = f"bob has no 1:1 on or before 2026-11-24 to {to}: the newest, {newest}, was cancelled"
    refused(cli, (*args, "--rep", "bob"), says)


def test_field_dates_with_only_a_cancelled_1on1_go_into_an_action_plan(cancelled) -> None:
    """As for a rep with no 1:1 at all (spec 9): the cancelled 1:1 is left as it was."""
    cli, paths = cancelled
    before = (cli.cwd / paths["bob cancelled"]).read_text()
    args, written, _ = WRITES["focus set"]
    cli.ok(*args, "--rep", "bob")
    assert (cli.cwd / paths["bob cancelled"]).read_text() == before
    (plan,) = (cli.cwd / "plans").rglob("*bob*.md")
    assert written in plan.read_text()


def test_rating_the_day_of_a_cancelled_1on1_names_it(cancelled) -> None:
    cli, paths = cancelled
    newest = Path(paths["alice cancelled"]).stem
    says = f"--date: alice has no 1:1 on 2026-11-17 to rate: the newest, {newest}, was cancelled"
    refused(cli, ("rate", "--rep", "alice", "4", "--date", "2026-11-17"), says)


def test_a_rep_with_no_1on1_at_all_hears_the_plain_error(cancelled) -> None:
    cli, _ = cancelled
    args = ("goals", "add", "Two calls a week", "--kind", "action", "--rep", "carol")
    result = cli.fails(*args)
    assert "carol has no 1:1 on or before 2026-11-24 to hold the goal" in result.stderr
    assert "cancelled" not in result.stderr
