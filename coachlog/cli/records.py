"""``coachlog log``, ``show``, ``edit`` and ``search``: reading the journal's records."""

from __future__ import annotations

import typer

from coachlog.cli.common import (
    DATE_FORMS_HELP,
    day_from,
    echo,
    format_option,
    print_view,
    resolve_format,
    say,
    state,
)
from coachlog.cli.completing import complete_record, complete_rep
from coachlog.render.formats import FORMATS
from coachlog.vocabulary import RECORD_KINDS, one_of

RECORD_ID = typer.Argument(
    ...,
    metavar="ID",
    help="A record's id, or a unique prefix of it.",
    autocompletion=complete_record,
)


def log(
    ctx: typer.Context,
    rep: str = typer.Option(
        None, "--rep", help="Only this rep's records.", autocompletion=complete_rep
    ),
    kind: str = typer.Option(
        None, "--kind", help=f"Only records of this kind: {one_of(RECORD_KINDS)}."
    ),
    since: str = typer.Option(
        None,
        "--since",
        metavar="DATE",
        help="Only records dated this day or later. " + DATE_FORMS_HELP,
    ),
    fmt: str = format_option(FORMATS[:4]),
) -> None:
    """List the journal's records, newest first.

    Each record with its day, kind, rep, status (held, planned, or a call review to score)
    and id; 'coachlog show ID' prints one.

    \b
    Example: coachlog log --rep alice --since -4w
    """
    from coachlog.ops.records import record_log
    from coachlog.render.records import log_view

    fmt = resolve_format(fmt, FORMATS[:4])
    st = state(ctx)
    today = st.today
    start = day_from(since, "--since", today) if since is not None else None
    entries = record_log(st.journal(), today, rep=rep, kind=kind, since=start)
    print_view(st, log_view(entries), fmt)


def show(
    ctx: typer.Context,
    record_id: str = RECORD_ID,
    private: bool = typer.Option(
        True, "--private/--no-private", help="Show the Private section and private: fields."
    ),
) -> None:
    """Print a record (front matter and notes), as its file holds it.

    On a terminal, a record longer than the screen goes through the pager ($PAGER, else
    less -FRX). --no-private leaves out its Private section and private: fields (for a shared
    screen).

    \b
    Example: coachlog show 2026-11-24-alice
    """
    from coachlog.cli.terminal import write_paged
    from coachlog.ops.records import read_record
    from coachlog.render.text import visible

    found = read_record(state(ctx).journal(), record_id, private=private)
    write_paged(visible(found.text.replace("\r\n", "\n")))


def edit(ctx: typer.Context, record_id: str = RECORD_ID) -> None:
    """Open a record in your editor ($VISUAL, else $EDITOR).

    What you save is merged with any change made to the record while it was open (a goal
    closed in another terminal), as for 'coachlog new'. Prints the record's path.

    \b
    Example: coachlog edit 2026-11-24-alice
    """
    from coachlog.cli.terminal import edit_at_terminal
    from coachlog.ops.records import find_record

    journal = state(ctx).journal()
    path = find_record(journal, record_id)
    changed = edit_at_terminal(journal, path)
    echo(journal.relative(path))
    if not changed:
        say("No change.")


def search(
    ctx: typer.Context,
    text: str = typer.Argument(
        ..., metavar="TEXT", help="What to look for (case does not matter)."
    ),
    rep: str = typer.Option(
        None, "--rep", help="Only this rep's records and profile.", autocompletion=complete_rep
    ),
    private: bool = typer.Option(
        False, "--private", help="Look in Private sections and private: fields too."
    ),
) -> None:
    """Find TEXT in the records and rep profiles, as path:line: text.

    Private sections and private: fields are left out unless --private is given. Exits 1
    when nothing matches, as grep does.

    \b
    Example: coachlog search "Acme" --rep alice
    """
    from coachlog.ops.records import search as find

    st = state(ctx)
    found = find(st.journal(), text, rep, private=private)
    for match in found:
        echo(f"{match.path}:{match.line}: {match.text}")
    if not found:
        say(f"Nothing matches {text!r}.")
        raise typer.Exit(1)


def move(
    ctx: typer.Context,
    record_id: str = RECORD_ID,
    day: str = typer.Option(
        ..., "--date", metavar="DATE", help="The record's new day. " + DATE_FORMS_HELP
    ),
) -> None:
    """Move a record to another day: file name, id, date and heading.

    One change: the record's file gets the new day's name (its id with it), its date: and the
    day in its heading change, and a 1:1 that lists a moved call review lists it by its new
    id. Prints the new path.

    \b
    Example: coachlog move 2026-11-24-alice --date thursday
    """
    from coachlog.ops.records import move_record

    st = state(ctx)
    today = st.today
    journal = st.journal()
    moved = move_record(journal, record_id, day_from(day, "--date", today))
    echo(journal.relative(moved.path))
    say(f"Moved {moved.old_id} to {moved.new_id}.")
