"""``coachlog new``: new records (a 1:1 now; reviews, debriefs, observations later)."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
from pathlib import Path

import typer

from coachlog.cli.common import day_from, echo, say, state, warn

app = typer.Typer(help="Write a new record and open it in your editor.", no_args_is_help=True)


def open_in_editor(path: Path, edit: bool | None) -> None:
    """Open ``path`` in $VISUAL or $EDITOR, only on a terminal (never in a pipe)."""
    if edit is False or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        if edit:
            warn("set $VISUAL or $EDITOR to open new records in your editor")
        return
    try:
        subprocess.run([*shlex.split(editor), str(path)], check=False)
    except OSError as exc:
        warn(f"could not start the editor {editor!r}: {exc.strerror}")


@app.command("1on1")
def one_on_one(
    ctx: typer.Context,
    rep: str = typer.Option(..., "--rep", help="The rep's handle."),
    day: str = typer.Option(
        None, "--date", metavar="YYYY-MM-DD", help="Day of the 1:1 (default: today)."
    ),
    minutes: int = typer.Option(
        None, "--minutes", help="Length in minutes, a multiple of 5 (default: config)."
    ),
    edit: bool = typer.Option(
        None, "--edit/--no-edit", help="Open it in $VISUAL/$EDITOR (default: on a terminal)."
    ),
) -> None:
    """Write a 1:1 record: an agenda fit for the period phase, with every open goal rolled
    forward. Prints the new file's path.

    Example: coachlog new 1on1 --rep alice --date 2026-11-23 --minutes 30
    """
    from coachlog.ops.one_on_one import new_one_on_one

    st = state(ctx)
    today = st.today
    when = day_from(day, "--date", today) if day else today
    journal = st.journal()
    record, plan = new_one_on_one(journal, rep, when, minutes, st.now())
    for text in plan.warnings:
        warn(text)
    path = journal.root / "1on1" / f"{when.year:04d}" / f"{record.id}.md"
    echo(journal.relative(path))
    carried = len(plan.goals)
    goals = f"{carried} open goal{'s' if carried != 1 else ''} rolled forward"
    say(
        f"1:1 with {rep} on {when}: {plan.agenda.phase} phase of {plan.agenda.period.label}, "
        f"{plan.agenda.minutes} minutes, {goals}."
    )
    open_in_editor(path, edit)
