"""``coachlog rate``: the rep says how helpful the 1:1 was."""

from __future__ import annotations

import typer

from coachlog.cli.common import DATE_FORMS_HELP, REP, day_from, echo, say, state


def rate(
    ctx: typer.Context,
    rep: str = REP,
    rating: str = typer.Argument(..., metavar="N", help="1 (not helpful) to 5 (very helpful)."),
    day: str = typer.Option(
        None,
        "--date",
        metavar="DATE",
        help="Day of the 1:1 (default: the rep's newest 1:1 on or before today; never a "
        "cancelled one). " + DATE_FORMS_HELP,
    ),
    note: str = typer.Option(None, "--note", help="A line on why (kept in the record)."),
) -> None:
    """Record how helpful a 1:1 was for the rep, 1 to 5.

    The rating goes in that 1:1's front matter (helpful:). Reports show the mean.

    \b
    Example: coachlog rate --rep alice 4 --date 2026-11-24 --note "Role play helped"
    """
    from coachlog.ops.rate import rate_one_on_one

    st = state(ctx)
    today = st.today
    when = day_from(day, "--date", today) if day is not None else None
    done = rate_one_on_one(st.journal(), rep, rating, when, note, today)
    echo(done.path)
    was = f" (was {done.previous})" if done.previous is not None else ""
    say(f"1:1 with {rep} on {done.record.date} rated {done.helpful} of 5{was}.")
