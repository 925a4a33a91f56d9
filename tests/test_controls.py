"""Text from a teammate's commit cannot drive your terminal: control characters (ESC, BEL) and
marks that reorder text (U+202E) in a goal's title are shown as escapes in everything people
read, and kept exactly in JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coachlog.render.text import visible
from tests.conftest import Cli, add_goal

HOSTILE = "Call \x1b]0;owned\x07Acme \x1b[2J\u202eeulav"
UNSEEN = ("\x1b", "\x07", "\u202e")


@pytest.fixture
def hostile_goal(journal: Path, cli: Cli) -> str:
    """A goal whose title a teammate's commit set to ``HOSTILE`` (written by hand: the CLI
    itself refuses control characters in a title)."""
    record = journal / cli.ok("new", "1on1", "--rep", "alice").stdout.strip()
    goal = add_goal(cli, "Call Acme", "--rep", "alice", "--kind", "action", "--due", "+7d")
    text = record.read_text(encoding="utf-8")
    record.write_text(text.replace("title: Call Acme", f"title: {json.dumps(HOSTILE)}"))
    return goal


def clean(output: str) -> bool:
    return not any(c in output for c in UNSEEN)


@pytest.mark.parametrize(
    "args",
    [
        ("goals", "open"),
        ("goals", "open", "--format", "table"),
        ("goals", "open", "--format", "slack"),
        ("goals", "open", "--format", "email", "--to", "a@example.com", "--from", "b@example.com"),
        ("report",),
        ("report", "--rep", "alice", "--format", "table"),
        ("check",),
    ],
)
def test_what_people_read_shows_control_characters_as_escapes(
    hostile_goal: str, cli: Cli, args: tuple[str, ...]
) -> None:
    result = cli(*args)
    assert result.exception is None
    assert clean(result.stdout) and clean(result.stderr), result.output


def test_the_goal_shows_escaped_and_its_line_after_a_change_too(
    hostile_goal: str, cli: Cli
) -> None:
    shown = cli.ok("goals", "show", hostile_goal, "--format", "table").stdout
    assert clean(shown) and "\\x1b]0;owned\\x07" in shown
    done = cli.ok("goals", "done", hostile_goal)
    assert clean(done.stdout) and "\\u202eeulav" in done.stdout


def test_json_keeps_the_title_exactly(hostile_goal: str, cli: Cli) -> None:
    rows = json.loads(cli.ok("goals", "open", "--format", "json").stdout)
    assert [row["title"] for row in rows] == [HOSTILE]


def test_visible_escapes_controls_and_reordering_marks_and_nothing_else() -> None:
    assert visible("a\x1bb\x07c\x7fd\x9be\u202ef\u2066g") == (
        "a\\x1bb\\x07c\\x7fd\\x9be\\u202ef\\u2066g"
    )
    for kept in ("tab\there", "two\nlines", "naïve café — 1:1 ✓", "עברית", ""):
        assert visible(kept) == kept


@pytest.mark.parametrize(
    "args",
    [
        ("agenda", "--rep", "x\x1b[2Jy"),  # coachlog's own error
        ("goalz\x1b[2J",),  # click's: an unknown command, quoted as typed
        ("report", "--format", "md\u202e"),
    ],
)
def test_an_error_naming_hostile_text_shows_it_escaped(
    journal: Path, cli: Cli, args: tuple[str, ...]
) -> None:
    result = cli.fails(*args)
    assert clean(result.stderr), result.stderr
