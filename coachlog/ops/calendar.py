"""``coachlog calendar``: read what the coaching calendar needs from the index and compute its
entries (``coachlog.core.feed``)."""

from __future__ import annotations

from datetime import date

from coachlog.core.digest import reading_start
from coachlog.core.feed import Entry, calendar_entries
from coachlog.ops.goals import current_states
from coachlog.store.journal import Journal


def gather_calendar(journal: Journal, today: date) -> list[Entry]:
    """Every rep's planned 1:1s and cadence date, field dates and open goals' due dates."""
    profiles = journal.reps()
    since = reading_start(today, journal.config)
    one_on_ones = journal.records("1on1", since=since, last_before=True)
    goals = current_states(journal, None, "open")
    return calendar_entries(goals, one_on_ones, profiles, journal.config, today)
