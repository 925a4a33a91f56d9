"""The derived index follows the files: new, changed and deleted records, and a lost index."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

from tests.conftest import Cli, add_goal


def _open_titles(cli: Cli) -> list[str]:
    return [g["title"] for g in json.loads(cli.ok("goals", "open", "--format", "json").stdout)]


def test_index_follows_hand_edits_deletions_and_its_own_loss(journal: Path, cli: Cli) -> None:
    path = journal / cli.ok("new", "1on1", "--rep", "alice", "--no-edit").stdout.strip()
    add_goal(
        cli,
        "Run 5 discovery calls",
        "--rep",
        "alice",
        "--kind",
        "performance",
        "--due",
        "+7d",
        "--target",
        "5",
    )
    other = journal / cli.ok("new", "1on1", "--rep", "bob", "--no-edit").stdout.strip()
    cli.ok(
        "goals",
        "add",
        "Shadow two negotiation calls",
        "--rep",
        "bob",
        "--kind",
        "career",
        "--due",
        "+7d",
        "--target",
        "2",
    )
    assert sorted(_open_titles(cli)) == ["Run 5 discovery calls", "Shadow two negotiation calls"]

    text = path.read_text(encoding="utf-8")  # a hand edit of the same length
    path.write_text(
        text.replace("Run 5 discovery calls", "Run 6 discovery calls"), encoding="utf-8"
    )
    assert "Run 6 discovery calls" in _open_titles(cli)

    other.unlink()  # a record deleted (or removed by a git checkout)
    assert _open_titles(cli) == ["Run 6 discovery calls"]

    shutil.rmtree(journal / ".coachlog")  # derived: deleting it loses nothing
    assert _open_titles(cli) == ["Run 6 discovery calls"]
    assert (journal / ".coachlog" / "index.sqlite").exists()


def test_the_installed_entry_point_runs_commands_and_refuses_unknown_ones(journal: Path) -> None:
    """``coachlog`` as a process: it builds only the command it runs."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "COACHLOG_TODAY": "2026-11-24", "COACHLOG_JOURNAL": str(journal)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "coachlog", *args],
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )

    made = run("new", "1on1", "--rep", "alice", "--no-edit", "--today", "2026-11-20")
    assert made.returncode == 0, made.stderr
    assert made.stdout.startswith("1on1/2026/2026-11-20-alice-")
    listed = run("reps", "list", "--format", "json")
    assert [r["rep"] for r in json.loads(listed.stdout)] == ["alice", "bob", "carol"]
    wrong = run("goalz", "open")
    assert wrong.returncode == 2
    assert wrong.stderr.strip().splitlines() == [
        "coachlog: error: No such command 'goalz'. Did you mean 'goals'? (see 'coachlog --help')"
    ]
    helped = run("--help")
    assert helped.returncode == 0 and "whatif" in helped.stdout and "goals" in helped.stdout


def test_a_same_length_hand_edit_with_its_time_put_back_is_still_seen(
    journal: Path, cli: Cli
) -> None:
    """``status: open`` to ``status: done`` keeps the size; ``touch -d`` puts the modification
    time back; the status-change time still moved, and the index reads the file again."""
    made = journal / cli.ok("new", "1on1", "--rep", "alice").stdout.strip()
    goal = add_goal(cli, "Call the Acme CFO", "--rep", "alice", "--kind", "action")
    then = time.time_ns() - 3_600_000_000_000
    os.utime(made, ns=(then, then))  # an hour old: trusted by its stat from now on
    assert goal in cli.ok("goals", "open", "--format", "csv").stdout
    cli.ok("goals", "open")  # settled in the index

    text = made.read_text(encoding="utf-8")
    edited = text.replace("status: open", "status: done", 1)
    assert len(edited) == len(text) and edited != text
    time.sleep(0.01)  # the edit's status-change time is later than the index's
    made.write_text(edited, encoding="utf-8")
    os.utime(made, ns=(then, then))  # the modification time put back
    assert goal not in cli.ok("goals", "open", "--format", "csv").stdout


def test_a_just_written_file_is_trusted_by_its_stat_once_its_time_has_settled(
    journal: Path, cli: Cli
) -> None:
    """Kept with its bytes while racy; once its mtime is out of the racy window and its bytes
    are still those, the entry takes its real size and mtime and is not read again."""
    from coachlog.store.index import Index

    made = journal / cli.ok("new", "1on1", "--rep", "alice").stdout.strip()
    relative = str(made.relative_to(journal))
    index_path = journal / ".coachlog" / "index.sqlite"
    assert Index(index_path).known()[relative][1] == -1  # racy: written just now
    then = time.time_ns() - 3_600_000_000_000
    os.utime(made, ns=(then, then))
    cli.ok("goals", "open")
    st = made.stat()
    index = Index(index_path)
    assert index.known()[relative] == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
    raw = index.db.execute("SELECT raw FROM files WHERE path = ?", (relative,)).fetchone()
    assert raw == (None,)


def test_records_read_from_the_index_sort_as_their_own_fields_say(journal: Path, cli: Cli) -> None:
    """The index hands each record its sort key (day, creation time in UTC, id) from its own
    columns: the same key the record gives, whatever zone its ``created`` was written in."""
    from coachlog.store.journal import Journal

    written = {  # one day, three zones: the UTC times are 08:30, 08:45 and 09:00
        "2026-11-10T10:30:00+02:00": "alice",
        "2026-11-10T08:45:00": "bob",
        "2026-11-10T09:00:00Z": "carol",
    }
    for created, rep in written.items():
        made = cli.ok("new", "1on1", "--rep", rep, "--date", "2026-11-10", "--no-edit")
        path = journal / made.stdout.strip()
        text = path.read_text(encoding="utf-8")
        start = text.index("created: ")
        end = text.index("\n", start)
        path.write_text(f"{text[:start]}created: '{created}'{text[end:]}", encoding="utf-8")

    records = Journal(journal).records("1on1")
    fresh = [(r.date, r.created_key, r.id) for r in records]
    assert [r.sort_key for r in records] == fresh
    assert [r.rep for r in sorted(records, key=lambda r: r.sort_key)] == ["alice", "bob", "carol"]
