"""The coaching calendar (``coachlog calendar``): the days a manager puts in a calendar app.

Pure: open goals, 1:1 records, profiles, config and today come in as arguments.

What it holds, one all-day entry each:

- each rep's **next 1:1** (``core.cadence``): every 1:1 planned from today on, or, with none
  planned, the day the cadence makes it due (today, for one already late, saying since when);
- the manager's **field-coaching dates** (open commitments from ``focus set --field-dates``);
- every open goal's **due date** (the reps' goals and the manager's other commitments), late
  ones included, as a calendar shows the past too.

Each entry has a **UID that stays the same from run to run**, so a calendar app subscribed to
the file updates an entry rather than adding a second one: a planned 1:1 by its record id; a
rep's cadence date by the rep (it moves as 1:1s are held); a goal by what tells it from other
goals (its rep and the moment it was set, ``core.goals.entry_keys``), so a new id from
``goals reid`` or a new due date keeps it. Every UID names the team, so two teams' feeds in one
calendar never clash.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any, NamedTuple

from coachlog.core.cadence import next_one_on_one, planned
from coachlog.core.digest import is_field_date
from coachlog.core.goals import GoalState
from coachlog.model import JournalConfig, Rep


class Entry(NamedTuple):
    team: str
    uid: str
    day: date
    kind: str  # 1on1 (planned), 1on1-due, field, goal
    rep: str
    summary: str
    description: str
    ref: str  # the record or goal id, or "" for a cadence date


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.casefold()).strip("-") or "journal"


def uid(kind: str, key: str, team: str) -> str:
    """A UID for ``key`` (a record id, a rep, a goal's key) that every run gives again."""
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:20]
    return f"{kind}-{digest}@{_slug(team)}.coachlog"


def calendar_entries(
    goals: Iterable[GoalState],
    one_on_ones: Iterable[Any],
    profiles: Mapping[str, Rep],
    config: JournalConfig,
    today: date,
    team: str,
) -> list[Entry]:
    """The calendar's entries, by day, then kind, then rep (module doc); ``team`` names the
    journal in each UID and entry."""
    by_rep: dict[str, list[Any]] = {handle: [] for handle in profiles}
    for record in one_on_ones:
        if record.rep in by_rep:
            by_rep[record.rep].append(record)
    entries: list[Entry] = []
    for handle in sorted(profiles):
        name = profiles[handle].name or handle
        ahead = planned(by_rep[handle], today)
        for record in ahead:
            entries.append(
                Entry(
                    team,
                    uid("1on1", record.id, team),
                    record.date,
                    "1on1",
                    handle,
                    f"1:1 with {name}",
                    f"Planned 1:1 with {handle} ({record.minutes} min), record {record.id}.",
                    record.id,
                )
            )
        if ahead:
            continue
        found = next_one_on_one(handle, by_rep[handle], config.cadence_days, today)
        late = found.days_late(today)
        if found.last is None:
            said = f"No 1:1 with {handle} yet."
        else:
            said = f"Last 1:1 with {handle} on {found.last}; every {config.cadence_days} days."
        if late:
            said += f" Due since {found.day}."
        entries.append(
            Entry(
                team,
                uid("1on1-due", handle, team),
                max(found.day, today),
                "1on1-due",
                handle,
                f"1:1 due with {name}" + (f" ({late} day{'s' * (late != 1)} late)" if late else ""),
                said + f" Plan it: 'coachlog new 1on1 --rep {handle} --date DAY'.",
                "",
            )
        )
    for state in goals:
        goal = state.goal
        if state.rep not in profiles or goal.status != "open" or goal.due is None:
            continue
        key = state.key or f"{state.rep}/{goal.id}"
        if is_field_date(goal):
            name = profiles[state.rep].name or state.rep
            entries.append(
                Entry(
                    team,
                    uid("field", key, team),
                    goal.due,
                    "field",
                    state.rep,
                    f"Field coaching with {name}",
                    f"Your commitment {goal.id}: {goal.title}",
                    goal.id,
                )
            )
            continue
        whose = "Your commitment" if goal.owner == "manager" else f"{state.rep}'s goal"
        entries.append(
            Entry(
                team,
                uid("goal", key, team),
                goal.due,
                "goal",
                state.rep,
                f"Due: {goal.title} ({state.rep})",
                f"{whose} {goal.id} ({goal.kind}), set {goal.set}, due {goal.due}.",
                goal.id,
            )
        )
    entries.sort(key=sort_key)
    return entries


ORDER = {"1on1": 0, "1on1-due": 1, "field": 2, "goal": 3}


def sort_key(entry: Entry) -> tuple[date, int, str, str, str]:
    """By day, then kind (1:1s first), team, rep."""
    return (entry.day, ORDER[entry.kind], entry.team, entry.rep, entry.uid)
