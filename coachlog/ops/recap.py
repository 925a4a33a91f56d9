"""``coachlog recap``: what the rep keeps from a 1:1, to send after the meeting.

Structured facts only: the goals set in the 1:1, those progressed or closed on its day, the
rep's open goals with their due dates, the manager's commitments, and the call-review scores
discussed. Never the Notes, a Private section, a ``private:`` field or a goal's notes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from coachlog.core.goals import GoalState, resolve
from coachlog.core.history import is_set_event, own_events
from coachlog.errors import NotFoundError
from coachlog.model import CallReview, OneOnOne
from coachlog.ops.goals import current_states
from coachlog.store.journal import Journal
from coachlog.vocabulary import UNDECIDED


@dataclass
class Recap:
    record: OneOnOne
    rep_name: str
    set: list[Any] = field(default_factory=list)  # goals set in the 1:1
    moved: list[tuple[Any, list[str]]] = field(default_factory=list)  # a goal, what changed
    open: list[GoalState] = field(default_factory=list)  # the rep's, with due dates
    commitments: list[GoalState] = field(default_factory=list)  # the manager's, open
    reviews: list[CallReview] = field(default_factory=list)


def find_one_on_one(journal: Journal, prefix: str) -> OneOnOne:
    candidates = journal.record_ids("1on1", prefix.strip().lower())
    try:
        record_id = resolve(prefix, candidates, what="1:1")
    except NotFoundError as exc:
        exc.field = "record_id"
        exc.hint = "a 1:1's id is its file name under 1on1/, without .md"
        raise
    record, _ = journal.read_record(candidates[record_id])
    assert isinstance(record, OneOnOne)
    return record


def recap_of(journal: Journal, prefix: str) -> Recap:
    """The recap of the 1:1 ``prefix`` names (its id or a unique prefix of it)."""
    record = find_one_on_one(journal, prefix)
    rep = record.rep
    profile = journal.reps().get(rep)
    found = Recap(record, (profile.name if profile else "") or rep)
    states = current_states(journal, rep, status=None)
    set_here = [s.goal for s in states if s.set_in == record.id]
    set_ids = {g.id for g in set_here}
    # the rep's own goals: the manager's commitments have their own list below
    found.set = [g for g in set_here if g.owner == "rep"]
    for goal in record.goals:
        if goal.id in set_ids:
            continue
        changes = []
        for event in own_events(goal):
            if event.day != record.date or is_set_event(event):
                continue  # another day's, or the goal's setting (set elsewhere that day)
            if event.progress is not None:
                changes.append(f"progress {event.progress:g}")
            if event.status is not None:
                changes.append(event.status)
            if event.due is not None:
                changes.append(f"due moved to {event.due}")
            if event.target is not None:
                changes.append(f"target {event.target:g}")
        if changes:
            found.moved.append((goal, changes))
    waiting = [s for s in states if s.goal.status in UNDECIDED]
    by_due = sorted(waiting, key=lambda s: (s.goal.due or record.date.max, s.goal.id))
    found.open = [s for s in by_due if s.goal.owner == "rep"]
    found.commitments = [s for s in by_due if s.goal.owner == "manager"]
    if record.reviews:
        reviews = journal.records("review", rep)
        found.reviews = [r for r in reviews if r.id in record.reviews]
    return found
