"""When each rep's next 1:1 is: the 1:1s planned ahead, else the cadence from the last one.

Pure: 1:1 records, the cadence and today come in as arguments.

Rules:

- A 1:1 counts as **held** as reports count it (``OneOnOne.status_on``): dated on or before
  today and not cancelled.
- A 1:1 is **planned** when it is dated after today and not cancelled (``new 1on1`` writes a
  1:1 ahead of time as ``planned``), or dated today with ``status: planned`` (it is still to
  come today). A cancelled one is neither.
- A rep's **next 1:1** is the earliest planned 1:1 dated today or later; with none planned, it
  is **due** ``cadence_days`` after the last held one (today for a rep never met), and is
  overdue when that day is before today.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from coachlog.model import OneOnOne


def held(records: Iterable[OneOnOne], today: date) -> list[OneOnOne]:
    """The 1:1s held on or before today, oldest first."""
    found = [r for r in records if r.status_on(today) == "held"]
    return sorted(found, key=lambda r: r.sort_key)


def is_planned(record: OneOnOne, today: date) -> bool:
    if record.status == "cancelled" or record.date < today:
        return False
    return record.date > today or record.status == "planned"


def planned(records: Iterable[OneOnOne], today: date) -> list[OneOnOne]:
    """The 1:1s planned for today or later, soonest first."""
    found = [r for r in records if is_planned(r, today)]
    return sorted(found, key=lambda r: r.sort_key)


@dataclass(frozen=True)
class NextOneOnOne:
    """A rep's next 1:1: a planned record, or the day the cadence says it is due."""

    rep: str
    day: date
    last: date | None  # the last 1:1 held
    record: Any = None  # the planned 1:1, if one is

    @property
    def is_planned(self) -> bool:
        return self.record is not None

    def days_late(self, today: date) -> int:
        """Days past due (0 when not yet due, or planned)."""
        return 0 if self.is_planned else max((today - self.day).days, 0)


def next_one_on_one(
    rep: str, records: Sequence[OneOnOne], cadence_days: int, today: date
) -> NextOneOnOne:
    """``rep``'s next 1:1 from their 1:1 records (module doc)."""
    ahead = planned(records, today)
    done = held(records, today)
    last = done[-1].date if done else None
    if ahead:
        return NextOneOnOne(rep, ahead[0].date, last, ahead[0])
    if last is None:
        return NextOneOnOne(rep, today, None)
    try:
        due = last + timedelta(days=cadence_days)
    except OverflowError:  # the calendar's last days
        due = date.max
    return NextOneOnOne(rep, due, last)
