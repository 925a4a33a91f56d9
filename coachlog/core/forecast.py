"""Forecast numbers as data: what each 1:1's forecast block says, the series over time, the
change since the previous 1:1, and pipeline coverage. Pure: records in, numbers out.

A 1:1's ``forecast:`` block holds ``commit``, ``most_likely``, ``upside`` (the current period)
and ``next_period_pipeline``; ``coachlog forecast`` writes it and a hand edit counts the same.
A block with no number is no forecast. Only 1:1s a report counts carry a forecast into it
(``model.OneOnOne.counts_on``: not cancelled, dated on or before the day it is as of).

- **Same period only**: commit, most likely and upside forecast the current period, and the
  pipeline is built for the next one, so a number is compared only with one of the same period
  (each point's ``period``: the 1:1's ``period:`` field, else the period of its day in the
  journal's calendar). A new period's first forecast has no change and no fall.
- **Commit falling**: the newest forecast's commit is below the commit of the forecast before
  it in the same period (the rep's previous 1:1 with a commit, in the window or before it).
- **Pipeline coverage**: next period's pipeline over the rep's period ``quota``; below the
  config's ``pipeline_coverage`` (3 by default) it is flagged.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from coachlog.core.amounts import whole
from coachlog.core.calendar import FiscalCalendar, period_of
from coachlog.model import OneOnOne

FIELDS: tuple[str, ...] = ("commit", "likely", "upside", "pipeline")
"""The numbers of a forecast, as reports and the ``forecast`` command name them."""

BLOCK_KEYS: dict[str, str] = {
    "commit": "commit",
    "likely": "most_likely",
    "upside": "upside",
    "pipeline": "next_period_pipeline",
}
"""Each number's key in a 1:1's ``forecast:`` block."""


@dataclass(frozen=True)
class ForecastPoint:
    """One 1:1's forecast: the day, the record, the four numbers (``None``: not given) and the
    sales period it forecasts."""

    date: date
    record: str
    commit: float | None
    likely: float | None
    upside: float | None
    pipeline: float | None
    period: str = ""

    def value(self, name: str) -> float | None:
        return getattr(self, name)  # type: ignore[no-any-return]


def period_label(day: date, cal: FiscalCalendar) -> str:
    """The label of the sales period holding ``day`` (``FY2027-Q4``); empty for a day whose
    fiscal year runs past the calendar's last day."""
    try:
        return period_of(day, cal).label
    except (ValueError, OverflowError):
        return ""


def forecast_of(record: OneOnOne, cal: FiscalCalendar) -> ForecastPoint | None:
    """The forecast ``record`` holds, or ``None`` when its block has no number; its period is
    the 1:1's ``period:``, else the period of its day in ``cal``."""
    block = record.forecast  # (its keys: ``BLOCK_KEYS``)
    commit, likely = whole(block.commit), whole(block.most_likely)
    upside, pipeline = whole(block.upside), whole(block.next_period_pipeline)
    if commit is None and likely is None and upside is None and pipeline is None:
        return None
    period = record.period.strip() or period_label(record.date, cal)
    return ForecastPoint(record.date, record.id, commit, likely, upside, pipeline, period)


def series(
    one_on_ones: Iterable[OneOnOne], as_of: date, cal: FiscalCalendar
) -> list[ForecastPoint]:
    """The forecasts of the 1:1s that count as of ``as_of``, oldest first."""
    ordered = sorted(one_on_ones, key=lambda r: r.sort_key)
    return [p for r in ordered if r.counts_on(as_of) and (p := forecast_of(r, cal)) is not None]


def change(newer: ForecastPoint, older: ForecastPoint | None) -> dict[str, float | None]:
    """Each number's change from ``older`` to ``newer`` (``None`` where either lacks it, or
    where ``older`` forecast another period)."""
    if older is not None and older.period != newer.period:
        older = None
    found: dict[str, float | None] = {}
    for name in FIELDS:
        a, b = newer.value(name), older.value(name) if older is not None else None
        found[name] = a - b if a is not None and b is not None else None
    return found


def previous_commit(points: Sequence[ForecastPoint], newest: ForecastPoint) -> float | None:
    """The commit of the last forecast of ``newest``'s period before it in ``points`` (oldest
    first) that has one."""
    at = len(points)  # where ``newest`` is (most often last): looked for from the end
    for n in range(len(points) - 1, -1, -1):
        if points[n] is newest or points[n] == newest:
            at = n
            break
    for n in range(at - 1, -1, -1):
        point = points[n]
        if point.commit is not None and point.period == newest.period:
            return point.commit
    return None


def commit_changes(
    points: Sequence[ForecastPoint], shown: Sequence[ForecastPoint]
) -> tuple[float | None, ...]:
    """Each commit of ``shown`` less the previous commit of its period in ``points`` (``None``
    where there is none: a new period's first forecast). One pass over ``points`` (a report
    over years shows hundreds of forecasts a rep)."""
    last: dict[str, float] = {}  # each period's latest commit so far
    before: dict[str, float | None] = {}  # each 1:1's previous commit of its period
    for point in points:
        before[point.record] = last.get(point.period)
        if point.commit is not None:
            last[point.period] = point.commit
    found: list[float | None] = []
    for point in shown:
        previous = (
            before[point.record] if point.record in before else previous_commit(points, point)
        )
        ok = point.commit is not None and previous is not None
        found.append(point.commit - previous if ok else None)  # type: ignore[operator]
    return tuple(found)


def commit_fell(points: Sequence[ForecastPoint], newest: ForecastPoint | None) -> bool:
    """True when ``newest``'s commit is below the previous forecast's commit."""
    if newest is None or newest.commit is None:
        return False
    before = previous_commit(points, newest)
    return before is not None and newest.commit < before


def coverage(point: ForecastPoint | None, quota: float | None) -> float | None:
    """Next period's pipeline over the quota, to two places; ``None`` without both (or a
    quota of 0)."""
    if point is None or point.pipeline is None or not quota:
        return None
    return round(point.pipeline / quota, 2)
