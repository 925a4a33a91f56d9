"""``coachlog export``: one journal, or several read together (one a team), as the tables of
``coachlog.core.export``, written to a SQLite file or as JSON lines.

A SQLite file is written beside its destination under another name and renamed into place
when whole: an export that fails leaves no file, and the one that was there stays as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import tempfile
from collections.abc import Iterator, Sequence
from datetime import date
from pathlib import Path
from typing import IO, Any

from coachlog.core.export import TABLES, goal_rows, record_rows, rep_rows
from coachlog.errors import CoachlogError, UsageError
from coachlog.ops.goals import current_states
from coachlog.ops.teams import team_names
from coachlog.store.journal import Journal
from coachlog.vocabulary import KIND_DIRS

Rows = dict[str, list[dict[str, Any]]]


def journal_rows(journal: Journal, team: str, today: date) -> Rows:
    """Every table's rows for one journal."""
    config = journal.config
    records = []
    for kind in KIND_DIRS:
        for record in journal.records(kind):
            records.append((record, journal.relative(journal.record_path(record))))
    found: Rows = {name: [] for name in TABLES}
    found["reps"] = rep_rows(team, journal.reps(), config.manager)
    found.update(record_rows(team, records, today))
    found.update(goal_rows(team, current_states(journal, status=None)))
    return found


def gather(journals: Sequence[Journal], today: date) -> Rows:
    """Every table's rows for every journal, each journal its team (``team`` in its config,
    else its folder's name)."""
    teams = [journals[0].config.team] if len(journals) == 1 else team_names(journals)
    rows: Rows = {name: [] for name in TABLES}
    for journal, team in zip(journals, teams, strict=True):
        for name, found in journal_rows(journal, team, today).items():
            rows[name] += found
    return rows


def counts(rows: Rows) -> dict[str, int]:
    return {name: len(found) for name, found in rows.items()}


# --- writing ------------------------------------------------------------------------------------


def _create(table: str) -> str:
    spec = TABLES[table]
    columns = ", ".join(f'"{name}" {kind}' for name, kind in spec.columns)
    key = ", ".join(f'"{name}"' for name in spec.key)
    return f'CREATE TABLE "{table}" ({columns}, PRIMARY KEY ({key}))'


INDEXES = (
    ("records", ("team", "rep", "date")),
    ("goals", ("team", "rep", "status")),
    ("goal_events", ("team", "goal_id")),
    ("scores", ("team", "rep", "criterion")),
)


def write_sqlite(rows: Rows, out: Path, *, replace: bool) -> None:
    """The tables in a new SQLite file at ``out``. An existing ``out`` is replaced only when
    ``replace`` (and only once the new one is whole)."""
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give the file to write, like team.db", field="out")
    if out.exists() and not replace:
        raise UsageError(f"{out} exists", field="out")
    with _staged(out, ".db") as (tmp, _):
        db = sqlite3.connect(tmp)
        try:
            with db:
                for table, spec in TABLES.items():
                    db.execute(_create(table))
                    marks = ", ".join("?" * len(spec.columns))
                    db.executemany(
                        f'INSERT OR REPLACE INTO "{table}" VALUES ({marks})',
                        [tuple(r[c] for c in spec.names) for r in rows[table]],
                    )
                for table, columns in INDEXES:
                    names = ", ".join(f'"{c}"' for c in columns)
                    db.execute(
                        f'CREATE INDEX "{table}_by_{"_".join(columns)}" ON "{table}" ({names})'
                    )
        except sqlite3.Error as exc:
            raise CoachlogError(f"could not write {out}: {exc}", field="out") from None
        finally:
            db.close()


def json_lines(rows: Rows) -> Iterator[str]:
    """Each row as one line of JSON, ``table`` first, tables in ``TABLES`` order."""
    for table in TABLES:
        for row in rows[table]:
            yield json.dumps({"table": table, **row}, ensure_ascii=False) + "\n"


def write_jsonl(rows: Rows, out: Path | None, stdout: IO[str], *, replace: bool) -> None:
    """The rows as JSON lines, to ``out`` (as ``write_sqlite`` writes a file) or ``stdout``."""
    if out is None:
        for line in json_lines(rows):
            stdout.write(line)
        return
    if out.is_dir():
        raise UsageError(f"{out} is a folder; give the file to write", field="out")
    if out.exists() and not replace:
        raise UsageError(f"{out} exists", field="out")
    with _staged(out, ".jsonl") as (_, handle):
        for line in json_lines(rows):
            handle.write(line.encode("utf-8"))


@contextlib.contextmanager
def _staged(out: Path, suffix: str) -> Iterator[tuple[str, IO[bytes]]]:
    """A temporary file beside ``out``, renamed to ``out`` when the block ends well, removed
    when it does not. A folder that refuses the file is one error naming ``out``."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{out.name}.", suffix=suffix, dir=out.parent or ".")
    except OSError as exc:
        raise CoachlogError(f"cannot write {out}: {exc.strerror}", field="out") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield tmp, handle
        os.replace(tmp, out)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise CoachlogError(f"cannot write {out}: {exc.strerror}", field="out") from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
