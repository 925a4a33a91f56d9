"""The sales calendar: fiscal years, periods (months or fiscal quarters) and their phases.

A period is cut in thirds by days: with ``day`` the d-th day (from 0) of an L-day period it is
``early`` when 3d < L, ``mid`` when 3d < 2L, else ``late``. A day fewer than ``year_end_days``
days before the fiscal year's last day (that day included) is ``year-end`` whatever its third.

Fiscal years are named by the calendar year they end in (a year starting 2026-02-01 is FY2027);
a fiscal year that starts on January 1 is named by its own year.

Every span of days here, a fiscal period or a report's window, is one type: ``Period``.
"""

from __future__ import annotations

from calendar import month_name, monthrange
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from coachlog import defaults
from coachlog.vocabulary import PERIOD_KINDS, PeriodKind, Phase, SpanKind, one_of, parse_month_day

if TYPE_CHECKING:
    from coachlog.model import JournalConfig

_DEFAULT_START = parse_month_day(defaults.FISCAL_YEAR_START)


@dataclass(frozen=True)
class FiscalCalendar:
    """How a team's year is cut: period kind, fiscal year start, and the year-end window."""

    period: PeriodKind = defaults.PERIOD
    start_month: int = _DEFAULT_START[0]
    start_day: int = _DEFAULT_START[1]
    year_end_days: int = defaults.YEAR_END_DAYS

    def __post_init__(self) -> None:
        if self.period not in PERIOD_KINDS:
            raise ValueError(f"period must be {one_of(PERIOD_KINDS)}, not {self.period!r}")
        parse_month_day(f"{self.start_month:02d}-{self.start_day:02d}")
        if self.year_end_days < 0:
            raise ValueError("year_end_days must be zero or more")


def fiscal_calendar(config: JournalConfig) -> FiscalCalendar:
    """The calendar a journal's config describes."""
    month, day = parse_month_day(config.fiscal_year_start)
    return FiscalCalendar(config.period, month, day, config.year_end_days)


@dataclass(frozen=True)
class Period:
    """Whole days from ``start`` to ``end``, both included, and a label: a month or fiscal
    quarter of the sales calendar (``period_of``: ``FY2027-Q1``, ``2026-11``), or a window of
    days a report covers (``span``: ``November 2026``, ``2026-11-01 to 2026-11-15``)."""

    kind: SpanKind
    label: str
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def fiscal_year_start(day: date, cal: FiscalCalendar) -> date:
    """The first day of the fiscal year that holds ``day``."""
    start = date(day.year, cal.start_month, cal.start_day)
    return start if start <= day else date(day.year - 1, cal.start_month, cal.start_day)


def fiscal_year_end(day: date, cal: FiscalCalendar) -> date:
    """The last day of the fiscal year that holds ``day``."""
    start = fiscal_year_start(day, cal)
    return date(start.year + 1, cal.start_month, cal.start_day) - timedelta(days=1)


def fiscal_year_label(day: date, cal: FiscalCalendar) -> str:
    """``FY2027`` for the fiscal year that holds ``day``, named by the year it ends in."""
    return f"FY{fiscal_year_end(day, cal).year}"


def period_of(day: date, cal: FiscalCalendar) -> Period:
    """The month or fiscal quarter that holds ``day``."""
    fy_start = fiscal_year_start(day, cal)
    step = 1 if cal.period == "month" else 3
    index = 0
    # At most 12 steps: periods are counted from the fiscal year start, never chained, so a
    # start on the 31st stays on the 31st where the month has one.
    while fy_start + relativedelta(months=step * (index + 1)) <= day:
        index += 1
    start = fy_start + relativedelta(months=step * index)
    end = fy_start + relativedelta(months=step * (index + 1)) - timedelta(days=1)
    if cal.period == "quarter":
        label = f"{fiscal_year_label(day, cal)}-Q{index + 1}"
    elif cal.start_day == 1:
        label = f"{start.year:04d}-{start.month:02d}"
    else:
        label = f"{fiscal_year_label(day, cal)}-M{index + 1:02d}"
    return Period(kind=cal.period, label=label, start=start, end=end)


def phase_of(day: date, cal: FiscalCalendar) -> Phase:
    """Where ``day`` stands in its period: early, mid, late, or year-end."""
    if (fiscal_year_end(day, cal) - day).days < cal.year_end_days:
        return "year-end"
    period = period_of(day, cal)
    d, length = (day - period.start).days, period.days
    if 3 * d < length:
        return "early"
    if 3 * d < 2 * length:
        return "mid"
    return "late"


def span(start: date, end: date) -> Period:
    """The days from ``start`` to ``end``: kind ``month`` and labelled by its name where that is
    one whole calendar month (``November 2026``), else kind ``days`` and labelled by its ends."""
    whole_month = start.day == 1 and end == month_end(start)
    if whole_month:
        return Period("month", f"{month_name[start.month]} {start.year}", start, end)
    return Period("days", f"{start.isoformat()} to {end.isoformat()}", start, end)


def month_end(day: date) -> date:
    """The last day of the calendar month holding ``day``."""
    return day.replace(day=monthrange(day.year, day.month)[1])


def month_window(day: date) -> Period:
    """The calendar month holding ``day`` (a report's window, by default)."""
    return span(day.replace(day=1), month_end(day))
