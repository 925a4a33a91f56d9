"""Git: ``git: {autocommit: true}`` commits what each command wrote, under the user's own
identity; and two managers writing in two clones on the same day merge without a conflict.

Identities come from GIT_AUTHOR_*/GIT_COMMITTER_* (and no global or system git config is
read), so the tests run the same on a fresh CI machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Cli

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Dana Test",
    "GIT_AUTHOR_EMAIL": "dana@example.com",
    "GIT_COMMITTER_NAME": "Dana Test",
    "GIT_COMMITTER_EMAIL": "dana@example.com",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(cwd: Path, *args: str, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        ["git", *args],
        cwd=cwd,
        env={**os.environ, **GIT_ENV, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"git {' '.join(args)}: {done.stderr}"
    return done.stdout


class GitCli(Cli):
    """``coachlog`` with the test's git identity in its environment."""

    def __call__(self, *args: str, env: dict[str, str] | None = None, input: str | None = None):  # type: ignore[no-untyped-def, override]
        return super().__call__(*args, env={**GIT_ENV, **(env or {})}, input=input)


def _journal(root: Path, *, autocommit: bool, repo: bool = True) -> GitCli:
    cli = GitCli(root)
    cli.ok("init", ".", "--manager", "dana", *(["--git"] if repo else []))
    if autocommit:
        config = root / "coachlog.yaml"
        text = config.read_text(encoding="utf-8")
        config.write_text(text.replace("autocommit: false", "autocommit: true"), encoding="utf-8")
    if repo:
        git(root, "add", "-A")
        if git(root, "status", "--porcelain"):  # init --git committed the journal as it began
            git(root, "commit", "-q", "-m", "Start the journal")
    return cli


def _log(root: Path) -> list[str]:
    return git(root, "log", "--format=%an <%ae>|%s").splitlines()


def test_autocommit_commits_each_change_under_the_users_identity(tmp_path: Path) -> None:
    cli = _journal(tmp_path, autocommit=True)
    (tmp_path / "notes.txt").write_text("staged, not coachlog's\n", encoding="utf-8")
    git(tmp_path, "add", "notes.txt")
    cli.ok("reps", "add", "alice")
    record = cli.ok("new", "1on1", "--rep", "alice", "--no-edit").stdout.strip()
    goal = cli.ok(
        "goals", "add", "Book the CTO call", "--rep", "alice", "--kind", "opportunity",
        "--due", "+7d", "--target", "1", "--today", "2026-11-24",
    ).stdout.strip()  # fmt: skip
    result = cli.ok("goals", "done", goal[:4])
    assert "commit" not in result.stderr  # committed: no warning says otherwise
    # the command and what it was about, never free text (the goal's title stays out)
    stem = Path(record).stem
    assert _log(tmp_path) == [
        f"Dana Test <dana@example.com>|coachlog: goals done {goal} alice",
        f"Dana Test <dana@example.com>|coachlog: goals add alice {goal}",
        f"Dana Test <dana@example.com>|coachlog: new 1on1 alice {stem}",
        "Dana Test <dana@example.com>|coachlog: reps add alice",
        "Dana Test <dana@example.com>|Start the journal",
        "Dana Test <dana@example.com>|coachlog: init",  # init --git makes the first commit
    ]
    assert "Book the CTO call" not in git(tmp_path, "log", "--format=%B")
    # only what coachlog wrote: the file staged by hand is still staged, not committed
    assert git(tmp_path, "status", "--porcelain") == "A  notes.txt\n"
    assert git(tmp_path, "show", "--stat", "--format=", "HEAD").split()[0] == record


def test_autocommit_off_commits_nothing(tmp_path: Path) -> None:
    cli = _journal(tmp_path, autocommit=False)
    cli.ok("reps", "add", "alice")
    assert len(_log(tmp_path)) == 1
    assert git(tmp_path, "status", "--porcelain") == "?? reps/\n"


def test_a_command_that_fails_commits_nothing(tmp_path: Path) -> None:
    cli = _journal(tmp_path, autocommit=True)
    cli.ok("reps", "add", "alice")
    cli.fails("goals", "add", "Book the CTO call", "--rep", "alice", "--kind", "opportunity")
    assert len(_log(tmp_path)) == 3  # init, Start the journal, reps add


def _no_repo(root: Path) -> tuple[GitCli, dict[str, str], str]:
    return _journal(root, autocommit=True, repo=False), {}, "is not in a git repository"


def _no_git(root: Path) -> tuple[GitCli, dict[str, str], str]:
    cli = _journal(root, autocommit=True)
    empty = root.parent / "empty-path"
    empty.mkdir()
    return cli, {"PATH": str(empty)}, "not committed: git is not installed"


def _commit_fails(root: Path) -> tuple[GitCli, dict[str, str], str]:
    cli = _journal(root, autocommit=True)
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\necho 'error: the pre-commit hook says no' >&2\nexit 1\n")
    hook.chmod(0o755)
    return cli, {}, "not committed: git commit failed: error: the pre-commit hook says no"


@pytest.mark.parametrize("setup", [_no_repo, _no_git, _commit_fails])
def test_when_it_cannot_commit_it_warns_in_one_line_and_the_write_stands(
    setup, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    root = tmp_path / "journal"
    root.mkdir()
    cli, env, words = setup(root)
    result = cli("reps", "add", "alice", env=env)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and words in warnings[0], result.stderr
    assert "Traceback" not in result.output
    assert (root / "reps" / "alice.yaml").is_file()


# --- two managers, two clones, one day ----------------------------------------------------------


def _add(cli: Cli, rep: str, title: str) -> str:
    return cli.ok(
        "goals", "add", title, "--rep", rep, "--kind", "action", "--owner", "manager",
        "--due", "+7d",
    ).stdout.strip()  # fmt: skip


def _open_ids(cli: Cli) -> set[str]:
    return {g["id"] for g in json.loads(cli.ok("goals", "open", "--format", "json").stdout)}


@pytest.mark.parametrize("pull", [("pull", "--rebase"), ("pull", "--no-rebase")])
def test_two_clones_write_on_the_same_day_and_merge_without_conflict(
    pull: tuple[str, ...], tmp_path: Path
) -> None:
    origin = tmp_path / "origin.git"
    git(tmp_path, "init", "-q", "--bare", "-b", "main", str(origin))
    a, b = tmp_path / "dana", tmp_path / "sam"
    git(tmp_path, "clone", "-q", str(origin), str(a))
    git(a, "checkout", "-q", "-B", "main")
    dana = _journal(a, autocommit=True)
    for rep in ("alice", "bob", "carol"):
        dana.ok("reps", "add", rep)
    git(a, "push", "-q", "origin", "main")
    git(tmp_path, "clone", "-q", str(origin), str(b))
    sam = GitCli(b)

    # the same day, the same rep (alice) and others, each in their own new 1:1
    dana.ok("new", "1on1", "--rep", "alice", "--no-edit")
    from_dana = {_add(dana, "alice", "Join the Acme call"), _add(dana, "alice", "Review Q1 plan")}
    dana.ok("new", "1on1", "--rep", "bob", "--no-edit")
    from_dana.add(_add(dana, "bob", "Shadow a renewal"))
    sam.ok("new", "1on1", "--rep", "alice", "--no-edit")
    from_sam = {_add(sam, "alice", "Role-play the pricing objection")}
    sam.ok("new", "1on1", "--rep", "carol", "--no-edit")
    from_sam.add(_add(sam, "carol", "Sit in on a discovery call"))

    git(a, "push", "-q", "origin", "main")
    git(b, *pull, "-q", "origin", "main")  # no conflict, or this fails
    git(b, "push", "-q", "origin", "main")
    git(a, "pull", "-q", "--ff-only", "origin", "main")

    everything = from_dana | from_sam
    assert _open_ids(dana) == everything
    assert _open_ids(sam) == everything
    assert len(list((a / "1on1").rglob("*.md"))) == 4
    assert git(a, "status", "--porcelain") == git(b, "status", "--porcelain") == ""
    assert dana("check").exit_code == 0
