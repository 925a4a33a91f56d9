"""Coaching goals across records: current state, roll-forward, and the method's guard rails.

A goal lives in the 1:1 where it was set and is carried, with the same id, into each later 1:1
of the rep while it is open. Its current state is its entry in the newest record that holds it:
latest day, then latest creation time, then record id.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from coachlog.model import Goal, OneOnOne


@dataclass(frozen=True)
class GoalState:
    """A goal as it stands now, with the record that says so and every record that held it."""

    goal: Goal
    rep: str
    record: OneOnOne
    history: tuple[tuple[OneOnOne, Goal], ...]

    def overdue(self, today: date) -> bool:
        return self.goal.status == "open" and self.goal.due is not None and self.goal.due < today


def goal_states(records: Iterable[OneOnOne]) -> dict[str, GoalState]:
    """Every goal's current state, keyed by id, from 1:1 records in any order."""
    history: dict[str, list[tuple[OneOnOne, Goal]]] = {}
    for record in sorted(records, key=lambda r: r.sort_key):
        for goal in record.goals:
            history.setdefault(goal.id, []).append((record, goal))
    return {
        goal_id: GoalState(entries[-1][1], entries[-1][0].rep, entries[-1][0], tuple(entries))
        for goal_id, entries in history.items()
    }


def open_goals(states: Iterable[GoalState], rep: str | None = None) -> list[GoalState]:
    found = [s for s in states if s.goal.status == "open" and (rep is None or s.rep == rep)]
    return sorted(found, key=lambda s: (s.rep, s.goal.due or date.max, s.goal.set, s.goal.id))


def roll_forward(goals: Sequence[Goal], into: Sequence[Goal]) -> list[Goal]:
    """``into`` plus every open goal of ``goals`` it does not hold yet: same id, same set date,
    state carried as it stands. Rolling forward twice changes nothing."""
    held = {g.id for g in into}
    return [*into, *(g.model_copy() for g in goals if g.status == "open" and g.id not in held)]
