"""``import crm`` as a view: per rep, each piston before and after and the deals behind it."""

from __future__ import annotations

from typing import Any

from coachlog.core.amounts import amount_text
from coachlog.core.crm import Imported, RepImport
from coachlog.render.page import Column, Listing, View

PISTON_WORDS = {
    "opportunities": "open opportunities",
    "win_rate": "win rate",
    "deal_size": "deal size",
    "cycle_days": "cycle days",
}


def piston_text(name: str, value: float | None) -> str:
    if value is None:
        return "-"
    if name == "win_rate":
        return f"{value * 100:.1f}%".replace(".0%", "%")
    if name == "deal_size":
        return amount_text(round(value))
    return f"{value:g}"


def moved(item: RepImport, name: str) -> str:
    before, after = item.before[name], item.after[name]
    if before == after:
        return piston_text(name, after)
    return f"{piston_text(name, before)} -> {piston_text(name, after)}"


def imported_data(done: Imported) -> dict[str, Any]:
    return {
        "file": done.file,
        "dry_run": done.dry_run,
        "columns": dict(done.columns),
        "deals": done.deals,
        "reps": [
            {
                "rep": r.rep,
                "owners": list(r.owners),
                "deals": r.deals,
                "open": r.open,
                "won": r.won,
                "lost": r.lost,
                "before": dict(r.before),
                "after": dict(r.after),
                "changed": r.changed,
            }
            for r in done.reps
        ],
        "unmatched": [{"owner": o, "deals": n} for o, n in done.unmatched.items()],
        "written": list(done.written),
    }


def imported_view(done: Imported) -> View:
    rows = [
        {
            "rep": r.rep,
            **{name: moved(r, name) for name in PISTON_WORDS},
            "deals": f"{r.open} open; {r.won} won, {r.lost} lost in 365 days",
        }
        for r in done.reps
    ]
    columns = [
        Column("rep", "Rep"),
        Column("opportunities", "Open opps", "right"),
        Column("win_rate", "Win rate", "right"),
        Column("deal_size", "Deal size", "right"),
        Column("cycle_days", "Cycle days", "right"),
        Column("deals", "Deals"),
    ]
    what = "would change (dry run: nothing written)" if done.dry_run else "changed"
    notes = [
        f"- {r.rep}: " + (", ".join(PISTON_WORDS[k] for k in r.changed) + f" {what}")
        if r.changed
        else f"- {r.rep}: no change"
        for r in done.reps
    ]
    listing = Listing(
        f"CRM import: pistons from {done.deals} deal{'' if done.deals == 1 else 's'}",
        columns,
        rows,
        empty="No deal owner matched a rep.",
        notes=notes,
    )
    view = View.of_listing(listing)
    return View(view.page, imported_data(done), view.table)
