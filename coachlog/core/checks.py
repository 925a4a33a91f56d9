"""What ``coachlog check`` finds in records, as data: pure rules over already-read records.

A finding names the record, the key path inside it (so the store can give the file line), a
severity and a message. File-level problems (YAML that does not parse, a wrong type) are the
store's to find; these are the rules that need the journal as a whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from coachlog.core.goals import GoalState, goal_histories, goal_warnings, open_goals
from coachlog.model import GoalLimits, OneOnOne, Record, WarningSwitches


@dataclass(frozen=True)
class Finding:
    record_id: str | None  # None: about a rep profile (see ``rep``)
    loc: tuple[Any, ...]
    severity: str  # "error" | "warning"
    message: str
    rep: str | None = None


def record_findings(records: Iterable[Record], reps: set[str]) -> list[Finding]:
    """Unknown reps, and goal ids that clash: twice in one record, or held by two reps."""
    found: list[Finding] = []
    owner: dict[str, tuple[str, str]] = {}  # goal id -> (rep, record id) first seen
    for record in records:
        if record.rep not in reps:
            found.append(
                Finding(
                    record.id,
                    ("rep",),
                    "error",
                    f"unknown rep {record.rep!r}: no reps/{record.rep}.yaml",
                )
            )
        if not isinstance(record, OneOnOne):
            continue
        seen: set[str] = set()
        for index, goal in enumerate(record.goals):
            if goal.id in seen:
                found.append(
                    Finding(
                        record.id,
                        ("goals", index, "id"),
                        "error",
                        f"goal id {goal.id!r} appears twice in this record",
                    )
                )
            seen.add(goal.id)
            first = owner.setdefault(goal.id, (record.rep, record.id))
            if first[0] != record.rep:
                found.append(
                    Finding(
                        record.id,
                        ("goals", index, "id"),
                        "error",
                        f"goal id {goal.id!r} is also a goal of {first[0]} (in {first[1]})",
                    )
                )
    return found


def history_findings(one_on_ones: Sequence[OneOnOne]) -> list[Finding]:
    """Goals whose history contradicts itself across the records that hold them."""
    found: list[Finding] = []
    for entries in goal_histories(one_on_ones).values():
        first_record, first = entries[0]
        closed_at: str | None = None
        for record, goal in entries:
            index = next(i for i, g in enumerate(record.goals) if g.id == goal.id)
            where = ("goals", index)
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
            if goal.set > record.date and record is not first_record:
                found.append(
                    Finding(
                        record.id,
                        (*where, "set"),
                        "error",
                        f"goal {goal.id} is set on {goal.set}, after this record's "
                        f"date {record.date}",
                    )
                )
            if closed_at and goal.status == "open":
                found.append(
                    Finding(
                        record.id,
                        (*where, "status"),
                        "error",
                        f"goal {goal.id} is open here but was closed in {closed_at}",
                    )
                )
            if goal.status != "open":
                closed_at = closed_at or record.id
                if goal.closed is None:
                    found.append(
                        Finding(
                            record.id,
                            (*where, "status"),
                            "warning",
                            f"goal {goal.id} is {goal.status} with no closed date",
                        )
                    )
                elif goal.closed < goal.set:
                    found.append(
                        Finding(
                            record.id,
                            (*where, "closed"),
                            "error",
                            f"goal {goal.id} is closed on {goal.closed}, before it "
                            f"was set on {goal.set}",
                        )
                    )
            elif goal.closed is not None:
                found.append(
                    Finding(
                        record.id,
                        (*where, "closed"),
                        "warning",
                        f"goal {goal.id} is open but has a closed date",
                    )
                )
            if goal.due is not None and goal.due < goal.set:
                found.append(
                    Finding(
                        record.id,
                        (*where, "due"),
                        "warning",
                        f"goal {goal.id} is due on {goal.due}, before it was set",
                    )
                )
    return found


def guard_rail_findings(
    one_on_ones: Sequence[OneOnOne], limits: GoalLimits, switches: WarningSwitches, today: date
) -> list[Finding]:
    """The method's warnings on every open goal as it stands now."""
    found: list[Finding] = []
    histories = goal_histories(one_on_ones)
    states = {goal_id: GoalState.of(entries) for goal_id, entries in histories.items()}
    for rep in sorted({s.rep for s in states.values()}):
        mine = open_goals(states.values(), rep)
        for state in mine:
            others = [
                s.goal
                for s in mine
                if s.goal.id != state.goal.id
                and (s.goal.set, s.goal.id) < (state.goal.set, state.goal.id)
            ]
            record = histories[state.goal.id][-1][0]
            index = next(i for i, g in enumerate(record.goals) if g.id == state.goal.id)
            for text in goal_warnings(state.goal, others, limits, switches, today):
                if "already past" in text:
                    text = f"overdue since {state.goal.due}: re-commit with a new date, or miss it"
                found.append(
                    Finding(
                        state.record.id,
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
