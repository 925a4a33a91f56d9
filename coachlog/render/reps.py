"""``reps list``: the reps with their profile, one row each."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from coachlog.render.page import Column, Listing, View

if TYPE_CHECKING:
    from coachlog.model import Rep


def reps_view(reps: Iterable[tuple[str, Rep]], archived: set[str] | None = None) -> View:
    """``reps``: (handle, profile) pairs, in the order listed; with ``archived`` (handles), a
    column says which reps are archived."""
    rows: list[dict[str, Any]] = []
    for handle, rep in reps:
        rows.append(
            {
                "rep": handle,
                "name": rep.name,
                "manager": rep.manager,
                "experience": rep.experience,
                "opportunities": rep.engine.opportunities,
                "win_rate": rep.engine.win_rate,
                "deal_size": rep.engine.deal_size,
                "cycle_days": rep.engine.cycle_days,
                "quota": rep.quota,
                "email": rep.email,
                "focus": rep.focus.behaviour if rep.focus else None,
                **({"archived": handle in archived} if archived is not None else {}),
            }
        )
    columns = [
        Column("rep", "Rep"),
        Column("name", "Name"),
        Column("manager", "Manager"),
        Column("experience", "Experience"),
        Column("opportunities", "Opps", "right"),
        Column("win_rate", "Win rate", "right"),
        Column("deal_size", "Deal size", "right"),
        Column("cycle_days", "Cycle days", "right"),
        Column("quota", "Quota", "right"),
        Column("focus", "#1 behaviour"),
    ]
    if archived:
        columns.insert(1, Column("status", "Status"))
    shown = [{**row, "win_rate": _percent(row["win_rate"]), "status": _status(row)} for row in rows]
    listing = Listing("Reps", columns, shown, empty="No reps yet: coachlog reps add HANDLE")
    listing.json_rows = rows  # JSON and CSV keep the rate as a fraction (0.25)
    return View.of_listing(listing)


def _percent(rate: float | None) -> str | None:
    """A win rate as people type it: ``25%`` for 0.25, ``27.5%`` for 0.275."""
    return None if rate is None else f"{round(rate * 100, 2):g}%"


def _status(row: dict[str, Any]) -> str:
    return "archived" if row.get("archived") else ""
