"""The derived index: what listings and reports need from every record, kept in SQLite.

It lives in ``.coachlog/index.sqlite`` (git-ignored; deleting it loses nothing). Each record
file has a row keyed by its path, with the size and modification time it had when it was read;
a command first stats the journal's record files and re-reads only those that changed, with
the fast loader, so a warm run parses nothing. A file that does not read keeps a row holding its
error, reported (and skipped) until it is fixed. Goals get rows of their own, one per record
that holds them, so the current state of every goal is a query, not a scan.

Files modified within the last two seconds of a refresh are re-read next time as well (as git
does for "racily clean" entries), so an edit within the clock's resolution is never missed.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

SCHEMA_VERSION = 1
RACY_NS = 2_000_000_000

SCHEMA = """
CREATE TABLE files(
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER,
    kind TEXT, id TEXT, rep TEXT, date TEXT, created TEXT,
    data TEXT, error TEXT, error_line INTEGER
);
CREATE INDEX files_by_kind ON files(kind, rep, date);
CREATE TABLE goals(
    path TEXT, ord INTEGER, goal_id TEXT, rep TEXT, record_id TEXT,
    sort_key TEXT, status TEXT, owner TEXT, kind TEXT, due TEXT, data TEXT,
    PRIMARY KEY(path, ord)
);
CREATE INDEX goals_by_id ON goals(goal_id, sort_key);
CREATE INDEX goals_by_status ON goals(status, rep);
"""


@dataclass(frozen=True)
class FileStat:
    path: str  # relative to the journal, with forward slashes
    size: int
    mtime_ns: int


@dataclass(frozen=True)
class Parsed:
    """What a record file gave: its index fields and JSON, or an error and its line."""

    kind: str | None = None
    id: str | None = None
    rep: str | None = None
    date: str | None = None
    created: str | None = None
    data: str | None = None
    goals: tuple[dict[str, Any], ...] = ()
    error: str | None = None
    error_line: int | None = None


def walk(root: Path, folders: Iterable[str]) -> Iterator[FileStat]:
    """Every ``FOLDER/YEAR/*.md`` record file under ``root``, with size and mtime."""
    for folder in folders:
        try:
            years = os.scandir(root / folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        with years:
            for year in years:
                if not year.is_dir() or year.name.startswith("."):
                    continue
                with os.scandir(year.path) as files:
                    for entry in files:
                        name = entry.name
                        if name.endswith(".md") and not name.startswith(".") and entry.is_file():
                            st = entry.stat()
                            yield FileStat(
                                f"{folder}/{year.name}/{name}", st.st_size, st.st_mtime_ns
                            )


class Index:
    """The SQLite file, opened per command. Any trouble with it means "rebuild", never an
    error the user must fix: it is derived."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.db = self._open()

    def _open(self) -> sqlite3.Connection:
        if self.path is not None:
            try:
                return self._connect(str(self.path))
            except sqlite3.DatabaseError:
                with contextlib.suppress(OSError):
                    self.path.unlink()
                try:
                    return self._connect(str(self.path))
                except sqlite3.DatabaseError:
                    pass
        return self._connect(":memory:")

    @staticmethod
    def _connect(target: str) -> sqlite3.Connection:
        db = sqlite3.connect(target, timeout=30, isolation_level=None)
        db.execute(
            "PRAGMA journal_mode=WAL" if target != ":memory:" else "PRAGMA journal_mode=MEMORY"
        )
        db.execute("PRAGMA synchronous=NORMAL")
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            tables = db.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
            drops = "".join(f"DROP TABLE IF EXISTS {name};" for (name,) in tables)
            db.executescript(
                f"BEGIN IMMEDIATE;{drops}{SCHEMA}PRAGMA user_version={SCHEMA_VERSION};COMMIT;"
            )
        return db

    def known(self) -> dict[str, tuple[int, int]]:
        return {p: (s, m) for p, s, m in self.db.execute("SELECT path, size, mtime_ns FROM files")}

    def update(self, changed: list[tuple[FileStat, Parsed]], removed: list[str]) -> None:
        if not changed and not removed:
            return
        racy_after = time.time_ns() - RACY_NS
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            gone = [(p,) for p in removed] + [(st.path,) for st, _ in changed]
            db.executemany("DELETE FROM files WHERE path = ?", gone)
            db.executemany("DELETE FROM goals WHERE path = ?", gone)
            db.executemany(
                "INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        st.path,
                        st.size,
                        st.mtime_ns if st.mtime_ns < racy_after else -1,
                        p.kind,
                        p.id,
                        p.rep,
                        p.date,
                        p.created,
                        p.data,
                        p.error,
                        p.error_line,
                    )
                    for st, p in changed
                ],
            )
            db.executemany(
                "INSERT INTO goals VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        st.path,
                        n,
                        g["id"],
                        p.rep,
                        p.id,
                        f"{p.date}|{p.created}|{p.id}",
                        g.get("status"),
                        g.get("owner"),
                        g.get("kind"),
                        g.get("due"),
                        json.dumps(g, separators=(",", ":")),
                    )
                    for st, p in changed
                    for n, g in enumerate(p.goals)
                ],
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()
