"""``reps list``: the reps with their profile, one row each."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from coachlog.render.page import Column, Listing, View

if TYPE_CHECKING:
    from coachlog.model import Rep


def reps_view(reps: Iterable[tuple[str, Rep]]) -> View:
    """``reps``: (handle, profile) pairs, in the order listed."""
    rows = []
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
    listing = Listing("Reps", columns, rows, empty="No reps yet: coachlog reps add HANDLE")
    return View.of_listing(listing)
