"""Coaching goals: ``coachlog goals add|open|done|miss|drop|reopen|progress|edit|show|reid``.

A goal is written into the rep's newest 1:1; every later change is an event (``core.history``)
written, with the history it follows, into the newest record that holds the goal, as one
transaction (``store.transaction``) that edits only that goal's lines of that one file.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from coachlog.core.amounts import check_amount
from coachlog.core.goals import (
    ID_ALPHABET,
    GoalState,
    entry_keys,
    goal_warnings,
    new_goal_id,
    open_goals,
    resolve,
)
from coachlog.core.history import CLOSED, CONFLICT, EVENT_FIELDS, Event, next_moment
from coachlog.errors import CoachlogError, NotFoundError, Notice, UsageError, shown
from coachlog.ops.newest import newest_one_on_one
from coachlog.store.journal import Journal
from coachlog.store.transaction import Transaction, transaction
from coachlog.vocabulary import GOAL_KINDS, GOAL_OWNERS, UNDECIDED, VERIFIERS, check_choice

if TYPE_CHECKING:  # imported where used: listing open goals needs neither pydantic nor YAML
    from pathlib import Path

    from coachlog.model import Goal
    from coachlog.store.index import GoalRow

CLOSING = {"done": "done", "miss": "missed", "drop": "dropped"}
LISTED = UNDECIDED  # what ``goals open`` lists: a conflict waits for a decision too


def moment(today: date, now: datetime | None = None) -> datetime:
    """When a change is made: the clock's time where the person is, on ``today``'s day when
    ``today`` is fixed (``--today``, for back-filling and reproducible runs)."""
    now = now or datetime.now().astimezone()
    if now.date() != today:
        now = now.replace(year=today.year, month=today.month, day=today.day)
    return now


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
    why: str | None = None


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
    warnings: list[Notice] = field(default_factory=list)


def _random_token(n: int) -> str:
    import secrets  # hmac and hashlib behind it: only for a command that makes an id

    return "".join(secrets.choice(ID_ALPHABET) for _ in range(n))


def current_states(
    journal: Journal,
    rep: str | None = None,
    status: str | tuple[str, ...] | None = "open",
    touching: date | None = None,
    history_after: date | None = None,
) -> list[GoalState]:
    """Goals as their histories give them, from the index alone (see
    ``Journal.current_goals`` for the filters). Their ``history`` holds the newest entry only
    (``goals show`` reads the whole of it)."""
    rows = journal.current_goals(rep, status, touching, history_after)
    return [state_of(row) for row in rows]


def state_of(row: GoalRow) -> GoalState:
    """A goal as the index gives it, as a state (its ``history``: the newest entry alone)."""
    return GoalState(
        row.goal,
        row.record.rep,
        row.record,
        ((row.record, row.goal),),
        row.set_in,
        row.closed_on,
        row.goal.history,
        key=row.key,
    )


def check_goal_input(goal: GoalInput) -> None:
    if not goal.title.strip():
        raise UsageError("a goal needs a title", field="title")
    check_choice(goal.kind, GOAL_KINDS, "kind", "a goal kind")
    check_choice(goal.owner, GOAL_OWNERS, "owner", "an owner")
    if goal.verifier is not None:
        check_choice(goal.verifier, VERIFIERS, "verifier", "a verifier")
        if goal.kind != "opportunity":
            raise UsageError("a verifier belongs to opportunity goals", field="verifier")
    if goal.target is not None:
        check_number(goal.target, "target")


def check_number(value: float, field: str) -> None:
    """A number given for an amount or a count: finite, zero or more, at most ``MAX_AMOUNT``."""
    if not math.isfinite(value):
        raise UsageError(f"must be a number, not {value:g}", field=field)
    if value < 0:
        raise UsageError(f"must be zero or more, not {value:g}", field=field)
    try:
        check_amount(value, f"{value:g}")
    except ValueError as exc:
        raise UsageError(str(exc), field=field) from None


def _new_goal(**fields: Any) -> Goal:
    """The goal the input describes; a value the record could not hold is an error about it."""
    from pydantic import ValidationError

    from coachlog.model import Goal

    try:
        return Goal(**fields)
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err["loc"] else ""
        message = err["msg"].removeprefix("Value error, ")
        raise UsageError(message, field=name or None) from None


def add_goal(
    journal: Journal, rep: str, given: GoalInput, today: date, now: datetime | None = None
) -> GoalChange:
    """Write a new goal into ``rep``'s newest 1:1 dated on or before ``today`` that was not
    cancelled."""
    check_goal_input(given)
    journal.rep(rep)
    with transaction(journal, "goals add", rep) as change:
        made = add_goal_within(journal, change, rep, given, today, moment(today, now))
    return made


def add_goal_within(
    journal: Journal,
    change: Transaction,
    rep: str,
    given: GoalInput,
    today: date,
    at: datetime,
    holder: Path | None = None,
) -> GoalChange:
    """Add the goal within ``change`` (``focus set`` adds several, with the profile): into the
    rep's newest 1:1 on or before ``today``, or into the action plan ``holder`` (a
    ``model.Plan`` record, staged in ``change`` or on disk)."""
    from coachlog.model import OneOnOne, Plan
    from coachlog.store.yamlfile import Document

    config = journal.config
    others = [s.goal for s in open_goals(current_states(journal, rep), rep)]
    model: type[OneOnOne | Plan] = Plan
    if holder is None:
        journal.require_readable("1on1", rep)  # its newest 1:1 may be the one that does not
        record = newest_one_on_one(journal, rep, today, to="hold the goal")
        holder, model = journal.record_path(record), OneOnOne
    path = holder
    staged = change.staged.get(path)
    doc = _staged_document(change, path) or Document.load(path)
    taken = {*journal.goal_ids(), *(g.get("id") for g in doc.data.get("goals") or () if g)}
    goal = _new_goal(
        id=new_goal_id(taken, _random_token),
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
        why=" ".join(given.why.split()) or None if given.why is not None else None,
        # the first event says what was committed to, so a re-commit shows old and new
        history=[
            {
                "at": at,
                "status": "open",
                **{
                    k: v
                    for k, v in (
                        ("title", given.title.strip()),
                        ("due", given.due),
                        ("target", given.target),
                        ("measure", given.measure),
                    )
                    if v is not None
                },
            }
        ],
    )
    warnings = goal_warnings(goal, others, config.goal_limits, config.warnings, today, new=True)
    goals = doc.data.get("goals")
    if goals is None:
        doc.data["goals"] = goals = []
    from coachlog.core.scaffold import goal_front_matter

    goals.append(goal_front_matter(goal))
    change.name(goal.id)
    record = change.write_document(doc, model, new=staged is not None and staged[1])
    state = GoalState.of(((record, goal),))
    return GoalChange(state, journal.relative(path), warnings)


def _staged_document(change: Transaction, path: Any) -> Any:
    """The document ``change`` already holds for ``path``, as staged (several goals added to
    one record in one change)."""
    from coachlog.store.yamlfile import Document

    staged = change.staged.get(path)
    if staged is None:
        return None
    return Document.parse(path, staged[0])


def reid_goal(
    journal: Journal, prefix: str, rep: str, today: date | None = None, now: datetime | None = None
) -> tuple[str, GoalChange]:
    """Give ``rep``'s goal of this id a new id in every record that holds it (where two of the
    rep's own goals share it, the one set later); its old id and the change. The new id is an
    event of the goal's history, so a clone that still has the old id merges into the same
    goal; a goal copied by hand within a record becomes a goal of its own, set now."""
    from coachlog.core.scaffold import event_front_matter
    from coachlog.model import OneOnOne
    from coachlog.store.yamlfile import Document

    journal.rep(rep)
    day = today or date.today()
    with transaction(journal, "goals reid", rep) as change:
        journal.require_readable("1on1", rep)  # a copy of the goal may be in one that does not
        goal_id = resolve(prefix, journal.goal_ids())
        rows = [r for r in journal.goals_named(goal_id) if r.record.rep == rep]
        if not rows:
            raise NotFoundError(f"{rep} has no goal {goal_id}", field="rep")
        chosen = max(rows, key=lambda r: (r.goal.set, r.key))
        new_id = new_goal_id(journal.goal_ids(), _random_token)
        change.name(goal_id, new_id)
        state = GoalState.of(journal.goal_history(chosen.key), chosen.key)
        at = next_moment(state.events, moment(day, now))
        goal = state.goal
        if "#" in chosen.key:  # a copy made by hand: a goal of its own from now, as it reads
            first = Event(
                at, status="open", title=goal.title, due=goal.due, target=goal.target,
                measure=goal.measure,
            )  # fmt: skip
            renamed = None
        else:  # the same goal under a new id: an event of its history, the old id in it
            renamed = Event(at, id=new_id, was=goal_id)
        for record, _ in state.history:
            path = journal.record_path(record)
            doc = Document.load(path)
            entries = doc.data.get("goals") or []
            keys = entry_keys(rep, record.goals)  # type: ignore[union-attr]
            for index in (i for i, k in enumerate(keys) if k == chosen.key):
                entries[index]["id"] = new_id
                if renamed is None:
                    entries[index]["history"] = [event_front_matter(first)]
                    continue
                history = entries[index].get("history")
                if not isinstance(history, list):
                    entries[index]["history"] = history = []
                history.append(event_front_matter(renamed))
            # the body is left as written: its agenda lines name the goal as it was then
            change.write_document(doc, OneOnOne)
    found = find(journal, new_id, rep)
    return goal_id, GoalChange(found, journal.relative(journal.record_path(found.record)))


def find_key(journal: Journal, prefix: str, rep: str | None = None) -> str:
    """The key of the one goal ``prefix`` names (with ``rep``, among that rep's goals). An id
    shared by two goals is ambiguous: the error names both and how to tell them apart."""
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
        renamed = journal.renamed(wanted) if len(wanted) >= 4 else []
        if renamed:
            now = ", ".join(f"{r.goal.id} ({r.record.rep})" for r in renamed)
            raise NotFoundError(
                f"goal {wanted} was given a new id: {now}", hint="use the new id"
            ) from None
        raise
    rows = journal.goals_named(goal_id)
    if rep is not None:
        rows = [r for r in rows if r.record.rep == rep]
        if not rows:
            raise NotFoundError(f"{rep} has no goal {goal_id}", field="rep")
    if len(rows) > 1:
        places = "; ".join(
            f"{r.record.rep}: {shown(r.goal.title)} "
            f"({journal.relative(journal.record_path(r.record))})"
            for r in rows
        )
        reps = sorted({r.record.rep for r in rows})
        how = (
            f"'coachlog goals reid {goal_id} --rep {reps[-1]}'"
            if len(reps) > 1
            else f"'coachlog goals reid {goal_id} --rep {reps[0]}' (it renames the newer one)"
        )
        raise UsageError(
            f"goal id {goal_id} is ambiguous: {len(rows)} goals have it ({places})",
            hint=f"give one a new id with {how}",
        )
    return rows[0].key


def find(journal: Journal, prefix: str, rep: str | None = None) -> GoalState:
    """The goal ``prefix`` names, with its whole history."""
    key = find_key(journal, prefix, rep)
    return GoalState.of(journal.goal_history(key), key)


def _change(
    journal: Journal,
    prefix: str,
    action: str,
    decide: Callable[[GoalState], dict[str, Any]],
    note: str | None,
    today: date,
    now: datetime | None,
) -> GoalChange:
    """Record one event on the goal ``prefix`` names: ``decide`` says what it changes (or
    refuses, with an error); it is written, with the history it follows and the note, into the
    newest record that holds the goal."""
    note = check_note(note)
    with transaction(journal, action) as change:
        state = find(journal, prefix)
        made = change_within(journal, change, state, decide(state), note, today, now)
        change.name(state.goal.id, state.rep)
    return made


def change_within(
    journal: Journal,
    change: Transaction,
    state: GoalState,
    changes: dict[str, Any],
    note: str | None,
    today: date,
    now: datetime | None,
) -> GoalChange:
    """Write the event making ``changes`` to the goal of ``state`` within ``change`` (``focus
    set`` drops several commitments with the profile), with the note, into the newest record
    that holds the goal."""
    from coachlog.model import RECORD_MODELS
    from coachlog.store.yamlfile import Document

    # a newer entry of the goal may be in one of the rep's 1:1s that does not read
    journal.require_readable("1on1", state.rep, since=state.record.date)
    at = next_moment(state.events, moment(today, now))
    event = Event(at, **changes, on=today if at.date() != today else None)
    path = journal.record_path(state.record)
    doc = _staged_document(change, path) or Document.load(path)
    entries = doc.data.get("goals") or []
    keys = entry_keys(state.rep, state.record.goals)  # type: ignore[union-attr]
    index = keys.index(state.key)
    write_entry(entries[index], state, event, f"{event.day.isoformat()}: {note}" if note else None)
    record = change.write_document(doc, RECORD_MODELS[state.record.kind])
    return GoalChange(
        GoalState.of((*state.history[:-1], (record, record.goals[index])), state.key),
        journal.relative(path),
    )


def write_entry(entry: Any, state: GoalState, event: Event | None, note: str | None) -> None:
    """Bring a goal's entry (front matter, changed in place) to what its history says once
    ``event`` is added: the whole history in order, each field as the fold gives it, the
    notes of every copy, and ``note``."""
    values = {name: getattr(state.goal, name) for name in EVENT_FIELDS}
    closed = state.closed_on
    if event is not None:
        values.update((k, v) for k, v in event.changes().items())
        if event.status is not None:
            closed = event.day if event.status in CLOSED else None
    for name, value in values.items():
        if name == "status" and value == CONFLICT:
            continue  # an entry cannot show a conflict; its history does
        if value is not None and entry.get(name) != value:
            _set_key(entry, name, value)
    if values["status"] in CLOSED and closed is not None:
        if entry.get("closed") != closed:
            _set_key(entry, "closed", closed)
    elif values["status"] == "open" and "closed" in entry:
        del entry["closed"]
    notes = [*state.goal.notes, *((note,) if note else ())]
    held = entry.get("notes")
    held = held if isinstance(held, list) else ([held] if isinstance(held, str) and held else [])
    missing = [n for n in notes if n not in held]
    if missing:
        if isinstance(entry.get("notes"), list):
            entry["notes"].extend(missing)
        else:
            entry["notes"] = [*held, *missing]
    from coachlog.core.scaffold import event_front_matter

    events = sorted({*state.events, *((event,) if event else ())}, key=lambda e: e.key)
    kept = {Event.of(dict(e)).key: e for e in entry.get("history") or () if isinstance(e, dict)}
    if events or "history" in entry:  # a goal from before events gets one with its first
        entry["history"] = [kept.get(e.key) or event_front_matter(e) for e in events]


def _set_key(entry: Any, name: str, value: Any) -> None:
    """Set a goal's field; a new one goes before its notes and history, which close it."""
    if name in entry or not hasattr(entry, "insert"):
        entry[name] = value
        return
    keys = list(entry)
    tail = [keys.index(k) for k in ("notes", "history") if k in entry]
    entry.insert(min(tail) if tail else len(keys), name, value)


def check_note(note: str | None) -> str | None:
    if note is None:
        return None
    text = " ".join(note.split())
    if not text:
        return None
    if len(text) > 1000:
        raise UsageError(f"the note is {len(text)} characters; keep it to 1000", field="note")
    return text


def close_goal(
    journal: Journal,
    prefix: str,
    verb: str,
    note: str | None,
    today: date,
    now: datetime | None = None,
) -> GoalChange:
    """Mark a goal done, missed or dropped, as of ``today``; a goal in conflict is settled."""
    status = CLOSING[verb]

    def decide(state: GoalState) -> dict[str, Any]:
        goal = state.goal
        if goal.status in CLOSED:
            raise UsageError(
                f"goal {goal.id} is already {goal.status} (on {state.closed_on})",
                hint=f"to change the decision, run 'coachlog goals reopen {goal.id}' first",
            )
        return {"status": status}

    made = _change(journal, prefix, f"goals {verb}", decide, note, today, now)
    goal = made.state.goal
    short = goal.target is not None and (goal.progress or 0) < goal.target
    if status == "done" and short and journal.config.warnings.done_below_target:
        measure = f" {goal.measure}" if goal.measure else ""
        made.warnings.append(
            Notice(
                f"goal {goal.id} is done at {goal.progress or 0:g} of {goal.target:g}{measure}; "
                f"if the target was not reached, 'coachlog goals reopen {goal.id}' and "
                f"'coachlog goals miss {goal.id}' say so"
            )
        )
    return made


def reopen_goal(
    journal: Journal, prefix: str, note: str | None, today: date, now: datetime | None = None
) -> GoalChange:
    """Undo a close (or settle a conflict) by opening the goal again."""

    def decide(state: GoalState) -> dict[str, Any]:
        if state.goal.status == "open":
            raise UsageError(f"goal {state.goal.id} is open; there is nothing to reopen")
        return {"status": "open"}

    return _change(journal, prefix, "goals reopen", decide, note, today, now)


def record_progress(
    journal: Journal,
    prefix: str,
    value: float,
    note: str | None,
    today: date,
    now: datetime | None = None,
    *,
    add: bool = False,
) -> GoalChange:
    """Set the goal's progress to ``value``; with ``add``, add ``value`` (which may be
    negative) to the progress so far."""
    if add and math.isfinite(value):
        check_number(abs(value), "value")
    else:
        check_number(value, "value")

    def decide(state: GoalState) -> dict[str, Any]:
        _must_be_open(state)
        if not add:
            return {"progress": value}
        total = (state.goal.progress or 0) + value
        if total < 0:
            so_far = state.goal.progress or 0
            raise UsageError(
                f"{value:+g} would take the progress below zero (it is {so_far:g})", field="value"
            )
        return {"progress": total}

    return _change(journal, prefix, "goals progress", decide, note, today, now)


@dataclass
class GoalEdit:
    title: str | None = None
    due: date | None = None
    target: float | None = None
    measure: str | None = None


def edit_goal(
    journal: Journal,
    prefix: str,
    edit: GoalEdit,
    note: str | None,
    today: date,
    now: datetime | None = None,
) -> GoalChange:
    """Re-commit: a new title, due date, target or measure, kept in the goal's history."""
    given: dict[str, Any] = {}
    if edit.title is not None:
        title = " ".join(edit.title.split())
        if not title:
            raise UsageError("a goal needs a title", field="title")
        if len(title) > 300:
            raise UsageError(f"the title is {len(title)} characters; keep it to 300", field="title")
        given["title"] = title
    if edit.due is not None:
        given["due"] = edit.due
    if edit.target is not None:
        check_number(edit.target, "target")
        given["target"] = float(edit.target)
    if edit.measure is not None:
        measure = " ".join(edit.measure.split())
        if not measure or len(measure) > 2000:
            raise UsageError("give the measure in words, up to 2000 characters", field="measure")
        given["measure"] = measure
    if not given:
        raise UsageError("say what to change: the title, due date, target or measure")

    def decide(state: GoalState) -> dict[str, Any]:
        goal = state.goal
        changed = {k: v for k, v in given.items() if getattr(goal, k) != v}
        if not changed:
            raise UsageError(f"goal {goal.id} already reads so; nothing to change")
        if "due" in changed and changed["due"] < goal.set:
            raise UsageError(
                f"the due date {changed['due']} is before the goal was set ({goal.set})",
                field="due",
            )
        return changed

    return _change(journal, prefix, "goals edit", decide, note, today, now)


def _must_be_open(state: GoalState) -> None:
    goal = state.goal
    if goal.status == CONFLICT:
        raise UsageError(
            f"goal {goal.id} is in conflict (closed differently in two places)",
            hint=f"settle it first: see 'coachlog goals show {goal.id}', then done, miss, drop "
            "or reopen it",
        )
    if goal.status != "open":
        closed = f" on {state.closed_on}" if state.closed_on else ""
        raise UsageError(f"goal {goal.id} is already {goal.status}{closed}")


def list_open(journal: Journal, which: GoalFilter, today: date) -> list[GoalState]:
    if which.rep is not None:
        journal.rep(which.rep)
    if which.owner is not None:
        check_choice(which.owner, GOAL_OWNERS, "owner", "an owner")
    if which.kind is not None:
        check_choice(which.kind, GOAL_KINDS, "kind", "a goal kind")
    found = open_goals(current_states(journal, which.rep, LISTED), which.rep)
    archived = set(journal.archived_handles()) if which.rep is None else set()
    return [
        s
        for s in found
        if s.rep not in archived  # an archived rep's goals are in their history, not listed
        and (which.owner is None or s.goal.owner == which.owner)
        and (which.kind is None or s.goal.kind == which.kind)
        and (not which.overdue or s.overdue(today))
    ]
