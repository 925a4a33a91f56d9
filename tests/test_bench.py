"""The benchmark runs end to end on a tiny journal (timings are reported, never asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from coachlog.bench import generate
from coachlog.store.journal import Journal


def test_generated_journal_is_valid(tmp_path: Path) -> None:
    root = tmp_path / "j"
    assert generate(root, 60, reps=3, years=1) == 60
    journal = Journal(root)
    journal.index()
    assert journal.problems == []
    assert len(journal.records("1on1")) == 27
    assert len(journal.records("review")) == 24


def test_benchmark_runs_and_writes_json(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "coachlog.bench",
            "--records",
            "20",
            "--runs",
            "1",
            "--journal",
            str(tmp_path / "j"),
            "--json",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "warm goals open" in done.stdout
    result = json.loads(out.read_text())
    assert result["seconds"]["goals open --format json, warm"] > 0
    assert result["peak_memory_mb"] > 0
