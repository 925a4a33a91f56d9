"""The #1 behaviour: ``coachlog focus set|show``.

The behaviour a rep works on, with its action plan, is ``focus:`` in the rep's profile; one at a
time, so setting another moves the current one to ``focus_history`` (its ``until`` set). Each
field-coaching date is a manager's commitment: an ``action`` goal the manager owns, due that
day, written into the rep's newest 1:1 in the same transaction as the profile.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from coachlog.errors import NotFoundError, Notice, UsageError
from coachlog.model import Focus, Rep
from coachlog.ops.goals import (
    GoalChange,
    GoalInput,
    add_goal_within,
    check_goal_input,
    current_states,
    moment,
)
from coachlog.store.journal import Journal
from coachlog.store.reading import validate
from coachlog.store.transaction import transaction

MAX_TEXT = 2000
COMMITMENT_MEASURE = "field coaching session"


@dataclass
class FocusChange:
    rep: str
    focus: Focus
    previous: Focus | None  # the focus moved to the history; None when there was none
    updated: bool  # the same behaviour again: its plan and dates updated in place
    path: Path
    commitments: list[GoalChange] = field(default_factory=list)

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


def set_focus(
    journal: Journal,
    rep: str,
    behaviour: str,
    plan: str | None,
    field_dates: Sequence[date],
    today: date,
    now: datetime | None = None,
) -> FocusChange:
    """Make ``behaviour`` the rep's #1 behaviour as of ``today``, with its action plan, and
    commit the manager to each field-coaching date: the profile and the 1:1 holding the
    commitments change together, in one transaction, or not at all. A date that already has
    its commitment gets no second one, so running it again changes nothing more (and completes
    a run that was stopped between its two files)."""
    text = _check_text(behaviour, "behaviour", "the behaviour")
    plan = _check_text(plan, "plan", "the action plan") if plan is not None else None
    dates = sorted(set(field_dates))
    with transaction(journal, "focus set", rep) as change:
        doc = journal.rep_document(rep)
        before = validate(Rep, doc, what="a rep profile")  # never rewrite one that does not read
        committed = {
            s.goal.due
            for s in current_states(journal, rep, status=None)
            if s.goal.owner == "manager"
            and s.goal.measure == COMMITMENT_MEASURE
            and s.goal.status != "dropped"
        }
        commitments = [commitment(rep, d) for d in dates if d not in committed]
        for given in commitments:
            check_goal_input(given)
        if commitments and not [r for r in journal.records("1on1", rep) if r.date <= today]:
            raise NotFoundError(
                f"{rep} has no 1:1 on or before {today} to hold the field-coaching "
                "commitments; nothing was written",
                field="field_dates",
                hint=f"run 'coachlog new 1on1 --rep {rep}' first, or give no field dates",
            )
        updated = _apply(doc.data, text, plan, dates, today)
        after: Rep = change.write_document(doc, Rep)
        at = moment(today, now)
        added = [add_goal_within(journal, change, rep, given, today, at) for given in commitments]
    assert after.focus is not None
    previous = None if updated else before.focus
    return FocusChange(rep, after.focus, previous, updated, doc.path, added)


def _day(value: date) -> date:
    """A date object of its own: the YAML dumper writes one object met twice as an anchor and
    an alias, which no reader of the profile would accept."""
    return date(value.year, value.month, value.day)


def _fresh(value: Any) -> Any:
    if isinstance(value, list):
        return [_fresh(v) for v in value]
    return _day(value) if isinstance(value, date) else value


def _apply(data: Any, behaviour: str, plan: str | None, dates: list[date], today: date) -> bool:
    """Set the focus in profile ``data``; True when it was the same behaviour, updated."""
    current = data.get("focus")
    if isinstance(current, dict) and same_behaviour(str(current.get("behaviour", "")), behaviour):
        if plan is not None:
            current["plan"] = plan
        if dates:
            held = [d for d in (current.get("field_dates") or []) if isinstance(d, date)]
            merged = sorted({*held, *dates})
            if merged != held:
                current["field_dates"] = [_day(d) for d in merged]
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
        "field_dates": [_day(d) for d in dates],
    }
    return False


def show_focus(journal: Journal, rep: str) -> Rep:
    return journal.rep(rep)
