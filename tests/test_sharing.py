"""One journal, a bare origin, two clones: what two managers do apart comes together after an
ordinary ``git pull``, with nothing lost, no git conflict, and disagreements shown.

Real git throughout; identities and config come from the environment (no global or system git
config is read), so the tests run the same on a fresh machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.test_git import GIT_ENV, GitCli, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TODAY = "2026-11-24"


class Team:
    """A bare origin and two clones of one journal, ``a`` and ``b``."""

    def __init__(self, root: Path, *, setup_b: bool = True) -> None:
        self.origin = root / "origin.git"
        git(root, "init", "-q", "--bare", "-b", "main", str(self.origin))
        self.a = root / "a"
        self.a.mkdir()
        first = GitCli(self.a)
        first.ok("init", ".", "--manager", "dana", "--git")
        git(self.a, "checkout", "-q", "-b", "main")
        first.ok("reps", "add", "alice")
        git(self.a, "add", "-A")
        git(self.a, "commit", "-q", "-m", "Start the journal")
        git(self.a, "remote", "add", "origin", str(self.origin))
        git(self.a, "push", "-q", "-u", "origin", "main")
        self.b = root / "b"
        git(root, "clone", "-q", str(self.origin), str(self.b))
        self.cli = {"a": first, "b": GitCli(self.b)}
        for clone in (self.a, self.b):
            git(clone, "config", "pull.rebase", "false")
        if setup_b:
            self.cli["b"].ok("git", "setup")

    def run(self, clone: str, *args: str, today: str = TODAY) -> str:
        return self.cli[clone].ok(*args, "--today", today).stdout.strip()

    def fails(self, clone: str, *args: str) -> str:
        return self.cli[clone].fails(*args, "--today", TODAY).stderr

    def share(self, clone: str, message: str = "coaching") -> None:
        """Commit everything and push; pull first (a merge) when the other clone pushed."""
        root = self.a if clone == "a" else self.b
        git(root, "add", "-A")
        if git(root, "status", "--porcelain").strip():
            git(root, "commit", "-q", "-m", message)
        git(root, "pull", "-q", "--no-edit", "origin", "main")
        git(root, "push", "-q", "origin", "HEAD:main")

    def pull(self, clone: str) -> None:
        root = self.a if clone == "a" else self.b
        git(root, "pull", "-q", "--no-edit", "origin", "main")

    def commit(self, clone: str, message: str = "coaching") -> None:
        root = self.a if clone == "a" else self.b
        git(root, "add", "-A")
        git(root, "commit", "-q", "-m", message)

    def goal(self, clone: str, goal_id: str) -> dict:
        return json.loads(self.run(clone, "goals", "show", goal_id, "--format", "json"))

    def open_ids(self, clone: str) -> list[str]:
        listed = json.loads(self.run(clone, "goals", "open", "--format", "json"))
        return [g["id"] for g in listed]


@pytest.fixture
def team(tmp_path: Path) -> Team:
    return Team(tmp_path)


def _start_with_a_goal(team: Team) -> str:
    team.run("a", "new", "1on1", "--rep", "alice", "--no-edit", today="2026-11-17")
    goal = team.run(
        "a", "goals", "add", "Run 5 discovery calls", "--rep", "alice", "--kind", "action",
        "--due", "2026-12-01", "--target", "5", today="2026-11-17",
    )  # fmt: skip
    team.share("a")
    team.pull("b")
    return goal


def test_a_goal_closed_in_one_clone_stays_closed_after_the_other_rolls_it_forward(team) -> None:
    goal = _start_with_a_goal(team)
    team.run("a", "goals", "done", goal)
    team.run("b", "new", "1on1", "--rep", "alice", "--no-edit")  # rolls it forward, as open
    assert goal in team.open_ids("b")  # b has not heard yet
    team.share("a")
    team.share("b")  # a merge: no conflict
    team.pull("a")
    for clone in ("a", "b"):
        assert team.open_ids(clone) == []
        assert team.goal(clone, goal)["status"] == "done"
    assert team.cli["a"]("check", "--today", TODAY).exit_code == 0


def test_one_goal_progressed_in_one_clone_and_redated_in_the_other_merges_both(team) -> None:
    goal = _start_with_a_goal(team)
    team.run("a", "goals", "progress", goal, "--value", "3", "--note", "three booked")
    team.run("b", "goals", "edit", goal, "--due", "2026-12-08", today="2026-11-25")
    team.share("a")
    team.share("b")  # the same lines of the same file: the merge driver merges the histories
    team.pull("a")
    for clone in ("a", "b"):
        shown = team.goal(clone, goal)
        assert (shown["status"], shown["progress"], shown["due"]) == ("open", 3, "2026-12-08")
        changes = [e["changes"] for e in shown["events"]]
        assert {"progress": 3} in changes and {"due": "2026-12-08"} in changes
        assert "2026-11-24: three booked" in shown["notes"]
    assert "<<<<<<<" not in (team.b / shown["record"]).read_text()


def test_done_in_one_clone_and_missed_in_the_other_is_a_conflict_until_settled(team) -> None:
    goal = _start_with_a_goal(team)
    team.run("a", "goals", "done", goal)
    team.run("b", "goals", "miss", goal)
    team.share("a")
    team.share("b")
    listed = json.loads(team.run("b", "goals", "open", "--format", "json"))
    assert [(g["id"], g["status"]) for g in listed] == [(goal, "conflict")]
    shown = team.goal("b", goal)
    assert shown["status"] == "conflict"
    assert sorted(d["status"] for d in shown["decisions"]) == ["done", "missed"]
    check = team.cli["b"]("check", "--today", TODAY)
    assert check.exit_code == 1
    assert f"error: goal {goal} was closed two ways" in check.stdout
    assert "is in conflict" in team.fails("b", "goals", "progress", goal, "--value", "1")
    team.run("b", "goals", "done", goal, "--note", "agreed: done")  # settles it
    assert team.goal("b", goal)["status"] == "done"
    assert team.open_ids("b") == []
    assert team.cli["b"]("check", "--today", TODAY).exit_code == 0


def test_without_the_driver_a_clash_leaves_markers_that_coachlog_names(tmp_path) -> None:
    team = Team(tmp_path, setup_b=False)
    goal = _start_with_a_goal(team)
    team.run("a", "goals", "progress", goal, "--value", "3")
    team.run("b", "goals", "edit", goal, "--due", "2026-12-08")
    team.share("a")
    team.commit("b")
    merged = subprocess.run(
        ["git", "pull", "-q", "--no-edit", "origin", "main"],
        cwd=team.b, env={**os.environ, **GIT_ENV}, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert merged.returncode != 0  # git's line merge: a conflict in the goal's lines
    record = next((team.b / "1on1").glob("*/*.md"))
    line = (
        record.read_text()
        .splitlines()
        .index(next(x for x in record.read_text().splitlines() if x.startswith("<<<<<<<")))
        + 1
    )
    where = f"{record.relative_to(team.b)}:{line}"
    for args in (("goals", "open"), ("goals", "show", goal), ("check",)):
        result = team.cli["b"](*args, "--today", TODAY)
        text = result.stdout + result.stderr
        assert f"{where}: " in text and "unresolved git merge conflict (<<<<<<<)" in text, text
    assert team.cli["b"]("check", "--today", TODAY).exit_code == 1


def test_markers_in_the_body_are_named_too(team) -> None:
    record = Path(team.run("a", "new", "1on1", "--rep", "alice", "--no-edit"))
    path = team.a / record
    text = path.read_text()
    path.write_text(text + "<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> b\n")
    line = len(text.splitlines()) + 1
    result = team.cli["a"]("check", "--today", TODAY)
    assert f"{record}:{line}: error: unresolved git merge conflict (<<<<<<<)" in result.stdout


def test_git_setup_is_idempotent_and_init_git_does_it(team) -> None:
    attributes = (team.a / ".gitattributes").read_text()
    assert "1on1/**/*.md merge=coachlog" in attributes
    driver = git(team.a, "config", "--get", "merge.coachlog.driver")
    assert "-m coachlog git merge-driver %O %A %B %P" in driver
    assert team.cli["b"].ok("git", "setup").stdout.strip() == "git setup: already in place"
    assert (team.a / ".gitattributes").read_text() == attributes
    outside = team.origin.parent / "plain"
    outside.mkdir()
    GitCli(outside).ok("init", ".")
    assert "not in a git repository" in GitCli(outside).fails("git", "setup").stderr
