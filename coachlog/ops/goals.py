"""Coaching goals: ``coachlog goals add|open|done|miss|drop|progress|show``.

A goal is written into the rep's newest 1:1 and changed in the newest record that holds it;
every change edits only the goal's own lines of that one file.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from coachlog.core.goals import (
    ID_ALPHABET,
    GoalState,
    goal_warnings,
    new_goal_id,
    open_goals,
    resolve,
)
from coachlog.errors import CoachlogError, NotFoundError, UsageError
from coachlog.store.atomic import atomic_write, locked
from coachlog.store.journal import Journal
from coachlog.vocabulary import GOAL_KINDS

if TYPE_CHECKING:  # imported where used: listing open goals needs neither pydantic nor YAML
    from coachlog.model import Goal
    from coachlog.store.yamlfile import Document

CLOSING = {"done": "done", "miss": "missed", "drop": "dropped"}


@dataclass
class GoalInput:
    title: str
    kind: str
    owner: str = "rep"
    due: date | None = None
    measure: str | None = None
    target: float | None = None
    verifier: str | None = None
    deal: str | None = None


@dataclass
class GoalFilter:
    rep: str | None = None
    owner: str | None = None
    kind: str | None = None
    overdue: bool = False


@dataclass
class GoalChange:
    state: GoalState
    path: str
    warnings: list[str] = field(default_factory=list)


def _random_token(n: int) -> str:
    import secrets  # hmac and hashlib behind it: only for a command that makes an id

    return "".join(secrets.choice(ID_ALPHABET) for _ in range(n))


def check_goal_ids(journal: Journal) -> None:
    """Refuse to go on when a goal id is held twice in one record or by two reps: which goal
    a command meant could not be told."""
    clash = journal.goal_clash()
    if clash is None:
        return
    from coachlog.store.yamlfile import Document

    goal_id, path, index, other_rep, other_path = clash
    line = Document.load(path).line_of(("goals", index, "id"))
    if other_rep is None:
        message = f"goal id {goal_id!r} appears twice in this record; give one of them a new id"
    else:
        where = journal.relative(other_path) if other_path else "another record"
        message = f"goal id {goal_id!r} is also a goal of {other_rep} ({where}); give one a new id"
    raise CoachlogError(message, path=path, line=line)


def current_states(
    journal: Journal,
    rep: str | None = None,
    status: str | None = "open",
    touching: date | None = None,
) -> list[GoalState]:
    """Goals as their newest records hold them, from the index alone (see
    ``Journal.current_goals`` for the filters). Their ``history`` holds that newest entry only
    (``goals show`` reads the whole of it)."""
    check_goal_ids(journal)
    return [
        GoalState(
            row.goal,
            row.record.rep,
            row.record,
            ((row.record, row.goal),),
            row.set_in,
            row.closed_on,
        )
        for row in journal.current_goals(rep, status, touching)
    ]


def check_goal_input(goal: GoalInput) -> None:
    if not goal.title.strip():
        raise UsageError("a goal needs a title", flag="TITLE")
    if goal.kind not in GOAL_KINDS:
        raise UsageError(
            f"{goal.kind!r} is not a goal kind; use {', '.join(GOAL_KINDS)}", flag="--kind"
        )
    if goal.owner not in ("rep", "manager"):
        raise UsageError(f"{goal.owner!r} is not an owner; use rep or manager", flag="--owner")
    if goal.verifier is not None:
        if goal.verifier not in ("start", "advance", "win"):
            raise UsageError(
                f"{goal.verifier!r} is not a verifier; use start, advance or win", flag="--verifier"
            )
        if goal.kind != "opportunity":
            raise UsageError("a verifier belongs to opportunity goals", flag="--verifier")
    if goal.target is not None:
        _check_amount(goal.target, "--target")


def _check_amount(value: float, flag: str) -> None:
    if not math.isfinite(value):
        raise UsageError(f"must be a number, not {value:g}", flag=flag)
    if value < 0:
        raise UsageError(f"must be zero or more, not {value:g}", flag=flag)


_GOAL_FLAGS = {"title": "TITLE", "measure": "--measure", "deal": "--deal", "target": "--target"}


def _new_goal(**fields: Any) -> Goal:
    """The goal the flags describe; a value the record could not hold is a flag error."""
    from pydantic import ValidationError

    from coachlog.model import Goal

    try:
        return Goal(**fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else ""
        message = err["msg"].removeprefix("Value error, ")
        raise UsageError(message, flag=_GOAL_FLAGS.get(name, f"--{name}")) from None


def add_goal(journal: Journal, rep: str, given: GoalInput, today: date) -> GoalChange:
    """Write a new goal into ``rep``'s newest 1:1 dated on or before ``today``."""
    check_goal_input(given)
    config = journal.config
    journal.rep(rep)
    with locked(journal.derived_dir / "lock"):
        # the rep's open goals, for the guard rails (clashing goal ids stop here)
        others = [s.goal for s in open_goals(current_states(journal, rep), rep)]
        journal.require_readable("1on1", rep)  # its newest 1:1 may be the one that does not
        held = [r for r in journal.records("1on1", rep) if r.date <= today]
        if not held:
            raise NotFoundError(
                f"{rep} has no 1:1 on or before {today} to hold the goal",
                flag="--rep",
                hint=f"run 'coachlog new 1on1 --rep {rep}' first",
            )
        record = held[-1]
        goal = _new_goal(
            id=new_goal_id(journal.goal_ids(), _random_token),
            title=given.title.strip(),
            kind=given.kind,
            owner=given.owner,
            status="open",
            set=today,
            due=given.due,
            measure=given.measure,
            target=given.target,
            verifier=given.verifier,
            deal=given.deal,
        )
        warnings = goal_warnings(goal, others, config.goal_limits, config.warnings, today)
        from coachlog.store.yamlfile import Document

        path = journal.record_path(record)
        doc = Document.load(path)
        goals = doc.data.get("goals")
        if goals is None:
            doc.data["goals"] = goals = []
        from coachlog.core.scaffold import goal_front_matter

        goals.append(goal_front_matter(goal))
        _write(journal, doc)
    state = GoalState.of(((record, goal),))
    return GoalChange(state, journal.relative(path), warnings)


def _write(journal: Journal, doc: Document) -> None:
    from coachlog.model import OneOnOne
    from coachlog.store.reading import validate

    validate(OneOnOne, doc, what="a record")  # the change must leave a readable record
    atomic_write(doc.path, doc.render())


def find(journal: Journal, prefix: str) -> GoalState:
    """The goal ``prefix`` names, with its whole history."""
    check_goal_ids(journal)
    try:
        goal_id = resolve(prefix, journal.goal_ids())
    except NotFoundError:
        # not in any record that reads: maybe in one that does not
        wanted = prefix.strip().lower()
        for problem in journal.holding("1on1", wanted) if wanted else ():
            raise CoachlogError(
                problem.message,
                path=problem.path,
                line=problem.line,
                hint=f"goal {wanted!r} is in this file, which does not read; fix it first",
            ) from None
        raise
    return GoalState.of(journal.goal_history(goal_id))


def _edit(
    journal: Journal,
    prefix: str,
    change: dict[str, Any],
    note: str | None,
    today: date,
    *,
    must_be_open: bool = True,
) -> GoalChange:
    from coachlog.model import OneOnOne
    from coachlog.store.reading import validate
    from coachlog.store.yamlfile import Document

    with locked(journal.derived_dir / "lock"):
        state = find(journal, prefix)
        # a newer entry of the goal may be in one of the rep's 1:1s that does not read
        journal.require_readable("1on1", state.rep, since=state.record.date)
        if must_be_open and state.goal.status != "open":
            closed = f" on {state.goal.closed}" if state.goal.closed else ""
            raise UsageError(f"goal {state.goal.id} is already {state.goal.status}{closed}")
        path = journal.record_path(state.record)
        doc = Document.load(path)
        entries = doc.data.get("goals") or []
        index = next(
            i for i, g in enumerate(entries) if isinstance(g, dict) and g.get("id") == state.goal.id
        )
        entry = entries[index]
        for key, value in change.items():
            entry[key] = value
        if note:
            notes = entry.get("notes")
            if isinstance(notes, list):
                notes.append(f"{today.isoformat()}: {note}")
            else:
                entry["notes"] = ([notes] if isinstance(notes, str) and notes else []) + [
                    f"{today.isoformat()}: {note}"
                ]
        _write(journal, doc)
        record = validate(OneOnOne, doc)
        goal = record.goals[index]
    new_state = GoalState.of((*state.history[:-1], (record, goal)))
    return GoalChange(new_state, journal.relative(path))


def close_goal(
    journal: Journal, prefix: str, verb: str, note: str | None, today: date
) -> GoalChange:
    """Mark a goal done, missed or dropped, as of ``today``."""
    return _edit(journal, prefix, {"status": CLOSING[verb], "closed": today}, note, today)


def record_progress(
    journal: Journal, prefix: str, value: float, note: str | None, today: date
) -> GoalChange:
    _check_amount(value, "--value")
    return _edit(journal, prefix, {"progress": value}, note, today)


def list_open(journal: Journal, which: GoalFilter, today: date) -> list[GoalState]:
    if which.rep is not None:
        journal.rep(which.rep)
    if which.owner is not None and which.owner not in ("rep", "manager"):
        raise UsageError(f"{which.owner!r} is not an owner; use rep or manager", flag="--owner")
    if which.kind is not None and which.kind not in GOAL_KINDS:
        raise UsageError(
            f"{which.kind!r} is not a goal kind; use {', '.join(GOAL_KINDS)}", flag="--kind"
        )
    found = open_goals(current_states(journal, which.rep), which.rep)
    return [
        s
        for s in found
        if (which.owner is None or s.goal.owner == which.owner)
        and (which.kind is None or s.goal.kind == which.kind)
        and (not which.overdue or s.overdue(today))
    ]
