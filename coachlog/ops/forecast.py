"""``coachlog forecast``: the rep's forecast numbers, written into the forecast block of their
newest 1:1 on or before the day (not a cancelled one). Only the numbers given change; a block
edited by hand counts the same (``core.forecast``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from coachlog.core import forecast as forecasts
from coachlog.core.amounts import parse_amount, whole
from coachlog.core.calendar import fiscal_calendar
from coachlog.core.forecast import BLOCK_KEYS, FIELDS, ForecastPoint
from coachlog.errors import UsageError
from coachlog.model import OneOnOne
from coachlog.ops.newest import newest_one_on_one
from coachlog.store.journal import Journal, check_handle
from coachlog.store.reading import load_checked
from coachlog.store.transaction import transaction
from coachlog.vocabulary import one_of


@dataclass
class ForecastWritten:
    record: OneOnOne
    path: Path
    point: ForecastPoint
    previous: ForecastPoint | None  # the forecast before it of the same period
    quota: float | None
    replaced: dict[str, tuple[float, float]]  # a number already there it changed: (was, now)


def parse_numbers(given: Mapping[str, str | None]) -> dict[str, float]:
    """The numbers given (``commit``, ``likely``, ``upside``, ``pipeline``) as amounts."""
    found: dict[str, float] = {}
    for name in FIELDS:
        text = given.get(name)
        if text is None:
            continue
        try:
            found[name] = parse_amount(text)
        except ValueError as exc:
            raise UsageError(str(exc), field=name) from None
    if not found:
        raise UsageError(f"give at least one number: {one_of(FIELDS)}", field="commit")
    return found


def record_forecast(
    journal: Journal, rep: str, given: Mapping[str, str | None], day: date | None, today: date
) -> ForecastWritten:
    """Write ``given`` into the forecast block of ``rep``'s newest 1:1 on or before ``day``
    (default: today). A number already there that it changes is named in ``replaced``."""
    check_handle(rep)
    numbers = parse_numbers(given)
    when = day or today
    profile = journal.rep(rep)
    with transaction(journal, "forecast", rep) as change:
        field = "day" if day is not None else "rep"
        record = newest_one_on_one(journal, rep, when, to="hold the forecast", field=field)
        history = journal.records("1on1", rep)
        path = journal.record_path(record)
        doc, _ = load_checked(OneOnOne, path, what="a record")
        block = doc.data.get("forecast")
        if not isinstance(block, dict):
            doc.data["forecast"] = block = {}
        replaced: dict[str, tuple[float, float]] = {}
        for name, value in numbers.items():
            was = block.get(BLOCK_KEYS[name])
            if isinstance(was, int | float) and was != value:
                replaced[name] = (was, value)
            block[BLOCK_KEYS[name]] = whole(value)
        change.name(record.id)
        written: OneOnOne = change.write_document(doc, OneOnOne)
    cal = fiscal_calendar(journal.config)
    point = forecasts.forecast_of(written, cal)
    assert point is not None  # at least one number was just written
    earlier = [r for r in history if r.sort_key < written.sort_key and r.counts_on(when)]
    before = [p for p in forecasts.series(earlier, when, cal) if p.period == point.period]
    previous = before[-1] if before else None
    return ForecastWritten(written, path, point, previous, profile.quota, replaced)
