"""``coachlog whatif``: sales velocity before and after changes to the engine's pistons."""

from __future__ import annotations

import typer

from coachlog.cli.common import REP, format_option, print_view, resolve_format, state
from coachlog.render.formats import READING


def whatif(
    ctx: typer.Context,
    rep: str = REP,
    opportunities: str = typer.Option(
        None, "--opportunities", metavar="CHANGE", help="+10% / -10%, or the new count."
    ),
    win_rate: str = typer.Option(
        None,
        "--win-rate",
        metavar="CHANGE",
        help="+2pt (percentage points), +5% (relative), or the new rate as 0.3.",
    ),
    deal_size: str = typer.Option(
        None, "--deal-size", metavar="CHANGE", help="+5% / -5%, or the new deal size."
    ),
    cycle_days: str = typer.Option(
        None, "--cycle", metavar="CHANGE", help="-10% / +10%, or the new cycle in days."
    ),
    fmt: str = format_option(READING),
) -> None:
    """Sales velocity now, and after a change to the pistons.

    Velocity is opportunities x win rate x deal size / cycle days (revenue per day). Shows it
    now and after the changes, from the pistons in the rep's profile (coachlog reps set), and
    whether the change reaches the 10% lift a performance goal aims for.

    \b
    Example: coachlog whatif --rep alice --opportunities +10% --win-rate +2pt --cycle -10%
    """
    from coachlog.ops.whatif import rep_what_if
    from coachlog.render.whatif import whatif_view

    fmt = resolve_format(fmt, READING)
    st = state(ctx)
    given = {
        "opportunities": opportunities,
        "win_rate": win_rate,
        "deal_size": deal_size,
        "cycle_days": cycle_days,
    }
    result = rep_what_if(st.journal(), rep, given)
    print_view(st, whatif_view(rep, result), fmt)
