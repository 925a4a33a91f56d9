"""The benchmark runs end to end on a tiny journal (timings are reported, never asserted)."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

from benchmarks.bench import front_matter, generate, ratios
from coachlog.store.journal import Journal
from coachlog.store.yamlfile import Document
from coachlog.vocabulary import KIND_DIRS

CHECKOUT = Path(__file__).resolve().parent.parent  # run as the README says: from the checkout


def test_generated_journal_is_valid(tmp_path: Path) -> None:
    root = tmp_path / "j"
    assert generate(root, 60, reps=3, years=1) == 60
    journal = Journal(root)
    journal.index()
    assert journal.problems == []
    assert len(journal.records("1on1")) == 27
    assert len(journal.records("review")) == 24


def test_generated_files_are_what_coachlog_writes(tmp_path: Path) -> None:
    """Each file is what coachlog's writer gives for the record it holds: the generator reuses
    the writer's text of a goal carried unchanged into the next 1:1, and must not differ."""
    root = tmp_path / "j"
    assert generate(root, 80, reps=2, years=1) == 80
    journal = Journal(root)
    journal.index()
    assert journal.problems == []
    for kind in KIND_DIRS:
        for record in journal.records(kind):
            path = journal.record_path(record)
            written = Document.new(path, front_matter(record), "").render()
            assert path.read_text(encoding="utf-8").startswith(written), path
    one_on_ones = journal.records("1on1")
    goals = [g for r in one_on_ones for g in r.goals]
    assert max(len(r.goals) for r in one_on_ones) > 1
    assert any(len(g.history) > 1 for g in goals)  # goals carry their histories
    carried = [(g.id, len(g.history)) for g in goals]
    assert len(set(carried)) < len(carried)  # and some are carried unchanged


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
    assert result["seconds"]["report over the whole history (warm)"] > 0
    assert result["seconds"]["check (warm)"] > 0
    assert set(result["peak_memory_mb"]) == {
        "goals open, warm",
        "report over the whole history",
        "check, warm",
    }
    assert all(mb > 0 for mb in result["peak_memory_mb"].values())
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


def test_the_package_never_imports_the_benchmark() -> None:
    """The benchmark lives in the checkout, not in the wheel: coachlog must not need it."""
    importing = []
    for path in sorted((CHECKOUT / "coachlog").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            if any(n == "benchmarks" or n.startswith("benchmarks.") for n in names):
                importing.append(f"{path.relative_to(CHECKOUT)}:{node.lineno}")
    assert importing == []


def test_a_ratio_measured_round_by_round_is_the_median_of_its_rounds() -> None:
    """A timing taken beside its floor in each round gives that ratio; one taken apart gives
    the ratio of the two medians."""
    seconds = {
        "python -c pass": 0.05,
        "stat walk of the journal": 0.45,
        "read walk of the journal": 1.45,
        "libyaml C parse of every front matter": 60.0,
        "coachlog --help": 0.1,
        "coachlog --version": 0.05,
        "import typer": 0.1,
        "goals open --format json, warm": 1.5,
        "goals open --format json, cold": 66.0,
        "report over the whole history (warm)": 3.0,
        "report --by manager over the whole history (warm)": 3.0,
        "check (warm)": 2.0,
    }
    found = ratios(seconds, {"goals open --format json, warm": 1.8})
    assert found["warm goals open / (python start + stat walk) (target <= 2)"] == 1.8
    assert found["whole-history report / (python start + read walk) (target <= 3)"] == 2.0
    assert found["cold goals open / libyaml parse (target <= 1.3)"] == 1.1
    assert ratios(seconds)["warm goals open / (python start + stat walk) (target <= 2)"] == 3.0
