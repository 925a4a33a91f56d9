"""``coachlog whatif``: the rep's sales velocity now and with the changes given."""

from __future__ import annotations

from collections.abc import Mapping

from coachlog.core.coaching import PISTON_NAMES, PISTONS, Pistons, WhatIf, parse_change, what_if
from coachlog.errors import CoachlogError
from coachlog.store.journal import Journal


def rep_pistons(journal: Journal, rep: str) -> Pistons:
    """The four pistons from ``rep``'s profile; a missing one is an error saying how to set it."""
    engine = journal.rep(rep).engine
    missing = [name for name in PISTONS if getattr(engine, name) is None]
    if missing:
        names = [PISTON_NAMES[name] for name in missing]
        listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        raise CoachlogError(
            f"{rep}'s profile has no number for the {listed} yet; the what-if needs all four "
            "pistons of the sales engine",
            field="rep",
            hint=f"set it with 'coachlog reps set {rep}'"
            if len(missing) == 1
            else f"set them with 'coachlog reps set {rep}', an option for each",
        )
    return Pistons(
        opportunities=float(engine.opportunities),  # type: ignore[arg-type]
        win_rate=float(engine.win_rate),  # type: ignore[arg-type]
        deal_size=float(engine.deal_size),  # type: ignore[arg-type]
        cycle_days=float(engine.cycle_days),  # type: ignore[arg-type]
    )


def rep_what_if(journal: Journal, rep: str, given: Mapping[str, str | None]) -> WhatIf:
    """``rep``'s engine before and after the changes ``given`` (piston name -> the flag's
    text, ``None`` for no change)."""
    changes = {name: parse_change(text, name) for name, text in given.items() if text is not None}
    return what_if(rep_pistons(journal, rep), changes)
