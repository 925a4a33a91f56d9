"""The 1:1 a change about a rep writes into: the rep's newest 1:1 dated on or before the day,
not a cancelled one (a cancelled 1:1 did not happen, so no goal, forecast, rating or
field-coaching commitment is written into it). ``goals add``, ``forecast``, ``rate`` and
``focus set`` all choose it here.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from coachlog.errors import NotFoundError
from coachlog.store.journal import Journal

if TYPE_CHECKING:  # not imported to run: ``goals open`` imports no pydantic
    from coachlog.model import OneOnOne


def newest_one_on_one(
    journal: Journal,
    rep: str,
    day: date,
    *,
    to: str,
    on: date | None = None,
    field: str = "rep",
    hint: str | None = None,
) -> OneOnOne:
    """``rep``'s newest 1:1 dated on or before ``day`` (with ``on``: dated that day) that was
    not cancelled. With none, a clear error that says what it was wanted ``to`` do, and names
    the newest one when that one was cancelled."""
    dated = [
        r for r in journal.records("1on1", rep) if r.date <= day and (on is None or r.date == on)
    ]
    standing = [r for r in dated if r.status != "cancelled"]
    if standing:
        return standing[-1]
    when = f"on {on}" if on is not None else f"on or before {day}"
    message = f"{rep} has no 1:1 {when} to {to}"
    if dated:
        message += f": the newest, {dated[-1].id}, was cancelled"
    raise NotFoundError(
        message,
        field=field,
        hint=hint or f"run 'coachlog new 1on1 --rep {rep}' first",
    )
