"""Screens that fit: ``goals open`` and ``report`` on a real pseudo-terminal (``script``) at 80
and 60 columns cut no id, date, overdue marker or flag and print no line wider than the
terminal; overdue items are coloured unless NO_COLOR; long output goes through the pager on a
terminal and never in a pipe."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from coachlog.render.formats.table import column_widths
from coachlog.render.page import Column, Listing
from tests.conftest import Cli

pytestmark = pytest.mark.skipif(shutil.which("script") is None, reason="script(1) is not installed")

DEMO = Path(__file__).parent.parent / "examples" / "demo"
TODAY = "2026-11-24"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("screens")
    shutil.copytree(DEMO, root, dirs_exist_ok=True)
    return root


def at_terminal(root: Path, columns: int, *args: str, rows: int = 500, **env: str) -> str:
    """What ``coachlog ARGS`` shows on a terminal ``columns`` wide, escape codes and all."""
    command = " ".join(
        ["stty", "cols", str(columns), "rows", str(rows), ";", sys.executable, "-m", "coachlog"]
        + [f"'{a}'" for a in args]
    )
    environ = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR")}
    environ |= {"COACHLOG_TODAY": TODAY, "COACHLOG_JOURNAL": str(root), "PAGER": "cat"} | env
    done = subprocess.run(
        ["script", "-qec", command, "/dev/null"],
        cwd=root,
        env=environ,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout
    return done.stdout.replace("\r\n", "\n")


def plain(text: str) -> str:
    return ANSI.sub("", text)


@pytest.mark.parametrize("columns", [80, 60])
def test_open_goals_fit_the_terminal_and_cut_no_id_date_or_marker(demo: Path, columns: int) -> None:
    shown = at_terminal(demo, columns, "goals", "open")
    text = plain(shown)
    assert max(len(line) for line in text.splitlines()) <= columns, text
    assert "…" not in text
    goals = json.loads(Cli(demo, TODAY).ok("goals", "open", "-f", "json").stdout)
    words = text.split()
    for goal in goals:
        assert goal["id"] in words, goal["id"]
        assert goal["due"] in words, goal["due"]
    overdue = [g for g in goals if g["overdue"]]
    assert overdue and text.count("(overdue)") == len(overdue)
    assert "\x1b[1;31m" in shown  # overdue in red


@pytest.mark.parametrize("columns", [80, 60])
def test_the_report_fits_the_terminal_and_cuts_no_flag(demo: Path, columns: int) -> None:
    text = plain(at_terminal(demo, columns, "report"))
    assert max(len(line) for line in text.splitlines()) <= columns, text
    assert "…" not in text
    report = json.loads(Cli(demo, TODAY).ok("report", "-f", "json").stdout)
    flat = " ".join(text.split())  # a note wrapped over lines reads as one
    for rep in report["reps"]:
        assert f"{rep['coaching_minutes']}/{rep['target_minutes']:g}" in flat
        assert rep["flags"] and f"- {rep['rep']}: " in flat
    assert "Coaching" in flat and "#1 behaviour" in flat  # headers whole


@pytest.fixture(scope="module")
def two_teams(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The demo twice, as two teams' journals (a managers' table of two rows, a Team column)."""
    root = tmp_path_factory.mktemp("two-teams")
    west, east = root / "west", root / "east"
    shutil.copytree(DEMO, west)
    shutil.copytree(DEMO, east)
    config = east / "coachlog.yaml"
    config.write_text(config.read_text().replace("team: Enterprise West", "team: Enterprise East"))
    return west, east


@pytest.mark.parametrize("columns", [80, 60])
def test_the_managers_table_fits_the_terminal_with_a_flag_line_per_manager(
    two_teams: tuple[Path, Path], columns: int
) -> None:
    west, east = two_teams
    args = ("report", "--by", "manager", "--journal", str(west), "--journal", str(east))
    text = plain(at_terminal(west, columns, *args))
    assert max(len(line) for line in text.splitlines()) <= columns, text
    assert "…" not in text
    managers = json.loads(Cli(west, TODAY).ok(*args, "-f", "json").stdout)["managers"]
    assert len(managers) == 2 and all(m["flags"] for m in managers)
    flat = " ".join(text.split())  # a note wrapped over lines reads as one
    for manager in managers:
        line = f"- {manager['team']}/{manager['manager']}: listened to 0 minutes of shared calls"
        assert line in flat, text
    assert "Flags" not in text  # the flags are words below the table, not a cell


def test_no_color_turns_the_colour_off(demo: Path) -> None:
    shown = at_terminal(demo, 100, "goals", "open", NO_COLOR="1")
    assert "(overdue)" in shown and "31m" not in shown


def test_long_output_goes_through_the_pager_on_a_terminal_only(demo: Path, tmp_path: Path) -> None:
    pager = tmp_path / "pager.sh"
    pager.write_text(f'#!/bin/sh\n{{ echo PAGED; cat; }} > "{tmp_path}/paged"\n')
    pager.chmod(0o755)
    at_terminal(demo, 100, "log", rows=20, PAGER=str(pager))
    paged = (tmp_path / "paged").read_text()
    assert paged.startswith("PAGED\n") and "2026-09-01-alice-kqug" in paged
    (tmp_path / "paged").unlink()
    at_terminal(demo, 100, "goals", "open", "--rep", "erin", rows=20, PAGER=str(pager))
    assert not (tmp_path / "paged").exists()  # it fits the screen: no pager
    env = {**os.environ, "PAGER": str(pager), "COACHLOG_JOURNAL": str(demo)}
    piped = subprocess.run(
        [sys.executable, "-m", "coachlog", "log"], env=env, capture_output=True, text=True
    )
    assert piped.returncode == 0 and "2026-09-01-alice-kqug" in piped.stdout
    assert not (tmp_path / "paged").exists()  # never in a pipe


def test_columns_are_never_narrower_than_their_longest_word() -> None:
    columns = [Column("id", "Id"), Column("title", "Goal"), Column("due_text", "Due")]
    rows = [{"id": "7fq2ab9c", "title": "Book the call " * 5, "due_text": "2026-11-17 (overdue)"}]
    listing = Listing("Open goals", columns, rows)
    assert column_widths(listing, columns, 200) == [8, 70, 20]  # all fits: as wide as the text
    # narrow: the title first gets the spare room (up to a readable width), the due cell wraps
    # between its words; neither is ever narrower than its longest word
    assert column_widths(listing, columns, 40) == [8, 12, 10]
    assert column_widths(listing, columns, 70) == [8, 32, 20]  # 24, the due whole, then the rest
    assert column_widths(listing, columns, 36) is None  # too narrow for a table: stacked
