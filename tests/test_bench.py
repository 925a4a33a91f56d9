"""The benchmark runs end to end on a tiny journal (timings are reported, never asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.bench import generate
from coachlog.store.journal import Journal

CHECKOUT = Path(__file__).resolve().parent.parent  # run as the README says: from the checkout


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
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "benchmarks.bench",
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
        cwd=CHECKOUT,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert done.returncode == 0, done.stderr
    assert "warm goals open" in done.stdout
    result = json.loads(out.read_text())
    assert result["seconds"]["goals open --format json, warm"] > 0
    assert result["seconds"]["empty Typer app, goals open's options"] > 0
    assert result["seconds"]["import typer"] > 0
    assert result["seconds"]["goals open, small journal (warm)"] > 0  # examples/demo
    assert result["peak_memory_mb"] > 0
    assert (tmp_path / "j" / "coachlog.yaml").is_file()  # --journal keeps it
    assert list(scratch.iterdir()) == []  # and nothing else is left behind


def test_benchmark_leaves_no_temporary_journal_behind(tmp_path: Path) -> None:
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench", "--records", "10", "--runs", "1"],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=CHECKOUT,
        env={**os.environ, "TMPDIR": str(scratch)},
    )
    assert done.returncode == 0, done.stderr
    assert list(scratch.iterdir()) == []
