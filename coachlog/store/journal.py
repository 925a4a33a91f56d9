"""The journal on disk, as one object: ``Journal`` puts together where its files are and
reading them (``store.records``), its config (``store.discovery``), its derived index kept
current (``store.indexing``, ``store.index``) and whose a file that does not read may be
(``store.problems``). It owns reading records and goals back from the index as models.

Layout of a journal::

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

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coachlog.core.goals import GoalEntry, RecordRef
from coachlog.errors import CoachlogError
from coachlog.store.atomic import holding_lock
from coachlog.store.discovery import CONFIG_NAME, DERIVED_DIR, ConfigFile, find_journal
from coachlog.store.index import GoalRow, Index, kind_of
from coachlog.store.indexing import JournalIndex
from coachlog.store.records import JournalFiles, check_handle

if TYPE_CHECKING:
    from coachlog.core.checks import Finding
    from coachlog.model import Goal, JournalConfig, OneOnOne, Plan, Record, Rep
    from coachlog.store.yamlfile import Document

__all__ = [
    "CONFIG_NAME",
    "DERIVED_DIR",
    "GoalRow",
    "Journal",
    "check_handle",
    "find_journal",
]


class Journal:
    """One journal folder. Reads lazily; writes go through ``store.transaction.transaction``,
    atomically."""

    def __init__(self, root: Path, *, use_index: bool = True) -> None:
        self.root = root
        self.use_index = use_index
        self.files = JournalFiles(root)
        self._config = ConfigFile(root)
        self._indexed = JournalIndex(self.files, self.derived_dir, use_index=use_index)
        self.problems: list[CoachlogError] = []  # files skipped because they do not read
        self._skipped_profiles: list[CoachlogError] = []
        # what the person should hear of: a commit not made, a parse worker lost
        self.notices: list[str] = self._indexed.notices

    # --- config ----------------------------------------------------------------------------------

    @property
    def config_path(self) -> Path:
        return self._config.path

    @property
    def config(self) -> JournalConfig:
        return self._config.read()

    def check_config(self) -> None:
        """Refuse to go on while coachlog.yaml does not read (``ConfigFile.check``)."""
        self._config.check(self._indexed.opened)

    @property
    def derived_dir(self) -> Path:
        return self.root / DERIVED_DIR

    # --- files -----------------------------------------------------------------------------------

    def rep_path(self, handle: str) -> Path:
        return self.files.rep_path(handle)

    def rep_handles(self) -> list[str]:
        return self.files.rep_handles()

    def archived_handles(self) -> list[str]:
        return self.files.archived_handles()

    def rep_document(self, handle: str) -> Document:
        return self.files.rep_document(handle)

    def rep(self, handle: str) -> Rep:
        return self.files.rep(handle)

    def reps(self, *, archived: bool = False) -> dict[str, Rep]:
        """Every rep profile that reads, by handle (with ``archived``, archived reps too). One
        that does not is skipped, and its error joins ``problems`` (a command about everyone
        goes on past it, with a warning; a command about that rep, or ``check``, still
        refuses)."""
        found: dict[str, Rep] = {}
        handles = self.rep_handles() + (self.archived_handles() if archived else [])
        for handle in handles:
            try:
                found[handle] = self.rep(handle)
            except CoachlogError as exc:
                if exc.path is None:
                    raise
                if all(p.path != exc.path for p in self._skipped_profiles):  # asked again
                    self._skipped_profiles.append(exc)
                    self.problems.append(exc)
        return found

    def record_paths(self, kind: str | None = None) -> Iterator[Path]:
        return self.files.record_paths(kind)

    def new_record_path(self, kind: str, day: date, rep: str, words: str = "") -> Path:
        return self.files.new_record_path(kind, day, rep, words)

    def record_path(self, record: Record | RecordRef) -> Path:
        return self.files.record_path(record)

    def read_record(self, path: Path) -> tuple[Record, Document]:
        return self.files.read_record(path)

    def relative(self, path: Path) -> str:
        return self.files.relative(path)

    # --- records and goals, from the index -------------------------------------------------------

    def records(
        self,
        kind: str,
        rep: str | None = None,
        since: date | None = None,
        until: date | None = None,
        *,
        last_before: bool = False,
        goals: bool = True,
    ) -> list[Any]:
        """Every readable record of ``kind`` (for ``rep``, dated within ``since``..``until``),
        oldest first by day, creation time and id; with ``last_before``, also each rep's newest
        record before ``since``. Without ``goals``, a 1:1's ``goals`` are left empty (cheaper,
        for a reader that takes goals from ``current_goals``). Files that do not read are
        skipped and listed in ``problems``."""
        from coachlog.model import RECORD_MODELS

        model = RECORD_MODELS[kind]
        index = self.index()
        if rep is not None and kind == "1on1" and holding_lock():
            self.require_readable(kind, rep)
        found = []
        rows = index.records(kind, rep, since, until, last_before=last_before, goals=goals)
        validate = model.model_validate_json
        for _path, _day, created, record_id, data in rows:
            record = validate(data)
            record.known_sort_key((record.date, created, record_id))
            found.append(record)
        self.files.remember_all((row[3], row[0]) for row in rows)
        return found

    def record_ids(self, kind: str | None, prefix: str = "") -> dict[str, Path]:
        """Ids of the readable records of ``kind`` (None: any) that start with ``prefix``, with
        their files (for resolving a record id typed as a prefix)."""
        return {
            record_id: self.root / path for record_id, path in self.index().record_ids(kind, prefix)
        }

    def record_log(
        self, kind: str | None = None, rep: str | None = None, since: date | None = None
    ) -> list[tuple[Path, str, str, str, str, str]]:
        """Every readable record (of ``kind``, of ``rep``, dated ``since`` or later), newest
        first: its file, kind, id, rep, day (ISO) and data (JSON)."""
        return [
            (self.root / path, kind_, id_, rep_, day, data)
            for path, kind_, id_, rep_, day, data in self.index().record_log(kind, rep, since)
        ]

    def goals_named(self, goal_id: str) -> list[GoalRow]:
        """The goals (any status) that have exactly this id: one, or several when it clashes."""
        return self._placed(self.index().goals_named(goal_id))

    def current_goals(
        self,
        rep: str | None = None,
        status: str | tuple[str, ...] | None = "open",
        touching: date | None = None,
        history_after: date | None = None,
    ) -> list[GoalRow]:
        """Each goal as its history gives it, read from the index alone (no record is loaded,
        no model built): those of ``rep``, of ``status`` (one or several; ``None``: any), and
        with ``touching``, only those that were open on that day or later, or were set, first
        written or closed on it or later (what a report from that day on can count). With
        ``history_after``, a goal whose events were all made by that day comes without them
        (enough for its state as of that day or later)."""
        return self._placed(self.index().current_goals(rep, status, touching, history_after))

    def renamed(self, old_id: str) -> list[GoalRow]:
        """The goals that had ``old_id`` before a ``goals reid`` (their history says so)."""
        return self._placed(self.index().renamed(old_id))

    def _placed(self, rows: list[tuple[str, GoalRow]]) -> list[GoalRow]:
        """The goal rows, each 1:1's file remembered for ``record_path``."""
        for path, row in rows:
            self.files.remember(row.record.id, path, replace=False)
        return [row for _, row in rows]

    # --- what check keeps in the index (``ops.check``) ---------------------------------------

    def record_rows(self) -> list[tuple[str, str, str, str, date]]:
        """The path (in the journal, with ``/``), kind, id, rep and day of every record that
        reads."""
        day_of = date.fromisoformat
        return [
            (path, kind, record_id, rep, day_of(day))
            for path, kind, record_id, rep, day in self.index().record_rows()
        ]

    def unchecked(self) -> list[Path]:
        """The records holding goals (1:1s, action plans) whose own findings the index does
        not keep yet."""
        return [self.root / path for path in self.index().unchecked()]

    def records_at(self, paths: list[Path]) -> list[tuple[Path, OneOnOne | Plan]]:
        """These records holding goals, each with its file, in the order given (one that no
        longer reads is left out)."""
        return self._models(self.index().records_at([self.relative(p) for p in paths]))

    def clashing(self) -> list[tuple[Path, OneOnOne | Plan]]:
        """The records that hold a goal id naming two goals, each with its file."""
        return self._models(self.index().clashing())

    def _models(self, rows: list[tuple[str, str, str]]) -> list[tuple[Path, Any]]:
        """Records from (path, kind, JSON) rows, each read as the kind it says it is (wherever
        it is filed: ``check`` names one in the wrong folder)."""
        from coachlog.model import RECORD_MODELS

        return [
            (self.root / path, RECORD_MODELS[kind].model_validate_json(data))
            for path, kind, data in rows
        ]

    def unchecked_goals(self) -> list[str]:
        """The goals whose findings across their records the index does not keep yet."""
        return self.index().unchecked_goals()

    def goal_entries(
        self, keys: list[str]
    ) -> dict[str, list[tuple[Path, int, RecordRef, GoalEntry]]]:
        """Each of these goals' entries, oldest first, with file, place in the list, record and
        entry."""
        return {
            key: [
                (
                    self.root / path,
                    ord_,
                    RecordRef(kind_of(path), record_id, rep, date.fromisoformat(day), created),
                    GoalEntry.from_json(json.loads(data)),
                )
                for path, ord_, rep, record_id, day, created, data in rows
            ]
            for key, rows in self.index().goal_entries(keys).items()
        }

    def keep_findings(
        self, paths: list[Path], keys: list[str], found: list[tuple[Path, str | None, Finding]]
    ) -> None:
        """Keep what a check found in the 1:1s ``paths`` and the goals ``keys``: each finding
        with its file and, for one across a goal's records, the goal's key."""
        self.index().keep_findings(
            [self.relative(p) for p in paths],
            keys,
            [
                (self.relative(path), key, json.dumps(f.loc), f.severity, f.message)
                for path, key, f in found
            ],
        )

    def kept_findings(self) -> list[tuple[Path, tuple[Any, ...], str, str]]:
        """Every finding the index keeps: file, key path, severity and message."""
        return [
            (self.root / path, tuple(json.loads(loc)), severity, message)
            for path, loc, severity, message in self.index().findings()
        ]

    def placed_open_goals(self) -> list[tuple[Path, GoalRow, int]]:
        """Each open goal with the file of the newest 1:1 holding it and its place in that
        1:1's list."""
        return [(self.root / p, row, n) for p, row, n in self.index().placed_open_goals()]

    def held_by(self, manager: str) -> bool:
        """Whether some 1:1 was held by ``manager`` (named in its ``manager:``)."""
        return self.index().held_by(manager)

    def goal_ids(self) -> list[str]:
        """Every goal id in a record that reads."""
        return self.index().goal_ids()

    def goal_history(self, key: str) -> list[tuple[OneOnOne, Goal]]:
        """Every record that holds the goal ``key`` names (``core.goals.entry_keys``), oldest
        first, with the goal's entry there (a 1:1, or an action plan: ``model.Plan``)."""
        rows = self.index().goal_history(key)
        found = []
        for (path, record), (_, ord_, _, _) in zip(
            self._models([(p, kind, data) for p, _, kind, data in rows]), rows, strict=True
        ):
            self.files.remember(record.id, path)
            found.append((record, record.goals[ord_]))
        return found

    # --- files that do not read (store.problems: imported when asked) ----------------------------

    def unreadable(self, kind: str, rep: str, since: date | None = None) -> list[CoachlogError]:
        """The problems of ``kind`` files that do not read and may be ``rep``'s
        (``problems.unreadable``)."""
        from coachlog.store import problems  # not imported by a read from the index

        self.index()
        return problems.unreadable(self.problems, self.files, kind, rep, since)

    def require_readable(self, kind: str, rep: str, since: date | None = None) -> None:
        """Refuse to go on while one of ``rep``'s ``kind`` records (dated ``since`` or later)
        does not read: what is about to be written would be judged without it."""
        from coachlog.store import problems  # not imported by a read from the index

        self.index()
        problems.require_readable(self.problems, self.files, kind, rep, since)

    def holding(self, kind: str, text: str) -> list[CoachlogError]:
        """The problems of ``kind`` files that do not read and hold ``text`` as an ``id:``."""
        from coachlog.store import problems  # not imported by a read from the index

        self.index()
        return problems.holding(self.problems, self.files, kind, text)

    # --- the index -------------------------------------------------------------------------------

    def index(self) -> Index:
        """The derived index, brought up to date with the files on first use, and again on
        first use after the journal lock was taken (another process may have written)."""
        if self._indexed.stale:
            self.refresh()
        return self._indexed.opened()

    def refresh(self) -> None:
        self.problems = [*self._indexed.refresh(), *self._skipped_profiles]

    def index_written(self, paths: list[Path]) -> None:
        """Bring the index entries of the record files a change wrote up to date, without a
        walk of the journal (``JournalIndex.written``)."""
        self._indexed.written(paths)
