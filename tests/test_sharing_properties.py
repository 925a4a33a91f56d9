"""Property: any interleaving of goal operations in two clones of one journal, merged with
``git pull``, gives the ``goals open`` of a reference model applied to the union of the
operations each clone accepted, in time order, in both clones, and never a git conflict.

The reference model is the method's rule, written plainly: each field takes its latest value;
a close of an open goal closes it, a close that disagrees with the close in force is a
conflict, the next close or reopen settles it.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_git import GIT_ENV, GitCli, git
from tests.test_sharing import TODAY, Team

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

CLOSE = {"done": "done", "miss": "missed", "drop": "dropped"}
DUES = ["2026-12-01", "2026-12-08", "2026-12-15"]
GOALS = 3


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    """Two clones of a journal holding three open goals of alice, both up to date."""
    root = tmp_path_factory.mktemp("shared")
    team = Team(root)
    team.run("a", "new", "1on1", "--rep", "alice", "--no-edit", today="2026-11-17")
    goals = [
        team.run(
            "a", "goals", "add", f"Run {n} discovery calls", "--rep", "alice", "--kind",
            "action", "--due", "2026-11-30", "--target", "5", today="2026-11-17",
        )
        for n in range(GOALS)
    ]  # fmt: skip
    team.share("a")
    team.pull("b")
    return root, goals


steps = st.lists(
    st.tuples(
        st.sampled_from("ab"),
        st.sampled_from(["progress", "due", "done", "miss", "drop", "reopen", "1on1"]),
        st.integers(0, GOALS - 1),
        st.integers(0, 2),
    ),
    min_size=1,
    max_size=8,
)


def reference(accepted: list[tuple[str, int, int]]) -> dict[int, tuple[str, float, str]]:
    """Each goal's (status, progress, due) after ``accepted`` (op, goal, value) in order."""
    state = {g: ("open", 0.0, "2026-11-30") for g in range(GOALS)}
    for op, goal, value in accepted:
        status, progress, due = state[goal]
        if op == "progress":
            progress = float(value + 1)
        elif op == "due":
            due = DUES[value]
        elif op == "reopen":
            status = "open"
        elif op in CLOSE:
            decided = CLOSE[op]
            if status in CLOSE.values() and status != decided:
                status = "conflict"
            elif status != decided:
                status = decided
        state[goal] = (status, progress, due)
    return state


@settings(
    max_examples=10,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(steps=steps)
def test_any_interleaving_in_two_clones_merges_to_the_reference(
    shared: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory, steps: list
) -> None:
    template, goals = shared
    root = tmp_path_factory.mktemp("run")
    shutil.copytree(template, root, dirs_exist_ok=True, symlinks=True)
    clones = {"a": root / "a", "b": root / "b"}
    for clone in clones.values():  # the copy's origin is its own
        git(clone, "remote", "set-url", "origin", str(root / "origin.git"))
    cli = {name: GitCli(path) for name, path in clones.items()}
    accepted: list[tuple[str, int, int]] = []
    for clone, op, goal, value in steps:
        if op == "1on1":
            cli[clone].ok("new", "1on1", "--rep", "alice", "--no-edit", "--today", TODAY)
            continue
        args = {
            "progress": ("goals", "progress", goals[goal], "--value", str(value + 1)),
            "due": ("goals", "edit", goals[goal], "--due", DUES[value]),
            "reopen": ("goals", "reopen", goals[goal]),
        }.get(op, ("goals", op, goals[goal]))
        result = cli[clone](*args, "--today", TODAY)
        assert result.exception is None, result.exception
        if result.exit_code == 0:
            accepted.append((op, goal, value))
    env = {**os.environ, **GIT_ENV}
    for name, path in clones.items():
        git(path, "add", "-A")
        git(path, "commit", "-q", "--allow-empty", "-m", f"work in {name}")
    git(clones["a"], "push", "-q", "origin", "HEAD:main")
    pulled = subprocess.run(
        ["git", "pull", "-q", "--no-edit", "origin", "main"],
        cwd=clones["b"], env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert pulled.returncode == 0, pulled.stdout + pulled.stderr  # never a git conflict
    git(clones["b"], "push", "-q", "origin", "HEAD:main")
    git(clones["a"], "pull", "-q", "--no-edit", "origin", "main")
    expected = {goals[g]: s for g, s in reference(accepted).items() if s[0] in ("open", "conflict")}
    for name in clones:
        listed = json.loads(
            cli[name].ok("goals", "open", "--format", "json", "--today", TODAY).stdout
        )
        found = {g["id"]: (g["status"], float(g["progress"] or 0), str(g["due"])) for g in listed}
        assert found == expected, (name, steps, accepted)
