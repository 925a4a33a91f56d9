"""A goal's history: dated events, and the state their fold gives.

Every change to a goal (set, progress, due moved, title, target or measure edited, done,
missed, dropped, reopened) is an event ``{at: TIMESTAMP, FIELD: VALUE, ...}`` kept in the
goal's ``history`` list, in the record where it was written. Rolling a goal forward copies its
history, so most records hold most of it; after a merge of two clones each may hold events the
other lacks. The goal's state is the fold of the **union** of the events of every record that
holds it, in the order of the events' own timestamps, never in the order of the records:

- each field takes the value of the latest event that sets it; a field no event sets keeps the
  value of the goal's newest entry (goals written before events existed have no history at all:
  their newest entry is their state, as it always was);
- an entry whose own fields disagree with its own history was edited by hand: the edit counts as
  an event made just after the last event that entry knew of;
- ``status`` follows the decisions in time order: a close of an open goal closes it; a reopen
  opens it; a close that disagrees with the close in force (done in one clone, missed in
  another) makes it a ``conflict``, which the next close or reopen settles. Two clones that
  agree (done and done) are not in conflict.

Pure: no files, no clock. The records' order (oldest first) is given by the caller.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from coachlog.vocabulary import CLOSED, CONFLICT, EVENT_FIELDS

ONE_TICK = timedelta(microseconds=1)
_EVENT_KEYS = frozenset((*EVENT_FIELDS, "was", "on"))  # what an event may set, beside ``at``
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_KEY_OFFSET = 10**17  # microseconds: makes every moment from year 1 to 9999 a positive key


class FlowMap(dict[str, Any]):
    """A mapping the front matter writes on one line, ``{at: ..., status: done}``: how each
    event of a goal's history is written, so that each change is one line of a diff."""


class EventLike(Protocol):
    at: datetime
    status: str | None
    title: str | None
    due: date | None
    target: float | None
    measure: str | None
    progress: float | None


@dataclass(frozen=True, slots=True)
class Event:
    """One change to a goal, at a moment (timezone-aware), of one or more fields."""

    at: datetime
    status: str | None = None
    title: str | None = None
    due: date | None = None
    target: float | None = None
    measure: str | None = None
    progress: float | None = None
    id: str | None = None
    was: str | None = None  # with ``id``: the id before (``goals reid``)
    on: date | None = None  # the day it was made, where ``at`` had to move past a later event
    by_hand: bool = field(default=False, compare=False)  # read off a hand-edited entry
    # ``key``, made on first use and kept: sorting asks for it often, and most events read
    # (a report's thousands of goals) are never sorted
    _key: tuple[str, str] | None = field(default=None, init=False, repr=False, compare=False)

    @classmethod
    def of(cls, event: EventLike | Mapping[str, Any]) -> Event:
        if isinstance(event, Event):
            return event
        if isinstance(event, Mapping):  # as the index keeps it: only what the event sets
            changed = {
                k: _field_value(k, value)
                for k, value in event.items()
                if k in _EVENT_KEYS and value is not None
            }
            return cls(parse_moment(event.get("at")), **changed)
        else:
            fields = (*EVENT_FIELDS, "was", "on")
            at, v = parse_moment(event.at), {f: getattr(event, f, None) for f in fields}
        return cls(
            at,
            status=v["status"],
            title=v["title"],
            due=v["due"],
            target=v["target"],
            measure=v["measure"],
            progress=v["progress"],
            id=v["id"],
            was=v["was"],
            on=v["on"],
        )

    def changes(self) -> dict[str, Any]:
        """The fields this event sets, in the written order."""
        return {f: getattr(self, f) for f in EVENT_FIELDS if getattr(self, f) is not None}

    @property
    def key(self) -> tuple[str, str]:
        """Order and identity: the moment in UTC, then what changed (a stable tie-break); the
        same event copied into several records has one key."""
        key = self._key
        if key is None:
            changes = tuple(
                (f, getattr(self, f)) for f in EVENT_FIELDS if getattr(self, f) is not None
            )
            key = (moment_key(self.at), repr((changes, self.was, self.on)))
            object.__setattr__(self, "_key", key)
        return key

    @property
    def day(self) -> date:
        """The day the event was made: ``on`` where given, else its moment's day where it was
        made (its own UTC offset)."""
        return self.on or self.at.date()

    def written(self) -> dict[str, Any]:
        """The event as front matter writes it: its moment, its changes, its day if apart."""
        data: dict[str, Any] = {"at": self.at, **self.changes()}
        if self.was is not None:
            data["was"] = self.was
        if self.on is not None:
            data["on"] = self.on
        return data

    def to_json(self) -> dict[str, Any]:
        return {k: (v.isoformat() if isinstance(v, date) else v) for k, v in self.written().items()}


def moment_key(at: datetime) -> str:
    """A moment as sortable text: microseconds since 1970 UTC, offset to be positive and padded
    (no conversion that could overflow at the calendar's ends). No zone is taken as UTC."""
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return f"{(at - _EPOCH) // ONE_TICK + _KEY_OFFSET:018d}"


def parse_moment(value: Any) -> datetime:
    """A moment as YAML or JSON gives it: a datetime (a naive one is UTC), a day (its
    midnight, UTC), or ISO text."""
    if isinstance(value, datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=UTC)
    if isinstance(value, str):
        return parse_moment(datetime.fromisoformat(value.replace("Z", "+00:00")))
    raise ValueError(f"not a moment: {value!r}")


def _field_value(name: str, value: Any) -> Any:
    if value is None:
        return None
    if name in ("due", "on"):
        return value if isinstance(value, date) else date.fromisoformat(value)
    if name in ("target", "progress"):
        return float(value)
    return value


class GoalLike(Protocol):
    """What the fold reads of a goal's entry: ``Goal`` (a record's) or ``GoalEntry`` (the
    index's)."""

    @property
    def id(self) -> str: ...
    @property
    def status(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def due(self) -> date | None: ...
    @property
    def target(self) -> float | None: ...
    @property
    def measure(self) -> str | None: ...
    @property
    def progress(self) -> float | None: ...
    @property
    def closed(self) -> date | None: ...
    @property
    def notes(self) -> Sequence[str]: ...
    @property
    def history(self) -> Sequence[Any]: ...


@dataclass(frozen=True)
class Folded:
    """What a goal's history gives: each field's value, the status (maybe ``conflict``), the
    day it was closed, every event in order, and the decisions in conflict."""

    values: dict[str, Any]
    closed: date | None
    events: tuple[Event, ...]
    decisions: tuple[Event, ...]  # the closes that disagree, while in conflict
    notes: tuple[str, ...]

    @property
    def status(self) -> str:
        return str(self.values["status"])


def own_events(goal: GoalLike) -> list[Event]:
    return sorted((Event.of(e) for e in goal.history or ()), key=lambda e: e.key)


def _play(events: Sequence[Event]) -> tuple[dict[str, Any], list[Event]]:
    """The fields ``events`` (in order) set, with the status their decisions give, and the
    closing decisions behind that status."""
    values: dict[str, Any] = {}
    in_force: list[Event] = []
    for event in events:
        for name, value in event.changes().items():
            if name != "status":
                values[name] = value
        status = values.get("status")
        if event.status is None:
            continue
        if event.status not in CLOSED:  # opened: set, or reopened
            values["status"], in_force = event.status, []
        elif status in CLOSED and event.status != status:
            values["status"] = CONFLICT
            in_force.append(event)
        elif status in CLOSED and event.by_hand:  # the day of the close, changed by hand
            in_force = [event]
        elif status in CLOSED:  # the same decision made twice: the first one's day stands
            in_force.append(event)
        else:  # closing an open goal, or settling a conflict
            values["status"], in_force = event.status, [event]
    return values, in_force


def hand_edits(goal: GoalLike, own: Sequence[Event], written: datetime | None) -> list[Event]:
    """The edits made to an entry by hand: fields its own history sets to another value than
    the entry shows, as one event just after the last event the entry knew of (or at
    ``written``, the record's creation, if later)."""
    if not own:
        return []
    played, in_force = _play(own)
    edited: dict[str, Any] = {}
    closed = getattr(goal, "closed", None)
    if (
        played.get("status") in CLOSED
        and getattr(goal, "status", None) == played["status"]
        and closed is not None
        and in_force
        and closed != in_force[0].day
    ):  # the day of the close, changed by hand
        edited["status"], edited["on"] = played["status"], closed
    for name, value in played.items():
        if value == CONFLICT:
            continue  # an entry cannot show a conflict: what it shows is no decision
        shown = getattr(goal, name)
        if name in ("target", "progress") and shown is not None:
            shown = float(shown)
        if shown is not None and shown != value:
            edited[name] = shown
    if not edited:
        return []
    at = own[-1].at + ONE_TICK
    if written is not None and moment_key(written) > moment_key(at):
        at = written
    return [Event(at, **edited, by_hand=True)]


def fold(entries: Sequence[tuple[GoalLike, datetime | None]]) -> Folded:
    """The state of a goal from its entries in every record that holds it, oldest record first,
    each with the record's creation time (for hand edits)."""
    newest = entries[-1][0]
    found: dict[tuple[str, str], Event] = {}
    notes: dict[str, None] = {}
    for goal, written in entries:
        own = own_events(goal)
        for event in (*own, *hand_edits(goal, own, written)):
            found.setdefault(event.key, event)
        for note in goal.notes or ():
            notes.setdefault(note, None)
    events = tuple(found[k] for k in sorted(found))
    values: dict[str, Any] = {name: getattr(newest, name) for name in EVENT_FIELDS}
    closed: date | None = newest.closed if newest.status in CLOSED else None
    played, in_force = _play(events)
    values.update(played)
    if "status" in played:
        closed = in_force[0].day if played["status"] in CLOSED else None
    decisions = tuple(in_force) if values["status"] == CONFLICT else ()
    return Folded(values, closed, events, decisions, tuple(notes))


def fold_by(events: Sequence[Event], day: date) -> Folded:
    """What a goal's ``events`` (in order) give as of the end of ``day``: the fold of those
    made on or before it. ``values`` holds only the fields they set (no status: none was made
    by then); ``closed`` is the day of the close in force then, None while open or in
    conflict."""
    made = tuple(e for e in events if e.day <= day)
    played, in_force = _play(made)
    closed = in_force[0].day if played.get("status") in CLOSED else None
    decisions = tuple(in_force) if played.get("status") == CONFLICT else ()
    return Folded(played, closed, made, decisions, ())


def next_moment(events: Iterable[Event], now: datetime) -> datetime:
    """``now``, or a tick after the latest of ``events`` when the clock has not passed it (a
    clock behind another clone's, a back-filled ``--today``, two changes in one microsecond):
    a new event comes last. Where it moved to another day, the event says its day in ``on``."""
    latest = max((e.at for e in events), key=moment_key, default=None)
    if latest is not None and moment_key(now) <= moment_key(latest):
        return latest + ONE_TICK
    return now


def is_set_event(event: Event) -> bool:
    """The event that set a goal: it opens it and says what was committed to (a reopen only
    opens it)."""
    return event.status == "open" and event.title is not None


def origin(goal: GoalLike) -> str:
    """What tells a goal from another that happens to have its id: the moment of the event
    that set it (the first of its history). Goals written before events existed have none:
    for them, as then, the id is the goal (with the rep): the id it had before any ``goals
    reid`` (its first ``{id: NEW, was: OLD}`` event says it), so copies renamed in one clone
    and not in another stay one goal."""
    own = own_events(goal)
    if own and is_set_event(own[0]):
        return moment_key(own[0].at)
    renamed = next((e for e in own if e.was is not None), None)
    return f"id:{renamed.was}" if renamed is not None else ""


def with_values(goal: Any, **changes: Any) -> Any:
    """A copy of ``goal`` (a pydantic model or a dataclass) with ``changes``."""
    if dataclasses.is_dataclass(goal) and not isinstance(goal, type):
        return dataclasses.replace(goal, **changes)
    return goal.model_copy(update=changes)
