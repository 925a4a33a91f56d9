"""Coaching goals across records: current state, roll-forward, and the method's guard rails.

A goal lives in the 1:1 where it was set and is carried, with the same id and its history, into
each later 1:1 of the rep while it is open. Its current state is the fold of its history across
every record that holds it (``coachlog.core.history``); the records are ordered by day, then
creation time, then record id, and the newest one is where the goal is changed next.

A goal is told apart by its rep and its origin (the moment it was set), not by its id: two goals
that happen to share an id (two clones, a copy-paste) stay two goals, each with its own key, and
a goal given a new id (``goals reid``) in one clone stays one goal with the other's copies.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any, TypeAlias

from coachlog.core.dates import stored_day
from coachlog.core.guardrails import is_sales_goal, is_soft_goal
from coachlog.core.history import (
    Event,
    fold,
    fold_by,
    is_set_event,
    origin,
    parse_moment,
    with_values,
)
from coachlog.errors import Named, NotFoundError, Notice, UsageError
from coachlog.vocabulary import CLOSED, EVENT_FIELDS, UNDECIDED

if TYPE_CHECKING:
    from coachlog.model import Goal, GoalLimits, OneOnOne, WarningSwitches

    GoalLike: TypeAlias = "Goal | GoalEntry"
    RecordLike: TypeAlias = "OneOnOne | RecordRef"


@dataclass(frozen=True, slots=True)
class GoalEntry:
    """A goal's entry as the index gives it back: the fields of a ``Goal`` that was validated
    when its file was read, without building the model again (nor importing pydantic)."""

    id: str
    title: str
    kind: str
    owner: str
    status: str
    set: date
    due: date | None
    closed: date | None
    measure: str | None
    target: float | None
    progress: float | None
    verifier: str | None
    deal: str | None
    notes: tuple[str, ...]
    history: tuple[Event, ...]
    why: str | None = None

    @classmethod
    def from_json(
        cls, data: Mapping[str, Any], events: dict[Any, Event] | None = None
    ) -> GoalEntry:
        """From ``Goal.model_dump(mode="json")``, as the index stores it. ``events``: those
        already built from other entries of the goal, shared (a goal rolled forward through
        a hundred 1:1s carries a hundred copies of its history: each event is built once)."""
        history = data.get("history") or ()
        return cls(
            data["id"],
            data["title"],
            data["kind"],
            data["owner"],
            data["status"],
            date.fromisoformat(data["set"]),
            stored_day(data.get("due")),
            stored_day(data.get("closed")),
            data.get("measure"),
            data.get("target"),
            data.get("progress"),
            data.get("verifier"),
            data.get("deal"),
            tuple(data.get("notes") or ()),
            tuple(Event.of(e) if events is None else _shared_event(e, events) for e in history),
            data.get("why"),
        )

    def to_json(self) -> dict[str, Any]:
        """The entry as the index stores it (``from_json`` reads it back)."""
        data: dict[str, Any] = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            if isinstance(value, date):
                value = value.isoformat()
            elif name == "notes":
                value = list(value)
            elif name == "history":
                value = [e.to_json() for e in value]
            data[name] = value
        return data


def _shared_event(event: Mapping[str, Any], events: dict[Any, Event]) -> Event:
    """The event ``event`` (as JSON gives it) is, from ``events`` when one with the same
    fields was built already."""
    try:
        same = tuple(event.items())
        found = events.get(same)
    except TypeError:  # a value that is no scalar (hand-written): built on its own
        return Event.of(event)
    if found is None:
        found = events[same] = Event.of(event)
    return found


@dataclass(frozen=True, slots=True)
class RecordRef:
    """Which 1:1 holds a goal's entry, as the index gives it back."""

    kind: str
    id: str
    rep: str
    date: date
    created: Any = None  # the record's creation time, where known (a datetime, or its text)


@dataclass(frozen=True)
class GoalState:
    """A goal as it stands now: the fold of its history (``goal``: its newest entry with the
    values the history gives; its status may be ``conflict``), the newest record that holds it,
    the 1:1 it was first written into and the day it was closed.

    ``history`` is the records read that hold it, oldest first: all of them when the state was
    built from records, the newest alone when it came from the index (which folded them all).
    ``events`` is the union of their events in order, and ``decisions`` the closes that
    disagree while the goal is in conflict.
    """

    goal: GoalLike
    rep: str
    record: RecordLike
    history: tuple[tuple[RecordLike, GoalLike], ...]
    set_in: str  # id of the 1:1 the goal was first written into
    closed_on: date | None  # the day it was closed; None while open
    events: tuple[Event, ...] = ()
    decisions: tuple[Event, ...] = ()
    key: str = ""  # what tells it from other goals (``entry_keys``)

    @classmethod
    def of(cls, entries: Sequence[tuple[RecordLike, GoalLike]], key: str = "") -> GoalState:
        """The state its whole history, oldest first, gives."""
        record, newest = entries[-1]
        folded = fold([(goal, _written(r)) for r, goal in entries])
        closed = folded.closed
        if folded.status in CLOSED and closed is None:  # a goal written before events
            closed = next(r.date for r, entry in entries if entry.status != "open")
        notes: Any = list(folded.notes) if isinstance(newest.notes, list) else folded.notes
        history: Any = folded.events if isinstance(newest.history, tuple) else list(folded.events)
        goal = with_values(newest, **folded.values, closed=closed, notes=notes, history=history)
        return cls(
            goal,
            record.rep,
            record,
            tuple(entries),
            entries[0][0].id,
            closed,
            folded.events,
            folded.decisions,
            key or goal_key(record.rep, newest),
        )

    def as_of(self, day: date) -> GoalState:
        """The goal as it stood at the end of ``day``: the fold of its events made on or before
        it (a past window is read as it was then). Itself when no event came after ``day``
        (most goals, and no work), when none came by then (not set yet), or when it has no
        history (a goal from before events: its entries are all there is). A field that no
        event up to ``day`` set had no value then, if the goal's set event says what it was set
        with; otherwise it keeps the value it has now."""
        events = self.events
        if not events or all(e.day <= day for e in events):
            return self
        then = fold_by(events, day)
        if "status" not in then.values:
            return self
        values = {name: then.values.get(name) for name in EVENT_FIELDS if name != "id"}
        if not is_set_event(events[0]):
            values = {name: then.values.get(name, getattr(self.goal, name)) for name in values}
        goal = with_values(self.goal, **values, closed=then.closed)
        return dataclasses.replace(self, goal=goal, closed_on=then.closed, decisions=then.decisions)

    def overdue(self, today: date) -> bool:
        return self.goal.status == "open" and self.goal.due is not None and self.goal.due < today


def _written(record: RecordLike) -> Any:
    created = getattr(record, "created", None)
    try:
        return parse_moment(created) if created is not None else None
    except ValueError:
        return None


def goal_key(rep: str, goal: GoalLike) -> str:
    """What tells one goal from another: its rep and the moment it was set (so a new id given
    by ``goals reid`` in one clone is the same goal as the old id in another); goals written
    before events existed have no such moment, and are told by their id and rep, as then."""
    found = origin(goal)
    return f"{rep}|{found}" if found else f"{rep}|id:{goal.id}"


def entry_keys(rep: str, goals: Sequence[GoalLike]) -> list[str]:
    """The key of each goal of one record's list, in order. An entry that repeats a key the
    list already holds (a goal copied by hand within the record) is a goal of its own: the
    copies get ``#1``, ``#2``..., the same in every later record that carries them along."""
    seen: dict[str, int] = {}
    keys = []
    for goal in goals:
        key = goal_key(rep, goal)
        n = seen.get(key, 0)
        seen[key] = n + 1
        keys.append(f"{key}#{n}" if n else key)
    return keys


def goal_histories(records: Iterable[OneOnOne]) -> dict[str, list[tuple[OneOnOne, Goal]]]:
    """Every goal's entries, keyed by ``entry_keys``, oldest first, from 1:1 records in any
    order."""
    history: dict[str, list[tuple[OneOnOne, Goal]]] = {}
    for record in sorted(records, key=lambda r: r.sort_key):
        for goal, key in zip(record.goals, entry_keys(record.rep, record.goals), strict=True):
            history.setdefault(key, []).append((record, goal))
    return history


def goal_states(records: Iterable[OneOnOne]) -> dict[str, GoalState]:
    """Every goal's current state, keyed by ``goal_key``, from 1:1 records in any order."""
    return {key: GoalState.of(entries, key) for key, entries in goal_histories(records).items()}


def open_goals(states: Iterable[GoalState], rep: str | None = None) -> list[GoalState]:
    """The goals that wait for a decision (open, or in conflict), by rep and due date."""
    found = [s for s in states if s.goal.status in UNDECIDED and (rep is None or s.rep == rep)]
    return sorted(found, key=lambda s: (s.rep, s.goal.due or date.max, s.goal.set, s.goal.id))


def roll_forward(goals: Sequence[Goal], into: Sequence[Goal]) -> list[Goal]:
    """``into`` plus every goal of ``goals`` that waits for a decision (open, or closed two
    ways) and that it does not hold yet: same id, same set date, state and history carried as
    they stand. Rolling forward twice changes nothing."""
    held = {(g.id, origin(g)) for g in into}
    return [
        *into,
        *(g.model_copy() for g in goals if g.status in UNDECIDED and (g.id, origin(g)) not in held),
    ]


# --- ids --------------------------------------------------------------------------------------

ID_ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"  # Crockford's base32: no i, l, o, u
ID_LENGTH = 8  # 32^8, about 10^12: a blind clash is unlikely below a million goals


def new_goal_id(taken: Iterable[str], token: Callable[[int], str]) -> str:
    """A short random id no other clone is likely to pick (32^8, about a trillion), checked
    against the ids this journal already holds. ``token(n)`` gives n random id characters."""
    held = set(taken)
    while True:
        candidate = token(ID_LENGTH)
        if candidate not in held and not candidate.isdigit():
            return candidate


def resolve(prefix: str, ids: Iterable[str], what: str = "goal") -> str:
    """The one id that starts with ``prefix``; unknown and ambiguous prefixes are errors that
    list what would do."""
    wanted = prefix.strip().lower()
    if not wanted:
        raise UsageError(f"give a {what} id or a prefix of one")
    every = sorted(set(ids))
    if wanted in every:
        return wanted
    found = [i for i in every if i.startswith(wanted)]
    if not found:
        raise NotFoundError(f"no {what} id starts with {prefix!r}")
    if len(found) > 1:
        shown = ", ".join(found[:10]) + (", ..." if len(found) > 10 else "")
        raise UsageError(f"{prefix!r} is ambiguous: it starts {len(found)} {what} ids ({shown})")
    return found[0]


# --- guard rails ------------------------------------------------------------------------------


def goal_warnings(
    goal: GoalLike,
    others_open: Sequence[GoalLike],
    limits: GoalLimits,
    switches: WarningSwitches,
    today: date,
    *,
    new: bool = False,
) -> list[Notice]:
    """What the method says about a goal. Warnings inform; they never refuse. A warning that
    asks for a due date or a target names it by the flag of the command that ran, where it has
    one (``goals add``: ``--due``), else in words (a goal in a file). A ``new`` goal (one being
    added) is also asked for its why and its horizon, and for the opportunity mix."""
    found: list[Notice] = []
    if switches.sales_goal and is_sales_goal(goal.title):
        found.append(
            Notice(
                f"{goal.title!r} reads like a sales goal: only the customer can decide it. "
                "Coach an activity the rep controls that secures a customer step, e.g. "
                "'book the technical validation call with the CTO'"
            )
        )
    mine = goal.owner == "rep"
    if switches.soft_goal and mine and is_soft_goal(goal.title, goal.target is not None):
        found.append(
            Notice(
                f"{goal.title!r} is soft wording: nobody could say whether it was done. Name "
                "the activity, a number and a date (e.g. 'ask two second-level questions on "
                "every discovery call, 10 calls by Friday')"
            )
        )
    if switches.no_due_date and goal.due is None:
        found.append(
            Notice(
                "no due date: set {due}, so there is no question when it is done",
                {"due": Named("one", "one with {}")},
            )
        )
    elif goal.due is not None and goal.due < today:
        found.append(Notice(f"the due date {goal.due} is already past"))
    if switches.no_target and goal.owner == "rep" and goal.target is None:
        found.append(
            Notice(
                "no measurable target: give {target} (and {measure}), so there is no question "
                "whether it was achieved",
                {"target": Named("a target", "{} N"), "measure": Named("a measure")},
            )
        )
    if new and mine:
        found += _new_goal_warnings(goal, others_open, switches)
    limit = getattr(limits, goal.kind, None)
    if switches.too_many_goals and limit is not None and goal.owner == "rep":
        count = 1 + sum(1 for g in others_open if g.kind == goal.kind and g.owner == "rep")
        if count > limit:
            found.append(
                Notice(
                    f"this makes {count} open {goal.kind} goals; the method suggests at most "
                    f"{limit} at a time"
                )
            )
    return found


HORIZONS = {
    # kind: (fewest months, most months, what the method says)
    "performance": (1, 3, "a performance goal runs 2-3 months"),
    "career": (2, 4, "a career goal runs about a quarter"),
}


def _new_goal_warnings(
    goal: GoalLike, others_open: Sequence[GoalLike], switches: WarningSwitches
) -> list[Notice]:
    """The method's asks of a goal as it is set: its horizon, the opportunity mix, a why."""
    found: list[Notice] = []
    horizon = HORIZONS.get(goal.kind)
    if switches.horizon and horizon is not None and goal.due is not None:
        fewest, most, says = horizon
        if goal.due > add_months(goal.set, most):
            found.append(Notice(f"due {goal.due}, more than {most} months out: {says}"))
        elif goal.due < add_months(goal.set, fewest):
            few = "a month" if fewest == 1 else f"{fewest} months"
            found.append(Notice(f"due {goal.due}, less than {few} out: {says}"))
    if switches.opportunity_mix and goal.kind == "opportunity":
        count = 1 + sum(1 for g in others_open if g.kind == "opportunity" and g.owner == "rep")
        if count < 2:
            found.append(
                Notice(
                    "this is the only open opportunity goal; the recipe is 2-3 at a time, one "
                    "short-term and 1-2 longer (win now and win later)"
                )
            )
    if switches.no_why and not (getattr(goal, "why", None) or "").strip():
        found.append(
            Notice(
                "no why: say why it matters with {why}, so the rep leaves knowing",
                {"why": Named("a why", "{} TEXT")},
            )
        )
    return found


def add_months(day: date, months: int) -> date:
    """``day`` ``months`` later, on the same day of the month or the month's last."""
    from dateutil.relativedelta import relativedelta

    try:
        return day + relativedelta(months=months)
    except (OverflowError, ValueError):  # past the calendar's last day
        return date.max


def ended_without_goal(record: RecordLike, states: Iterable[GoalState]) -> bool:
    """True when no coaching goal was set at ``record`` (the method: every 1:1 ends with one)."""
    return not any(s.set_in == record.id for s in states)


def duplicate_ids(record: OneOnOne) -> list[tuple[int, str]]:
    """(index, id) of every goal that repeats an id held earlier in the same record."""
    seen: set[str] = set()
    found = []
    for index, goal in enumerate(record.goals):
        if goal.id in seen:
            found.append((index, goal.id))
        seen.add(goal.id)
    return found
