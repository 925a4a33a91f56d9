"""What the shell completes from the journal: rep handles, goal ids and record ids.

Each function is a typer ``autocompletion`` of an option or argument; it is called while the
shell asks (``coachlog completion``), reads the journal's index and never fails: a journal
that cannot be found or read completes nothing, and nothing is printed but the candidates.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import typer

from coachlog.errors import CoachlogError


def _quiet() -> tuple[type[Exception], ...]:
    """What reading the journal may raise while the shell waits: none of it reaches the
    prompt."""
    import sqlite3  # not for every command that imports this module

    return (CoachlogError, OSError, sqlite3.Error, ValueError)


def _journal(ctx: typer.Context) -> Any:
    """The journal the command line names (``--journal`` before the command), else
    ``$COACHLOG_JOURNAL``, else the folders up from here."""
    from coachlog.store.journal import Journal, find_journal

    given = ctx.find_root().params.get("journal")
    option = given[0] if isinstance(given, list | tuple) and given else given or None
    return Journal(find_journal(option, os.environ, Path.cwd()))


def complete_rep(ctx: typer.Context, incomplete: str) -> list[str]:
    """The handles of the reps (archived ones left out)."""
    try:
        journal = _journal(ctx)
        return [h for h in journal.rep_handles() if h.startswith(incomplete)]
    except _quiet():
        return []


def _goals(ctx: typer.Context, incomplete: str, status: Any) -> list[tuple[str, str]]:
    try:
        journal = _journal(ctx)
        rows = journal.current_goals(status=status)
        archived = set(journal.archived_handles())
    except _quiet():
        return []
    found = {
        row.goal.id: f"{row.record.rep}: {row.goal.title}"
        for row in rows
        if row.goal.id.startswith(incomplete) and row.record.rep not in archived
    }
    return sorted(found.items())


def complete_open_goal(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The ids of the goals still open (or closed two ways), each with its rep and title."""
    from coachlog.vocabulary import UNDECIDED

    return _goals(ctx, incomplete, UNDECIDED)


def complete_goal(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The ids of every goal, open or closed."""
    return _goals(ctx, incomplete, None)


def _records(ctx: typer.Context, incomplete: str, kind: str | None) -> list[str]:
    try:
        return sorted(_journal(ctx).record_ids(kind, incomplete))
    except _quiet():
        return []


def complete_record(ctx: typer.Context, incomplete: str) -> list[str]:
    """The ids of the records that read."""
    return _records(ctx, incomplete, None)


def complete_one_on_one(ctx: typer.Context, incomplete: str) -> list[str]:
    """The ids of the 1:1s."""
    return _records(ctx, incomplete, "1on1")


def complete_topic(ctx: typer.Context, incomplete: str) -> list[str]:
    """The ids of the topics."""
    return _records(ctx, incomplete, "topic")


def complete_review(ctx: typer.Context, incomplete: str) -> list[str]:
    """The ids of the call reviews."""
    return _records(ctx, incomplete, "review")
