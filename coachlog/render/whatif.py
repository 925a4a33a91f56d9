"""``whatif``: sales velocity before and after changes to the engine's pistons, as a table of
the pistons and a verdict against the lift a performance goal aims for."""

from __future__ import annotations

from typing import Any

from coachlog.core.coaching import PISTONS, TARGET_LIFT_PCT, Pistons, WhatIf
from coachlog.render.page import Column, Listing, Page, View


def _num(value: float) -> float:
    """A float without binary noise (0.27, not 0.27000000000000002)."""
    return float(f"{value:.12g}")


def whatif_data(rep: str, result: WhatIf) -> dict[str, Any]:
    def side(pistons: Pistons) -> dict[str, float]:
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


def whatif_listing(rep: str, result: WhatIf) -> Listing:
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
    return Listing(f"What if: {rep}'s sales engine", columns, rows, notes=[verdict])


def whatif_view(rep: str, result: WhatIf) -> View:
    """Sales velocity before and after: a table of the pistons, and the numbers as JSON."""
    listing = whatif_listing(rep, result)
    return View(Page(listing.title, [listing], heading=False), whatif_data(rep, result))
