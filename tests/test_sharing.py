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
import sys
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

    def try_pull(self, clone: str) -> subprocess.CompletedProcess[str]:
        """``git pull`` that may stop on a conflict (its result, not an assertion)."""
        return subprocess.run(
            ["git", "pull", "-q", "--no-edit", "origin", "main"],
            cwd=self.a if clone == "a" else self.b,
            env={**os.environ, **GIT_ENV},
            capture_output=True,
            text=True,
            check=False,
        )

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
    # the next 1:1 carries it, to be decided together; it stays a conflict until then
    agenda = json.loads(team.run("b", "agenda", "--rep", "alice", "--format", "json"))
    assert goal in [g for section in agenda["sections"] for g in section["goals"]]
    record = team.b / team.run("b", "new", "1on1", "--rep", "alice", "--no-edit")
    assert "closed two ways in two places: decide it together" in record.read_text()
    assert team.goal("b", goal)["status"] == "conflict"
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
    merged = team.try_pull("b")
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
    # coachlog git resolve finishes the merge as the driver would have
    resolved = team.cli["b"].ok("git", "resolve").stdout
    assert resolved == f"{record.relative_to(team.b)}: merged\n"
    git(team.b, "commit", "-q", "--no-edit")
    shown = team.goal("b", goal)
    assert (shown["progress"], shown["due"]) == (3, "2026-12-08")
    assert team.cli["b"]("check", "--today", TODAY).exit_code == 0
    assert team.cli["b"].ok("git", "resolve").stdout == "no 1:1 record is waiting for a merge\n"


def test_markers_in_the_body_are_named_too(team) -> None:
    record = Path(team.run("a", "new", "1on1", "--rep", "alice", "--no-edit"))
    path = team.a / record
    text = path.read_text()
    path.write_text(text + "<<<<<<< HEAD\nmine\n=======\ntheirs\n>>>>>>> b\n")
    line = len(text.splitlines()) + 1
    result = team.cli["a"]("check", "--today", TODAY)
    assert f"{record}:{line}: error: unresolved git merge conflict (<<<<<<<)" in result.stdout


def test_check_says_when_a_clone_lacks_the_driver_or_its_program_is_gone(tmp_path) -> None:
    team = Team(tmp_path, setup_b=False)
    team.pull("b")
    result = team.cli["b"]("check", "--today", TODAY)
    assert ".gitattributes:1: warning: this clone has not registered coachlog's merge driver" in (
        result.stdout
    )
    git(team.b, "config", "merge.coachlog.driver", "/gone/python -m coachlog git merge-driver")
    assert "runs /gone/python, which is gone" in team.cli["b"]("check", "--today", TODAY).stdout
    team.cli["b"].ok("git", "setup")
    assert ".gitattributes" not in team.cli["b"]("check", "--today", TODAY).stdout


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


def test_two_clones_closing_field_dates_of_one_action_plan_merge_both_closed(team) -> None:
    """alice has no 1:1: her field dates are kept in an action plan (plans/), which the driver
    merges as it merges a 1:1."""
    assert "plans/**/*.md merge=coachlog" in (team.a / ".gitattributes").read_text()
    team.run("a", "focus", "set", "--rep", "alice", "Ask two follow-up questions",
             "--field-dates", "2026-12-02,2026-12-09")  # fmt: skip
    assert [p.parent.parent.name for p in team.a.glob("*/*/*.md")] == ["plans"]
    team.share("a")
    team.pull("b")
    listed = team.run("b", "goals", "open", "--owner", "manager", "--format", "json")
    first, second = (g["id"] for g in json.loads(listed))
    team.run("a", "goals", "done", first)
    team.run("b", "goals", "done", second)
    team.run("b", "goals", "edit", first, "--due", "2026-12-04")  # the same lines as a's close
    team.share("a")
    team.share("b")  # a merge of the one plan both changed: no conflict
    team.pull("a")
    for clone in ("a", "b"):
        assert team.run(clone, "goals", "open", "--owner", "manager", "--format", "json") == "[]"
        shown = [team.goal(clone, g) for g in (first, second)]
        assert [g["status"] for g in shown] == ["done", "done"]
        assert shown[0]["due"] == "2026-12-04"
        assert team.cli[clone]("check", "--today", TODAY).exit_code == 0


def test_a_clone_set_up_before_action_plans_is_told_to_run_git_setup(team) -> None:
    attributes = team.b / ".gitattributes"
    old = attributes.read_text().replace("plans/**/*.md merge=coachlog\n", "")
    attributes.write_text(old)
    warned = team.cli["b"]("check", "--today", TODAY).stdout
    assert (
        ".gitattributes:1: warning: .gitattributes does not name coachlog's merge driver "
        "for plans/ (set up by an older coachlog): run 'coachlog git setup'" in warned
    )
    assert "named the driver" in team.cli["b"].ok("git", "setup").stderr
    assert attributes.read_text() == old + "plans/**/*.md merge=coachlog\n"
    assert ".gitattributes" not in team.cli["b"]("check", "--today", TODAY).stdout
    assert team.cli["b"].ok("git", "setup").stdout.strip() == "git setup: already in place"


# --- autocommit inside the transaction ----------------------------------------------------------


def _autocommit(root: Path) -> None:
    config = root / "coachlog.yaml"
    config.write_text(
        config.read_text().replace("autocommit: false", "autocommit: true"), encoding="utf-8"
    )
    git(root, "commit", "-q", "-am", "autocommit on")


def _coachlog(root: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, **GIT_ENV, "COACHLOG_TODAY": TODAY, "COACHLOG_JOURNAL": str(root)}
    return subprocess.Popen(
        [sys.executable, "-m", "coachlog", *args],
        cwd=root, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip


WRITERS = 6  # without the lock, six writers already lose changes (the test fails: checked)


def test_parallel_writers_with_a_slow_hook_each_commit_their_own_change(team) -> None:
    root = team.a
    team.run("a", "new", "1on1", "--rep", "alice", "--no-edit")
    goals = [
        team.run("a", "goals", "add", f"Run {n} discovery calls", "--rep", "alice",
                 "--kind", "action", "--due", "+7d", "--target", str(n))
        for n in range(1, WRITERS + 1)
    ]  # fmt: skip
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "the goals")
    _autocommit(root)
    hook = root / ".git" / "hooks" / "pre-commit"
    hook.write_text("#!/bin/sh\nsleep 0.3\n", encoding="utf-8")
    hook.chmod(0o755)
    before = git(root, "rev-parse", "HEAD").strip()
    writers = [
        _coachlog(root, "goals", "progress", g, "--value", "1", "--note", f"secret note {n}")
        for n, g in enumerate(goals)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=120)
        assert writer.returncode == 0, err
        assert "warning" not in err, err
    assert git(root, "status", "--porcelain") == ""  # everything committed
    commits = git(root, "rev-list", "--reverse", f"{before}..HEAD").split()
    assert len(commits) == WRITERS
    record = next((root / "1on1").glob("*/*.md")).relative_to(root)
    named = []
    for commit in commits:
        subject = git(root, "log", "-1", "--format=%s", commit).strip()
        goal = subject.split()[3]
        assert subject == f"coachlog: goals progress {goal} alice"
        named.append(goal)

        # the commit holds exactly its own change: that goal progressed, no other
        def progressed(rev: str) -> set[str]:
            text = git(root, "show", f"{rev}:{record}")
            blocks = text.split("  - id: ")[1:]
            return {b.split("\n", 1)[0] for b in blocks if "\n    progress: 1\n" in b}

        assert progressed(commit) - progressed(f"{commit}^") == {goal}
    assert sorted(named) == sorted(goals)
    assert "secret note" not in git(root, "log", "--format=%B")


def test_no_autocommit_while_a_merge_is_in_progress_and_a_stale_lock_is_named(team) -> None:
    goal = _start_with_a_goal(team)
    _autocommit(team.a)
    git_dir = team.a / ".git"
    (git_dir / "MERGE_HEAD").write_text(git(team.a, "rev-parse", "HEAD"))
    result = team.cli["a"].ok("goals", "progress", goal, "--value", "1", "--today", TODAY)
    assert "warning: not committed: a merge is in progress" in result.stderr
    assert git(team.a, "status", "--porcelain").startswith(" M 1on1/")  # written, not committed
    (git_dir / "MERGE_HEAD").unlink()
    (git_dir / "index.lock").write_text("")
    result = team.cli["a"].ok("goals", "progress", goal, "--value", "2", "--today", TODAY)
    assert f"{git_dir / 'index.lock'} exists" in result.stderr
    assert "remove that file" in result.stderr


# --- focus set: all or nothing, and idempotent ---------------------------------------------------

CRASH_AFTER_FIRST_FILE = """
import os, sys
import coachlog.store.transaction as transaction
real = transaction.install
def install(*args, **kw):
    real(*args, **kw)
    os._exit(9)  # killed after the first file of the change is in place
transaction.install = install
from coachlog.__main__ import main
main(sys.argv[1:])
"""


def test_focus_set_killed_between_its_files_is_completed_by_running_it_again(team) -> None:
    root = team.a
    team.run("a", "new", "1on1", "--rep", "alice", "--no-edit")
    args = ["focus", "set", "--rep", "alice", "Ask two follow-up questions",
            "--field-dates", "2026-12-02,2026-12-09"]  # fmt: skip
    env = {**os.environ, **GIT_ENV, "COACHLOG_TODAY": TODAY}
    killed = subprocess.run(
        [sys.executable, "-c", CRASH_AFTER_FIRST_FILE, *args],
        cwd=root, env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert killed.returncode == 9
    commitments = lambda: [  # noqa: E731
        g["due"]
        for g in json.loads(
            team.run("a", "goals", "open", "--owner", "manager", "--format", "json")
        )
    ]
    assert commitments() == []  # the profile is written, the 1:1 not yet
    assert "Ask two follow-up questions" in (root / "reps" / "alice.yaml").read_text()
    team.run("a", *args)
    assert commitments() == ["2026-12-02", "2026-12-09"]
    snapshot = {p: p.read_bytes() for p in root.rglob("*.md")} | {
        p: p.read_bytes() for p in (root / "reps").iterdir()
    }
    team.run("a", *args)  # again: nothing more
    assert commitments() == ["2026-12-02", "2026-12-09"]
    assert snapshot == {p: p.read_bytes() for p in snapshot}


def test_after_a_rebase_two_decisions_are_still_both_there(team) -> None:
    goal = _start_with_a_goal(team)
    team.run("a", "goals", "done", goal)
    team.run("b", "goals", "miss", goal)
    team.share("a")
    team.commit("b")
    git(team.b, "pull", "-q", "--rebase", "origin", "main")  # the driver merges here too
    shown = team.goal("b", goal)
    assert shown["status"] == "conflict"
    assert sorted(d["status"] for d in shown["decisions"]) == ["done", "missed"]


def test_a_journal_written_by_0_1_reads_as_before_and_takes_events(tmp_path) -> None:
    demo = Path(__file__).parent.parent / "examples" / "demo"
    root = tmp_path / "demo"
    shutil.copytree(demo, root, ignore=shutil.ignore_patterns(".coachlog"))
    cli = GitCli(root)
    before = json.loads(cli.ok("goals", "open", "--format", "json", "--today", "2026-11-24").stdout)
    assert before and not any("history:" in p.read_text() for p in root.rglob("*.md"))
    goal = before[0]["id"]
    cli.ok("goals", "done", goal, "--today", "2026-11-24")
    after = json.loads(cli.ok("goals", "open", "--format", "json", "--today", "2026-11-24").stdout)
    assert [g["id"] for g in after] == [g["id"] for g in before if g["id"] != goal]
    shown = json.loads(cli.ok("goals", "show", goal, "--format", "json").stdout)
    assert (shown["status"], shown["closed"]) == ("done", "2026-11-24")
    assert [e["changes"] for e in shown["events"]] == [{"status": "done"}]


# --- what a fresh-eyes review broke ---------------------------------------------------------------


def _goals_of(path: Path) -> list[str]:
    return [line.split(": ", 1)[1] for line in path.read_text().splitlines() if "  - id: " in line]


def test_goals_added_to_one_1on1_in_both_clones_stay_one_each_across_merges(team) -> None:
    goal = _start_with_a_goal(team)
    mine = team.run("a", "goals", "add", "Map the Acme org chart", "--rep", "alice",
                    "--kind", "action", "--due", "+7d", "--target", "1")  # fmt: skip
    theirs = team.run("b", "goals", "add", "Shadow two demos", "--rep", "alice",
                      "--kind", "career", "--due", "+7d", "--target", "2")  # fmt: skip
    team.share("a")
    team.share("b")  # the driver adds a's goal to b's copy of the record, events exact
    team.pull("a")
    team.run("a", "new", "1on1", "--rep", "alice", "--no-edit")  # roll all three forward
    team.run("a", "goals", "done", mine)
    team.run("b", "goals", "progress", theirs, "--value", "1")
    team.share("a")
    team.share("b")
    team.pull("a")
    for clone in ("a", "b"):
        assert sorted(team.open_ids(clone)) == sorted([goal, theirs])
        assert team.cli[clone]("check", "--today", TODAY).exit_code == 0


def test_the_driver_keeps_a_hand_edit_made_on_one_side_only(team) -> None:
    goal = _start_with_a_goal(team)
    record = next((team.a / "1on1").glob("*/*.md"))
    text = record.read_text()
    record.write_text(text.replace("    owner: rep\n", "    owner: rep\n    deal: Acme\n", 1))
    team.commit("a")
    team.share("a")
    team.run("b", "goals", "progress", goal, "--value", "2")
    team.share("b")
    shown = team.goal("b", goal)
    assert (shown["deal"], shown["progress"]) == ("Acme", 2)


def test_the_driver_leaves_a_clash_of_hand_edits_to_the_person(team) -> None:
    _start_with_a_goal(team)
    for clone, deal in (("a", "Acme"), ("b", "Globex")):
        root = team.a if clone == "a" else team.b
        record = next((root / "1on1").glob("*/*.md"))
        record.write_text(
            record.read_text().replace("    owner: rep\n", f"    owner: rep\n    deal: {deal}\n")
        )
        team.commit(clone)
    team.share("a")
    pulled = team.try_pull("b")
    assert pulled.returncode != 0  # a conflict, with git's markers, for the person
    result = team.cli["b"]("check", "--today", TODAY)
    assert "unresolved git merge conflict" in result.stdout


def test_a_new_id_in_one_clone_and_progress_in_the_other_stay_one_goal(team) -> None:
    goal = _start_with_a_goal(team)
    new = team.run("a", "goals", "reid", goal, "--rep", "alice")
    team.share("a")
    team.run("b", "goals", "progress", goal, "--value", "1")
    team.share("b")
    listed = json.loads(team.run("b", "goals", "open", "--format", "json"))
    assert [(g["id"], g["progress"]) for g in listed] == [(new, 1)]
    assert team.cli["b"]("check", "--today", TODAY).exit_code == 0


def test_a_merge_adds_no_history_to_goals_written_before_events(tmp_path) -> None:
    from coachlog.ops.sharing import merge_record

    demo = Path(__file__).parent.parent / "examples" / "demo"
    record = next(p for p in sorted((demo / "1on1").glob("*/*.md")) if "  - id: " in p.read_text())
    base = record.read_text()
    ours = base.replace("helpful:", "helpful: 4", 1) if "helpful:\n" in base else base
    theirs = base + "\nA line added in the other clone.\n"
    merged, clashes = merge_record(base, ours, theirs, record)
    assert clashes == 0
    assert "history: []" not in merged and "history:" not in merged
    assert merged.endswith("A line added in the other clone.\n")


def _demo_team(tmp_path: Path) -> tuple[Team, str]:
    """Two clones of the demo journal (written by 0.1.0: goals without history); an open
    goal of alice's."""
    team = Team(tmp_path)
    demo = Path(__file__).parent.parent / "examples" / "demo"
    for name in ("1on1", "calls", "debriefs", "observations", "reps"):
        if (demo / name).is_dir():
            shutil.copytree(demo / name, team.a / name, dirs_exist_ok=True)
    shutil.copy(demo / "coachlog.yaml", team.a / "coachlog.yaml")
    team.share("a")
    team.pull("b")
    listed = json.loads(team.run("a", "goals", "open", "--rep", "alice", "--format", "json"))
    return team, listed[0]["id"]


def test_a_goal_from_0_1_renamed_in_one_clone_and_closed_in_the_other_is_one_goal(
    tmp_path,
) -> None:
    team, goal = _demo_team(tmp_path)
    new = team.run("a", "goals", "reid", goal, "--rep", "alice")
    team.share("a")
    team.run("b", "new", "1on1", "--rep", "alice", "--no-edit")
    team.run("b", "goals", "done", goal)
    team.share("b")
    report = json.loads(team.run("b", "report", "--rep", "alice", "--format", "json"))
    assert goal not in team.open_ids("b") and new not in team.open_ids("b")
    shown = team.goal("b", new)
    assert (shown["status"], shown["id"]) == ("done", new)
    assert "goals" in report["reps"][0]
    stderr = team.fails("b", "goals", "show", goal)
    assert f"goal {goal} was given a new id: {new} (alice)" in stderr


def test_reopening_a_goal_closed_by_0_1_keeps_it_one_goal(tmp_path) -> None:
    import re

    team, _ = _demo_team(tmp_path)
    closed = re.compile(r"- id: (\w+)\n(?:    .*\n)*?    status: (?:done|missed|dropped)\n")
    goal = next(
        m.group(1)
        for p in sorted(team.a.glob("1on1/*/*.md"))
        for m in closed.finditer(p.read_text())
    )
    team.run("a", "goals", "reopen", goal)
    assert team.open_ids("a").count(goal) == 1
    assert team.goal("a", goal)["status"] == "open"
    assert "ambiguous" not in team.cli["a"]("check", "--today", TODAY).stdout


def test_git_resolve_leaves_a_record_deleted_on_one_side_to_the_person(team) -> None:
    goal = _start_with_a_goal(team)
    record = next((team.a / "1on1").glob("*/*.md"))
    git(team.a, "rm", "-q", str(record.relative_to(team.a)))
    team.share("a", "dropped a record")
    team.run("b", "goals", "done", goal)
    team.commit("b")
    team.try_pull("b")
    kept = (team.b / record.relative_to(team.a)).read_text()
    result = team.cli["b"]("git", "resolve")
    assert result.exit_code == 1
    assert "deleted on one side and changed on the other" in result.stdout
    assert (team.b / record.relative_to(team.a)).read_text() == kept


def test_check_names_a_driver_entry_that_does_not_read(team) -> None:
    git(team.b, "config", "merge.coachlog.driver", "'unterminated %O")
    result = team.cli["b"]("check", "--today", TODAY)
    assert result.exception is None
    assert "the merge driver in .git/config does not read" in result.stdout
