"""``coachlog held`` and ``coachlog cancel``: what became of a 1:1."""

from __future__ import annotations

import typer

from coachlog.cli.common import echo, say, state
from coachlog.cli.completing import complete_one_on_one

RECORD_ID = typer.Argument(
    ...,
    metavar="ID",
    help="The 1:1's id (its file name without .md), or a unique prefix of it.",
    autocompletion=complete_one_on_one,
)


def held(
    ctx: typer.Context,
    record_id: str = RECORD_ID,
    minutes: int = typer.Option(
        None, "--minutes", help="What it took, in minutes (default: as planned)."
    ),
) -> None:
    """Record that a 1:1 was held, and how long it took.

    Reports count a held 1:1 at the minutes it took. A 1:1 written for a later day is
    planned until then; one whose day has come counts as held unless it was cancelled.
    Prints the record's path.

    \b
    Example: coachlog held 2026-11-24-alice --minutes 25
    """
    from coachlog.ops.meetings import held as record_held

    st = state(ctx)
    done = record_held(st.journal(), record_id, minutes, st.today)
    echo(done.path)
    record = done.record
    took = f"{record.coaching_minutes} minutes"
    if record.held_minutes is not None and record.held_minutes != record.minutes:
        took += f" ({record.minutes} planned)"
    say(f"1:1 with {record.rep} on {record.date}: held, {took}.")


def cancel(
    ctx: typer.Context,
    record_id: str = RECORD_ID,
    note: str = typer.Option(
        None, "--note", help="Why, in a line (kept in the record, never in a report)."
    ),
) -> None:
    """Record that a 1:1 was cancelled: reports stop counting it.

    Neither it nor its minutes count in reports; its goals stay as they are. Prints the
    record's path.

    \b
    Example: coachlog cancel 2026-11-26-bob --note "Bob out sick"
    """
    from coachlog.ops.meetings import cancel as record_cancel

    st = state(ctx)
    done = record_cancel(st.journal(), record_id, note, st.today)
    echo(done.path)
    record = done.record
    say(f"1:1 with {record.rep} on {record.date}: cancelled (was {done.was}).")
