"""The week ahead: what a manager acts on in the seven days from today (``coachlog digest``).

Pure: open goals, 1:1 records, call reviews, profiles, config and today come in as arguments.

Rules:

- The **week** is today and the six days after it.
- **Overdue**: open goals past their due date (the reps' and the manager's own commitments),
  the longest late first.
- **Due**: open goals due in the week, soonest first.
- **Reps due**: reps with no 1:1 planned from today on whose next 1:1 is due by the week's end
  by the cadence (``core.cadence``): ``cadence_days`` after the last one held, today for a rep
  never met.
- **Planned**: 1:1s planned in the week (``core.cadence``), soonest first.
- **Reviews waiting**: call reviews of the last ``REVIEW_DAYS`` (28) days, dated on or before
  today, that the rep has commented on and the manager not yet (the rep self-coaches first,
  then the manager listens and comments: ``CallReview.commented``), oldest first.
- **Field dates**: the manager's open field-coaching commitments (``focus set
  --field-dates``) due in the week; they are in ``due`` too.

Only structured facts: titles and ids, never a note or a record's body.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from coachlog.core.cadence import NextOneOnOne, next_one_on_one, planned
from coachlog.core.calendar import Period, span
from coachlog.core.goals import GoalState
from coachlog.defaults import FIELD_COACHING_MEASURE
from coachlog.model import CallReview, JournalConfig, Rep

WEEK_DAYS = 7
REVIEW_DAYS = 28


def week_of(today: date) -> Period:
    """Today and the six days after it (at the calendar's end, as many as there are)."""
    end = date.max if (date.max - today).days < WEEK_DAYS - 1 else today + timedelta(WEEK_DAYS - 1)
    return span(today, end)


def reading_start(today: date, config: JournalConfig) -> date:
    """The first day whose 1:1s and reviews the digest needs (each rep's last 1:1 before it
    is read too)."""
    back = max(REVIEW_DAYS, config.cadence_days)
    return date.min if (today - date.min).days < back else today - timedelta(back)


def is_field_date(goal: Any) -> bool:
    """A field-coaching commitment (``focus set --field-dates``): an action goal the manager
    owns, measured in field coaching sessions."""
    return goal.owner == "manager" and goal.measure == FIELD_COACHING_MEASURE


@dataclass(frozen=True)
class Waiting:
    """A call review the rep commented on, waiting for the manager's comments."""

    review: CallReview
    days: int  # since the rep shared it


@dataclass(frozen=True)
class Digest:
    week: Period
    today: date
    team: str
    overdue: tuple[GoalState, ...]
    due: tuple[GoalState, ...]
    reps_due: tuple[tuple[NextOneOnOne, Rep], ...]
    planned: tuple[Any, ...]  # 1:1 records
    reviews_waiting: tuple[Waiting, ...]
    field_dates: tuple[GoalState, ...]


def build_digest(
    goals: Iterable[GoalState],
    one_on_ones: Iterable[Any],
    reviews: Iterable[CallReview],
    profiles: Mapping[str, Rep],
    config: JournalConfig,
    today: date,
) -> Digest:
    """The week ahead from ``today`` for the reps in ``profiles``."""
    week = week_of(today)
    mine = [s for s in goals if s.rep in profiles and s.goal.status == "open"]
    overdue = sorted(
        (s for s in mine if s.goal.due is not None and s.goal.due < today),
        key=lambda s: (s.goal.due, s.rep, s.goal.id),
    )
    due = sorted(
        (s for s in mine if s.goal.due is not None and s.goal.due in week),
        key=lambda s: (s.goal.due, s.rep, s.goal.id),
    )
    by_rep: dict[str, list[Any]] = {handle: [] for handle in profiles}
    for record in one_on_ones:
        if record.rep in by_rep:
            by_rep[record.rep].append(record)
    reps_due = []
    for handle in sorted(profiles):
        found = next_one_on_one(handle, by_rep[handle], config.cadence_days, today)
        if not found.is_planned and found.day <= week.end:
            reps_due.append((found, profiles[handle]))
    reps_due.sort(key=lambda pair: (pair[0].day, pair[0].rep))
    ahead = [r for records in by_rep.values() for r in planned(records, today) if r.date in week]
    waiting = [
        Waiting(r, (today - r.date).days)
        for r in sorted(reviews, key=lambda r: r.sort_key)
        if r.rep in profiles
        and r.date <= today
        and (today - r.date).days <= REVIEW_DAYS
        and "rep" in r.commented
        and "manager" not in r.commented
    ]
    return Digest(
        week,
        today,
        config.team,
        tuple(overdue),
        tuple(due),
        tuple(reps_due),
        tuple(sorted(ahead, key=lambda r: (r.date, r.rep, r.id))),
        tuple(waiting),
        tuple(s for s in due if is_field_date(s.goal)),
    )
