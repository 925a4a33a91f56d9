"""What users tripped on: ``goals`` alone, ``help``, ``--format md``, a near-miss rep, the first
commit of ``init --git``, a win rate shown as typed, and ``progress --value +1``."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli, add_goal
from tests.test_git import GIT_ENV, GitCli, git


def test_goals_alone_lists_the_open_goals(cli: Cli, journal: Path) -> None:
    cli.ok("new", "1on1", "--rep", "alice", "--no-edit")
    add_goal(cli, "Run 3 discovery calls", "--rep", "alice", "--kind", "action", "--due", "+7d")
    alone = cli.ok("goals")
    assert alone.stdout == cli.ok("goals", "open").stdout
    assert "Run 3 discovery calls" in alone.stdout


def test_help_is_a_command_too(cli: Cli) -> None:
    assert cli.ok("help", "goals", "add").stdout == cli.ok("goals", "add", "--help").stdout
    assert cli.ok("help").stdout.startswith("Usage: coachlog [OPTIONS] COMMAND")
    assert "No such command 'nosuch'" in cli("help", "nosuch").stderr


def test_format_md_is_markdown(cli: Cli, journal: Path) -> None:
    assert (
        cli.ok("reps", "list", "-f", "md").stdout == cli.ok("reps", "list", "-f", "markdown").stdout
    )
    assert "md is short for markdown" in cli.ok("reps", "list", "--help").stdout


def test_a_rep_one_letter_off_is_answered_did_you_mean(cli: Cli, journal: Path) -> None:
    err = cli.fails("new", "1on1", "--rep", "alcie", "--no-edit").stderr
    assert "unknown rep 'alcie'" in err and "did you mean alice?" in err
    far = cli.fails("new", "1on1", "--rep", "zed", "--no-edit").stderr
    assert "known reps: alice, bob, carol" in far and "did you mean" not in far


def test_reps_list_shows_the_win_rate_as_typed(cli: Cli, journal: Path) -> None:
    cli.ok("reps", "set", "bob", "--win-rate", "0.275")
    shown = cli.ok("reps", "list", "-f", "md").stdout
    assert "| 25% |" in shown and "| 27.5% |" in shown
    data = {
        r["rep"]: r["win_rate"] for r in json.loads(cli.ok("reps", "list", "-f", "json").stdout)
    }
    assert data["alice"] == 0.25 and data["bob"] == 0.275


def test_progress_plus_one_adds_one(cli: Cli, journal: Path) -> None:
    cli.ok("new", "1on1", "--rep", "alice", "--no-edit")
    goal = add_goal(cli, "Run 5 discovery calls", "--rep", "alice", "--kind", "action",
                    "--due", "+7d", "--target", "5")  # fmt: skip
    assert "progress 2 of 5" in cli.ok("goals", "progress", goal, "--value", "2").stdout
    assert "progress 3 of 5" in cli.ok("goals", "progress", goal, "--value", "+1").stdout
    assert "progress 2.5 of 5" in cli.ok("goals", "progress", goal, "--value=-0.5").stdout
    err = cli.fails("goals", "progress", goal, "--value=-3").stderr
    assert "--value: -3 would take the progress below zero (it is 2.5)" in err
    assert (
        "'--value': 'two' is not a number"
        in cli.fails("goals", "progress", goal, "--value", "two").stderr
    )
    found = json.loads(cli.ok("goals", "show", goal, "-f", "json").stdout)
    assert found["progress"] == 2.5


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_init_git_makes_a_first_commit(tmp_path: Path) -> None:
    GitCli(tmp_path).ok("init", "j", "--git")
    root = tmp_path / "j"
    assert git(root, "log", "--format=%s") == "coachlog: init\n"
    committed = git(root, "show", "--name-only", "--format=", "HEAD").split()
    assert sorted(committed) == [".gitattributes", ".gitignore", "coachlog.yaml"]
    assert git(root, "status", "--porcelain") == ""


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_init_git_without_an_identity_still_starts_the_journal(tmp_path: Path) -> None:
    env = {k: "" for k in GIT_ENV if k.startswith("GIT_AUTHOR") or k.startswith("GIT_COMM")}
    env |= {"GIT_CONFIG_GLOBAL": "/dev/null", "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(tmp_path)}
    result = Cli(tmp_path).ok("init", "j", "--git", env=env)
    assert "warning: no first commit: git commit failed" in result.stderr
    assert (tmp_path / "j" / "coachlog.yaml").is_file()
    assert (
        subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=tmp_path / "j", capture_output=True
        ).returncode
        != 0
    )
