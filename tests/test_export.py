"""``coachlog export``: the journal as SQLite tables (opened here with the standard library's
sqlite3) and as JSON lines, counts checked against the month ``test_report`` builds, and no
private text anywhere in the bytes written."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from coachlog.core.export import TABLES
from tests.conftest import Cli, from_template
from tests.test_report import build_month

CANARY = "CANARY-8c1f-never-exported"


def plant_canaries(root: Path, cli: Cli, goals: dict[str, str]) -> None:
    """Private text everywhere a person may write it: a Private section, a ``private:`` field
    of a record and of a profile, a goal's note, a rating's note, a focus's plan, a review's
    comments, and a key added by hand."""
    one = sorted((root / "1on1").rglob("*-alice-*.md"))[-1]
    text = one.read_text(encoding="utf-8")
    text = text.replace("---\n", f"---\nprivate: {CANARY}\nmine: {CANARY}\n", 1)
    one.write_text(text + f"\n## Private\n\n{CANARY}\n", encoding="utf-8")
    profile = root / "reps" / "bob.yaml"
    profile.write_text(profile.read_text() + f"private: {CANARY}\n", encoding="utf-8")
    review = sorted((root / "calls").rglob("*.md"))[0]
    review.write_text(review.read_text() + f"\n{CANARY}\n", encoding="utf-8")
    cli.ok(
        "goals", "progress", goals["D"], "--value", "1", "--note", CANARY, "--today", "2026-11-24"
    )
    cli.ok("rate", "--rep", "bob", "2", "--date", "2026-11-12", "--note", CANARY)
    cli.ok("focus", "set", "--rep", "bob", "Pause after each question", "--plan", CANARY)
    cli.ok("forecast", "--rep", "alice", "--commit", "120000", "--pipeline", "400000")


@pytest.fixture
def month(journal: Path, templates: Path, cli: Cli) -> Path:
    goals = from_template("report-month", journal, templates, build_month)
    plant_canaries(journal, cli, goals)
    assert cli.ok("check").exit_code == 0
    hits = [p for p in journal.rglob("*") if p.is_file() and CANARY.encode() in p.read_bytes()]
    assert len(hits) >= 5  # the canaries are there to be found
    return journal


def test_sqlite_export_opened_with_sqlite3(month: Path, cli: Cli, tmp_path: Path) -> None:
    out = tmp_path / "out" / "team.db"
    out.parent.mkdir()
    result = cli.ok("export", "--format", "sqlite", str(out))
    assert result.stdout == ""
    assert result.stderr.startswith(f"wrote {out}: 3 reps, ")
    assert CANARY.encode() not in out.read_bytes()
    assert [p.name for p in out.parent.iterdir()] == ["team.db"]  # no temporary file left

    db = sqlite3.connect(out)
    tables = {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables == set(TABLES)

    def count(sql: str) -> int:
        return db.execute(sql).fetchone()[0]

    files = [p for p in month.rglob("*.md") if ".coachlog" not in p.parts]
    assert count("SELECT COUNT(*) FROM records") == len(files)
    assert count("SELECT COUNT(*) FROM records WHERE kind = '1on1'") == 7
    assert count("SELECT COUNT(*) FROM reps") == 3
    assert count("SELECT COUNT(*) FROM reviews") == 4
    # discovery 2; discovery 3, listening 4; discovery 4, listening 4; discovery 5
    assert count("SELECT COUNT(*) FROM scores") == 6
    assert count("SELECT AVG(score) FROM scores WHERE criterion = 'discovery'") == 3.5
    # alice rated three 1:1s, bob one
    assert count("SELECT COUNT(*) FROM ratings") == 4
    assert count("SELECT SUM(helpful) FROM ratings WHERE rep = 'alice'") == 11
    # goals A-G and commitments M1-M3
    assert count("SELECT COUNT(*) FROM goals") == 10
    assert count("SELECT COUNT(*) FROM goals WHERE owner = 'manager'") == 3
    assert count("SELECT COUNT(*) FROM goals WHERE status = 'missed'") == 3  # B, G, M3
    # every goal's set event, its closes, and D's progress
    assert count("SELECT COUNT(*) FROM goal_events WHERE status = 'open' AND seq = 1") == 10
    assert count("SELECT COUNT(*) FROM goal_events WHERE progress IS NOT NULL") == 1
    assert count("SELECT COUNT(DISTINCT team) FROM records") == 1
    assert count("SELECT COUNT(*) FROM records WHERE status = 'held'") == 7  # all by Nov 24
    assert db.execute(
        "SELECT rep, date, commit_amount, upside, next_period_pipeline FROM forecasts"
    ).fetchall() == [("alice", "2026-11-24", 120000.0, None, 400000.0)]
    row = db.execute("SELECT focus, manager FROM reps WHERE rep = 'bob'").fetchone()
    assert row == ("Pause after each question", "dana")
    db.close()


def test_jsonl_export_is_the_same_rows(month: Path, cli: Cli, tmp_path: Path) -> None:
    out = cli.ok("export", "--format", "jsonl").stdout
    assert CANARY not in out
    rows = [json.loads(line) for line in out.splitlines()]
    by_table: dict[str, int] = {}
    for row in rows:
        by_table[row["table"]] = by_table.get(row["table"], 0) + 1
        assert set(row) == {"table", *TABLES[row["table"]].names}
    db_path = tmp_path / "same.db"
    cli.ok("export", str(db_path))  # .db: sqlite, by its name
    db = sqlite3.connect(db_path)
    for table in TABLES:
        assert db.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0] == by_table.get(table, 0)
    db.close()
    written = tmp_path / "all.jsonl"
    cli.ok("export", str(written))
    assert written.read_text(encoding="utf-8") == out


def test_export_refuses_and_writes_nothing(month: Path, cli: Cli, tmp_path: Path) -> None:
    kept = tmp_path / "kept.db"
    kept.write_bytes(b"mine")
    assert "--force" in cli.fails("export", str(kept)).stderr
    assert kept.read_bytes() == b"mine"
    cli.ok("export", str(kept), "--force")
    assert kept.read_bytes().startswith(b"SQLite format 3")
    assert "needs a file" in cli.fails("export", "--format", "sqlite").stderr
    assert "csv" in cli.fails("export", "--format", "csv", "x.csv").stderr
    missing = tmp_path / "no" / "such" / "folder.db"
    assert str(missing) in cli.fails("export", str(missing)).stderr
    assert "is a folder" in cli.fails("export", "--format", "sqlite", str(tmp_path)).stderr


def test_two_teams_in_one_database(month: Path, tmp_path: Path, templates: Path) -> None:
    west = tmp_path / "west"
    from_template("journal", west, templates, lambda cli: None)
    config = west / "coachlog.yaml"
    config.write_text(config.read_text().replace("Enterprise West", "West"), encoding="utf-8")
    cli = Cli(tmp_path)
    out = tmp_path / "org.db"
    cli.ok("export", "--journal", str(month), "--journal", str(west), str(out))
    db = sqlite3.connect(out)
    teams = db.execute("SELECT team, COUNT(*) FROM reps GROUP BY team ORDER BY team").fetchall()
    assert teams == [("Enterprise West", 3), ("West", 3)]  # alice of each team: two rows
    db.close()
