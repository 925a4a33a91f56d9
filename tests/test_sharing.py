"""One journal, a bare origin, two clones: what two managers do apart comes together after an
ordinary ``git pull``, with nothing lost, no git conflict, and disagreements shown.

Real git throughout; identities and config come from the environment (no global or system git
config is read), so the tests run the same on a fresh machine.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.test_git import GitCli, git

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

TODAY = "2026-11-24"


class Team:
    """A bare origin and two clones of one journal, ``a`` and ``b``."""

    def __init__(self, root: Path) -> None:
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
