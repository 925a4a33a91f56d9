"""``coachlog whatif``: sales velocity before and after changes to the engine's pistons."""

from __future__ import annotations

from typing import Any

import typer

from coachlog.cli.common import echo, state


def whatif(
    ctx: typer.Context,
    rep: str = typer.Option(..., "--rep", help="The rep's handle."),
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
    fmt: str = typer.Option(None, "--format", "-f", help="table, markdown or json."),
) -> None:
    """Sales velocity (opportunities x win rate x deal size / cycle days: revenue per day)
    now and after the changes, from the pistons in the rep's profile (coachlog reps set), and
    whether the change reaches the 10% lift a performance goal aims for.

    \b
    Example: coachlog whatif --rep alice --opportunities +10% --win-rate +2pt --cycle -10%
    """
    from coachlog.ops.whatif import rep_what_if
    from coachlog.render.formats import resolve_format, to_json

    fmt = resolve_format(fmt, ("table", "markdown", "json"))
    st = state(ctx)
    given = {
        "opportunities": opportunities,
        "win_rate": win_rate,
        "deal_size": deal_size,
        "cycle_days": cycle_days,
    }
    result = rep_what_if(st.journal(), rep, given)
    if fmt == "json":
        echo(to_json(whatif_data(rep, result)))
    else:
        echo(_render_text(rep, result, fmt))


def _num(value: float) -> float:
    """A float without binary noise (0.27, not 0.27000000000000002)."""
    return float(f"{value:.12g}")


def whatif_data(rep: str, result: Any) -> dict[str, Any]:
    from coachlog.core.coaching import PISTONS, TARGET_LIFT_PCT

    def side(pistons: Any) -> dict[str, float]:
        return {
            "velocity": _num(pistons.velocity),
            **{name: _num(getattr(pistons, name)) for name in PISTONS},
        }

    pct = result.change_pct
    return {
        "rep": rep,
        "changes": {name: change.text for name, change in result.changes.items()},
        "before": side(result.before),
        "after": side(result.after),
        "change_pct": None if pct is None else _num(pct),
        "target_pct": TARGET_LIFT_PCT,
        "reaches_target": result.reaches_target,
    }


def _money(value: float) -> str:
    return f"{value:,.2f}"


def _count(value: float) -> str:
    return f"{value:,.2f}".rstrip("0").rstrip(".")


def _pct(before: float, after: float) -> str | None:
    if before == 0:
        return None
    change = (after / before - 1) * 100
    return f"{change:+.1f}%"


def _render_text(rep: str, result: Any, fmt: str) -> str:
    from coachlog.core.coaching import TARGET_LIFT_PCT
    from coachlog.render.listing import Column, Listing, render_listing

    before, after = result.before, result.after
    shown = [
        ("Open opportunities", "opportunities", _count),
        ("Win rate", "win_rate", lambda v: f"{_count(v * 100)}%"),
        ("Deal size", "deal_size", _money),
        ("Sales cycle (days)", "cycle_days", _count),
        ("Sales velocity (per day)", "velocity", _money),
    ]
    rows = []
    for label, key, show in shown:
        was, now = getattr(before, key), getattr(after, key)
        change = _pct(was, now)
        if key == "win_rate" and was != now:
            change = f"{(now - was) * 100:+.1f}pt"
        rows.append(
            {
                "piston": label,
                "before": show(was),
                "after": show(now),
                "change": change if was != now else "",
            }
        )
    pct = result.change_pct
    if pct is None:
        verdict = "The engine stands still now (a piston is 0), so there is no percent change."
    elif result.reaches_target:
        verdict = (
            f"Velocity {pct:+.1f}%: reaches the method's {TARGET_LIFT_PCT:g}% lift for a "
            "performance goal."
        )
    else:
        verdict = (
            f"Velocity {pct:+.1f}%: short of the method's {TARGET_LIFT_PCT:g}% lift for a "
            "performance goal; aim higher or tune another piston."
        )
    columns = [
        Column("piston", "Piston"),
        Column("before", "Before", "right"),
        Column("after", "After", "right"),
        Column("change", "Change", "right"),
    ]
    listing = Listing(f"What if: {rep}'s sales engine", columns, rows, notes=[verdict])
    return render_listing(listing, fmt)
