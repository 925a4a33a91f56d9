"""What became of a 1:1: ``coachlog held ID [--minutes N]`` and ``coachlog cancel ID [--note T]``.

A 1:1 dated after today is written ``planned`` (``core.scaffold``); these two commands record
what happened. Only the ``status:`` line changes (added after ``minutes:`` in a file that has
none), with ``held_minutes:`` for the minutes a held 1:1 took, or ``cancel_note:`` for why it
was cancelled (free text: like every note it never reaches a report). Reports count a 1:1 only
once its day has come and when it is not cancelled (``model.OneOnOne.counts_on``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coachlog.errors import UsageError
from coachlog.model import OneOnOne
from coachlog.ops.rate import check_note, set_after
from coachlog.ops.reviews import find_record
from coachlog.store.journal import Journal
from coachlog.store.reading import load_checked
from coachlog.store.transaction import transaction
from coachlog.store.yamlfile import Document

CANCEL_NOTE_KEY = "cancel_note"
HINT = "a 1:1's id is its file name under 1on1/, without .md"


@dataclass
class StatusChange:
    record: OneOnOne
    path: str
    was: str  # the status it had, as read on today


def find_one_on_one(journal: Journal, prefix: str) -> tuple[str, Path]:
    return find_record(journal, "1on1", prefix, field="record_id", hint=HINT)


def check_held_minutes(minutes: int | None) -> int | None:
    if minutes is not None and not 0 < minutes <= 1440:
        raise UsageError(f"must be 1 to 1440 minutes, not {minutes}", field="minutes")
    return minutes


def held(journal: Journal, prefix: str, minutes: int | None, today: date) -> StatusChange:
    """Record that the 1:1 ``prefix`` names was held (it took ``minutes``, when given)."""
    minutes = check_held_minutes(minutes)

    def change(doc: Document, record: OneOnOne) -> None:
        if record.date > today:
            raise UsageError(
                f"the 1:1 {record.id} is dated {record.date}, after today ({today}); "
                "record it as held on its day",
                field="record_id",
            )
        doc.data["status"] = "held"
        if minutes is not None:
            set_after(doc, "held_minutes", minutes, after="status")

    return _set_status(journal, prefix, "held", today, change)


def cancel(journal: Journal, prefix: str, note: str | None, today: date) -> StatusChange:
    """Record that the 1:1 ``prefix`` names was cancelled (``note``: why, kept in the file)."""
    note = check_note(note)

    def change(doc: Document, record: OneOnOne) -> None:
        doc.data["status"] = "cancelled"
        if note is not None:
            set_after(doc, CANCEL_NOTE_KEY, note, after="status")

    return _set_status(journal, prefix, "cancel", today, change)


def _set_status(
    journal: Journal,
    prefix: str,
    action: str,
    today: date,
    change: Callable[[Document, OneOnOne], None],
) -> StatusChange:
    with transaction(journal, action) as tx:
        _, path = find_one_on_one(journal, prefix)
        doc, record = load_checked(OneOnOne, path, what="a record")
        tx.name(record.id)
        was = record.status_on(today)
        if "status" not in doc.data:
            set_after(doc, "status", was, after="minutes")
        change(doc, record)
        written = tx.write_document(doc, OneOnOne)
    return StatusChange(written, journal.relative(path), was)
