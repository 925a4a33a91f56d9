"""Where each file of a journal lives, and reading one: the folder of each record kind
(``KIND_DIRS``), rep profiles (``reps/HANDLE.yaml``), record files
(``FOLDER/YEAR/DATE-REP-WORDS-SUFFIX.md``) and new names no clone will pick too, and a record
read from its file and checked against its name.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from coachlog.core.goals import RecordRef
from coachlog.errors import CoachlogError, NotFoundError, shown
from coachlog.vocabulary import HANDLE_RE, KIND_DIRS, RECORD_KINDS, handle_problem, one_of

if TYPE_CHECKING:
    from coachlog.model import Record, Rep
    from coachlog.store.yamlfile import Document

ARCHIVED = "archived"  # reps/archived/: the profiles of reps archived
SUFFIX_ALPHABET = "0123456789abcdefghijkmnpqrstuvwxyz"  # no l or o: easy to read aloud


def check_handle(handle: str, field: str = "rep") -> str:
    problem = handle_problem(handle)
    if problem is not None:
        raise CoachlogError(f"{shown(handle)} is not a rep handle: {problem}", field=field)
    return handle


def new_suffix(length: int = 4) -> str:
    import secrets  # hmac and hashlib behind it: only for a command that names a file

    return "".join(secrets.choice(SUFFIX_ALPHABET) for _ in range(length))


def slug(text: str, limit: int = 40) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return words[:limit].rstrip("-")


class JournalFiles:
    """The files of one journal folder, and the file of each record id met so far."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._paths: dict[str, Path | str] = {}  # record id -> its file (str: journal-relative)

    def remember(self, record_id: str, path: Path | str, *, replace: bool = True) -> None:
        """``record_id`` lives in ``path`` (a ``str``: relative to the journal); without
        ``replace``, only if no file is known for it yet."""
        if replace:
            self._paths[record_id] = path
        else:
            self._paths.setdefault(record_id, path)

    def remember_all(self, found: Iterable[tuple[str, Path | str]]) -> None:
        """Each record id of ``found`` lives in its path (as ``remember``)."""
        self._paths.update(found)

    def relative(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    # --- reps ------------------------------------------------------------------------------------

    def rep_path(self, handle: str) -> Path:
        """The rep's profile: ``reps/HANDLE.yaml``, or ``reps/archived/HANDLE.yaml`` for a rep
        archived (and only there)."""
        path = self.root / "reps" / f"{handle}.yaml"
        if not path.exists():
            archived = self.archived_path(handle)
            if archived.exists():
                return archived
        return path

    def archived_path(self, handle: str) -> Path:
        return self.root / "reps" / ARCHIVED / f"{handle}.yaml"

    def rep_handles(self) -> list[str]:
        """The reps of the team now (archived ones left out), by handle."""
        return self._handles(self.root / "reps")

    def archived_handles(self) -> list[str]:
        """The reps archived: their history is kept, they are left out of reports and lists."""
        return self._handles(self.root / "reps" / ARCHIVED)

    @staticmethod
    def _handles(folder: Path) -> list[str]:
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("*.yaml") if HANDLE_RE.match(p.stem))

    def rep_document(self, handle: str) -> Document:
        check_handle(handle)
        path = self.rep_path(handle)
        if not path.is_file():
            raise NotFoundError(f"unknown rep {handle!r}", field="rep", hint=self._rep_hint(handle))
        from coachlog.store.yamlfile import Document

        return Document.load(path, fenced=False)

    def _rep_hint(self, handle: str) -> str:
        """What to do about an unknown rep: the near miss ("did you mean alice?"), else the
        known reps and how to add one."""
        import difflib

        known = self.rep_handles()
        close = difflib.get_close_matches(handle, known, n=1, cutoff=0.6)
        if close:
            return f"did you mean {close[0]}?"
        listed = f"known reps: {', '.join(known)}" if known else "no reps yet"
        return f"{listed}; add one with 'coachlog reps add {handle}'"

    def rep(self, handle: str) -> Rep:
        path = self.rep_path(check_handle(handle))
        if not path.is_file():
            self.rep_document(handle)  # raises the unknown-rep error with its hint
        from coachlog.model import Rep
        from coachlog.store.reading import read_model

        return read_model(Rep, path, what="a rep profile")

    # --- records ---------------------------------------------------------------------------------

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

    def outside(self, path: Path) -> CoachlogError | None:
        """The error of a record file that is a link to a file outside the journal: not read
        (what it says is not in the journal's history), and never written through."""
        if not path.is_symlink():
            return None
        target = path.resolve()
        if target.is_relative_to(self.root.resolve()):
            return None
        return CoachlogError(
            f"a link to {target}, outside the journal: not read",
            path=path,
            hint="put the file itself in the journal, or remove the link",
        )

    def read_record(self, path: Path) -> tuple[Record, Document]:
        from coachlog.model import RECORD_MODELS
        from coachlog.store.reading import validate
        from coachlog.store.yamlfile import Document

        linked = self.outside(path)
        if linked is not None:
            raise linked
        doc = Document.load(path)
        kind = doc.data.get("kind")
        model = RECORD_MODELS.get(kind) if isinstance(kind, str) else None
        if model is None:
            raise CoachlogError(
                f"unknown record kind {kind!r} (one of {one_of(RECORD_KINDS)})",
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
