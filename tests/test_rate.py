"""``coachlog rate``: the rep's 1-5 on a 1:1, written as ``helpful:`` in that record and
nowhere else; bad input refused in one line with nothing written."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import frontmatter
import pytest

from tests.conftest import Cli, snapshot


def new_1on1(cli: Cli, rep: str, day: str) -> Path:
    result = cli.ok("new", "1on1", "--rep", rep, "--no-edit", "--today", day)
    return cli.cwd / result.stdout.strip()


def changed_lines(before: str, after: str) -> list[str]:
    diff = difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
    return [line for line in diff if line[:1] in "+-" and not line.startswith(("+++", "---"))]


@pytest.fixture
def two_1on1s(journal: Path, cli: Cli) -> tuple[Path, Path]:
    return new_1on1(cli, "alice", "2026-11-17"), new_1on1(cli, "alice", "2026-11-24")


def test_rate_the_newest_1on1_changes_only_the_helpful_line(two_1on1s, cli: Cli) -> None:
    older, newer = two_1on1s
    before_old, before_new = older.read_text(), newer.read_text()
    result = cli.ok("rate", "--rep", "alice", "4")
    assert result.stdout.strip() == str(newer.relative_to(cli.cwd))
    assert "rated 4 of 5" in result.stderr
    assert changed_lines(before_new, newer.read_text()) == [
        "-helpful:",
        "+helpful: 4",
        "+rated: 2026-11-24",
    ]
    assert older.read_text() == before_old
    assert frontmatter.load(str(newer)).metadata["helpful"] == 4


def test_rate_a_given_date_and_rate_again(two_1on1s, cli: Cli) -> None:
    older, newer = two_1on1s
    before_new = newer.read_text()
    cli.ok("rate", "--rep", "alice", "2", "--date", "2026-11-17")
    assert frontmatter.load(str(older)).metadata["helpful"] == 2
    again = cli.ok("rate", "--rep", "alice", "5", "--date", "2026-11-17")
    assert "(was 2)" in again.stderr
    assert frontmatter.load(str(older)).metadata["helpful"] == 5
    assert newer.read_text() == before_new


def test_rating_before_today_skips_1on1s_dated_later(journal: Path, cli: Cli) -> None:
    held = new_1on1(cli, "alice", "2026-11-17")
    planned = new_1on1(cli, "alice", "2026-11-30")
    cli.ok("rate", "--rep", "alice", "3", "--today", "2026-11-24")
    assert frontmatter.load(str(held)).metadata["helpful"] == 3
    assert frontmatter.load(str(planned)).metadata["helpful"] is None


def test_two_1on1s_on_a_day_the_later_created_is_rated(journal: Path, cli: Cli) -> None:
    first = new_1on1(cli, "alice", "2026-11-24")
    second = new_1on1(cli, "alice", "2026-11-24")
    for path, stamp in ((first, "2026-11-24T09:00:00Z"), (second, "2026-11-24T15:00:00Z")):
        text = path.read_text()
        start = text.index("created: ")
        end = text.index("\n", start)
        path.write_text(text[:start] + f"created: {stamp}" + text[end:])
    cli.ok("rate", "--rep", "alice", "4", "--date", "2026-11-24")
    assert frontmatter.load(str(second)).metadata["helpful"] == 4
    assert frontmatter.load(str(first)).metadata["helpful"] is None


def test_a_note_goes_beside_the_rating(two_1on1s, cli: Cli) -> None:
    _, newer = two_1on1s
    before = newer.read_text()
    cli.ok("rate", "--rep", "alice", "5", "--note", "The role play: more of it")
    assert changed_lines(before, newer.read_text()) == [
        "-helpful:",
        "+helpful: 5",
        "+helpful_note: 'The role play: more of it'",
        "+rated: 2026-11-24",
    ]
    meta = frontmatter.load(str(newer)).metadata
    assert meta["helpful_note"] == "The role play: more of it"


def test_a_hand_written_1on1_without_a_helpful_key_gets_one(journal: Path, cli: Cli) -> None:
    path = new_1on1(cli, "alice", "2026-11-24")
    text = path.read_text()
    path.write_text(text.replace("helpful:\n", "", 1))
    cli.ok("rate", "--rep", "alice", "3")
    assert frontmatter.load(str(path)).metadata["helpful"] == 3


def test_the_rating_reaches_the_report(two_1on1s, cli: Cli) -> None:
    cli.ok("rate", "--rep", "alice", "2", "--date", "2026-11-17")
    cli.ok("rate", "--rep", "alice", "5", "--date", "2026-11-24")
    data = json.loads(cli.ok("report", "--format", "json").stdout)
    alice = next(r for r in data["reps"] if r["rep"] == "alice")
    assert alice["helpful_mean"] == 3.5
    assert alice["helpful_ratings"] == 2


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("--rep", "alice", "0"), "N: '0' is not a rating"),
        (("--rep", "alice", "6"), "N: '6' is not a rating"),
        (("--rep", "alice", "lots"), "N: 'lots' is not a rating"),
        (("--rep", "alice", "3.5"), "is not a rating"),
        (("--rep", "alice", "--", "-1"), "is not a rating"),
        (("--rep", "zed", "3"), "unknown rep 'zed'"),
        (("--rep", "Alice!", "3"), "is not a rep handle"),
        (("--rep", "bob", "3"), "bob has no 1:1 on or before 2026-11-24 to rate"),
        (("--rep", "alice", "3", "--date", "2026-11-20"), "alice has no 1:1 on 2026-11-20"),
        (("--rep", "alice", "3", "--date", "2026-11-31"), "--date: '2026-11-31' is not a real day"),
        (("--rep", "alice", "3", "--date", "someday"), "--date: 'someday' is not a date"),
        (("--rep", "alice", "3", "--date", "2026-12-01"), "after today"),
        (("--rep", "alice", "3", "--note", "  "), "--note: the note is empty"),
        (("--rep", "alice", "3", "--note", "a\nb"), "--note: give the note as one line"),
        (("--rep", "alice"), "Missing argument"),
    ],
)
def test_bad_input_is_one_line_and_writes_nothing(
    two_1on1s, journal, cli: Cli, args, words
) -> None:
    before = snapshot(journal)
    result = cli.fails("rate", *args)
    assert words in result.stderr, result.stderr
    assert snapshot(journal) == before


def test_a_1on1_that_does_not_read_is_not_rewritten(journal: Path, cli: Cli) -> None:
    path = new_1on1(cli, "alice", "2026-11-24")
    text = path.read_text().replace("minutes: 40", "minutes: lots", 1)
    path.write_text(text)
    before = snapshot(journal)
    result = cli("rate", "--rep", "alice", "4")
    assert result.exit_code != 0
    assert "Traceback" not in result.output
    assert snapshot(journal) == before
