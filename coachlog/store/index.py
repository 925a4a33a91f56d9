"""The derived index: what listings and reports need from every record, kept in SQLite.

It lives in ``.coachlog/index.sqlite`` (git-ignored; deleting it loses nothing). Each record
file has a row keyed by its path, with the size, modification and status-change times and inode
it had when it was read (``FileStat``); a command first stats the journal's record files and
re-reads only those that changed, with the fast loader, so a warm run parses nothing. A file
that does not read keeps a row holding its error, reported (and skipped) until it is fixed.
Goals get rows of their own, one per record that holds them, and ``current_goals`` keeps for
each goal the fold of its history across them (``core.goals.GoalState.of``, recomputed for the
goals a changed file holds), the 1:1 it was set in and the day it was closed, so the current
state of every goal is a query, not a scan. Every SQL statement of coachlog is here: the rest
of ``store`` asks ``Index`` methods.

Files modified within the last two seconds of a refresh are looked at again next time (as git
does for "racily clean" entries), so an edit within the clock's resolution is never missed: the
index keeps the bytes such a file was read from, and the next command compares them with the
file's bytes (one read, no parse) before it trusts the entry. A file coachlog just wrote is such
a file; so the command after a write parses nothing.
"""

from __future__ import annotations

import contextlib
import json
import marshal
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

from coachlog.core.dates import stored_day
from coachlog.core.goals import GoalEntry, GoalState, RecordRef
from coachlog.core.history import Event
from coachlog.vocabulary import KIND_DIRS

SCHEMA_VERSION = 18
# For each SCHEMA_VERSION, a hash of what an index of that version stores: the JSON schemas of
# the record models, the fields of core.goals.GoalEntry and of its events, and SCHEMA below
# (tests/test_schema_version.py computes it; it is not computed here, so no command imports
# pydantic for it). When that test fails, bump SCHEMA_VERSION and add the new version's hash.
MODELS_HASHES: dict[int, str] = {
    6: "b36136e4acbc3bbd8a9053757fcca4cd8a021e79d4d1230874c0c9c3fdd4a4b4",
    7: "62655a026fe140c30a7cacb46e68ff2c29f0c296114763bf2d73e451f1f86e05",
    8: "7c75090fb1355d0f6a8b7092227f864087ba592285f7f3300d5f1f57a577f3e9",
    9: "9547049a90d6acb3dd600823133abe84d1031adee61a9365ef0a7603d25b8000",
    10: "12f8cace05e0af8562fb37109413eb2c73a0a56fc87c46628d7935208b0815e3",
    11: "fb106a5b6208848430cf88930062fe21d8be5479782c23bbaf918cd77b540e65",
    12: "efb60e77f86cd029ba9ef4cfebc29648f8597d0f597f192d637ef69559d61595",
    13: "38531098f066eea70a3a5b46ed920c4587bdc1644530c72ede02a8e79a2779c4",
    14: "dc1a21f46b07dad95c0a839922faa5f61fa04decaad090c036c7e9ff744d646e",
    15: "87940520a6811836acf11ad19f4ff837f6d202b1fe372c2d2d66acb250d3f5dc",
    16: "aa96057c3aab907d9240b285078ffd6aeef18c28577cf38ad07df3674ef8bbc2",
    18: "929e8d3c1de13f540a63a18fe29388e31c520f38a967740df95eb6be4839a9b0",
}
RACY_NS = 2_000_000_000

SCHEMA = """
CREATE TABLE files(
    path TEXT PRIMARY KEY, size INTEGER, mtime_ns INTEGER, ctime_ns INTEGER, ino INTEGER,
    kind TEXT, id TEXT, rep TEXT, date TEXT, created TEXT,
    data TEXT,  -- the record's JSON, a 1:1's without its goals (they are rows of goals)
    error TEXT, error_line INTEGER,
    raw BLOB  -- the bytes read, kept while the entry is racy (mtime_ns -1)
);
CREATE INDEX files_by_kind ON files(kind, rep, date);
CREATE INDEX files_with_errors ON files(path) WHERE error IS NOT NULL;
CREATE TABLE goals(
    path TEXT, ord INTEGER, goal_id TEXT, goal_key TEXT, rep TEXT, record_id TEXT, day TEXT,
    created TEXT, sort_key TEXT, data TEXT,
    PRIMARY KEY(path, ord)
);
CREATE INDEX goals_by_id ON goals(goal_id, sort_key);
CREATE INDEX goals_by_key ON goals(goal_key, sort_key);
CREATE TABLE current_goals(
    goal_key TEXT PRIMARY KEY, goal_id TEXT, path TEXT, ord INTEGER, rep TEXT, record_id TEXT,
    day TEXT, status TEXT, set_day TEXT, closed_on TEXT, set_in TEXT, set_in_day TEXT,
    data TEXT,  -- the goal as its history gives it (core.goals.GoalEntry.to_json), but
    history TEXT,  -- its events, kept apart: most reads need none
    last_event TEXT  -- the day the newest of them was made (core.history.Event.day)
);
CREATE INDEX current_by_status ON current_goals(status, rep);
CREATE INDEX current_by_id ON current_goals(goal_id);
CREATE INDEX current_by_rep ON current_goals(rep);
CREATE TABLE goal_clashes(goal_id TEXT PRIMARY KEY);
-- what coachlog check found, kept until what it was found in changes: a 1:1's own findings
-- (checked set once they are kept) and a goal's across the records holding it
CREATE TABLE checked(path TEXT PRIMARY KEY);
CREATE TABLE checked_goals(goal_key TEXT PRIMARY KEY);
CREATE TABLE findings(
    path TEXT, goal_key TEXT, loc TEXT, severity TEXT, message TEXT  -- loc: JSON key path
);
CREATE INDEX findings_by_path ON findings(path);
CREATE INDEX findings_by_goal ON findings(goal_key);
CREATE TABLE meta(key TEXT PRIMARY KEY, value BLOB);
"""


class FileStat(NamedTuple):
    """A record file as the walk saw it (a tuple: tens of thousands are made per command).

    A file is taken as unchanged while its size, modification time, status-change time and
    inode all are, as git takes it: a hand edit that keeps the size and puts the modification
    time back (``touch -d``) still moves the status-change time, which no user can set."""

    path: str  # relative to the journal, with forward slashes
    size: int
    mtime_ns: int
    ctime_ns: int
    ino: int

    @classmethod
    def of(cls, path: str, st: os.stat_result) -> FileStat:
        return cls(path, st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)

    @property
    def stamp(self) -> tuple[int, int, int, int]:
        return (self.size, self.mtime_ns, self.ctime_ns, self.ino)


class GoalRow(NamedTuple):
    """A goal as the index holds it: as its history gives it, the newest 1:1 holding it, the
    id of the 1:1 it was set in and the day it was closed (``None`` while open)."""

    record: RecordRef
    goal: GoalEntry
    set_in: str
    closed_on: date | None
    key: str  # ``core.goals.entry_keys``: what tells it from other goals


class ParsedGoal(NamedTuple):
    """A goal of a record as parsing gives it to the index: its id, its key
    (``core.goals.entry_keys``) and its JSON (``Goal.model_dump(mode="json")``). Worked out
    where the file is parsed (on every core, for a first read), not in the one writer."""

    id: str
    key: str
    data: str


@dataclass(frozen=True)
class Parsed:
    """What a record file gave: its index fields and JSON, or an error and its line."""

    kind: str | None = None
    id: str | None = None
    rep: str | None = None
    date: str | None = None
    created: str | None = None
    data: str | None = None  # the record's JSON; a 1:1's without its goals (``goals``)
    goals: tuple[ParsedGoal, ...] = ()
    error: str | None = None
    error_line: int | None = None
    raw: bytes | None = None  # the bytes it was read from, when known


def record_entries(root: Path, folders: Iterable[str]) -> Iterator[tuple[str, os.DirEntry[str]]]:
    """Every ``FOLDER/YEAR/*.md`` record file under ``root``: its journal path and its entry."""
    for folder in folders:
        try:
            years = os.scandir(root / folder)
        except (FileNotFoundError, NotADirectoryError):
            continue
        with years:
            for year in years:
                if not year.is_dir() or year.name.startswith("."):
                    continue
                prefix = f"{folder}/{year.name}/"
                with os.scandir(year.path) as files:
                    for entry in files:
                        name = entry.name
                        if name[-3:] == ".md" and name[0] != "." and entry.is_file():
                            yield prefix + name, entry


def walk(root: Path, folders: Iterable[str]) -> Iterator[FileStat]:
    """Every record file under ``root``, with what tells whether it changed."""
    for path, entry in record_entries(root, folders):
        yield FileStat.of(path, entry.stat())


def changes(
    root: Path, folders: Iterable[str], known: dict[str, tuple[int, ...]]
) -> tuple[list[FileStat], list[str]]:
    """The record files that are new or changed since ``known`` was indexed, and the indexed
    paths that are gone. One stat per file and nothing built for a file that did not change:
    this runs before every command."""
    changed: list[FileStat] = []
    matched = 0
    get = known.get
    for path, entry in record_entries(root, folders):
        try:
            st = entry.stat()
        except OSError:  # gone since the listing
            continue
        old = get(path)
        if old is not None:
            matched += 1
            if (
                old == (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
                and not entry.is_symlink()  # a link is looked at again (where it points)
            ):
                continue
        changed.append(FileStat.of(path, st))
    removed: list[str] = []
    if matched != len(known):  # something indexed is gone: name it (rare, so walk again)
        present = {path for path, _ in record_entries(root, folders)}
        removed = sorted(set(known) - present)
    return changed, removed


def with_goals(data: str, goals: Iterable[str]) -> str:
    """The JSON of a record holding goals as the index keeps it (``Parsed.data``: without its
    goals) with the JSON of its goals put back, in order."""
    return f'{data[:-1]},"goals":[{",".join(goals)}]}}'


_FOLDER_KINDS = {f"{folder}/": kind for kind, folder in KIND_DIRS.items()}
GOAL_KINDS = ("1on1", "plan")  # the kinds of record that hold goals (``model.GOAL_RECORDS``)


def kind_of(path: str) -> str:
    """The kind of record a journal path holds, known by its folder (a goal is held by a 1:1
    or by an action plan)."""
    return _FOLDER_KINDS.get(path[: path.find("/") + 1], "1on1")


class Index:
    """The SQLite file, opened per command. Any trouble with it means "rebuild", never an
    error the user must fix: it is derived."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.failure = ""  # why ``path`` did not open, when it did not (then it is None)
        self.db = self._open()
        # what ``records_at`` and ``goal_entries`` read, at which file stamps: a check keeps
        # its findings of them only where nothing changed since (``keep_findings``)
        self._seen: dict[str, tuple[Any, ...]] = {}
        self._seen_goals: dict[str, tuple[Any, ...]] = {}

    def _open(self) -> sqlite3.Connection:
        if self.path is not None:
            try:
                return self._connect(str(self.path))
            except sqlite3.DatabaseError:
                with contextlib.suppress(OSError):
                    self.path.unlink()
                try:
                    return self._connect(str(self.path))
                except sqlite3.DatabaseError as exc:
                    self.path, self.failure = None, str(exc)  # in memory for this command
        return self._connect(":memory:")

    @staticmethod
    def _connect(target: str) -> sqlite3.Connection:
        db = sqlite3.connect(target, timeout=30, isolation_level=None)
        db.execute(
            "PRAGMA journal_mode=WAL" if target != ":memory:" else "PRAGMA journal_mode=MEMORY"
        )
        db.execute("PRAGMA synchronous=NORMAL")
        if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
            # asked again inside the write transaction: another process may have just made it,
            # and tables dropped under its feet would look like an empty journal
            with _write_transaction(db):
                if db.execute("PRAGMA user_version").fetchone()[0] != SCHEMA_VERSION:
                    tables = db.execute(
                        "SELECT name FROM sqlite_master WHERE type='table'"
                    ).fetchall()
                    for (name,) in tables:
                        db.execute(f'DROP TABLE IF EXISTS "{name}"')
                    for statement in SCHEMA.split(";"):
                        if statement.strip():
                            db.execute(statement)
                    db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
        return db

    def meta(self, key: str) -> Any:
        """A value kept with ``set_meta``; ``None`` if there is none or it does not read."""
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        if row is None:
            return None
        try:
            return marshal.loads(row[0])
        except (ValueError, EOFError, TypeError):
            return None

    def set_meta(self, key: str, value: Any) -> None:
        """Keep ``value`` (anything ``marshal`` writes) under ``key``."""
        with contextlib.suppress(sqlite3.Error):  # derived: a value not kept is read again
            self.db.execute(
                "INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, marshal.dumps(value))
            )

    def known(self) -> dict[str, tuple[int, ...]]:
        """Every indexed file's ``FileStat.stamp`` (a racy one's mtime -1): one stored
        snapshot, not a row per file."""
        stats = self.meta("stats")
        if isinstance(stats, dict):
            return stats
        return {
            p: (s, m, c, i)
            for p, s, m, c, i in self.db.execute(
                "SELECT path, size, mtime_ns, ctime_ns, ino FROM files"
            )
        }

    # --- reading ---------------------------------------------------------------------------------

    def records(
        self,
        kind: str,
        rep: str | None = None,
        since: date | None = None,
        until: date | None = None,
        *,
        last_before: bool = False,
        goals: bool = True,
    ) -> list[tuple[str, str, str, str, str]]:
        """The path, day, creation time (``created_key``), id and JSON of every readable
        record of ``kind`` (for ``rep``, dated within ``since``..``until``), oldest first by
        day, creation time and id; with ``last_before``, also each rep's newest record before
        ``since``; a 1:1 without its goals unless ``goals``."""
        base = "kind = ? AND error IS NULL" + (" AND rep = ?" if rep is not None else "")
        base_args: list[Any] = [kind] if rep is None else [kind, rep]
        span, span_args = [base], list(base_args)
        if since is not None:
            span.append("date >= ?")
            span_args.append(since.isoformat())
        if until is not None:
            span.append("date <= ?")
            span_args.append(until.isoformat())
        columns = "path, date, created, id, data"
        sql = f"SELECT {columns} FROM files WHERE {' AND '.join(span)}"
        args = span_args
        if last_before and since is not None:
            sql += (
                f" UNION ALL SELECT {columns} FROM (SELECT {columns}, ROW_NUMBER() OVER ("
                "PARTITION BY rep ORDER BY date DESC, created DESC, id DESC) AS n "
                f"FROM files WHERE {base} AND date < ?) WHERE n = 1"
            )
            args += [*base_args, since.isoformat()]
        rows = self.db.execute(sql + " ORDER BY date, created, id", args).fetchall()
        return self._with_goals(rows) if goals and kind in GOAL_KINDS else rows

    def _with_goals(self, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
        """The records' JSON with their goals put back: a record's row holds it without them
        (they have rows of their own, ``goals``), so a read that needs no goal (a report over
        years of 1:1s) neither reads nor builds them. Each row is its path first, its JSON
        last."""
        held: dict[str, list[str]] = {}
        for chunk in _chunks(sorted({row[0] for row in rows})):
            for path, data in self.db.execute(
                f"SELECT path, data FROM goals WHERE path IN ({_marks(chunk)}) ORDER BY path, ord",
                chunk,
            ):
                held.setdefault(path, []).append(data)
        return [(*row[:-1], with_goals(row[-1], held.get(row[0], ()))) for row in rows]

    def record_ids(self, kind: str | None, prefix: str = "") -> list[tuple[str, str]]:
        """The id and path of each readable record of ``kind`` (None: any) whose id starts with
        ``prefix``, by id."""
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.db.execute(
            "SELECT id, path FROM files WHERE (kind = ? OR ? IS NULL) AND error IS NULL "
            "AND id LIKE ? ESCAPE '\\' ORDER BY id",
            (kind, kind, pattern),
        )
        # LIKE ignores case; ids are compared exactly
        return [(record_id, path) for record_id, path in rows if record_id.startswith(prefix)]

    def record_log(
        self, kind: str | None = None, rep: str | None = None, since: date | None = None
    ) -> list[tuple[str, str, str, str, str, str]]:
        """The path, kind, id, rep, date and JSON of every readable record (of ``kind``, of
        ``rep``, dated ``since`` or later), newest first by day, creation time and id."""
        where, args = ["error IS NULL"], []
        for column, value in (("kind", kind), ("rep", rep)):
            if value is not None:
                where.append(f"{column} = ?")
                args.append(value)
        if since is not None:
            where.append("date >= ?")
            args.append(since.isoformat())
        return self.db.execute(
            f"SELECT path, kind, id, rep, date, data FROM files WHERE {' AND '.join(where)} "
            "ORDER BY date DESC, created DESC, id DESC",
            args,
        ).fetchall()

    def errors(self) -> list[tuple[str, str, int | None]]:
        """The path, error and line of every record file that does not read, by path."""
        return self.db.execute(
            "SELECT path, error, error_line FROM files WHERE error IS NOT NULL ORDER BY path"
        ).fetchall()

    def goals_named(self, goal_id: str) -> list[tuple[str, GoalRow]]:
        """The goals (any status) that have exactly this id, each with the path of the newest
        1:1 holding it."""
        return self._goal_rows(" AND c.goal_id = ?", [goal_id])

    def current_goals(
        self,
        rep: str | None = None,
        status: str | tuple[str, ...] | None = "open",
        touching: date | None = None,
        history_after: date | None = None,
    ) -> list[tuple[str, GoalRow]]:
        """Each goal as its history gives it (see ``Journal.current_goals``), with the path of
        the newest 1:1 holding it."""
        sql = ""
        args: list[Any] = []
        if status is not None:
            wanted = (status,) if isinstance(status, str) else status
            sql += f" AND c.status IN ({','.join('?' * len(wanted))})"
            args += wanted
        if rep is not None:
            sql += " AND c.rep = ?"
            args.append(rep)
        if touching is not None:
            sql += (
                " AND (c.closed_on IS NULL OR c.closed_on >= ? OR c.set_day >= ?"
                " OR c.set_in_day >= ?)"
            )
            args += [touching.isoformat()] * 3
        return self._goal_rows(sql, args, history_after)

    def renamed(self, old_id: str) -> list[tuple[str, GoalRow]]:
        """The goals that had ``old_id`` before a ``goals reid`` (their history says so)."""
        pattern = '%"was":"' + old_id.replace("%", "").replace("_", "") + '"%'
        return [
            (path, row)
            for path, row in self._goal_rows(" AND c.history LIKE ?", [pattern])
            if any(e.was == old_id for e in row.goal.history)
        ]

    def _goal_rows(
        self, where: str, args: list[Any], history_after: date | None = None
    ) -> list[tuple[str, GoalRow]]:
        """The goals ``where`` chooses; with ``history_after``, a goal whose events were all
        made by that day comes without them (a report as of that day folds none: building
        a hundred thousand events is most of what reading every goal costs)."""
        found = []
        after = history_after.isoformat() if history_after is not None else None
        for path, data, history, record_id, rep_, day, set_in, closed_on, key in self.db.execute(
            "SELECT c.path, c.data, CASE WHEN ? IS NULL OR c.last_event > ? THEN c.history END, "
            "c.record_id, c.rep, c.day, c.set_in, c.closed_on, c.goal_key "
            f"FROM current_goals c WHERE 1{where} ORDER BY c.goal_id, c.goal_key",
            [after, after, *args],
        ):
            record = RecordRef(kind_of(path), record_id, rep_, date.fromisoformat(day))
            entry = json.loads(data)
            entry["history"] = json.loads(history) if history else ()
            goal = GoalEntry.from_json(entry)
            found.append((path, GoalRow(record, goal, set_in, stored_day(closed_on), key)))
        return found

    # --- what check needs -------------------------------------------------------------------------

    def record_rows(self) -> list[tuple[str, str, str, str, str]]:
        """The path, kind, id, rep and date of every record that reads, by kind, then as
        ``records`` orders them."""
        return self.db.execute(
            "SELECT path, kind, id, rep, date FROM files WHERE error IS NULL "
            "ORDER BY kind, date, created, id"
        ).fetchall()

    def _column(self, sql: str) -> list[Any]:
        """The one column ``sql`` selects, row by row."""
        return [value for (value,) in self.db.execute(sql)]

    def unchecked(self) -> list[str]:
        """The path of every record holding goals whose own findings are not kept, in order."""
        return self._column(
            "SELECT f.path FROM files f WHERE f.kind IN ('1on1', 'plan') AND f.error IS NULL "
            "AND NOT EXISTS (SELECT 1 FROM checked c WHERE c.path = f.path) "
            "ORDER BY f.date, f.created, f.id"
        )

    def records_at(self, paths: list[str]) -> list[tuple[str, str, str]]:
        """The path, kind and JSON (with goals) of each of these records that reads, in the
        order given. What each was read at is remembered for ``keep_findings``."""
        found: dict[str, tuple[str, str]] = {}
        for chunk in _chunks(paths):
            for path, kind, data, *stamp in self.db.execute(
                "SELECT path, kind, data, size, mtime_ns, ctime_ns, ino FROM files "
                f"WHERE error IS NULL AND path IN ({_marks(chunk)})",
                chunk,
            ):
                found[path] = (kind, data)
                self._seen[path] = tuple(stamp)
        return self._with_goals([(p, *found[p]) for p in paths if p in found])

    def unchecked_goals(self) -> list[str]:
        """The key of every goal whose findings across its records are not kept."""
        return self._column(
            "SELECT goal_key FROM current_goals c WHERE NOT EXISTS "
            "(SELECT 1 FROM checked_goals k WHERE k.goal_key = c.goal_key) ORDER BY goal_key"
        )

    def goal_entries(
        self, keys: list[str]
    ) -> dict[str, list[tuple[str, int, str, str, str, str, str]]]:
        """Each of these goals' entries, oldest first: path, place in the list, rep, record
        id, day, creation time and JSON. What they were read at is remembered (before they
        are read) for ``keep_findings``."""
        self._seen_goals.update(self._goal_stamps(keys))
        groups: dict[str, list[tuple[str, int, str, str, str, str, str]]] = {}
        for chunk in _chunks(keys):
            for key, *row in self.db.execute(
                "SELECT goal_key, path, ord, rep, record_id, day, created, data FROM goals "
                f"WHERE goal_key IN ({_marks(chunk)}) ORDER BY goal_key, sort_key, ord",
                chunk,
            ):
                groups.setdefault(key, []).append(tuple(row))  # type: ignore[arg-type]
        return groups

    def _goal_stamps(self, keys: list[str]) -> dict[str, tuple[Any, ...]]:
        """For each goal, the places and file stamps of the records holding it: any change to
        one of them changes it."""
        stamps: dict[str, list[Any]] = {}
        for chunk in _chunks(keys):
            for key, *place in self.db.execute(
                "SELECT g.goal_key, g.path, g.ord, f.size, f.mtime_ns, f.ctime_ns, f.ino "
                "FROM goals g JOIN files f ON f.path = g.path "
                f"WHERE g.goal_key IN ({_marks(chunk)}) ORDER BY g.goal_key, g.path, g.ord",
                chunk,
            ):
                stamps.setdefault(key, []).append(tuple(place))
        return {key: tuple(places) for key, places in stamps.items()}

    def _file_stamps(self, paths: list[str]) -> dict[str, tuple[Any, ...]]:
        found: dict[str, tuple[Any, ...]] = {}
        for chunk in _chunks(paths):
            for path, *stamp in self.db.execute(
                "SELECT path, size, mtime_ns, ctime_ns, ino FROM files "
                f"WHERE error IS NULL AND path IN ({_marks(chunk)})",
                chunk,
            ):
                found[path] = tuple(stamp)
        return found

    def keep_findings(
        self,
        paths: list[str],
        keys: list[str],
        found: list[tuple[str, str | None, str, str, str]],
    ) -> None:
        """Keep what a check found (path, goal key or None, JSON key path, severity, message)
        for the records ``paths`` and the goals ``keys`` it read (``records_at``,
        ``goal_entries``), those alone that no other command changed since: what another
        command changed meanwhile is found again next time, as anything not kept is."""
        with contextlib.suppress(sqlite3.Error), _write_transaction(self.db):
            now = self._file_stamps(paths)
            fresh = {p for p in paths if p in self._seen and now.get(p) == self._seen[p]}
            goals_now = self._goal_stamps(keys)
            fresh_keys = {
                k for k in keys if k in self._seen_goals and goals_now.get(k) == self._seen_goals[k]
            }
            self.db.executemany("INSERT OR IGNORE INTO checked VALUES (?)", [(p,) for p in fresh])
            self.db.executemany(
                "INSERT OR IGNORE INTO checked_goals VALUES (?)", [(k,) for k in fresh_keys]
            )
            self.db.executemany(
                "INSERT INTO findings VALUES (?,?,?,?,?)",
                [f for f in found if (f[1] in fresh_keys if f[1] else f[0] in fresh)],
            )

    def findings(self) -> list[tuple[str, str, str, str]]:
        """The path, JSON key path, severity and message of every finding kept."""
        return self.db.execute(
            "SELECT path, loc, severity, message FROM findings ORDER BY path"
        ).fetchall()

    def clashing(self) -> list[tuple[str, str, str]]:
        """The path, kind and JSON (with goals) of every record that holds a goal id naming
        two goals,
        as ``records`` orders them."""
        rows = self.db.execute(
            "SELECT f.path, f.kind, f.data FROM files f WHERE f.error IS NULL AND f.path IN "
            "(SELECT g.path FROM goals g JOIN goal_clashes c ON c.goal_id = g.goal_id) "
            "ORDER BY f.date, f.created, f.id"
        ).fetchall()
        return self._with_goals(rows)

    def placed_open_goals(self) -> list[tuple[str, GoalRow, int]]:
        """Each open goal (as ``current_goals`` gives it) with the path of the newest 1:1
        holding it and its place in that 1:1's list."""
        places = dict(
            self.db.execute("SELECT goal_key, ord FROM current_goals WHERE status = 'open'")
        )
        return [(path, row, places[row.key]) for path, row in self.current_goals(status="open")]

    def held_by(self, manager: str) -> bool:
        """Whether a 1:1 that reads names ``manager`` as the one who held it (no, where this
        SQLite has no JSON functions)."""
        try:
            found = self.db.execute(
                "SELECT 1 FROM files WHERE kind = '1on1' AND error IS NULL "
                "AND trim(json_extract(data, '$.manager')) = ? LIMIT 1",
                (manager,),
            ).fetchone()
        except sqlite3.OperationalError:
            return False
        return found is not None

    def goal_ids(self) -> list[str]:
        """Every goal id in a record that reads."""
        return self._column("SELECT DISTINCT goal_id FROM current_goals")

    def goal_history(self, key: str) -> list[tuple[str, int, str, str]]:
        """The path, the goal's place in its list, the kind and the JSON of every record that
        holds the goal ``key`` names, oldest first."""
        found = self.db.execute(
            "SELECT g.path, g.ord, f.kind, f.data FROM goals g JOIN files f ON f.path = g.path "
            "WHERE g.goal_key = ? ORDER BY g.sort_key, g.ord",
            (key,),
        ).fetchall()
        records = {path: data for path, data in self._with_goals([(p, d) for p, _, _, d in found])}
        return [(path, ord_, kind, records[path]) for path, ord_, kind, _ in found]

    # --- writing ---------------------------------------------------------------------------------

    def update(self, changed: list[tuple[FileStat, Parsed]], removed: list[str]) -> None:
        """Replace the rows of ``changed`` files, drop those of ``removed`` ones, and bring the
        goal tables up to date for every goal id either touched, in one transaction."""
        if not changed and not removed:
            return
        racy_after = time.time_ns() - RACY_NS
        db = self.db
        with _write_transaction(db):
            gone = [(p,) for p in removed] + [(st.path,) for st, _ in changed]
            affected = {
                key
                for chunk in _chunks([p for (p,) in gone])
                for (key,) in db.execute(
                    f"SELECT goal_key FROM goals WHERE path IN ({_marks(chunk)})", chunk
                )
            }
            affected.update(g.key for _, p in changed for g in p.goals)
            db.executemany("DELETE FROM files WHERE path = ?", gone)
            db.executemany("DELETE FROM goals WHERE path = ?", gone)
            db.executemany("DELETE FROM checked WHERE path = ?", gone)
            db.executemany("DELETE FROM findings WHERE path = ? AND goal_key IS NULL", gone)
            rows = [
                (
                    st.path,
                    st.size,
                    st.mtime_ns if st.mtime_ns < racy_after else -1,
                    st.ctime_ns,
                    st.ino,
                    p.kind,
                    p.id,
                    p.rep,
                    p.date,
                    p.created,
                    p.data,
                    p.error,
                    p.error_line,
                    p.raw if st.mtime_ns >= racy_after else None,
                )
                for st, p in changed
            ]
            # in the order reads ask for them (a rep's records of a kind, by day): rows written
            # side by side are read from a few pages, not one page each (a first read)
            rows.sort(key=lambda r: (r[5] or "", r[7] or "", r[8] or "", r[9] or "", r[6] or ""))
            db.executemany("INSERT INTO files VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
            db.executemany(
                "INSERT INTO goals VALUES (?,?,?,?,?,?,?,?,?,?)",
                [
                    (
                        st.path,
                        n,
                        g.id,
                        g.key,
                        p.rep,
                        p.id,
                        p.date,
                        p.created,
                        f"{p.date}|{p.created}|{p.id}",
                        g.data,
                    )
                    for st, p in changed
                    for n, g in enumerate(p.goals)
                ],
            )
            self._update_goals(sorted(affected))
            stats = self.known()
            for path in removed:
                stats.pop(path, None)
            for path, size, mtime_ns, ctime_ns, ino, *_ in rows:
                stats[path] = (size, mtime_ns, ctime_ns, ino)
            db.execute("INSERT OR REPLACE INTO meta VALUES ('stats', ?)", (marshal.dumps(stats),))

    def confirm(
        self, root: Path, changed: list[FileStat], known: dict[str, tuple[int, ...]]
    ) -> list[FileStat]:
        """Of ``changed``, those that did change: an entry kept racy with its bytes is
        unchanged while the file still holds those bytes. Confirmed entries no longer within
        the racy window get their real size and mtime, so they are not read again. ``known``
        is ``known()`` as the caller read it."""
        racy = [st for st in changed if known.get(st.path, (0, 0))[1] == -1]
        if not racy:
            return changed
        same: set[str] = set()
        for chunk in _chunks([st.path for st in racy]):
            for path, raw in self.db.execute(
                f"SELECT path, raw FROM files WHERE raw IS NOT NULL AND path IN ({_marks(chunk)})",
                chunk,
            ):
                with contextlib.suppress(OSError):
                    link = (root / path).is_symlink()  # looked at again: where it points
                    if not link and (root / path).read_bytes() == raw:
                        same.add(path)
        if not same:
            return changed
        settled = [st for st in racy if st.path in same and st.mtime_ns < time.time_ns() - RACY_NS]
        if settled:
            # derived: what is not settled now is settled later
            with contextlib.suppress(sqlite3.Error), _write_transaction(self.db):
                self.db.executemany(
                    "UPDATE files SET size = ?, mtime_ns = ?, ctime_ns = ?, ino = ?, raw = NULL "
                    "WHERE path = ?",
                    [(*st.stamp, st.path) for st in settled],
                )
                stats = self.known()  # as it is now, inside the transaction
                stats.update((st.path, st.stamp) for st in settled)
                self.set_meta("stats", stats)
        return [st for st in changed if st.path not in same]

    def _update_goals(self, keys: list[str]) -> None:
        """For each goal of these keys: its state, the fold of its entries in every record
        that holds it (``coachlog.core.goals.GoalState.of``, the one rule), kept with its newest
        entry's place; then which ids name more than one goal."""
        db = self.db
        ids: set[str] = set()
        for chunk in _chunks(keys):
            marks = _marks(chunk)
            ids.update(
                i for (i,) in db.execute(
                    f"SELECT goal_id FROM current_goals WHERE goal_key IN ({marks})", chunk
                )
            )  # fmt: skip
            db.execute(f"DELETE FROM current_goals WHERE goal_key IN ({marks})", chunk)
            db.execute(f"DELETE FROM checked_goals WHERE goal_key IN ({marks})", chunk)
            db.execute(f"DELETE FROM findings WHERE goal_key IN ({marks})", chunk)
            groups: dict[str, list[tuple[Any, ...]]] = {}
            for row in db.execute(
                "SELECT goal_key, path, ord, rep, record_id, day, created, data FROM goals "
                f"WHERE goal_key IN ({marks}) ORDER BY goal_key, sort_key, ord",
                chunk,
            ):
                groups.setdefault(row[0], []).append(row)
            current = []
            for key, rows in groups.items():
                seen: dict[Any, Event] = {}  # each event once, however many records copy it
                entries = [
                    (
                        RecordRef(kind_of(path), rid, rep, date.fromisoformat(day), created),
                        GoalEntry.from_json(json.loads(data), seen),
                    )
                    for _, path, _, rep, rid, day, created, data in rows
                ]
                state = GoalState.of(entries, key)
                goal = state.goal
                assert isinstance(goal, GoalEntry)
                ids.add(goal.id)
                _, path, ord_, rep, rid, day, _, _ = rows[-1]
                data = goal.to_json()
                history = data.pop("history")
                current.append((
                    key, goal.id, path, ord_, rep, rid, day, goal.status, goal.set.isoformat(),
                    state.closed_on.isoformat() if state.closed_on else None,
                    state.set_in, rows[0][5],
                    json.dumps(data, separators=(",", ":")),
                    json.dumps(history, separators=(",", ":")),
                    max((e.day for e in goal.history), default=date.min).isoformat(),
                ))  # fmt: skip
            db.executemany(
                "INSERT INTO current_goals VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", current
            )
        for chunk in _chunks(sorted(ids)):
            marks = _marks(chunk)
            db.execute(f"DELETE FROM goal_clashes WHERE goal_id IN ({marks})", chunk)
            db.execute(
                "INSERT OR IGNORE INTO goal_clashes SELECT goal_id FROM current_goals "
                f"WHERE goal_id IN ({marks}) GROUP BY goal_id HAVING COUNT(*) > 1",
                chunk,
            )

    def close(self) -> None:
        with contextlib.suppress(sqlite3.Error):
            self.db.close()


@contextlib.contextmanager
def _write_transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction, taken at once (``BEGIN IMMEDIATE``): committed, or rolled back on
    any error."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _chunks(items: list[str], size: int = 500) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _marks(chunk: list[str]) -> str:
    return ",".join("?" * len(chunk))
