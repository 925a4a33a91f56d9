"""Records as the person reads them: one found by its id or a unique prefix of it
(``coachlog show``, ``edit``), all of them newest first (``log``), and the lines that hold a
text (``search``).

``read_record`` is the one place a record's text is read for the person at the terminal:
whatever a record needs before it can be read (its private parts) is done there.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coachlog.core.goals import resolve
from coachlog.core.private import Match, find_text, without_private
from coachlog.errors import CoachlogError, NotFoundError, UsageError
from coachlog.ops.privacy import open_private
from coachlog.store.journal import Journal, check_handle
from coachlog.vocabulary import KIND_DIRS, RECORD_KINDS, check_choice

RECORD_HINT = "a record's id is its file name without .md; 'coachlog log' lists them"


def find_record(journal: Journal, prefix: str, field: str = "record_id") -> Path:
    """The file of the record whose id is ``prefix`` or starts with it. A record that does not
    read is found too (by its file name), so it can be shown and mended."""
    wanted = prefix.strip().lower()
    candidates = journal.record_ids(None, wanted) if wanted else {}
    folders = {journal.root / folder for folder in KIND_DIRS.values()}
    for problem in journal.problems:
        path = problem.path
        if (
            path is not None
            and path.suffix == ".md"
            and path.parent.parent in folders
            and path.stem.startswith(wanted)
        ):
            candidates.setdefault(path.stem, path)
    try:
        found = resolve(prefix, candidates, what="record")
    except CoachlogError as exc:
        exc.field = field
        if isinstance(exc, NotFoundError):
            exc.hint = exc.hint or RECORD_HINT
        raise
    return candidates[found]


@dataclass(frozen=True)
class RecordText:
    """A record's file and its text as the person reads it."""

    id: str
    path: Path
    relative: str
    text: str


def read_record(journal: Journal, prefix: str, *, private: bool = True) -> RecordText:
    """The record ``prefix`` names, its text as it is on disk (without ``private``: its
    Private section and ``private:`` fields left out)."""
    path = find_record(journal, prefix)
    linked = journal.files.outside(path)
    if linked is not None:
        raise linked
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise CoachlogError(f"not UTF-8 text (byte {exc.start})", path=path) from None
    except OSError as exc:
        raise CoachlogError(f"cannot be read: {exc.strerror}", path=path) from None
    if private:
        text, why = open_private(path, text)  # in clear where the reader's key opens it
        if why:
            journal.notices.append(f"{journal.relative(path)}: {why}")
    else:
        text = without_private(text)
    return RecordText(path.stem, path, journal.relative(path), text)


# --- the log ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LogEntry:
    id: str
    kind: str
    rep: str
    date: date
    status: str
    path: str  # relative to the journal


def record_status(kind: str, data: dict, day: date, today: date) -> str:
    """Where a record stands: a topic ``raised`` (or ``dropped``), ``planned`` (dated after
    today), a call review ``to score`` until every criterion it lists is scored, else
    ``held``."""
    if kind == "topic":
        return str(data.get("status") or "raised")
    if kind == "plan":
        return "kept"
    if day > today:
        return "planned"
    if kind == "review":
        scores = data.get("scores") or {}
        if not scores or any(v is None for v in scores.values()):
            return "to score"
        return "scored"
    return "held"


def record_log(
    journal: Journal,
    today: date,
    rep: str | None = None,
    kind: str | None = None,
    since: date | None = None,
) -> list[LogEntry]:
    """Every record that reads (of ``rep``, of ``kind``, dated ``since`` or later), newest
    first."""
    if rep is not None:
        journal.rep(check_handle(rep))  # an unknown rep is an error, not an empty log
    if kind is not None:
        check_choice(kind, RECORD_KINDS, "kind", "a record kind")
    entries = []
    for path, kind_, record_id, rep_, day, data in journal.record_log(kind, rep, since):
        when = date.fromisoformat(day)
        status = record_status(kind_, json.loads(data), when, today)
        entries.append(LogEntry(record_id, kind_, rep_, when, status, journal.relative(path)))
    return entries


# --- search -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    path: str  # relative to the journal
    line: int
    text: str


def search(
    journal: Journal, text: str, rep: str | None = None, *, private: bool = False
) -> list[Found]:
    """Every line of the journal's records and rep profiles that holds ``text`` (case does not
    matter), by file and line; Private sections and ``private:`` fields left out unless
    ``private``. With ``rep``, that rep's records and profile only."""
    if not text.strip():
        raise UsageError("give a text to look for", field="text")
    if rep is not None:
        journal.rep(check_handle(rep))
        files = [(journal.rep_path(rep), False)]
        files += [(path, True) for path, *_ in reversed(journal.record_log(rep=rep))]
    else:
        handles = journal.rep_handles() + journal.archived_handles()
        files = [(journal.rep_path(handle), False) for handle in handles]
        files += [(path, True) for path in journal.record_paths()]
    found: list[Found] = []
    for path, fenced in files:
        if journal.files.outside(path) is not None:
            continue  # a link out of the journal is not part of it
        try:
            content = path.read_bytes().decode("utf-8", errors="replace")
        except OSError:
            continue  # gone since the walk, or unreadable: check names it
        matches: list[Match] = find_text(content, text, fenced=fenced, private=private)
        relative = journal.relative(path)
        found += [Found(relative, m.line, m.text) for m in matches]
    return found


# --- move -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Moved:
    old_id: str
    new_id: str
    old_path: Path
    path: Path


def move_record(journal: Journal, prefix: str, day: date) -> Moved:
    """Move the record ``prefix`` names to ``day``, in one transaction: its file name and id
    (the day they start with), its ``date:``, the day in its heading, and the ids other records
    hold of it (a 1:1's shared call reviews). Goals and their history are left as they are."""
    from coachlog.model import RECORD_MODELS
    from coachlog.store.transaction import transaction

    with transaction(journal, "move") as change:
        path = find_record(journal, prefix)
        record, doc = journal.read_record(path)  # one that does not read is not moved
        old_day, new_day = record.date.isoformat(), day.isoformat()
        if day == record.date:
            raise UsageError(f"{record.id} is already on {new_day}", field="date")
        if not record.id.startswith(old_day + "-"):
            raise CoachlogError(
                f"its id {record.id!r} does not start with its day {old_day}; rename it by hand",
                path=path,
            )
        new_id = new_day + record.id[len(old_day) :]
        target = journal.root / KIND_DIRS[record.kind] / f"{day.year:04d}" / f"{new_id}.md"
        if target.exists():
            raise CoachlogError("a record of that name exists already", path=target)
        change.name(record.rep, new_id)
        doc.data["id"] = new_id
        doc.data["date"] = day
        doc.body = _heading_moved(doc.body, old_day, new_day)
        doc.path = target
        change.write_document(doc, RECORD_MODELS[record.kind], new=True)
        change.remove(path)
        if record.kind == "review":
            _references_moved(journal, change, record.rep, record.id, new_id)
    return Moved(record.id, new_id, path, target)


def _heading_moved(body: str, old_day: str, new_day: str) -> str:
    """``body`` with the day in its first heading (``# 1:1 with Alice, 2026-11-24``) moved."""
    lines = body.split("\n")
    for i, line in enumerate(lines):
        if line.startswith("# "):
            lines[i] = line.replace(old_day, new_day)
            break
    return "\n".join(lines)


def _references_moved(journal: Journal, change, rep: str, old_id: str, new_id: str) -> None:  # type: ignore[no-untyped-def]
    """The rep's 1:1s that list the review ``old_id`` as shared list ``new_id`` instead."""
    from coachlog.model import OneOnOne
    from coachlog.store.yamlfile import Document

    for path, *_ in journal.record_log("1on1", rep):
        doc = Document.load(path)
        reviews = doc.data.get("reviews")
        if isinstance(reviews, list) and old_id in reviews:
            reviews[reviews.index(old_id)] = new_id
            change.write_document(doc, OneOnOne)
