"""Changing the journal: ``move`` a record to another day, ``reps rename`` and ``reps archive``,
each in one transaction and each followed by a clean ``check``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.conftest import Cli

DEMO = Path(__file__).parent.parent / "examples" / "demo"
TODAY = "2026-11-24"


@pytest.fixture
def demo(tmp_path: Path) -> Cli:
    shutil.copytree(DEMO, tmp_path, dirs_exist_ok=True)
    return Cli(tmp_path, TODAY)


def errors_of_check(cli: Cli) -> str:
    result = cli("check")
    assert result.exit_code == 0, result.stdout
    return result.stderr


def test_move_renames_the_file_and_changes_id_date_heading_and_references(demo: Cli) -> None:
    root = demo.cwd
    assert errors_of_check(demo).startswith("0 errors")
    moved = demo.ok("move", "2026-11-10-alice", "--date", "friday").stdout.strip()
    assert moved == "1on1/2026/2026-11-27-alice-9qhc.md"
    assert not (root / "1on1/2026/2026-11-10-alice-9qhc.md").exists()
    text = (root / moved).read_text(encoding="utf-8")
    assert "id: 2026-11-27-alice-9qhc\n" in text and "date: 2026-11-27\n" in text
    assert "# 1:1 with Alice Moreno, 2026-11-27" in text
    # a review a 1:1 lists as shared is listed by its new id
    review = demo.ok("move", "2026-11-07-alice-wayne", "--date", "2026-11-06").stdout.strip()
    assert review == "calls/2026/2026-11-06-alice-wayne-negotiation-8fpt.md"
    assert "  - 2026-11-06-alice-wayne-negotiation-8fpt\n" in (root / moved).read_text()
    # into another year's folder
    assert demo.ok("move", "2026-11-27-alice", "--date", "2027-01-05").stdout.startswith(
        "1on1/2027/2027-01-05-alice-9qhc.md"
    )
    log = json.loads(demo.ok("log", "--rep", "alice", "-f", "json").stdout)
    assert log[0]["id"] == "2027-01-05-alice-9qhc" and log[0]["status"] == "planned"
    assert errors_of_check(demo).startswith("0 errors")


def test_a_move_that_cannot_be_is_one_line_and_writes_nothing(demo: Cli) -> None:
    from tests.conftest import snapshot

    before = snapshot(demo.cwd)
    assert (
        "--date: 'fryday' is not a date"
        in demo.fails("move", "2026-11-10-alice", "--date", "fryday").stderr
    )
    assert (
        "already on 2026-11-10"
        in demo.fails("move", "2026-11-10-alice", "--date", "2026-11-10").stderr
    )
    assert "ambiguous" in demo.fails("move", "2026-11-1", "--date", "friday").stderr
    assert (
        "past the calendar's ends"
        in demo.fails("move", "2026-11-10-alice", "--date", "+1d", "--today", "9999-12-31").stderr
    )
    assert snapshot(demo.cwd) == before
    broken = demo.cwd / "1on1/2026/2026-11-10-dev-8vkv.md"
    broken.write_text(broken.read_text().replace("minutes: 40", "minutes: [40"))
    before = snapshot(demo.cwd)
    err = demo.fails("move", "2026-11-10-dev", "--date", "friday").stderr
    assert "1on1/2026/2026-11-10-dev-8vkv.md:" in err
    assert snapshot(demo.cwd) == before


def test_rename_renames_the_rep_everywhere_in_one_change_and_check_is_clean(demo: Cli) -> None:
    root = demo.cwd
    before = json.loads(demo.ok("log", "--rep", "alice", "-f", "json").stdout)
    goals_before = json.loads(demo.ok("goals", "open", "--rep", "alice", "-f", "json").stdout)
    assert demo.ok("reps", "rename", "alice", "alice-m").stdout.strip() == "reps/alice-m.yaml"
    assert not (root / "reps/alice.yaml").exists()
    assert not list(root.rglob("*-alice-[!m]*.md"))
    after = json.loads(demo.ok("log", "--rep", "alice-m", "-f", "json").stdout)
    assert [e["id"] for e in after] == [e["id"].replace("-alice-", "-alice-m-", 1) for e in before]
    text = (root / "1on1/2026/2026-11-10-alice-m-9qhc.md").read_text(encoding="utf-8")
    assert "rep: alice-m\n" in text and "  - 2026-11-07-alice-m-wayne-negotiation-8fpt\n" in text
    goals_after = json.loads(demo.ok("goals", "open", "--rep", "alice-m", "-f", "json").stdout)
    assert [g["id"] for g in goals_after] == [g["id"] for g in goals_before]  # history kept
    shown = json.loads(demo.ok("goals", "show", goals_after[0]["id"], "-f", "json").stdout)
    assert len(shown["history"]) > 1 and shown["rep"] == "alice-m"
    assert errors_of_check(demo).startswith("0 errors")
    assert "did you mean alice-m?" in demo.fails("log", "--rep", "alice").stderr


def test_a_rename_that_cannot_be_writes_nothing(demo: Cli) -> None:
    from tests.conftest import snapshot

    before = snapshot(demo.cwd)
    assert "NEW: rep 'bob' exists already" in demo.fails("reps", "rename", "alice", "bob").stderr
    assert "NEW: 'Al' is not a rep handle" in demo.fails("reps", "rename", "alice", "Al").stderr
    assert "OLD: unknown rep 'zed'" in demo.fails("reps", "rename", "zed", "zoe").stderr
    broken = demo.cwd / "calls/2026/2026-11-07-alice-wayne-negotiation-8fpt.md"
    broken.write_text(broken.read_text().replace("pick: ", "pick: [", 1))
    before = snapshot(demo.cwd)
    err = demo.fails("reps", "rename", "alice", "alice-m").stderr
    assert "2026-11-07-alice-wayne-negotiation-8fpt.md" in err
    assert snapshot(demo.cwd) == before


def test_archive_keeps_the_history_and_leaves_the_rep_out_of_lists(demo: Cli) -> None:
    assert demo.ok("reps", "archive", "bob").stdout.strip() == "reps/archived/bob.yaml"
    reps = [r["rep"] for r in json.loads(demo.ok("reps", "list", "-f", "json").stdout)]
    assert "bob" not in reps and "alice" in reps
    every = json.loads(demo.ok("reps", "list", "--all", "-f", "json").stdout)
    assert {r["rep"]: r["archived"] for r in every}["bob"] is True
    report = json.loads(demo.ok("report", "-f", "json").stdout)
    assert "bob" not in [r["rep"] for r in report["reps"]]
    listed = json.loads(demo.ok("goals", "open", "-f", "json").stdout)
    assert listed and "bob" not in {g["rep"] for g in listed}
    assert json.loads(demo.ok("goals", "open", "--rep", "bob", "-f", "json").stdout)
    assert json.loads(demo.ok("log", "--rep", "bob", "-f", "json").stdout)  # history kept
    assert errors_of_check(demo).startswith("0 errors")
    assert "bob is archived already" in demo.fails("reps", "archive", "bob").stderr
    assert demo.ok("reps", "archive", "bob", "--undo").stdout.strip() == "reps/bob.yaml"
    assert "bob" in [r["rep"] for r in json.loads(demo.ok("reps", "list", "-f", "json").stdout)]


def test_with_autocommit_a_move_is_one_commit_of_both_names(tmp_path: Path) -> None:
    from tests.test_git import GitCli, git

    cli = GitCli(tmp_path)
    cli.ok("init", ".", "--manager", "dana", "--git")
    config = tmp_path / "coachlog.yaml"
    config.write_text(config.read_text().replace("autocommit: false", "autocommit: true"))
    git(tmp_path, "commit", "-qam", "autocommit on")
    cli.ok("reps", "add", "alice")
    old = cli.ok("new", "1on1", "--rep", "alice", "--no-edit", "--today", TODAY).stdout.strip()
    new = cli.ok("move", Path(old).stem, "--date", "friday", "--today", TODAY).stdout.strip()
    assert git(tmp_path, "status", "--porcelain") == ""
    subject = git(tmp_path, "log", "-1", "--format=%s").strip()
    assert subject == f"coachlog: move alice {Path(new).stem}"
    changed = git(tmp_path, "show", "--name-status", "--no-renames", "--format=", "HEAD")
    assert sorted(changed.split()) == sorted(["A", new, "D", old])
