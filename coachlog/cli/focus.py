"""``coachlog focus set|show``: the rep's #1 behaviour and its action plan."""

from __future__ import annotations

from datetime import date

import typer

from coachlog.cli.common import (
    DATE_FORMS_HELP,
    REP,
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
    help="The #1 behaviour a rep works on, its plan and field dates.",
    no_args_is_help=True,
)


@app.command("set")
def set_(
    ctx: typer.Context,
    behaviour: str = typer.Argument(..., metavar="TEXT", help="The one behaviour to change."),
    rep: str = REP,
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

    The field dates go into the rep's newest 1:1; a rep with no 1:1 yet gets an action plan
    record of its own (plans/) to hold them, and the first 1:1 rolls the open ones forward.
    Run again for the same behaviour, --field-dates replaces its open field dates (a date left
    out is dropped). A new behaviour drops the previous one's open field dates, with a note,
    and asks whether it stuck: answer with 'coachlog focus close --rep R --stuck yes|partly|no'.

    \b
    Example: coachlog focus set --rep alice "Ask for the next step before hanging up"
        --plan "Write the ask into every call plan" --field-dates 2026-12-03,2026-12-10
    """
    from coachlog.ops.focus import set_focus

    st = state(ctx)
    today = st.today
    dates: list[date] | None = None
    if field_dates is not None:
        dates = []
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
    if change.updated and not change.changed:
        say(f"{rep}'s #1 behaviour, plan and field dates are already so; nothing changed.")
    elif change.updated:
        say(f"{rep}'s #1 behaviour is unchanged; its plan and field dates were updated.")
    else:
        was = f" (was: {change.previous.behaviour})" if change.previous else ""
        say(f"{rep}'s #1 behaviour since {change.focus.since}: {change.focus.behaviour}{was}")
    for dropped in change.dropped:
        goal = dropped.state.goal
        say(f"Dropped your field date {goal.due} ({goal.id}): no longer planned.")
    for added in change.commitments:
        goal = added.state.goal
        say(f"Your commitment {goal.id}: field coaching with {rep}, due {goal.due}.")
    if change.previous is not None:
        say(
            f"Did '{change.previous.behaviour}' stick? Record it: "
            f"coachlog focus close --rep {rep} --stuck yes|partly|no"
        )


def _usage(message: str) -> Exception:
    from coachlog.errors import UsageError

    return UsageError(message, flag="--field-dates")


@app.command("close")
def close(
    ctx: typer.Context,
    rep: str = REP,
    stuck: str = typer.Option(
        ..., "--stuck", metavar="yes|partly|no", help="Whether the behaviour stuck."
    ),
) -> None:
    """Record whether a #1 behaviour stuck: the one a new #1 just replaced, or else the
    current one, which ends today (its open field dates are dropped). Prints the profile's
    path.

    Reports count the behaviours closed in their window and how many stuck.

    \b
    Example: coachlog focus close --rep alice --stuck partly
    """
    from coachlog.ops.focus import close_focus

    st = state(ctx)
    journal = st.journal()
    closed = close_focus(journal, rep, stuck, st.today)
    echo(journal.relative(closed.path))
    focus = closed.focus
    if closed.answered:
        say(f"{rep}'s #1 behaviour '{focus.behaviour}' (until {focus.until}) stuck: {stuck}.")
    else:
        say(f"{rep}'s #1 behaviour '{focus.behaviour}' closed on {focus.until}; stuck: {stuck}.")
        say(f"Pick the next one with: coachlog focus set --rep {rep} TEXT")
    for dropped in closed.dropped:
        goal = dropped.state.goal
        say(f"Dropped your field date {goal.due} ({goal.id}): no longer planned.")


@app.command("show")
def show(
    ctx: typer.Context,
    rep: str = REP,
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
