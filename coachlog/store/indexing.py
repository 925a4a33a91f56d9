"""A journal's derived index kept current with its record files: opened on first use (in
memory when ``.coachlog/`` cannot be written), brought up to date with the files on first use
and again on first use after the journal lock was taken (another process may have written),
and updated for the files a change wrote without a walk of the journal.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path

from coachlog.errors import CoachlogError
from coachlog.store.atomic import ensure_derived_dir, lock_count
from coachlog.store.index import FileStat, Index, changes
from coachlog.store.parsing import parse_all
from coachlog.store.records import JournalFiles
from coachlog.vocabulary import KIND_DIRS


class JournalIndex:
    """The index of the journal ``files`` are in, kept in ``derived_dir`` (with
    ``use_index=False``, in memory)."""

    def __init__(self, files: JournalFiles, derived_dir: Path, *, use_index: bool = True) -> None:
        self.files = files
        self.derived_dir = derived_dir
        self.use_index = use_index
        self._index: Index | None = None
        self._fresh_as_of = -1  # lock_count() at the last refresh
        self.notices: list[str] = []  # what the person should hear of (a parse worker lost)

    @property
    def stale(self) -> bool:
        """Not brought up to date yet, or not since the journal lock was last taken."""
        return self._index is None or self._fresh_as_of != lock_count()

    def opened(self) -> Index:
        """The index as it stands, not brought up to date."""
        if self._index is None:
            location = None
            if self.use_index:
                try:
                    ensure_derived_dir(self.derived_dir)
                    location = self.derived_dir / "index.sqlite"
                except OSError as exc:  # a read-only journal: index in memory for this run
                    self._without_index(exc.strerror or str(exc))
            self._index = Index(location)
            if location is not None and self._index.path is None:
                self._without_index(self._index.failure)
        return self._index

    def _without_index(self, reason: str) -> None:
        self.notices.append(
            f"the index in .coachlog/ cannot be written ({reason.lower()}); this command reads "
            "every file instead (.coachlog/ is derived: delete it, or make it writable)"
        )

    def refresh(self) -> list[CoachlogError]:
        """Bring the index up to date with the files; the errors of those that do not read."""
        index = self.opened()
        self._fresh_as_of = lock_count()
        root = self.files.root
        known = index.known()
        changed, removed = changes(root, KIND_DIRS.values(), known)
        changed = index.confirm(root, changed, known)
        parsed = parse_all(self.files, changed, self.notices)
        try:
            index.update(list(zip(changed, parsed, strict=True)), removed)
        except sqlite3.Error as exc:  # read-only, or a full disk: in memory for this command
            self._without_index(str(exc))
            self._index = Index(None)
            return self.refresh()
        return [
            CoachlogError(error, path=root / path, line=line)
            for path, error, line in index.errors()
        ]

    def written(self, paths: list[Path]) -> None:
        """Bring the index entries of the record files a change wrote (or removed) up to date,
        without a walk of the journal: the next command finds them current (their bytes are kept
        while they are racy, so it reads each once and parses nothing)."""
        if self._index is None:
            return  # nothing read the index: the next command's refresh sees the files
        self._fresh_as_of = lock_count()  # what this process wrote, it knows
        folders = tuple(f"{folder}/" for folder in KIND_DIRS.values())
        changed, removed = [], []
        for path in paths:
            relative = self.files.relative(path).replace(os.sep, "/")
            if not relative.startswith(folders) or not relative.endswith(".md"):
                continue
            try:
                st = path.stat()  # before the read: a change after it is seen next time
            except FileNotFoundError:
                removed.append(relative)  # the change removed it (a record moved)
                continue
            except OSError:
                continue
            changed.append(FileStat.of(relative, st))
        if changed or removed:
            parsed = parse_all(self.files, changed) if changed else []
            with contextlib.suppress(sqlite3.Error):  # derived: the next refresh does it
                self._index.update(list(zip(changed, parsed, strict=True)), removed)
