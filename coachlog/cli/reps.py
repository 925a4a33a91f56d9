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


def _changes(name, manager, experience, opportunities, win_rate, deal_size, cycle_days):  # type: ignore[no-untyped-def]
    from coachlog.ops.reps import RepChanges, parse_rate

    return RepChanges(
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
) -> None:
    """Add a rep.

    \b
    Example: coachlog reps add alice --name "Alice Moreno" --experience developing
        --opportunities 24 --win-rate 25% --deal-size 18000 --cycle-days 60
    """
    from coachlog.ops.reps import add_rep

    journal = state(ctx).journal()
    changes = _changes(name, manager, experience, opportunities, win_rate, deal_size, cycle_days)
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
) -> None:
    """Change a rep's profile; options not given are left as they are.

    \b
    Example: coachlog reps set alice --win-rate 0.28 --cycle-days 55
    """
    from coachlog.ops.reps import set_rep

    journal = state(ctx).journal()
    changes = _changes(name, manager, experience, opportunities, win_rate, deal_size, cycle_days)
    set_rep(journal, handle, changes)
    echo(journal.relative(journal.rep_path(handle)))


@app.command("list")
def list_(
    ctx: typer.Context,
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
    print_view(st, reps_view(list_reps(st.journal())), fmt, email)
