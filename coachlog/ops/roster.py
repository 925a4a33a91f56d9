"""Who is on the team: ``coachlog reps rename`` and ``reps archive``.

A rename is one transaction over every file that names the rep: the profile, each record's
file name, ``id:`` and ``rep:``, and the ids other records hold of them (a 1:1's shared call
reviews). An archived rep's profile moves to ``reps/archived/``: their records stay as they
are, and they are left out of reports, ``goals open``, ``reps list`` and completion
(``reps list --all`` shows them).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from coachlog.errors import CoachlogError, UsageError
from coachlog.model import RECORD_MODELS, Rep
from coachlog.store.journal import Journal, check_handle
from coachlog.store.reading import validate
from coachlog.store.transaction import Transaction, transaction
from coachlog.store.yamlfile import Document
from coachlog.vocabulary import KIND_DIRS


@dataclass(frozen=True)
class Renamed:
    old: str
    new: str
    profile: Path
    records: int  # how many record files were renamed


def rename_rep(journal: Journal, old: str, new: str) -> Renamed:
    """Rename the rep ``old`` to ``new`` everywhere, in one transaction."""
    check_handle(old, field="old")
    check_handle(new, field="new")
    if old == new:
        raise UsageError(f"{old!r} is already the rep's handle", field="new")
    with transaction(journal, "reps rename", old, new) as change:
        profile = journal.rep_path(old)
        try:
            doc = journal.rep_document(old)
        except CoachlogError as exc:
            exc.field = "old" if exc.field == "rep" else exc.field
            raise
        validate(Rep, doc, what="a rep profile")  # never move a profile that does not read
        target = profile.parent / f"{new}.yaml"
        if journal.files.rep_path(new).exists() or target.exists():
            raise UsageError(f"rep {new!r} exists already", field="new")
        for kind in KIND_DIRS:  # one of old's records that does not read would be left behind
            journal.require_readable(kind, old)
        change.write(target, doc.render(), new=True)
        change.remove(profile)
        moved = _rename_records(journal, change, old, new)
    return Renamed(old, new, target, moved)


def _rename_records(journal: Journal, change: Transaction, old: str, new: str) -> int:
    renamed: dict[str, str] = {}  # old id -> new id
    docs: list[tuple[Path, Document, str]] = []
    for path, kind, record_id, _rep, day, _data in journal.record_log(rep=old):
        doc = Document.load(path)
        prefix = f"{day}-{old}-"
        new_id = (
            f"{day}-{new}-{record_id[len(prefix) :]}" if record_id.startswith(prefix) else record_id
        )
        renamed[record_id] = new_id
        docs.append((path, doc, kind))
    for path, doc, kind in docs:
        record_id = str(doc.data["id"])
        doc.data["rep"] = new
        doc.data["id"] = renamed[record_id]
        reviews = doc.data.get("reviews")
        if isinstance(reviews, list):
            for i, review in enumerate(reviews):
                if review in renamed:
                    reviews[i] = renamed[review]
        doc.path = path.with_name(f"{renamed[record_id]}.md")
        if doc.path != path:
            change.write_document(doc, RECORD_MODELS[kind], new=True)
            change.remove(path)
        else:
            change.write_document(doc, RECORD_MODELS[kind])
    return len(docs)


@dataclass(frozen=True)
class Archived:
    rep: str
    profile: Path
    archived: bool  # True: archived now; False: back on the team


def archive_rep(journal: Journal, handle: str, *, undo: bool = False) -> Archived:
    """Move the rep's profile to ``reps/archived/`` (with ``undo``, back to ``reps/``)."""
    check_handle(handle, field="handle")
    with transaction(journal, "reps unarchive" if undo else "reps archive", handle) as change:
        active = journal.root / "reps" / f"{handle}.yaml"
        archived = journal.files.archived_path(handle)
        source, target = (archived, active) if undo else (active, archived)
        if not source.exists():
            if target.exists():
                state = "on the team" if undo else "archived"
                raise UsageError(f"{handle} is {state} already", field="handle")
            try:
                journal.rep_document(handle)  # the unknown-rep error, with its hint
            except CoachlogError as exc:
                exc.field = "handle"
                raise
        doc = Document.load(source, fenced=False)
        validate(Rep, doc, what="a rep profile")
        change.write(target, doc.render(), new=True)
        change.remove(source)
    return Archived(handle, target, not undo)
