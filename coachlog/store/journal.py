"""The journal on disk: where it is, its config, rep profiles and records.

Layout (spec.md section 1)::

    coachlog.yaml                       the journal's config
    reps/alice.yaml                     one profile per rep
    1on1/2026/2026-11-23-alice-k3f9.md  one file per 1:1 (date, rep, random suffix)
    calls/2026/..., debriefs/2026/..., observations/2026/...
    .coachlog/                          derived files (index, lock); git-ignored, safe to delete

A record that does not read is skipped, with a warning, by what only reads (listings, the
agenda, reports). A command about to write (inside the journal lock) refuses instead when one
of the rep's 1:1s does not read: goal states, roll-forward and "the newest 1:1" would be
judged without it, and a goal closed there could be reopened or lost.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import sqlite3
import time
from collections.abc import Iterator, Mapping
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from coachlog.core.dates import stored_day
from coachlog.core.goals import GoalEntry, RecordRef
from coachlog.errors import CoachlogError, NotFoundError, shown
from coachlog.store.atomic import ensure_derived_dir, holding_lock, lock_count
from coachlog.store.index import RACY_NS, FileStat, Index, Parsed, changes
from coachlog.vocabulary import HANDLE_RE, HANDLE_RULE

if TYPE_CHECKING:
    from coachlog.model import Goal, JournalConfig, OneOnOne, Record, Rep
    from coachlog.store.yamlfile import Document

CONFIG_NAME = "coachlog.yaml"
DERIVED_DIR = ".coachlog"
KIND_DIRS: dict[str, str] = {
    "1on1": "1on1",
    "review": "calls",
    "debrief": "debriefs",
    "observation": "observations",
}
SUFFIX_ALPHABET = "0123456789abcdefghijkmnpqrstuvwxyz"  # no l or o: easy to read aloud


def find_journal(explicit: str | None, env: Mapping[str, str], cwd: Path) -> Path:
    """The journal's folder, found as git finds a repo: ``--journal``, then
    ``COACHLOG_JOURNAL``, then the nearest folder up from ``cwd`` holding coachlog.yaml."""
    for given, where in (
        (explicit, "journal"),
        (env.get("COACHLOG_JOURNAL"), "COACHLOG_JOURNAL"),
    ):
        if given:
            root = Path(given).expanduser()
            if not (root / CONFIG_NAME).is_file():
                raise NotFoundError(
                    f"no {CONFIG_NAME} in {root}",
                    field=where,
                    hint=f"run 'coachlog init {given}' to start a journal there",
                )
            return root
    for folder in (cwd, *cwd.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    raise NotFoundError(
        f"no journal here: no {CONFIG_NAME} in {cwd} or any folder above it",
        hint="run 'coachlog init' to start one, or 'coachlog --journal PATH ...' for one elsewhere",
    )


PARALLEL_FROM = 2000  # changed files from which parsing is spread over processes


def check_handle(handle: str, field: str = "rep") -> str:
    if not HANDLE_RE.match(handle):
        raise CoachlogError(f"{shown(handle)} is not a rep handle: {HANDLE_RULE}", field=field)
    return handle


def new_suffix(length: int = 4) -> str:
    import secrets  # hmac and hashlib behind it: only for a command that names a file

    return "".join(secrets.choice(SUFFIX_ALPHABET) for _ in range(length))


def slug(text: str, limit: int = 40) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:limit].rstrip("-")


class GoalRow(NamedTuple):
    """A goal as the index holds it: as its history gives it, the newest 1:1 holding it, the
    id of the 1:1 it was set in and the day it was closed (``None`` while open)."""

    record: RecordRef
    goal: GoalEntry
    set_in: str
    closed_on: date | None
    key: str  # ``core.goals.entry_keys``: what tells it from other goals


class Journal:
    """One journal folder. Reads lazily; writes go through ``write``, atomically."""

    def __init__(self, root: Path, *, use_index: bool = True) -> None:
        self.root = root
        self.use_index = use_index
        self._paths: dict[str, Path | str] = {}  # record id -> its file (str: journal-relative)
        self._index: Index | None = None
        self._fresh_as_of = -1  # lock_count() at the last refresh
        self.problems: list[CoachlogError] = []  # files skipped because they do not read
        self.notices: list[
            str
        ] = []  # what a change could not do (a commit not made), for a warning

    # --- config ------------------------------------------------------------------------------

    @property
    def config_path(self) -> Path:
        return self.root / CONFIG_NAME

    @cached_property
    def config(self) -> JournalConfig:
        from coachlog.model import JournalConfig
        from coachlog.store.reading import read_model

        return read_model(JournalConfig, self.config_path, what=CONFIG_NAME)

    def check_config(self) -> None:
        """Refuse to go on while coachlog.yaml does not read: every command does, even one
        that needs no setting. The file is validated once per change, not on every command:
        the index keeps the size and modification time it had when it last read well (not
        within the last two seconds, as for records)."""
        if "config" in self.__dict__:
            return
        try:
            st = self.config_path.stat()
        except OSError:
            self.config  # noqa: B018 - raises the error that names the file
            return
        stamp = (st.st_size, st.st_mtime_ns)
        index = self._opened_index()
        if index.meta("config") == stamp:
            return
        self.config  # noqa: B018 - raises the error that names the file and line
        if st.st_mtime_ns < time.time_ns() - RACY_NS:
            index.set_meta("config", stamp)

    @property
    def derived_dir(self) -> Path:
        return self.root / DERIVED_DIR

    # --- reps --------------------------------------------------------------------------------

    def rep_path(self, handle: str) -> Path:
        return self.root / "reps" / f"{handle}.yaml"

    def rep_handles(self) -> list[str]:
        folder = self.root / "reps"
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("*.yaml") if HANDLE_RE.match(p.stem))

    def rep_document(self, handle: str) -> Document:
        check_handle(handle)
        path = self.rep_path(handle)
        if not path.is_file():
            known = self.rep_handles()
            hint = f"known reps: {', '.join(known)}" if known else "no reps yet"
            raise NotFoundError(
                f"unknown rep {handle!r}",
                field="rep",
                hint=f"{hint}; add one with 'coachlog reps add {handle}'",
            )
        from coachlog.store.yamlfile import Document

        return Document.load(path, fenced=False)

    def rep(self, handle: str) -> Rep:
        path = self.rep_path(check_handle(handle))
        if not path.is_file():
            self.rep_document(handle)  # raises the unknown-rep error with its hint
        from coachlog.model import Rep
        from coachlog.store.reading import read_model

        return read_model(Rep, path, what="a rep profile")

    # --- records -----------------------------------------------------------------------------

    def record_paths(self, kind: str | None = None) -> Iterator[Path]:
        kinds = [kind] if kind else list(KIND_DIRS)
        for k in kinds:
            folder = self.root / KIND_DIRS[k]
            if folder.is_dir():
                yield from sorted(folder.glob("*/*.md"))

    def new_record_path(self, kind: str, day: date, rep: str, words: str = "") -> Path:
        """A file name no clone will pick too: day, rep, optional words, random suffix."""
        folder = self.root / KIND_DIRS[kind] / f"{day.year:04d}"
        stem = "-".join(p for p in (day.isoformat(), rep, slug(words)) if p)
        while True:
            path = folder / f"{stem}-{new_suffix()}.md"
            if not path.exists():
                return path

    def record_path(self, record: Record | RecordRef) -> Path:
        """Where ``record`` lives: its kind's folder, its year, its id."""
        known = self._paths.get(record.id)
        if isinstance(known, str):
            known = self._paths[record.id] = self.root / known
        if known is not None:
            return known
        return self.root / KIND_DIRS[record.kind] / f"{record.date.year:04d}" / f"{record.id}.md"

    def read_record(self, path: Path) -> tuple[Record, Document]:
        from coachlog.model import RECORD_MODELS
        from coachlog.store.reading import validate
        from coachlog.store.yamlfile import Document

        doc = Document.load(path)
        kind = doc.data.get("kind")
        model = RECORD_MODELS.get(kind) if isinstance(kind, str) else None
        if model is None:
            kinds = ", ".join(KIND_DIRS)
            raise CoachlogError(
                f"unknown record kind {kind!r} (one of {kinds})",
                path=path,
                line=doc.line_of(("kind",)),
            )
        record = validate(model, doc, what="a record")
        self._paths[record.id] = path
        if record.id != path.stem:
            raise CoachlogError(
                f"id {record.id!r} does not match the file name {path.stem!r}",
                path=path,
                line=doc.line_of(("id",)),
            )
        return record, doc

    def records(
        self,
        kind: str,
        rep: str | None = None,
        since: date | None = None,
        until: date | None = None,
        *,
        last_before: bool = False,
    ) -> list[Any]:
        """Every readable record of ``kind`` (for ``rep``, dated within ``since``..``until``),
        oldest first by day, creation time and id; with ``last_before``, also each rep's newest
        record before ``since``. Files that do not read are skipped and listed in
        ``problems``."""
        base = "kind = ? AND error IS NULL" + (" AND rep = ?" if rep is not None else "")
        base_args: list[Any] = [kind] if rep is None else [kind, rep]
        span, span_args = [base], list(base_args)
        if since is not None:
            span.append("date >= ?")
            span_args.append(since.isoformat())
        if until is not None:
            span.append("date <= ?")
            span_args.append(until.isoformat())
        columns = "path, data, date, created, id"
        sql = f"SELECT {columns} FROM files WHERE {' AND '.join(span)}"
        args = span_args
        if last_before and since is not None:
            sql += (
                f" UNION ALL SELECT {columns} FROM (SELECT {columns}, ROW_NUMBER() OVER ("
                "PARTITION BY rep ORDER BY date DESC, created DESC, id DESC) AS n "
                f"FROM files WHERE {base} AND date < ?) WHERE n = 1"
            )
            args += [*base_args, since.isoformat()]
        from coachlog.model import RECORD_MODELS

        model = RECORD_MODELS[kind]
        index = self.index()
        if rep is not None and kind == "1on1" and holding_lock():
            self.require_readable(kind, rep)
        found = []
        for path, data, *_ in index.db.execute(sql + " ORDER BY date, created, id", args):
            record = model.model_validate_json(data)
            self._paths[record.id] = path
            found.append(record)
        return found

    def record_ids(self, kind: str, prefix: str = "") -> dict[str, Path]:
        """Ids of the readable records of ``kind`` that start with ``prefix``, with their files
        (for resolving a record id typed as a prefix)."""
        pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self.index().db.execute(
            "SELECT id, path FROM files WHERE kind = ? AND error IS NULL AND id LIKE ? "
            "ESCAPE '\\' ORDER BY id",
            (kind, pattern),
        )
        found = {}
        for record_id, path in rows:
            if record_id.startswith(prefix):  # LIKE ignores case; ids are compared exactly
                found[record_id] = self.root / path
        return found

    def goals_named(self, goal_id: str) -> list[GoalRow]:
        """The goals (any status) that have exactly this id: one, or several when it clashes."""
        return self._goal_rows(" AND c.goal_id = ?", [goal_id])

    def current_goals(
        self,
        rep: str | None = None,
        status: str | tuple[str, ...] | None = "open",
        touching: date | None = None,
    ) -> list[GoalRow]:
        """Each goal as its history gives it, read from the index alone (no record is loaded,
        no model built): those of ``rep``, of ``status`` (one or several; ``None``: any), and
        with ``touching``, only those that were open on that day or later, or were set, first
        written or closed on it or later (what a report from that day on can count)."""
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
        return self._goal_rows(sql, args)

    def _goal_rows(self, where: str, args: list[Any]) -> list[GoalRow]:
        found = []
        for path, data, record_id, rep_, day, set_in, closed_on, key in self.index().db.execute(
            "SELECT c.path, c.data, c.record_id, c.rep, c.day, c.set_in, c.closed_on, c.goal_key "
            f"FROM current_goals c WHERE 1{where} ORDER BY c.goal_id, c.goal_key",
            args,
        ):
            self._paths.setdefault(record_id, path)
            record = RecordRef("1on1", record_id, rep_, date.fromisoformat(day))
            goal = GoalEntry.from_json(json.loads(data))
            found.append(GoalRow(record, goal, set_in, stored_day(closed_on), key))
        return found

    def renamed(self, old_id: str) -> list[GoalRow]:
        """The goals that had ``old_id`` before a ``goals reid`` (their history says so)."""
        pattern = '%"was":"' + old_id.replace("%", "").replace("_", "") + '"%'
        return [
            row
            for row in self._goal_rows(" AND c.data LIKE ?", [pattern])
            if any(e.was == old_id for e in row.goal.history)
        ]

    def goal_ids(self) -> list[str]:
        """Every goal id in a record that reads."""
        return [i for (i,) in self.index().db.execute("SELECT DISTINCT goal_id FROM current_goals")]

    def goal_history(self, key: str) -> list[tuple[OneOnOne, Goal]]:
        """Every record that holds the goal ``key`` names (``core.goals.entry_keys``), oldest
        first, with the goal's entry there."""
        from coachlog.model import OneOnOne

        found = []
        for path, ord_, data in self.index().db.execute(
            "SELECT g.path, g.ord, f.data FROM goals g JOIN files f ON f.path = g.path "
            "WHERE g.goal_key = ? ORDER BY g.sort_key, g.ord",
            (key,),
        ):
            record = OneOnOne.model_validate_json(data)
            self._paths[record.id] = self.root / path
            found.append((record, record.goals[ord_]))
        return found

    # --- files that do not read -------------------------------------------------------------

    def unreadable(self, kind: str, rep: str, since: date | None = None) -> list[CoachlogError]:
        """The problems of ``kind`` files that do not read and may be ``rep``'s: named for the
        rep (``DATE-REP-...``, the longest known handle wins) or saying ``rep: REP``; with
        ``since``, only those whose name is dated that day or later (or not dated at all)."""
        self.index()
        folder = KIND_DIRS[kind] + "/"
        handles = sorted({*self.rep_handles(), rep}, key=len, reverse=True)
        found = []
        for problem in self.problems:
            path = problem.path
            if path is None or not self.relative(path).startswith(folder):
                continue
            named = _named_rep(path.name, handles)
            if named != rep and (named is not None or _says_rep(path) != rep):
                continue
            day = _named_day(path.name)
            if since is None or day is None or day >= since:
                found.append(problem)
        return found

    def require_readable(self, kind: str, rep: str, since: date | None = None) -> None:
        """Refuse to go on while one of ``rep``'s ``kind`` records (dated ``since`` or later)
        does not read: what is about to be written would be judged without it."""
        for problem in self.unreadable(kind, rep, since):
            raise CoachlogError(
                problem.message,
                path=problem.path,
                line=problem.line,
                hint=f"one of {rep}'s records does not read, so coachlog writes nothing for "
                f"{rep} until it is fixed; 'coachlog check' lists every problem",
            )

    def holding(self, kind: str, text: str) -> list[CoachlogError]:
        """The problems of ``kind`` files that do not read and hold ``text`` as an ``id:``."""
        self.index()
        folder = KIND_DIRS[kind] + "/"
        # an indented ``id:`` (a goal's, not the record's own at the margin)
        pattern = re.compile(
            rb"^[ \t]+(?:-[ \t]+)?id:[ \t]*['\"]?" + re.escape(text.encode("utf-8")), re.M
        )
        found = []
        for problem in self.problems:
            if problem.path is None or not self.relative(problem.path).startswith(folder):
                continue
            if pattern.search(_head(problem.path)):
                found.append(problem)
        return found

    # --- the index ---------------------------------------------------------------------------

    def index(self) -> Index:
        """The derived index, brought up to date with the files on first use, and again on
        first use after the journal lock was taken (another process may have written)."""
        if self._index is None or self._fresh_as_of != lock_count():
            self.refresh()
        assert self._index is not None
        return self._index

    def _opened_index(self) -> Index:
        """The index as it stands, not brought up to date."""
        if self._index is None:
            location = None
            if self.use_index:
                try:
                    ensure_derived_dir(self.derived_dir)
                    location = self.derived_dir / "index.sqlite"
                except OSError:
                    location = None  # a read-only journal: index in memory for this run
            self._index = Index(location)
        return self._index

    def refresh(self) -> None:
        index = self._opened_index()
        self._fresh_as_of = lock_count()
        known = index.known()
        changed, removed = changes(self.root, KIND_DIRS.values(), known)
        changed = index.confirm(self.root, changed, known)
        index.update(list(zip(changed, self._parse_all(changed), strict=True)), removed)
        self.problems = [
            CoachlogError(error, path=self.root / path, line=line)
            for path, error, line in index.db.execute(
                "SELECT path, error, error_line FROM files WHERE error IS NOT NULL ORDER BY path"
            )
        ]

    def index_written(self, paths: list[Path]) -> None:
        """Bring the index entries of the record files a change wrote up to date, without a
        walk of the journal: the next command finds them current (their bytes are kept while
        they are racy, so it reads each once and parses nothing)."""
        if self._index is None:
            return  # nothing read the index: the next command's refresh sees the files
        self._fresh_as_of = lock_count()  # what this process wrote, it knows
        folders = tuple(f"{folder}/" for folder in KIND_DIRS.values())
        changed = []
        for path in paths:
            relative = self.relative(path).replace(os.sep, "/")
            if not relative.startswith(folders) or not relative.endswith(".md"):
                continue
            try:
                st = path.stat()  # before the read: a change after it is seen next time
            except OSError:
                continue
            changed.append(FileStat(relative, st.st_size, st.st_mtime_ns))
        if changed:
            parsed = self._parse_all(changed)
            with contextlib.suppress(sqlite3.Error):  # derived: the next refresh does it
                self._index.update(list(zip(changed, parsed, strict=True)), [])

    def _parse_all(self, changed: list[FileStat]) -> list[Parsed]:
        """Parse changed files; many of them (a first run, a big pull) on every core."""
        workers = min(os.cpu_count() or 1, 8)
        if len(changed) < PARALLEL_FROM or workers < 2:
            return [self._parse(st) for st in changed]
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        try:
            context = multiprocessing.get_context("fork")
        except ValueError:  # no fork on this platform: one process it is
            return [self._parse(st) for st in changed]
        size = -(-len(changed) // workers)
        chunks = [changed[i : i + size] for i in range(0, len(changed), size)]
        # this process parses the first share itself while the others parse the rest
        with ProcessPoolExecutor(max_workers=len(chunks) - 1, mp_context=context) as pool:
            rest = pool.map(_parse_chunk, [self.root] * (len(chunks) - 1), chunks[1:])
            first = [self._parse(st) for st in chunks[0]]
            return first + [parsed for part in rest for parsed in part]

    def _parse(self, st: FileStat) -> Parsed:
        from coachlog.model import OneOnOne
        from coachlog.store.reading import read_record_fast
        from coachlog.store.yamlfile import MAX_BYTES

        path = self.root / st.path
        raw = None
        try:
            if st.size <= MAX_BYTES:
                with contextlib.suppress(OSError):
                    raw = path.read_bytes()
            record = read_record_fast(path, raw) if raw is not None else None
            if record is None:
                raw = None  # the careful reader reads the file itself
                record, _ = self.read_record(path)
        except CoachlogError as exc:
            return Parsed(error=exc.message, error_line=exc.line)
        goals: tuple[dict[str, Any], ...] = ()
        if isinstance(record, OneOnOne):
            goals = tuple(g.model_dump(mode="json") for g in record.goals)
        return Parsed(
            kind=record.kind,
            id=record.id,
            rep=record.rep,
            date=record.date.isoformat(),
            created=record.created_key,
            data=record.model_dump_json(),
            goals=goals,
            raw=raw,
        )

    def relative(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)


def _parse_chunk(root: Path, stats: list[FileStat]) -> list[Parsed]:
    journal = Journal(root, use_index=False)
    return [journal._parse(st) for st in stats]


def environment() -> Mapping[str, str]:
    return os.environ


_DAY_PREFIX = re.compile(r"^\d{4}-\d{2}-\d{2}-")


def _named_rep(name: str, handles: list[str]) -> str | None:
    """The rep a record's file name gives (``DATE-REP-SUFFIX.md``), longest handle first."""
    if not _DAY_PREFIX.match(name):
        return None
    rest = name[11:].removesuffix(".md")
    for handle in handles:
        if rest == handle or rest.startswith(handle + "-"):
            return handle
    return None


def _named_day(name: str) -> date | None:
    try:
        return date.fromisoformat(name[:10]) if _DAY_PREFIX.match(name) else None
    except ValueError:
        return None


_REP_LINE = re.compile(rb"^rep:[ \t]*['\"]?([a-z][a-z0-9_-]{0,39})['\"]?[ \t]*(?:#.*)?\r?$", re.M)


def _says_rep(path: Path) -> str | None:
    match = _REP_LINE.search(_head(path))
    return match.group(1).decode("ascii") if match else None


def _head(path: Path) -> bytes:
    """The first bytes of a file, as many as coachlog reads; nothing if it does not open."""
    from coachlog.store.yamlfile import MAX_BYTES

    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_BYTES)
    except OSError:
        return b""
