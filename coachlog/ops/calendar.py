"""``coachlog calendar``: read what the coaching calendar needs from the index and compute its
entries (``coachlog.core.feed``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from coachlog.core.digest import reading_start
from coachlog.core.feed import Entry, calendar_entries, sort_key
from coachlog.ops.goals import current_states
from coachlog.ops.report import team_names
from coachlog.store.journal import Journal


def gather_calendar(journal: Journal, today: date, team: str | None = None) -> list[Entry]:
    """Every rep's planned 1:1s and cadence date, field dates and open goals' due dates."""
    profiles = journal.reps()
    since = reading_start(today, journal.config)
    one_on_ones = journal.records("1on1", since=since, last_before=True)
    goals = current_states(journal, None, "open")
    team = journal.config.team if team is None else team
    return calendar_entries(goals, one_on_ones, profiles, journal.config, today, team)


def gather_calendars(journals: Sequence[Journal], today: date) -> tuple[list[str], list[Entry]]:
    """The calendar of one journal, or of several read together (one a team): the teams, and
    every entry by day."""
    if len(journals) == 1:
        return [journals[0].config.team], gather_calendar(journals[0], today)
    teams = team_names(journals)
    entries = [
        e for j, team in zip(journals, teams, strict=True) for e in gather_calendar(j, today, team)
    ]
    return teams, sorted(entries, key=sort_key)
