"""The #1 behaviour: ``coachlog focus set|close|show``.

The behaviour a rep works on, with its action plan, is ``focus:`` in the rep's profile; one at a
time, so setting another moves the current one to ``focus_history`` (its ``until`` set). Each
field-coaching date is a manager's commitment: an ``action`` goal the manager owns, due that
day, written into the rep's newest 1:1 in the same transaction as the profile; for a rep with
no 1:1 yet, into an action plan record of its own (``model.Plan``, ``plans/``), whose goals the
goal rules read as a 1:1's until the first 1:1 rolls the open ones forward.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from coachlog.core.digest import is_field_date
from coachlog.core.goals import GoalState
from coachlog.core.history import ONE_TICK
from coachlog.core.scaffold import plan_body, plan_front_matter
from coachlog.defaults import FIELD_COACHING_MEASURE
from coachlog.errors import NotFoundError, Notice, UsageError
from coachlog.model import Focus, Plan, Rep
from coachlog.ops.goals import (
    GoalChange,
    GoalInput,
    add_goal_within,
    change_within,
    check_goal_input,
    current_states,
    moment,
)
from coachlog.ops.newest import newest_one_on_one
from coachlog.store.journal import Journal
from coachlog.store.reading import validate
from coachlog.store.transaction import Transaction, transaction
from coachlog.store.yamlfile import Document
from coachlog.vocabulary import STUCK, UNDECIDED, check_choice

MAX_TEXT = 2000
COMMITMENT_MEASURE = FIELD_COACHING_MEASURE


@dataclass
class FocusChange:
    rep: str
    focus: Focus
    previous: Focus | None  # the focus moved to the history; None when there was none
    updated: bool  # the same behaviour again: its plan and dates updated in place
    path: Path
    commitments: list[GoalChange] = field(default_factory=list)
    dropped: list[GoalChange] = field(default_factory=list)  # open field dates no longer held
    changed: bool = True  # False: the same command again, nothing written

    @property
    def warnings(self) -> list[Notice]:
        return [w for c in self.commitments for w in c.warnings]


def _check_text(text: str, field: str, what: str) -> str:
    value = unicodedata.normalize("NFC", text).strip()  # one spelling for "é", however typed
    if not value:
        raise UsageError(f"{what} is empty", field=field)
    if len(value) > MAX_TEXT:
        raise UsageError(f"{what} is {len(value)} characters; keep it to {MAX_TEXT}", field=field)
    return value


def same_behaviour(a: str, b: str) -> bool:
    """The same words, whatever their case, spacing or Unicode form (NFC or NFD: an "é" typed
    as one character or as "e" and an accent)."""

    def words(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", text).casefold().split())

    return words(a) == words(b)


def commitment(rep: str, day: date) -> GoalInput:
    """The manager's commitment to coach ``rep`` in the field on ``day``."""
    return GoalInput(
        title=f"Field coaching with {rep} on {day.isoformat()} (#1 behaviour)",
        kind="action",
        owner="manager",
        due=day,
        measure=COMMITMENT_MEASURE,
        target=1,
    )


def is_commitment(goal: Any) -> bool:
    """A field-coaching commitment ``focus set`` made (an action goal the manager owns)."""
    return is_field_date(goal)


def open_commitments(journal: Journal, rep: str) -> list[GoalState]:
    """The rep's field-coaching commitments still open, each with its whole history, by day."""
    found = [
        GoalState.of(journal.goal_history(s.key), s.key)
        for s in current_states(journal, rep, status=UNDECIDED)
        if is_commitment(s.goal)
    ]
    return sorted(found, key=lambda s: (s.goal.due or date.max, s.goal.id))


def _drop(
    journal: Journal,
    change: Transaction,
    states: Sequence[GoalState],
    note: str,
    today: date,
    now: datetime | None,
) -> list[GoalChange]:
    dropped = []
    for state in states:
        dropped.append(
            change_within(journal, change, state, {"status": "dropped"}, note, today, now)
        )
        change.name(state.goal.id)
    return dropped


def set_focus(
    journal: Journal,
    rep: str,
    behaviour: str,
    plan: str | None,
    field_dates: Sequence[date] | None,
    today: date,
    now: datetime | None = None,
) -> FocusChange:
    """Make ``behaviour`` the rep's #1 behaviour as of ``today``, with its action plan, and
    commit the manager to each field-coaching date, all in one transaction or not at all.

    - The same behaviour again: its plan is updated, and field dates given replace the open
      ones (a date no longer given is dropped, a new one committed to).
    - Another behaviour: the previous one goes to the focus history, and its open field dates
      are dropped, with a note; the output asks whether it stuck (``focus close``).

    A date that already has its open commitment gets no second one, so running it again
    changes nothing more (and completes a run that was stopped between its files)."""
    text = _check_text(behaviour, "behaviour", "the behaviour")
    plan = _check_text(plan, "plan", "the action plan") if plan is not None else None
    dates = sorted(set(field_dates or ()))
    with transaction(journal, "focus set", rep) as change:
        doc = journal.rep_document(rep)
        before = validate(Rep, doc, what="a rep profile")  # never rewrite one that does not read
        same = before.focus is not None and same_behaviour(before.focus.behaviour, text)
        waiting = open_commitments(journal, rep)
        if same:
            stale = [s for s in waiting if field_dates is not None and s.goal.due not in dates]
            note = "field dates replaced by 'coachlog focus set'"
        else:
            stale = waiting
            note = f"the #1 behaviour changed to: {text}"
        kept = {s.goal.due for s in waiting if s not in stale}
        commitments = [commitment(rep, d) for d in dates if d not in kept]
        for given in commitments:
            check_goal_input(given)
        updated = _apply(doc.data, text, plan, dates if field_dates is not None else None, today)
        after: Rep = change.write_document(doc, Rep)
        dropped = _drop(journal, change, stale, note, today, now)
        at = moment(today, now)
        holder = None
        if commitments and not _has_one_on_one(journal, rep, today):
            assert after.focus is not None
            holder = _plan_record(journal, change, rep, after, today, at)
        # each commitment set a tick after the one before: a goal is told from the others by
        # the moment it was set (``core.goals.goal_key``), also once some are closed and the
        # rest roll forward without them
        added = [
            add_goal_within(journal, change, rep, given, today, at + n * ONE_TICK, holder)
            for n, given in enumerate(commitments)
        ]
    assert after.focus is not None
    previous = None if updated else before.focus
    changed = after != before or bool(added) or bool(dropped)
    return FocusChange(rep, after.focus, previous, updated, doc.path, added, dropped, changed)


def _has_one_on_one(journal: Journal, rep: str, today: date) -> bool:
    """Whether ``rep`` has a 1:1 on or before ``today`` to hold field dates (the one
    ``add_goal_within`` writes into: not a cancelled one)."""
    try:
        newest_one_on_one(journal, rep, today, to="hold the field-coaching commitments")
    except NotFoundError:
        return False
    return True


def _plan_record(
    journal: Journal, change: Transaction, rep: str, profile: Rep, today: date, at: datetime
) -> Path:
    """The record that holds the field-coaching commitments of a rep with no 1:1 on or before
    ``today``: the newest action plan of the same behaviour by then, else a new one (staged in
    ``change``)."""
    focus = profile.focus
    assert focus is not None
    for record in reversed(journal.records("plan", rep, until=today)):
        if same_behaviour(record.behaviour, focus.behaviour):
            return journal.record_path(record)
    path = journal.new_record_path("plan", today, rep)
    data = plan_front_matter(
        record_id=path.stem,
        rep=rep,
        manager=profile.manager or journal.config.manager,
        day=today,
        created=at,
        behaviour=focus.behaviour,
        plan=focus.plan,
    )
    change.write_document(
        Document.new(path, data, plan_body(profile.name or rep, today)), Plan, new=True
    )
    return path


@dataclass
class FocusClosed:
    rep: str
    focus: Focus  # the behaviour closed or answered for, as the history now holds it
    answered: bool  # True: it had ended already (a new #1); only whether it stuck was recorded
    path: Path
    dropped: list[GoalChange] = field(default_factory=list)


def close_focus(
    journal: Journal, rep: str, stuck: str, today: date, now: datetime | None = None
) -> FocusClosed:
    """Record whether a #1 behaviour stuck (``yes``, ``partly`` or ``no``): the one that just
    ended when a new one was set and has no answer yet; otherwise the current one, which ends
    today (to the history, its open field dates dropped with a note)."""
    check_choice(stuck, STUCK, "stuck", "an answer")
    with transaction(journal, "focus close", rep) as change:
        doc = journal.rep_document(rep)
        before = validate(Rep, doc, what="a rep profile")
        history = doc.data.get("focus_history")
        pending = _awaiting_answer(before)
        dropped: list[GoalChange] = []
        if pending is not None and isinstance(history, list):
            history[pending]["stuck"] = stuck
            answered = True
        elif before.focus is not None:
            ended = before.focus.model_copy(update={"until": today, "stuck": stuck})
            if not isinstance(history, list):
                doc.data["focus_history"] = history = []
            history.append({k: _fresh(v) for k, v in ended.model_dump(mode="python").items()})
            del doc.data["focus"]
            note = "the #1 behaviour was closed"
            dropped = _drop(journal, change, open_commitments(journal, rep), note, today, now)
            answered = False
        else:
            raise NotFoundError(
                f"{rep} has no #1 behaviour to close",
                field="rep",
                hint=f"set one with 'coachlog focus set --rep {rep} TEXT'",
            )
        after: Rep = change.write_document(doc, Rep)
    closed = after.focus_history[pending if pending is not None else -1]
    return FocusClosed(rep, closed, answered, doc.path, dropped)


def _awaiting_answer(profile: Rep) -> int | None:
    """The place in the focus history of the behaviour whose end a new #1 behaviour made and
    that has no answer to whether it stuck; ``None`` when there is none."""
    if not profile.focus_history:
        return None
    index = max(
        range(len(profile.focus_history)),
        key=lambda i: (profile.focus_history[i].until or date.min, i),
    )
    last = profile.focus_history[index]
    if last.stuck is not None or last.until is None:
        return None
    if profile.focus is not None and last.until < profile.focus.since:
        return None
    return index


def _day(value: date) -> date:
    """A date object of its own: the YAML dumper writes one object met twice as an anchor and
    an alias, which no reader of the profile would accept."""
    return date(value.year, value.month, value.day)


def _fresh(value: Any) -> Any:
    if isinstance(value, list):
        return [_fresh(v) for v in value]
    return _day(value) if isinstance(value, date) else value


def _apply(
    data: Any, behaviour: str, plan: str | None, dates: list[date] | None, today: date
) -> bool:
    """Set the focus in profile ``data``; True when it was the same behaviour, updated (field
    ``dates`` given replace its own; ``None``: they stay)."""
    current = data.get("focus")
    if isinstance(current, dict) and same_behaviour(str(current.get("behaviour", "")), behaviour):
        if plan is not None:
            current["plan"] = plan
        if dates is not None:
            held = [d for d in (current.get("field_dates") or []) if isinstance(d, date)]
            if dates != held:
                current["field_dates"] = [_day(d) for d in dates]
        return True
    if isinstance(current, dict):
        old = Focus.model_validate(dict(current))
        ended = old.model_copy(update={"until": today}).model_dump(mode="python")
        ended = {k: _fresh(v) for k, v in ended.items()}
        history = data.get("focus_history")
        if not isinstance(history, list):
            data["focus_history"] = history = []
        history.append(ended)
    data["focus"] = {
        "behaviour": behaviour,
        "plan": plan or "",
        "since": _day(today),
        "field_dates": [_day(d) for d in dates or ()],
    }
    return False


def show_focus(journal: Journal, rep: str) -> Rep:
    return journal.rep(rep)
