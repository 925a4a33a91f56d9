"""What ``coachlog check`` finds in records, as data: pure rules over already-read records.

A finding names the record, the key path inside it (so the store can give the file line), a
severity and a message. File-level problems (YAML that does not parse, a wrong type) are the
store's to find; these are the rules that need the journal as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from coachlog.core.goals import GoalState, entry_keys, goal_warnings, open_goals
from coachlog.core.history import hand_edits, own_events
from coachlog.model import GoalLimits, OneOnOne, Plan, WarningSwitches

if TYPE_CHECKING:
    from coachlog.core.goals import GoalLike, RecordLike


@dataclass(frozen=True)
class Finding:
    record_id: str | None  # None: about a rep profile (see ``rep``)
    loc: tuple[Any, ...]
    severity: str  # "error" | "warning"
    message: str
    rep: str | None = None


def unknown_rep_findings(records: Iterable[tuple[str, str]], reps: set[str]) -> list[Finding]:
    """Records (id, rep) of a rep with no profile."""
    return [
        Finding(record_id, ("rep",), "error", f"unknown rep {rep!r}: no reps/{rep}.yaml")
        for record_id, rep in records
        if rep not in reps
    ]


def clash_findings(one_on_ones: Iterable[OneOnOne | Plan]) -> list[Finding]:
    """Goal ids that name two goals (two reps', or two set independently), from 1:1s in the
    order they were written: every holder after the first goal that had the id."""
    found: list[Finding] = []
    first_of: dict[str, tuple[str, str, str]] = {}  # goal id -> (goal key, rep, record id)
    for record in one_on_ones:
        seen: set[str] = set()
        keys = entry_keys(record.rep, record.goals)
        for index, (goal, key) in enumerate(zip(record.goals, keys, strict=True)):
            if goal.id in seen:  # twice in one record: ``record_entry_findings``
                continue
            seen.add(goal.id)
            first = first_of.setdefault(goal.id, (key, record.rep, record.id))
            if first[0] != key:
                whose = f"a goal of {first[1]}" if first[1] != record.rep else "another goal"
                found.append(
                    Finding(
                        record.id,
                        ("goals", index, "id"),
                        "error",
                        f"goal id {goal.id!r} also names {whose} (in {first[2]}); give one "
                        f"a new id: 'coachlog goals reid {goal.id} --rep {record.rep}'",
                    )
                )
    return found


def record_entry_findings(record: OneOnOne | Plan) -> list[Finding]:
    """What one 1:1's goal list shows on its own, whatever else the journal holds: an id given
    twice, and each entry's own findings (``entry_findings``). A check keeps these with the
    file until it changes."""
    found: list[Finding] = []
    seen: set[str] = set()
    for index, goal in enumerate(record.goals):
        if goal.id in seen:
            message = (
                f"goal id {goal.id!r} appears twice in this record; give the copy an id "
                f"of its own: 'coachlog goals reid {goal.id} --rep {record.rep}'"
            )
            found.append(Finding(record.id, ("goals", index, "id"), "error", message))
        seen.add(goal.id)
        found += entry_findings(record.id, index, goal)
    return found


def entry_findings(record_id: str, index: int, goal: GoalLike) -> list[Finding]:
    """One goal entry against itself: changed by hand (fields its own history sets otherwise),
    a close without a day or before the goal was set, an open goal with a closed day, a due
    day before the set day."""
    found: list[Finding] = []
    where = ("goals", index)
    edits = hand_edits(goal, own_events(goal), None)
    if edits:
        fields = ", ".join(k for k in edits[0].changes() if k != "status") or "status"
        if edits[0].status is not None and fields != "status":
            fields = "status, " + fields
        found.append(
            Finding(
                record_id,
                where,
                "warning",
                f"goal {goal.id} was changed by hand here ({fields}): taken as a change "
                "of this goal, made after the last one its history holds; to start "
                "another goal, use coachlog goals add",
            )
        )
    if goal.status != "open":
        if goal.closed is None:
            found.append(
                Finding(
                    record_id,
                    (*where, "status"),
                    "warning",
                    f"goal {goal.id} is {goal.status} with no closed date",
                )
            )
        elif goal.closed < goal.set:
            found.append(
                Finding(
                    record_id,
                    (*where, "closed"),
                    "error",
                    f"goal {goal.id} is closed on {goal.closed}, before it was set on {goal.set}",
                )
            )
    elif goal.closed is not None:
        found.append(
            Finding(
                record_id,
                (*where, "closed"),
                "warning",
                f"goal {goal.id} is open but has a closed date",
            )
        )
    if goal.due is not None and goal.due < goal.set:
        found.append(
            Finding(
                record_id,
                (*where, "due"),
                "warning",
                f"goal {goal.id} is due on {goal.due}, before it was set",
            )
        )
    return found


def key_findings(entries: Sequence[tuple[RecordLike, int, GoalLike]]) -> list[Finding]:
    """One goal's entries across the records that hold it (oldest first, each with its place
    in its record's list) against each other: closed two ways (a conflict to settle), open
    again where an older copy closed it (goals from before events), a set day that differs
    from the first, or that is after a later record's day. A check keeps these with the goal
    until a record holding it changes."""
    found: list[Finding] = []
    first_record, _, first = entries[0]
    state = GoalState.of([(record, goal) for record, _, goal in entries])
    if state.decisions:
        record, index, goal = entries[-1]
        ways = ", ".join(f"{e.status} on {e.day}" for e in state.decisions)
        found.append(
            Finding(
                record.id,
                ("goals", index, "status"),
                "error",
                f"goal {goal.id} was closed two ways ({ways}); settle it with "
                f"coachlog goals done|miss|drop|reopen {goal.id}",
            )
        )
    closed_in: str | None = None  # goals from before events: the newest copy decides
    for record, index, goal in entries:
        where = ("goals", index)
        if not state.events and closed_in and goal.status == "open":
            found.append(
                Finding(
                    record.id,
                    (*where, "status"),
                    "error",
                    f"goal {goal.id} is open here but was closed in {closed_in}",
                )
            )
        if goal.status != "open":
            closed_in = closed_in or record.id
        if goal.set != first.set:
            found.append(
                Finding(
                    record.id,
                    (*where, "set"),
                    "error",
                    f"goal {goal.id} was set on {first.set} in {first_record.id}, "
                    f"but this record says {goal.set}",
                )
            )
        # a goal added after its 1:1 (goals add writes into the newest one) is set later
        # than that record's date; a later record holding it was written after it was set
        if goal.set > record.date and record.id != first_record.id:
            found.append(
                Finding(
                    record.id,
                    (*where, "set"),
                    "error",
                    f"goal {goal.id} is set on {goal.set}, after this record's date {record.date}",
                )
            )
    return found


def guard_rail_findings(
    placed: Sequence[tuple[GoalState, str, int]],
    limits: GoalLimits,
    switches: WarningSwitches,
    today: date,
) -> list[Finding]:
    """The method's warnings on every open goal as it stands now; each goal is given with the
    id of the newest record holding it and its place in that record's list."""
    found: list[Finding] = []
    where = {state.key: (record_id, index) for state, record_id, index in placed}
    states = [state for state, _, _ in placed]
    for rep in sorted({s.rep for s in states}):
        mine = [s for s in open_goals(states, rep) if s.goal.status == "open"]
        for state in mine:
            others = [
                s.goal
                for s in mine
                if s.key != state.key and (s.goal.set, s.goal.id) < (state.goal.set, state.goal.id)
            ]
            record_id, index = where[state.key]
            for notice in goal_warnings(state.goal, others, limits, switches, today):
                text = str(notice)  # a goal in a file: no flag names its fields
                if "already past" in text:
                    text = f"overdue since {state.goal.due}: re-commit with a new date, or miss it"
                found.append(
                    Finding(
                        record_id,
                        ("goals", index, "title"),
                        "warning",
                        f"goal {state.goal.id}: {text}",
                    )
                )
    return found


def cadence_findings(
    reps: Iterable[str], last_one_on_one: dict[str, date], cadence_days: int, today: date
) -> list[Finding]:
    """A rep with no 1:1 in twice the cadence."""
    found = []
    for rep in sorted(reps):
        last = last_one_on_one.get(rep)
        if last is None:
            found.append(Finding(None, (), "warning", f"{rep} has had no 1:1 yet", rep=rep))
        elif today - last > timedelta(days=2 * cadence_days):
            found.append(
                Finding(
                    None,
                    (),
                    "warning",
                    f"{rep} has had no 1:1 since {last} ({(today - last).days} days; "
                    f"the cadence is every {cadence_days})",
                    rep=rep,
                )
            )
    return found
