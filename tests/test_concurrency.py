"""Many coachlog processes at once on the same rep: the journal lock serialises each
read-modify-write and every write is atomic, so nothing is lost, every file reads, and no
temporary file is left behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from coachlog.store.yamlfile import Document
from tests.conftest import TODAY, Cli

MANAGER_GOAL = ("--rep", "alice", "--kind", "action", "--owner", "manager", "--due", "+7d")


def _at_once(root: Path, commands: list[tuple[str, ...]]) -> list[subprocess.CompletedProcess]:
    """Start every command before waiting for any (8 processes racing for one journal)."""
    env = {
        **os.environ,
        "COACHLOG_TODAY": TODAY,
        "COACHLOG_JOURNAL": str(root),
        "NO_COLOR": "1",
        "VISUAL": "",
        "EDITOR": "",
    }
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "coachlog", *args],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for args in commands
    ]
    done = []
    for args, proc in zip(commands, procs, strict=True):
        out, err = proc.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(args, proc.returncode, out, err))
    return done


def _open_goals(cli: Cli) -> dict[str, dict]:
    listed = json.loads(cli.ok("goals", "open", "--format", "json").stdout)
    ids = [g["id"] for g in listed]
    assert len(ids) == len(set(ids)), "a goal listed twice"
    return {g["id"]: g for g in listed}


def test_eight_processes_at_once_lose_nothing_and_leave_no_temp_files(tmp_path: Path) -> None:
    cli = Cli(tmp_path)
    cli.ok("init", ".", "--manager", "dana")
    cli.ok("reps", "add", "alice")
    cli.ok("new", "1on1", "--rep", "alice", "--no-edit")
    tracked = cli.ok(
        "goals", "add", "Run five discovery calls", "--rep", "alice", "--kind", "performance",
        "--due", "+7d", "--target", "5",
    ).stdout.strip()  # fmt: skip

    # round 1: five goals added, progress twice, a new 1:1 rolling everything forward
    first = _at_once(
        tmp_path,
        [("goals", "add", f"Commitment {i}", *MANAGER_GOAL) for i in range(5)]
        + [("goals", "progress", tracked, "--value", v) for v in ("2", "3")]
        + [("new", "1on1", "--rep", "alice", "--no-edit")],
    )
    assert [p.returncode for p in first] == [0] * 8, [p.stderr for p in first]
    added = [p.stdout.strip() for p in first[:5]]
    goals = _open_goals(cli)
    assert set(goals) == {tracked, *added}
    assert goals[tracked]["progress"] in (2, 3)

    # round 2: three more added, three closed, progress again, another 1:1
    second = _at_once(
        tmp_path,
        [("goals", "add", f"Follow-up {i}", *MANAGER_GOAL) for i in range(3)]
        + [("goals", verb, gid) for verb, gid in zip(("done", "miss", "drop"), added, strict=False)]
        + [("goals", "progress", tracked, "--value", "4")]
        + [("new", "1on1", "--rep", "alice", "--no-edit")],
    )
    assert [p.returncode for p in second] == [0] * 8, [p.stderr for p in second]
    more = [p.stdout.strip() for p in second[:3]]
    goals = _open_goals(cli)
    assert set(goals) == {tracked, *added[3:], *more}
    assert goals[tracked]["progress"] == 4

    files = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert [p for p in files if p.name.endswith(".tmp")] == []
    records = sorted((tmp_path / "1on1").rglob("*.md"))
    assert len(records) == 3
    for path in records:
        Document.load(path)  # every file reads
    result = cli("check")
    assert result.exit_code == 0, result.output
    closed = json.loads(cli.ok("goals", "show", added[0], "--format", "json").stdout)
    assert "done" in json.dumps(closed)
