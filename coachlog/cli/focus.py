"""``coachlog focus set|show``: the rep's #1 behaviour and its action plan."""

from __future__ import annotations

import typer

from coachlog.cli.common import (
    DATE_FORMS_HELP,
    day_from,
    echo,
    flag_for,
    format_option,
    print_view,
    resolve_format,
    say,
    state,
    warn,
)
from coachlog.render.formats import READING

app = typer.Typer(
    help="The #1 behaviour a rep works on, its action plan and field dates.",
    no_args_is_help=True,
)


@app.command("set")
def set_(
    ctx: typer.Context,
    behaviour: str = typer.Argument(..., metavar="TEXT", help="The one behaviour to change."),
    rep: str = typer.Option(..., "--rep", help="The rep's handle."),
    plan: str = typer.Option(None, "--plan", help="How the rep will work on it."),
    field_dates: str = typer.Option(
        None,
        "--field-dates",
        metavar="D,D",
        help="Days you will coach in the field, comma-separated; each becomes your commitment "
        "(an action goal you own, due that day). Each: " + DATE_FORMS_HELP,
    ),
) -> None:
    """Set the rep's #1 behaviour (one at a time: the previous one goes to the history) with
    its action plan and the manager's field-coaching dates. Prints the profile's path.

    \b
    Example: coachlog focus set --rep alice "Ask for the next step before hanging up"
        --plan "Write the ask into every call plan" --field-dates 2026-12-03,2026-12-10
    """
    from coachlog.ops.focus import set_focus

    st = state(ctx)
    today = st.today
    dates = []
    if field_dates is not None:
        parts = [p.strip() for p in field_dates.split(",")]
        if not any(parts):
            raise _usage("give one or more days, like 2026-12-03,2026-12-10")
        for part in parts:
            if not part:
                raise _usage(f"{field_dates!r} has an empty day between commas")
            dates.append(day_from(part, "--field-dates", today))
    journal = st.journal()
    change = set_focus(journal, rep, behaviour, plan, dates, today)
    for notice in change.warnings:
        warn(notice.say(lambda field: flag_for(ctx, field)))
    echo(journal.relative(change.path))
    if change.updated:
        say(f"{rep}'s #1 behaviour is unchanged; its plan and field dates were updated.")
    else:
        was = f" (was: {change.previous.behaviour})" if change.previous else ""
        say(f"{rep}'s #1 behaviour since {change.focus.since}: {change.focus.behaviour}{was}")
    for added in change.commitments:
        goal = added.state.goal
        say(f"Your commitment {goal.id}: field coaching with {rep}, due {goal.due}.")


def _usage(message: str) -> Exception:
    from coachlog.errors import UsageError

    return UsageError(message, flag="--field-dates")


@app.command("show")
def show(
    ctx: typer.Context,
    rep: str = typer.Option(..., "--rep", help="The rep's handle."),
    fmt: str = format_option(READING),
) -> None:
    """Show the rep's #1 behaviour, its action plan and field dates, and the earlier ones.

    \b
    Example: coachlog focus show --rep alice
    """
    from coachlog.ops.focus import show_focus
    from coachlog.render.focus import focus_view

    fmt = resolve_format(fmt, READING)
    st = state(ctx)
    print_view(st, focus_view(rep, show_focus(st.journal(), rep)), fmt)
