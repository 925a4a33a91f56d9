"""``coachlog rate``: the rep's side of the 1:1, how helpful it was (1-5).

The rating is the ``helpful`` key of that 1:1's front matter, with ``rated``, the day it was
given (a report of a window that ended before then does not count it); a note, if given, goes
beside it as ``helpful_note`` (free text: like every note, it never reaches a report). Only
those lines of the file change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from coachlog.errors import UsageError
from coachlog.model import OneOnOne
from coachlog.ops.newest import newest_one_on_one
from coachlog.store.journal import Journal, check_handle
from coachlog.store.reading import load_checked
from coachlog.store.transaction import transaction
from coachlog.store.yamlfile import Document
from coachlog.vocabulary import SCORE_MAX, SCORE_MIN

NOTE_KEY = "helpful_note"
MAX_NOTE = 2000


@dataclass
class Rating:
    record: OneOnOne
    path: str
    helpful: int
    previous: int | None


def parse_rating(text: str) -> int:
    """A whole number from 1 (not helpful) to 5 (very helpful)."""
    value = text.strip()
    if not re.fullmatch(r"[0-9]+", value) or not SCORE_MIN <= int(value) <= SCORE_MAX:
        raise UsageError(
            f"{text!r} is not a rating; give a whole number from 1 (not helpful) "
            "to 5 (very helpful)",
            field="rating",
        )
    return int(value)


def check_note(note: str | None) -> str | None:
    if note is None:
        return None
    text = note.strip()
    if not text:
        raise UsageError("the note is empty; leave it out, or say something", field="note")
    if len(text) > MAX_NOTE or "\n" in text or "\r" in text:
        raise UsageError(
            f"give the note as one line of at most {MAX_NOTE} characters", field="note"
        )
    return text


def rate_one_on_one(
    journal: Journal,
    rep: str,
    rating: str,
    day: date | None,
    note: str | None,
    today: date,
) -> Rating:
    """Store ``rating`` in ``rep``'s 1:1 on ``day`` (the newest that day), or in the rep's
    newest 1:1 on or before ``today``; a cancelled 1:1 is never rated."""
    check_handle(rep)
    helpful = parse_rating(rating)
    note = check_note(note)
    if day is not None and day > today:
        raise UsageError(f"{day} is after today ({today}); rate a 1:1 once it is held", field="day")
    journal.rep(rep)
    with transaction(journal, "rate", rep) as change:
        field = "day" if day is not None else "rep"
        record = newest_one_on_one(journal, rep, today, to="rate", on=day, field=field)
        path = journal.record_path(record)
        doc, _ = load_checked(OneOnOne, path, what="a record")
        previous = record.helpful
        doc.data["helpful"] = helpful
        set_after(doc, "rated", today, after="helpful")  # a past report counts it from then
        if note is not None:
            set_after(doc, NOTE_KEY, note, after="helpful")
        change.name(record.id)
        rated = change.write_document(doc, OneOnOne)
    return Rating(rated, journal.relative(path), helpful, previous)


def set_after(doc: Document, key: str, value: object, *, after: str) -> None:
    """Set ``key``; a new key goes on the line after ``after``."""
    data = doc.data
    if key in data or after not in data:
        data[key] = value
        return
    position = list(data).index(after) + 1
    data.insert(position, key, value)
