"""``coachlog reps add|set|list``: rep profiles."""

from __future__ import annotations

import typer

from coachlog.cli.common import (
    FROM,
    SUBJECT,
    TO,
    EmailOptions,
    echo,
    format_option,
    print_view,
    resolve_format,
    say,
    state,
)
from coachlog.cli.completing import complete_rep
from coachlog.render.formats import FORMATS
from coachlog.vocabulary import EXPERIENCE_LEVELS, one_of

app = typer.Typer(help="Rep profiles: one YAML file per rep under reps/.", no_args_is_help=True)

NAME = typer.Option(None, "--name", help="Full name.")
MANAGER = typer.Option(None, "--manager", help="Their manager (default: the journal's).")
EXPERIENCE = typer.Option(None, "--experience", help=f"{one_of(EXPERIENCE_LEVELS)}.")
OPPORTUNITIES = typer.Option(None, "--opportunities", help="Open opportunities.")
WIN_RATE = typer.Option(None, "--win-rate", help="Win rate: 25% or 0.25.")
DEAL_SIZE = typer.Option(None, "--deal-size", help="Average deal size.")
CYCLE_DAYS = typer.Option(None, "--cycle-days", help="Average sales cycle in days.")
QUOTA = typer.Option(
    None, "--quota", metavar="N", help="Quota per sales period (pipeline coverage is over it)."
)
EMAIL = typer.Option(
    None, "--email", help="Email address, as the CRM names the deal owner ('import crm')."
)


def _changes(
    name,
    manager,
    experience,
    opportunities,
    win_rate,
    deal_size,
    cycle_days,
    quota=None,
    email=None,
):  # type: ignore[no-untyped-def]
    from coachlog.ops.reps import RepChanges, parse_quota, parse_rate

    return RepChanges(
        quota=parse_quota(quota) if quota is not None else None,
        email=email,
        name=name,
        manager=manager,
        experience=experience,
        opportunities=opportunities,
        win_rate=parse_rate(win_rate) if win_rate is not None else None,
        deal_size=deal_size,
        cycle_days=cycle_days,
    )


@app.command("add")
def add(
    ctx: typer.Context,
    handle: str = typer.Argument(..., help="Short name: lowercase letters, digits, - or _."),
    name: str = NAME,
    manager: str = MANAGER,
    experience: str = EXPERIENCE,
    opportunities: float = OPPORTUNITIES,
    win_rate: str = WIN_RATE,
    deal_size: float = DEAL_SIZE,
    cycle_days: float = CYCLE_DAYS,
    quota: str = QUOTA,
    email: str = EMAIL,
) -> None:
    """Add a rep.

    \b
    Example: coachlog reps add alice --name "Alice Moreno" --experience developing
        --opportunities 24 --win-rate 25% --deal-size 18000 --cycle-days 60 --quota 150000
    """
    from coachlog.ops.reps import add_rep

    journal = state(ctx).journal()
    changes = _changes(
        name, manager, experience, opportunities, win_rate, deal_size, cycle_days, quota, email
    )
    add_rep(journal, handle, changes)
    echo(journal.relative(journal.rep_path(handle)))
    say(f"Added {handle}. Next: coachlog new 1on1 --rep {handle}")


@app.command("set")
def set_(
    ctx: typer.Context,
    handle: str = typer.Argument(..., help="The rep's handle.", autocompletion=complete_rep),
    name: str = NAME,
    manager: str = MANAGER,
    experience: str = EXPERIENCE,
    opportunities: float = OPPORTUNITIES,
    win_rate: str = WIN_RATE,
    deal_size: float = DEAL_SIZE,
    cycle_days: float = CYCLE_DAYS,
    quota: str = QUOTA,
    email: str = EMAIL,
) -> None:
    """Change a rep's profile; options not given are left as they are.

    \b
    Example: coachlog reps set alice --quota 150000 --email alice@example.com
    """
    from coachlog.ops.reps import set_rep

    journal = state(ctx).journal()
    changes = _changes(
        name, manager, experience, opportunities, win_rate, deal_size, cycle_days, quota, email
    )
    set_rep(journal, handle, changes)
    echo(journal.relative(journal.rep_path(handle)))


@app.command("list")
def list_(
    ctx: typer.Context,
    every: bool = typer.Option(False, "--all", help="Archived reps too, marked as such."),
    fmt: str = format_option(FORMATS),
    to: str = TO,
    sender: str = FROM,
    subject: str = SUBJECT,
) -> None:
    """List the reps with their profile.

    \b
    Example: coachlog reps list --format csv
    """
    from coachlog.ops.reps import list_reps
    from coachlog.render.reps import reps_view

    fmt = resolve_format(fmt, FORMATS)
    email = EmailOptions(to, sender, subject)
    email.check(fmt)
    st = state(ctx)
    journal = st.journal()
    archived = set(journal.archived_handles()) if every else None
    print_view(st, reps_view(list_reps(journal, archived=every), archived), fmt, email)


@app.command("rename")
def rename(
    ctx: typer.Context,
    old: str = typer.Argument(
        ..., metavar="OLD", help="The rep's handle now.", autocompletion=complete_rep
    ),
    new: str = typer.Argument(..., metavar="NEW", help="The new handle."),
) -> None:
    """Rename a rep everywhere: profile, records' file names, ids and rep: fields.

    One change: every file that names the rep is renamed or rewritten, or none is (a record of
    the rep that does not read stops it). Goals, their history and notes stay as they are.
    Prints the new profile's path.

    \b
    Example: coachlog reps rename alice alice-moreno
    """
    from coachlog.ops.roster import rename_rep

    journal = state(ctx).journal()
    done = rename_rep(journal, old, new)
    echo(journal.relative(done.profile))
    plural = "" if done.records == 1 else "s"
    say(f"Renamed {old} to {new}: the profile and {done.records} record{plural}.")


@app.command("archive")
def archive(
    ctx: typer.Context,
    handle: str = typer.Argument(..., help="The rep's handle.", autocompletion=complete_rep),
    undo: bool = typer.Option(False, "--undo", help="Bring an archived rep back to the team."),
) -> None:
    """Archive a rep who left the team: history kept, left out of reports and lists.

    The profile moves to reps/archived/; the rep's records stay as they are. Reports,
    goals open, reps list and completion leave the rep out; reps list --all, log, show and
    search still find them. --undo brings them back.

    \b
    Example: coachlog reps archive bob
    """
    from coachlog.ops.roster import archive_rep

    journal = state(ctx).journal()
    done = archive_rep(journal, handle, undo=undo)
    echo(journal.relative(done.profile))
    say(f"Archived {handle}." if done.archived else f"{handle} is back on the team.")
